//! Backups: the participant's whole document in one file sealed under a passphrase, and
//! restoring one, which merges (a CRDT import) and never overwrites.
//!
//! # File format, version 1 (integers big-endian)
//!
//! | bytes      | what                                                              |
//! |------------|-------------------------------------------------------------------|
//! | 0..8       | magic `IOPCBKUP`                                                  |
//! | 8..10      | format version, `u16` (1)                                         |
//! | 10         | key derivation: 1 = Argon2id (version 0x13)                       |
//! | 11..15     | Argon2 memory in KiB, `u32`                                       |
//! | 15..19     | Argon2 passes, `u32`                                              |
//! | 19..23     | Argon2 lanes, `u32`                                               |
//! | 23..39     | salt, 16 random bytes                                             |
//! | 39..63     | nonce, 24 random bytes                                            |
//! | 63..71     | ciphertext length, `u64`                                          |
//! | 71..n-32   | XChaCha20-Poly1305 ciphertext of the payload (tag included), with |
//! |            | bytes 0..71 as associated data                                    |
//! | n-32..n    | SHA-256 of bytes 0..n-32                                          |
//!
//! The checksum tells a damaged or cut file from a wrong passphrase (and finds it without
//! the key derivation); the cipher's tag is what protects the data. The payload is a `u32`
//! length, that many bytes of JSON metadata (`format`, `created_at`, `app_version`,
//! `participant_id` or null), then the document as Automerge saves it (compacted).
//!
//! A backup restores data, not a device's identity: it holds no server address, device token,
//! sync keys, sync state or actor id. A restored device writes as itself and syncs only after
//! it is enrolled or linked. The programs' documents (their schedules and contacts) are the
//! programs' and come back by sync.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::passphrase::{normalized, normalized_new};
use crate::error::{Error, Result};
use crate::storage::store::Store;
use crate::sync::crypto::random;

/// The backup format this build writes, and the newest it reads.
pub const BACKUP_FORMAT_VERSION: u16 = 1;
/// The largest backup written or read: far above years of check-ins (a few MiB), and a bound
/// on what a file can make the app allocate.
pub const MAX_BACKUP_BYTES: u64 = 64 * 1024 * 1024;

/// A backup's media type for a share sheet or a file picker: opaque bytes (it is sealed).
pub const BACKUP_MEDIA_TYPE: &str = "application/octet-stream";

/// The name a backup made on `today` is offered under ("companion-2026-12-04.backup"): it
/// sorts by date and says nothing about treatment, since it may sit in a shared folder.
pub fn backup_file_name(today: chrono::NaiveDate) -> String {
    format!("companion-{}.backup", today.format("%Y-%m-%d"))
}

/// Argon2id as RFC 9106 recommends where memory is limited (64 MiB, 3 passes, 4 lanes): the
/// file may leave the phone, so every guess at the passphrase should cost that much. About a
/// quarter of a second on a phone, once per backup or restore.
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_PASSES: u32 = 3;
const KDF_LANES: u32 = 4;
/// What a file may ask for: newer apps may raise the figures above, but a file must not be
/// able to demand more memory or time than a phone has.
const KDF_MAX_MEMORY_KIB: u32 = 1024 * 1024;
const KDF_MAX_PASSES: u32 = 16;
const KDF_MAX_LANES: u32 = 16;
const KDF_ARGON2ID: u8 = 1;

const MAGIC: &[u8; 8] = b"IOPCBKUP";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const CHECKSUM_LEN: usize = 32;
/// Magic and version: what every format version starts with.
const PREFIX_LEN: usize = 10;
/// The whole header of version 1 (the associated data).
const HEADER_LEN: usize = 71;

/// How many records a store holds (the participant's own, not the programs').
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    pub checkins: u32,
    pub contacts: u32,
    pub sessions: u32,
    pub safety_plan_items: u32,
}

/// What [`Store::restore`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    /// Whether the backup brought anything this store did not have (restoring the same backup
    /// again: false, and nothing was written).
    pub changed: bool,
    /// The backup's format version.
    pub format_version: u16,
    /// When the backup was made.
    pub created_at: DateTime<Utc>,
    /// The version of the app that made it.
    pub app_version: String,
    /// The participant the backed-up device was enrolled as, if it was.
    pub participant_id: Option<String>,
    /// This store before and after: a merge only adds, so `after` is at least `before`
    /// (except where the backup holds a later deletion of the same record).
    pub before: RecordCounts,
    pub after: RecordCounts,
}

/// The metadata sealed in the payload with the document.
#[derive(Serialize, Deserialize)]
struct Meta {
    format: u16,
    created_at: DateTime<Utc>,
    app_version: String,
    participant_id: Option<Uuid>,
}

fn bad_file(reason: &str) -> Error {
    Error::invalid("backup", format!("{reason}; nothing was restored"))
}

