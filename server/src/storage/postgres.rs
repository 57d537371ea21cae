//! PostgreSQL storage, for running several server instances on one database. Instances keep
//! no state of their own: sequence numbers come from the document's `docs` row, locked with
//! `SELECT … FOR UPDATE` for the length of the pushing transaction, and `UNIQUE (doc_id,
//! chunk_id)` means two instances racing with the same retried chunk store it once.
//!
//! Writes run at READ COMMITTED (the row lock orders them; after it, each statement sees what
//! the previous holder committed). Pure reads run as READ ONLY REPEATABLE READ snapshots.
//!
//! Connections are plain TCP or a Unix socket (no TLS): run the database on the same host
//! or a private network.

use std::str::FromStr;
use std::time::Duration;

use companion_core::sync::wire::{ChunkId, SealedChunk, SealedSnapshot};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Transaction};
use tokio_postgres::types::{FromSql, ToSql};
use tokio_postgres::{IsolationLevel, NoTls, Row};
use uuid::Uuid;

use super::{
    Device, Hash, Invitation, Op, Program, Result, StoreError, Tx, seq_from_db, seq_to_db,
};

/// The schema version this build writes.
pub const VERSION: i32 = 1;
/// Connections per server instance.
const POOL_SIZE: usize = 16;
/// Serialises schema setup when several instances start at once.
const MIGRATION_LOCK: i64 = 0x494F_5053;

