use companion_core::{RecurrencePatch, SessionFields, SessionKind, input};

use super::Ctx;
use crate::args::{SessionCommand, SessionFieldArgs};
use crate::output;
use crate::{Failure, Outcome};

pub fn run(ctx: &mut Ctx, c: SessionCommand) -> Outcome {
    match c {
        SessionCommand::Add(a) => {
            let json = a.fields.json;
            let rule = patch(&a.fields)?;
            let recurrence = if rule.is_empty() {
                None
            } else {
                Some(Some(rule.apply(None)?))
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
            let rule = patch(&a.fields)?;
            let recurrence = if a.one_off {
                Some(None)
            } else if rule.is_empty() {
                None
            } else {
                Some(Some(rule.apply(ctx.store.session(&a.id)?.recurrence)?))
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

/// The recurrence parts an edit gives, as the core reads them.
fn patch(a: &SessionFieldArgs) -> Outcome<RecurrencePatch> {
    Ok(RecurrencePatch {
        weekdays: a
            .weekdays
            .as_deref()
            .map(input::parse_weekdays)
            .transpose()?,
        interval_weeks: a.every_weeks,
        until: a.until,
        count: a.count,
    })
}
