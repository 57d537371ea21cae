//! The binary body of `POST /v1/docs/{doc}/sync`, as server/API.md documents it. Compact on
//! purpose: one check-in synced is about 300 bytes up and a few bytes down.
//!
//! Decoding never trusts a declared length: each is checked against the bytes left before
//! anything is allocated, so a hostile or truncated body is a clean error.

use crate::error::{Error, Result};

pub const VERSION: u8 = 1;
/// The most chunks one request or response may carry.
pub const MAX_CHUNKS: u64 = 100_000;

/// A chunk's id: keyed hash of its plaintext (see `crypto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChunkId(pub [u8; 16]);

impl ChunkId {
    pub fn to_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.0)
    }
}

/// An encrypted chunk: its id and nonce ‖ ciphertext ‖ tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedChunk {
    pub id: ChunkId,
    pub ciphertext: Vec<u8>,
}

/// An encrypted snapshot that stands for every chunk up to `covers_seq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedSnapshot {
    pub chunk: SealedChunk,
    pub covers_seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncRequest {
    /// The highest sequence number the device has.
    pub cursor: u64,
    pub chunks: Vec<SealedChunk>,
    pub snapshot: Option<SealedSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncResponse {
    /// The document's highest sequence number, this request's chunks included.
    pub cursor: u64,
    pub snapshot: Option<SealedSnapshot>,
    /// Chunks the device lacks, with their sequence numbers, in order.
    pub chunks: Vec<(u64, SealedChunk)>,
    /// The server has more past `cursor` than fitted in this response: sync again.
    pub more: bool,
}

impl SyncRequest {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION];
        put_varint(&mut out, self.cursor);
        put_varint(&mut out, self.chunks.len() as u64);
        for c in &self.chunks {
            put_chunk(&mut out, c);
        }
        put_snapshot(&mut out, self.snapshot.as_ref());
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<SyncRequest> {
        Ok(read_request(bytes)?)
    }
}

fn read_request(bytes: &[u8]) -> Result<SyncRequest, Malformed> {
    let mut r = Reader::new(bytes)?;
    let cursor = r.varint()?;
    let n = r.count()?;
    let mut chunks = Vec::new();
    for _ in 0..n {
        chunks.push(r.chunk()?);
    }
    let snapshot = r.snapshot()?;
    r.end()?;
    Ok(SyncRequest {
        cursor,
        chunks,
        snapshot,
    })
}

impl SyncResponse {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION];
        put_varint(&mut out, self.cursor);
        put_snapshot(&mut out, self.snapshot.as_ref());
        put_varint(&mut out, self.chunks.len() as u64);
        for (seq, c) in &self.chunks {
            put_varint(&mut out, *seq);
            put_chunk(&mut out, c);
        }
        out.push(u8::from(self.more));
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<SyncResponse> {
        Ok(read_response(bytes)?)
    }
}

/// Decodes a sync answer, telling a body cut short (which another attempt may get whole)
/// from one that is wrong.
pub(crate) fn read_response(bytes: &[u8]) -> Result<SyncResponse, Malformed> {
    let mut r = Reader::new(bytes)?;
    let cursor = r.varint()?;
    let snapshot = r.snapshot()?;
    let n = r.count()?;
    let mut chunks = Vec::new();
    for _ in 0..n {
        let seq = r.varint()?;
        chunks.push((seq, r.chunk()?));
    }
    let more = match r.take(1)? {
        [0] => false,
        [1] => true,
        _ => return Err(Malformed::Invalid("bad more flag")),
    };
    r.end()?;
    Ok(SyncResponse {
        cursor,
        snapshot,
        chunks,
        more,
    })
}

/// Why a sync message could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// It ends before what it declares: cut short on the way.
    CutShort,
    /// A version this app does not speak.
    Version,
    Invalid(&'static str),
}

