//! Encryption at rest: every chunk and every meta value a store writes is sealed
//! (XChaCha20-Poly1305) under a key the shell supplies, so a copied database file shows
//! nothing of the participant's data.
//!
//! The shell gives either a 32-byte key (the phone apps keep it in Android Keystore / iOS
//! Keychain; the terminal shell in a key file) or a passphrase, stretched with Argon2id. Each
//! file has a random salt; the file's cipher key is HKDF-SHA256(master, salt), where the master
//! is the 32-byte key or the passphrase's Argon2id output. The salt and the KDF's parameters
//! are the one plaintext row of the file (meta `at_rest`); a sealed check value (meta
//! `key_check`) tells a wrong key from a right one before anything is read or written.
//!
//! A plaintext store from before encryption (schema version 1) is sealed in place, in one
//! transaction, the first time it is opened with a key; then it is vacuumed and its
//! write-ahead log truncated, so no plaintext page is left behind.

use argon2::{Algorithm, Argon2, Params, Version};
use hkdf::Hkdf;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Result};
use crate::sync::crypto;

/// Argon2id for a store's passphrase: 64 MiB, 3 passes, 1 lane. Paid once per open, on a
/// laptop or desktop (the phones use a platform key instead); a file copied off the machine
/// costs an attacker that much per guess.
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 3;

/// Meta keys this module owns.
pub(crate) const PARAMS_KEY: &str = "at_rest";
const CHECK_KEY: &str = "key_check";
/// Set while plaintext from before encryption may still sit in free pages or the log.
const VACUUM_KEY: &str = "vacuum_pending";
const CHECK_VALUE: &[u8] = b"iop-companion store key check v1";

/// What opens a store: a platform key or a passphrase. Wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub enum StoreKey {
    Key([u8; 32]),
    Passphrase(String),
}

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

impl StoreKey {
    /// A key the shell keeps (Keystore, Keychain, key file): exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<StoreKey> {
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::invalid("store key", "must be 32 bytes"))?;
        Ok(StoreKey::Key(key))
    }

    /// A new random key, for a shell setting up a store.
    pub fn generate() -> Result<StoreKey> {
        Ok(StoreKey::Key(crypto::random()?))
    }

    /// A passphrase the participant types, under the same policy and normalisation as a
    /// backup's (`passphrase::check_passphrase`): surrounding spaces ignored, Unicode NFC.
    pub fn passphrase(passphrase: &str) -> Result<StoreKey> {
        let clean = crate::crypto::passphrase::normalized_new(passphrase)?;
        Ok(StoreKey::Passphrase(clean.as_str().to_owned()))
    }

    /// The key's bytes, for a shell to keep (`None` for a passphrase).
    pub fn as_bytes(&self) -> Option<&[u8; 32]> {
        match self {
            StoreKey::Key(k) => Some(k),
            StoreKey::Passphrase(_) => None,
        }
    }
}

/// How a store is protected, readable without its key (shells ask for the right thing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protection {
    Key,
    Passphrase,
}

/// The plaintext row: how to turn the shell's key into this file's key.
#[derive(Serialize, Deserialize)]
struct KdfParams {
    version: u8,
    /// "key" or "argon2id".
    kdf: String,
    salt: String,
    #[serde(default)]
    memory_kib: u32,
    #[serde(default)]
    passes: u32,
}

/// A file's sealing key. Each value is bound to what it is (a chunk of a kind, a meta key), so
/// one cannot be moved into another's place.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct Cipher {
    key: [u8; 32],
    /// The master the file key came from: program documents beside the store derive theirs
    /// from it without asking for the passphrase again.
    master: [u8; 32],
}

impl Cipher {
    pub(crate) fn seal_chunk(&self, kind: i64, plaintext: &[u8]) -> Result<Vec<u8>> {
        crypto::seal(&self.key, &chunk_aad(kind), plaintext)
    }

