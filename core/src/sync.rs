//! Sync: private, end-to-end encrypted exchange of a participant's document between their
//! devices through `companion-server`, and the program document their clinic publishes.
//! The server stores sealed chunks it cannot read; see server/API.md.

pub mod crypto;
pub mod wire;
