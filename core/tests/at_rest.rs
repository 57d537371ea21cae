//! Encryption at rest: a wrong key changes nothing, the raw files show nothing, and a store
//! from before encryption is sealed on first open.

use std::path::Path;

use chrono::NaiveDate;
use companion_core::{
    CheckInEdit, ContactFields, Error, Protection, SafetyItemFields, SafetySection, SessionFields,
    Store, StoreKey,
};
use rusqlite::Connection;

mod common;

const NOTE: &str = "NOTE-5d1 my brother's court date";
const NAME: &str = "Zebulon Quartermaine";
const PHONE: &str = "+1 201 555 0143";
const PHONE_E164: &str = "+12015550143";
const PLAN: &str = "PLAN-88 the bridge on Route 9";
const TITLE: &str = "TITLE-4c relapse prevention";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Everything the store directory holds, file by file.
fn raw_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A store with one of everything personal, compacted once and changed again after, so the
/// file holds a snapshot, incremental chunks and a write-ahead log.
fn fill(store: &mut Store) {
    store.set_device_region(Some("US")).unwrap();
    store
        .record_checkin(
            day("2025-06-01"),
            &CheckInEdit {
                mood: Some(3),
                note: Some(NOTE.into()),
                ..Default::default()
            },
        )
        .unwrap();
    let c = store
        .add_contact(&ContactFields {
            name: Some(NAME.into()),
            phone: Some(PHONE.into()),
            ..Default::default()
        })
        .unwrap();
    store.compact().unwrap();
    store
        .add_safety_item(
            SafetySection::ReasonsToLive,
            &SafetyItemFields {
                text: Some(PLAN.into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_safety_item(
            SafetySection::PeopleToAsk,
            &SafetyItemFields {
                contact_id: Some(c.id),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_session(&SessionFields {
            title: Some(TITLE.into()),
            start: Some(companion_core::input::parse_local("2025-06-02T09:00").unwrap()),
            time_zone: Some("America/Chicago".into()),
            ..Default::default()
        })
        .unwrap();
}

#[test]
fn the_raw_files_hold_none_of_the_participants_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    fill(&mut store);
    // The control: unsealed, the document's own bytes do hold these words, so a search that
    // finds nothing below means they are sealed, not merely compressed away.
    let plain = store.changes_since(&[]);
    for word in [NOTE, NAME, PHONE_E164, PLAN, TITLE] {
        assert!(contains(&plain, word), "the control misses {word:?}");
    }
    // Searched while the store is open (the log holds the latest pages) and after closing.
    for pass in ["open", "closed"] {
        let files = raw_files(dir.path());
        assert!(files.iter().any(|(n, _)| n == Store::FILE_NAME));
        for (name, bytes) in &files {
            for word in [NOTE, NAME, PHONE, PHONE_E164, PLAN, TITLE] {
                assert!(!contains(bytes, word), "{pass}: {name} holds {word:?}");
            }
        }
        if pass == "open" {
            drop(std::mem::replace(
                &mut store,
                common::open(tempfile::tempdir().unwrap().path()).unwrap(),
            ));
        }
    }
    // And it all reads back with the key.
    let store = common::open(dir.path()).unwrap();
    assert_eq!(
        store
            .checkin(day("2025-06-01"))
            .unwrap()
            .unwrap()
            .note
            .as_deref(),
        Some(NOTE)
    );
    assert_eq!(store.contacts().unwrap()[0].name, NAME);
}

/// The stored rows, for "nothing changed" checks that do not depend on SQLite's file layout.
fn rows(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let conn = Connection::open(dir.join(Store::FILE_NAME)).unwrap();
    let mut out: Vec<(String, Vec<u8>)> = conn
        .prepare("SELECT 'meta:' || key, value FROM meta UNION ALL SELECT 'chunk:' || id, data FROM chunks")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    out.sort();
    out
}

#[test]
fn a_wrong_key_or_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fill(&mut common::open(dir.path()).unwrap());
    assert_eq!(
        Store::protection(dir.path()).unwrap(),
        Some(Protection::Key)
    );
    let before = rows(dir.path());
    let wrong = StoreKey::from_bytes(&[8; 32]).unwrap();
    let err = Store::open(dir.path(), &wrong).err().unwrap();
    assert!(matches!(err, Error::WrongKey));
    assert_eq!(
        err.to_string(),
        "the key does not open this data (a wrong key or code, or the data was altered)"
    );
    let passphrase = StoreKey::passphrase("correct horse battery").unwrap();
    assert!(matches!(
        Store::open(dir.path(), &passphrase),
        Err(Error::WrongKey)
    ));
    assert_eq!(rows(dir.path()), before);

    // A passphrase store: the right one opens it, a wrong one and a key do not.
    let pdir = tempfile::tempdir().unwrap();
    assert_eq!(Store::protection(pdir.path()).unwrap(), None);
    fill(&mut Store::open(pdir.path(), &passphrase).unwrap());
    assert_eq!(
        Store::protection(pdir.path()).unwrap(),
        Some(Protection::Passphrase)
    );
    let before = rows(pdir.path());
    for bad in [
        StoreKey::passphrase("correct horse battery!").unwrap(),
        common::key(),
    ] {
        assert!(matches!(
            Store::open(pdir.path(), &bad),
            Err(Error::WrongKey)
        ));
    }
    assert_eq!(rows(pdir.path()), before);
    let store = Store::open(pdir.path(), &passphrase).unwrap();
    assert_eq!(store.contacts().unwrap()[0].name, NAME);
    assert!(StoreKey::passphrase("too short").is_err());
}

/// A store as the first release wrote it: schema version 1, every value in plaintext.
fn plaintext_store(dir: &Path) -> Vec<u8> {
    // Written by today's code under a key, then every value unsealed by reading it back
    // through the API and rewriting the file as version 1 did.
    let src = tempfile::tempdir().unwrap();
    let mut store = common::open(src.path()).unwrap();
    fill(&mut store);
    let saved = store.changes_since(&[]);
    let conn = common::first_release_file(dir);
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('actor', ?1)",
        [[0x5a_u8; 16].to_vec()],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO chunks (kind, data) VALUES (0, ?1)",
        [saved.clone()],
    )
    .unwrap();
    saved
}

#[test]
fn a_store_from_before_encryption_is_sealed_on_first_open() {
    let dir = tempfile::tempdir().unwrap();
    let saved = plaintext_store(dir.path());
    let raw = std::fs::read(dir.path().join(Store::FILE_NAME)).unwrap();
    let wal =
        std::fs::read(dir.path().join(format!("{}-wal", Store::FILE_NAME))).unwrap_or_default();
    assert!(
        contains(&[raw, wal].concat(), NOTE),
        "the old file is plaintext"
    );
    assert_eq!(Store::protection(dir.path()).unwrap(), None);

    let mut store = common::open(dir.path()).unwrap();
    assert_eq!(store.changes_since(&[]), saved, "the same document");
    drop(store);
    assert_eq!(
        Store::protection(dir.path()).unwrap(),
        Some(Protection::Key)
    );
    for (name, bytes) in raw_files(dir.path()) {
        for word in [NOTE, NAME, PHONE_E164, PLAN, TITLE] {
            assert!(!contains(&bytes, word), "{name} still holds {word:?}");
        }
    }
    let conn = Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    drop(conn);
    // Sealed under the key it was first opened with: another key is now wrong.
    assert!(matches!(
        Store::open(dir.path(), &StoreKey::from_bytes(&[9; 32]).unwrap()),
        Err(Error::WrongKey)
    ));
    let store = common::open(dir.path()).unwrap();
    assert_eq!(store.contacts().unwrap()[0].name, NAME);
    assert_eq!(
        store
            .checkin(day("2025-06-01"))
            .unwrap()
            .unwrap()
            .note
            .as_deref(),
        Some(NOTE)
    );
}
