//! The participant's data rights: backup and restore, export, erase.

pub(crate) mod backup;
pub(crate) mod erase;
pub(crate) mod export;
