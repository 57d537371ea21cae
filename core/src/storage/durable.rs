//! A durable Automerge document in one SQLite file.
//!
//! Every change is one SQLite transaction that appends one incremental chunk
//! (`save_after(heads)`, never `save_incremental()`, which after a load writes the whole
//! document again). Opening reads every chunk in one query and calls one `load`. When the
//! incremental chunks outgrow the last snapshot, compaction writes a fresh snapshot and deletes
//! exactly the chunks the snapshot covers, in one transaction.
//!
//! Several handles (processes) may share a file: each write first catches up with chunks other
//! handles appended, inside the same immediate transaction, so nothing is ever overwritten.

use std::path::Path;

use automerge::{
    ActorId, AutoCommit, Automerge, AutomergeError, ChangeHash, LoadOptions, OnPartialLoad,
};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::crypto::at_rest::{self, Cipher, StoreKey};
use crate::error::{Error, Result};
use crate::storage::genesis::FixedChange;
use crate::storage::schema::{self, KIND_INCREMENTAL, KIND_SNAPSHOT};

/// Compact once this many incremental chunks pile up, even if they are small.
pub(crate) const COMPACT_AFTER_CHUNKS: u64 = 64;

pub(crate) struct DurableDoc {
    conn: Connection,
    doc: AutoCommit,
    cipher: Cipher,
    /// The highest chunk id this handle has applied (read or written).
    last_seen: i64,
    stats: ChunkStats,
    /// Changes whenever the document may have: what caches of records read from it key on.
    version: u64,
}

/// Versions are unique across every document of the process, so a cache keyed on a list of
/// them can never mistake one document's state for another's.
fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// What the file holds, as far as this handle knows: decides when to compact.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ChunkStats {
    pub(crate) snapshot_bytes: u64,
    pub(crate) incremental_bytes: u64,
    pub(crate) incremental_chunks: u64,
}

impl ChunkStats {
    fn add(&mut self, kind: i64, len: usize) {
        if kind == KIND_SNAPSHOT {
            // A snapshot replaces everything before it.
            *self = ChunkStats {
                snapshot_bytes: len as u64,
                ..ChunkStats::default()
            };
        } else {
            self.incremental_bytes += len as u64;
            self.incremental_chunks += 1;
        }
    }
}