/// The schema at [`VERSION`]; see sqlite.rs for what each table is for.
pub const CREATE: &str = "
CREATE TABLE programs (
    program_id UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE participants (
    participant_id UUID PRIMARY KEY,
    created_at     BIGINT NOT NULL
);
CREATE TABLE enrollments (
    participant_id UUID NOT NULL REFERENCES participants ON DELETE CASCADE,
    program_id     UUID NOT NULL REFERENCES programs,
    enrolled_at    BIGINT NOT NULL,
    PRIMARY KEY (participant_id, program_id)
);
CREATE TABLE devices (
    device_id      UUID PRIMARY KEY,
    participant_id UUID NOT NULL REFERENCES participants ON DELETE CASCADE,
    token_hash     BYTEA NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT
);
CREATE INDEX devices_participant ON devices (participant_id);
CREATE TABLE staff_tokens (
    token_id   UUID PRIMARY KEY,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE invitations (
    code_hash      BYTEA NOT NULL UNIQUE,
    program_id     UUID NOT NULL REFERENCES programs,
    participant_id UUID NOT NULL UNIQUE,
    salt           BYTEA NOT NULL,
    sealed_key     BYTEA NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    redeemed_at    BIGINT
);
CREATE TABLE links (
    link_id_hash   BYTEA NOT NULL UNIQUE,
    participant_id UUID NOT NULL REFERENCES participants ON DELETE CASCADE,
    sealed         BYTEA NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    redeemed_at    BIGINT
);
CREATE INDEX links_participant ON links (participant_id);
CREATE TABLE docs (
    doc_id   UUID PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
CREATE TABLE chunks (
    doc_id   UUID NOT NULL REFERENCES docs ON DELETE CASCADE,
    seq      BIGINT NOT NULL,
    chunk_id BYTEA NOT NULL,
    data     BYTEA NOT NULL,
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, chunk_id)
);
CREATE TABLE snapshots (
    doc_id     UUID PRIMARY KEY REFERENCES docs ON DELETE CASCADE,
    covers_seq BIGINT NOT NULL,
    chunk_id   BYTEA NOT NULL,
    data       BYTEA NOT NULL
);
-- Ciphertext does not compress; skip the attempt.
ALTER TABLE chunks ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
";

/// `MIGRATIONS[i]` upgrades the schema from version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[&str] = &[];

#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
}

/// A PostgreSQL error as the logs may show it: the SQLSTATE and the server's message, never
/// its DETAIL (which can quote row values).
pub fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

fn backend(e: tokio_postgres::Error) -> StoreError {
    StoreError::Backend(describe(&e))
}

fn pool_error(e: deadpool_postgres::PoolError) -> StoreError {
    match e {
        deadpool_postgres::PoolError::Backend(e) => backend(e),
        other => StoreError::Backend(format!("database connection pool: {other}")),
    }
}

impl Postgres {
    /// Connects and creates or migrates the schema (in one transaction, under an advisory
    /// lock, so instances starting together do it once).
    pub async fn open(url: &str) -> Result<Postgres> {
        // The URL holds the password: errors say what is wrong, never echo it.
        let config = tokio_postgres::Config::from_str(url).map_err(|_| {
            StoreError::Backend("the database URL is not a valid PostgreSQL URL".into())
        })?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(Duration::from_secs(30)))
            .create_timeout(Some(Duration::from_secs(10)))
            .build()
            .map_err(|e| StoreError::Backend(format!("database connection pool: {e}")))?;
        let pg = Postgres { pool };
        pg.migrate().await?;
        Ok(pg)
    }

    async fn migrate(&self) -> Result<()> {
        let mut client = self.pool.get().await.map_err(pool_error)?;
        let tx = client.transaction().await.map_err(backend)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(backend)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS companion_schema (version INTEGER NOT NULL)")
            .await
            .map_err(backend)?;
        let version: Option<i32> = tx
            .query_opt("SELECT version FROM companion_schema", &[])
            .await
            .map_err(backend)?
            .map(|r| col(&r, 0))
            .transpose()?;
        match version {
            None => {
                tx.batch_execute(CREATE).await.map_err(backend)?;
                tx.execute(
                    "INSERT INTO companion_schema (version) VALUES ($1)",
                    &[&VERSION],
                )
                .await
                .map_err(backend)?;
            }
            Some(v) if v > VERSION => {
                return Err(StoreError::Backend(format!(
                    "the database uses schema version {v}, newer than this server supports \
                     ({VERSION}); update the server"
                )));
            }
            Some(v) if v < 1 => {
                return Err(StoreError::Backend(format!(
                    "the database records schema version {v}, which never existed"
                )));
            }
            Some(v) => {
                for step in MIGRATIONS.iter().skip((v - 1) as usize) {
                    tx.batch_execute(step).await.map_err(backend)?;
                }
                tx.execute("UPDATE companion_schema SET version = $1", &[&VERSION])
                    .await
                    .map_err(backend)?;
            }
        }
        tx.commit().await.map_err(backend)
    }

    pub async fn run<O: Op>(&self, op: O) -> Result<O::Out> {
        let mut client = self.pool.get().await.map_err(pool_error)?;
        let writes = op.writes();
        let builder = client.build_transaction();
        let builder = if writes {
            builder.isolation_level(IsolationLevel::ReadCommitted)
        } else {
            builder
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
        };
        let tx = builder.start().await.map_err(backend)?;
        let mut pg = PgTx { tx };
        let out = op.run(&mut pg).await;
        match out {
            Ok(v) => {
                pg.tx.commit().await.map_err(backend)?;
                Ok(v)
            }
            Err(e) => {
                // Dropping the transaction would roll back too, but in the background; this
                // returns the connection to the pool clean.
                let _ = pg.tx.rollback().await;
                Err(e)
            }
        }
    }
}

struct PgTx<'a> {
    tx: Transaction<'a>,
}

fn chunk_id(bytes: Vec<u8>) -> Result<ChunkId> {
    let id: [u8; 16] = bytes
        .try_into()
        .map_err(|_| StoreError::Backend("a stored chunk id is not 16 bytes".into()))?;
    Ok(ChunkId(id))
}

/// A column of a row, or an error (never `Row::get`'s panic) if it does not have the type
/// this file's schema gives it.
fn col<'a, T: FromSql<'a>>(row: &'a Row, idx: usize) -> Result<T> {
    row.try_get(idx)
        .map_err(|_| StoreError::Backend(format!("unexpected type in result column {idx}")))
}

fn invitation_from(row: &Row) -> Result<Invitation> {
    Ok(Invitation {
        program_id: col(row, 0)?,
        participant_id: col(row, 1)?,
        salt: col(row, 2)?,
        sealed_key: col(row, 3)?,
        expires_at: col(row, 4)?,
    })
}

