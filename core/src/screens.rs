//! Each screen's state, decided here for both apps.

pub(crate) mod today;
