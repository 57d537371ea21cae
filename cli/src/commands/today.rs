use chrono::{Days, NaiveTime, Utc};
use companion_core::resolve_local_time;

use super::Ctx;
use crate::args::OccurrencesArgs;
use crate::output;
use crate::{Failure, Outcome};

pub fn today(ctx: &Ctx, json: bool) -> Outcome {
    let t = ctx.store.today(Utc::now(), &ctx.zone)?;
    if json {
        return output::json(&t);
    }
    let (_, tz) = ctx.today()?;
    let mut out = format!(
        "Today, {} ({})\n\n",
        t.date.format("%A %Y-%m-%d"),
        t.time_zone
    );
    if t.sessions.is_empty() {
        out += "Sessions: none today\n";
    } else {
        out += "Sessions\n";
        let rows: Vec<Vec<String>> = t
            .sessions
            .iter()
            .map(|o| {
                vec![
                    output::occurrence_time(o, &tz, &t.time_zone, t.date),
                    o.title.clone(),
                    output::status(o.status).into(),
                    o.session_id.clone(),
                ]
            })
            .collect();
        out += &output::indented(&rows);
    }
    out += "\n";
    out += &match &t.checkin {
        Some(c) => format!("Check-in: done, mood {}/10\n", c.mood),
        None => "Check-in: not yet (companion checkin --mood N)\n".into(),
    };
    out += "\n";
    if t.favourites.is_empty() {
        out += "Favourites: none (companion contact edit ID --favourite true)\n";
    } else {
        out += "Favourites\n";
        let rows: Vec<Vec<String>> = t
            .favourites
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    c.role.to_string(),
                    c.phone.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        out += &output::indented(&rows);
    }
    Ok(out)
}

pub fn occurrences(ctx: &Ctx, a: OccurrencesArgs) -> Outcome {
    let (today, tz) = ctx.today()?;
    let from = a.from.unwrap_or(today);
    let end = from
        .checked_add_days(Days::new(u64::from(a.days)))
        .ok_or_else(|| Failure::Message("invalid days: too many".into()))?;
    let list = ctx.store.occurrences(
        resolve_local_time(tz, from.and_time(NaiveTime::MIN)),
        resolve_local_time(tz, end.and_time(NaiveTime::MIN)),
    )?;
    if a.json {
        return output::json(&list);
    }
    if list.is_empty() {
        return Ok("No sessions in those days.\n".into());
    }
    let zone = tz.name();
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|o| {
            let day = o.start.with_timezone(&tz).date_naive();
            vec![
                day.format("%a %Y-%m-%d").to_string(),
                output::occurrence_time(o, &tz, zone, day),
                o.title.clone(),
                output::status(o.status).into(),
                o.session_id.clone(),
                o.series_date.to_string(),
            ]
        })
        .collect();
    Ok(output::table(
        &["DAY", "TIME", "TITLE", "STATUS", "SESSION", "SERIES DATE"],
        &rows,
    ))
}
