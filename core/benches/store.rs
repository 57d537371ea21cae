//! Store benchmarks: open a three-year store, record a check-in durably (against a plain
//! rusqlite INSERT with the same durability), the store's size, and what encryption at rest
//! costs (the cipher's own time on the same bytes, and a passphrase's key derivation).
//!
//! Run: `cargo bench -p companion-core --bench store` (figures go in docs/benchmarks.md).
//! Medians of many runs, printed as a Markdown table. Not a test: nothing here asserts time.

use std::time::{Duration, Instant};

mod common;
use common::{median, p90};

use chrono::{Days, Utc};
use companion_core::{Store, fixtures};
use rusqlite::{Connection, params};

const DAYS: u64 = fixtures::THREE_YEARS_DAYS;
const OPEN_RUNS: usize = 50;
const WRITE_RUNS: usize = 500;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Utc::now().date_naive() - Days::new(DAYS);
    let build = Instant::now();
    let built = {
        let mut store = common::open(dir.path());
        fixtures::three_years(&mut store, first).expect("three years")
    };
    let (checkins, sessions, occurrence_edits, contacts) = (
        built.checkins,
        built.sessions,
        built.occurrence_edits,
        built.contacts,
    );
    let build_time = build.elapsed();

    // Open: the whole store, as an app launch does.
    let mut opens = Vec::with_capacity(OPEN_RUNS);
    for _ in 0..OPEN_RUNS {
        let t = Instant::now();
        let store = common::open(dir.path());
        opens.push(t.elapsed());
        drop(store);
    }

    let mut store = common::open(dir.path());
    let stats = store.stats();
    let (snapshot, incremental, chunks) = (
        stats.snapshot_bytes,
        stats.incremental_bytes,
        stats.incremental_chunks,
    );
    store.compact().expect("compact");
    drop(store);
    let (file_bytes, pages, free_pages) = checkpointed_size(dir.path());
    let store = common::open(dir.path());
    let compacted_snapshot = store.stats().snapshot_bytes;
    drop(store);

    // Record one check-in (an edit of a recent day, as a participant would) and the same
    // fields through a plain rusqlite INSERT with the same durability, interleaved so both
    // meet the same disk and cache conditions.
    let mut store = common::open(dir.path());
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let conn = Connection::open(plain_dir.path().join("plain.sqlite3")).expect("plain db");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("full");
    conn.execute_batch(
        "CREATE TABLE checkins (date TEXT PRIMARY KEY, mood INTEGER, craving INTEGER,
         sleep_min INTEGER, used INTEGER, emotions TEXT, note TEXT, created INTEGER, updated INTEGER)",
    )
    .expect("table");
    let mut writes = Vec::with_capacity(WRITE_RUNS);
    let mut plain = Vec::with_capacity(WRITE_RUNS);
    for i in 0..WRITE_RUNS {
        let date = first + Days::new(DAYS - 1 - (i as u64 % 30));
        let edit = fixtures::checkin_edit(i as u64);
        let t = Instant::now();
        store.record_checkin(date, &edit).expect("record");
        writes.push(t.elapsed());

        let now = Utc::now().timestamp_millis();
        let t = Instant::now();
        conn.execute(
            "INSERT OR REPLACE INTO checkins VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                date.to_string(),
                edit.mood,
                edit.craving,
                edit.sleep_hours.map(|h| (h * 60.0) as i64),
                edit.used_today,
                edit.emotions.map(|v| v.join(",")),
                edit.note,
                now,
                now
            ],
        )
        .expect("insert");
        plain.push(t.elapsed());
    }
    drop(store);

    // Encryption at rest: the cipher's share of an open (every chunk opened: here the one
    // compacted snapshot) and of a check-in (one incremental chunk sealed, of the size the
    // check-ins above wrote), timed alone on buffers of those sizes.
    let chunk_len = (incremental / chunks.max(1)) as usize;
    let (open_cipher, seal_cipher) = cipher_share(compacted_snapshot as usize, chunk_len);
    // A passphrase-protected store pays Argon2id (64 MiB, 3 passes) once per open.
    let pass = companion_core::StoreKey::passphrase("a benchmark passphrase").expect("passphrase");
    let pass_dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(pass_dir.path(), &pass).expect("passphrase store"));
    let mut pass_opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        drop(Store::open(pass_dir.path(), &pass).expect("open"));
        pass_opens.push(t.elapsed());
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let open_median = median(&opens);
    let write_median = median(&writes);
    let plain_median = median(&plain);
    println!("## Store benchmark ({})", Utc::now().format("%Y-%m-%d"));
    println!();
    println!(
        "Three-year store: {checkins} check-ins, {sessions} sessions ({occurrence_edits} cancelled or moved occurrences), {contacts} contacts; built through the public API in {:.1} s.",
        build_time.as_secs_f64()
    );
    println!();
    println!("| measure | median | p90 | runs |");
    println!("|---|---|---|---|");
    println!(
        "| open the three-year store | {:.2} ms | {:.2} ms | {OPEN_RUNS} |",
        ms(open_median),
        ms(p90(&opens))
    );
    println!(
        "| record one check-in (store) | {:.3} ms | {:.3} ms | {WRITE_RUNS} |",
        ms(write_median),
        ms(p90(&writes))
    );
    println!(
        "| plain rusqlite INSERT, same fields, WAL + synchronous=FULL | {:.3} ms | {:.3} ms | {WRITE_RUNS} |",
        ms(plain_median),
        ms(p90(&plain))
    );
    println!(
        "| ratio store / plain INSERT | {:.2}x | | |",
        ms(write_median) / ms(plain_median)
    );
    println!(
        "| of which the cipher: open the {compacted_snapshot}-byte snapshot (XChaCha20-Poly1305) | {:.3} ms | {:.3} ms | {WRITE_RUNS} |",
        ms(median(&open_cipher)),
        ms(p90(&open_cipher))
    );
    println!(
        "| of which the cipher: seal one {chunk_len}-byte check-in chunk | {:.4} ms | {:.4} ms | {WRITE_RUNS} |",
        ms(median(&seal_cipher)),
        ms(p90(&seal_cipher))
    );
    println!(
        "| open a small store with a passphrase (Argon2id 64 MiB, 3 passes) | {:.0} ms | {:.0} ms | 5 |",
        ms(median(&pass_opens)),
        ms(p90(&pass_opens))
    );
    println!();
    println!("| size | bytes |");
    println!("|---|---|");
    println!(
        "| as the store left itself: snapshot + {chunks} incremental chunks | {snapshot} + {incremental} |"
    );
    println!("| after a full compaction: the snapshot | {compacted_snapshot} |");
    println!(
        "| after a full compaction: the SQLite file (checkpointed; {pages} pages, {free_pages} free) | {file_bytes} |"
    );
}

