//! Crash safety: a child process records check-ins in a loop and is killed (SIGKILL) at random
//! moments, many times. After every kill the store opens, and every check-in the child
//! reported as saved is there.
//!
//! The child is this test binary itself, re-run with an environment variable that turns
//! `crash_child` from a no-op into the writing loop.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{Days, NaiveDate};
use companion_core::CheckInEdit;

mod common;

const CHILD_STORE: &str = "COMPANION_CRASH_CHILD_STORE";
const CHILD_START: &str = "COMPANION_CRASH_CHILD_START";
const KILLS: usize = 40;

fn day(i: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(i)
}

/// The writing loop; does nothing unless run as the child.
#[test]
fn crash_child() {
    let (Ok(dir), Ok(start)) = (std::env::var(CHILD_STORE), std::env::var(CHILD_START)) else {
        return;
    };
    let start: u64 = start.parse().unwrap();
    let mut store = common::open(&dir).unwrap();
    let mut out = std::io::stdout().lock();
    for i in start..start + 5000 {
        let edit = CheckInEdit {
            mood: Some((i % 10 + 1) as u8),
            note: Some(format!("entry {i}")),
            emotions: Some(vec!["calm".into()]),
            ..Default::default()
        };
        store.record_checkin(day(i), &edit).unwrap();
        // Only now, after the store said it is saved, does the parent learn of it.
        writeln!(out, "saved {i}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn killed_at_random_moments_loses_nothing_it_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut saved = BTreeSet::new();
    let mut next = 0u64;
    for _ in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_STORE, dir.path())
            .env(CHILD_START, next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()))
                .collect::<Vec<_>>()
        });
        // A random moment: sometimes during start-up, mostly mid-loop (and mid-compaction).
        std::thread::sleep(Duration::from_millis(rand::random_range(0..120)));
        child.kill().unwrap();
        child.wait().unwrap();
        let reported = reader.join().unwrap();
        if let Some(last) = reported.last() {
            next = last + 1;
        }
        saved.extend(reported);

        let store = common::open(dir.path()).expect("the store opens after a kill");
        let present: BTreeSet<u64> = store
            .checkins(None, None)
            .unwrap()
            .iter()
            .map(|c| (c.date - day(0)).num_days() as u64)
            .collect();
        let lost: Vec<_> = saved.difference(&present).collect();
        assert!(lost.is_empty(), "reported saved but missing: {lost:?}");
        for c in store.checkins(None, None).unwrap() {
            let i = (c.date - day(0)).num_days();
            assert_eq!(c.note, Some(format!("entry {i}")));
        }
    }
    assert!(!saved.is_empty(), "the child never saved anything");
}
