//! The cryptography of sync: document keys, sealed chunks, and keys sealed under an invitation
//! code or a link secret. Everything here is RustCrypto; nothing is hand-rolled but the byte
//! layout, which server/API.md documents.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{Error, Result};
use crate::sync::wire::{ChunkId, SealedChunk};

const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const SALT_LEN: usize = 16;

/// A document's 32-byte key. Never logged, never sent to the server in the clear; wiped from
/// memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct DocKey([u8; 32]);

impl std::fmt::Debug for DocKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DocKey(…)")
    }
}

impl DocKey {
    pub fn generate() -> Result<DocKey> {
        Ok(DocKey(random()?))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<DocKey> {
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::invalid("key", "must be 32 bytes"))?;
        Ok(DocKey(key))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key of a local copy of this document kept by whoever holds this key (the staff
    /// tool's copy of a program's schedule): derived, so the copy's key is not the sync key.
    pub fn local_store_key(&self) -> crate::StoreKey {
        crate::StoreKey::Key(self.derive("iop-companion local copy"))
    }

    /// A key for one purpose, so the chunk ids and the cipher never share key material.
    fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        // HKDF-SHA256 can expand 32 bytes from any key; the error branch cannot happen.
        let _ = Hkdf::<Sha256>::new(None, &self.0).expand(purpose.as_bytes(), &mut out);
        out
    }

    /// The id of a chunk: keyed, so equal chunks get equal ids (a retried push adds nothing)
    /// while the id tells nobody without the key anything about the content.
    pub fn chunk_id(&self, plaintext: &[u8]) -> ChunkId {
        let mut key = self.derive("iop-companion chunk-id");
        let mut id = [0u8; 16];
        if let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(&key) {
            mac.update(plaintext);
            id.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        }
        key.zeroize();
        ChunkId(id)
    }

    /// Encrypts a chunk of document `doc`. The chunk id and the document id are bound in as
    /// associated data, so a chunk cannot be replayed into another document or under another id.
    pub fn seal_chunk(&self, doc: Uuid, plaintext: &[u8]) -> Result<SealedChunk> {
        let id = self.chunk_id(plaintext);
        let ciphertext = seal(
            &self.derive("iop-companion chunk-key"),
            &aad(doc, &id),
            plaintext,
        )?;
        Ok(SealedChunk { id, ciphertext })
    }

    /// Decrypts a chunk of document `doc`, checking it is intact and belongs there.
    pub fn open_chunk(&self, doc: Uuid, chunk: &SealedChunk) -> Result<Vec<u8>> {
        let plaintext = open(
            &self.derive("iop-companion chunk-key"),
            &aad(doc, &chunk.id),
            &chunk.ciphertext,
        )?;
        if self.chunk_id(&plaintext) != chunk.id {
            return Err(Error::InvalidChanges(
                "a chunk's id does not match its content".into(),
            ));
        }
        Ok(plaintext)
    }
}

fn aad(doc: Uuid, id: &ChunkId) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..16].copy_from_slice(doc.as_bytes());
    out[16..].copy_from_slice(&id.0);
    out
}

/// XChaCha20-Poly1305 with a random nonce: nonce ‖ ciphertext ‖ tag.
pub(crate) fn seal(key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let cipher =
        XChaCha20Poly1305::new_from_slice(key).map_err(|_| Error::Storage("cipher key".into()))?;
    let nonce: [u8; NONCE_LEN] = random()?;
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| Error::Storage("encryption failed".into()))?;
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

pub(crate) fn open(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(Error::InvalidChanges(
            "a sealed message is too short".into(),
        ));
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| Error::InvalidChanges("bad nonce".into()))?;
    let cipher =
        XChaCha20Poly1305::new_from_slice(key).map_err(|_| Error::Storage("cipher key".into()))?;
    cipher
        .decrypt(&XNonce::from(nonce), Payload { msg: body, aad })
        .map_err(|_| Error::WrongKey)
}

/// Seals `payload` (keys) under a short code a person types, through Argon2id, so the server
/// that stores the result cannot open it without guessing the code at Argon2id's cost.
/// Returns the salt and the sealed bytes.
pub fn seal_with_code(code: &str, payload: &[u8]) -> Result<([u8; SALT_LEN], Vec<u8>)> {
    let salt: [u8; SALT_LEN] = random()?;
    let mut key = code_key(code, &salt)?;
    let sealed = seal(&key, b"iop-companion code", payload);
    key.zeroize();
    Ok((salt, sealed?))
}

