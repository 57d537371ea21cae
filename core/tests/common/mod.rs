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

/// A database file in `dir` as the first release made it: schema version 1, nothing sealed,
/// no rows yet.
pub fn first_release_file(dir: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join(Store::FILE_NAME)).expect("open");
    conn.execute_batch(
        "PRAGMA auto_vacuum = INCREMENTAL;
         PRAGMA journal_mode = WAL;
         CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
         CREATE TABLE chunks (id INTEGER PRIMARY KEY,
             kind INTEGER NOT NULL CHECK (kind IN (0, 1)), data BLOB NOT NULL) STRICT;
         PRAGMA application_id = 1229934659;
         PRAGMA user_version = 1;",
    )
    .expect("the first release's schema");
    conn
}

pub mod health;
pub mod scripted;