impl Store {
    /// The participant's own records: check-ins, contacts, sessions, safety plan items.
    pub fn record_counts(&self) -> Result<RecordCounts> {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let sessions = self
            .sessions()?
            .iter()
            .filter(|s| s.program_id.is_none())
            .count();
        let items = self
            .safety_plan()?
            .sections
            .iter()
            .map(|s| s.items.len())
            .sum();
        Ok(RecordCounts {
            checkins: count(self.checkins(None, None)?.len()),
            contacts: count(self.contacts()?.len()),
            sessions: count(sessions),
            safety_plan_items: count(items),
        })
    }

    /// A complete backup of the participant's document, sealed under `passphrase` (which
    /// must pass [`check_passphrase`]). See the module documentation for the format and for
    /// what a backup leaves out. Writes nothing to the store.
    pub fn backup(&mut self, passphrase: &str) -> Result<Vec<u8>> {
        let passphrase = normalized_new(passphrase)?;
        let meta = Meta {
            format: BACKUP_FORMAT_VERSION,
            created_at: Utc::now(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            participant_id: self.account_record()?.map(|a| a.participant_id),
        };
        let meta = serde_json::to_vec(&meta)
            .map_err(|_| Error::Storage("the backup's metadata".into()))?;
        let document = Zeroizing::new(self.durable.save());
        let meta_len = u32::try_from(meta.len())
            .map_err(|_| Error::Storage("the backup's metadata".into()))?;
        let mut payload = Zeroizing::new(Vec::with_capacity(4 + meta.len() + document.len()));
        payload.extend_from_slice(&meta_len.to_be_bytes());
        payload.extend_from_slice(&meta);
        payload.extend_from_slice(&document);
        let sealed_len = payload.len() + TAG_LEN;
        if (HEADER_LEN + sealed_len + CHECKSUM_LEN) as u64 > MAX_BACKUP_BYTES {
            return Err(Error::invalid(
                "backup",
                "would be larger than 64 MiB, more than this app can restore",
            ));
        }

        let salt: [u8; SALT_LEN] = random()?;
        let nonce: [u8; NONCE_LEN] = random()?;
        let mut out = Vec::with_capacity(HEADER_LEN + sealed_len + CHECKSUM_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BACKUP_FORMAT_VERSION.to_be_bytes());
        out.push(KDF_ARGON2ID);
        out.extend_from_slice(&KDF_MEMORY_KIB.to_be_bytes());
        out.extend_from_slice(&KDF_PASSES.to_be_bytes());
        out.extend_from_slice(&KDF_LANES.to_be_bytes());
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&(sealed_len as u64).to_be_bytes());
        debug_assert_eq!(out.len(), HEADER_LEN);

        let key = derive_key(&passphrase, &salt, KDF_MEMORY_KIB, KDF_PASSES, KDF_LANES)?;
        let cipher = XChaCha20Poly1305::new_from_slice(key.as_slice())
            .map_err(|_| Error::Storage("cipher key".into()))?;
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &payload,
                    aad: &out,
                },
            )
            .map_err(|_| Error::Storage("encryption failed".into()))?;
        out.extend_from_slice(&sealed);
        let checksum = Sha256::digest(&out);
        out.extend_from_slice(&checksum);
        Ok(out)
    }

    /// Merges a backup made by [`Store::backup`] into this store (a fresh one, or one with
    /// data: both sides' records are kept, as when two devices sync).
    ///
    /// Refused, with nothing changed: a wrong passphrase ([`Error::WrongKey`]); a file that is
    /// not a backup, is cut short, damaged, larger than [`MAX_BACKUP_BYTES`] or from a newer
    /// format ([`Error::InvalidInput`] on `backup`, saying which); a backup of another
    /// participant than the one this device is enrolled as. A backup made before its device
    /// was enrolled has no participant and is accepted anywhere.
    pub fn restore(&mut self, backup: &[u8], passphrase: &str) -> Result<RestoreSummary> {
        let file = parse(backup)?;
        let passphrase = normalized(passphrase);
        let key = derive_key(&passphrase, file.salt, file.memory, file.passes, file.lanes)?;
        let cipher = XChaCha20Poly1305::new_from_slice(key.as_slice())
            .map_err(|_| Error::Storage("cipher key".into()))?;
        let payload = Zeroizing::new(
            cipher
                .decrypt(
                    &XNonce::from(file.nonce),
                    Payload {
                        msg: file.sealed,
                        aad: file.header,
                    },
                )
                .map_err(|_| Error::WrongKey)?,
        );
        let (meta, document) = split_payload(&payload)?;

        if let (Some(theirs), Some(ours)) = (meta.participant_id, self.account_record()?)
            && theirs != ours.participant_id
        {
            return Err(Error::invalid(
                "backup",
                "belongs to another participant than the one this device is enrolled as; nothing was restored",
            ));
        }
        let before = self.record_counts()?;
        let changed = self.durable.import(document).map_err(|e| match e {
            Error::InvalidChanges(_) => bad_file("holds a document this app cannot read"),
            other => other,
        })?;
        Ok(RestoreSummary {
            changed,
            format_version: meta.format,
            created_at: meta.created_at,
            app_version: meta.app_version,
            participant_id: meta.participant_id.map(|p| p.to_string()),
            before,
            after: self.record_counts()?,
        })
    }
}

