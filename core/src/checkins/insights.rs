//! Insights from check-ins: how often the participant checks in, how they have been feeling,
//! and when to suggest reaching out. Computed here, once, so every shell shows the same.
//!
//! Days are the participant's local dates, as check-ins are keyed. "The last N days" are the N
//! dates ending with `today`, today included. Today is never a missed day (it is not over),
//! and a run of days still counts while today is not checked in yet. Days before the first
//! check-in are never missed. Check-ins dated after `today` (a trip west across the date line
//! can make tomorrow's date yesterday's) are left out until their date comes; a date a trip
//! east skips is a calendar day like any other and, without a check-in, counts as missed.
//!
//! Every threshold:
//!
//! | Constant | Value | What it decides |
//! |---|---|---|
//! | [`SHORT_WINDOW_DAYS`] | 7 | the short window ("5 of the last 7 days", 7-day averages) |
//! | [`LONG_WINDOW_DAYS`] | 30 | the long window (30-day averages, missed days, sleep and mood) |
//! | [`TREND_MIN_SHORT`] | 3 | values a 7-day window and the one before it each need for a trend |
//! | [`TREND_MIN_LONG`] | 10 | values a 30-day window and the one before it each need for a trend |
//! | [`TREND_DELTA`] | 0.5 | change of the mean that is Up or Down; less is Steady |
//! | [`SHORT_NIGHT_HOURS`] | 6.0 | a night under this many hours is short |
//! | [`SLEEP_GROUP_MIN`] | 3 | check-ins after short nights, and after other nights, needed to compare mood |
//! | [`HIGH_CRAVING`] | 8 | a craving this strong or stronger is high |
//! | [`HIGH_CRAVING_CHECKINS`] | 2 | high cravings among the latest check-ins that nudge |
//! | [`RECENT_CHECKINS`] | 3 | how many of the latest check-ins the craving rule looks at |
//! | [`NUDGE_LOOKBACK_DAYS`] | 7 | the craving rule considers only check-ins of the last 7 days |
//! | [`LATEST_MAX_AGE_DAYS`] | 1 | the mood rules need the latest check-in from today or yesterday |
//! | [`MOOD_DROP`] | 3 | a latest mood this far or further below the mean of the days before nudges |
//! | [`MOOD_DROP_BASELINE_DAYS`] | 7 | the days before the latest check-in that make that mean |
//! | [`MOOD_DROP_MIN_BASELINE`] | 2 | check-ins that mean needs |
//! | [`VERY_LOW_MOOD`] | 2 | a latest mood this low or lower nudges |
//! | [`NUDGE_MAX_CONTACTS`] | 3 | contacts a nudge names |
//! | [`MAX_SERIES_DAYS`] | 366 | the longest [`Store::mood_series`] |

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::checkins::checkin::CheckIn;
use crate::error::{Error, Result};
use crate::storage::store::Store;
use crate::support::contact::{Contact, ContactRole};

/// The short window, in days.
pub const SHORT_WINDOW_DAYS: u32 = 7;
/// The long window, in days.
pub const LONG_WINDOW_DAYS: u32 = 30;
/// Check-ins with a value a 7-day window, and the 7 days before it, each need for a trend.
pub const TREND_MIN_SHORT: u32 = 3;
/// Check-ins with a value a 30-day window, and the 30 days before it, each need for a trend.
pub const TREND_MIN_LONG: u32 = 10;
/// How far a mean must move from the previous window's to be Up or Down (on the 0–10 scale).
pub const TREND_DELTA: f64 = 0.5;
/// A night shorter than this (hours) is short.
pub const SHORT_NIGHT_HOURS: f64 = 6.0;
/// Check-ins in each group (after short nights, after other nights) needed to compare mood.
pub const SLEEP_GROUP_MIN: u32 = 3;
/// A craving this strong or stronger is high.
pub const HIGH_CRAVING: u8 = 8;
/// High cravings among the [`RECENT_CHECKINS`] latest check-ins that make a nudge.
pub const HIGH_CRAVING_CHECKINS: u32 = 2;
/// How many of the latest check-ins the craving rule looks at.
pub const RECENT_CHECKINS: u32 = 3;
/// The craving rule considers only check-ins of this many last days (today included).
pub const NUDGE_LOOKBACK_DAYS: u32 = 7;
/// The mood rules need the latest check-in at most this many days old (1: today or yesterday).
pub const LATEST_MAX_AGE_DAYS: u32 = 1;
/// A latest mood at least this far below the mean of the days before it makes a nudge.
pub const MOOD_DROP: u8 = 3;
/// The days before the latest check-in whose mean mood it is compared with.
pub const MOOD_DROP_BASELINE_DAYS: u32 = 7;
/// Check-ins those days need for the comparison.
pub const MOOD_DROP_MIN_BASELINE: u32 = 2;
/// A latest mood this low or lower makes a nudge.
pub const VERY_LOW_MOOD: u8 = 2;
/// Contacts a nudge names at most.
pub const NUDGE_MAX_CONTACTS: u32 = 3;
/// The most days [`Store::mood_series`] covers: a year, leap or not.
pub const MAX_SERIES_DAYS: u32 = 366;

