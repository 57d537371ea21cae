//! Encryption on the device: the store at rest, and the passphrase policy.

pub(crate) mod at_rest;
pub(crate) mod passphrase;