impl DurableDoc {
    /// Opens (or creates) the store at `path`. A new store starts from `genesis`, the changes
    /// every device of the document shares, so their root objects never conflict; a store made
    /// before one of them existed gets it now.
    ///
    /// Everything the file holds is sealed under `key` (see `at_rest.rs`); a wrong key is
    /// [`Error::WrongKey`] and changes nothing.
    pub(crate) fn open(path: &Path, genesis: &[FixedChange], key: &StoreKey) -> Result<Self> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let label = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        schema::prepare(&mut conn, &label)?;
        // FULL: a check-in reported as saved survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
        let cipher = at_rest::unlock(&mut conn, key)?;
        // Always, not only for a fresh file: a process killed between creating the schema and
        // this step must leave a store the next launch completes, not one it cannot open.
        initialise(&mut conn, genesis, &cipher)?;
        let mut this = DurableDoc {
            conn,
            doc: AutoCommit::new(),
            cipher,
            last_seen: 0,
            stats: ChunkStats::default(),
            version: next_version(),
        };
        let actor = ActorId::from(
            this.meta("actor")?
                .ok_or_else(|| Error::Corrupted("no actor id".into()))?,
        );
        this.load()?;
        this.doc.set_actor(actor);
        this.complete_genesis(genesis)?;
        Ok(this)
    }

    /// Adds the genesis changes the document lacks, as one durable change. Checked by hash
    /// (a lookup in the change graph), so opening an up-to-date store writes nothing; another
    /// handle that adds them at the same time adds the same bytes, which merge as one.
    fn complete_genesis(&mut self, genesis: &[FixedChange]) -> Result<()> {
        let missing: Vec<u8> = genesis
            .iter()
            .filter(|c| self.doc.get_missing_deps(&[c.hash]).contains(&c.hash))
            .flat_map(|c| c.bytes.iter().copied())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        self.change(|doc| {
            doc.load_incremental(&missing)?;
            Ok(())
        })
    }

    /// Reads every chunk with one query and loads them with one `load` call: far faster than
    /// applying them one by one.
    fn load(&mut self) -> Result<()> {
        self.version = next_version();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kind, data FROM chunks ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut all = Vec::new();
        let (mut last, mut stats) = (0, ChunkStats::default());
        while let Some(row) = rows.next()? {
            let kind = row.get(1)?;
            let data = self.cipher.open_chunk(kind, row.get_ref(2)?.as_blob()?)?;
            last = row.get(0)?;
            stats.add(kind, data.len());
            all.extend_from_slice(&data);
        }
        drop(rows);
        drop(stmt);
        let options = LoadOptions::new().on_partial_load(OnPartialLoad::Error);
        let doc = AutoCommit::load_with_options(&all, options)
            .map_err(|e| Error::Corrupted(format!("document chunks do not load: {e}")))?;
        let actor = self.doc.get_actor().clone();
        self.doc = doc;
        self.doc.set_actor(actor);
        self.last_seen = last;
        self.stats = stats;
        Ok(())
    }

    /// The key that opens files kept beside this one (program documents).
    pub(crate) fn master_key(&self) -> StoreKey {
        self.cipher.master()
    }

    pub(crate) fn doc(&self) -> &AutoCommit {
        &self.doc
    }

    /// The document's version: another value after anything that may have changed it.
    pub(crate) fn version(&self) -> u64 {
        self.version
    }

    pub(crate) fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Every change after `heads`, as bytes another device can [`Self::import`].
    pub(crate) fn save_after(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }

    /// Applies `edit` and persists what it changed as one chunk, in one transaction.
    ///
    /// If `edit` fails, its operations are rolled back; if persisting fails, the document is
    /// reloaded from the file. Either way the error is returned and nothing has changed.
    pub(crate) fn change<T>(
        &mut self,
        edit: impl FnOnce(&mut AutoCommit) -> Result<T>,
    ) -> Result<T> {
        // Before anything can change: every path below (catching up, the edit, a rollback, a
        // reload) leaves the document under this new version.
        self.version = next_version();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        catch_up(
            &tx,
            &self.cipher,
            &mut self.doc,
            &mut self.last_seen,
            &mut self.stats,
        )?;
        let heads = self.doc.get_heads();
        let out = match edit(&mut self.doc) {
            Ok(out) => out,
            Err(e) => {
                self.doc.rollback();
                return Err(e);
            }
        };
        self.doc.commit();
        // Not `save_incremental()`: after a load its first call writes the whole document.
        let chunk = self.doc.save_after(&heads);
        if chunk.is_empty() {
            return Ok(out);
        }
        let len = chunk.len();
        let cipher = &self.cipher;
        let persisted = (move || -> Result<i64> {
            tx.execute(
                "INSERT INTO chunks (kind, data) VALUES (?1, ?2)",
                params![
                    KIND_INCREMENTAL,
                    cipher.seal_chunk(KIND_INCREMENTAL, &chunk)?
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })();
        match persisted {
            Ok(id) => {
                self.last_seen = id;
                self.stats.add(KIND_INCREMENTAL, len);
            }
            Err(e) => {
                // The document changed in memory but not on disk: go back to the file.
                let _ = self.load();
                return Err(e);
            }
        }
        self.compact_if_due();
        Ok(out)
    }

    /// Merges changes from another device and persists them. Returns whether anything new
    /// arrived. Bytes that do not parse are refused whole.
    pub(crate) fn import(&mut self, bytes: &[u8]) -> Result<bool> {
        let before = self.heads();
        self.import_with(bytes, |_, _| ())?;
        Ok(self.heads() != before)
    }

    /// Like [`Self::import`], then runs `after` on the merged document, in the same
    /// transaction, with the heads the document had just before the merge (after catching up
    /// with other handles).
    pub(crate) fn import_with<T>(
        &mut self,
        bytes: &[u8],
        after: impl FnOnce(&mut AutoCommit, &[ChangeHash]) -> T,
    ) -> Result<T> {
        // Parse strictly first: `load_incremental` skips what it cannot read. Changes whose
        // dependencies are elsewhere parse fine; the document queues them until those arrive.
        if !bytes.is_empty() {
            match Automerge::load_with_options(
                bytes,
                LoadOptions::new().on_partial_load(OnPartialLoad::Error),
            ) {
                Ok(_) | Err(AutomergeError::MissingDeps) => {}
                Err(e) => return Err(Error::InvalidChanges(e.to_string())),
            }
        }
        self.change(|doc| {
            let before = doc.get_heads();
            // Automerge asserts some invariants with panics; bytes from elsewhere must not be
            // able to bring the app down, so a panic here is one more kind of invalid input.
            let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if bytes.is_empty() {
                    Ok(0)
                } else {
                    doc.load_incremental(bytes)
                }
            }));
            match applied {
                Ok(Ok(_)) => Ok(after(doc, &before)),
                Ok(Err(e)) => Err(Error::InvalidChanges(e.to_string())),
                Err(_) => Err(Error::InvalidChanges(
                    "the changes could not be applied".into(),
                )),
            }
        })
        .inspect_err(|e| {
            if matches!(e, Error::InvalidChanges(_)) {
                // The document may be half-applied: go back to the file.
                let _ = self.load();
            }
        })
    }

    /// The whole document, compacted: what a new device needs.
    pub(crate) fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    fn compact_if_due(&mut self) {
        let s = self.stats;
        let due = s.incremental_bytes >= s.snapshot_bytes.max(1)
            || s.incremental_chunks > COMPACT_AFTER_CHUNKS;
        if due && s.incremental_chunks > 1 {
            // The change itself is already durable; a failed compaction is retried next time.
            let _ = self.compact();
        }
    }

    /// Replaces every chunk with one snapshot, in one transaction.
    pub(crate) fn compact(&mut self) -> Result<()> {
        // Catching up may bring other handles' changes.
        self.version = next_version();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        catch_up(
            &tx,
            &self.cipher,
            &mut self.doc,
            &mut self.last_seen,
            &mut self.stats,
        )?;
        let snapshot = self.doc.save();
        tx.execute(
            "INSERT INTO chunks (kind, data) VALUES (?1, ?2)",
            params![
                KIND_SNAPSHOT,
                self.cipher.seal_chunk(KIND_SNAPSHOT, &snapshot)?
            ],
        )?;
        let id = tx.last_insert_rowid();
        // Only what this snapshot covers: every chunk up to what this handle has seen.
        tx.execute("DELETE FROM chunks WHERE id <= ?1", [self.last_seen])?;
        tx.commit()?;
        self.last_seen = id;
        self.stats.add(KIND_SNAPSHOT, snapshot.len());
        // Giving pages back is a nicety; the compaction itself is already committed.
        let _ = give_back_free_pages(&self.conn);
        Ok(())
    }

    /// A value this store keeps beside the document (sync state, account).
    pub(crate) fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let sealed: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        sealed.map(|s| self.cipher.open_meta(key, &s)).transpose()
    }

    /// Sets (or, with `None`, removes) several meta values in one transaction.
    pub(crate) fn set_meta(&mut self, entries: &[(&str, Option<&[u8]>)]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (key, value) in entries {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, self.cipher.seal_meta(key, v)?],
                )?,
                None => tx.execute("DELETE FROM meta WHERE key = ?1", [key])?,
            };
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn stats(&self) -> ChunkStats {
        self.stats
    }
}

