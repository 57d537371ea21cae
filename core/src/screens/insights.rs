//! The insights screen: the core's figures in words (the same sentences in every shell: the
//! terminal prints them, the apps show them), the chart's series ready to draw, and the
//! gentle nudge with the people to reach and the crisis lines beside it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::checkins::checkin::{CRAVING_MAX, MOOD_MAX, MOOD_MIN};
use crate::checkins::insights::{
    Average, DayPoint, Insights, NudgeReason, SHORT_NIGHT_HOURS, SLEEP_GROUP_MIN, SleepAndMood,
    Trend,
};
use crate::error::{Error, Result};
use crate::screens::labels::sleep_label;
use crate::screens::scales::{Scale, craving_scale, mood_scale};
use crate::screens::views::{checked_now, zone_of};
use crate::storage::store::Store;
use crate::support::crisis::CrisisLine;
use crate::support::reach_out::ReachOutContact;

/// The chart's spans the screen offers, in days; the first is the default.
pub const CHART_RANGES: [u32; 2] = [30, 90];

/// "1 day", "2 days".
pub fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A mean beside the window before it: "6.0, down from 6.7" (up is a higher number, better
/// for mood and harder for cravings; the words do not judge); "-" without a value.
pub fn average_label(a: &Average) -> String {
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

/// One measure's line of the figures table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// "Mood (1-10)".
    pub title: String,
    pub last_7_days: String,
    pub last_30_days: String,
    /// The same values in the order of [`InsightsScreen::figure_spans`], for a table.
    pub values: Vec<String>,
}

/// A date under the chart's x axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChartTick {
    pub index: u32,
    /// "16 Nov".
    pub label: String,
}

/// A span the chart can show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChartRange {
    pub days: u32,
    pub label: String,
}

/// One calendar day of the chart, `index` its x position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartDay {
    pub index: u32,
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    pub sleep_hours: Option<f64>,
    /// Drawn as a missed day (after the first check-in, before today, not checked in).
    pub missed: bool,
    /// "Mon 16 Nov", for a point's tooltip or a screen reader.
    pub label: String,
}

/// A run of consecutive days with a value: a line never bridges a day without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// (day index, value), in order.
    pub points: Vec<(u32, u8)>,
}

/// The mood and craving chart, drawn natively from this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub days: u32,
    /// [`CHART_RANGES`].
    pub ranges: Vec<u32>,
    /// The same, with their words ("30 days").
    pub range_choices: Vec<ChartRange>,
    pub points: Vec<ChartDay>,
    pub mood: Vec<Segment>,
    pub craving: Vec<Segment>,
    pub mood_scale: Scale,
    pub craving_scale: Scale,
    /// What a screen reader says for the chart: "Mood and craving over the last 30 days,
    /// recorded on 26 of them."
    pub description: String,
    /// The dates under the x axis: today and every week (every two weeks past 31 days)
    /// before it, oldest first.
    pub ticks: Vec<ChartTick>,
    /// The y axis both lines share, from the lower of the scales' least to the higher most.
    pub value_min: u8,
    pub value_max: u8,
}

/// The nudge as the screen shows it: the core's words, the people to reach (with their
/// actions) and the crisis lines, offered beside every nudge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NudgeView {
    pub reasons: Vec<NudgeReason>,
    pub message: String,
    pub contacts: Vec<ReachOutContact>,
    pub crisis_lines: Vec<CrisisLine>,
}

/// What the insights screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InsightsScreen {
    pub today: NaiveDate,
    /// No check-in yet: the screen invites the first one instead.
    pub empty: bool,
    /// "Checked in 7 of the last 7 days and 26 of the last 30 (4 missed)."
    pub summary: String,
    /// "This week 5 days, this month 18; 26 check-ins in all since 2026-10-22."
    pub totals: String,
    /// "Current run: 11 days. Longest run: 11 days." (a missed day reads as a fresh start).
    pub runs: String,
    /// Mood, craving and sleep over the last 7 and 30 days.
    pub figures: Vec<Figure>,
    /// The figures' column headings: "Last 7 days", "Last 30 days".
    pub figure_spans: Vec<String>,
    /// Mood after short nights beside the others, when there is something to say.
    pub sleep_and_mood: Option<String>,
    pub nudge: Option<NudgeView>,
    pub chart: Chart,
    /// The figures themselves, for a shell that lays them out its own way.
    pub insights: Insights,
}

/// The run, told so that a missed day reads as a fresh start, not a failure.
fn runs(i: &Insights) -> String {
    let current = match (i.current_run, i.checked_in_today) {
        (0, _) => "Current run: a new one starts with your next check-in.".to_owned(),
        (n, true) => format!("Current run: {}.", plural(n, "day")),
        (n, false) => format!("Current run: {}; today is still open.", plural(n, "day")),
    };
    format!("{current} Longest run: {}.", plural(i.longest_run, "day"))
}

fn sleep_and_mood(s: &SleepAndMood) -> Option<String> {
    match (s.mood_after_short_nights, s.mood_after_other_nights) {
        (Some(short), Some(other)) => Some(format!(
            "Sleep and mood over {} days: mood {short:.1} after short nights (under {} h, {}), \
             {other:.1} after the others ({}).",
            s.days,
            SHORT_NIGHT_HOURS,
            plural(s.short_nights, "night"),
            plural(s.other_nights, "night"),
        )),
        _ if s.short_nights + s.other_nights > 0 => Some(format!(
            "Sleep and mood: too few nights to compare yet ({SLEEP_GROUP_MIN} short ones, under \
             {SHORT_NIGHT_HOURS} h, and {SLEEP_GROUP_MIN} others in {} days).",
            s.days
        )),
        _ => None,
    }
}