// `Store::insights` reads whole check-ins for the last two long windows only: every rule
// that reads more than dates must look no further back.
const _: () = assert!(
    LONG_WINDOW_DAYS >= SHORT_WINDOW_DAYS
        && 2 * LONG_WINDOW_DAYS > MOOD_DROP_BASELINE_DAYS + LATEST_MAX_AGE_DAYS
        && 2 * LONG_WINDOW_DAYS >= NUDGE_LOOKBACK_DAYS
);

/// How a mean moved against the window before it. Up is a higher number: better for mood,
/// harder for cravings; the shells word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    Up,
    Down,
    Steady,
    /// Either window has fewer values than the trend needs.
    NotEnoughData,
}

/// The mean of one measure over a window, beside the window before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Average {
    /// Mean over the check-ins that have a value, to one decimal; `None` without any.
    pub mean: Option<f64>,
    /// Check-ins in the window with a value.
    pub count: u32,
    /// The mean over the window just before, to one decimal.
    pub previous_mean: Option<f64>,
    /// Check-ins in the window before with a value.
    pub previous_count: u32,
    /// Decided on the exact means, not the rounded ones.
    pub trend: Trend,
}

/// The last `days` days, today included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub days: u32,
    /// The window's first date.
    pub from: NaiveDate,
    /// Days checked in.
    pub checkins: u32,
    /// Days not checked in, from the first check-in on and before today.
    pub missed: u32,
    pub mood: Average,
    pub craving: Average,
    /// Mean sleep of the check-ins that give it, to the minute.
    pub sleep_hours: Option<f64>,
    /// Check-ins with sleep.
    pub sleep_count: u32,
}

/// Mood after short nights next to mood after other nights, over the last 30 days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SleepAndMood {
    pub days: u32,
    /// Check-ins after a night under [`SHORT_NIGHT_HOURS`].
    pub short_nights: u32,
    /// Check-ins after a night of [`SHORT_NIGHT_HOURS`] or more.
    pub other_nights: u32,
    /// Mean mood after short nights, to one decimal; both means are given only when each
    /// group has [`SLEEP_GROUP_MIN`] check-ins.
    pub mood_after_short_nights: Option<f64>,
    pub mood_after_other_nights: Option<f64>,
}

/// Why a nudge fires; several may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NudgeReason {
    /// The latest check-in (today's or yesterday's) has a mood of [`VERY_LOW_MOOD`] or less.
    VeryLowMood,
    /// The latest check-in's mood is [`MOOD_DROP`] or more below the mean of the
    /// [`MOOD_DROP_BASELINE_DAYS`] days before it.
    MoodDrop,
    /// [`HIGH_CRAVING_CHECKINS`] of the [`RECENT_CHECKINS`] latest check-ins of the last
    /// [`NUDGE_LOOKBACK_DAYS`] days have a craving of [`HIGH_CRAVING`] or more.
    HighCravings,
}

/// A contact a nudge suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NudgeContact {
    pub id: String,
    pub name: String,
    pub role: ContactRole,
}

