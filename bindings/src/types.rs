//! Values that cross the boundary in a platform's own form: instants as `java.time.Instant`
//! (Kotlin) and `Date` (Swift), configured in uniffi.toml; local dates and times as ISO text
//! ("2026-11-23", "2026-11-23T09:00"), checked here so a bad one is a specific error.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::error::{CompanionError, Result};

/// An instant, crossing as milliseconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub DateTime<Utc>);

uniffi::custom_type!(Timestamp, i64, {
    lower: |t| t.0.timestamp_millis(),
    try_lift: |ms| DateTime::<Utc>::from_timestamp_millis(ms)
        .map(Timestamp)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("instant out of range")),
});

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

pub(crate) fn date(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| CompanionError::InvalidInput(format!("invalid {field}: expected YYYY-MM-DD")))
}

pub(crate) fn local(field: &str, s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        CompanionError::InvalidInput(format!("invalid {field}: expected YYYY-MM-DDTHH:MM"))
    })
}

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}
