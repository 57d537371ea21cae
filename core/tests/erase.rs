//! Erasing a store that is not enrolled, on real files: what goes, what stays, and when erase
//! refuses. (Erasing an enrolled store, with the server, is in server/tests/erase.rs.)

use std::path::Path;

use chrono::NaiveDate;
use companion_core::{CheckInEdit, EraseOptions, Error, ServerErasure, Store};

/// Every store of these tests opens here.
mod common;

use common::scripted::Scripted;

fn open(dir: &Path) -> Store {
    common::open(dir).unwrap()
}

fn with_a_checkin(dir: &Path) -> Store {
    let mut store = open(dir);
    store
        .record_checkin(
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            &CheckInEdit {
                mood: Some(6),
                note: Some("A private note.".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn erase_removes_every_file_of_the_store_and_its_directory() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("store");
    let store = with_a_checkin(&dir);
    // A shell's draft kept beside the store goes with it.
    std::fs::write(dir.join("safety-plan-edit.txt"), "draft").unwrap();
    assert!(Store::exists(&dir));

    let report = store
        .erase(
            &Scripted::offline(),
            EraseOptions {
                also_remove: vec!["safety-plan-edit.txt".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(report.server, ServerErasure::NotEnrolled);
    assert!(report.files_removed.contains(&Store::FILE_NAME.to_owned()));
    assert!(
        report
            .files_removed
            .contains(&"safety-plan-edit.txt".to_owned())
    );
    assert!(report.directory_removed);
    assert_eq!(report.entries_left, 0);
    assert!(!dir.exists());
    assert!(!Store::exists(&dir));
    assert!(names(parent.path()).is_empty());
}

#[tokio::test]
async fn what_is_not_the_stores_stays_with_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let store = with_a_checkin(dir.path());
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    std::fs::create_dir(dir.path().join("photos")).unwrap();

    let report = store
        .erase(&Scripted::offline(), EraseOptions::default())
        .await
        .unwrap();
    assert_eq!(report.files_removed, [Store::FILE_NAME]);
    assert!(!report.directory_removed);
    assert_eq!(report.entries_left, 2);
    assert_eq!(names(dir.path()), ["notes.txt", "photos"]);
}

#[tokio::test]
async fn erase_is_refused_while_another_handle_has_the_store_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = with_a_checkin(dir.path());
    let other = open(dir.path());
    let before = names(dir.path());

    let err = store
        .erase(&Scripted::offline(), EraseOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Storage(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("open elsewhere"), "{message}");
    assert!(message.contains("Nothing was erased"), "{message}");
    assert_eq!(names(dir.path()), before);
    assert_eq!(other.checkins(None, None).unwrap().len(), 1);

    // Once the other handle is closed, erase goes ahead.
    drop(other);
    let store = open(dir.path());
    assert_eq!(store.checkins(None, None).unwrap().len(), 1);
    let report = store
        .erase(&Scripted::offline(), EraseOptions::default())
        .await
        .unwrap();
    assert!(report.directory_removed);
}

#[tokio::test]
async fn file_names_that_are_not_plain_are_refused_before_anything_is_erased() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("store");
    std::fs::create_dir(&dir).unwrap();
    let outside = parent.path().join("keep.txt");
    std::fs::write(&outside, "keep").unwrap();
    for bad in ["../keep.txt", "", "..", "a/b", Store::FILE_NAME] {
        let store = with_a_checkin(&dir);
        let err = store
            .erase(
                &Scripted::offline(),
                EraseOptions {
                    also_remove: vec![bad.to_owned()],
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    field: "also_remove",
                    ..
                }
            ),
            "{bad:?}: {err:?}"
        );
    }
    assert!(outside.exists());
    assert_eq!(open(&dir).checkins(None, None).unwrap().len(), 1);
}
