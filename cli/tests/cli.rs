//! Runs the real `companion` binary against a throw-away store.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use chrono::{Datelike, Days, NaiveDate};
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

fn date(v: &Value) -> NaiveDate {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .expect("a date")
}

fn weekday_code(d: NaiveDate) -> &'static str {
    ["mo", "tu", "we", "th", "fr", "sa", "su"][d.weekday().num_days_from_monday() as usize]
}

#[test]
fn full_flow() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");

    // Check-ins: record, update one field, list.
    let c = json(
        store,
        &[
            "checkin",
            "--date",
            "2026-01-05",
            "--mood",
            "7",
            "--craving",
            "2",
            "--sleep",
            "7.5",
            "--emotion",
            "Calm",
            "--emotion",
            "hopeful",
            "--not-used",
            "--note",
            "a good day",
            "--json",
        ],
    );
    assert_eq!(c["mood"], 7);
    assert_eq!(c["emotions"], serde_json::json!(["calm", "hopeful"]));
    assert_eq!(c["used_today"], false);
    let human = ok(
        store,
        &["checkin", "--date", "2026-01-05", "--craving", "4"],
    );
    assert!(
        human.contains("mood 7/10") && human.contains("craving 4/10"),
        "{human}"
    );
    ok(store, &["checkin", "--mood", "5"]);

    let today = json(store, &["today", "--json"]);
    let d = date(&today["date"]);
    assert_eq!(today["time_zone"], ZONE);
    assert_eq!(today["checkin"]["mood"], 5);

    let list = json(store, &["checkins", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["date"], "2026-01-05");
    assert_eq!(list[0]["mood"], 7);
    assert_eq!(list[0]["craving"], 4);
    assert_eq!(list[0]["note"], "a good day");
    assert_eq!(date(&list[1]["date"]), d);
    let range = json(
        store,
        &[
            "checkins",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--json",
        ],
    );
    assert_eq!(range.as_array().unwrap().len(), 1);
    assert!(ok(store, &["checkins"]).contains("2026-01-05"));

    // Contacts: add, edit, list, remove.
    let ana = json(
        store,
        &[
            "contact",
            "add",
            "--name",
            "Ana",
            "--role",
            "sponsor",
            "--phone",
            "+1 312 555 0100",
            "--favourite",
            "--json",
        ],
    );
    let ana_id = ana["id"].as_str().unwrap().to_owned();
    assert_eq!(ana["favourite"], true);
    let bo = json(store, &["contact", "add", "--name", "Bo", "--json"]);
    let bo_id = bo["id"].as_str().unwrap().to_owned();
    assert_eq!(bo["role"], "other");
    let bo = json(
        store,
        &[
            "contact",
            "edit",
            &bo_id,
            "--email",
            "bo@example.org",
            "--role",
            "peer",
            "--json",
        ],
    );
    assert_eq!(bo["email"], "bo@example.org");
    assert_eq!(bo["name"], "Bo");
    let contacts = json(store, &["contacts", "--json"]);
    assert_eq!(contacts.as_array().unwrap().len(), 2);
    assert_eq!(contacts[0]["id"], ana_id.as_str(), "favourites come first");
    assert!(ok(store, &["contacts"]).contains(&bo_id));
    ok(store, &["contact", "remove", &bo_id]);
    let contacts = json(store, &["contacts", "--json"]);
    assert_eq!(contacts.as_array().unwrap().len(), 1);

    // A weekly series that meets today, in another zone than the participant's.
    let other = d + Days::new(2);
    let days = format!("{},{}", weekday_code(d), weekday_code(other));
    let start = format!("{d}T09:00");
    let s = json(
        store,
        &[
            "session",
            "add",
            "--title",
            "Process group",
            "--start",
            &start,
            "--tz",
            "America/New_York",
            "--kind",
            "process group",
            "--duration",
            "90",
            "--weekdays",
            &days,
            "--leads",
            "15,60",
            "--json",
        ],
    );
    let sid = s["id"].as_str().unwrap().to_owned();
    assert_eq!(s["kind"], "process-group");
    assert_eq!(s["time_zone"], "America/New_York");
    assert_eq!(s["reminder_leads"], serde_json::json!([60, 15]));
    assert_eq!(s["recurrence"]["interval_weeks"], 1);
    let sessions = json(store, &["sessions", "--json"]);
    assert_eq!(sessions.as_array().unwrap().len(), 1);
    assert_eq!(sessions[0]["id"], sid.as_str());

    let today = json(store, &["today", "--json"]);
    assert_eq!(today["favourites"][0]["id"], ana_id.as_str());
    let sessions_today = today["sessions"].as_array().unwrap();
    assert_eq!(sessions_today.len(), 1);
    assert_eq!(sessions_today[0]["status"], "scheduled");
    let human = ok(store, &["today"]);
    assert!(
        human.contains("08:00") && human.contains("(09:00 America/New_York)"),
        "{human}"
    );
    assert!(human.contains("+13125550100"), "{human}");

    // Cancel, move and restore occurrences.
    let err = fails(store, &["session", "cancel", &sid], 1);
    assert!(err.contains("--date"), "{err}");
    ok(
        store,
        &["session", "cancel", &sid, "--date", &d.to_string()],
    );
    let today = json(store, &["today", "--json"]);
    assert_eq!(today["sessions"][0]["status"], "cancelled");
    assert!(ok(store, &["today"]).contains("CANCELLED"));

    let next = d + Days::new(7);
    let to = format!("{}T11:30", next + Days::new(1));
    let moved = json(
        store,
        &[
            "session",
            "move",
            &sid,
            "--date",
            &next.to_string(),
            "--to",
            &to,
            "--duration",
            "45",
            "--json",
        ],
    );
    let change = &moved["changes"][next.to_string()];
    assert_eq!(change["status"], "moved");
    assert_eq!(change["duration_minutes"], 45);
    let occ = json(
        store,
        &[
            "occurrences",
            "--from",
            &d.to_string(),
            "--days",
            "14",
            "--json",
        ],
    );
    let occ = occ.as_array().unwrap();
    assert!(
        occ.iter()
            .any(|o| o["status"] == "moved" && o["series_date"] == next.to_string())
    );
    assert!(occ.iter().any(|o| o["status"] == "cancelled"));

    ok(
        store,
        &["session", "restore", &sid, "--date", &d.to_string()],
    );
    let today = json(store, &["today", "--json"]);
    assert_eq!(today["sessions"][0]["status"], "scheduled");

    // Editing: the rule keeps what is not given; --one-off and --default-leads reset.
    let s = json(store, &["session", "edit", &sid, "--count", "6", "--json"]);
    assert_eq!(s["recurrence"]["count"], 6);
    assert_eq!(s["title"], "Process group");
    let s = json(
        store,
        &[
            "session",
            "edit",
            &sid,
            "--one-off",
            "--default-leads",
            "--json",
        ],
    );
    assert!(s["recurrence"].is_null());
    assert!(s["reminder_leads"].is_null());
    // A one-off is cancelled on its own date without --date.
    let s = json(store, &["session", "cancel", &sid, "--json"]);
    assert_eq!(s["changes"][d.to_string()]["status"], "cancelled");
    ok(store, &["session", "remove", &sid]);
    assert_eq!(json(store, &["sessions", "--json"]), serde_json::json!([]));

    // Preferences.
    let p = json(store, &["prefs", "--json"]);
    assert_eq!(p["discreet_notifications"], true);
    let p = json(
        store,
        &[
            "prefs",
            "--checkin-time",
            "21:30",
            "--discreet",
            "off",
            "--leads",
            "60,15",
            "--json",
        ],
    );
    assert_eq!(p["discreet_notifications"], false);
    assert_eq!(p["default_reminder_leads"], serde_json::json!([60, 15]));
    assert_eq!(json(store, &["prefs", "--json"]), p);
    let p = json(store, &["prefs", "--checkin-time", "off", "--json"]);
    assert!(p["checkin_reminder"].is_null());
    assert!(ok(store, &["prefs"]).contains("off"));
}