/// A gentle suggestion to reach out. Crisis lines are always offered beside it, by the shells
/// and the core's own crisis resources, so they are not among `contacts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nudge {
    /// Most pressing first.
    pub reasons: Vec<NudgeReason>,
    /// Short, kind words for the participant; no figures, no names.
    pub message: String,
    /// Up to [`NUDGE_MAX_CONTACTS`] of the participant's contacts, favourites first then by
    /// their order; crisis lines are left out (they are offered anyway).
    pub contacts: Vec<NudgeContact>,
}

/// What the check-ins up to `today` say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    /// The participant's local date the insights are for.
    pub today: NaiveDate,
    pub checked_in_today: bool,
    /// Check-ins up to today, ever.
    pub total_checkins: u32,
    pub first_checkin: Option<NaiveDate>,
    pub latest_checkin: Option<NaiveDate>,
    /// Days checked in this ISO week (from Monday).
    pub this_week: u32,
    /// Days checked in this calendar month.
    pub this_month: u32,
    /// Consecutive days checked in up to today, or up to yesterday while today is not yet.
    pub current_run: u32,
    pub longest_run: u32,
    pub last_7_days: Window,
    pub last_30_days: Window,
    pub sleep_and_mood: SleepAndMood,
    pub nudge: Option<Nudge>,
}

/// One calendar day of a chart: the check-in's figures, or `None` for a day not checked in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPoint {
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    pub sleep_hours: Option<f64>,
    /// Not checked in, after the first check-in and before today: what charts mark as missed
    /// (the same days [`Window::missed`] counts).
    pub missed: bool,
}

impl Store {
    /// Insights as of `today`, the participant's local date (as [`Store::today`] gives it).
    pub fn insights(&self, today: NaiveDate) -> Result<Insights> {
        check_today(today)?;
        // Dates alone for the counts and runs over years; whole check-ins only for the two
        // 30-day windows the averages compare, which also hold everything the nudge reads.
        let dates = self.checkin_dates(today)?;
        let recent = self.checkins(Some(back(today, 2 * LONG_WINDOW_DAYS - 1)), Some(today))?;
        let nudge = match nudge_reasons(&recent, today) {
            reasons if reasons.is_empty() => None,
            reasons => Some(Nudge {
                message: message(&reasons),
                reasons,
                contacts: top_contacts(self.contacts()?),
            }),
        };
        Ok(compute(&dates, &recent, today, nudge))
    }

    /// The last `days` days (1 to [`MAX_SERIES_DAYS`]) up to `today`, oldest first, one point
    /// per calendar day; days not checked in have no values, and are marked missed as
    /// [`Window::missed`] counts them.
    pub fn mood_series(&self, today: NaiveDate, days: u32) -> Result<Vec<DayPoint>> {
        if !(1..=MAX_SERIES_DAYS).contains(&days) {
            return Err(Error::invalid(
                "days",
                format!("must be from 1 to {MAX_SERIES_DAYS}"),
            ));
        }
        check_today(today)?;
        let first = self.checkin_dates(today)?.first().copied();
        let from = back(today, days - 1);
        let mut list = self
            .checkins(Some(from), Some(today))?
            .into_iter()
            .peekable();
        Ok(from
            .iter_days()
            .take(days as usize)
            .map(|date| match list.next_if(|c| c.date == date) {
                Some(c) => DayPoint {
                    date,
                    mood: Some(c.mood),
                    craving: c.craving,
                    sleep_hours: c.sleep_hours,
                    missed: false,
                },
                None => DayPoint {
                    date,
                    mood: None,
                    craving: None,
                    sleep_hours: None,
                    missed: date < today && first.is_some_and(|f| f < date),
                },
            })
            .collect())
    }
}

/// The same bounds [`Store::today`] puts on `now`, so date arithmetic stays in range.
fn check_today(today: NaiveDate) -> Result<()> {
    if !(1900..=2200).contains(&today.year()) {
        return Err(Error::invalid("today", "must lie between 1900 and 2200"));
    }
    Ok(())
}

/// `n` days before `date` (in range: `date` is checked first).
fn back(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MIN)
}

/// The check-ins dated `from` to `to`, both included; `list` is oldest first.
fn between(list: &[CheckIn], from: NaiveDate, to: NaiveDate) -> &[CheckIn] {
    let lo = list.partition_point(|c| c.date < from);
    let hi = list.partition_point(|c| c.date <= to);
    list.get(lo..hi).unwrap_or(&[])
}

