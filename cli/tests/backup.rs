//! `companion backup`, `restore` and `erase` through the real binary: the passphrase from a
//! file, the environment or a terminal (never an argument), private backup files, merged
//! restores, one-line refusals without personal values, and an erase that leaves no file.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

const PASSPHRASE: &str = "correct horse battery staple";
const NOTE: &str = "Slept badly after the call with Dana.";
const NAME: &str = "Dana Whitfield";

fn filled(store: &Path) {
    ok(
        store,
        &[
            "checkin",
            "--date",
            "2026-11-02",
            "--mood",
            "6",
            "--note",
            NOTE,
        ],
    );
    ok(store, &["checkin", "--date", "2026-11-03", "--mood", "4"]);
    ok(
        store,
        &[
            "contact",
            "add",
            "--name",
            NAME,
            "--phone",
            "+1 312 555 0100",
        ],
    );
    ok(
        store,
        &[
            "session",
            "add",
            "--title",
            "Process group",
            "--start",
            "2026-11-02T09:00",
            "--tz",
            "America/Chicago",
            "--weekdays",
            "mo,we",
        ],
    );
    ok(store, &["safety-plan", "add", "1", "Not sleeping"]);
    ok(store, &["prefs", "--checkin-time", "21:30"]);
}

/// Everything the participant sees, as JSON.
fn everything(store: &Path) -> Vec<Value> {
    [
        &["checkins", "--json"][..],
        &["contacts", "--json"],
        &["sessions", "--json"],
        &["safety-plan", "show", "--json"],
        &["prefs", "--json"],
    ]
    .iter()
    .map(|args| json(store, args))
    .collect()
}

