//! IOP Companion's core for the Android and iOS apps: small wrappers over `companion-core`,
//! exported with uniffi proc-macros. Every rule stays in the core; this crate only converts
//! types at the boundary, one file per area.

mod checkins;
mod contacts;
mod error;
mod schedule;
mod store;
mod sync;
mod types;

pub use error::CompanionError;
pub use store::{ChangeListener, CompanionStore, DataChange, Subscription};
pub use types::Timestamp;

uniffi::setup_scaffolding!();
