//! One document's sync, without the network: what to send, and what to do with the answer.
//! The HTTP client (`client.rs`) and the server's staff tools both drive it.

use automerge::ChangeHash;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::storage::durable::DurableDoc;
use crate::sync::crypto::DocKey;
use crate::sync::wire::{SealedSnapshot, SyncRequest, SyncResponse};

const CURSOR: &str = "sync.cursor";
const PUSHED: &str = "sync.pushed_heads";
const SNAPSHOT_SEQ: &str = "sync.snapshot_seq";

/// Upload a compacted snapshot once the server holds this many chunks past the last one, so
/// a new device downloads one snapshot and a short tail.
pub const SNAPSHOT_EVERY: u64 = 64;

/// A request in flight, and what it promises once answered.
pub struct Pending {
    pub request: SyncRequest,
    /// The heads whose changes the request carries (or had carried before).
    heads: Vec<ChangeHash>,
}

/// What one document's sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DocReport {
    pub doc_id: String,
    pub pushed_chunks: usize,
    pub pulled_chunks: usize,
    pub snapshot_uploaded: bool,
    pub snapshot_received: bool,
    /// Whether the document changed here (shells refresh what they show and the reminders).
    pub changed: bool,
    pub cursor: u64,
    /// HTTP body bytes of this round trip (filled in by the client).
    pub bytes_up: u64,
    pub bytes_down: u64,
}

fn read_u64(durable: &DurableDoc, key: &str) -> Result<u64> {
    Ok(durable
        .meta(key)?
        .and_then(|v| <[u8; 8]>::try_from(v.as_slice()).ok())
        .map(u64::from_le_bytes)
        .unwrap_or(0))
}

fn read_heads(durable: &DurableDoc) -> Result<Vec<ChangeHash>> {
    let Some(bytes) = durable.meta(PUSHED)? else {
        return Ok(Vec::new());
    };
    bytes
        .chunks(32)
        .map(|h| ChangeHash::try_from(h).map_err(|_| Error::Corrupted("sync state".into())))
        .collect()
}

/// What to send for `doc`: the cursor, and when the device may write, its changes the server
/// lacks as one sealed chunk (and now and then a snapshot).
pub(crate) fn prepare(
    durable: &mut DurableDoc,
    doc: Uuid,
    key: &DocKey,
    can_push: bool,
) -> Result<Pending> {
    let cursor = read_u64(durable, CURSOR)?;
    let mut request = SyncRequest {
        cursor,
        ..Default::default()
    };
    let heads = durable.heads();
    if !can_push {
        return Ok(Pending { request, heads });
    }
    let pushed = read_heads(durable)?;
    if pushed != heads {
        // The first push sends the whole document compacted (a store with years of data is
        // a tenth of its change log's size that way); later ones only what is new.
        let changes = if pushed.is_empty() {
            durable.save()
        } else {
            durable.save_after(&pushed)
        };
        if !changes.is_empty() {
            request.chunks.push(key.seal_chunk(doc, &changes)?);
        }
    }
    let last_snapshot = read_u64(durable, SNAPSHOT_SEQ)?;
    if cursor >= last_snapshot + SNAPSHOT_EVERY {
        // Everything up to `cursor` is merged here, so this snapshot covers it.
        request.snapshot = Some(SealedSnapshot {
            chunk: key.seal_chunk(doc, &durable.save())?,
            covers_seq: cursor,
        });
    }
    Ok(Pending { request, heads })
}

/// Merges the server's answer to `pending` into `doc` and records how far it got.
pub(crate) fn apply(
    durable: &mut DurableDoc,
    doc: Uuid,
    key: &DocKey,
    pending: Pending,
    response: SyncResponse,
) -> Result<DocReport> {
    if response.cursor < pending.request.cursor {
        return Err(Error::Protocol(
            "the server knows less of this document than this device: it may have been restored from an old backup".into(),
        ));
    }
    // Open everything before merging anything: one bad chunk and nothing is applied.
    let mut plaintext = Vec::new();
    if let Some(s) = &response.snapshot {
        plaintext.extend(key.open_chunk(doc, &s.chunk)?);
    }
    for (_, chunk) in &response.chunks {
        plaintext.extend(key.open_chunk(doc, chunk)?);
    }
    let before = durable.heads();
    let sent = pending.heads;
    // Inside the merge's transaction: if nothing but the pulled changes was added since the
    // request, the server now has everything this document has.
    let pushed = durable.import_with(&plaintext, |am, just_before| {
        if same(just_before, &sent) {
            am.get_heads()
        } else {
            sent.clone()
        }
    })?;
    let changed = durable.heads() != before;
    let snapshot_seq = [
        read_u64(durable, SNAPSHOT_SEQ)?,
        response.snapshot.as_ref().map_or(0, |s| s.covers_seq),
        pending
            .request
            .snapshot
            .as_ref()
            .map_or(0, |s| s.covers_seq),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let heads_bytes: Vec<u8> = pushed.iter().flat_map(|h| h.0).collect();
    durable.set_meta(&[
        (CURSOR, Some(&response.cursor.to_le_bytes())),
        (PUSHED, Some(&heads_bytes)),
        (SNAPSHOT_SEQ, Some(&snapshot_seq.to_le_bytes())),
    ])?;
    Ok(DocReport {
        doc_id: doc.to_string(),
        pushed_chunks: pending.request.chunks.len(),
        pulled_chunks: response.chunks.len(),
        snapshot_uploaded: pending.request.snapshot.is_some(),
        snapshot_received: response.snapshot.is_some(),
        changed,
        cursor: response.cursor,
        bytes_up: 0,
        bytes_down: 0,
    })
}

fn same(a: &[ChangeHash], b: &[ChangeHash]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}
