//! The words for closed sets the apps show in pickers and lists.

use crate::calendar::{AttendanceMark, SessionKind, Weekday};
use crate::contacts::Role;
use crate::export::CheckinExportFormat;
use crate::reminders::ClockStyle;
use crate::screens::onboarding::OnboardingChoice;
use crate::screens::open_problem::OpenProblemChoice;
use crate::types::{LocalDate, LocalTime};

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

/// "Went", "Missed".
#[uniffi::export]
pub fn attendance_mark_label(mark: AttendanceMark) -> String {
    companion_core::attendance_label(mark.into()).to_owned()
}

/// "Join with a code", "Use it on my own".
#[uniffi::export]
pub fn onboarding_choice_label(choice: OnboardingChoice) -> String {
    companion_core::onboarding_choice_label(choice.into()).to_owned()
}

/// "Try again", "Start over".
#[uniffi::export]
pub fn open_problem_choice_label(choice: OpenProblemChoice) -> String {
    use companion_core::OpenProblemChoice as Core;
    companion_core::open_problem_choice_label(match choice {
        OpenProblemChoice::TryAgain => Core::TryAgain,
        OpenProblemChoice::StartOver => Core::StartOver,
    })
    .to_owned()
}

/// A date picker's value on its button: "Today", "Tomorrow", "Wed 18 Nov" (as every day the
/// screens show).
#[uniffi::export]
pub fn day_label(date: LocalDate, today: LocalDate) -> String {
    companion_core::day_label(date.0, today.0)
}

/// A time picker's value on its button: "9:00 AM" or "09:00".
#[uniffi::export]
pub fn clock_label(time: LocalTime, clock_style: ClockStyle) -> String {
    companion_core::clock_label(time.0, clock_style.into())
}
