use chrono::Weekday;
use companion_core::{Recurrence, SessionFields, SessionKind, parse_weekday};

use super::Ctx;
use crate::args::{SessionCommand, SessionFieldArgs};
use crate::output;
use crate::{Failure, Outcome};

pub fn run(ctx: &mut Ctx, c: SessionCommand) -> Outcome {
    match c {
        SessionCommand::Add(a) => {
            let json = a.fields.json;
            let recurrence = match parse_weekdays(a.fields.weekdays.as_deref())? {
                Some(weekdays) => Some(Some(Recurrence {
                    weekdays,
                    interval_weeks: a.fields.every_weeks.unwrap_or(1),
                    until: a.fields.until,
                    count: a.fields.count,
                })),
                None if has_rule(&a.fields) => {
                    return Err(Failure::Message(
                        "--every-weeks, --until and --count need --weekdays".into(),
                    ));
                }
                None => None,
            };
            let mut fields = fields(&a.fields)?;
            fields.title = Some(a.title);
            fields.start = Some(a.start);
            fields.time_zone = Some(a.tz.unwrap_or_else(|| ctx.zone.clone()));
            fields.recurrence = recurrence;
            let s = ctx.store.add_session(&fields)?;
            if json {
                return output::json(&s);
            }
            Ok(format!(
                "Added session {}: {}\n",
                s.id,
                output::session_line(&s)
            ))
        }
        SessionCommand::Edit(a) => {
            let json = a.fields.json;
            let recurrence = if a.one_off {
                Some(None)
            } else if has_rule(&a.fields) || a.fields.weekdays.is_some() {
                Some(Some(edited_rule(ctx, &a.id, &a.fields)?))
            } else {
                None
            };
            let mut fields = fields(&a.fields)?;
            fields.title = a.title;
            fields.start = a.start;
            fields.time_zone = a.tz;
            fields.recurrence = recurrence;
            if a.default_leads {
                fields.reminder_leads = Some(None);
            }
            let s = ctx.store.edit_session(&a.id, &fields)?;
            if json {
                return output::json(&s);
            }
            Ok(format!(
                "Updated session {}: {}\n",
                s.id,
                output::session_line(&s)
            ))
        }
        SessionCommand::Cancel(a) => {
            let date = match a.date {
                Some(d) => d,
                None => {
                    let s = ctx.store.session(&a.id)?;
                    if s.recurrence.is_some() {
                        return Err(Failure::Message(format!(
                            "session {} is a series: pass --date YYYY-MM-DD to say which occurrence to cancel",
                            s.id
                        )));
                    }
                    s.start.date()
                }
            };
            let s = ctx.store.cancel_occurrence(&a.id, date)?;
            if a.json {
                return output::json(&s);
            }
            Ok(format!(
                "Cancelled {} on {date} (session {}).\n",
                s.title, s.id
            ))
        }
        SessionCommand::Move(a) => {
            let s = ctx.store.move_occurrence(&a.id, a.date, a.to, a.duration)?;
            if a.json {
                return output::json(&s);
            }
            let minutes = match s.changes.get(&a.date) {
                Some(companion_core::OccurrenceChange::Moved {
                    duration_minutes, ..
                }) => *duration_minutes,
                _ => s.duration_minutes,
            };
            Ok(format!(
                "Moved {} of {} to {} {}, {minutes} min (session {}).\n",
                s.title,
                a.date,
                a.to.format("%a %Y-%m-%d %H:%M"),
                s.time_zone,
                s.id
            ))
        }
        SessionCommand::Restore(a) => {
            let s = ctx.store.restore_occurrence(&a.id, a.date)?;
            if a.json {
                return output::json(&s);
            }
            Ok(format!(
                "Restored {} on {} as planned (session {}).\n",
                s.title, a.date, s.id
            ))
        }
        SessionCommand::Remove(a) => {
            ctx.store.remove_session(&a.id)?;
            Ok(format!("Removed session {}.\n", a.id))
        }
    }
}

pub fn list(ctx: &Ctx, json: bool) -> Outcome {
    let list = ctx.store.sessions()?;
    if json {
        return output::json(&list);
    }
    Ok(output::sessions(&list))
}

/// The fields every session command shares (not title, start, zone or recurrence).
fn fields(a: &SessionFieldArgs) -> Outcome<SessionFields> {
    Ok(SessionFields {
        kind: a
            .kind
            .as_deref()
            .map(str::parse::<SessionKind>)
            .transpose()?,
        location: a.location.clone(),
        video_link: a.video.clone(),
        notes: a.notes.clone(),
        duration_minutes: a.duration,
        reminder_leads: a.leads.as_ref().map(|l| Some(l.0.clone())),
        ..SessionFields::default()
    })
}

fn has_rule(a: &SessionFieldArgs) -> bool {
    a.every_weeks.is_some() || a.until.is_some() || a.count.is_some()
}

/// `mo,we,fr` as weekdays; the core reads each day and checks the set.
fn parse_weekdays(s: Option<&str>) -> Outcome<Option<Vec<Weekday>>> {
    let Some(s) = s else { return Ok(None) };
    let days = s
        .split(',')
        .filter(|d| !d.trim().is_empty())
        .map(parse_weekday)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(days))
}

/// The session's rule with the parts given changed: an end date replaces a count and the
/// other way round. A one-off becomes a series only with `--weekdays`.
fn edited_rule(ctx: &Ctx, id: &str, a: &SessionFieldArgs) -> Outcome<Recurrence> {
    let current = ctx.store.session(id)?.recurrence;
    let mut rule = match (current, parse_weekdays(a.weekdays.as_deref())?) {
        (Some(mut r), Some(days)) => {
            r.weekdays = days;
            r
        }
        (Some(r), None) => r,
        (None, Some(days)) => Recurrence::weekly(&days),
        (None, None) => {
            return Err(Failure::Message(format!(
                "session {id} happens once: pass --weekdays to make it a series"
            )));
        }
    };
    if let Some(n) = a.every_weeks {
        rule.interval_weeks = n;
    }
    if let Some(u) = a.until {
        rule.until = Some(u);
        rule.count = None;
    }
    if let Some(c) = a.count {
        rule.count = Some(c);
        rule.until = None;
    }
    Ok(rule)
}
