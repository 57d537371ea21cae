//! Sessions, occurrences, preferences and the today view through the public API.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use companion_core::{
    Error, OccurrenceChange, OccurrenceStatus, PreferencesEdit, Recurrence, SessionFields,
    SessionKind, Store,
};

mod common;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

/// Process group, Mondays and Wednesdays 09:00 in Chicago.
fn group() -> SessionFields {
    SessionFields {
        title: Some("Process group".into()),
        kind: Some(SessionKind::ProcessGroup),
        location: Some("Room 2".into()),
        start: Some(at(2026, 10, 26, 9, 0)), // a Monday
        time_zone: Some("America/Chicago".into()),
        duration_minutes: Some(180),
        recurrence: Some(Some(Recurrence::weekly(&[Weekday::Wed, Weekday::Mon]))),
        ..Default::default()
    }
}

#[test]
fn a_series_keeps_its_wall_clock_time_across_daylight_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store.add_session(&group()).unwrap();
    assert_eq!(
        s.recurrence.as_ref().unwrap().weekdays,
        [Weekday::Mon, Weekday::Wed]
    );
    // Chicago leaves daylight time on 2026-11-01.
    let from = Utc.with_ymd_and_hms(2026, 10, 26, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2026, 11, 5, 0, 0, 0).unwrap();
    let occ = store.occurrences(from, to).unwrap();
    let starts: Vec<_> = occ.iter().map(|o| o.start).collect();
    assert_eq!(
        starts,
        [
            Utc.with_ymd_and_hms(2026, 10, 26, 14, 0, 0).unwrap(), // CDT, UTC-5
            Utc.with_ymd_and_hms(2026, 10, 28, 14, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 2, 15, 0, 0).unwrap(), // CST, UTC-6
            Utc.with_ymd_and_hms(2026, 11, 4, 15, 0, 0).unwrap(),
        ]
    );
    assert!(
        occ.iter()
            .all(|o| o.local_start.time() == NaiveTime::from_hms_opt(9, 0, 0).unwrap())
    );
    assert!(occ.iter().all(|o| (o.end - o.start).num_minutes() == 180));

    // A participant in New York sees 10:00 for the Chicago group.
    let today = store
        .today(
            Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap(),
            "America/New_York",
        )
        .unwrap();
    assert_eq!(today.date, d(2026, 11, 2));
    assert_eq!(today.sessions.len(), 1);
    let local = today.sessions[0]
        .start
        .with_timezone(&chrono_tz::America::New_York);
    assert_eq!(local.format("%H:%M").to_string(), "10:00");
}

#[test]
fn cancel_move_and_restore_occurrences() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store.add_session(&group()).unwrap();
    store.cancel_occurrence(&s.id, d(2026, 11, 2)).unwrap();
    let moved = store
        .move_occurrence(&s.id, d(2026, 11, 4), at(2026, 11, 5, 13, 0), Some(90))
        .unwrap();
    assert_eq!(
        moved.changes.get(&d(2026, 11, 4)),
        Some(&OccurrenceChange::Moved {
            start: at(2026, 11, 5, 13, 0),
            duration_minutes: 90
        })
    );
    let week = |store: &Store| {
        store
            .occurrences(
                Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2026, 11, 7, 0, 0, 0).unwrap(),
            )
            .unwrap()
    };
    let occ = week(&store);
    let summary: Vec<_> = occ
        .iter()
        .map(|o| (o.series_date, o.local_start, o.status))
        .collect();
    assert_eq!(
        summary,
        [
            (
                d(2026, 11, 2),
                at(2026, 11, 2, 9, 0),
                OccurrenceStatus::Cancelled
            ),
            (
                d(2026, 11, 4),
                at(2026, 11, 5, 13, 0),
                OccurrenceStatus::Moved
            ),
        ]
    );
    assert_eq!((occ[1].end - occ[1].start).num_minutes(), 90);

    store.restore_occurrence(&s.id, d(2026, 11, 2)).unwrap();
    drop(store);
    let store = common::open(dir.path()).unwrap();
    let occ = week(&store);
    assert_eq!(occ[0].status, OccurrenceStatus::Scheduled);
    assert_eq!(occ.len(), 2);
}