/// The chart of `series`, each line broken on days without a value.
pub fn chart(series: &[DayPoint]) -> Chart {
    let points: Vec<ChartDay> = series
        .iter()
        .enumerate()
        .map(|(i, p)| ChartDay {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            date: p.date,
            mood: p.mood,
            craving: p.craving,
            sleep_hours: p.sleep_hours,
            missed: p.missed,
            label: p.date.format("%a %-d %b").to_string(),
        })
        .collect();
    let step = if points.len() <= 31 { 7 } else { 14 };
    let ticks = (0..points.len())
        .rev()
        .step_by(step)
        .rev()
        .map(|i| ChartTick {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            label: points[i].date.format("%-d %b").to_string(),
        })
        .collect();
    let (mood_scale, craving_scale) = (mood_scale(), craving_scale());
    let segments = |value: fn(&ChartDay) -> Option<u8>| {
        let mut out = Vec::new();
        let mut run = Vec::new();
        for p in &points {
            match value(p) {
                Some(v) => run.push((p.index, v)),
                None if !run.is_empty() => out.push(Segment {
                    points: std::mem::take(&mut run),
                }),
                None => {}
            }
        }
        if !run.is_empty() {
            out.push(Segment { points: run });
        }
        out
    };
    let days = u32::try_from(points.len()).unwrap_or(u32::MAX);
    let checked_in = points
        .iter()
        .filter(|p| p.mood.is_some() || p.craving.is_some())
        .count();
    let description = format!(
        "Mood and craving over the last {}, recorded on {} of them.",
        plural(days, "day"),
        match checked_in {
            0 => "none".to_owned(),
            n if n == points.len() => "all".to_owned(),
            n => n.to_string(),
        }
    );
    Chart {
        days,
        description,
        ranges: CHART_RANGES.to_vec(),
        range_choices: CHART_RANGES
            .iter()
            .map(|&days| ChartRange {
                days,
                label: plural(days, "day"),
            })
            .collect(),
        mood: segments(|p| p.mood),
        craving: segments(|p| p.craving),
        points,
        ticks,
        value_min: mood_scale.min.min(craving_scale.min),
        value_max: mood_scale.max.max(craving_scale.max),
        mood_scale,
        craving_scale,
    }
}

impl Store {
    /// The insights screen for today (from now and `zone`), its chart over `chart_days` (one
    /// of [`CHART_RANGES`]; `None`, as the screen first opens, the first of them).
    pub fn insights_screen(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        chart_days: Option<u32>,
    ) -> Result<InsightsScreen> {
        let tz = zone_of(zone)?;
        let today = checked_now(now)?.with_timezone(&tz).date_naive();
        self.insights_screen_on(today, chart_days.unwrap_or(CHART_RANGES[0]))
    }

    /// The same for the local date `today`.
    pub fn insights_screen_on(&self, today: NaiveDate, chart_days: u32) -> Result<InsightsScreen> {
        if !CHART_RANGES.contains(&chart_days) {
            return Err(Error::invalid(
                "chart range",
                format!(
                    "must be one of {}",
                    CHART_RANGES.map(|d| format!("{d} days")).join(", ")
                ),
            ));
        }
        let i = self.insights(today)?;
        let series = self.mood_series(today, chart_days)?;
        let (w7, w30) = (&i.last_7_days, &i.last_30_days);
        let summary = format!(
            "Checked in {} of the last {} days and {} of the last {} ({} missed).",
            w7.checkins, w7.days, w30.checkins, w30.days, w30.missed
        );
        let totals = match i.first_checkin {
            Some(first) => format!(
                "This week {}, this month {}; {} in all since {first}.",
                plural(i.this_week, "day"),
                i.this_month,
                plural(i.total_checkins, "check-in"),
            ),
            None => "No check-ins yet.".to_owned(),
        };
        let figures = vec![
            Figure {
                title: format!("Mood ({MOOD_MIN}-{MOOD_MAX})"),
                last_7_days: average_label(&w7.mood),
                last_30_days: average_label(&w30.mood),
                values: vec![average_label(&w7.mood), average_label(&w30.mood)],
            },
            Figure {
                title: format!("Craving (0-{CRAVING_MAX})"),
                last_7_days: average_label(&w7.craving),
                last_30_days: average_label(&w30.craving),
                values: vec![average_label(&w7.craving), average_label(&w30.craving)],
            },
            Figure {
                title: "Sleep".into(),
                last_7_days: sleep_label(w7.sleep_hours),
                last_30_days: sleep_label(w30.sleep_hours),
                values: vec![sleep_label(w7.sleep_hours), sleep_label(w30.sleep_hours)],
            },
        ];
        let nudge = match &i.nudge {
            None => None,
            Some(n) => {
                let people = self.reach_out(None)?;
                let contacts = n
                    .contacts
                    .iter()
                    .filter_map(|c| {
                        people
                            .favourites
                            .iter()
                            .chain(&people.others)
                            .find(|p| p.id == c.id)
                            .cloned()
                    })
                    .collect();
                Some(NudgeView {
                    reasons: n.reasons.clone(),
                    message: n.message.clone(),
                    contacts,
                    crisis_lines: people.crisis_lines,
                })
            }
        };
        Ok(InsightsScreen {
            today,
            empty: i.first_checkin.is_none(),
            summary,
            totals,
            runs: runs(&i),
            figures,
            figure_spans: vec!["Last 7 days".into(), "Last 30 days".into()],
            sleep_and_mood: sleep_and_mood(&i.sleep_and_mood),
            nudge,
            chart: chart(&series),
            insights: i,
        })
    }
}
