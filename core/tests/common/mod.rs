//! What the integration tests share: stores opened the way a shell opens them, under a key.
#![allow(dead_code)]

use std::path::Path;

use companion_core::{Result, Store, StoreKey};

/// The key every test store is sealed under (the apps' comes from the platform keystore).
pub fn key() -> StoreKey {
    StoreKey::from_bytes(&[7; 32]).expect("32 bytes")
}

/// `Store::open` under [`key`].
pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
    Store::open(dir.as_ref(), &key())
}
