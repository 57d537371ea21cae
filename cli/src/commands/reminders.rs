use chrono::Utc;
use chrono_tz::Tz;
use companion_core::{Attendance, PlannedReminder, ReminderContent, ReminderKind};

use super::Ctx;
use crate::Outcome;
use crate::args::{AttendArgs, AttendanceArgs, RemindersArgs};
use crate::output;

pub fn plan(ctx: &Ctx, a: RemindersArgs) -> Outcome {
    let now = a.now.unwrap_or_else(Utc::now);
    let (_, tz) = ctx.today()?;
    if let Some(held) = &a.held {
        let diff = ctx
            .store
            .reminder_changes(now, &ctx.zone, a.horizon, a.limit, held)?;
        if a.json {
            return output::json(&diff);
        }
        let mut out = format!("Cancel {}\n", diff.cancel.len());
        for id in &diff.cancel {
            out += &format!("  {id}\n");
        }
        out += &format!("Schedule {}\n", diff.schedule.len());
        out += &output::indented(&rows(&diff.schedule, &tz));
        return Ok(out);
    }
    let plan = ctx
        .store
        .plan_reminders(now, &ctx.zone, a.horizon, a.limit)?;
    if a.json {
        return output::json(&plan);
    }
    if plan.is_empty() {
        return Ok("No reminders to schedule.\n".into());
    }
    Ok(output::table(
        &["FIRES", "WHAT", "SESSION STARTS", "ID"],
        &rows(&plan, &tz),
    ))
}

fn rows(plan: &[PlannedReminder], tz: &Tz) -> Vec<Vec<String>> {
    let local =
        |t: chrono::DateTime<Utc>| t.with_timezone(tz).format("%a %Y-%m-%d %H:%M").to_string();
    plan.iter()
        .map(|r| {
            let what = match (&r.kind, &r.content) {
                (ReminderKind::CheckIn, _) => "daily check-in".to_owned(),
                (_, ReminderContent::Session { title, .. }) => {
                    format!("{title}, {} min before", r.lead_minutes.unwrap_or(0))
                }
                _ => format!(
                    "appointment (discreet), {} min before",
                    r.lead_minutes.unwrap_or(0)
                ),
            };
            vec![
                local(r.fire_at),
                what,
                r.starts_at.map(local).unwrap_or_else(|| "-".into()),
                r.id.clone(),
            ]
        })
        .collect()
}

pub fn mark(ctx: &mut Ctx, a: AttendArgs, attendance: Attendance) -> Outcome {
    if a.clear {
        ctx.store.clear_attendance(&a.id, a.date)?;
        return Ok(format!(
            "Cleared attendance of {} (session {}).\n",
            a.date, a.id
        ));
    }
    ctx.store
        .mark_attendance(&a.id, a.date, attendance, Utc::now())?;
    let word = match attendance {
        Attendance::Attended => "attended",
        Attendance::Missed => "missed",
    };
    Ok(format!("Marked {} {word} (session {}).\n", a.date, a.id))
}

pub fn attendance(ctx: &Ctx, a: AttendanceArgs) -> Outcome {
    let list = ctx.store.attendance(Utc::now(), a.days)?;
    if a.json {
        return output::json(&list);
    }
    if list.is_empty() {
        return Ok(format!("No sessions in the last {} days.\n", a.days));
    }
    let (_, tz) = ctx.today()?;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            vec![
                e.occurrence
                    .start
                    .with_timezone(&tz)
                    .format("%a %Y-%m-%d %H:%M")
                    .to_string(),
                e.occurrence.title.clone(),
                match e.attendance {
                    Some(Attendance::Attended) => "attended",
                    Some(Attendance::Missed) => "missed",
                    None => "-",
                }
                .to_owned(),
                e.occurrence.session_id.clone(),
                e.occurrence.series_date.to_string(),
            ]
        })
        .collect();
    Ok(output::table(
        &["STARTED", "TITLE", "ATTENDANCE", "SESSION", "SERIES DATE"],
        &rows,
    ))
}
