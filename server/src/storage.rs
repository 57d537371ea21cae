//! Where the server keeps its rows: SQLite (one file, one writer) or PostgreSQL (shared by any
//! number of server instances).
//!
//! The rules live once, in `ops`, written against [`Tx`]: the handful of reads and writes a
//! request needs inside its transaction. Each backend implements [`Tx`] and runs an [`Op`] as
//! exactly one transaction — committed if the op returns `Ok`, rolled back otherwise — so a
//! failed request changes nothing.

pub mod postgres;
pub mod sqlite;
#[cfg(test)]
pub mod testing;

use std::future::Future;
use std::path::Path;

use companion_core::sync::wire::{SealedChunk, SealedSnapshot};
use uuid::Uuid;

/// SHA-256 of a token, a code or a link id: all the server keeps of them.
pub type Hash = [u8; 32];

/// Why an operation did not happen. Messages name the part of the request, never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No token, or one the server does not know or has revoked.
    Unauthorized,
    /// A known token asking for something it may not do.
    Forbidden(&'static str),
    /// An invitation, link or program that does not exist (or has expired or been used).
    NotFound(&'static str),
    /// A part of the request that breaks a rule the server checks.
    Invalid {
        part: &'static str,
        reason: &'static str,
    },
    /// A create that collides with an existing, different row.
    Conflict(&'static str),
    /// The database failed. The text names tables, constraints or SQLSTATE codes, never values.
    Backend(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unauthorized => f.write_str("missing, unknown or revoked token"),
            StoreError::Forbidden(why) => f.write_str(why),
            StoreError::NotFound(what) => write!(f, "no such {what}"),
            StoreError::Invalid { part, reason } => write!(f, "invalid {part}: {reason}"),
            StoreError::Conflict(what) => f.write_str(what),
            StoreError::Backend(e) => write!(f, "storage failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A device's token, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device {
    pub device_id: Uuid,
    pub participant_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub program_id: Uuid,
    pub name: String,
}

/// An invitation as it is stored; `salt` and `sealed_key` are emptied once redeemed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub program_id: Uuid,
    pub participant_id: Uuid,
    pub salt: Vec<u8>,
    pub sealed_key: Vec<u8>,
    pub expires_at: i64,
}

/// The reads and writes of one transaction. Every method is one statement (or two), so each
/// backend stays a thin translation and the rules stay in `ops`.
///
/// Times are Unix seconds. Sequence numbers fit in `i64` (the wire's u64 cursor is clamped
/// before it gets here).
pub trait Tx: Send {
    fn device_by_token(
        &mut self,
        hash: &Hash,
    ) -> impl Future<Output = Result<Option<Device>>> + Send;
    fn staff_token_known(&mut self, hash: &Hash) -> impl Future<Output = Result<bool>> + Send;
    fn insert_staff_token(
        &mut self,
        token_id: Uuid,
        hash: &Hash,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Marks a staff token revoked; false if there is no such unrevoked token.
    fn revoke_staff_token(
        &mut self,
        token_id: Uuid,
        now: i64,
    ) -> impl Future<Output = Result<bool>> + Send;

    fn program(&mut self, program_id: Uuid)
    -> impl Future<Output = Result<Option<Program>>> + Send;
    fn insert_program(
        &mut self,
        program_id: Uuid,
        name: &str,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// The programs a participant is enrolled in, by name then id.
    fn programs_of(
        &mut self,
        participant_id: Uuid,
    ) -> impl Future<Output = Result<Vec<Program>>> + Send;

    fn insert_participant(
        &mut self,
        participant_id: Uuid,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    fn insert_enrollment(
        &mut self,
        participant_id: Uuid,
        program_id: Uuid,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    fn insert_device(
        &mut self,
        device: Device,
        token_hash: &Hash,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Deletes every row of a participant: document, devices, links, enrolments, invitation.
    fn erase_participant(
        &mut self,
        participant_id: Uuid,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Inserts an invitation; false if its code hash is already taken.
    fn insert_invitation(
        &mut self,
        code_hash: &Hash,
        invitation: &Invitation,
        now: i64,
    ) -> impl Future<Output = Result<bool>> + Send;
    fn invitation(
        &mut self,
        code_hash: &Hash,
    ) -> impl Future<Output = Result<Option<Invitation>>> + Send;
    /// Marks an unexpired, unredeemed invitation redeemed (emptying its sealed key) and returns
    /// it as it was; `None` if there is none. At most one caller ever gets `Some` per code.
    fn redeem_invitation(
        &mut self,
        code_hash: &Hash,
        now: i64,
    ) -> impl Future<Output = Result<Option<Invitation>>> + Send;

    fn insert_link(
        &mut self,
        link_hash: &Hash,
        participant_id: Uuid,
        sealed: &[u8],
        expires_at: i64,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Deletes a participant's links that can no longer be redeemed.
    fn prune_links(
        &mut self,
        participant_id: Uuid,
        now: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Like [`Tx::redeem_invitation`], for a link: returns the participant and the sealed keys.
    fn redeem_link(
        &mut self,
        link_hash: &Hash,
        now: i64,
    ) -> impl Future<Output = Result<Option<(Uuid, Vec<u8>)>>> + Send;

    /// Creates a document's row (seq 0) if it has none.
    fn ensure_doc(&mut self, doc: Uuid) -> impl Future<Output = Result<()>> + Send;
    /// The document's last seq; `None` if it has no row (its participant was erased). With
    /// `lock`, the row stays locked until the transaction ends, so sequence numbers are handed
    /// out one writer at a time. Rows are made at enrolment and program creation, never here:
    /// a push that waited for an erasure must not bring the document back.
    fn doc_seq(
        &mut self,
        doc: Uuid,
        lock: bool,
    ) -> impl Future<Output = Result<Option<i64>>> + Send;
    fn set_doc_seq(&mut self, doc: Uuid, seq: i64) -> impl Future<Output = Result<()>> + Send;
    /// Appends a chunk at `seq` unless the document holds its id already; true if appended.
    fn insert_chunk(
        &mut self,
        doc: Uuid,
        seq: i64,
        chunk: &SealedChunk,
    ) -> impl Future<Output = Result<bool>> + Send;
    /// Up to `limit` chunks with `after < seq <= upto`, in order.
    fn chunks_page(
        &mut self,
        doc: Uuid,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<(i64, SealedChunk)>>> + Send;
    fn snapshot(
        &mut self,
        doc: Uuid,
    ) -> impl Future<Output = Result<Option<SealedSnapshot>>> + Send;
    /// Keeps `snapshot` if it covers more than the stored one (or there is none).
    fn put_snapshot(
        &mut self,
        doc: Uuid,
        snapshot: &SealedSnapshot,
    ) -> impl Future<Output = Result<()>> + Send;
}

/// One request's work, run by [`Storage::run`] as one transaction.
pub trait Op: Send + 'static {
    type Out: Send + 'static;
    /// Whether the op may write: reads run on SQLite's readers and as PostgreSQL read-only
    /// snapshots.
    fn writes(&self) -> bool;
    fn run<T: Tx>(self, tx: &mut T) -> impl Future<Output = Result<Self::Out>> + Send;
}

/// The configured storage.
#[derive(Clone)]
pub enum Storage {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

impl Storage {
    /// Opens (creating or migrating) the SQLite file in `dir`.
    pub async fn open_sqlite(dir: &Path) -> Result<Storage> {
        Ok(Storage::Sqlite(sqlite::Sqlite::open(dir).await?))
    }

    /// Connects to PostgreSQL and creates or migrates the schema.
    pub async fn open_postgres(url: &str) -> Result<Storage> {
        Ok(Storage::Postgres(postgres::Postgres::open(url).await?))
    }

    pub async fn run<O: Op>(&self, op: O) -> Result<O::Out> {
        match self {
            Storage::Sqlite(s) => s.run(op).await,
            Storage::Postgres(p) => p.run(op).await,
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Storage::Sqlite(_) => "sqlite",
            Storage::Postgres(_) => "postgres",
        }
    }
}

/// Cursors and seqs as stored: the wire's u64, clamped (no document reaches 2^63 chunks).
pub fn seq_to_db(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// A stored seq back to the wire's u64; stored seqs are never negative.
pub fn seq_from_db(seq: i64) -> u64 {
    u64::try_from(seq).unwrap_or(0)
}
