//! The insights screen: the core's words, the chart ready to draw, the nudge.

use companion_core::{Chart, ChartDay, Figure, InsightsScreen, NudgeView, Segment};

use crate::error::Result;
use crate::insights::{InsightsRecord, NudgeReason};
use crate::screens::checkin::ScaleRecord;
use crate::screens::views::all;
use crate::store::CompanionStore;
use crate::support::{CrisisLineRecord, ReachOutContactRecord};
use crate::types::{LocalDate, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FigureRecord {
    pub title: String,
    pub last_7_days: String,
    pub last_30_days: String,
    /// The values in the order of `figureSpans`.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChartTickRecord {
    pub index: u32,
    /// "16 Nov".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChartDayRecord {
    /// The x position.
    pub index: u32,
    pub date: LocalDate,
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    pub sleep_hours: Option<f64>,
    pub missed: bool,
    /// "Mon 16 Nov".
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ChartPointRecord {
    pub index: u32,
    pub value: u8,
}

/// A run of consecutive days with a value: a line never bridges a day without one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SegmentRecord {
    pub points: Vec<ChartPointRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChartRecord {
    pub days: u32,
    /// The spans the screen offers, in days.
    pub ranges: Vec<u32>,
    /// The same, with their words ("30 days").
    pub range_choices: Vec<ChartRangeRecord>,
    pub points: Vec<ChartDayRecord>,
    pub mood: Vec<SegmentRecord>,
    pub craving: Vec<SegmentRecord>,
    pub mood_scale: ScaleRecord,
    pub craving_scale: ScaleRecord,
    /// What a screen reader says for the chart.
    pub description: String,
    /// The dates under the x axis, oldest first.
    pub ticks: Vec<ChartTickRecord>,
    /// The y axis both lines share.
    pub value_min: u8,
    pub value_max: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChartRangeRecord {
    pub days: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NudgeViewRecord {
    pub reasons: Vec<NudgeReason>,
    pub message: String,
    pub contacts: Vec<ReachOutContactRecord>,
    pub crisis_lines: Vec<CrisisLineRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct InsightsScreenRecord {
    pub today: LocalDate,
    pub empty: bool,
    pub summary: String,
    pub totals: String,
    pub runs: String,
    pub figures: Vec<FigureRecord>,
    /// The figures' column headings: "Last 7 days", "Last 30 days".
    pub figure_spans: Vec<String>,
    pub sleep_and_mood: Option<String>,
    pub nudge: Option<NudgeViewRecord>,
    pub chart: ChartRecord,
    pub insights: InsightsRecord,
}

impl From<Figure> for FigureRecord {
    fn from(f: Figure) -> Self {
        FigureRecord {
            title: f.title,
            last_7_days: f.last_7_days,
            last_30_days: f.last_30_days,
            values: f.values,
        }
    }
}

impl From<ChartDay> for ChartDayRecord {
    fn from(d: ChartDay) -> Self {
        ChartDayRecord {
            index: d.index,
            date: d.date.into(),
            mood: d.mood,
            craving: d.craving,
            sleep_hours: d.sleep_hours,
            missed: d.missed,
            label: d.label,
        }
    }
}

impl From<Segment> for SegmentRecord {
    fn from(s: Segment) -> Self {
        SegmentRecord {
            points: s
                .points
                .into_iter()
                .map(|(index, value)| ChartPointRecord { index, value })
                .collect(),
        }
    }
}

impl From<Chart> for ChartRecord {
    fn from(c: Chart) -> Self {
        ChartRecord {
            days: c.days,
            ranges: c.ranges,
            range_choices: c
                .range_choices
                .into_iter()
                .map(|r| ChartRangeRecord {
                    days: r.days,
                    label: r.label,
                })
                .collect(),
            points: all(c.points),
            mood: all(c.mood),
            craving: all(c.craving),
            mood_scale: c.mood_scale.into(),
            craving_scale: c.craving_scale.into(),
            description: c.description,
            ticks: c
                .ticks
                .into_iter()
                .map(|t| ChartTickRecord {
                    index: t.index,
                    label: t.label,
                })
                .collect(),
            value_min: c.value_min,
            value_max: c.value_max,
        }
    }
}

impl From<NudgeView> for NudgeViewRecord {
    fn from(n: NudgeView) -> Self {
        NudgeViewRecord {
            reasons: all(n.reasons),
            message: n.message,
            contacts: all(n.contacts),
            crisis_lines: all(n.crisis_lines),
        }
    }
}

impl From<InsightsScreen> for InsightsScreenRecord {
    fn from(i: InsightsScreen) -> Self {
        InsightsScreenRecord {
            today: i.today.into(),
            empty: i.empty,
            summary: i.summary,
            totals: i.totals,
            runs: i.runs,
            figures: all(i.figures),
            figure_spans: i.figure_spans,
            sleep_and_mood: i.sleep_and_mood,
            nudge: i.nudge.map(Into::into),
            chart: i.chart.into(),
            insights: i.insights.into(),
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The insights screen for today (from `now` and the phone's `zone`), its chart over
    /// `chart_days`, one of the chart's `ranges` (absent, as the screen first opens: the
    /// first of them).
    pub fn insights_screen(
        &self,
        now: Timestamp,
        zone: String,
        chart_days: Option<u32>,
    ) -> Result<InsightsScreenRecord> {
        Ok(self
            .read(|s| s.insights_screen(now.0, &zone, chart_days))?
            .into())
    }
}