/// Everything a script can read back, to check a failed command changed nothing.
fn snapshot(store: &Path) -> Vec<Value> {
    ["checkins", "contacts", "sessions", "prefs"]
        .iter()
        .map(|c| json(store, &[c, "--json"]))
        .collect()
}

#[test]
fn bad_input_fails_cleanly_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    ok(
        store,
        &[
            "checkin",
            "--date",
            "2026-01-05",
            "--mood",
            "6",
            "--note",
            "private words",
        ],
    );
    let contact = json(
        store,
        &[
            "contact",
            "add",
            "--name",
            "Ana",
            "--phone",
            "312 555 0100",
            "--json",
        ],
    );
    let cid = contact["id"].as_str().unwrap().to_owned();
    let session = json(
        store,
        &[
            "session",
            "add",
            "--title",
            "Group",
            "--start",
            "2026-01-05T09:00",
            "--weekdays",
            "mo",
            "--json",
        ],
    );
    let sid = session["id"].as_str().unwrap().to_owned();
    let before = snapshot(store);

    let long_note = "x".repeat(4001);
    let usage: &[&[&str]] = &[
        &["checkin", "--date", "2026-01-05", "--mood", "300"],
        &["checkin", "--date", "2026-02-30", "--mood", "5"],
        &["checkin", "--used", "--not-used", "--mood", "5"],
        &["prefs", "--checkin-time", "25:00"],
        &["session", "add", "--title", "x", "--start", "tomorrow"],
        &["no-such-command"],
    ];
    for args in usage {
        fails(store, args, 2);
    }
    let core: &[&[&str]] = &[
        &["checkin", "--date", "2026-01-05", "--mood", "11"],
        &["checkin", "--date", "2026-01-05", "--mood", "0"],
        &["checkin", "--date", "2026-01-06", "--craving", "3"],
        &["checkin", "--date", "2026-01-05", "--emotion", "a;b"],
        &["checkin", "--date", "2026-01-05", "--sleep", "25"],
        &["checkin", "--date", "2026-01-05", "--note", &long_note],
        &["checkin", "--date", "2999-01-01", "--mood", "5"],
        &["checkins", "--from", "2026-02-01", "--to", "2026-01-01"],
        &["contact", "add", "--name", " "],
        &["contact", "add", "--name", "Bo", "--role", "boss"],
        &["contact", "edit", "no-such-id", "--name", "Bo"],
        &["contact", "edit", &cid, "--notes", &long_note],
        &["contact", "remove", "no-such-id"],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
            "--tz",
            "Mars/Olympus",
        ],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
            "--weekdays",
            "tu",
        ],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
            "--weekdays",
            "funday",
        ],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
            "--count",
            "3",
        ],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
            "--duration",
            "0",
        ],
        &["session", "edit", &sid, "--notes", &long_note],
        &["session", "cancel", "no-such-id", "--date", "2026-01-05"],
        &["session", "cancel", &sid],
        &["session", "cancel", &sid, "--date", "2026-01-06"],
        &[
            "session",
            "move",
            &sid,
            "--date",
            "2026-01-05",
            "--to",
            "1990-01-01T09:00",
        ],
        &["session", "restore", "no-such-id", "--date", "2026-01-05"],
        &["session", "remove", "no-such-id"],
        &["prefs", "--leads", "1,2,3,4,5"],
        &["occurrences", "--days", "4000"],
    ];
    for args in core {
        let err = fails(store, args, 1);
        assert!(!err.contains("xxxx"), "a note leaked into {err:?}");
    }
    // A stray word (an unquoted note or number) is not echoed either.
    let err = fails(store, &["checkin", "--note", "private", "SECRET"], 2);
    assert!(!err.contains("SECRET"), "{err}");
    let err = fails(
        store,
        &["contact", "add", "--name", "Bo", "--phone", "555", "4242"],
        2,
    );
    assert!(!err.contains("4242"), "{err}");
    // A phone number that is refused is not echoed.
    let err = fails(
        store,
        &["contact", "add", "--name", "Bo", "--phone", "555-SECRET-42"],
        1,
    );
    assert!(!err.contains("SECRET"), "{err}");
    // An unknown zone fails whatever needs it.
    for args in [
        &["today"][..],
        &["checkin", "--mood", "5"],
        &["occurrences"],
        &[
            "session",
            "add",
            "--title",
            "x",
            "--start",
            "2026-01-05T09:00",
        ],
    ] {
        let mut cmd = in_zone(store, "Mars/Olympus");
        cmd.args(args);
        let err = fails_with(cmd, 1);
        assert!(err.contains("time zone"), "{err}");
    }

    assert_eq!(snapshot(store), before);
}