#[test]
fn edits_change_only_what_they_set_and_removal_removes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store.add_session(&group()).unwrap();
    let e = store
        .edit_session(
            &s.id,
            &SessionFields {
                location: Some(String::new()),
                video_link: Some("https://video.example.org/room".into()),
                reminder_leads: Some(Some(vec![15, 60, 15])),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(e.location, None);
    assert_eq!(e.reminder_leads, Some(vec![60, 15]));
    assert_eq!(e.title, "Process group");
    let one_off = store
        .edit_session(
            &s.id,
            &SessionFields {
                recurrence: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(one_off.recurrence, None);
    assert_eq!(store.session(&s.id).unwrap(), one_off);
    store.remove_session(&s.id).unwrap();
    assert!(store.sessions().unwrap().is_empty());
}

#[test]
fn bad_sessions_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store.add_session(&group()).unwrap();
    let heads = store.heads();

    let zone = SessionFields {
        time_zone: Some("America/Chicag".into()),
        ..group()
    };
    assert!(matches!(
        store.add_session(&zone),
        Err(Error::UnknownTimeZone(_))
    ));
    assert!(matches!(
        store.edit_session(&s.id, &zone),
        Err(Error::UnknownTimeZone(_))
    ));
    let mut wrong_day = Recurrence::weekly(&[Weekday::Tue]);
    wrong_day.count = Some(3);
    let invalid = [
        SessionFields {
            title: Some(" ".into()),
            ..group()
        },
        SessionFields {
            duration_minutes: Some(0),
            ..group()
        },
        SessionFields {
            recurrence: Some(Some(wrong_day)),
            ..group()
        },
        SessionFields {
            video_link: Some("javascript:alert(1)".into()),
            ..group()
        },
        SessionFields {
            reminder_leads: Some(Some(vec![1, 2, 3, 4, 5])),
            ..group()
        },
        SessionFields {
            start: Some(at(1990, 1, 1, 9, 0)),
            ..group()
        },
    ];
    for fields in &invalid {
        assert!(matches!(
            store.add_session(fields),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            store.edit_session(&s.id, fields),
            Err(Error::InvalidInput { .. })
        ));
    }
    assert!(store.add_session(&SessionFields::default()).is_err());
    assert!(matches!(
        store.cancel_occurrence(&s.id, d(2026, 10, 27)), // a Tuesday
        Err(Error::NoSuchOccurrence { .. })
    ));
    assert!(matches!(
        store.cancel_occurrence(&s.id, d(2026, 10, 19)), // before the first
        Err(Error::NoSuchOccurrence { .. })
    ));
    assert!(matches!(
        store.move_occurrence(&s.id, d(2026, 10, 28), at(2026, 10, 29, 9, 0), Some(0)),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        store.cancel_occurrence("nope", d(2026, 10, 26)),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.remove_session("nope"),
        Err(Error::NotFound { .. })
    ));
    assert!(
        store
            .occurrences(
                Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap()
            )
            .is_err()
    );
    assert!(matches!(
        store.today(Utc::now(), "Nowhere/City"),
        Err(Error::UnknownTimeZone(_))
    ));
    assert_eq!(store.heads(), heads);
    assert_eq!(store.sessions().unwrap(), vec![s]);
}

#[test]
fn preferences_default_and_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let p = store.preferences().unwrap();
    assert!(p.discreet_notifications);
    assert_eq!(p.checkin_reminder, NaiveTime::from_hms_opt(20, 0, 0));
    assert_eq!(p.default_reminder_leads, [60]);
    let p = store
        .edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(None),
            discreet_notifications: Some(false),
            region: Some(Some("us".into())),
            default_reminder_leads: Some(vec![30, 120]),
        })
        .unwrap();
    assert_eq!(p.checkin_reminder, None);
    assert_eq!(p.default_reminder_leads, [120, 30]);
    assert!(
        store
            .edit_preferences(&PreferencesEdit {
                default_reminder_leads: Some(vec![20_000]),
                ..Default::default()
            })
            .is_err()
    );
    drop(store);
    let store = common::open(dir.path()).unwrap();
    assert!(!store.preferences().unwrap().discreet_notifications);
    assert_eq!(
        store.preferences().unwrap().region.map(|r| r.to_string()),
        Some("US".to_owned())
    );
}

