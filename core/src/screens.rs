//! Each screen's state, decided here for both apps.

pub(crate) mod reminder_health;
pub(crate) mod today;
