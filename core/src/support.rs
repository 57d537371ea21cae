//! Reaching support: contacts, crisis lines, the reach-out list, phone numbers.

pub(crate) mod actions;
pub(crate) mod contact;
pub(crate) mod crisis;
pub(crate) mod phone;
pub(crate) mod reach_out;