#[test]
fn a_store_that_is_a_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"not a store").unwrap();
    fails(&file, &["contacts"], 1);
    assert_eq!(std::fs::read(&file).unwrap(), b"not a store");
}

#[test]
fn killed_processes_never_lose_a_reported_check_in() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut saved = Vec::new();
    for i in 0..60u64 {
        let day = (first + Days::new(i)).to_string();
        let mut child = companion(store)
            .args(["checkin", "--date", &day, "--mood", "5"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        std::thread::sleep(Duration::from_millis(rand::random_range(0..=40)));
        if child.try_wait().expect("wait works").is_none() {
            // SIGKILL: no destructor, no flush, no cleanup.
            let _ = child.kill();
        }
        let status = child.wait().expect("wait works");
        // Exit code 0 (not a signal) means the shell reported the check-in saved.
        if status.code() == Some(0) {
            saved.push(day);
        }
    }
    // The store still opens and takes writes.
    ok(store, &["checkin", "--date", "2024-06-01", "--mood", "5"]);
    let list = json(store, &["checkins", "--json"]);
    let stored: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["mood"], 5);
            c["date"].as_str().unwrap()
        })
        .collect();
    for day in &saved {
        assert!(
            stored.contains(&day.as_str()),
            "{day} was reported saved but is gone"
        );
    }
    assert!(stored.contains(&"2024-06-01"));
    eprintln!("{} of 60 finished before the kill", saved.len());
}

