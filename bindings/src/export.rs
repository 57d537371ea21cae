//! Check-ins written for someone else to read (the schedule's iCalendar export is
//! `export_ics`, with the schedule). An export is plaintext: the apps say so before sharing.

use companion_core::CheckinExportFormat as CoreFormat;

use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::{Timestamp, date};

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckinExportFormat {
    /// RFC 4180 CSV with a header row, one row per check-in.
    Csv,
    /// A versioned JSON document (`"format": "iop-companion-checkins"`).
    Json,
    /// A FHIR R4 `Bundle` of the daily check-in Questionnaire and one QuestionnaireResponse
    /// per check-in.
    Fhir,
}

impl From<CheckinExportFormat> for CoreFormat {
    fn from(f: CheckinExportFormat) -> Self {
        match f {
            CheckinExportFormat::Csv => CoreFormat::Csv,
            CheckinExportFormat::Json => CoreFormat::Json,
            CheckinExportFormat::Fhir => CoreFormat::Fhir,
        }
    }
}

/// The file name extension for `format`, without the dot ("csv", "json").
#[uniffi::export]
pub fn checkin_export_extension(format: CheckinExportFormat) -> String {
    CoreFormat::from(format).extension().to_owned()
}

/// The media (MIME) type for `format`, for a share sheet.
#[uniffi::export]
pub fn checkin_export_media_type(format: CheckinExportFormat) -> String {
    CoreFormat::from(format).media_type().to_owned()
}

#[uniffi::export]
impl CompanionStore {
    /// The check-ins from `from` to `to` ("YYYY-MM-DD", both included, either absent), oldest
    /// first, in `format`, stamped `now` where the format records an export time.
    pub fn export_checkins(
        &self,
        format: CheckinExportFormat,
        from: Option<String>,
        to: Option<String>,
        now: Timestamp,
    ) -> Result<String> {
        let from = from.map(|d| date("from", &d)).transpose()?;
        let to = to.map(|d| date("to", &d)).transpose()?;
        self.read(|s| s.export_checkins(format.into(), from, to, now.0))
    }
}

/// What the app tells the participant before writing any export: exports are not encrypted.
#[uniffi::export]
pub fn plaintext_export_notice() -> String {
    companion_core::PLAINTEXT_EXPORT_NOTICE.to_owned()
}
