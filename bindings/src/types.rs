//! Values that cross the boundary in a platform's own form, configured in uniffi.toml:
//!
//! | Rust | crosses as | Kotlin | Swift |
//! |---|---|---|---|
//! | [`Timestamp`] (an instant) | ms since 1970 | `java.time.Instant` | `Date` |
//! | [`LocalDate`] (a calendar date) | days since 1970-01-01 | `java.time.LocalDate` | `CalendarDay` |
//! | [`LocalTime`] (a time of day) | minutes since midnight | `java.time.LocalTime` | `ClockTime` |
//! | [`LocalDateTime`] (a wall-clock date and time) | minutes since 1970-01-01T00:00 | `java.time.LocalDateTime` | `DayTime` |
//!
//! Numbers, not text, so lifting on either side is total and nothing in Kotlin or Swift parses
//! a date. The Swift types are ios/Sources/CompanionCore/CoreValues.swift. Values out of range
//! (outside the years 1..9999, or a time past 23:59) are refused here, as a specific error.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// An instant, crossing as milliseconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub DateTime<Utc>);

uniffi::custom_type!(Timestamp, i64, {
    lower: |t| t.0.timestamp_millis(),
    try_lift: |ms| DateTime::<Utc>::from_timestamp_millis(ms)
        .map(Timestamp)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("instant out of range")),
});

/// A calendar date, without a time or a zone: a check-in's day, an occurrence's date in its
/// series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate(pub NaiveDate);

/// A time of day on a wall clock, to the minute: the daily check-in reminder's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(pub NaiveTime);

/// A wall-clock date and time, to the minute, without a zone: a session's start in its own
/// zone, an occurrence's start on the participant's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(pub NaiveDateTime);

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Years 1 to 9999: what every platform's date type holds.
fn in_range(d: NaiveDate) -> bool {
    (1..=9999).contains(&chrono::Datelike::year(&d))
}

uniffi::custom_type!(LocalDate, i32, {
    lower: |d| i32::try_from((d.0 - epoch()).num_days()).unwrap_or(0),
    try_lift: |days| epoch()
        .checked_add_signed(Duration::days(i64::from(days)))
        .filter(|d| in_range(*d))
        .map(LocalDate)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("date out of range")),
});

uniffi::custom_type!(LocalTime, i32, {
    lower: |t| i32::try_from(t.0.num_seconds_from_midnight() / 60).unwrap_or(0),
    try_lift: |minutes| u32::try_from(minutes)
        .ok()
        .and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
        .map(LocalTime)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("time of day out of range")),
});

uniffi::custom_type!(LocalDateTime, i64, {
    lower: |t| (t.0 - epoch().and_time(NaiveTime::MIN)).num_minutes(),
    try_lift: |minutes| Duration::try_minutes(minutes)
        .and_then(|m| epoch().and_time(NaiveTime::MIN).checked_add_signed(m))
        .filter(|t| in_range(t.date()))
        .map(LocalDateTime)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("date and time out of range")),
});

impl From<NaiveDate> for LocalDate {
    fn from(d: NaiveDate) -> Self {
        LocalDate(d)
    }
}

impl From<NaiveTime> for LocalTime {
    fn from(t: NaiveTime) -> Self {
        // To the minute, as it crosses.
        LocalTime(
            t.with_second(0)
                .and_then(|t| t.with_nanosecond(0))
                .unwrap_or(t),
        )
    }
}

impl From<NaiveDateTime> for LocalDateTime {
    fn from(t: NaiveDateTime) -> Self {
        LocalDateTime(
            t.with_second(0)
                .and_then(|t| t.with_nanosecond(0))
                .unwrap_or(t),
        )
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}
