//! The durable store itself: files, compaction, several handles, damaged and foreign files.

use chrono::{Days, NaiveDate};
use companion_core::{CheckInEdit, ContactFields, Error, Store};
use rusqlite::Connection;

mod common;

fn day(i: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(i)
}

fn mood(m: u8) -> CheckInEdit {
    CheckInEdit {
        mood: Some(m),
        ..Default::default()
    }
}

fn db(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join(Store::FILE_NAME)
}

fn actors(dir: &std::path::Path) -> usize {
    // What the file holds, read back through the key (the chunks are sealed).
    let saved = common::open(dir).unwrap().changes_since(&[]);
    let mut doc = automerge::AutoCommit::load(&saved).unwrap();
    let mut actors: Vec<_> = doc
        .get_changes(&[])
        .iter()
        .map(|c| c.actor_id().clone())
        .collect();
    actors.sort();
    actors.dedup();
    actors.len()
}

#[test]
fn one_actor_per_install_across_launches() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        let mut store = common::open(dir.path()).unwrap();
        store.record_checkin(day(i), &mood(5)).unwrap();
    }
    // The shared genesis actor plus this install's one actor.
    assert_eq!(actors(dir.path()), 2);
}

#[test]
fn compaction_keeps_everything_and_shrinks_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    for i in 0..300 {
        store
            .record_checkin(day(i), &mood((i % 10 + 1) as u8))
            .unwrap();
    }
    let stats = store.stats();
    assert!(stats.incremental_chunks <= 65, "{stats:?}");
    assert!(stats.snapshot_bytes > 0);
    let chunks: i64 = Connection::open(db(dir.path()))
        .unwrap()
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(chunks as u64, 1 + stats.incremental_chunks);
    drop(store);
    let mut store = common::open(dir.path()).unwrap();
    assert_eq!(store.checkins(None, None).unwrap().len(), 300);
    store.compact().unwrap();
    assert_eq!(store.stats().incremental_chunks, 0);
    // Compaction gives the freed pages back to the file system.
    let free: i64 = Connection::open(db(dir.path()))
        .unwrap()
        .pragma_query_value(None, "freelist_count", |r| r.get(0))
        .unwrap();
    assert_eq!(free, 0);
    drop(store);
    let store = common::open(dir.path()).unwrap();
    let all = store.checkins(None, None).unwrap();
    assert_eq!(all.len(), 300);
    assert_eq!(all[299].mood, (299 % 10 + 1) as u8);
}

/// Two handles on one file (the app and a widget, two terminal commands): each sees the
/// other's writes, and one compacting never drops what the other wrote.
#[test]
fn two_handles_on_one_file_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = common::open(dir.path()).unwrap();
    let mut b = common::open(dir.path()).unwrap();
    for i in 0..200 {
        let (writer, other) = if i % 3 == 0 {
            (&mut b, &mut a)
        } else {
            (&mut a, &mut b)
        };
        writer.record_checkin(day(i), &mood(5)).unwrap();
        if i % 50 == 49 {
            other.compact().unwrap();
        }
    }
    let c = common::open(dir.path()).unwrap();
    assert_eq!(c.checkins(None, None).unwrap().len(), 200);
    // A handle that has not written since sees the others' work after its next write.
    a.record_checkin(day(500), &mood(1)).unwrap();
    assert_eq!(a.checkins(None, None).unwrap().len(), 201);
}

#[test]
fn a_damaged_file_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = common::open(dir.path()).unwrap();
        store.record_checkin(day(1), &mood(5)).unwrap();
    }
    // Scribble over the middle of the database file.
    let path = db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(dir.path().join(format!("{}-wal", Store::FILE_NAME)));
    for b in bytes.iter_mut().take(100) {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    match common::open(dir.path()) {
        Err(Error::Corrupted(_)) => {}
        Err(e) => panic!("expected Corrupted, got {e:?}"),
        Ok(_) => panic!("a damaged store opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn damaged_chunks_are_reported_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = common::open(dir.path()).unwrap();
        store.record_checkin(day(1), &mood(5)).unwrap();
    }
    let conn = Connection::open(db(dir.path())).unwrap();
    let before: i64 = conn
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "UPDATE chunks SET data = x'00112233' WHERE id = (SELECT max(id) FROM chunks)",
        [],
    )
    .unwrap();
    drop(conn);
    assert!(matches!(common::open(dir.path()), Err(Error::Corrupted(_))));
    let count: i64 = Connection::open(db(dir.path()))
        .unwrap()
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, before);
}

#[test]
fn foreign_files_and_newer_stores_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(db(dir.path())).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    drop(conn);
    assert!(matches!(
        common::open(dir.path()),
        Err(Error::ForeignDatabase(_))
    ));
    let n: i64 = Connection::open(db(dir.path()))
        .unwrap()
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        db(dir.path()),
        b"this is a text file, not a database at all......",
    )
    .unwrap();
    assert!(matches!(common::open(dir.path()), Err(Error::Corrupted(_))));

    let dir = tempfile::tempdir().unwrap();
    drop(common::open(dir.path()).unwrap());
    Connection::open(db(dir.path()))
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        common::open(dir.path()),
        Err(Error::NewerSchema { found: 99, .. })
    ));

    let file = tempfile::NamedTempFile::new().unwrap();
    assert!(matches!(
        common::open(file.path()),
        Err(Error::InvalidInput { .. })
    ));
}

#[cfg(unix)]
#[test]
fn a_new_store_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("a").join("store");
    drop(common::open(&store_dir).unwrap());
    let mode = std::fs::metadata(&store_dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn garbage_changes_from_another_device_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store
        .add_contact(&ContactFields {
            name: Some("Ana".into()),
            ..Default::default()
        })
        .unwrap();
    let heads = store.heads();
    let mut valid = store.changes_since(&[]);
    valid.truncate(valid.len() / 2);
    for garbage in [
        b"not automerge".to_vec(),
        valid,
        vec![0x85, 0x6f, 0x4a, 0x83],
    ] {
        assert!(matches!(
            store.merge_changes(&garbage),
            Err(Error::InvalidChanges(_))
        ));
    }
    assert!(!store.merge_changes(&[]).unwrap());
    assert_eq!(store.heads(), heads);
}

/// A process killed right after creating the schema, before its first record: the next
/// launch completes the store instead of refusing it.
#[test]
fn a_store_killed_during_creation_is_completed_on_next_open() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::open(dir.path()).unwrap());
    let conn = Connection::open(db(dir.path())).unwrap();
    conn.execute_batch("DELETE FROM meta; DELETE FROM chunks;")
        .unwrap();
    drop(conn);
    let mut store = common::open(dir.path()).unwrap();
    store.record_checkin(day(3), &mood(4)).unwrap();
    assert_eq!(store.checkins(None, None).unwrap().len(), 1);

    // Data without an actor id, though, is damage, not an unfinished creation.
    let conn = Connection::open(db(dir.path())).unwrap();
    conn.execute("DELETE FROM meta", []).unwrap();
    drop(conn);
    drop(store);
    assert!(matches!(common::open(dir.path()), Err(Error::Corrupted(_))));
}
