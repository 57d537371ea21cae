//! A store that cannot be opened: starting over deletes the store's files and nothing else,
//! and is refused while the store is open elsewhere.

use companion_core::{Error, Store, StoreKey};

mod common;

#[test]
fn a_store_whose_key_is_lost_can_be_discarded_and_begun_again() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("store");
    {
        let mut s = common::open(&store_dir).unwrap();
        s.add_contact(&companion_core::ContactFields {
            name: Some("Ana".into()),
            ..Default::default()
        })
        .unwrap();
    }
    std::fs::write(store_dir.join("draft.txt"), b"the shell's own").unwrap();
    // The key is gone: another key does not open it, and nothing changes.
    let other = StoreKey::from_bytes(&[9; 32]).unwrap();
    assert!(matches!(
        Store::open(&store_dir, &other),
        Err(Error::WrongKey)
    ));

    let report = Store::discard(&store_dir, &[]).unwrap();
    assert!(report.files_removed.contains(&Store::FILE_NAME.to_owned()));
    assert!(!Store::exists(&store_dir));
    // What is not the store's stays.
    assert!(store_dir.join("draft.txt").is_file());
    // Begun again under the new key: an empty store.
    let fresh = Store::open(&store_dir, &other).unwrap();
    assert!(fresh.contacts().unwrap().is_empty());
}

#[test]
fn a_damaged_file_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(Store::FILE_NAME), b"not a database at all").unwrap();
    assert!(common::open(dir.path()).is_err());
    Store::discard(dir.path(), &[]).unwrap();
    assert!(!Store::exists(dir.path()));
}

#[test]
fn discarding_a_store_open_elsewhere_is_refused_and_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let open = common::open(dir.path()).unwrap();
    assert!(matches!(
        Store::discard(dir.path(), &[]),
        Err(Error::Storage(_))
    ));
    assert!(Store::exists(dir.path()));
    drop(open);
    assert!(common::open(dir.path()).is_ok());
    assert!(matches!(
        Store::discard(dir.path().join("missing"), &[]),
        Err(Error::InvalidInput { .. })
    ));
}
