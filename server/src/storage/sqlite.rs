//! SQLite storage: one file, `server.sqlite3`, in the data directory. One writer connection
//! (SQLite allows one writer at a time anyway, and `BEGIN IMMEDIATE` on it serialises sequence
//! numbers) and a few reader connections that WAL lets read while it writes. Work runs on
//! tokio's blocking threads.
//!
//! Durability as in the core: WAL with `synchronous=FULL`, so a response sent means the rows
//! survive a crash or a power cut.

use std::future::Future;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use companion_core::sync::wire::{ChunkId, SealedChunk, SealedSnapshot};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use uuid::Uuid;

use super::{Device, Hash, Invitation, Op, Program, Result, StoreError, Tx, seq_from_db};

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "server.sqlite3";
/// `PRAGMA application_id` of a server database ("IOPS"); a participant's store is "IOPC".
const APPLICATION_ID: i32 = 0x494F_5053;
/// The schema version this build writes.
pub const VERSION: u32 = 1;
/// Reader connections kept open between requests.
const IDLE_READERS: usize = 4;
/// How long a statement waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema at [`VERSION`]. Ids are 16-byte UUIDs, times Unix seconds, hashes SHA-256.
pub const CREATE: &str = "
CREATE TABLE programs (
    program_id BLOB PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE participants (
    participant_id BLOB PRIMARY KEY,
    created_at     INTEGER NOT NULL
) STRICT;
CREATE TABLE enrollments (
    participant_id BLOB NOT NULL REFERENCES participants ON DELETE CASCADE,
    program_id     BLOB NOT NULL REFERENCES programs,
    enrolled_at    INTEGER NOT NULL,
    PRIMARY KEY (participant_id, program_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE devices (
    device_id      BLOB PRIMARY KEY,
    participant_id BLOB NOT NULL REFERENCES participants ON DELETE CASCADE,
    token_hash     BLOB NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    revoked_at     INTEGER
) STRICT;
CREATE INDEX devices_participant ON devices (participant_id);
CREATE TABLE staff_tokens (
    token_id   BLOB PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;
-- participant_id is the participant the code will enrol; their row appears at redemption.
CREATE TABLE invitations (
    code_hash      BLOB NOT NULL UNIQUE,
    program_id     BLOB NOT NULL REFERENCES programs,
    participant_id BLOB NOT NULL UNIQUE,
    salt           BLOB NOT NULL,
    sealed_key     BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    redeemed_at    INTEGER
) STRICT;
CREATE TABLE links (
    link_id_hash   BLOB NOT NULL UNIQUE,
    participant_id BLOB NOT NULL REFERENCES participants ON DELETE CASCADE,
    sealed         BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    redeemed_at    INTEGER
) STRICT;
CREATE INDEX links_participant ON links (participant_id);
-- One row per document: the last sequence number handed out.
CREATE TABLE docs (
    doc_id   BLOB PRIMARY KEY,
    last_seq INTEGER NOT NULL
) STRICT;
CREATE TABLE chunks (
    doc_id   BLOB NOT NULL REFERENCES docs ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    chunk_id BLOB NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, chunk_id)
) STRICT;
-- The latest snapshot of each document; older ones are replaced.
CREATE TABLE snapshots (
    doc_id     BLOB PRIMARY KEY REFERENCES docs ON DELETE CASCADE,
    covers_seq INTEGER NOT NULL,
    chunk_id   BLOB NOT NULL,
    data       BLOB NOT NULL
) STRICT;
";

/// `MIGRATIONS[i]` upgrades a database from version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[&str] = &[];

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

#[derive(Clone)]
pub struct Sqlite {
    inner: Arc<Inner>,
}

fn backend(e: rusqlite::Error) -> StoreError {
    // SQLite's messages name tables and constraints, never bound values.
    StoreError::Backend(e.to_string())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a transaction open (see `run`), so the
    // connection behind a poisoned lock is still fine to use.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Sqlite {
    pub async fn open(dir: &Path) -> Result<Sqlite> {
        let dir = dir.to_owned();
        tokio::task::spawn_blocking(move || Sqlite::open_blocking(&dir))
            .await
            .map_err(|_| StoreError::Backend("opening the database was interrupted".into()))?
    }

    fn open_blocking(dir: &Path) -> Result<Sqlite> {
        // Owner-only: the rows are ciphertext and hashes, but who enrolled when is still
        // nobody else's business. SQLite gives its -wal and -shm files the database's mode.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| StoreError::Backend(format!("cannot create the data directory: {e}")))?;
        let path = dir.join(FILE_NAME);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| StoreError::Backend(format!("cannot open {FILE_NAME}: {e}")))?;
        let mut writer = connect(&path, false)?;
        prepare(&mut writer)?;
        Ok(Sqlite {
            inner: Arc::new(Inner {
                path,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
        })
    }

    pub async fn run<O: Op>(&self, op: O) -> Result<O::Out> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            if op.writes() {
                let mut conn = lock(&inner.writer);
                transaction(&mut conn, "BEGIN IMMEDIATE", op)
            } else {
                let mut conn = match lock(&inner.readers).pop() {
                    Some(c) => c,
                    None => connect(&inner.path, true)?,
                };
                let out = transaction(&mut conn, "BEGIN", op);
                let mut idle = lock(&inner.readers);
                if idle.len() < IDLE_READERS {
                    idle.push(conn);
                }
                out
            }
        })
        .await
        .map_err(|_| StoreError::Backend("a storage task failed".into()))?
    }
}

fn connect(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags).map_err(backend)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(backend)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(backend)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(backend)?;
    Ok(conn)
}

