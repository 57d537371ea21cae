//! The SQLite schema of a store, versioned by `PRAGMA user_version`.
//!
//! A store is a log of Automerge chunks: snapshots (`kind = 0`) and incremental changes
//! (`kind = 1`). The document itself lives in those bytes, so the schema stays small and
//! migrations are rare; each one is a step in [`MIGRATIONS`], and a test checks that a store
//! migrated step by step equals a fresh one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of every store ("IOPC"), so a foreign SQLite file is recognised.
pub(crate) const APPLICATION_ID: i32 = 0x494F_5043;

/// The schema version this build writes. Version 2 seals every value under the store's key
/// (`at_rest.rs`): its tables are version 1's, and an app that only knows version 1 must
/// refuse the file rather than read ciphertext as a document.
pub(crate) const VERSION: u32 = 2;

/// The schema of a fresh store at [`VERSION`].
pub(crate) const CREATE: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
-- Ids only grow: compaction inserts its snapshot (the new largest id) before deleting what it
-- covers, so the largest id is never deleted and 'id > last seen' finds exactly the chunks
-- other handles wrote since. (AUTOINCREMENT would cost a page write per change.)
CREATE TABLE chunks (
    id   INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
    data BLOB NOT NULL
) STRICT;
";

/// `MIGRATIONS[i]` upgrades a store from version `i + 1` to `i + 2`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1 → 2: no table changes; `at_rest::unlock` seals the values with the key it is given.
    "",
];

pub(crate) const KIND_SNAPSHOT: i64 = 0;
pub(crate) const KIND_INCREMENTAL: i64 = 1;

/// What [`prepare`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Prepared {
    Fresh,
    Existing,
}

/// Checks the file is ours (or empty), creates or migrates the schema.
///
/// Nothing is written to a file that is not ours: the checks only read, and journal mode is
/// switched to WAL only after they pass.
pub(crate) fn prepare(conn: &mut Connection, label: &str) -> Result<Prepared> {
    let (app_id, version, tables) = identity(conn)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(Error::ForeignDatabase(label.to_owned()));
    }
    if version > VERSION {
        return Err(Error::NewerSchema {
            found: version,
            supported: VERSION,
        });
    }
    if app_id == APPLICATION_ID && version == VERSION {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        return Ok(Prepared::Existing);
    }
    if app_id == 0 {
        // Must precede the first table; lets compaction give freed pages back to the OS.
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have initialised the file while we waited for the lock.
    let (app_id, version, _) = identity(&tx)?;
    let prepared = if app_id == 0 {
        tx.execute_batch(CREATE)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        Prepared::Fresh
    } else {
        for step in &MIGRATIONS[(version as usize).saturating_sub(1)..] {
            tx.execute_batch(step)?;
        }
        Prepared::Existing
    };
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(prepared)
}

fn identity(conn: &Connection) -> Result<(i32, u32, i64)> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((app_id, version, tables))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    /// A store created at every past version and migrated forward has exactly the schema of a
    /// fresh store. A migration that forgets a column or an index fails here.
    #[test]
    fn migrated_schema_equals_fresh() {
        let mut fresh = Connection::open_in_memory().unwrap();
        assert_eq!(prepare(&mut fresh, "fresh").unwrap(), Prepared::Fresh);
        let fresh_schema = schema_of(&fresh);
        assert!(fresh_schema.iter().any(|(name, _)| name == "chunks"));

        for past in 1..=VERSION {
            let mut old = Connection::open_in_memory().unwrap();
            // Rebuild version `past` from the first schema plus the migrations before it.
            old.execute_batch(CREATE_V1).unwrap();
            for step in &MIGRATIONS[..(past as usize - 1)] {
                old.execute_batch(step).unwrap();
            }
            old.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            old.pragma_update(None, "user_version", past).unwrap();
            assert_eq!(prepare(&mut old, "old").unwrap(), Prepared::Existing);
            assert_eq!(schema_of(&old), fresh_schema, "migrated from v{past}");
            let version: u32 = old
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, VERSION);
        }
    }

    /// The schema as version 1 shipped it; never edit, migrations start from here.
    const CREATE_V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
-- Ids only grow: compaction inserts its snapshot (the new largest id) before deleting what it
-- covers, so the largest id is never deleted and 'id > last seen' finds exactly the chunks
-- other handles wrote since. (AUTOINCREMENT would cost a page write per change.)
CREATE TABLE chunks (
    id   INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
    data BLOB NOT NULL
) STRICT;
";

    #[test]
    fn newer_and_foreign_files_are_refused_untouched() {
        let mut newer = Connection::open_in_memory().unwrap();
        newer
            .pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        newer
            .pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(matches!(
            prepare(&mut newer, "x"),
            Err(Error::NewerSchema { .. })
        ));

        let mut foreign = Connection::open_in_memory().unwrap();
        foreign.execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(
            prepare(&mut foreign, "x"),
            Err(Error::ForeignDatabase(_))
        ));
        assert_eq!(schema_of(&foreign).len(), 1);
    }
}
