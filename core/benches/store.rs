//! Store benchmarks: open a three-year store, record a check-in durably (against a plain
//! rusqlite INSERT with the same durability), and the store's size.
//!
//! Run: `cargo bench -p companion-core --bench store` (figures go in docs/benchmarks.md).
//! Medians of many runs, printed as a Markdown table. Not a test: nothing here asserts time.

use std::time::{Duration, Instant};

mod common;
use common::{median, p90};

use chrono::{Days, NaiveDate, NaiveDateTime, Utc, Weekday};
use companion_core::{
    CheckInEdit, ContactFields, ContactRole, Recurrence, SessionFields, SessionKind, Store,
};
use rusqlite::{Connection, params};

const DAYS: u64 = 1095;
const OPEN_RUNS: usize = 50;
const WRITE_RUNS: usize = 500;

const EMOTIONS: [&str; 8] = [
    "calm", "anxious", "hopeful", "tired", "sad", "grateful", "stressed", "lonely",
];
const NOTES: [&str; 6] = [
    "Good group today, talked about triggers.",
    "Hard evening. Called my sponsor.",
    "Slept badly, felt on edge all morning.",
    "Walked after dinner, helped with the cravings.",
    "Family session was tense but useful.",
    "Quiet day.",
];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Utc::now().date_naive() - Days::new(DAYS);
    let build = Instant::now();
    let (checkins, sessions, occurrence_edits, contacts) = build_three_years(dir.path(), first);
    let build_time = build.elapsed();

    // Open: the whole store, as an app launch does.
    let mut opens = Vec::with_capacity(OPEN_RUNS);
    for _ in 0..OPEN_RUNS {
        let t = Instant::now();
        let store = Store::open(dir.path()).expect("open");
        opens.push(t.elapsed());
        drop(store);
    }

    let mut store = Store::open(dir.path()).expect("open");
    let stats = store.stats();
    let (snapshot, incremental, chunks) = (
        stats.snapshot_bytes,
        stats.incremental_bytes,
        stats.incremental_chunks,
    );
    store.compact().expect("compact");
    drop(store);
    let (file_bytes, pages, free_pages) = checkpointed_size(dir.path());
    let store = Store::open(dir.path()).expect("open");
    let compacted_snapshot = store.stats().snapshot_bytes;
    drop(store);

    // Record one check-in (an edit of a recent day, as a participant would) and the same
    // fields through a plain rusqlite INSERT with the same durability, interleaved so both
    // meet the same disk and cache conditions.
    let mut store = Store::open(dir.path()).expect("open");
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
        let edit = checkin_edit(i as u64);
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

fn checkin_edit(i: u64) -> CheckInEdit {
    let n = (i * 7919) % 97;
    CheckInEdit {
        mood: Some((n % 10 + 1) as u8),
        craving: Some((n % 11) as u8),
        emotions: Some(
            (0..(n % 3 + 1))
                .map(|k| EMOTIONS[((n + k * 3) % 8) as usize].to_owned())
                .collect(),
        ),
        sleep_hours: Some(5.0 + (n % 16) as f64 * 0.25),
        used_today: Some(n.is_multiple_of(29)),
        note: n
            .is_multiple_of(3)
            .then(|| NOTES[(n % 6) as usize].to_owned()),
    }
}

/// Builds three years of use through the public API, edits included; the store compacts
/// itself along the way as it would on a phone.
fn build_three_years(dir: &std::path::Path, first: NaiveDate) -> (u64, usize, usize, usize) {
    let mut store = Store::open(dir).expect("open");
    let mut contacts = Vec::new();
    for i in 0..20 {
        let c = store
            .add_contact(&ContactFields {
                name: Some(format!("Contact {i}")),
                role: Some(ContactRole::ALL[i % ContactRole::ALL.len()]),
                phone: Some(format!("+1 312 555 {:04}", 100 + i)),
                favourite: Some(i < 3),
                ..Default::default()
            })
            .expect("contact");
        contacts.push(c.id);
    }
    let at = |d: NaiveDate, h: u32| -> NaiveDateTime { d.and_hms_opt(h, 0, 0).expect("time") };
    let monday =
        |d: NaiveDate| d - Days::new(chrono::Datelike::weekday(&d).num_days_from_monday() as u64);
    // Eight series: IOP groups, then aftercare, each with a count.
    let mut series = Vec::new();
    let kinds = [
        SessionKind::ProcessGroup,
        SessionKind::SkillsGroup,
        SessionKind::Psychoeducation,
        SessionKind::Aftercare,
    ];
    for k in 0..8u64 {
        let start = monday(first + Days::new(k * 130));
        let mut r = Recurrence::weekly(&[Weekday::Mon, Weekday::Wed, Weekday::Thu]);
        r.count = Some(36);
        let s = store
            .add_session(&SessionFields {
                title: Some(format!("Group {k}")),
                kind: Some(kinds[k as usize % 4]),
                location: Some("Main clinic, room 2".into()),
                start: Some(at(start, 9)),
                time_zone: Some("America/Chicago".into()),
                duration_minutes: Some(180),
                recurrence: Some(Some(r)),
                ..Default::default()
            })
            .expect("series");
        series.push((s.id, start));
    }
    let mut occurrence_edits = 0;
    for (id, start) in &series {
        for w in [1u64, 4, 7, 9] {
            store
                .cancel_occurrence(id, *start + Days::new(w * 7))
                .expect("cancel");
            store
                .move_occurrence(
                    id,
                    *start + Days::new(w * 7 + 2),
                    at(*start + Days::new(w * 7 + 4), 13),
                    None,
                )
                .expect("move");
            occurrence_edits += 2;
        }
    }
    // One-off individual and family sessions, about one a week.
    let mut one_offs = 0;
    for week in 0..152u64 {
        let day = first + Days::new(week * 7 + 1);
        let s = store
            .add_session(&SessionFields {
                title: Some(if week % 4 == 0 {
                    "Family session".into()
                } else {
                    "Individual session".into()
                }),
                kind: Some(if week % 4 == 0 {
                    SessionKind::Family
                } else {
                    SessionKind::Individual
                }),
                start: Some(at(day, 15)),
                time_zone: Some("America/Chicago".into()),
                duration_minutes: Some(50),
                ..Default::default()
            })
            .expect("one-off");
        if week % 10 == 0 {
            store
                .edit_session(
                    &s.id,
                    &SessionFields {
                        location: Some("Telehealth".into()),
                        ..Default::default()
                    },
                )
                .expect("edit");
        }
        one_offs += 1;
    }
    // A check-in every day; about one day in five edited again later that day.
    let mut checkins = 0;
    for i in 0..DAYS {
        let date = first + Days::new(i);
        store
            .record_checkin(date, &checkin_edit(i))
            .expect("checkin");
        if i % 5 == 0 {
            store
                .record_checkin(
                    date,
                    &CheckInEdit {
                        craving: Some((i % 11) as u8),
                        ..Default::default()
                    },
                )
                .expect("edit");
        }
        if i % 90 == 0 {
            let c = &contacts[(i / 90) as usize % contacts.len()];
            store
                .edit_contact(
                    c,
                    &ContactFields {
                        notes: Some(format!("updated on day {i}")),
                        ..Default::default()
                    },
                )
                .expect("contact edit");
        }
        checkins += 1;
    }
    (
        checkins,
        series.len() + one_offs,
        occurrence_edits,
        contacts.len(),
    )
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
