//! Backups on real store files: a backup restored into a fresh store is the same data (and
//! the same document); restoring merges; every bad file or passphrase is refused with nothing
//! changed; a backup of another participant is refused by an enrolled store.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use companion_core::{
    Attendance, CheckInEdit, ContactFields, ContactRole, Error, PreferencesEdit, Recurrence,
    SafetyItemFields, SafetySection, SessionFields, SessionKind, Store,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

const PASSPHRASE: &str = "correct horse battery staple";
const NOTE: &str = "Talked to Sam about the weekend.";
const NAME: &str = "Samantha Quill";

/// Every store of these tests opens here.
mod common;

fn open(dir: &Path) -> Store {
    common::open(dir).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn mood(m: u8) -> CheckInEdit {
    CheckInEdit {
        mood: Some(m),
        ..Default::default()
    }
}

/// A store with some of everything: check-ins, contacts, a session with attendance,
/// preferences and a safety plan that links a contact.
fn filled(dir: &Path) -> Store {
    let mut store = open(dir);
    store
        .record_checkin(
            day("2026-11-02"),
            &CheckInEdit {
                mood: Some(6),
                craving: Some(3),
                sleep_hours: Some(7.5),
                emotions: Some(vec!["hopeful".into(), "tired".into()]),
                used_today: Some(false),
                note: Some(NOTE.into()),
                clear: Vec::new(),
            },
        )
        .unwrap();
    store.record_checkin(day("2026-11-03"), &mood(4)).unwrap();
    let sam = store
        .add_contact(&ContactFields {
            name: Some(NAME.into()),
            role: Some(ContactRole::Sponsor),
            phone: Some("+1 312 555 0100".into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
    store
        .add_contact(&ContactFields {
            name: Some("Dr. Patel".into()),
            role: Some(ContactRole::Therapist),
            ..Default::default()
        })
        .unwrap();
    let group = store
        .add_session(&SessionFields {
            title: Some("Process group".into()),
            kind: Some(SessionKind::ProcessGroup),
            start: Some(at("2026-11-02T09:00")),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            recurrence: Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Wed]))),
            ..Default::default()
        })
        .unwrap();
    store
        .mark_attendance(
            &group.id,
            day("2026-11-02"),
            Attendance::Attended,
            Utc.with_ymd_and_hms(2026, 11, 3, 12, 0, 0).unwrap(),
        )
        .unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(NaiveTime::from_hms_opt(21, 30, 0)),
            discreet_notifications: Some(false),
            ..Default::default()
        })
        .unwrap();
    store
        .add_safety_item(
            SafetySection::WarningSigns,
            &SafetyItemFields {
                text: Some("Not sleeping".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_safety_item(
            SafetySection::PeopleToAsk,
            &SafetyItemFields {
                contact_id: Some(sam.id),
                ..Default::default()
            },
        )
        .unwrap();
    store
}

/// Everything a participant sees, for comparing two stores.
fn everything(store: &Store) -> String {
    let from = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 10, 0, 0, 0).unwrap();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        store.checkins(None, None).unwrap(),
        store.contacts().unwrap(),
        store.sessions().unwrap(),
        store.preferences().unwrap(),
        store.safety_plan().unwrap(),
        (
            store.attendance(now, 30).unwrap(),
            store.occurrences(from, now).unwrap()
        ),
    )
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_backup_restored_on_a_fresh_store_is_the_same_data_and_document() {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = filled(a_dir.path());
    let bytes = a.backup(PASSPHRASE).unwrap();
    // Encrypted: no note, name or phone number in the file.
    for secret in [NOTE, NAME, "5550100", "Process group"] {
        assert!(!contains(&bytes, secret.as_bytes()), "{secret}");
    }

    let mut b = open(b_dir.path());
    let summary = b.restore(&bytes, PASSPHRASE).unwrap();
    assert!(summary.changed);
    assert_eq!(summary.format_version, 1);
    assert_eq!(summary.app_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(summary.participant_id, None);
    assert!((Utc::now() - summary.created_at).num_minutes().abs() < 60);
    assert_eq!(summary.before, Default::default());
    assert_eq!(summary.after, a.record_counts().unwrap());
    assert_eq!(
        (
            summary.after.checkins,
            summary.after.contacts,
            summary.after.sessions,
            summary.after.safety_plan_items
        ),
        (2, 2, 1, 2)
    );

    assert_eq!(everything(&b), everything(&a));
    assert_eq!(b.heads(), a.heads());
    // And it stays so once reopened from the file.
    drop(b);
    let mut b = open(b_dir.path());
    assert_eq!(everything(&b), everything(&a));
    assert_eq!(b.heads(), a.heads());
    // The restored store writes as itself: its edits merge back into the original.
    b.record_checkin(day("2026-11-04"), &mood(8)).unwrap();
    a.merge_changes(&b.changes_since(&[])).unwrap();
    assert_eq!(a.checkins(None, None).unwrap().len(), 3);
}

#[test]
fn restoring_into_a_diverged_store_merges_both_sides() {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = filled(a_dir.path());
    let mut b = open(b_dir.path());
    b.restore(&a.backup(PASSPHRASE).unwrap(), PASSPHRASE)
        .unwrap();
    let sam = a.contacts().unwrap()[0].id.clone();

    // Both go on alone: new days on each, and the same contact and day edited on both.
    a.record_checkin(day("2026-11-05"), &mood(7)).unwrap();
    a.edit_contact(
        &sam,
        &ContactFields {
            phone: Some("+1 312 555 0199".into()),
            ..Default::default()
        },
    )
    .unwrap();
    a.record_checkin(
        day("2026-11-03"),
        &CheckInEdit {
            craving: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    b.record_checkin(day("2026-11-06"), &mood(5)).unwrap();
    b.edit_contact(
        &sam,
        &ContactFields {
            name: Some("Sam Q.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    b.add_contact(&ContactFields {
        name: Some("Jordan".into()),
        ..Default::default()
    })
    .unwrap();

    let before = b.record_counts().unwrap();
    let summary = b
        .restore(&a.backup(PASSPHRASE).unwrap(), PASSPHRASE)
        .unwrap();
    assert!(summary.changed);
    assert_eq!(summary.before, before);
    assert_eq!(summary.after.checkins, before.checkins + 1);
    assert_eq!(summary.after.contacts, 3);
    let dates: Vec<NaiveDate> = b
        .checkins(None, None)
        .unwrap()
        .iter()
        .map(|c| c.date)
        .collect();
    assert_eq!(
        dates,
        ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"].map(day)
    );
    // Field by field: B's mood and A's craving on the same day; B's name and A's phone.
    let third = b.checkin(day("2026-11-03")).unwrap().unwrap();
    assert_eq!((third.mood, third.craving), (4, Some(1)));
    let contact = b.contact(&sam).unwrap();
    assert_eq!(contact.name, "Sam Q.");
    assert_eq!(contact.phone.as_deref(), Some("+13125550199"));

    // A store with a history of its own (never shared) keeps it, and gains the backup's.
    let c_dir = tempfile::tempdir().unwrap();
    let mut c = open(c_dir.path());
    c.record_checkin(day("2026-11-02"), &mood(9)).unwrap();
    c.add_contact(&ContactFields {
        name: Some("Riley".into()),
        ..Default::default()
    })
    .unwrap();
    let summary = c
        .restore(&a.backup(PASSPHRASE).unwrap(), PASSPHRASE)
        .unwrap();
    assert!(summary.changed);
    assert_eq!(summary.after.contacts, 3);
    // The same day made on both merges into one check-in.
    assert_eq!(summary.after.checkins, 3);
    let names: Vec<String> = c.contacts().unwrap().into_iter().map(|c| c.name).collect();
    assert!(names.contains(&"Riley".to_owned()), "{names:?}");
}

#[test]
fn restoring_the_same_backup_twice_changes_nothing_the_second_time() {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = filled(a_dir.path());
    let bytes = a.backup(PASSPHRASE).unwrap();
    let mut b = open(b_dir.path());
    assert!(b.restore(&bytes, PASSPHRASE).unwrap().changed);
    let (heads, stats, data) = (b.heads(), b.stats(), everything(&b));
    let again = b.restore(&bytes, PASSPHRASE).unwrap();
    assert!(!again.changed);
    assert_eq!(again.before, again.after);
    assert_eq!(b.heads(), heads);
    assert_eq!(everything(&b), data);
    // Nothing was written either.
    assert_eq!(b.stats().incremental_chunks, stats.incremental_chunks);
    // Restoring a store's own backup into itself is the same no-op.
    let own = a.heads();
    assert!(!a.restore(&bytes, PASSPHRASE).unwrap().changed);
    assert_eq!(a.heads(), own);
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = filled(a_dir.path());
    let bytes = a.backup(PASSPHRASE).unwrap();
    let mut b = open(b_dir.path());
    b.record_checkin(day("2026-11-09"), &mood(2)).unwrap();
    let (heads, data) = (b.heads(), everything(&b));
    for wrong in [
        "correct horse battery stapler",
        "",
        "Correct horse battery staple",
    ] {
        assert!(
            matches!(b.restore(&bytes, wrong), Err(Error::WrongKey)),
            "{wrong:?}"
        );
        assert_eq!(b.heads(), heads);
        assert_eq!(everything(&b), data);
    }
    // Spaces around it and another Unicode form of the same words are the same passphrase.
    let accented = "caf\u{e9} au lait, s'il vous pla\u{ee}t";
    let bytes = a.backup(accented).unwrap();
    let decomposed = "  cafe\u{301} au lait, s'il vous plai\u{302}t\n";
    assert!(b.restore(&bytes, decomposed).unwrap().changed);
}

/// Each way a file can be wrong, and the words its refusal must use.
#[test]
fn cut_damaged_foreign_and_newer_files_are_refused_and_change_nothing() {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = filled(a_dir.path());
    let good = a.backup(PASSPHRASE).unwrap();
    let mut b = open(b_dir.path());
    b.record_checkin(day("2026-11-09"), &mood(2)).unwrap();
    let (heads, data) = (b.heads(), everything(&b));

    let mut cases: Vec<(String, Vec<u8>, &str)> = Vec::new();
    for n in [
        0,
        3,
        8,
        9,
        10,
        40,
        70,
        71,
        120,
        good.len() / 2,
        good.len() - 33,
        good.len() - 1,
    ] {
        let expect = if n == 0 {
            "not an IOP Companion backup"
        } else {
            "cut short"
        };
        cases.push((format!("first {n} bytes"), good[..n].to_vec(), expect));
    }
    for at in [
        0,
        5,
        8,
        9,
        10,
        12,
        30,
        50,
        65,
        70,
        80,
        good.len() / 2,
        good.len() - 40,
        good.len() - 1,
    ] {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        let expect = match at {
            0..=7 => "not an IOP Companion backup",
            8 => "newer version of the app",
            9 => "unknown format 0",
            63..=70 => "cut short|unexpected bytes",
            _ => "checksum does not match",
        };
        cases.push((format!("byte {at} flipped"), bad, expect));
    }
    let mut newer = good.clone();
    newer[8..10].copy_from_slice(&2u16.to_be_bytes());
    cases.push(("format 2".into(), newer, "newer version of the app"));
    let mut zero = good.clone();
    zero[8..10].copy_from_slice(&[0, 0]);
    cases.push(("format 0".into(), zero, "damaged"));
    cases.push((
        "trailing byte".into(),
        [good.clone(), vec![0]].concat(),
        "unexpected bytes at the end",
    ));
    cases.push((
        "SQLite file".into(),
        std::fs::read(a_dir.path().join(Store::FILE_NAME)).unwrap(),
        "not an IOP Companion backup",
    ));
    cases.push((
        "a text file".into(),
        b"IOPC backup, honest".to_vec(),
        "not an IOP Companion backup",
    ));
    // A file asking for a key derivation no phone can afford (checksum made to match).
    let mut greedy = good.clone();
    greedy[11..15].copy_from_slice(&(64 * 1024 * 1024u32).to_be_bytes());
    rechecksum(&mut greedy);
    cases.push(("greedy KDF".into(), greedy, "key derivation"));
    cases.push((
        "over 64 MiB".into(),
        vec![0; 64 * 1024 * 1024 + 1],
        "larger than 64 MiB",
    ));

    for (what, bytes, expect) in cases {
        let err = b.restore(&bytes, PASSPHRASE).unwrap_err();
        let Error::InvalidInput { field, reason } = &err else {
            panic!("{what}: {err:?}");
        };
        assert_eq!(*field, "backup", "{what}");
        assert!(
            expect.split('|').any(|e| reason.contains(e)),
            "{what}: {reason}"
        );
        assert!(reason.contains("othing was restored"), "{what}: {reason}");
        assert!(!reason.contains(PASSPHRASE), "{what}");
        assert_eq!(b.heads(), heads, "{what}");
    }
    assert_eq!(everything(&b), data);

    // Altered with the checksum made to match: the cipher still refuses it.
    let mut forged = good.clone();
    let middle = forged.len() / 2;
    forged[middle] ^= 0x80;
    rechecksum(&mut forged);
    assert!(matches!(
        b.restore(&forged, PASSPHRASE),
        Err(Error::WrongKey)
    ));
    // So does a header changed under the same checksum trick (it is the associated data).
    let mut header = good.clone();
    header[15..19].copy_from_slice(&2u32.to_be_bytes());
    rechecksum(&mut header);
    assert!(matches!(
        b.restore(&header, PASSPHRASE),
        Err(Error::WrongKey)
    ));
    assert_eq!(b.heads(), heads);
}

fn rechecksum(bytes: &mut [u8]) {
    let n = bytes.len() - 32;
    let sum = Sha256::digest(&bytes[..n]);
    bytes[n..].copy_from_slice(&sum);
}

#[test]
fn the_file_is_laid_out_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled(dir.path());
    let bytes = store.backup(PASSPHRASE).unwrap();
    assert_eq!(&bytes[..8], b"IOPCBKUP");
    assert_eq!(&bytes[8..10], &[0, 1]);
    assert_eq!(bytes[10], 1, "Argon2id");
    let u32_at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    assert_eq!((u32_at(11), u32_at(15), u32_at(19)), (64 * 1024, 3, 4));
    let sealed = u64::from_be_bytes(bytes[63..71].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), 71 + sealed + 32);
    let n = bytes.len() - 32;
    assert_eq!(Sha256::digest(&bytes[..n]).as_slice(), &bytes[n..]);
    // A fresh salt and nonce every time.
    let again = store.backup(PASSPHRASE).unwrap();
    assert_ne!(bytes[23..63], again[23..63]);
    // A weak passphrase is refused before anything is made; the message names the field.
    let err = store.backup("too short").unwrap_err().to_string();
    assert_eq!(
        err,
        "invalid passphrase: must be at least 10 characters long"
    );
}

/// A store enrolled as `participant` (the server's answer scripted: enough for
/// `Store::enroll` to record an account).
async fn enrolled(dir: &Path, participant: Uuid) -> Store {
    let mut store = open(dir);
    common::scripted::enrol(&mut store, "https://sync.example.org", participant).await;
    store
}

#[tokio::test]
async fn a_backup_of_another_participant_is_refused_by_an_enrolled_store() {
    let dirs: Vec<_> = (0..5).map(|_| tempfile::tempdir().unwrap()).collect();
    let (p, q) = (Uuid::new_v4(), Uuid::new_v4());
    let mut a = enrolled(dirs[0].path(), p).await;
    a.record_checkin(day("2026-11-02"), &mood(6)).unwrap();
    let of_p = a.backup(PASSPHRASE).unwrap();

    // Enrolled as someone else: refused, nothing changed.
    let mut other = enrolled(dirs[1].path(), q).await;
    let heads = other.heads();
    let err = other.restore(&of_p, PASSPHRASE).unwrap_err().to_string();
    assert_eq!(
        err,
        "invalid backup: belongs to another participant than the one this device is enrolled as; nothing was restored"
    );
    assert!(!err.contains(&p.to_string()) && !err.contains(&q.to_string()));
    assert_eq!(other.heads(), heads);
    assert_eq!(other.checkins(None, None).unwrap().len(), 0);

    // The same participant's other device, and a device not enrolled: accepted.
    let mut same = enrolled(dirs[2].path(), p).await;
    assert!(same.restore(&of_p, PASSPHRASE).unwrap().changed);
    let mut fresh = open(dirs[3].path());
    let summary = fresh.restore(&of_p, PASSPHRASE).unwrap();
    assert_eq!(summary.participant_id, Some(p.to_string()));
    // Restoring brings data, not the account: the fresh store is still not enrolled.
    assert_eq!(fresh.account().unwrap(), None);

    // A backup made before enrolment has no participant: accepted anywhere.
    let mut unenrolled = open(dirs[4].path());
    unenrolled
        .record_checkin(day("2026-11-07"), &mood(3))
        .unwrap();
    let bytes = unenrolled.backup(PASSPHRASE).unwrap();
    let summary = other.restore(&bytes, PASSPHRASE).unwrap();
    assert!(summary.changed && summary.participant_id.is_none());
}