#[test]
fn today_shows_sessions_checkin_and_favourites() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.add_session(&group()).unwrap();
    store
        .add_contact(&companion_core::ContactFields {
            name: Some("Sponsor".into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
    store
        .add_contact(&companion_core::ContactFields {
            name: Some("Other".into()),
            ..Default::default()
        })
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 4, 20, 0, 0).unwrap();
    let t = store.today(now, "America/Chicago").unwrap();
    assert_eq!(t.sessions.len(), 1);
    assert!(t.checkin.is_none());
    assert_eq!(t.favourites.len(), 1);
    store
        .record_checkin(
            t.date,
            &companion_core::CheckInEdit {
                mood: Some(7),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        store
            .today(now, "America/Chicago")
            .unwrap()
            .checkin
            .unwrap()
            .mood,
        7
    );
    // In Kolkata it is already the next day: a Thursday, no group.
    let t = store.today(now, "Asia/Kolkata").unwrap();
    assert_eq!(t.date, d(2026, 11, 5));
    assert!(t.sessions.is_empty());
}

#[test]
fn changes_of_dates_a_new_schedule_lacks_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store.add_session(&group()).unwrap();
    store.cancel_occurrence(&s.id, d(2026, 11, 2)).unwrap();
    store.cancel_occurrence(&s.id, d(2026, 10, 26)).unwrap();
    let one_off = store
        .edit_session(
            &s.id,
            &SessionFields {
                recurrence: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
    // The one-off keeps the cancellation of its own date only.
    assert_eq!(
        one_off.changes.keys().collect::<Vec<_>>(),
        [&d(2026, 10, 26)]
    );
    let series = store.edit_session(&s.id, &group()).unwrap();
    assert_eq!(series.changes.len(), 1);
    assert_eq!(store.session(&s.id).unwrap(), series);
}

#[test]
fn windows_at_the_edges_of_time_are_refused_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.add_session(&group()).unwrap();
    let min = chrono::DateTime::<Utc>::MIN_UTC;
    let max = chrono::DateTime::<Utc>::MAX_UTC;
    assert!(store.occurrences(min, min).is_err());
    assert!(store.occurrences(max, max).is_err());
    for s in store.sessions().unwrap() {
        assert!(s.occurrences(min, min).is_empty());
        assert!(s.occurrences(max, max).is_empty());
    }
    assert!(store.today(max, "Pacific/Kiritimati").is_err());
    assert!(store.today(min, "America/Chicago").is_err());
    assert!(store.occurrences_on(NaiveDate::MAX, "UTC").is_err());
    assert!(store.occurrences_on(NaiveDate::MIN, "UTC").is_err());
}

/// A phone set to a custom zone reports a fixed offset, not an IANA name: whole hours are read
/// as the offset's Etc zone, so "today" is still right; anything else is a clear error.
#[test]
fn a_fixed_offset_zone_from_a_phone_still_tells_today() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 22, 20, 30, 0)
        .unwrap();
    let ahead = store.today(now, "GMT+05:00").unwrap();
    assert_eq!(ahead.date.to_string(), "2026-11-23");
    assert_eq!(ahead.time_zone, "Etc/GMT-5");
    let behind = store.today(now, "UTC-3").unwrap();
    assert_eq!(behind.date.to_string(), "2026-11-22");
    assert!(matches!(
        store.today(now, "GMT+05:30"),
        Err(companion_core::Error::UnknownTimeZone(_))
    ));
}
