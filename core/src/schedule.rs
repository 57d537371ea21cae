//! The schedule: sessions, their occurrences, reminders (and their words) and attendance.

pub(crate) mod attendance;
pub(crate) mod ical;
pub(crate) mod localtime;
pub(crate) mod notifications;
pub(crate) mod occurrence;
pub(crate) mod recurrence;
pub(crate) mod reminders;
pub(crate) mod session;
