//! Sync: private, end-to-end encrypted exchange of a participant's document between their
//! devices through `companion-server`, and the program document their clinic publishes.
//! The server stores sealed chunks it cannot read; see server/API.md.

pub(crate) mod account;
pub mod background;
pub(crate) mod client;
pub mod crypto;
mod device;
pub mod engine;
pub mod wire;

pub use account::{AccountInfo, ProgramInfo};
pub use device::{LINK_MINUTES, SyncAnswer, SyncReport, SyncRun, SyncStep};
pub use engine::{DocReport, Pending};
