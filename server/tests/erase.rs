//! `Store::erase` against a real `companion-server`, on SQLite and on PostgreSQL: the server
//! really deletes the participant's rows before the device deletes its files, the other
//! devices' tokens stop working, and with the server down nothing is erased unless asked to
//! erase this device only.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use companion_core::{CheckInEdit, EraseOptions, Error, ServerErasure, Store};
use uuid::Uuid;

use crate::common::*;

on_both_backends!(
    erase_deletes_the_server_rows_then_every_local_file,
    erase_with_the_server_down_erases_nothing_unless_local_only,
);

/// Every store of these tests opens here.
fn open(dir: &Path) -> Store {
    open_store(dir).unwrap()
}

/// The participant's rows, table by table (the document's by its id, which is theirs).
const ROWS: [(&str, &str); 8] = [
    ("chunks", "doc_id"),
    ("snapshots", "doc_id"),
    ("docs", "doc_id"),
    ("devices", "participant_id"),
    ("links", "participant_id"),
    ("enrollments", "participant_id"),
    ("invitations", "participant_id"),
    ("participants", "participant_id"),
];

async fn rows(env: &Env, participant: Uuid) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for (table, column) in ROWS {
        out.push((table, env.count(table, column, participant).await));
    }
    out
}

fn checkin() -> CheckInEdit {
    CheckInEdit {
        mood: Some(6),
        note: Some("Told the group about Friday.".into()),
        ..Default::default()
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

async fn erase_deletes_the_server_rows_then_every_local_file(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let (code, participant) = env.invite(program).await;
    let base = server.url("");

    let phone_dir = env.dir.path().join("phone");
    let mut phone = open(&phone_dir);
    phone.enroll(&net(), &base, &code).await.unwrap();
    phone.record_checkin(day(), &checkin()).unwrap();
    phone.sync(&net()).await.unwrap();
    // A second device, and a link code still open.
    let link = phone.create_link(&net()).await.unwrap();
    let tablet_dir = env.dir.path().join("tablet");
    let mut tablet = open(&tablet_dir);
    tablet.redeem_link(&net(), &base, &link).await.unwrap();
    tablet.sync(&net()).await.unwrap();
    phone.create_link(&net()).await.unwrap();
    for (table, n) in rows(&env, participant).await {
        // No snapshot yet: the server asks for one after 64 chunks.
        if table != "snapshots" {
            assert!(n > 0, "{table} before");
        }
    }
    let program_file = format!("program-{program}.sqlite3");
    assert!(phone_dir.join(&program_file).exists());

    let report = phone.erase(&net(), EraseOptions::default()).await.unwrap();
    assert_eq!(report.server, ServerErasure::Erased);
    for name in [Store::FILE_NAME, program_file.as_str()] {
        assert!(
            report.files_removed.iter().any(|f| f == name),
            "{name}: {report:?}"
        );
    }
    assert!(report.directory_removed);
    assert!(!phone_dir.exists());
    for (table, n) in rows(&env, participant).await {
        assert_eq!(n, 0, "{table} after");
    }
    // The program is the program's, not the participant's.
    assert_eq!(env.count("programs", "program_id", program).await, 1);

    // The tablet can no longer sync; what it holds stays on it until it is erased too, which
    // the server no longer needs to do.
    assert!(matches!(tablet.sync(&net()).await, Err(Error::NotEnrolled)));
    assert_eq!(tablet.checkins(None, None).unwrap().len(), 1);
    let report = tablet.erase(&net(), EraseOptions::default()).await.unwrap();
    assert_eq!(report.server, ServerErasure::AlreadyGone);
    assert!(report.directory_removed);
    assert!(!tablet_dir.exists());
    // The server's log of it all holds no note and no token.
    let logs = env.logs();
    assert!(!logs.contains("Friday"));
}

async fn erase_with_the_server_down_erases_nothing_unless_local_only(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let (code, participant) = env.invite(program).await;
    let dir = env.dir.path().join("phone");
    let mut phone = open(&dir);
    phone.enroll(&net(), &server.url(""), &code).await.unwrap();
    phone.record_checkin(day(), &checkin()).unwrap();
    phone.sync(&net()).await.unwrap();
    let before = rows(&env, participant).await;
    let files = std::fs::read_dir(&dir).unwrap().count();

    // Another handle has the store open: refused before the server is asked.
    let other = open(&dir);
    let err = phone
        .erase(&net(), EraseOptions::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("open elsewhere"), "{err}");
    assert_eq!(rows(&env, participant).await, before);
    drop(other);

    // The server is down: nothing is erased, here or there.
    server.kill().await;
    let phone = open(&dir);
    let err = phone
        .erase(&net(), EraseOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(err.to_string().contains("nothing was erased"), "{err}");
    let phone = open(&dir);
    assert_eq!(phone.checkins(None, None).unwrap().len(), 1);
    assert!(phone.account().unwrap().is_some());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), files);

    // This device only, when asked: the report says the server's copy remains, and it does.
    let report = phone
        .erase(
            &net(),
            EraseOptions {
                local_only: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(report.server, ServerErasure::Kept);
    assert!(report.directory_removed);
    assert!(!dir.exists());
    let _server = env.start().await;
    assert_eq!(rows(&env, participant).await, before);
}
