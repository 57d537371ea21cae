//! [`Store`]: a participant's data on this device, and the operations the shells call.
//!
//! The operations themselves live beside their records (`checkin.rs`, `contact.rs`,
//! `session.rs`, `prefs.rs`, `safety_plan.rs`, `today.rs`); this file opens the store and
//! moves changes between devices.

use std::path::{Path, PathBuf};

pub use automerge::ChangeHash;
use serde::Serialize;

use crate::crypto::at_rest::{self, Protection, StoreKey};
use crate::error::{Error, Result};
use crate::storage::cache::RecordCache;
use crate::storage::durable::DurableDoc;
use crate::storage::genesis;
use crate::support::phone::Region;
use crate::sync::account::Account;

/// A participant's store on this device: one SQLite file in a directory of its own.
pub struct Store {
    pub(crate) durable: DurableDoc,
    /// The documents of the participant's programs (their published schedules), read-only.
    pub(crate) programs: Vec<ProgramDoc>,
    /// The device's region as the shell reported it (see `Store::set_device_region`).
    pub(crate) device_region: Option<Region>,
    dir: PathBuf,
    /// Records already read from the documents, until one of them changes.
    pub(crate) cache: RecordCache,
}

pub(crate) struct ProgramDoc {
    pub(crate) id: uuid::Uuid,
    pub(crate) durable: DurableDoc,
}

/// Sizes of what the store holds, for diagnostics and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    pub snapshot_bytes: u64,
    pub incremental_bytes: u64,
    pub incremental_chunks: u64,
    /// The database file plus its write-ahead log.
    pub file_bytes: u64,
}

impl Store {
    /// The database file's name inside the store directory.
    pub const FILE_NAME: &'static str = "companion.sqlite3";

    /// Opens the store in `dir` with `key`, creating the directory (private to the user) and
    /// the store if needed; a new store is sealed under `key` for good. A wrong key is
    /// [`Error::WrongKey`]; a damaged or foreign file is reported, never replaced. Either way
    /// nothing is written.
    pub fn open(dir: impl AsRef<Path>, key: &StoreKey) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        if dir.exists() && !dir.is_dir() {
            return Err(Error::invalid("store", "is not a directory"));
        }
        if !dir.exists() {
            create_private_dir(&dir)?;
        }
        let durable = DurableDoc::open(&dir.join(Self::FILE_NAME), genesis::genesis(), key)?;
        let mut store = Store {
            durable,
            programs: Vec::new(),
            device_region: None,
            dir,
            cache: RecordCache::default(),
        };
        if let Some(account) = Account::load(&store.durable)? {
            store.open_programs(&account)?;
        }
        Ok(store)
    }

    /// The versions of the participant's document and each program's, in order: what a
    /// cached record depends on (see `cache.rs`).
    pub(crate) fn versions(&self) -> Vec<u64> {
        std::iter::once(self.durable.version())
            .chain(self.programs.iter().map(|p| p.durable.version()))
            .collect()
    }

    /// Opens (creating if needed) a local copy of each program document the account names.
    pub(crate) fn open_programs(&mut self, account: &Account) -> Result<()> {
        for p in &account.programs {
            if self.programs.iter().any(|d| d.id == p.id) {
                continue;
            }
            let path = self.dir.join(format!("program-{}.sqlite3", p.id));
            self.programs.push(ProgramDoc {
                id: p.id,
                // Under the store's own key, without asking for a passphrase again.
                durable: DurableDoc::open(&path, genesis::genesis(), &self.durable.master_key())?,
            });
        }
        Ok(())
    }

    /// How the store in `dir` is protected, read without a key, so a shell knows whether to
    /// ask for a passphrase or fetch its key; `None` when there is no store there yet.
    pub fn protection(dir: impl AsRef<Path>) -> Result<Option<Protection>> {
        let path = dir.as_ref().join(Self::FILE_NAME);
        if !path.exists() {
            return Ok(None);
        }
        // Read-write (never create): a process killed while creating the store may have left
        // a journal that only a writer can roll back before reading.
        let conn = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let has_meta: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'meta')",
            [],
            |r| r.get(0),
        )?;
        if !has_meta {
            return Ok(None);
        }
        at_rest::protection(&conn)
    }

    pub(crate) fn account_record(&self) -> Result<Option<Account>> {
        Account::load(&self.durable)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The document's current heads: what another device needs to say what it has.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.durable.heads()
    }

    /// Every change this store has that a device at `heads` lacks.
    pub fn changes_since(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.durable.save_after(heads)
    }

    /// Merges changes from another device of the same participant and stores them durably.
    /// Returns whether anything new arrived; bytes that do not parse change nothing.
    pub fn merge_changes(&mut self, bytes: &[u8]) -> Result<bool> {
        self.durable.import(bytes)
    }

    /// Rewrites the store as one snapshot (the store also does this by itself as it grows).
    pub fn compact(&mut self) -> Result<()> {
        self.durable.compact()
    }

    pub fn stats(&self) -> StoreStats {
        let chunks = self.durable.stats();
        let file = self.dir.join(Self::FILE_NAME);
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let wal = self.dir.join(format!("{}-wal", Self::FILE_NAME));
        StoreStats {
            snapshot_bytes: chunks.snapshot_bytes,
            incremental_bytes: chunks.incremental_bytes,
            incremental_chunks: chunks.incremental_chunks,
            file_bytes: size(&file) + size(&wal),
        }
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    Ok(())
}