/// `PRAGMA incremental_vacuum` frees one page per step, so it is stepped to the end.
fn give_back_free_pages(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare_cached("PRAGMA incremental_vacuum")?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// Applies chunks other handles appended since `last_seen`.
fn catch_up(
    conn: &Connection,
    cipher: &Cipher,
    doc: &mut AutoCommit,
    last_seen: &mut i64,
    stats: &mut ChunkStats,
) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("SELECT id, kind, data FROM chunks WHERE id > ?1 ORDER BY id")?;
    let mut rows = stmt.query([*last_seen])?;
    while let Some(row) = rows.next()? {
        let kind = row.get(1)?;
        let data = cipher.open_chunk(kind, row.get_ref(2)?.as_blob()?)?;
        doc.load_incremental(&data)
            .map_err(|e| Error::Corrupted(format!("a stored chunk does not load: {e}")))?;
        stats.add(kind, data.len());
        *last_seen = row.get(0)?;
    }
    Ok(())
}

/// Writes the install's actor id and the shared genesis changes into a fresh store.
fn initialise(conn: &mut Connection, genesis: &[FixedChange], cipher: &Cipher) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let has_actor: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'actor')",
        [],
        |r| r.get(0),
    )?;
    if !has_actor {
        let chunks: i64 = tx.query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))?;
        if chunks > 0 {
            // Data without an actor is not something this app ever writes.
            return Err(Error::Corrupted(
                "the store has data but no actor id".into(),
            ));
        }
        // One actor per install, for ever: a new actor per launch would grow the document.
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('actor', ?1)",
            [cipher.seal_meta("actor", ActorId::random().to_bytes())?],
        )?;
        let genesis: Vec<u8> = genesis
            .iter()
            .flat_map(|c| c.bytes.iter().copied())
            .collect();
        tx.execute(
            "INSERT INTO chunks (kind, data) VALUES (?1, ?2)",
            params![
                KIND_INCREMENTAL,
                cipher.seal_chunk(KIND_INCREMENTAL, &genesis)?
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}
