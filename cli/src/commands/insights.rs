use std::io::Write;
use std::path::Path;

use companion_core::{CHART_RANGES, Nudge, plural};

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
    // The core words every figure, as the apps show them.
    let screen = ctx.store.insights_screen_on(today, CHART_RANGES[0])?;
    if a.json {
        return output::json(&screen.insights);
    }
    let mut out = format!("Insights for {}\n\n", today.format("%A %Y-%m-%d"));
    if screen.empty {
        out += "No check-ins yet. Record today's with: companion checkin --mood N\n\n";
        return Ok(out + CRISIS);
    }
    out += &format!("{}\n{}\n{}\n\n", screen.summary, screen.totals, screen.runs);
    let mut rows = vec![vec![
        String::new(),
        "LAST 7 DAYS".into(),
        "LAST 30 DAYS".into(),
    ]];
    rows.extend(screen.figures.iter().map(|f| {
        vec![
            f.title.clone(),
            f.last_7_days.clone(),
            f.last_30_days.clone(),
        ]
    }));
    out += &output::indented(&rows);
    if let Some(line) = &screen.sleep_and_mood {
        out += &format!("\n{line}\n");
    }
    out += "\n";
    if let Some(n) = &screen.insights.nudge {
        out += &nudge(ctx, n);
        out += "\n";
    }
    Ok(out + CRISIS)
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
        plural(a.days, "day"),
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
