//! The wrappers from Rust: conversions, error mapping and the listener, before any foreign
//! language is involved (the Kotlin tests call the same functions through the real library).

use std::sync::Arc;
use std::sync::Mutex;

use companion_ffi::{
    ChangeListener, CheckInInput, CompanionError, CompanionStore, DataChange, Timestamp,
};

/// Opens a store under a fixed key, as the apps do under theirs.
fn open(dir: &std::path::Path) -> Result<Arc<CompanionStore>, CompanionError> {
    CompanionStore::open(dir.to_string_lossy().into_owned(), vec![7; 32])
}

struct Recorder {
    seen: Mutex<Vec<DataChange>>,
    fail: bool,
}

impl ChangeListener for Recorder {
    fn on_change(&self, change: DataChange) -> Result<(), CompanionError> {
        self.seen.lock().unwrap().push(change);
        if self.fail {
            return Err(CompanionError::Callback("the app's listener threw".into()));
        }
        Ok(())
    }
}

#[test]
fn a_participant_flow_and_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: true,
    });
    let subscription = store.subscribe(recorder.clone());
    let saved = store
        .record_checkin(
            "2025-06-01".into(),
            CheckInInput {
                mood: Some(7),
                note: Some("a good day".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(saved.mood, 7);
    assert_eq!(
        recorder.seen.lock().unwrap().as_slice(),
        [DataChange::Local]
    );
    // The listener's failure is kept on its subscription; the check-in is saved regardless.
    assert!(subscription.last_error().unwrap().contains("threw"));
    assert_eq!(store.checkins(None, None).unwrap().len(), 1);

    for (date, mood) in [("2025-06-02", 11), ("06/02/2025", 5)] {
        let err = store
            .record_checkin(
                date.into(),
                CheckInInput {
                    mood: Some(mood),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert!(matches!(err, CompanionError::InvalidInput(_)), "{err:?}");
    }
    assert!(matches!(
        store.remove_contact("nope".into()),
        Err(CompanionError::NotFound(_))
    ));
    assert!(matches!(
        store.today(Timestamp(chrono::Utc::now()), "Mars/Base".into()),
        Err(CompanionError::UnknownTimeZone(_))
    ));
    subscription.cancel();
    store.delete_checkin("2025-06-01".into()).unwrap();
    assert_eq!(
        recorder.seen.lock().unwrap().len(),
        1,
        "cancelled: not told again"
    );
}

#[test]
fn a_damaged_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("companion.sqlite3"),
        b"not a database, just text....",
    )
    .unwrap();
    assert!(matches!(
        open(dir.path()),
        Err(CompanionError::StoreUnusable(_))
    ));
}

#[test]
fn crisis_lines_and_reach_out_cross_the_boundary() {
    use companion_ffi::{ActionType, ContactInput, CrisisLineSource, PreferencesInput, Role};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    store.set_device_region(Some("US".into())).unwrap();
    let lines = store.crisis_lines().unwrap();
    assert_eq!(lines[0].id, "crisis:us-988");
    assert_eq!(lines[0].source, CrisisLineSource::BuiltIn);
    assert_eq!(lines[0].actions[0].kind, ActionType::Call);
    assert!(matches!(
        store.set_device_region(Some("Mars".into())),
        Err(CompanionError::InvalidInput(_))
    ));
    assert!(matches!(
        store.remove_contact("crisis:us-988".into()),
        Err(CompanionError::ReadOnly(_))
    ));
    let sam = store
        .add_contact(ContactInput {
            name: Some("Sam".into()),
            role: Some(Role::Sponsor),
            phone: Some("(201) 555-0102".into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(sam.phone.as_deref(), Some("+12015550102"));
    let r = store.reach_out(Some("Hi".into())).unwrap();
    assert_eq!(r.favourites[0].actions[1].uri, "sms:+12015550102?body=Hi");
    let p = store
        .edit_preferences(PreferencesInput {
            region: Some("gb".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p.region.as_deref(), Some("GB"));
    assert_eq!(store.crisis_lines().unwrap()[0].name, "Samaritans");
    assert!(companion_ffi::suggested_reach_out_message().starts_with("Hi"));
}

#[test]
fn the_store_key_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let key = companion_ffi::generate_store_key().unwrap();
    assert_eq!(key.len(), 32);
    assert_ne!(key, companion_ffi::generate_store_key().unwrap());
    drop(CompanionStore::open(path.clone(), key.clone()).unwrap());
    assert!(matches!(
        CompanionStore::open(path.clone(), vec![1; 32]),
        Err(CompanionError::WrongKey(_))
    ));
    assert!(matches!(
        CompanionStore::open(path.clone(), vec![1; 16]),
        Err(CompanionError::InvalidInput(_))
    ));
    assert!(CompanionStore::open(path, key).is_ok());
}