impl PgTx<'_> {
    async fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let stmt = self.tx.prepare_cached(sql).await.map_err(backend)?;
        self.tx.execute(&stmt, params).await.map_err(backend)
    }

    async fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let stmt = self.tx.prepare_cached(sql).await.map_err(backend)?;
        self.tx.query(&stmt, params).await.map_err(backend)
    }

    async fn query_opt(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        let stmt = self.tx.prepare_cached(sql).await.map_err(backend)?;
        self.tx.query_opt(&stmt, params).await.map_err(backend)
    }
}

impl Tx for PgTx<'_> {
    async fn device_by_token(&mut self, hash: &Hash) -> Result<Option<Device>> {
        let row = self
            .query_opt(
                "SELECT device_id, participant_id FROM devices
                 WHERE token_hash = $1 AND revoked_at IS NULL",
                &[&&hash[..]],
            )
            .await?;
        row.map(|r| {
            Ok(Device {
                device_id: col(&r, 0)?,
                participant_id: col(&r, 1)?,
            })
        })
        .transpose()
    }

    async fn staff_token_known(&mut self, hash: &Hash) -> Result<bool> {
        let row = self
            .query_opt(
                "SELECT 1 FROM staff_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
                &[&&hash[..]],
            )
            .await?;
        Ok(row.is_some())
    }

    async fn insert_staff_token(&mut self, token_id: Uuid, hash: &Hash, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO staff_tokens (token_id, token_hash, created_at) VALUES ($1, $2, $3)",
            &[&token_id, &&hash[..], &now],
        )
        .await
        .map(drop)
    }

    async fn revoke_staff_token(&mut self, token_id: Uuid, now: i64) -> Result<bool> {
        self.execute(
            "UPDATE staff_tokens SET revoked_at = $2 WHERE token_id = $1 AND revoked_at IS NULL",
            &[&token_id, &now],
        )
        .await
        .map(|n| n == 1)
    }

    async fn program(&mut self, program_id: Uuid) -> Result<Option<Program>> {
        let row = self
            .query_opt(
                "SELECT name FROM programs WHERE program_id = $1",
                &[&program_id],
            )
            .await?;
        row.map(|r| {
            Ok(Program {
                program_id,
                name: col(&r, 0)?,
            })
        })
        .transpose()
    }

    async fn insert_program(&mut self, program_id: Uuid, name: &str, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO programs (program_id, name, created_at) VALUES ($1, $2, $3)",
            &[&program_id, &name, &now],
        )
        .await
        .map(drop)
    }

    async fn programs_of(&mut self, participant_id: Uuid) -> Result<Vec<Program>> {
        let rows = self
            .query(
                "SELECT p.program_id, p.name FROM enrollments e
                 JOIN programs p ON p.program_id = e.program_id
                 WHERE e.participant_id = $1 ORDER BY p.name, p.program_id",
                &[&participant_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Program {
                    program_id: col(r, 0)?,
                    name: col(r, 1)?,
                })
            })
            .collect()
    }

    async fn insert_participant(&mut self, participant_id: Uuid, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO participants (participant_id, created_at) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&participant_id, &now],
        )
        .await
        .map(drop)
    }

    async fn insert_enrollment(
        &mut self,
        participant_id: Uuid,
        program_id: Uuid,
        now: i64,
    ) -> Result<()> {
        self.execute(
            "INSERT INTO enrollments (participant_id, program_id, enrolled_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&participant_id, &program_id, &now],
        )
        .await
        .map(drop)
    }

    async fn insert_device(&mut self, device: Device, token_hash: &Hash, now: i64) -> Result<()> {
        self.execute(
            "INSERT INTO devices (device_id, participant_id, token_hash, created_at)
             VALUES ($1, $2, $3, $4)",
            &[
                &device.device_id,
                &device.participant_id,
                &&token_hash[..],
                &now,
            ],
        )
        .await
        .map(drop)
    }

    async fn erase_participant(&mut self, participant_id: Uuid) -> Result<()> {
        // The document's row first, as a push takes it: the two wait for each other instead
        // of deadlocking on a chunk one deletes and the other re-inserts.
        self.query_opt(
            "SELECT 1 FROM docs WHERE doc_id = $1 FOR UPDATE",
            &[&participant_id],
        )
        .await?;
        for sql in [
            "DELETE FROM chunks WHERE doc_id = $1",
            "DELETE FROM snapshots WHERE doc_id = $1",
            "DELETE FROM docs WHERE doc_id = $1",
            "DELETE FROM links WHERE participant_id = $1",
            "DELETE FROM devices WHERE participant_id = $1",
            "DELETE FROM enrollments WHERE participant_id = $1",
            "DELETE FROM invitations WHERE participant_id = $1",
            "DELETE FROM participants WHERE participant_id = $1",
        ] {
            self.execute(sql, &[&participant_id]).await?;
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
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (code_hash) DO NOTHING",
            &[
                &&code_hash[..],
                &inv.program_id,
                &inv.participant_id,
                &inv.salt,
                &inv.sealed_key,
                &now,
                &inv.expires_at,
            ],
        )
        .await
        .map(|n| n == 1)
    }

    async fn invitation(&mut self, code_hash: &Hash) -> Result<Option<Invitation>> {
        let row = self
            .query_opt(
                "SELECT program_id, participant_id, salt, sealed_key, expires_at
                 FROM invitations WHERE code_hash = $1",
                &[&&code_hash[..]],
            )
            .await?;
        row.as_ref().map(invitation_from).transpose()
    }

    async fn redeem_invitation(
        &mut self,
        code_hash: &Hash,
        now: i64,
    ) -> Result<Option<Invitation>> {
        // FOR UPDATE: a concurrent redemption waits here, then re-checks `redeemed_at IS
        // NULL` against the committed row and finds nothing.
        let found = self
            .query_opt(
                "SELECT program_id, participant_id, salt, sealed_key, expires_at
                 FROM invitations
                 WHERE code_hash = $1 AND redeemed_at IS NULL AND expires_at > $2
                 FOR UPDATE",
                &[&&code_hash[..], &now],
            )
            .await?
            .as_ref()
            .map(invitation_from)
            .transpose()?;
        if found.is_some() {
            self.execute(
                "UPDATE invitations SET redeemed_at = $2, salt = '', sealed_key = ''
                 WHERE code_hash = $1",
                &[&&code_hash[..], &now],
            )
            .await?;
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
             VALUES ($1, $2, $3, $4, $5)",
            &[&&link_hash[..], &participant_id, &sealed, &now, &expires_at],
        )
        .await
        .map(drop)
    }

    async fn prune_links(&mut self, participant_id: Uuid, now: i64) -> Result<()> {
        self.execute(
            "DELETE FROM links
             WHERE participant_id = $1 AND (redeemed_at IS NOT NULL OR expires_at <= $2)",
            &[&participant_id, &now],
        )
        .await
        .map(drop)
    }

    async fn redeem_link(&mut self, link_hash: &Hash, now: i64) -> Result<Option<(Uuid, Vec<u8>)>> {
        let Some(row) = self
            .query_opt(
                "SELECT participant_id, sealed FROM links
                 WHERE link_id_hash = $1 AND redeemed_at IS NULL AND expires_at > $2
                 FOR UPDATE",
                &[&&link_hash[..], &now],
            )
            .await?
        else {
            return Ok(None);
        };
        self.execute(
            "UPDATE links SET redeemed_at = $2, sealed = '' WHERE link_id_hash = $1",
            &[&&link_hash[..], &now],
        )
        .await?;
        Ok(Some((col(&row, 0)?, col(&row, 1)?)))
    }

    async fn ensure_doc(&mut self, doc: Uuid) -> Result<()> {
        self.execute(
            "INSERT INTO docs (doc_id, last_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING",
            &[&doc],
        )
        .await
        .map(drop)
    }

    async fn doc_seq(&mut self, doc: Uuid, lock: bool) -> Result<Option<i64>> {
        let sql = if lock {
            "SELECT last_seq FROM docs WHERE doc_id = $1 FOR UPDATE"
        } else {
            "SELECT last_seq FROM docs WHERE doc_id = $1"
        };
        let row = self.query_opt(sql, &[&doc]).await?;
        row.map(|r| col(&r, 0)).transpose()
    }

    async fn set_doc_seq(&mut self, doc: Uuid, seq: i64) -> Result<()> {
        self.execute(
            "UPDATE docs SET last_seq = $2 WHERE doc_id = $1",
            &[&doc, &seq],
        )
        .await
        .map(drop)
    }

    async fn insert_chunk(&mut self, doc: Uuid, seq: i64, chunk: &SealedChunk) -> Result<bool> {
        self.execute(
            "INSERT INTO chunks (doc_id, seq, chunk_id, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (doc_id, chunk_id) DO NOTHING",
            &[&doc, &seq, &&chunk.id.0[..], &chunk.ciphertext],
        )
        .await
        .map(|n| n == 1)
    }

    async fn chunks_page(
        &mut self,
        doc: Uuid,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<(i64, SealedChunk)>> {
        let rows = self
            .query(
                "SELECT seq, chunk_id, data FROM chunks
                 WHERE doc_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
                &[&doc, &after, &upto, &limit],
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok((
                    col(&r, 0)?,
                    SealedChunk {
                        id: chunk_id(col(&r, 1)?)?,
                        ciphertext: col(&r, 2)?,
                    },
                ))
            })
            .collect()
    }

    async fn snapshot(&mut self, doc: Uuid) -> Result<Option<SealedSnapshot>> {
        let row = self
            .query_opt(
                "SELECT covers_seq, chunk_id, data FROM snapshots WHERE doc_id = $1",
                &[&doc],
            )
            .await?;
        row.map(|r| {
            Ok(SealedSnapshot {
                chunk: SealedChunk {
                    id: chunk_id(col(&r, 1)?)?,
                    ciphertext: col(&r, 2)?,
                },
                covers_seq: seq_from_db(col(&r, 0)?),
            })
        })
        .transpose()
    }

    async fn put_snapshot(&mut self, doc: Uuid, snapshot: &SealedSnapshot) -> Result<()> {
        self.execute(
            "INSERT INTO snapshots (doc_id, covers_seq, chunk_id, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (doc_id) DO UPDATE
             SET covers_seq = excluded.covers_seq, chunk_id = excluded.chunk_id,
                 data = excluded.data
             WHERE excluded.covers_seq > snapshots.covers_seq",
            &[
                &doc,
                &seq_to_db(snapshot.covers_seq),
                &&snapshot.chunk.id.0[..],
                &snapshot.chunk.ciphertext,
            ],
        )
        .await
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::testing::{fresh_database, pg};

    #[tokio::test]
    async fn schema_is_made_once_and_a_newer_one_is_refused() {
        let (name, url) = fresh_database().await;
        // Several instances starting at once make the schema once.
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move { Postgres::open(&url).await.map(drop) })
            })
            .collect();
        for s in starts {
            s.await.unwrap().unwrap();
        }
        let client = pg(&url).await;
        let versions = client
            .query("SELECT version FROM companion_schema", &[])
            .await
            .unwrap();
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].get::<_, i32>(0), VERSION);
        client
            .execute(
                "UPDATE companion_schema SET version = $1",
                &[&(VERSION + 1)],
            )
            .await
            .unwrap();
        let Err(e) = Postgres::open(&url).await else {
            panic!("opened a newer schema");
        };
        assert!(
            e.to_string().contains("newer than this server supports"),
            "{e}"
        );
        drop(client);
        let _ = pg(&crate::storage::testing::admin_url())
            .await
            .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .await;
    }

    #[tokio::test]
    async fn a_bad_url_is_not_echoed() {
        let Err(e) = Postgres::open("postgres://user:hunter2@[::1:5432/x").await else {
            panic!("opened");
        };
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}
