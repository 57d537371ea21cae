//! The schedule's closed sets, as enums on both sides: nothing in Kotlin or Swift parses a
//! code.

use chrono::Weekday as CoreWeekday;
use companion_core::{
    Attendance as CoreAttendance, OccurrenceStatus as CoreStatus, SessionKind as CoreKind,
    Timing as CoreTiming,
};

/// What kind of session; the apps put it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SessionKind {
    Psychoeducation,
    ProcessGroup,
    SkillsGroup,
    Individual,
    Family,
    Aftercare,
    Other,
}

/// Whether an occurrence happens as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OccurrenceStatus {
    Scheduled,
    Moved,
    Cancelled,
}

/// Where an occurrence stands against now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Timing {
    Upcoming,
    /// Started and not over.
    Now,
    Over,
}

/// A day of the week (ISO: Monday first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// What was marked for an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AttendanceMark {
    Attended,
    Missed,
}

macro_rules! both_ways {
    ($ffi:ident, $core:ident, [$($variant:ident => $core_variant:ident),* $(,)?]) => {
        impl From<$core> for $ffi {
            fn from(v: $core) -> Self {
                match v {
                    $($core::$core_variant => $ffi::$variant,)*
                }
            }
        }

        impl From<$ffi> for $core {
            fn from(v: $ffi) -> Self {
                match v {
                    $($ffi::$variant => $core::$core_variant,)*
                }
            }
        }
    };
}

both_ways!(SessionKind, CoreKind, [
    Psychoeducation => Psychoeducation,
    ProcessGroup => ProcessGroup,
    SkillsGroup => SkillsGroup,
    Individual => Individual,
    Family => Family,
    Aftercare => Aftercare,
    Other => Other,
]);

both_ways!(OccurrenceStatus, CoreStatus, [
    Scheduled => Scheduled,
    Moved => Moved,
    Cancelled => Cancelled,
]);

both_ways!(Timing, CoreTiming, [Upcoming => Upcoming, Now => Now, Over => Over]);

both_ways!(Weekday, CoreWeekday, [
    Monday => Mon,
    Tuesday => Tue,
    Wednesday => Wed,
    Thursday => Thu,
    Friday => Fri,
    Saturday => Sat,
    Sunday => Sun,
]);

both_ways!(AttendanceMark, CoreAttendance, [Attended => Attended, Missed => Missed]);