/// How many of `dates` (oldest first) lie from `from` to `to`, both included.
fn count_between(dates: &[NaiveDate], from: NaiveDate, to: NaiveDate) -> u32 {
    let lo = dates.partition_point(|d| *d < from);
    let hi = dates.partition_point(|d| *d <= to);
    count(hi.saturating_sub(lo))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `dates` are those of every check-in up to `today`, `recent` the check-ins of the last 60
/// days; both oldest first.
fn compute(
    dates: &[NaiveDate],
    recent: &[CheckIn],
    today: NaiveDate,
    nudge: Option<Nudge>,
) -> Insights {
    let first_checkin = dates.first().copied();
    let latest_checkin = dates.last().copied();
    let monday = back(today, today.weekday().num_days_from_monday());
    let month_start = today.with_day(1).unwrap_or(today);
    let (current_run, longest_run) = runs(dates, today);
    Insights {
        today,
        checked_in_today: latest_checkin == Some(today),
        total_checkins: count(dates.len()),
        first_checkin,
        latest_checkin,
        this_week: count_between(dates, monday, today),
        this_month: count_between(dates, month_start, today),
        current_run,
        longest_run,
        last_7_days: window(
            recent,
            first_checkin,
            today,
            SHORT_WINDOW_DAYS,
            TREND_MIN_SHORT,
        ),
        last_30_days: window(
            recent,
            first_checkin,
            today,
            LONG_WINDOW_DAYS,
            TREND_MIN_LONG,
        ),
        sleep_and_mood: sleep_and_mood(between(recent, back(today, LONG_WINDOW_DAYS - 1), today)),
        nudge,
    }
}

/// The current run (ending today, or yesterday while today is open) and the longest run.
fn runs(dates: &[NaiveDate], today: NaiveDate) -> (u32, u32) {
    let mut longest = 0u32;
    let mut run = 0u32;
    let mut prev: Option<NaiveDate> = None;
    for &date in dates {
        run = match prev {
            Some(p) if p.succ_opt() == Some(date) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(date);
    }
    // `run` is now the run ending with the latest check-in.
    let current = match prev {
        Some(last) if last == today || last.succ_opt() == Some(today) => run,
        _ => 0,
    };
    (current, longest)
}

fn window(
    recent: &[CheckIn],
    first_checkin: Option<NaiveDate>,
    today: NaiveDate,
    days: u32,
    trend_min: u32,
) -> Window {
    let from = back(today, days - 1);
    let list = between(recent, from, today);
    let before = between(recent, back(from, days), back(from, 1));
    // Days that could have been missed: from the first check-in on, before today.
    let missed = match first_checkin {
        Some(first) if first < today => {
            let start = from.max(first);
            let span = u32::try_from(today.signed_duration_since(start).num_days()).unwrap_or(0);
            let done = count(between(list, start, back(today, 1)).len());
            span.saturating_sub(done)
        }
        _ => 0,
    };
    let sleep: Vec<f64> = list.iter().filter_map(|c| c.sleep_hours).collect();
    let sleep_hours = mean_f64(&sleep).map(|h| (h * 60.0).round() / 60.0);
    Window {
        days,
        from,
        checkins: count(list.len()),
        missed,
        mood: average(
            list.iter().map(|c| Some(c.mood)),
            before.iter().map(|c| Some(c.mood)),
            trend_min,
        ),
        craving: average(
            list.iter().map(|c| c.craving),
            before.iter().map(|c| c.craving),
            trend_min,
        ),
        sleep_hours,
        sleep_count: count(sleep.len()),
    }
}

/// Sum and count of the values present.
fn sum_count(values: impl Iterator<Item = Option<u8>>) -> (u64, u64) {
    values
        .flatten()
        .fold((0, 0), |(s, n), v| (s + u64::from(v), n + 1))
}

fn average(
    now: impl Iterator<Item = Option<u8>>,
    before: impl Iterator<Item = Option<u8>>,
    trend_min: u32,
) -> Average {
    let (s1, n1) = sum_count(now);
    let (s0, n0) = sum_count(before);
    let min = u64::from(trend_min);
    let trend = if n1 < min || n0 < min {
        Trend::NotEnoughData
    } else {
        // s1/n1 - s0/n0 compared with the delta on integers scaled by n1·n0, so a mean that
        // moved by exactly the delta is not lost to rounding.
        let diff = (s1 * n0) as f64 - (s0 * n1) as f64;
        let scaled = TREND_DELTA * (n1 * n0) as f64;
        if diff >= scaled {
            Trend::Up
        } else if diff <= -scaled {
            Trend::Down
        } else {
            Trend::Steady
        }
    };
    Average {
        mean: tenths(s1, n1),
        count: count(n1 as usize),
        previous_mean: tenths(s0, n0),
        previous_count: count(n0 as usize),
        trend,
    }
}

/// `sum / n` to one decimal.
fn tenths(sum: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| (sum as f64 / n as f64 * 10.0).round() / 10.0)
}

fn mean_f64(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn sleep_and_mood(list: &[CheckIn]) -> SleepAndMood {
    let short = || list.iter().filter(|c| c.sleep_hours.is_some_and(is_short));
    let other = || {
        list.iter()
            .filter(|c| c.sleep_hours.is_some_and(|h| !is_short(h)))
    };
    let (ss, sn) = sum_count(short().map(|c| Some(c.mood)));
    let (os, on) = sum_count(other().map(|c| Some(c.mood)));
    let min = u64::from(SLEEP_GROUP_MIN);
    let enough = sn >= min && on >= min;
    SleepAndMood {
        days: LONG_WINDOW_DAYS,
        short_nights: count(sn as usize),
        other_nights: count(on as usize),
        mood_after_short_nights: if enough { tenths(ss, sn) } else { None },
        mood_after_other_nights: if enough { tenths(os, on) } else { None },
    }
}

fn is_short(hours: f64) -> bool {
    hours < SHORT_NIGHT_HOURS
}

/// Which nudge rules hold, most pressing first. `recent` holds the check-ins of the days up
/// to `today`, reaching back further than any rule looks (checked where the constants are).
fn nudge_reasons(recent: &[CheckIn], today: NaiveDate) -> Vec<NudgeReason> {
    let mut reasons = Vec::new();
    if let Some(latest) = recent.last()
        && latest.date >= back(today, LATEST_MAX_AGE_DAYS)
    {
        if latest.mood <= VERY_LOW_MOOD {
            reasons.push(NudgeReason::VeryLowMood);
        }
        let baseline = between(
            recent,
            back(latest.date, MOOD_DROP_BASELINE_DAYS),
            back(latest.date, 1),
        );
        let (sum, n) = sum_count(baseline.iter().map(|c| Some(c.mood)));
        // mood ≤ sum/n − drop, on integers.
        if n >= u64::from(MOOD_DROP_MIN_BASELINE)
            && (u64::from(latest.mood) + u64::from(MOOD_DROP)) * n <= sum
        {
            reasons.push(NudgeReason::MoodDrop);
        }
    }
    let high = between(recent, back(today, NUDGE_LOOKBACK_DAYS - 1), today)
        .iter()
        .rev()
        .take(RECENT_CHECKINS as usize)
        .filter(|c| c.craving.is_some_and(|v| v >= HIGH_CRAVING))
        .count();
    if count(high) >= HIGH_CRAVING_CHECKINS {
        reasons.push(NudgeReason::HighCravings);
    }
    reasons
}

fn message(reasons: &[NudgeReason]) -> String {
    let opening = match reasons.first() {
        Some(NudgeReason::VeryLowMood) => "It sounds like things are really hard right now.",
        Some(NudgeReason::MoodDrop) => "Things seem harder than in the days before.",
        Some(NudgeReason::HighCravings) | None => {
            "Cravings have been strong lately. That is hard, and cravings pass."
        }
    };
    format!(
        "{opening} You don't have to carry it alone: reaching out to someone you trust, \
         even just to say hello, can help."
    )
}

fn top_contacts(contacts: Vec<Contact>) -> Vec<NudgeContact> {
    contacts
        .into_iter()
        .filter(|c| c.role != ContactRole::CrisisLine)
        .take(NUDGE_MAX_CONTACTS as usize)
        .map(|c| NudgeContact {
            id: c.id,
            name: c.name,
            role: c.role,
        })
        .collect()
}