    pub(crate) fn open_chunk(&self, kind: i64, sealed: &[u8]) -> Result<Vec<u8>> {
        open(&self.key, &chunk_aad(kind), sealed)
    }

    pub(crate) fn seal_meta(&self, key: &str, plaintext: &[u8]) -> Result<Vec<u8>> {
        crypto::seal(&self.key, &meta_aad(key), plaintext)
    }

    pub(crate) fn open_meta(&self, key: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        open(&self.key, &meta_aad(key), sealed)
    }

    /// The key that opens program documents kept beside this store.
    pub(crate) fn master(&self) -> StoreKey {
        StoreKey::Key(self.master)
    }
}

fn chunk_aad(kind: i64) -> Vec<u8> {
    format!("iop-companion at-rest chunk {kind}").into_bytes()
}

fn meta_aad(key: &str) -> Vec<u8> {
    format!("iop-companion at-rest meta {key}").into_bytes()
}

/// Opening a sealed value of our own file: a value that does not open was written under
/// another key (the check value passed, so it was altered).
fn open(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>> {
    crypto::open(key, aad, sealed)
        .map_err(|_| Error::Corrupted("a stored value does not open under the store's key".into()))
}

/// How the store at `conn` is protected, or `None` for a store not yet sealed.
pub(crate) fn protection(conn: &Connection) -> Result<Option<Protection>> {
    Ok(read_params(conn)?.map(|p| {
        if p.kdf == "argon2id" {
            Protection::Passphrase
        } else {
            Protection::Key
        }
    }))
}

fn read_params(conn: &Connection) -> Result<Option<KdfParams>> {
    let raw: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [PARAMS_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    raw.map(|r| {
        serde_json::from_slice(&r).map_err(|_| Error::Corrupted("the encryption parameters".into()))
    })
    .transpose()
}

/// Unlocks the file with `key`: checks it against the file's check value, or, for a file not
/// sealed yet (new, or from before encryption), seals it under `key`. A wrong key is
/// [`Error::WrongKey`] and writes nothing.
pub(crate) fn unlock(conn: &mut Connection, key: &StoreKey) -> Result<Cipher> {
    // Read-only first: the common case (a sealed store) takes no write lock.
    if let Some(params) = read_params(conn)? {
        return check(conn, &params, key);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have sealed the file while we waited for the lock.
    if let Some(params) = read_params(&tx)? {
        drop(tx);
        return check(conn, &params, key);
    }
    let salt: [u8; 16] = crypto::random()?;
    let params = KdfParams {
        version: 1,
        kdf: match key {
            StoreKey::Key(_) => "key".into(),
            StoreKey::Passphrase(_) => "argon2id".into(),
        },
        salt: data_encoding::BASE64.encode(&salt),
        memory_kib: ARGON2_MEMORY_KIB,
        passes: ARGON2_PASSES,
    };
    let cipher = derive(&params, key)?;
    if seal_existing(&tx, &cipher)? {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![VACUUM_KEY, cipher.seal_meta(VACUUM_KEY, b"1")?],
        )?;
    }
    let json = serde_json::to_vec(&params).map_err(|_| Error::Storage("parameters".into()))?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        params![PARAMS_KEY, json],
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        params![CHECK_KEY, cipher.seal_meta(CHECK_KEY, CHECK_VALUE)?],
    )?;
    tx.commit()?;
    scrub_if_pending(conn)?;
    Ok(cipher)
}

/// The old plaintext pages are free after sealing but still in the file (and the log):
/// rewrite the file and empty the log. Until that has succeeded the flag stays, and every open
/// tries again.
fn scrub_if_pending(conn: &Connection) -> Result<()> {
    let pending: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
        [VACUUM_KEY],
        |r| r.get(0),
    )?;
    if pending {
        conn.execute_batch("VACUUM")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.execute("DELETE FROM meta WHERE key = ?1", [VACUUM_KEY])?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(())
}

fn check(conn: &Connection, params: &KdfParams, key: &StoreKey) -> Result<Cipher> {
    let cipher = derive(params, key)?;
    let sealed: Vec<u8> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [CHECK_KEY], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::Corrupted("the store has no key check".into()))?;
    match crypto::open(&cipher.key, &meta_aad(CHECK_KEY), &sealed) {
        Ok(v) if v == CHECK_VALUE => {
            scrub_if_pending(conn)?;
            Ok(cipher)
        }
        _ => Err(Error::WrongKey),
    }
}