/// Checks the file is a server database (or empty), then creates or migrates the schema.
/// A foreign or newer file is refused untouched.
fn prepare(conn: &mut Connection) -> Result<()> {
    let (app_id, version, tables) = identity(conn)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(StoreError::Backend(format!(
            "{FILE_NAME} is not a companion-server database; it was left untouched"
        )));
    }
    if version > VERSION {
        return Err(StoreError::Backend(format!(
            "the database uses schema version {version}, newer than this server supports \
             ({VERSION}); update the server"
        )));
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(backend)?;
    if app_id == APPLICATION_ID && version == VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(backend)?;
    // Another process may have set the file up while this one waited for the lock.
    let (app_id, version, _) = identity(&tx)?;
    if app_id == 0 {
        tx.execute_batch(CREATE).map_err(backend)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(backend)?;
    } else {
        for step in MIGRATIONS.iter().skip((version as usize).saturating_sub(1)) {
            tx.execute_batch(step).map_err(backend)?;
        }
    }
    tx.pragma_update(None, "user_version", VERSION)
        .map_err(backend)?;
    tx.commit().map_err(backend)
}

fn identity(conn: &Connection) -> Result<(i32, u32, i64)> {
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(backend)?;
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(backend)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(backend)?;
    Ok((app_id, version, tables))
}

/// Runs `op` inside `begin … COMMIT`, rolling back on any error.
fn transaction<O: Op>(conn: &mut Connection, begin: &str, op: O) -> Result<O::Out> {
    conn.execute_batch(begin).map_err(backend)?;
    let out = {
        let mut tx = SqliteTx { conn };
        now_or_never(op.run(&mut tx))
    };
    let out = out.and_then(|v| conn.execute_batch("COMMIT").map(|()| v).map_err(backend));
    if out.is_err() && !conn.is_autocommit() {
        // Best effort: if even the rollback fails, SQLite rolls back when the connection
        // next opens a transaction, and nothing of this one was committed.
        let _ = conn.execute_batch("ROLLBACK");
    }
    out
}

/// Drives a future that never waits: every `SqliteTx` method completes at once, so the op's
/// future is ready on its first poll.
fn now_or_never<T>(fut: impl Future<Output = Result<T>>) -> Result<T> {
    let mut fut = pin!(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => Err(StoreError::Backend(
            "a SQLite operation did not complete".into(),
        )),
    }
}

struct SqliteTx<'c> {
    conn: &'c mut Connection,
}

fn id(bytes: Vec<u8>) -> Result<Uuid> {
    Uuid::from_slice(&bytes).map_err(|_| StoreError::Backend("a stored id is not 16 bytes".into()))
}

fn chunk_id(bytes: Vec<u8>) -> Result<ChunkId> {
    let id: [u8; 16] = bytes
        .try_into()
        .map_err(|_| StoreError::Backend("a stored chunk id is not 16 bytes".into()))?;
    Ok(ChunkId(id))
}