/// The file's size once the write-ahead log is folded in, and its pages (total, free).
fn checkpointed_size(dir: &std::path::Path) -> (u64, i64, i64) {
    let path = dir.join(Store::FILE_NAME);
    let conn = Connection::open(&path).expect("open for checkpoint");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let pragma = |name: &str| -> i64 {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .unwrap_or(-1)
    };
    let pages = (pragma("page_count"), pragma("freelist_count"));
    drop(conn);
    (
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        pages.0,
        pages.1,
    )
}

/// The cipher alone: opening `open_len` bytes and sealing `seal_len` bytes, as the store does.
fn cipher_share(open_len: usize, seal_len: usize) -> (Vec<Duration>, Vec<Duration>) {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    let cipher = XChaCha20Poly1305::new_from_slice(&[7; 32]).expect("key");
    let nonce = XNonce::from([9; 24]);
    let aad: &[u8] = b"iop-companion at-rest chunk 0";
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: &vec![1u8; open_len],
                aad,
            },
        )
        .expect("seal");
    let chunk = vec![2u8; seal_len];
    let (mut opens, mut seals) = (Vec::new(), Vec::new());
    for _ in 0..WRITE_RUNS {
        let t = Instant::now();
        let opened = cipher
            .decrypt(&nonce, Payload { msg: &sealed, aad })
            .expect("open");
        opens.push(t.elapsed());
        std::hint::black_box(opened);
        let t = Instant::now();
        let s = cipher
            .encrypt(&nonce, Payload { msg: &chunk, aad })
            .expect("seal");
        seals.push(t.elapsed());
        std::hint::black_box(s);
    }
    (opens, seals)
}