fn derive(params: &KdfParams, key: &StoreKey) -> Result<Cipher> {
    if params.version != 1 {
        return Err(Error::Corrupted(
            "the store's encryption is of an unknown version".into(),
        ));
    }
    let salt = data_encoding::BASE64
        .decode(params.salt.as_bytes())
        .map_err(|_| Error::Corrupted("the encryption salt".into()))?;
    let mut master = Zeroizing::new([0u8; 32]);
    match (params.kdf.as_str(), key) {
        ("key", StoreKey::Key(k)) => master.copy_from_slice(k),
        ("argon2id", StoreKey::Passphrase(p)) => {
            let argon = Params::new(params.memory_kib, params.passes, 1, Some(32))
                .map_err(|_| Error::Corrupted("the passphrase parameters".into()))?;
            Argon2::new(Algorithm::Argon2id, Version::V0x13, argon)
                .hash_password_into(p.as_bytes(), &salt, master.as_mut())
                .map_err(|_| Error::Corrupted("the passphrase parameters".into()))?;
        }
        // A passphrase for a key-protected store, or the other way round.
        _ => return Err(Error::WrongKey),
    }
    let mut file_key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&salt), master.as_ref())
        .expand(b"iop-companion at-rest v1", &mut file_key)
        .map_err(|_| Error::Storage("key derivation".into()))?;
    Ok(Cipher {
        key: file_key,
        master: *master,
    })
}

/// Seals every chunk and meta value already in the file (a store from before encryption).
/// Returns whether there was anything to seal.
fn seal_existing(tx: &Connection, cipher: &Cipher) -> Result<bool> {
    let chunks: Vec<(i64, i64, Vec<u8>)> = tx
        .prepare("SELECT id, kind, data FROM chunks")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let meta: Vec<(String, Vec<u8>)> = tx
        .prepare("SELECT key, value FROM meta")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind, data) in &chunks {
        tx.execute(
            "UPDATE chunks SET data = ?1 WHERE id = ?2",
            params![cipher.seal_chunk(*kind, data)?, id],
        )?;
    }
    for (key, value) in &meta {
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = ?2",
            params![cipher.seal_meta(key, value)?, key],
        )?;
    }
    Ok(!chunks.is_empty() || !meta.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_passphrases_are_checked() {
        assert!(StoreKey::from_bytes(&[1; 31]).is_err());
        assert!(StoreKey::from_bytes(&[1; 32]).is_ok());
        let err = StoreKey::passphrase("short").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid passphrase: must be at least 10 characters long"
        );
        assert!(!format!("{:?}", StoreKey::passphrase("long enough!").unwrap()).contains("long"));
    }

    #[test]
    fn values_are_bound_to_their_place() {
        let params = KdfParams {
            version: 1,
            kdf: "key".into(),
            salt: data_encoding::BASE64.encode(&[3; 16]),
            memory_kib: 0,
            passes: 0,
        };
        let c = derive(&params, &StoreKey::Key([9; 32])).unwrap();
        let sealed = c.seal_chunk(1, b"hello").unwrap();
        assert_eq!(c.open_chunk(1, &sealed).unwrap(), b"hello");
        assert!(c.open_chunk(0, &sealed).is_err());
        let m = c.seal_meta("account", b"x").unwrap();
        assert!(c.open_meta("actor", &m).is_err());
        // A passphrase does not open a key-protected file.
        assert!(matches!(
            derive(&params, &StoreKey::Passphrase("0123456789".into())),
            Err(Error::WrongKey)
        ));
    }
}