pub fn open_with_code(code: &str, salt: &[u8], sealed: &[u8]) -> Result<Vec<u8>> {
    let mut key = code_key(code, salt)?;
    let opened = open(&key, b"iop-companion code", sealed);
    key.zeroize();
    opened
}

fn code_key(code: &str, salt: &[u8]) -> Result<[u8; 32]> {
    let code = normalize_code(code).ok_or_else(|| Error::invalid("code", "is not a valid code"))?;
    // OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane; fine once per enrolment on a phone.
    let params = Params::new(19 * 1024, 2, 1, Some(32))
        .map_err(|_| Error::Storage("argon2 params".into()))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(code.as_bytes(), salt, &mut key)
        .map_err(|_| Error::invalid("salt", "is not valid"))?;
    Ok(key)
}

/// Seals `payload` under a 32-byte random secret (a link code's secret part).
pub fn seal_with_secret(secret: &[u8; 32], payload: &[u8]) -> Result<Vec<u8>> {
    seal(secret, b"iop-companion link", payload)
}

pub fn open_with_secret(secret: &[u8; 32], sealed: &[u8]) -> Result<Vec<u8>> {
    open(secret, b"iop-companion link", sealed)
}

/// A bearer token: 32 random bytes, base64url.
pub fn new_token() -> Result<String> {
    Ok(data_encoding::BASE64URL_NOPAD.encode(&random::<32>()?))
}

/// What the server stores of a token or a code: its SHA-256.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Crockford base32: no I, L, O or U, so codes read aloud or typed survive.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in an invitation code (60 bits).
pub const CODE_LEN: usize = 12;

/// A new invitation code, `XXXX-XXXX-XXXX`.
pub fn new_code() -> Result<String> {
    let bytes: [u8; CODE_LEN] = random()?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b % 32)] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A code as typed, made canonical: case, spaces and dashes do not matter, and the letters
/// people confuse with digits read as those digits. `None` if it cannot be a code.
pub fn normalize_code(input: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if CODE_ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CODE_LEN).then_some(out)
}

pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| Error::Storage("no system randomness".into()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_round_trip_and_refuse_tampering() {
        let key = DocKey::generate().unwrap();
        let doc = Uuid::new_v4();
        let sealed = key.seal_chunk(doc, b"a change").unwrap();
        assert_eq!(sealed.ciphertext.len(), 24 + 8 + 16);
        assert_eq!(key.open_chunk(doc, &sealed).unwrap(), b"a change");
        // Same content, same id; another nonce.
        let again = key.seal_chunk(doc, b"a change").unwrap();
        assert_eq!(again.id, sealed.id);
        assert_ne!(again.ciphertext, sealed.ciphertext);
        // Another document, another key, a flipped bit, a swapped id: refused.
        assert!(key.open_chunk(Uuid::new_v4(), &sealed).is_err());
        assert!(
            DocKey::generate()
                .unwrap()
                .open_chunk(doc, &sealed)
                .is_err()
        );
        let mut bad = sealed.clone();
        bad.ciphertext[30] ^= 1;
        assert!(key.open_chunk(doc, &bad).is_err());
        let mut bad = sealed.clone();
        bad.id = key.chunk_id(b"other");
        assert!(key.open_chunk(doc, &bad).is_err());
        bad.ciphertext.truncate(10);
        assert!(key.open_chunk(doc, &bad).is_err());
    }

    #[test]
    fn codes_are_forgiving_to_type_and_seal_keys() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 14);
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(normalize_code(&typed).unwrap(), code.replace('-', ""));
        assert_eq!(normalize_code("k7qf-9xmz-2prO").unwrap(), "K7QF9XMZ2PR0");
        assert!(normalize_code("K7QF-9XMZ").is_none());
        assert!(normalize_code("K7QF-9XMZ-2PRU").is_none());
        let (salt, sealed) = seal_with_code(&code, b"program key").unwrap();
        assert_eq!(
            open_with_code(&typed, &salt, &sealed).unwrap(),
            b"program key"
        );
        assert!(matches!(
            open_with_code("0000-0000-0000", &salt, &sealed),
            Err(Error::WrongKey)
        ));
        let secret: [u8; 32] = random().unwrap();
        let sealed = seal_with_secret(&secret, b"keys").unwrap();
        assert_eq!(open_with_secret(&secret, &sealed).unwrap(), b"keys");
        assert!(open_with_secret(&[0; 32], &sealed).is_err());
    }

    #[test]
    fn keys_do_not_print() {
        let key = DocKey::generate().unwrap();
        assert_eq!(format!("{key:?}"), "DocKey(…)");
        assert_ne!(token_hash("a"), token_hash("b"));
        assert_eq!(new_token().unwrap().len(), 43);
    }
}
