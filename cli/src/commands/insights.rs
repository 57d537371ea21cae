use std::io::Write;
use std::path::Path;

use companion_core::{
    Average, Insights, Nudge, SHORT_NIGHT_HOURS, SLEEP_GROUP_MIN, SleepAndMood, Trend,
};

use super::Ctx;
use crate::args::{ChartArgs, InsightsArgs};
use crate::chart;
use crate::output;
use crate::{Failure, Outcome};

const CRISIS: &str = "Crisis lines are one command away: companion crisis\n";

pub fn insights(ctx: &Ctx, a: InsightsArgs) -> Outcome {
    let today = match a.date {
        Some(d) => d,
        None => ctx.today()?.0,
    };
    let i = ctx.store.insights(today)?;
    if a.json {
        return output::json(&i);
    }
    let mut out = format!("Insights for {}\n\n", i.today.format("%A %Y-%m-%d"));
    let Some(first) = i.first_checkin else {
        out += "No check-ins yet. Record today's with: companion checkin --mood N\n\n";
        return Ok(out + CRISIS);
    };
    let (w7, w30) = (&i.last_7_days, &i.last_30_days);
    out += &format!(
        "Checked in {} of the last {} days and {} of the last {} ({} missed).\n",
        w7.checkins, w7.days, w30.checkins, w30.days, w30.missed
    );
    out += &format!(
        "This week {}, this month {}; {} in all since {}.\n",
        days(i.this_week),
        i.this_month,
        plural(i.total_checkins, "check-in"),
        first
    );
    out += &run_line(&i);
    out += "\n";
    let rows = vec![
        vec![String::new(), "LAST 7 DAYS".into(), "LAST 30 DAYS".into()],
        vec!["Mood (1-10)".into(), average(&w7.mood), average(&w30.mood)],
        vec![
            "Craving (0-10)".into(),
            average(&w7.craving),
            average(&w30.craving),
        ],
        vec![
            "Sleep".into(),
            output::sleep(w7.sleep_hours),
            output::sleep(w30.sleep_hours),
        ],
    ];
    out += &output::indented(&rows);
    if let Some(line) = sleep_line(&i.sleep_and_mood) {
        out += "\n";
        out += &line;
    }
    out += "\n";
    if let Some(n) = &i.nudge {
        out += &nudge(ctx, n);
        out += "\n";
    }
    Ok(out + CRISIS)
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn days(n: u32) -> String {
    plural(n, "day")
}

/// The run of days, told so that a missed day reads as a fresh start, not a failure.
fn run_line(i: &Insights) -> String {
    let current = match (i.current_run, i.checked_in_today) {
        (0, _) => "Current run: a new one starts with your next check-in.".to_owned(),
        (n, true) => format!("Current run: {}.", days(n)),
        (n, false) => format!("Current run: {}; today is still open.", days(n)),
    };
    format!("{current} Longest run: {}.\n", days(i.longest_run))
}

fn average(a: &Average) -> String {
    let Some(mean) = a.mean else {
        return "-".into();
    };
    let trend = match (a.trend, a.previous_mean) {
        (Trend::Up, Some(p)) => format!("up from {p:.1}"),
        (Trend::Down, Some(p)) => format!("down from {p:.1}"),
        (Trend::Steady, _) => "steady".into(),
        _ => "no trend yet".into(),
    };
    format!("{mean:.1}, {trend}")
}

fn sleep_line(s: &SleepAndMood) -> Option<String> {
    match (s.mood_after_short_nights, s.mood_after_other_nights) {
        (Some(short), Some(other)) => Some(format!(
            "Sleep and mood over {} days: mood {short:.1} after short nights (under {} h, {}), \
             {other:.1} after the others ({}).\n",
            s.days,
            SHORT_NIGHT_HOURS,
            plural(s.short_nights, "night"),
            plural(s.other_nights, "night"),
        )),
        _ if s.short_nights + s.other_nights > 0 => Some(format!(
            "Sleep and mood: too few nights to compare yet ({SLEEP_GROUP_MIN} short ones, under \
             {SHORT_NIGHT_HOURS} h, and {SLEEP_GROUP_MIN} others in {} days).\n",
            s.days
        )),
        _ => None,
    }
}

fn nudge(ctx: &Ctx, n: &Nudge) -> String {
    let mut out = format!("A gentle nudge: {}\n", n.message);
    if n.contacts.is_empty() {
        out +=
            "Add someone you trust: companion contact add --name NAME --phone NUMBER --favourite\n";
        return out;
    }
    out += "Reach out to:\n";
    let rows: Vec<Vec<String>> = n
        .contacts
        .iter()
        .map(|c| {
            // The number to call or text, when the contact has one.
            let number = ctx
                .store
                .contact(&c.id)
                .ok()
                .and_then(|full| full.phone.or(full.sms))
                .unwrap_or_default();
            vec![c.name.clone(), format!("({})", c.role), number]
        })
        .collect();
    out + &output::indented(&rows)
}

pub fn chart(ctx: &Ctx, a: ChartArgs) -> Outcome {
    let to = match a.to {
        Some(d) => d,
        None => ctx.today()?.0,
    };
    let points = ctx.store.mood_series(to, a.days)?;
    let svg = chart::svg(&points)?;
    write_atomically(&a.out, svg.as_bytes())?;
    let checked = points.iter().filter(|p| p.mood.is_some()).count();
    let missed = points.iter().filter(|p| p.missed).count();
    Ok(format!(
        "Wrote the chart of {} ({checked} checked in, {missed} missed) to {}. It is not \
         encrypted: anyone with the file can see your moods.\n",
        days(a.days),
        a.out.display()
    ))
}

/// Writes beside the target, flushes and renames, so a failed write never leaves half a chart
/// and a reader never sees one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = path.with_extension("svg.partial");
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Failure::Message(format!("could not write the chart file: {}", e.kind()))
    })
}
