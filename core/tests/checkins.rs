//! Check-ins through the public API on real SQLite files.

use chrono::{Duration, NaiveDate, Utc};
use companion_core::{CheckInEdit, CheckInField, Error, NOTE_MAX_BYTES};

mod common;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn mood(m: u8) -> CheckInEdit {
    CheckInEdit {
        mood: Some(m),
        ..Default::default()
    }
}

#[test]
fn record_update_and_list_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = common::open(dir.path()).unwrap();
        let c = store
            .record_checkin(
                d(2026, 11, 20),
                &CheckInEdit {
                    mood: Some(6),
                    craving: Some(3),
                    emotions: Some(vec!["Hopeful".into(), "  tired ".into()]),
                    sleep_hours: Some(7.5),
                    used_today: Some(false),
                    note: Some("Group helped today".into()),
                    clear: Vec::new(),
                },
            )
            .unwrap();
        assert_eq!(c.mood, 6);
        assert_eq!(c.emotions.iter().collect::<Vec<_>>(), ["hopeful", "tired"]);
        assert_eq!(c.sleep_hours, Some(7.5));
        // An update touches only what it sets.
        let c2 = store
            .record_checkin(
                d(2026, 11, 20),
                &CheckInEdit {
                    craving: Some(5),
                    emotions: Some(vec!["anxious".into()]),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!((c2.mood, c2.craving), (6, Some(5)));
        assert_eq!(c2.emotions.iter().collect::<Vec<_>>(), ["anxious"]);
        assert_eq!(c2.note.as_deref(), Some("Group helped today"));
        assert_eq!(c2.created_at, c.created_at);
        assert!(c2.updated_at >= c.updated_at);
        store.record_checkin(d(2026, 11, 21), &mood(4)).unwrap();
        store.record_checkin(d(2026, 11, 18), &mood(8)).unwrap();
    }
    let store = common::open(dir.path()).unwrap();
    let all = store.checkins(None, None).unwrap();
    let dates: Vec<_> = all.iter().map(|c| c.date).collect();
    assert_eq!(dates, [d(2026, 11, 18), d(2026, 11, 20), d(2026, 11, 21)]);
    let window = store
        .checkins(Some(d(2026, 11, 19)), Some(d(2026, 11, 20)))
        .unwrap();
    assert_eq!(window.len(), 1);
    assert_eq!(window[0].craving, Some(5));
    assert_eq!(store.checkin(d(2026, 11, 19)).unwrap(), None);
}

#[test]
fn an_empty_note_removes_it_and_a_check_in_can_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let mut edit = mood(5);
    edit.note = Some("x".into());
    store.record_checkin(d(2026, 1, 2), &edit).unwrap();
    let c = store
        .record_checkin(
            d(2026, 1, 2),
            &CheckInEdit {
                note: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(c.note, None);
    store.delete_checkin(d(2026, 1, 2)).unwrap();
    assert_eq!(store.checkin(d(2026, 1, 2)).unwrap(), None);
    assert!(matches!(
        store.delete_checkin(d(2026, 1, 2)),
        Err(Error::NotFound { .. })
    ));
}

/// Every bad input gets its own error and leaves the store exactly as it was.
#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.record_checkin(d(2026, 3, 1), &mood(5)).unwrap();
    let heads = store.heads();
    let before = store.checkins(None, None).unwrap();

    let secret = "my secret note";
    let long_note = format!("{secret} {}", "x".repeat(NOTE_MAX_BYTES));
    let cases: Vec<(NaiveDate, CheckInEdit, &str)> = vec![
        (d(2026, 3, 1), mood(0), "mood"),
        (d(2026, 3, 1), mood(11), "mood"),
        (
            d(2026, 3, 1),
            CheckInEdit {
                craving: Some(11),
                ..Default::default()
            },
            "craving",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                sleep_hours: Some(25.0),
                ..Default::default()
            },
            "sleep",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                sleep_hours: Some(f64::NAN),
                ..Default::default()
            },
            "sleep",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                note: Some(long_note),
                ..Default::default()
            },
            "note",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                emotions: Some(vec!["".into()]),
                ..Default::default()
            },
            "emotion",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                emotions: Some(vec!["<script>".into()]),
                ..Default::default()
            },
            "emotion",
        ),
        (
            d(2026, 3, 1),
            CheckInEdit {
                emotions: Some((0..17).map(|i| format!("e{i}")).collect()),
                ..Default::default()
            },
            "emotions",
        ),
        // A new day needs a mood.
        (
            d(2026, 3, 2),
            CheckInEdit {
                craving: Some(2),
                ..Default::default()
            },
            "mood",
        ),
        (
            (Utc::now() + Duration::days(3)).date_naive(),
            mood(5),
            "date",
        ),
        (d(1999, 12, 31), mood(5), "date"),
    ];
    for (date, edit, field) in cases {
        let err = store.record_checkin(date, &edit).unwrap_err();
        match &err {
            Error::InvalidInput { field: f, .. } => assert_eq!(*f, field, "{err}"),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
        assert!(!err.to_string().contains(secret));
    }
    assert_eq!(store.heads(), heads);
    assert_eq!(store.checkins(None, None).unwrap(), before);
    assert!(
        store
            .checkins(Some(d(2026, 2, 1)), Some(d(2026, 1, 1)))
            .is_err()
    );
    drop(store);
    let mut reopened = common::open(dir.path()).unwrap();
    assert_eq!(reopened.heads(), heads);
}

#[test]
fn answers_recorded_by_mistake_can_be_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let day = d(2026, 11, 20);
    store
        .record_checkin(
            day,
            &CheckInEdit {
                mood: Some(5),
                craving: Some(9),
                sleep_hours: Some(4.0),
                used_today: Some(false),
                note: Some("kept".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let c = store
        .record_checkin(
            day,
            &CheckInEdit {
                clear: vec![CheckInField::Craving, CheckInField::UsedToday],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((c.craving, c.used_today), (None, None));
    assert_eq!((c.mood, c.sleep_hours), (5, Some(4.0)));
    assert_eq!(c.note.as_deref(), Some("kept"));
    // Set and cleared at once is refused, and changes nothing.
    let before = store.heads();
    let err = store
        .record_checkin(
            day,
            &CheckInEdit {
                sleep_hours: Some(7.0),
                clear: vec![CheckInField::Sleep],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid sleep: cannot be set and cleared at once"
    );
    assert_eq!(store.heads(), before);
    drop(store);
    let c = common::open(dir.path())
        .unwrap()
        .checkin(day)
        .unwrap()
        .unwrap();
    assert_eq!((c.craving, c.sleep_hours), (None, Some(4.0)));
    assert!("nonsense".parse::<CheckInField>().is_err());
    assert_eq!(
        "used".parse::<CheckInField>().unwrap(),
        CheckInField::UsedToday
    );
}
