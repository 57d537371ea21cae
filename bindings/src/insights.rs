//! Insights and the mood/craving chart's series, so the apps show the core's figures and draw
//! the same days natively. `today` is the participant's local date (`today(now, zone).date`).

use companion_core::{
    Average, DayPoint, Insights, Nudge, NudgeContact, NudgeReason as CoreReason, SleepAndMood,
    Trend as CoreTrend, Window,
};

use crate::contacts::Role;
use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::LocalDate;

/// How a mean moved against the window before it. Up is a higher number: better for mood,
/// harder for cravings; the apps word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Trend {
    Up,
    Down,
    Steady,
    /// Either window has fewer values than a trend needs.
    NotEnoughData,
}

/// The mean of one measure over a window, beside the window before it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AverageRecord {
    /// To one decimal; `None` without any value.
    pub mean: Option<f64>,
    /// Check-ins in the window with a value.
    pub count: u32,
    pub previous_mean: Option<f64>,
    pub previous_count: u32,
    pub trend: Trend,
}

/// The last `days` days, today included.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WindowRecord {
    pub days: u32,
    /// The window's first date.
    pub from: LocalDate,
    /// Days checked in.
    pub checkins: u32,
    /// Days not checked in, from the first check-in on and before today.
    pub missed: u32,
    pub mood: AverageRecord,
    pub craving: AverageRecord,
    pub sleep_hours: Option<f64>,
    pub sleep_count: u32,
}

/// Mood after short nights beside mood after other nights; both means or neither.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SleepAndMoodRecord {
    pub days: u32,
    pub short_nights: u32,
    pub other_nights: u32,
    pub mood_after_short_nights: Option<f64>,
    pub mood_after_other_nights: Option<f64>,
}

/// Why a nudge fires; several may hold, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NudgeReason {
    VeryLowMood,
    MoodDrop,
    HighCravings,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NudgeContactRecord {
    pub id: String,
    pub name: String,
    pub role: Role,
}

/// A gentle suggestion to reach out. Crisis lines are not among `contacts`: the apps offer
/// them beside every nudge (`crisis_lines()`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NudgeRecord {
    pub reasons: Vec<NudgeReason>,
    /// Kind words to show as they are; no figures, no names.
    pub message: String,
    /// Up to three of the participant's contacts, favourites first.
    pub contacts: Vec<NudgeContactRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct InsightsRecord {
    pub today: LocalDate,
    pub checked_in_today: bool,
    pub total_checkins: u32,
    pub first_checkin: Option<LocalDate>,
    pub latest_checkin: Option<LocalDate>,
    /// Days checked in this ISO week (from Monday) and this calendar month.
    pub this_week: u32,
    pub this_month: u32,
    /// Consecutive days up to today, or up to yesterday while today is not checked in yet.
    pub current_run: u32,
    pub longest_run: u32,
    pub last_7_days: WindowRecord,
    pub last_30_days: WindowRecord,
    pub sleep_and_mood: SleepAndMoodRecord,
    pub nudge: Option<NudgeRecord>,
}

/// One calendar day of the chart: no values on a day not checked in.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DayPointRecord {
    pub date: LocalDate,
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    pub sleep_hours: Option<f64>,
    /// Not checked in, after the first check-in and before today: draw it as missed.
    pub missed: bool,
}

impl From<CoreTrend> for Trend {
    fn from(t: CoreTrend) -> Self {
        match t {
            CoreTrend::Up => Trend::Up,
            CoreTrend::Down => Trend::Down,
            CoreTrend::Steady => Trend::Steady,
            CoreTrend::NotEnoughData => Trend::NotEnoughData,
        }
    }
}

impl From<CoreReason> for NudgeReason {
    fn from(r: CoreReason) -> Self {
        match r {
            CoreReason::VeryLowMood => NudgeReason::VeryLowMood,
            CoreReason::MoodDrop => NudgeReason::MoodDrop,
            CoreReason::HighCravings => NudgeReason::HighCravings,
        }
    }
}

impl From<Average> for AverageRecord {
    fn from(a: Average) -> Self {
        AverageRecord {
            mean: a.mean,
            count: a.count,
            previous_mean: a.previous_mean,
            previous_count: a.previous_count,
            trend: a.trend.into(),
        }
    }
}

impl From<Window> for WindowRecord {
    fn from(w: Window) -> Self {
        WindowRecord {
            days: w.days,
            from: w.from.into(),
            checkins: w.checkins,
            missed: w.missed,
            mood: w.mood.into(),
            craving: w.craving.into(),
            sleep_hours: w.sleep_hours,
            sleep_count: w.sleep_count,
        }
    }
}

impl From<SleepAndMood> for SleepAndMoodRecord {
    fn from(s: SleepAndMood) -> Self {
        SleepAndMoodRecord {
            days: s.days,
            short_nights: s.short_nights,
            other_nights: s.other_nights,
            mood_after_short_nights: s.mood_after_short_nights,
            mood_after_other_nights: s.mood_after_other_nights,
        }
    }
}

impl From<NudgeContact> for NudgeContactRecord {
    fn from(c: NudgeContact) -> Self {
        NudgeContactRecord {
            id: c.id,
            name: c.name,
            role: c.role.into(),
        }
    }
}

impl From<Nudge> for NudgeRecord {
    fn from(n: Nudge) -> Self {
        NudgeRecord {
            reasons: n.reasons.into_iter().map(Into::into).collect(),
            message: n.message,
            contacts: n.contacts.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<Insights> for InsightsRecord {
    fn from(i: Insights) -> Self {
        InsightsRecord {
            today: i.today.into(),
            checked_in_today: i.checked_in_today,
            total_checkins: i.total_checkins,
            first_checkin: i.first_checkin.map(Into::into),
            latest_checkin: i.latest_checkin.map(Into::into),
            this_week: i.this_week,
            this_month: i.this_month,
            current_run: i.current_run,
            longest_run: i.longest_run,
            last_7_days: i.last_7_days.into(),
            last_30_days: i.last_30_days.into(),
            sleep_and_mood: i.sleep_and_mood.into(),
            nudge: i.nudge.map(Into::into),
        }
    }
}

impl From<DayPoint> for DayPointRecord {
    fn from(p: DayPoint) -> Self {
        DayPointRecord {
            date: p.date.into(),
            mood: p.mood,
            craving: p.craving,
            sleep_hours: p.sleep_hours,
            missed: p.missed,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// What the check-ins up to `today` say, and the nudge, if one is due.
    pub fn insights(&self, today: LocalDate) -> Result<InsightsRecord> {
        let day = today.0;
        Ok(self.read(|s| s.insights(day))?.into())
    }

    /// The chart's last `days` days (1 to 366) up to `today`, oldest first, one point per day.
    pub fn mood_series(&self, today: LocalDate, days: u32) -> Result<Vec<DayPointRecord>> {
        let day = today.0;
        Ok(self
            .read(|s| s.mood_series(day, days))?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}
