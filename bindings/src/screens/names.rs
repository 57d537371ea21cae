//! The words for closed sets the apps show in pickers and lists.

use crate::calendar::{SessionKind, Weekday};
use crate::contacts::Role;
use crate::export::CheckinExportFormat;

/// "Case manager".
#[uniffi::export]
pub fn role_label(role: Role) -> String {
    companion_core::role_label(role.into()).to_owned()
}

/// "Process group".
#[uniffi::export]
pub fn session_kind_label(kind: SessionKind) -> String {
    companion_core::session_kind_label(kind.into()).to_owned()
}

/// "Monday".
#[uniffi::export]
pub fn weekday_label(day: Weekday) -> String {
    companion_core::weekday_label(day.into()).to_owned()
}

/// "Mon", for a row of day toggles.
#[uniffi::export]
pub fn weekday_short_label(day: Weekday) -> String {
    companion_core::weekday_short_label(day.into()).to_owned()
}

/// "CSV (a spreadsheet)".
#[uniffi::export]
pub fn export_format_label(format: CheckinExportFormat) -> String {
    companion_core::export_format_label(format.into()).to_owned()
}
