//! Check-ins written for someone else to read (the schedule's iCalendar export is
//! `export_ics`, with the schedule). An export is plaintext: the apps say so before sharing.

use companion_core::CheckinExportFormat as CoreFormat;

use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::{LocalDate, Timestamp};

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

impl From<CoreFormat> for CheckinExportFormat {
    fn from(f: CoreFormat) -> Self {
        match f {
            CoreFormat::Csv => CheckinExportFormat::Csv,
            CoreFormat::Json => CheckinExportFormat::Json,
            CoreFormat::Fhir => CheckinExportFormat::Fhir,
        }
    }
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

/// The name an export made on `today` is offered under ("checkins-2026-12-04.csv").
#[uniffi::export]
pub fn checkin_export_file_name(format: CheckinExportFormat, today: LocalDate) -> String {
    CoreFormat::from(format).file_name(today.0)
}

/// The name a backup made on `today` is offered under ("companion-2026-12-04.backup").
#[uniffi::export]
pub fn backup_file_name(today: LocalDate) -> String {
    companion_core::backup_file_name(today.0)
}

/// A backup's media type, for a share sheet or a file picker.
#[uniffi::export]
pub fn backup_media_type() -> String {
    companion_core::BACKUP_MEDIA_TYPE.to_owned()
}

/// The media (MIME) type for `format`, for a share sheet.
#[uniffi::export]
pub fn checkin_export_media_type(format: CheckinExportFormat) -> String {
    CoreFormat::from(format).media_type().to_owned()
}

#[uniffi::export]
impl CompanionStore {
    /// The check-ins from `from` to `to` (both included, either absent), oldest first, in
    /// `format`, stamped `now` where the format records an export time.
    pub fn export_checkins(
        &self,
        format: CheckinExportFormat,
        from: Option<LocalDate>,
        to: Option<LocalDate>,
        now: Timestamp,
    ) -> Result<String> {
        self.read(|s| s.export_checkins(format.into(), from.map(|d| d.0), to.map(|d| d.0), now.0))
    }
}

/// What the app tells the participant before writing any export: exports are not encrypted.
#[uniffi::export]
pub fn plaintext_export_notice() -> String {
    companion_core::PLAINTEXT_EXPORT_NOTICE.to_owned()
}
