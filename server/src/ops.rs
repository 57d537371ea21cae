//! Every rule of the server, once, for both backends: who may do what, how pushed chunks get
//! their sequence numbers, what a pull returns. Each op runs as one transaction (see
//! `storage`), so an error anywhere leaves nothing behind.

use std::collections::HashSet;

use companion_core::sync::crypto::{new_token, token_hash};
use companion_core::sync::wire::{ChunkId, MAX_CHUNKS, SealedSnapshot, SyncRequest, SyncResponse};
use uuid::Uuid;

use crate::storage::{
    Device, Hash, Invitation, Op, Program, Result, StoreError, Tx, seq_from_db, seq_to_db,
};

/// How long a link code can be redeemed (API.md: 15 minutes).
pub const LINK_TTL_SECONDS: i64 = 15 * 60;
/// The longest an invitation may stay open.
pub const MAX_INVITATION_SECONDS: i64 = 366 * 24 * 3600;
/// A sync response carries at most this many bytes of chunks (plus one chunk or snapshot that
/// is larger on its own), so a device far behind gets its catch-up in pages.
pub const RESPONSE_BUDGET: usize = 8 * 1024 * 1024;
/// Rows fetched per query while filling a response.
const PAGE_ROWS: i64 = 512;
/// Nonce plus tag: no sealed blob is shorter.
pub const MIN_SEALED: usize = 24 + 16;
/// A program name's longest length in characters.
pub const PROGRAM_NAME_MAX_CHARS: usize = 200;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>`, as its hash.
    Bearer(Hash),
    /// The staff commands of this binary, working on the storage directly.
    LocalStaff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Device(Device),
    Staff,
}

async fn actor<T: Tx>(tx: &mut T, auth: &Auth) -> Result<Actor> {
    let hash = match auth {
        Auth::LocalStaff => return Ok(Actor::Staff),
        Auth::Bearer(hash) => hash,
    };
    if let Some(device) = tx.device_by_token(hash).await? {
        return Ok(Actor::Device(device));
    }
    if tx.staff_token_known(hash).await? {
        return Ok(Actor::Staff);
    }
    Err(StoreError::Unauthorized)
}

async fn device<T: Tx>(tx: &mut T, auth: &Auth) -> Result<Device> {
    match actor(tx, auth).await? {
        Actor::Device(d) => Ok(d),
        Actor::Staff => Err(StoreError::Forbidden("this needs a device token")),
    }
}

async fn staff<T: Tx>(tx: &mut T, auth: &Auth) -> Result<()> {
    match actor(tx, auth).await? {
        Actor::Staff => Ok(()),
        Actor::Device(_) => Err(StoreError::Forbidden("this needs a staff token")),
    }
}

fn fresh_token() -> Result<String> {
    new_token().map_err(|_| StoreError::Backend("no system randomness".into()))
}

/// `POST /v1/docs/{doc}/sync`.
#[derive(Debug)]
pub struct Sync {
    pub auth: Auth,
    pub doc: Uuid,
    pub request: SyncRequest,
}

impl Op for Sync {
    type Out = SyncResponse;

    fn writes(&self) -> bool {
        pushes(&self.request)
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<SyncResponse> {
        let Sync { auth, doc, request } = self;
        let may_push = match actor(tx, &auth).await? {
            Actor::Device(d) if d.participant_id == doc => true,
            Actor::Device(d) => {
                let enrolled = tx
                    .programs_of(d.participant_id)
                    .await?
                    .iter()
                    .any(|p| p.program_id == doc);
                if !enrolled {
                    return Err(StoreError::Forbidden(
                        "a device syncs only its own document and its programs'",
                    ));
                }
                false
            }
            Actor::Staff => {
                if tx.program(doc).await?.is_none() {
                    return Err(StoreError::Forbidden(
                        "a staff token syncs only program documents",
                    ));
                }
                true
            }
        };
        let pushing = pushes(&request);
        if pushing && !may_push {
            return Err(StoreError::Forbidden(
                "program documents are read-only for devices",
            ));
        }

        // Pushing locks the document's row: sequence numbers are handed out by one writer at
        // a time, also across server instances sharing PostgreSQL.
        let before = match tx.doc_seq(doc, pushing).await? {
            Some(seq) => seq,
            // Erased while this request waited for the lock: its token is gone too.
            None if pushing => return Err(StoreError::Unauthorized),
            None => 0,
        };
        if let Some(s) = &request.snapshot
            && seq_to_db(s.covers_seq) > before
        {
            return Err(StoreError::Invalid {
                part: "snapshot",
                reason: "covers_seq is beyond the document's last seq",
            });
        }
        let mut last = before;
        // A chunk named in this request is never sent back in its response, whether it was
        // appended now or by an earlier attempt whose response was lost: a retry gets the
        // same answer as the first try.
        let mut pushed: HashSet<ChunkId> = HashSet::with_capacity(request.chunks.len());
        for chunk in &request.chunks {
            if pushed.insert(chunk.id) && tx.insert_chunk(doc, last + 1, chunk).await? {
                last += 1;
            }
        }
        if last != before {
            tx.set_doc_seq(doc, last).await?;
        }
        // A snapshot covering nothing would never be served (no cursor is below 0).
        if let Some(s) = request.snapshot.as_ref().filter(|s| s.covers_seq > 0) {
            tx.put_snapshot(doc, s).await?;
        }
        let cursor = seq_to_db(request.cursor);
        if cursor >= before {
            // The device was up to date: every snapshot covers no more than `before` (this
            // request's was checked above), and the chunks after `before` are the ones this
            // request just appended, which are never sent back. Most syncs — polls, and a
            // check-in pushed by an up-to-date device — end here, without the two reads of
            // `pull` that would find nothing to send.
            return Ok(SyncResponse {
                cursor: seq_from_db(last),
                snapshot: None,
                chunks: Vec::new(),
                more: false,
            });
        }
        pull(tx, doc, cursor, last, &pushed).await
    }
}

fn pushes(request: &SyncRequest) -> bool {
    !request.chunks.is_empty() || request.snapshot.is_some()
}

/// What a device at `cursor` lacks of a document whose last seq is `last`: the latest snapshot
/// if the cursor is below what it covers, then the chunks after both, within
/// [`RESPONSE_BUDGET`]. When the budget cuts the tail short, the response's cursor is the seq
/// just before the first chunk left out, so the device's next sync continues from there.
async fn pull<T: Tx>(
    tx: &mut T,
    doc: Uuid,
    cursor: i64,
    last: i64,
    pushed: &HashSet<ChunkId>,
) -> Result<SyncResponse> {
    let snapshot: Option<SealedSnapshot> = tx
        .snapshot(doc)
        .await?
        .filter(|s| cursor < seq_to_db(s.covers_seq));
    let mut after = cursor.max(snapshot.as_ref().map_or(0, |s| seq_to_db(s.covers_seq)));
    let mut used = snapshot.as_ref().map_or(0, |s| s.chunk.ciphertext.len());
    let mut chunks = Vec::new();
    let mut reply_cursor = last;
    'pages: while after < last {
        let page = tx.chunks_page(doc, after, last, PAGE_ROWS).await?;
        let Some(&(page_end, _)) = page.last() else {
            break;
        };
        for (seq, chunk) in page {
            if pushed.contains(&chunk.id) {
                continue;
            }
            let size = chunk.ciphertext.len() + 32;
            let full = chunks.len() as u64 >= MAX_CHUNKS;
            if full || (!(chunks.is_empty() && used == 0) && used + size > RESPONSE_BUDGET) {
                reply_cursor = seq - 1;
                break 'pages;
            }
            used += size;
            chunks.push((seq_from_db(seq), chunk));
        }
        after = page_end;
    }
    Ok(SyncResponse {
        cursor: seq_from_db(reply_cursor),
        snapshot,
        chunks,
        more: reply_cursor < last,
    })
}

/// What a device learns about one of its programs at enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledProgram {
    pub program: Program,
    pub salt: Vec<u8>,
    pub sealed_key: Vec<u8>,
}

/// A new device and its token (shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub device: Device,
    pub token: String,
}

async fn add_device<T: Tx>(tx: &mut T, participant_id: Uuid, now: i64) -> Result<NewDevice> {
    let token = fresh_token()?;
    let device = Device {
        device_id: Uuid::new_v4(),
        participant_id,
    };
    tx.insert_device(device, &token_hash(&token), now).await?;
    Ok(NewDevice { device, token })
}

/// `POST /v1/enroll`: redeems an invitation code (by its hash) for a new participant's first
/// device.
#[derive(Debug)]
pub struct Enroll {
    pub code_hash: Hash,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub device: NewDevice,
    pub program: EnrolledProgram,
}

impl Op for Enroll {
    type Out = Enrolled;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<Enrolled> {
        let invitation = tx
            .redeem_invitation(&self.code_hash, self.now)
            .await?
            .ok_or(StoreError::NotFound("invitation code"))?;
        let program = tx
            .program(invitation.program_id)
            .await?
            .ok_or(StoreError::NotFound("invitation code"))?;
        tx.insert_participant(invitation.participant_id, self.now)
            .await?;
        tx.ensure_doc(invitation.participant_id).await?;
        tx.insert_enrollment(invitation.participant_id, program.program_id, self.now)
            .await?;
        let device = add_device(tx, invitation.participant_id, self.now).await?;
        Ok(Enrolled {
            device,
            program: EnrolledProgram {
                program,
                salt: invitation.salt,
                sealed_key: invitation.sealed_key,
            },
        })
    }
}

/// `POST /v1/links`: stores a participant's keys, sealed under a secret the server never
/// sees, for another of their devices to pick up once.
#[derive(Debug)]
pub struct CreateLink {
    pub auth: Auth,
    pub sealed: Vec<u8>,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub link_id: String,
    pub expires_at: i64,
}

impl Op for CreateLink {
    type Out = NewLink;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<NewLink> {
        let device = device(tx, &self.auth).await?;
        if self.sealed.len() < MIN_SEALED {
            return Err(StoreError::Invalid {
                part: "sealed",
                reason: "too short to be sealed data",
            });
        }
        tx.prune_links(device.participant_id, self.now).await?;
        // 256 random bits: the link id alone gets a device token (never the keys), so it
        // must be as unguessable as a token.
        let link_id = fresh_token()?;
        let expires_at = self.now + LINK_TTL_SECONDS;
        tx.insert_link(
            &token_hash(&link_id),
            device.participant_id,
            &self.sealed,
            expires_at,
            self.now,
        )
        .await?;
        Ok(NewLink {
            link_id,
            expires_at,
        })
    }
}

/// `POST /v1/links/redeem`.
#[derive(Debug)]
pub struct RedeemLink {
    pub link_hash: Hash,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub device: NewDevice,
    pub sealed: Vec<u8>,
    pub programs: Vec<Program>,
}

impl Op for RedeemLink {
    type Out = Linked;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<Linked> {
        let (participant_id, sealed) = tx
            .redeem_link(&self.link_hash, self.now)
            .await?
            .ok_or(StoreError::NotFound("link"))?;
        let device = add_device(tx, participant_id, self.now).await?;
        let programs = tx.programs_of(participant_id).await?;
        Ok(Linked {
            device,
            sealed,
            programs,
        })
    }
}

/// `GET /v1/me`.
#[derive(Debug)]
pub struct Me {
    pub auth: Auth,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeInfo {
    pub device: Device,
    pub programs: Vec<Program>,
}

impl Op for Me {
    type Out = MeInfo;

    fn writes(&self) -> bool {
        false
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<MeInfo> {
        let device = device(tx, &self.auth).await?;
        let programs = tx.programs_of(device.participant_id).await?;
        Ok(MeInfo { device, programs })
    }
}

/// `DELETE /v1/me`: the participant's document and every row that names them.
#[derive(Debug)]
pub struct EraseMe {
    pub auth: Auth,
}

impl Op for EraseMe {
    type Out = Uuid;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<Uuid> {
        let device = device(tx, &self.auth).await?;
        tx.erase_participant(device.participant_id).await?;
        Ok(device.participant_id)
    }
}

/// `POST /v1/programs` and `companion-server program create`.
#[derive(Debug)]
pub struct CreateProgram {
    pub auth: Auth,
    pub program_id: Uuid,
    pub name: String,
    pub now: i64,
}

/// A program's name: what staff see in lists and participants in their app.
pub fn check_program_name(name: &str) -> Result<()> {
    let invalid = |reason| {
        Err(StoreError::Invalid {
            part: "name",
            reason,
        })
    };
    if name.trim().is_empty() {
        return invalid("must not be empty");
    }
    if name.chars().count() > PROGRAM_NAME_MAX_CHARS {
        return invalid("is longer than 200 characters");
    }
    if name.chars().any(char::is_control) {
        return invalid("must not contain control characters");
    }
    Ok(())
}

impl Op for CreateProgram {
    type Out = Uuid;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<Uuid> {
        staff(tx, &self.auth).await?;
        check_program_name(&self.name)?;
        tx.insert_program(self.program_id, &self.name, self.now)
            .await?;
        tx.ensure_doc(self.program_id).await?;
        Ok(self.program_id)
    }
}

/// `POST /v1/programs/{id}/invitations` and `companion-server invite create`. The code, and
/// the key it seals, stay with the staff tool; this stores the code's hash and the sealed key.
#[derive(Debug)]
pub struct CreateInvitation {
    pub auth: Auth,
    pub program_id: Uuid,
    pub code_hash: Hash,
    pub salt: Vec<u8>,
    pub sealed_key: Vec<u8>,
    pub expires_at: i64,
    pub now: i64,
}

impl Op for CreateInvitation {
    /// The participant id the invitation will enrol.
    type Out = Uuid;

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<Uuid> {
        staff(tx, &self.auth).await?;
        let invalid = |part, reason| Err(StoreError::Invalid { part, reason });
        if self.salt.len() != 16 {
            return invalid("salt", "must be 16 bytes");
        }
        if self.sealed_key.len() < MIN_SEALED || self.sealed_key.len() > 4096 {
            return invalid("sealed_key", "must be 40 to 4096 bytes");
        }
        if self.expires_at <= self.now {
            return invalid("expires_at", "must be in the future");
        }
        if self.expires_at - self.now > MAX_INVITATION_SECONDS {
            return invalid("expires_at", "must be within 366 days");
        }
        if tx.program(self.program_id).await?.is_none() {
            return Err(StoreError::NotFound("program"));
        }
        // The same invitation sent again (a staff tool retrying after a lost response) gets
        // the same participant; another invitation with the same code hash is refused.
        if let Some(existing) = tx.invitation(&self.code_hash).await? {
            let same = existing.program_id == self.program_id
                && existing.salt == self.salt
                && existing.sealed_key == self.sealed_key
                && existing.expires_at == self.expires_at;
            return if same {
                Ok(existing.participant_id)
            } else {
                Err(StoreError::Conflict(
                    "an invitation with this code_hash exists",
                ))
            };
        }
        let invitation = Invitation {
            program_id: self.program_id,
            participant_id: Uuid::new_v4(),
            salt: self.salt,
            sealed_key: self.sealed_key,
            expires_at: self.expires_at,
        };
        if !tx
            .insert_invitation(&self.code_hash, &invitation, self.now)
            .await?
        {
            return Err(StoreError::Conflict(
                "an invitation with this code_hash exists",
            ));
        }
        Ok(invitation.participant_id)
    }
}

/// `companion-server staff token create`: stores the hash of a token the caller made.
#[derive(Debug)]
pub struct CreateStaffToken {
    pub token_id: Uuid,
    pub token_hash: Hash,
    pub now: i64,
}

impl Op for CreateStaffToken {
    type Out = ();

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<()> {
        tx.insert_staff_token(self.token_id, &self.token_hash, self.now)
            .await
    }
}

/// `companion-server staff token revoke ID`.
#[derive(Debug)]
pub struct RevokeStaffToken {
    pub token_id: Uuid,
    pub now: i64,
}

impl Op for RevokeStaffToken {
    type Out = ();

    fn writes(&self) -> bool {
        true
    }

    async fn run<T: Tx>(self, tx: &mut T) -> Result<()> {
        if tx.revoke_staff_token(self.token_id, self.now).await? {
            Ok(())
        } else {
            Err(StoreError::NotFound("unrevoked staff token"))
        }
    }
}

/// The current time in Unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Storage;
    use crate::storage::testing::{Backend, TestStorage};
    use companion_core::sync::wire::{SyncRequest, SyncResponse};

    async fn program(storage: &Storage) -> Uuid {
        storage
            .run(CreateProgram {
                auth: Auth::LocalStaff,
                program_id: Uuid::new_v4(),
                name: "P".into(),
                now: 1_000,
            })
            .await
            .unwrap()
    }

    fn invitation(program_id: Uuid, code_hash: Hash, expires_at: i64) -> CreateInvitation {
        CreateInvitation {
            auth: Auth::LocalStaff,
            program_id,
            code_hash,
            salt: vec![1; 16],
            sealed_key: vec![2; 72],
            expires_at,
            now: 1_000,
        }
    }

    async fn invitations_and_links_expire(backend: Backend) {
        let t = TestStorage::new(backend).await;
        let storage = &t.storage;
        let program_id = program(storage).await;
        storage
            .run(invitation(program_id, [1; 32], 2_000))
            .await
            .unwrap();
        // Expired at its expiry second; fine the second before.
        let late = storage
            .run(Enroll {
                code_hash: [1; 32],
                now: 2_000,
            })
            .await;
        assert_eq!(late, Err(StoreError::NotFound("invitation code")));
        let enrolled = storage
            .run(Enroll {
                code_hash: [1; 32],
                now: 1_999,
            })
            .await
            .unwrap();
        assert_eq!(enrolled.program.sealed_key, vec![2; 72]);
        let auth = Auth::Bearer(token_hash(&enrolled.device.token));

        let link = storage
            .run(CreateLink {
                auth,
                sealed: vec![3; 64],
                now: 5_000,
            })
            .await
            .unwrap();
        assert_eq!(link.expires_at, 5_000 + LINK_TTL_SECONDS);
        let redeem = |now| RedeemLink {
            link_hash: token_hash(&link.link_id),
            now,
        };
        assert_eq!(
            storage.run(redeem(link.expires_at)).await,
            Err(StoreError::NotFound("link"))
        );
        let linked = storage.run(redeem(link.expires_at - 1)).await.unwrap();
        assert_eq!(linked.sealed, vec![3; 64]);
        assert_eq!(
            linked.device.device.participant_id,
            enrolled.device.device.participant_id
        );
        assert_eq!(
            storage.run(redeem(link.expires_at - 1)).await,
            Err(StoreError::NotFound("link"))
        );
    }

    async fn invitation_rules(backend: Backend) {
        let t = TestStorage::new(backend).await;
        let storage = &t.storage;
        let program_id = program(storage).await;
        let invalid = |part, reason| Err(StoreError::Invalid { part, reason });
        let mut i = invitation(program_id, [5; 32], 900);
        assert_eq!(
            storage.run(i).await,
            invalid("expires_at", "must be in the future")
        );
        i = invitation(program_id, [5; 32], 1_000 + MAX_INVITATION_SECONDS + 1);
        assert_eq!(
            storage.run(i).await,
            invalid("expires_at", "must be within 366 days")
        );
        i = invitation(Uuid::new_v4(), [5; 32], 2_000);
        assert_eq!(storage.run(i).await, Err(StoreError::NotFound("program")));
        // Devices may not invite.
        let first = storage
            .run(invitation(program_id, [6; 32], 2_000))
            .await
            .unwrap();
        let enrolled = storage
            .run(Enroll {
                code_hash: [6; 32],
                now: 1_500,
            })
            .await
            .unwrap();
        assert_eq!(enrolled.device.device.participant_id, first);
        let mut by_device = invitation(program_id, [7; 32], 2_000);
        by_device.auth = Auth::Bearer(token_hash(&enrolled.device.token));
        assert!(matches!(
            storage.run(by_device).await,
            Err(StoreError::Forbidden(_))
        ));
        // A redeemed invitation keeps no sealed key.
        let again = storage.run(invitation(program_id, [6; 32], 2_000)).await;
        assert_eq!(
            again,
            Err(StoreError::Conflict(
                "an invitation with this code_hash exists"
            ))
        );
    }

    async fn pages_never_split_below_a_snapshot(backend: Backend) {
        let t = TestStorage::new(backend).await;
        let storage = &t.storage;
        let program_id = program(storage).await;
        let chunk = |n: u8, len: usize| companion_core::sync::wire::SealedChunk {
            id: ChunkId([n; 16]),
            ciphertext: vec![n; len],
        };
        let sync = |request| Sync {
            auth: Auth::LocalStaff,
            doc: program_id,
            request,
        };
        let big = RESPONSE_BUDGET / 2 - 1024;
        for n in 1..=3 {
            storage
                .run(sync(SyncRequest {
                    cursor: 0,
                    chunks: vec![chunk(n, big)],
                    snapshot: None,
                }))
                .await
                .unwrap();
        }
        storage
            .run(sync(SyncRequest {
                cursor: 3,
                chunks: Vec::new(),
                snapshot: Some(SealedSnapshot {
                    chunk: chunk(9, big),
                    covers_seq: 1,
                }),
            }))
            .await
            .unwrap();
        // The snapshot and one chunk fill the budget; the cursor stops after that chunk.
        let r = storage.run(sync(SyncRequest::default())).await.unwrap();
        assert_eq!(r.snapshot.map(|s| s.covers_seq), Some(1));
        assert_eq!(r.chunks.iter().map(|c| c.0).collect::<Vec<_>>(), [2]);
        assert_eq!(r.cursor, 2);
        let r = storage
            .run(sync(SyncRequest {
                cursor: 2,
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!((r.snapshot, r.chunks.len(), r.cursor), (None, 1, 3));
    }

    /// An up-to-date device gets nothing back (the short way, without `pull`'s reads); one
    /// behind gets what it lacks (the snapshot, when its cursor is below it) but never the
    /// chunks it pushed.
    async fn up_to_date_and_behind(backend: Backend) {
        let t = TestStorage::new(backend).await;
        let storage = &t.storage;
        let program_id = program(storage).await;
        let chunk = |n: u8| companion_core::sync::wire::SealedChunk {
            id: ChunkId([n; 16]),
            ciphertext: vec![n; 64],
        };
        let sync = |cursor, chunks, snapshot| Sync {
            auth: Auth::LocalStaff,
            doc: program_id,
            request: SyncRequest {
                cursor,
                chunks,
                snapshot,
            },
        };
        let r = storage
            .run(sync(0, (1..=4).map(chunk).collect(), None))
            .await
            .unwrap();
        assert_eq!((r.cursor, r.chunks.len()), (4, 0));
        let snapshot = SealedSnapshot {
            chunk: chunk(20),
            covers_seq: 2,
        };
        // Up to date, pushing a snapshot and a chunk: only the new cursor comes back.
        let r = storage
            .run(sync(4, vec![chunk(5)], Some(snapshot.clone())))
            .await
            .unwrap();
        assert_eq!(
            r,
            SyncResponse {
                cursor: 5,
                ..Default::default()
            }
        );
        // Up to date, or ahead of the server (restored from an older backup): nothing.
        for cursor in [5, 9] {
            let r = storage.run(sync(cursor, Vec::new(), None)).await.unwrap();
            assert_eq!(
                r,
                SyncResponse {
                    cursor: 5,
                    ..Default::default()
                }
            );
        }
        // Behind: the chunks after its cursor, except the one it pushes (and a retried one).
        let r = storage
            .run(sync(3, vec![chunk(6), chunk(5)], None))
            .await
            .unwrap();
        assert_eq!((r.cursor, r.snapshot.is_none()), (6, true));
        assert_eq!(r.chunks.iter().map(|c| c.0).collect::<Vec<_>>(), [4]);
        // Below the snapshot: the snapshot, then what follows it.
        let r = storage.run(sync(1, Vec::new(), None)).await.unwrap();
        assert_eq!(r.snapshot, Some(snapshot));
        assert_eq!(
            r.chunks.iter().map(|c| c.0).collect::<Vec<_>>(),
            [3, 4, 5, 6]
        );
        assert_eq!((r.cursor, r.more), (6, false));
    }

    crate::storage::testing::on_both_backends!(
        invitations_and_links_expire,
        invitation_rules,
        pages_never_split_below_a_snapshot,
        up_to_date_and_behind,
    );
}
