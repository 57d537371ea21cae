//! Each screen's state, decided here for both apps.

pub(crate) mod checkin;
pub(crate) mod contact_form;
pub(crate) mod insights;
pub(crate) mod labels;
pub(crate) mod move_form;
pub(crate) mod names;
pub(crate) mod onboarding;
pub(crate) mod open_problem;
pub(crate) mod outcomes;
pub(crate) mod reach_out;
pub(crate) mod reminder_health;
pub(crate) mod safety_plan;
pub(crate) mod scales;
pub(crate) mod schedule;
pub(crate) mod session_choices;
pub(crate) mod session_form;
pub(crate) mod settings;
pub(crate) mod today;
pub(crate) mod views;
