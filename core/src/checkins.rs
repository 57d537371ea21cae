//! Check-ins and what they show over time.

pub(crate) mod checkin;
pub(crate) mod insights;