fn passphrase_file(dir: &Path, text: &str) -> String {
    let path = dir.join("passphrase.txt");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The binary with the passphrase in the environment.
fn with_env(store: &Path, args: &[&str], passphrase: &str) -> Output {
    companion(store)
        .args(args)
        .env("COMPANION_BACKUP_PASSPHRASE", passphrase)
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn backup_then_restore_on_a_fresh_store_gives_the_same_data() {
    let dir = TempDir::new().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    filled(&a);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let file = out_dir.join("companion.backup");
    let file_arg = file.to_str().unwrap();

    // The passphrase from a file, with the line break an editor adds.
    let pf = passphrase_file(dir.path(), &format!("{PASSPHRASE}\n"));
    let said = ok(&a, &["backup", "--out", file_arg, "--passphrase-file", &pf]);
    assert!(said.contains("encrypted backup"), "{said}");
    assert!(said.contains("cannot be recovered"), "{said}");
    assert!(
        said.contains("2 check-ins, 1 contact, 1 session, 1 safety plan item"),
        "{said}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    assert_eq!(names(&out_dir), ["companion.backup"]);
    let bytes = std::fs::read(&file).unwrap();
    for plain in [NOTE, NAME, "Process group", "Not sleeping"] {
        assert!(
            !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
            "{plain}"
        );
    }

    // Restored into a fresh store, with the passphrase from the environment.
    let restored = succeeded(
        &["restore"],
        with_env(&b, &["restore", file_arg], PASSPHRASE),
    );
    assert!(restored.starts_with("Restored the backup"), "{restored}");
    assert!(restored.contains("Check-ins"), "{restored}");
    assert_eq!(everything(&b), everything(&a));

    // Again: nothing new, and the JSON says so.
    let again = with_env(&b, &["restore", file_arg, "--json"], PASSPHRASE);
    let summary: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(summary["changed"], false);
    assert_eq!(summary["before"], summary["after"]);
    assert_eq!(summary["after"]["checkins"], 2);
    assert_eq!(everything(&b), everything(&a));

    // Into a store with data of its own: merged, both kept.
    let c = dir.path().join("c");
    ok(&c, &["checkin", "--date", "2026-11-09", "--mood", "8"]);
    let said = ok(&c, &["restore", file_arg, "--passphrase-file", &pf]);
    assert!(said.contains("merged"), "{said}");
    assert_eq!(
        json(&c, &["checkins", "--json"]).as_array().unwrap().len(),
        3
    );
}

#[test]
fn refusals_are_one_line_and_name_no_personal_value() {
    let dir = TempDir::new().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    filled(&a);
    let file = dir.path().join("companion.backup");
    let file_arg = file.to_str().unwrap();
    let pf = passphrase_file(dir.path(), PASSPHRASE);
    ok(&a, &["backup", "--out", file_arg, "--passphrase-file", &pf]);
    ok(&b, &["checkin", "--date", "2026-11-09", "--mood", "8"]);
    let before = everything(&b);

    let clean = |err: &str| {
        for personal in [PASSPHRASE, "wrong passphrase here", NOTE, NAME, "Dana"] {
            assert!(!err.contains(personal), "{err}");
        }
    };
    // A wrong passphrase.
    let err = failed(
        &["restore"],
        with_env(&b, &["restore", file_arg], "wrong passphrase here"),
        1,
    );
    assert!(err.contains("does not open"), "{err}");
    clean(&err);
    // A damaged file, a file that is not a backup (but holds a note), a missing one.
    let mut damaged = std::fs::read(&file).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    let damaged_file = dir.path().join("damaged.backup");
    std::fs::write(&damaged_file, damaged).unwrap();
    let err = fails(
        &b,
        &[
            "restore",
            damaged_file.to_str().unwrap(),
            "--passphrase-file",
            &pf,
        ],
        1,
    );
    assert!(err.contains("damaged"), "{err}");
    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, NOTE).unwrap();
    let err = fails(
        &b,
        &[
            "restore",
            foreign.to_str().unwrap(),
            "--passphrase-file",
            &pf,
        ],
        1,
    );
    assert!(err.contains("not an IOP Companion backup"), "{err}");
    clean(&err);
    let missing = dir.path().join("missing.backup");
    fails(
        &b,
        &[
            "restore",
            missing.to_str().unwrap(),
            "--passphrase-file",
            &pf,
        ],
        1,
    );
    // No passphrase at all, without a terminal.
    let err = fails(&b, &["restore", file_arg], 1);
    assert!(err.contains("--passphrase-file"), "{err}");
    assert_eq!(everything(&b), before);

    // A weak passphrase: refused by its length, and no file is written.
    let weak = passphrase_file(dir.path(), "Dana 1234");
    let new_file = dir.path().join("new.backup");
    let err = fails(
        &a,
        &[
            "backup",
            "--out",
            new_file.to_str().unwrap(),
            "--passphrase-file",
            &weak,
        ],
        1,
    );
    assert_eq!(
        err,
        "companion: invalid passphrase: must be at least 10 characters long\n"
    );
    assert!(!new_file.exists());
    // There is no option that takes the passphrase itself.
    let out = run(&a, &["backup", "--out", "x", "--passphrase", PASSPHRASE]);
    assert_eq!(out.status.code(), Some(2));
    clean(&String::from_utf8_lossy(&out.stderr));
}

#[test]
fn erase_with_yes_leaves_no_file() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("store");
    filled(&store);
    // A draft of the safety plan kept from the editor goes too.
    std::fs::write(store.join("safety-plan-edit.txt"), "draft").unwrap();

    // Without --yes and without a terminal: refused, nothing erased.
    let err = fails(&store, &["erase"], 1);
    assert!(
        err.contains("--yes") && err.contains("Nothing was erased"),
        "{err}"
    );
    assert_eq!(
        json(&store, &["checkins", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let said = ok(&store, &["erase", "--yes"]);
    assert!(said.contains("not enrolled"), "{said}");
    assert!(said.contains("and the store directory"), "{said}");
    assert!(!store.exists());
    assert!(names(dir.path()).is_empty());

    // Nothing left to erase, and nothing is created to erase it.
    let said = ok(&store, &["erase", "--yes"]);
    assert!(said.starts_with("Nothing to erase"), "{said}");
    assert!(!store.exists());

    // The JSON report, with something that is not the store's left behind.
    filled(&store);
    std::fs::write(store.join("mine.txt"), "mine").unwrap();
    let report = json(&store, &["erase", "--yes", "--json"]);
    assert_eq!(report["server"], "not_enrolled");
    assert_eq!(report["directory_removed"], false);
    assert_eq!(report["entries_left"], 1);
    assert_eq!(names(&store), ["mine.txt"]);
}

/// At a terminal: the backup passphrase typed twice, an export confirmed, and erase confirmed
/// by typing "erase".
/// `script` gives the binary a terminal; without it (not every machine has util-linux) the
/// test says so and stops.
#[test]
fn at_a_terminal_the_passphrase_is_asked_twice_and_erase_is_confirmed() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to run the binary at a terminal");
        return;
    }
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("store");
    filled(&store);
    let at_terminal = |args: &str, typed: &str| {
        let line = format!("'{BIN}' --store '{}' --tz UTC {args}", store.display());
        let mut child = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env_remove("COMPANION_BACKUP_PASSPHRASE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(typed.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let file = dir.path().join("t.backup");
    let backup = format!("backup --out '{}'", file.display());

    let out = at_terminal(&backup, &format!("{PASSPHRASE}\n{PASSPHRASE}\n"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Backup passphrase:") && text.contains("Type it again:"));
    assert!(file.exists());
    std::fs::remove_file(&file).unwrap();
    let out = at_terminal(&backup, &format!("{PASSPHRASE}\n{PASSPHRASE}!\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the two passphrases differ"));
    assert!(!file.exists());

    // An export says it is not encrypted before writing, and writes only on "yes".
    let csv = dir.path().join("c.csv");
    let export = format!("export --format csv --out '{}'", csv.display());
    let out = at_terminal(&export, "no\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Exports are not encrypted"));
    assert!(!csv.exists());
    let out = at_terminal(&export, "yes\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(csv.exists());

    let out = at_terminal("erase", "no\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(store.join("companion.sqlite3").exists());
    let out = at_terminal("erase", "erase\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Type erase to go ahead"), "{text}");
    assert!(!store.exists());
}
