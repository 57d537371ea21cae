//! Check-ins written for someone else to read: CSV for a spreadsheet, a versioned JSON
//! document for scripts, and a FHIR R4 Bundle for a clinic's record system. (The schedule's
//! export, iCalendar, lives in `ical`.)
//!
//! Every format holds the same values, written the same way: dates as `YYYY-MM-DD` (the
//! participant's local date), instants as RFC 3339 in UTC to the millisecond (what the store
//! keeps), hours slept rounded to two decimals (enough to recover the minute it was recorded
//! to). Given the same check-ins and the same `now`, the output is the same bytes.
//!
//! An export is plaintext: whoever gets the file can read it. The shells say so, with
//! [`PLAINTEXT_EXPORT_NOTICE`], before they write one.

mod csv;
mod fhir;
mod json;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::Result;
use crate::storage::store::Store;

/// What every shell tells the participant before writing an export (check-ins or schedule).
pub const PLAINTEXT_EXPORT_NOTICE: &str = "Exports are not encrypted: anyone who gets the file \
    can read it. Keep it somewhere private and delete it when you no longer need it.";

/// The formats check-ins can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckinExportFormat {
    /// RFC 4180 CSV with a header row, one row per check-in; text cells a spreadsheet would
    /// take for a formula start with `'`.
    Csv,
    /// `{"format":"iop-companion-checkins","version":1,"exported_at":…,"checkins":[…]}`.
    Json,
    /// A FHIR R4 `Bundle` (type `collection`): the daily check-in `Questionnaire`, then one
    /// `QuestionnaireResponse` per check-in.
    Fhir,
}

impl CheckinExportFormat {
    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            CheckinExportFormat::Csv => "csv",
            CheckinExportFormat::Json | CheckinExportFormat::Fhir => "json",
        }
    }

    /// The name an export made on `today` is offered under ("checkins-2026-12-04.csv").
    pub fn file_name(self, today: chrono::NaiveDate) -> String {
        format!("checkins-{}.{}", today.format("%Y-%m-%d"), self.extension())
    }

    /// The media (MIME) type, for a share sheet or an upload.
    pub fn media_type(self) -> &'static str {
        match self {
            CheckinExportFormat::Csv => "text/csv",
            CheckinExportFormat::Json => "application/json",
            CheckinExportFormat::Fhir => "application/fhir+json",
        }
    }
}

impl Store {
    /// The check-ins from `from` to `to` (both included, either open), oldest first, in
    /// `format`, stamped `now` where the format has an export time (JSON, FHIR). A range that
    /// starts after it ends is refused.
    pub fn export_checkins(
        &self,
        format: CheckinExportFormat,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let checkins = self.checkins(from, to)?;
        match format {
            CheckinExportFormat::Csv => csv::write(&checkins),
            CheckinExportFormat::Json => json::write(&checkins, now),
            CheckinExportFormat::Fhir => fhir::write(&checkins, now),
        }
    }
}

/// An instant as every export writes it: `2026-11-20T14:03:11.250Z`.
fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A local date as every export writes it: `2026-11-20`.
fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Hours slept, to two decimals: the store keeps minutes, and 7 h 20 min is 7.333… hours.
fn sleep_hours(h: f64) -> f64 {
    (h * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_keep_the_minute() {
        for minutes in 0..=24 * 60 {
            let h = sleep_hours(f64::from(minutes) / 60.0);
            assert_eq!((h * 60.0).round() as i32, minutes);
        }
        assert_eq!(sleep_hours(440.0 / 60.0), 7.33);
        assert_eq!(sleep_hours(7.5), 7.5);
    }
}
