//! What every CLI test needs: the real `companion` binary on a throw-away store, with nothing
//! from the environment that changes its answers, and the checks on how a command succeeds
//! or fails. (Each test file uses some of these.)
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_companion");
pub const ZONE: &str = "America/Chicago";

/// The binary on `store` in [`ZONE`].
pub fn companion(store: &Path) -> Command {
    in_zone(store, ZONE)
}

/// The binary on `store` in `zone`. The store, zone, country (locale), editor and backup
/// passphrase come only from the test: the machine's locale would change how phone numbers are read.
pub fn in_zone(store: &Path, zone: &str) -> Command {
    let mut cmd = Command::new(BIN);
    for var in [
        "COMPANION_STORE",
        "COMPANION_TZ",
        "COMPANION_REGION",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "VISUAL",
        "COMPANION_PASSPHRASE",
        "COMPANION_KEY_FILE",
        "EDITOR",
        "COMPANION_BACKUP_PASSPHRASE",
    ] {
        cmd.env_remove(var);
    }
    cmd.arg("--store")
        .arg(store)
        .arg("--tz")
        .arg(zone)
        .stdin(Stdio::null());
    cmd
}

pub fn run(store: &Path, args: &[&str]) -> Output {
    companion(store)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A success: exit 0, nothing on stderr; returns stdout.
pub fn succeeded(what: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "{what:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{what:?} wrote to stderr");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(store: &Path, args: &[&str]) -> String {
    succeeded(args, run(store, args))
}

/// Runs a `--json` command and parses its output, which must be JSON only.
pub fn json(store: &Path, args: &[&str]) -> Value {
    let text = ok(store, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"))
}

/// A failure: exit `code`, nothing on stdout, one `companion: ` line on stderr; returns it.
pub fn failed(what: &[&str], out: Output, code: i32) -> String {
    assert_eq!(out.status.code(), Some(code), "{what:?}");
    assert!(
        out.stdout.is_empty(),
        "{what:?} printed to stdout on failure"
    );
    let err = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert!(err.starts_with("companion: "), "{what:?}: {err:?}");
    assert!(err.ends_with('\n'), "{what:?}: {err:?}");
    assert_eq!(err.lines().count(), 1, "{what:?}: {err:?}");
    err
}

/// Runs a command that must fail with `code`.
pub fn fails(store: &Path, args: &[&str], code: i32) -> String {
    failed(args, run(store, args), code)
}

/// Runs a prepared command that must fail with `code`.
pub fn fails_with(mut cmd: Command, code: i32) -> String {
    let out = cmd.output().expect("the binary runs");
    failed(&[&format!("{cmd:?}")], out, code)
}
