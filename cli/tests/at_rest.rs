//! The store's key the terminal's way: a key file made with the store, or a passphrase.

use std::path::Path;

mod common;
use common::*;

const NOTE: &str = "NOTE-c41 the thing I told nobody";

fn raw_contains(dir: &Path, word: &str) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        bytes.windows(word.len()).any(|w| w == word.as_bytes())
    })
}

#[test]
fn a_key_file_is_made_with_the_store_and_needed_after() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    ok(&store, &["checkin", "--mood", "4", "--note", NOTE]);
    let key = store.join("store.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(!raw_contains(&store, NOTE));
    assert!(ok(&store, &["checkins"]).contains(NOTE));

    // Without its key file the store does not open, and says why.
    let moved = dir.path().join("elsewhere.key");
    std::fs::rename(&key, &moved).unwrap();
    let err = fails(&store, &["checkins"], 1);
    assert!(err.contains("store.key is missing"), "{err}");
    assert!(!store.join("store.key").exists(), "no new key was made");
    // Another file given with --key-file opens it.
    let moved = moved.to_str().unwrap();
    assert!(ok(&store, &["--key-file", moved, "checkins"]).contains(NOTE));
    // A key that is not this store's, or not a key at all.
    let other = dir.path().join("other.key");
    std::fs::write(&other, format!("{}\n", "Q".repeat(42) + "A=")).unwrap();
    let err = fails(
        &store,
        &["--key-file", other.to_str().unwrap(), "checkins"],
        1,
    );
    assert_eq!(
        err,
        "companion: the key does not open this data (a wrong key or code, or the data was altered)\n"
    );
    std::fs::write(&other, "not a key\n").unwrap();
    let err = fails(
        &store,
        &["--key-file", other.to_str().unwrap(), "checkins"],
        1,
    );
    assert!(err.contains("is not a key"), "{err}");
}

#[test]
fn a_passphrase_protects_a_store_instead() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "a long enough passphrase\n").unwrap();
    let p = pass.to_str().unwrap();
    ok(
        &store,
        &[
            "--passphrase-file",
            p,
            "checkin",
            "--mood",
            "6",
            "--note",
            NOTE,
        ],
    );
    assert!(!store.join("store.key").exists());
    assert!(!raw_contains(&store, NOTE));
    // Asked for it when it is missing; a wrong one is refused.
    let err = fails(&store, &["checkins"], 1);
    assert!(err.contains("no passphrase"), "{err}");
    std::fs::write(&pass, "a wrong but long passphrase\n").unwrap();
    let err = fails(&store, &["--passphrase-file", p, "checkins"], 1);
    assert!(err.contains("the key does not open this data"), "{err}");
    let out = companion(&store)
        .env("COMPANION_PASSPHRASE", "a long enough passphrase")
        .arg("checkins")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(NOTE));
    // A passphrase too short to protect anything.
    std::fs::write(&pass, "short\n").unwrap();
    let other = dir.path().join("t");
    let err = fails(&other, &["--passphrase-file", p, "checkins"], 1);
    assert_eq!(
        err,
        "companion: invalid passphrase: must be at least 10 characters long\n"
    );
    assert!(!other.exists());
}