/// The parts of a version 1 file, checked for shape and checksum (not yet for the key).
struct Parsed<'a> {
    header: &'a [u8],
    memory: u32,
    passes: u32,
    lanes: u32,
    salt: &'a [u8],
    nonce: [u8; NONCE_LEN],
    sealed: &'a [u8],
}

fn parse(bytes: &[u8]) -> Result<Parsed<'_>> {
    if bytes.len() as u64 > MAX_BACKUP_BYTES {
        return Err(Error::invalid(
            "backup",
            "is larger than 64 MiB, larger than any backup this app makes; nothing was restored",
        ));
    }
    let magic_seen = bytes.len().min(MAGIC.len());
    if bytes.is_empty() || bytes[..magic_seen] != MAGIC[..magic_seen] {
        return Err(bad_file("is not an IOP Companion backup"));
    }
    let cut_short = || bad_file("is incomplete (the file was cut short)");
    if bytes.len() < PREFIX_LEN {
        return Err(cut_short());
    }
    let version = u16::from_be_bytes([bytes[8], bytes[9]]);
    if version > BACKUP_FORMAT_VERSION {
        return Err(Error::invalid(
            "backup",
            format!(
                "was made by a newer version of the app (backup format {version}, this app reads up to {BACKUP_FORMAT_VERSION}); update the app to restore it. Nothing was restored"
            ),
        ));
    }
    if version == 0 {
        return Err(bad_file("is damaged (unknown format 0)"));
    }
    if bytes.len() < HEADER_LEN + TAG_LEN + CHECKSUM_LEN {
        return Err(cut_short());
    }
    let u32_at =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let mut len_bytes = [0u8; 8];
    len_bytes.copy_from_slice(&bytes[63..71]);
    let sealed_len = u64::from_be_bytes(len_bytes);
    let expected = (HEADER_LEN + CHECKSUM_LEN) as u64;
    match (bytes.len() as u64 - expected).cmp(&sealed_len) {
        std::cmp::Ordering::Less => return Err(cut_short()),
        std::cmp::Ordering::Greater => {
            return Err(bad_file("is damaged (it has unexpected bytes at the end)"));
        }
        std::cmp::Ordering::Equal => {}
    }
    let (body, checksum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
    if Sha256::digest(body).as_slice() != checksum {
        return Err(bad_file("is damaged (its checksum does not match)"));
    }
    let (memory, passes, lanes) = (u32_at(11), u32_at(15), u32_at(19));
    let bounded = bytes[10] == KDF_ARGON2ID
        && (1..=KDF_MAX_MEMORY_KIB).contains(&memory)
        && (1..=KDF_MAX_PASSES).contains(&passes)
        && (1..=KDF_MAX_LANES).contains(&lanes);
    if !bounded {
        return Err(bad_file(
            "asks for a key derivation this app does not support",
        ));
    }
    let mut nonce = [0u8; NONCE_LEN];
    nonce.copy_from_slice(&bytes[39..63]);
    Ok(Parsed {
        header: &bytes[..HEADER_LEN],
        memory,
        passes,
        lanes,
        salt: &bytes[23..39],
        nonce,
        sealed: &body[HEADER_LEN..],
    })
}

/// The metadata and the document of an opened payload. The payload was sealed with the
/// passphrase, so a defect here means a foreign or buggy writer, not damage in transit.
fn split_payload(payload: &[u8]) -> Result<(Meta, &[u8])> {
    let unreadable = || bad_file("holds data this app cannot read");
    let (len, rest) = payload.split_first_chunk::<4>().ok_or_else(unreadable)?;
    let len = u32::from_be_bytes(*len) as usize;
    if len > rest.len() {
        return Err(unreadable());
    }
    let (meta, document) = rest.split_at(len);
    let meta: Meta = serde_json::from_slice(meta).map_err(|_| unreadable())?;
    if document.is_empty() {
        return Err(unreadable());
    }
    Ok((meta, document))
}

fn derive_key(
    passphrase: &str,
    salt: &[u8],
    memory: u32,
    passes: u32,
    lanes: u32,
) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(memory, passes, lanes, Some(32))
        .map_err(|_| bad_file("asks for a key derivation this app does not support"))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut_slice())
        .map_err(|_| Error::Storage("the key derivation failed (out of memory?)".into()))?;
    Ok(key)
}