fn invitation_from(row: (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, i64)) -> Result<Invitation> {
    let (program_id, participant_id, salt, sealed_key, expires_at) = row;
    Ok(Invitation {
        program_id: id(program_id)?,
        participant_id: id(participant_id)?,
        salt,
        sealed_key,
        expires_at,
    })
}

impl SqliteTx<'_> {
    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .map_err(backend)
    }

    fn invitation_row(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<Invitation>> {
        let row = self
            .conn
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.query_row(params, |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()
            })
            .map_err(backend)?;
        row.map(invitation_from).transpose()
    }
}

// Each method finishes its statement before returning a ready future; see `now_or_never`.
impl Tx for SqliteTx<'_> {
    async fn device_by_token(&mut self, hash: &Hash) -> Result<Option<Device>> {
        let row: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .prepare_cached(
                "SELECT device_id, participant_id FROM devices
                 WHERE token_hash = ?1 AND revoked_at IS NULL",
            )
            .and_then(|mut s| {
                s.query_row([&hash[..]], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(backend)?;
        row.map(|(d, p)| {
            Ok(Device {
                device_id: id(d)?,
                participant_id: id(p)?,
            })
        })
        .transpose()
    }

    async fn staff_token_known(&mut self, hash: &Hash) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT 1 FROM staff_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
            )
            .and_then(|mut s| s.exists([&hash[..]]))
            .map_err(backend)
    }

    async fn insert_staff_token(&mut self, token_id: Uuid, hash: &Hash, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO staff_tokens (token_id, token_hash, created_at) VALUES (?1, ?2, ?3)",
            params![&token_id.as_bytes()[..], &hash[..], now],
        )
        .map(drop)
    }

    async fn revoke_staff_token(&mut self, token_id: Uuid, now: i64) -> Result<bool> {
        self.execute(
            "UPDATE staff_tokens SET revoked_at = ?2 WHERE token_id = ?1 AND revoked_at IS NULL",
            params![&token_id.as_bytes()[..], now],
        )
        .map(|n| n == 1)
    }

    async fn program(&mut self, program_id: Uuid) -> Result<Option<Program>> {
        let name: Option<String> = self
            .conn
            .prepare_cached("SELECT name FROM programs WHERE program_id = ?1")
            .and_then(|mut s| {
                s.query_row([&program_id.as_bytes()[..]], |r| r.get(0))
                    .optional()
            })
            .map_err(backend)?;
        Ok(name.map(|name| Program { program_id, name }))
    }

    async fn insert_program(&mut self, program_id: Uuid, name: &str, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO programs (program_id, name, created_at) VALUES (?1, ?2, ?3)",
            params![&program_id.as_bytes()[..], name, now],
        )
        .map(drop)
    }

    async fn programs_of(&mut self, participant_id: Uuid) -> Result<Vec<Program>> {
        let rows: Vec<(Vec<u8>, String)> = self
            .conn
            .prepare_cached(
                "SELECT p.program_id, p.name FROM enrollments e
                 JOIN programs p ON p.program_id = e.program_id
                 WHERE e.participant_id = ?1 ORDER BY p.name, p.program_id",
            )
            .and_then(|mut s| {
                s.query_map([&participant_id.as_bytes()[..]], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
            })
            .map_err(backend)?;
        rows.into_iter()
            .map(|(program_id, name)| {
                Ok(Program {
                    program_id: id(program_id)?,
                    name,
                })
            })
            .collect()
    }

    async fn insert_participant(&mut self, participant_id: Uuid, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO participants (participant_id, created_at) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            params![&participant_id.as_bytes()[..], now],
        )
        .map(drop)
    }

    async fn insert_enrollment(
        &mut self,
        participant_id: Uuid,
        program_id: Uuid,
        now: i64,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO enrollments (participant_id, program_id, enrolled_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![
                &participant_id.as_bytes()[..],
                &program_id.as_bytes()[..],
                now
            ],
        )
        .map(drop)
    }

    async fn insert_device(&mut self, device: Device, token_hash: &Hash, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO devices (device_id, participant_id, token_hash, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                &device.device_id.as_bytes()[..],
                &device.participant_id.as_bytes()[..],
                &token_hash[..],
                now
            ],
        )
        .map(drop)
    }

    async fn erase_participant(&mut self, participant_id: Uuid) -> Result<()> {
        let p = &participant_id.as_bytes()[..];
        for sql in [
            "DELETE FROM chunks WHERE doc_id = ?1",
            "DELETE FROM snapshots WHERE doc_id = ?1",
            "DELETE FROM docs WHERE doc_id = ?1",
            "DELETE FROM links WHERE participant_id = ?1",
            "DELETE FROM devices WHERE participant_id = ?1",
            "DELETE FROM enrollments WHERE participant_id = ?1",
            "DELETE FROM invitations WHERE participant_id = ?1",
            "DELETE FROM participants WHERE participant_id = ?1",
        ] {
            self.execute(sql, [p])?;
        }
        Ok(())
    }

    async fn insert_invitation(
        &mut self,
        code_hash: &Hash,
        inv: &Invitation,
        now: i64,
    ) -> Result<bool> {
        self.execute(
            "INSERT INTO invitations
                 (code_hash, program_id, participant_id, salt, sealed_key, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (code_hash) DO NOTHING",
            params![
                &code_hash[..],
                &inv.program_id.as_bytes()[..],
                &inv.participant_id.as_bytes()[..],
                &inv.salt,
                &inv.sealed_key,
                now,
                inv.expires_at
            ],
        )
        .map(|n| n == 1)
    }

    async fn invitation(&mut self, code_hash: &Hash) -> Result<Option<Invitation>> {
        self.invitation_row(
            "SELECT program_id, participant_id, salt, sealed_key, expires_at
             FROM invitations WHERE code_hash = ?1",
            [&code_hash[..]],
        )
    }

    async fn redeem_invitation(
        &mut self,
        code_hash: &Hash,
        now: i64,
    ) -> Result<Option<Invitation>> {
        // The writer holds SQLite's write lock (BEGIN IMMEDIATE), so read-then-update is atomic.
        let found = self.invitation_row(
            "SELECT program_id, participant_id, salt, sealed_key, expires_at
             FROM invitations
             WHERE code_hash = ?1 AND redeemed_at IS NULL AND expires_at > ?2",
            params![&code_hash[..], now],
        )?;
        if found.is_some() {
            // The sealed key has done its job; keeping it would only help someone who later
            // guesses the code.
            self.execute(
                "UPDATE invitations SET redeemed_at = ?2, salt = X'', sealed_key = X''
                 WHERE code_hash = ?1",
                params![&code_hash[..], now],
            )?;
        }
        Ok(found)
    }

    async fn insert_link(
        &mut self,
        link_hash: &Hash,
        participant_id: Uuid,
        sealed: &[u8],
        expires_at: i64,
        now: i64,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO links (link_id_hash, participant_id, sealed, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                &link_hash[..],
                &participant_id.as_bytes()[..],
                sealed,
                now,
                expires_at
            ],
        )
        .map(drop)
    }

    async fn prune_links(&mut self, participant_id: Uuid, now: i64) -> Result<()> {
        self.execute(
            "DELETE FROM links
             WHERE participant_id = ?1 AND (redeemed_at IS NOT NULL OR expires_at <= ?2)",
            params![&participant_id.as_bytes()[..], now],
        )
        .map(drop)
    }

    async fn redeem_link(&mut self, link_hash: &Hash, now: i64) -> Result<Option<(Uuid, Vec<u8>)>> {
        let row: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .prepare_cached(
                "SELECT participant_id, sealed FROM links
                 WHERE link_id_hash = ?1 AND redeemed_at IS NULL AND expires_at > ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![&link_hash[..], now], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(backend)?;
        let Some((participant, sealed)) = row else {
            return Ok(None);
        };
        self.execute(
            "UPDATE links SET redeemed_at = ?2, sealed = X'' WHERE link_id_hash = ?1",
            params![&link_hash[..], now],
        )?;
        Ok(Some((id(participant)?, sealed)))
    }

    async fn ensure_doc(&mut self, doc: Uuid) -> Result<()> {
        self.execute(
            "INSERT INTO docs (doc_id, last_seq) VALUES (?1, 0) ON CONFLICT DO NOTHING",
            [&doc.as_bytes()[..]],
        )
        .map(drop)
    }

    async fn doc_seq(&mut self, doc: Uuid, _lock: bool) -> Result<Option<i64>> {
        // A writer holds SQLite's one write lock from BEGIN IMMEDIATE on: the row needs none.
        self.conn
            .prepare_cached("SELECT last_seq FROM docs WHERE doc_id = ?1")
            .and_then(|mut s| s.query_row([&doc.as_bytes()[..]], |r| r.get(0)).optional())
            .map_err(backend)
    }

    async fn set_doc_seq(&mut self, doc: Uuid, seq: i64) -> Result<()> {
        self.execute(
            "UPDATE docs SET last_seq = ?2 WHERE doc_id = ?1",
            params![&doc.as_bytes()[..], seq],
        )
        .map(drop)
    }

    async fn insert_chunk(&mut self, doc: Uuid, seq: i64, chunk: &SealedChunk) -> Result<bool> {
        self.execute(
            "INSERT INTO chunks (doc_id, seq, chunk_id, data) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (doc_id, chunk_id) DO NOTHING",
            params![&doc.as_bytes()[..], seq, &chunk.id.0[..], &chunk.ciphertext],
        )
        .map(|n| n == 1)
    }

    async fn chunks_page(
        &mut self,
        doc: Uuid,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<(i64, SealedChunk)>> {
        let rows: Vec<(i64, Vec<u8>, Vec<u8>)> = self
            .conn
            .prepare_cached(
                "SELECT seq, chunk_id, data FROM chunks
                 WHERE doc_id = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4",
            )
            .and_then(|mut s| {
                s.query_map(params![&doc.as_bytes()[..], after, upto, limit], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect()
            })
            .map_err(backend)?;
        rows.into_iter()
            .map(|(seq, cid, data)| {
                Ok((
                    seq,
                    SealedChunk {
                        id: chunk_id(cid)?,
                        ciphertext: data,
                    },
                ))
            })
            .collect()
    }

    async fn snapshot(&mut self, doc: Uuid) -> Result<Option<SealedSnapshot>> {
        let row: Option<(i64, Vec<u8>, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT covers_seq, chunk_id, data FROM snapshots WHERE doc_id = ?1")
            .and_then(|mut s| {
                s.query_row([&doc.as_bytes()[..]], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
            })
            .map_err(backend)?;
        row.map(|(covers, cid, data)| {
            Ok(SealedSnapshot {
                chunk: SealedChunk {
                    id: chunk_id(cid)?,
                    ciphertext: data,
                },
                covers_seq: seq_from_db(covers),
            })
        })
        .transpose()
    }

    async fn put_snapshot(&mut self, doc: Uuid, snapshot: &SealedSnapshot) -> Result<()> {
        self.execute(
            "INSERT INTO snapshots (doc_id, covers_seq, chunk_id, data) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (doc_id) DO UPDATE
             SET covers_seq = excluded.covers_seq, chunk_id = excluded.chunk_id,
                 data = excluded.data
             WHERE excluded.covers_seq > snapshots.covers_seq",
            params![
                &doc.as_bytes()[..],
                super::seq_to_db(snapshot.covers_seq),
                &snapshot.chunk.id.0[..],
                &snapshot.chunk.ciphertext
            ],
        )
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn foreign_and_newer_files_are_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // A participant's store (another application id), a file of someone else's tables.
        let store = Connection::open(&path).unwrap();
        store
            .pragma_update(None, "application_id", 0x494F_5043)
            .unwrap();
        drop(store);
        let before = std::fs::read(&path).unwrap();
        let Err(e) = Sqlite::open(dir.path()).await else {
            panic!("opened a foreign file");
        };
        assert!(
            e.to_string().contains("not a companion-server database"),
            "{e}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);

        std::fs::remove_file(&path).unwrap();
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(Sqlite::open(dir.path()).await.is_err());

        std::fs::remove_file(&path).unwrap();
        drop(Sqlite::open(dir.path()).await.unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        let Err(e) = Sqlite::open(dir.path()).await else {
            panic!("opened a newer schema");
        };
        assert!(
            e.to_string().contains("newer than this server supports"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn reopening_keeps_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        drop(Sqlite::open(dir.path()).await.unwrap());
        drop(Sqlite::open(dir.path()).await.unwrap());
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        let (app_id, version, tables) = identity(&conn).unwrap();
        assert_eq!((app_id, version), (APPLICATION_ID, VERSION));
        assert!(tables >= 10);
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::metadata(dir.path().join(FILE_NAME))
            .unwrap()
            .permissions();
        assert_eq!(perms.mode() & 0o077, 0);
    }
}