impl From<Malformed> for Error {
    fn from(m: Malformed) -> Error {
        match m {
            Malformed::CutShort => Error::Protocol("malformed sync message: truncated".into()),
            Malformed::Version => Error::Protocol("unsupported sync message version".into()),
            Malformed::Invalid(what) => Error::Protocol(format!("malformed sync message: {what}")),
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_chunk(out: &mut Vec<u8>, c: &SealedChunk) {
    out.extend_from_slice(&c.id.0);
    put_varint(out, c.ciphertext.len() as u64);
    out.extend_from_slice(&c.ciphertext);
}

fn put_snapshot(out: &mut Vec<u8>, s: Option<&SealedSnapshot>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            out.extend_from_slice(&s.chunk.id.0);
            put_varint(out, s.covers_seq);
            put_varint(out, s.chunk.ciphertext.len() as u64);
            out.extend_from_slice(&s.chunk.ciphertext);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Reader<'a>, Malformed> {
        match bytes.split_first() {
            Some((&VERSION, rest)) => Ok(Reader { bytes: rest }),
            Some(_) => Err(Malformed::Version),
            None => Err(Malformed::CutShort),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if n > self.bytes.len() {
            return Err(Malformed::CutShort);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn varint(&mut self) -> Result<u64, Malformed> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first().ok_or(Malformed::CutShort)?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(Malformed::Invalid("number too large"));
            }
            v |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Malformed::Invalid("number too large"))
    }

    fn count(&mut self) -> Result<u64, Malformed> {
        let n = self.varint()?;
        // Every chunk takes at least 17 bytes, so a count the body cannot hold is a lie.
        if n > MAX_CHUNKS || n > (self.bytes.len() / 17) as u64 {
            return Err(Malformed::Invalid("too many chunks"));
        }
        Ok(n)
    }

    fn id(&mut self) -> Result<ChunkId, Malformed> {
        let mut id = [0u8; 16];
        id.copy_from_slice(self.take(16)?);
        Ok(ChunkId(id))
    }

    fn bytes_with_len(&mut self) -> Result<Vec<u8>, Malformed> {
        let len =
            usize::try_from(self.varint()?).map_err(|_| Malformed::Invalid("length too large"))?;
        Ok(self.take(len)?.to_vec())
    }

    fn chunk(&mut self) -> Result<SealedChunk, Malformed> {
        let id = self.id()?;
        let ciphertext = self.bytes_with_len()?;
        Ok(SealedChunk { id, ciphertext })
    }

    fn snapshot(&mut self) -> Result<Option<SealedSnapshot>, Malformed> {
        match self.take(1)? {
            [0] => Ok(None),
            [1] => {
                let id = self.id()?;
                let covers_seq = self.varint()?;
                let ciphertext = self.bytes_with_len()?;
                Ok(Some(SealedSnapshot {
                    chunk: SealedChunk { id, ciphertext },
                    covers_seq,
                }))
            }
            _ => Err(Malformed::Invalid("bad snapshot flag")),
        }
    }

    fn end(&self) -> Result<(), Malformed> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(Malformed::Invalid("trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(b: u8, len: usize) -> SealedChunk {
        SealedChunk {
            id: ChunkId([b; 16]),
            ciphertext: vec![b; len],
        }
    }

    #[test]
    fn messages_round_trip() {
        let req = SyncRequest {
            cursor: 300,
            chunks: vec![chunk(1, 290), chunk(2, 0)],
            snapshot: Some(SealedSnapshot {
                chunk: chunk(3, 1000),
                covers_seq: 299,
            }),
        };
        assert_eq!(SyncRequest::decode(&req.encode()).unwrap(), req);
        let resp = SyncResponse {
            cursor: u64::MAX,
            snapshot: None,
            chunks: vec![(7, chunk(4, 5)), (9, chunk(5, 128))],
            more: true,
        };
        assert_eq!(SyncResponse::decode(&resp.encode()).unwrap(), resp);
        // A poll with nothing new is a handful of bytes each way.
        let poll = SyncRequest {
            cursor: 12_345,
            ..Default::default()
        };
        assert_eq!(poll.encode().len(), 5);
        assert_eq!(
            SyncResponse {
                cursor: 12_345,
                ..Default::default()
            }
            .encode()
            .len(),
            6
        );
    }

    #[test]
    fn every_truncation_and_garbage_is_a_clean_error() {
        let req = SyncRequest {
            cursor: 5,
            chunks: vec![chunk(1, 40), chunk(2, 3)],
            snapshot: Some(SealedSnapshot {
                chunk: chunk(3, 20),
                covers_seq: 4,
            }),
        };
        let bytes = req.encode();
        for n in 0..bytes.len() {
            assert!(SyncRequest::decode(&bytes[..n]).is_err(), "prefix {n}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(SyncRequest::decode(&extra).is_err());
        assert!(SyncRequest::decode(&[2, 0, 0, 0]).is_err());
        // A declared count or length far beyond the body.
        assert!(SyncRequest::decode(&[1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0]).is_err());
        assert!(
            SyncResponse::decode(&[
                1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
                0xff, 0xff, 0xff, 0xff, 0xff, 0x01
            ])
            .is_err()
        );
        // Ten bytes of continuation: too large a number.
        assert!(
            SyncRequest::decode(&[
                1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f
            ])
            .is_err()
        );
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 64) as usize;
            let garbage: Vec<u8> = (0..len).map(|i| (x >> (i % 8 * 8)) as u8).collect();
            let _ = SyncRequest::decode(&garbage);
            let _ = SyncResponse::decode(&garbage);
        }
    }
}