/// The first write creates the store; a kill at any moment of that must leave a store that
/// opens, even one killed between creating the schema and writing its actor id.
#[test]
fn a_kill_while_creating_the_store_leaves_a_store_that_opens() {
    let dir = TempDir::new().unwrap();
    for i in 0..100 {
        let store = &dir.path().join(format!("store-{i}"));
        let mut child = companion(store)
            .args(["checkin", "--date", "2024-01-01", "--mood", "5"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        std::thread::sleep(Duration::from_millis(rand::random_range(0..=15)));
        let _ = child.kill();
        let status = child.wait().expect("wait works");
        let list = json(store, &["checkins", "--json"]);
        if status.code() == Some(0) {
            assert_eq!(list[0]["date"], "2024-01-01");
        }
    }
}

/// Reminders as the phone shells will ask for them, a held set diffed, attendance marked.
#[test]
fn reminders_and_attendance() {
    let dir = TempDir::new().unwrap();
    let store = dir.path();
    let added = json(
        store,
        &[
            "session",
            "add",
            "--title",
            "Skills group",
            "--start",
            "2025-03-03T09:00",
            "--weekdays",
            "mo,we",
            "--leads",
            "60,15",
            "--json",
        ],
    );
    let id = added["id"].as_str().unwrap().to_owned();
    ok(
        store,
        &["prefs", "--checkin-time", "off", "--discreet", "off"],
    );

    // Chicago springs forward on 2025-03-09: Monday the 10th starts at 14:00 UTC, not 15:00.
    let plan = json(
        store,
        &[
            "reminders",
            "--now",
            "2025-03-06T00:00:00Z",
            "--horizon",
            "7",
            "--json",
        ],
    );
    let fires: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fire_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        fires,
        [
            "2025-03-10T13:00:00Z",
            "2025-03-10T13:45:00Z",
            "2025-03-12T13:00:00Z",
            "2025-03-12T13:45:00Z"
        ]
    );
    assert_eq!(plan[0]["content"]["title"], "Skills group");

    // The phone holds the first two and a stale one; Monday is then cancelled.
    let held = format!(
        "{},{},stale",
        plan[0]["id"].as_str().unwrap(),
        plan[1]["id"].as_str().unwrap()
    );
    ok(store, &["session", "cancel", &id, "--date", "2025-03-10"]);
    let diff = json(
        store,
        &[
            "reminders",
            "--now",
            "2025-03-06T00:00:00Z",
            "--horizon",
            "7",
            "--held",
            &held,
            "--json",
        ],
    );
    assert_eq!(diff["cancel"].as_array().unwrap().len(), 3);
    assert_eq!(diff["schedule"].as_array().unwrap().len(), 2);

    // Attendance of past occurrences only, for a weekly group that began two weeks ago.
    let first = chrono::Utc::now().date_naive() - Days::new(14);
    let code =
        ["mo", "tu", "we", "th", "fr", "sa", "su"][first.weekday().num_days_from_monday() as usize];
    let start = format!("{first}T00:30");
    let weekly = json(
        store,
        &[
            "session",
            "add",
            "--title",
            "Aftercare",
            "--start",
            &start,
            "--tz",
            "UTC",
            "--weekdays",
            code,
            "--json",
        ],
    );
    let wid = weekly["id"].as_str().unwrap().to_owned();
    let second = (first + Days::new(7)).to_string();
    ok(store, &["attend", &wid, "--date", &first.to_string()]);
    ok(store, &["miss", &wid, "--date", &second]);
    fails(
        store,
        &[
            "attend",
            &wid,
            "--date",
            &(first + Days::new(1)).to_string(),
        ],
        1,
    );
    fails(
        store,
        &[
            "attend",
            &wid,
            "--date",
            &(first + Days::new(28)).to_string(),
        ],
        1,
    );
    fails(store, &["attend", &id, "--date", "2025-03-04"], 1);
    fails(store, &["reminders", "--horizon", "0"], 1);
    fails(store, &["reminders", "--now", "yesterday"], 2);
    let list = json(store, &["attendance", "--days", "20", "--json"]);
    let marked: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["occurrence"]["session_id"] == wid.as_str())
        .map(|e| {
            (
                e["occurrence"]["series_date"].as_str().unwrap().to_owned(),
                e["attendance"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    // Most recent first; the two oldest are the two marked.
    assert!(marked.len() >= 2, "{marked:?}");
    assert_eq!(
        marked[marked.len() - 2..],
        [
            (second.clone(), "missed".to_owned()),
            (first.to_string(), "attended".to_owned())
        ]
    );
}

/// The schedule leaves as an iCalendar file and comes back the same; bad files change nothing.
#[test]
fn export_and_import_a_calendar() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    let files = TempDir::new().unwrap();
    ok(
        a.path(),
        &[
            "session",
            "add",
            "--title",
            "Process group",
            "--start",
            "2026-11-02T09:00",
            "--weekdays",
            "mo,we",
            "--count",
            "12",
            "--leads",
            "30",
        ],
    );
    let id = json(a.path(), &["sessions", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        a.path(),
        &["session", "cancel", &id, "--date", "2026-11-04"],
    );
    let ics = ok(a.path(), &["export"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("RRULE:FREQ=WEEKLY"));

    let file = files.path().join("schedule.ics");
    let said = ok(
        a.path(),
        &["export", "--format", "ics", "--out", file.to_str().unwrap()],
    );
    assert!(said.contains("not encrypted"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ics);

    let summary = json(b.path(), &["import", file.to_str().unwrap(), "--json"]);
    assert_eq!(summary["sessions_added"], 1);
    assert_eq!(
        json(a.path(), &["sessions", "--json"]),
        json(b.path(), &["sessions", "--json"])
    );
    let again = json(b.path(), &["import", file.to_str().unwrap(), "--json"]);
    assert_eq!(again["sessions_added"], 0);
    assert_eq!(again["sessions_unchanged"], 1);

    // Bad files: refused whole, nothing stored changes.
    let before = json(b.path(), &["sessions", "--json"]);
    let cut = files.path().join("cut.ics");
    std::fs::write(&cut, &ics[..ics.len() / 2]).unwrap();
    let binary = files.path().join("binary.ics");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x42]).unwrap();
    let monthly = files.path().join("monthly.ics");
    std::fs::write(&monthly, ics.replace("FREQ=WEEKLY", "FREQ=MONTHLY")).unwrap();
    for f in [&cut, &binary, &monthly, &files.path().join("missing.ics")] {
        fails(b.path(), &["import", f.to_str().unwrap()], 1);
    }
    fails(b.path(), &["export", "--format", "pdf"], 2);
    assert_eq!(json(b.path(), &["sessions", "--json"]), before);
}

#[test]
fn an_answer_recorded_by_mistake_can_be_taken_back() {
    let dir = TempDir::new().unwrap();
    let store = dir.path();
    let day = ["checkin", "--date", "2025-06-01"];
    ok(
        store,
        &[&day[..], &["--mood", "5", "--craving", "9", "--used"]].concat(),
    );
    let c = json(
        store,
        &[&day[..], &["--clear", "craving,used", "--json"]].concat(),
    );
    assert!(c["craving"].is_null() && c["used_today"].is_null(), "{c}");
    assert_eq!(c["mood"], 5);
    let err = fails(
        store,
        &[&day[..], &["--craving", "3", "--clear", "craving"]].concat(),
        1,
    );
    assert_eq!(
        err,
        "companion: invalid craving: cannot be set and cleared at once\n"
    );
    let err = fails(store, &[&day[..], &["--clear", "mood"]].concat(), 1);
    assert_eq!(
        err,
        "companion: invalid field to clear: must be craving, sleep or used\n"
    );
}
