//! Records read once are kept until a document changes (`storage/cache.rs`): every way a
//! document can change must show in the next read, or a screen shows what is no longer so.

use chrono::NaiveDate;
use companion_core::{ContactFields, SessionFields, Store};

mod common;

fn session(title: &str) -> SessionFields {
    SessionFields {
        title: Some(title.into()),
        start: NaiveDate::from_ymd_opt(2026, 12, 7).and_then(|d| d.and_hms_opt(9, 0, 0)),
        time_zone: Some("America/Chicago".into()),
        duration_minutes: Some(90),
        ..Default::default()
    }
}

fn titles(store: &Store) -> Vec<String> {
    store
        .sessions()
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect()
}

fn names(store: &Store) -> Vec<String> {
    store
        .contacts()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

fn contact(name: &str) -> ContactFields {
    ContactFields {
        name: Some(name.into()),
        phone: Some("+1 312 555 0100".into()),
        ..Default::default()
    }
}

#[test]
fn an_edit_shows_in_the_next_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    assert!(titles(&store).is_empty());
    assert!(names(&store).is_empty());
    let s = store.add_session(&session("Process group")).unwrap();
    store.add_contact(&contact("Ana")).unwrap();
    assert_eq!(titles(&store), ["Process group"]);
    assert_eq!(names(&store), ["Ana"]);
    store
        .edit_session(
            &s.id,
            &SessionFields {
                title: Some("Skills group".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(titles(&store), ["Skills group"]);
    store.remove_session(&s.id).unwrap();
    assert!(titles(&store).is_empty());
}

#[test]
fn a_refused_edit_leaves_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.add_session(&session("Process group")).unwrap();
    assert_eq!(titles(&store), ["Process group"]);
    let mut bad = session("");
    bad.duration_minutes = Some(0);
    assert!(store.add_session(&bad).is_err());
    assert_eq!(titles(&store), ["Process group"]);
}

#[test]
fn changes_merged_from_another_device_show_in_the_next_read() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = common::open(da.path()).unwrap();
    let mut b = common::open(db.path()).unwrap();
    // A has read its (empty) lists: they are kept.
    assert!(titles(&a).is_empty());
    assert!(names(&a).is_empty());
    b.add_session(&session("Family session")).unwrap();
    b.add_contact(&contact("Sam")).unwrap();
    let bytes = b.changes_since(&a.heads());
    assert!(a.merge_changes(&bytes).unwrap());
    assert_eq!(titles(&a), ["Family session"]);
    assert_eq!(names(&a), ["Sam"]);
}

#[test]
fn another_handles_changes_show_once_this_one_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = common::open(dir.path()).unwrap();
    let mut second = common::open(dir.path()).unwrap();
    assert!(titles(&first).is_empty());
    second.add_session(&session("Aftercare")).unwrap();
    // Writing catches up with what the other handle appended first.
    first.add_contact(&contact("Ana")).unwrap();
    assert_eq!(titles(&first), ["Aftercare"]);
    assert_eq!(names(&first), ["Ana"]);
}
