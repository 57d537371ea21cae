//! The reminder plan: exact instants at daylight-saving edges in several zones, a phone in
//! another zone than the program, year ends, changes after planning, and the diff.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use companion_core::{
    Attendance, CheckInEdit, Error, PreferencesEdit, Recurrence, ReminderContent, ReminderKind,
    SessionFields, Store, diff_reminders,
};

mod common;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
}

/// A store with no check-in reminder, so only session reminders are planned.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(None),
            ..Default::default()
        })
        .unwrap();
    (dir, store)
}

fn session(start: NaiveDateTime, zone: &str, leads: &[u32]) -> SessionFields {
    SessionFields {
        title: Some("Skills group".into()),
        start: Some(start),
        time_zone: Some(zone.into()),
        duration_minutes: Some(90),
        reminder_leads: Some(Some(leads.to_vec())),
        ..Default::default()
    }
}

fn fire_times(store: &Store, now: DateTime<Utc>, days: i64) -> Vec<DateTime<Utc>> {
    store
        .plan_reminders(now, "UTC", days, 500)
        .unwrap()
        .iter()
        .map(|r| r.fire_at)
        .collect()
}

/// One-off sessions at daylight-saving edges: (zone, local start, lead, expected UTC fire).
#[test]
fn daylight_saving_edges_in_four_zones() {
    let cases = [
        // Chicago springs forward 2026-03-08 02:00 -> 03:00: 02:30 is 03:30 CDT (RFC 5545).
        (
            "America/Chicago",
            at(2026, 3, 8, 2, 30),
            0,
            utc(2026, 3, 8, 8, 30),
        ),
        // A 09:00 session that day is CDT; a 12-hour lead crosses the change: 02:00 UTC.
        (
            "America/Chicago",
            at(2026, 3, 8, 9, 0),
            720,
            utc(2026, 3, 8, 2, 0),
        ),
        // Falls back 2026-11-01: 01:30 happens twice, the first (CDT) counts.
        (
            "America/Chicago",
            at(2026, 11, 1, 1, 30),
            15,
            utc(2026, 11, 1, 6, 15),
        ),
        // Berlin springs forward 2026-03-29 02:00 -> 03:00.
        (
            "Europe/Berlin",
            at(2026, 3, 29, 2, 15),
            0,
            utc(2026, 3, 29, 1, 15),
        ),
        // Berlin falls back 2026-10-25 03:00 -> 02:00: 02:30 first is CEST (UTC+2).
        (
            "Europe/Berlin",
            at(2026, 10, 25, 2, 30),
            60,
            utc(2026, 10, 24, 23, 30),
        ),
        // Sydney springs forward 2026-10-04 02:00 -> 03:00 (AEST+10 -> AEDT+11).
        (
            "Australia/Sydney",
            at(2026, 10, 4, 2, 30),
            0,
            utc(2026, 10, 3, 16, 30),
        ),
        // Sydney falls back 2026-04-05 03:00 -> 02:00: 02:30 first is AEDT (UTC+11).
        (
            "Australia/Sydney",
            at(2026, 4, 5, 2, 30),
            30,
            utc(2026, 4, 4, 15, 0),
        ),
        // Kolkata: no DST, a half-hour offset.
        (
            "Asia/Kolkata",
            at(2026, 3, 8, 9, 0),
            60,
            utc(2026, 3, 8, 2, 30),
        ),
    ];
    for (zone, start, lead, expected) in cases {
        let (_dir, mut store) = store();
        store.add_session(&session(start, zone, &[lead])).unwrap();
        let now = expected - Duration::days(3);
        assert_eq!(
            fire_times(&store, now, 10),
            [expected],
            "{zone} {start} lead {lead}"
        );
    }
}

/// A weekly series keeps its wall-clock time through a change: the instant moves by an hour.
#[test]
fn a_weekly_series_across_daylight_saving_changes() {
    for (zone, first, change_week) in [
        ("America/Chicago", at(2026, 10, 26, 9, 0), 1),
        ("Europe/Berlin", at(2026, 10, 19, 9, 0), 1),
        ("Australia/Sydney", at(2026, 9, 28, 9, 0), 1),
    ] {
        let (_dir, mut store) = store();
        let mut fields = session(first, zone, &[30]);
        fields.recurrence = Some(Some(Recurrence::weekly(&[Weekday::Mon])));
        store.add_session(&fields).unwrap();
        let times = fire_times(&store, first.and_utc() - Duration::days(2), 20);
        assert_eq!(times.len(), 3, "{zone}");
        let gap = times[change_week] - times[change_week - 1];
        let shift = if zone == "Australia/Sydney" { -1 } else { 1 };
        assert_eq!(gap, Duration::days(7) + Duration::hours(shift), "{zone}");
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        for t in times {
            let local = (t + Duration::minutes(30)).with_timezone(&tz);
            assert_eq!(
                local.time(),
                NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                "{zone}"
            );
        }
    }
}

/// The program is in Chicago, the phone in New York: the session reminder follows the
/// program's clock, the check-in reminder the participant's.
#[test]
fn phone_zone_differs_from_program_zone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store
        .add_session(&session(at(2025, 11, 24, 9, 0), "America/Chicago", &[60]))
        .unwrap();
    let now = utc(2025, 11, 24, 5, 0); // 00:00 in New York
    let plan = store
        .plan_reminders(now, "America/New_York", 1, 64)
        .unwrap();
    let summary: Vec<_> = plan.iter().map(|r| (r.kind, r.fire_at)).collect();
    assert_eq!(
        summary,
        [
            // 09:00 Chicago (CST) = 15:00 UTC; an hour before.
            (ReminderKind::Session, utc(2025, 11, 24, 14, 0)),
            // 20:00 New York = 01:00 UTC the next day.
            (ReminderKind::CheckIn, utc(2025, 11, 25, 1, 0)),
        ]
    );
    // Checking in cancels today's check-in reminder.
    store
        .record_checkin(
            d(2025, 11, 24),
            &CheckInEdit {
                mood: Some(6),
                ..Default::default()
            },
        )
        .unwrap();
    let plan2 = store
        .plan_reminders(now, "America/New_York", 2, 64)
        .unwrap();
    let checkins: Vec<_> = plan2
        .iter()
        .filter(|r| r.kind == ReminderKind::CheckIn)
        .map(|r| r.fire_at)
        .collect();
    assert_eq!(checkins, [utc(2025, 11, 26, 1, 0)]);
}

#[test]
fn a_series_across_the_new_year() {
    let (_dir, mut store) = store();
    let mut fields = session(at(2026, 12, 21, 18, 0), "Europe/Berlin", &[60]);
    let mut r = Recurrence::weekly(&[Weekday::Mon, Weekday::Thu]);
    r.until = Some(d(2027, 1, 8));
    fields.recurrence = Some(Some(r));
    store.add_session(&fields).unwrap();
    let times = fire_times(&store, utc(2026, 12, 20, 0, 0), 30);
    assert_eq!(
        times,
        [
            utc(2026, 12, 21, 16, 0),
            utc(2026, 12, 24, 16, 0),
            utc(2026, 12, 28, 16, 0),
            utc(2026, 12, 31, 16, 0),
            utc(2027, 1, 4, 16, 0),
            utc(2027, 1, 7, 16, 0),
        ]
    );
}

/// Planned, then cancelled, moved and renamed: the diff against what the phone holds says
/// exactly what to cancel and what to add.
#[test]
fn changes_after_planning_reach_the_phone_through_the_diff() {
    let (_dir, mut store) = store();
    let mut fields = session(at(2026, 11, 23, 9, 0), "America/Chicago", &[60, 15]);
    fields.recurrence = Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Wed])));
    let s = store.add_session(&fields).unwrap();
    let now = utc(2026, 11, 22, 12, 0);
    // Monday 23rd and Wednesday 25th, two reminders each; Monday 30th's fall after the week.
    let plan = store.plan_reminders(now, "UTC", 7, 64).unwrap();
    assert_eq!(plan.len(), 4);
    let held: Vec<String> = plan.iter().map(|r| r.id.clone()).collect();
    // The same plan again, and from a second handle: same ids.
    assert_eq!(store.plan_reminders(now, "UTC", 7, 64).unwrap(), plan);
    assert!(diff_reminders(&plan, &held).cancel.is_empty());

    store.cancel_occurrence(&s.id, d(2026, 11, 25)).unwrap();
    store
        .move_occurrence(&s.id, d(2026, 11, 23), at(2026, 11, 23, 13, 0), None)
        .unwrap();
    let diff = store.reminder_changes(now, "UTC", 7, 64, &held).unwrap();
    // Both reminders of the cancelled Wednesday and both of the moved Monday go.
    assert_eq!(diff.cancel.len(), 4);
    assert_eq!(diff.schedule.len(), 2);
    assert!(
        diff.schedule
            .iter()
            .all(|r| r.series_date == Some(d(2026, 11, 23)))
    );
    assert_eq!(diff.schedule[0].fire_at, utc(2026, 11, 23, 18, 0));

    // Discreet notifications (the default) name nothing; turned off, they name the session.
    assert!(plan.iter().all(|r| r.content == ReminderContent::Neutral));
    store
        .edit_preferences(&PreferencesEdit {
            discreet_notifications: Some(false),
            ..Default::default()
        })
        .unwrap();
    let named = store.plan_reminders(now, "UTC", 7, 64).unwrap();
    assert!(matches!(
        &named[0].content,
        ReminderContent::Session { title, .. } if title == "Skills group"
    ));
    // New content, new ids: the phone replaces every notification.
    let diff = diff_reminders(&named, &held);
    assert_eq!(diff.schedule.len(), named.len());
}

#[test]
fn plans_respect_the_limit_and_refuse_bad_arguments() {
    let (_dir, mut store) = store();
    let mut fields = session(at(2026, 11, 23, 9, 0), "America/Chicago", &[60, 15]);
    fields.recurrence = Some(Some(Recurrence::weekly(&[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ])));
    store.add_session(&fields).unwrap();
    let now = utc(2026, 11, 22, 12, 0);
    let plan = store.plan_reminders(now, "UTC", 60, 64).unwrap();
    assert_eq!(plan.len(), 64);
    let all = store.plan_reminders(now, "UTC", 60, 500).unwrap();
    assert_eq!(plan[..], all[..64]);
    assert!(matches!(
        store.plan_reminders(now, "Mars/Base", 7, 64),
        Err(Error::UnknownTimeZone(_))
    ));
    for (days, max) in [(0, 64), (61, 64), (7, 0), (7, 501)] {
        assert!(matches!(
            store.plan_reminders(now, "UTC", days, max),
            Err(Error::InvalidInput { .. })
        ));
    }
    assert!(
        store
            .plan_reminders(DateTime::<Utc>::MAX_UTC, "UTC", 7, 64)
            .is_err()
    );
}

#[test]
fn attendance_is_marked_listed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let mut fields = session(at(2026, 11, 2, 9, 0), "America/Chicago", &[60]);
    fields.recurrence = Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Wed])));
    let s = store.add_session(&fields).unwrap();
    store.cancel_occurrence(&s.id, d(2026, 11, 11)).unwrap();
    let now = utc(2026, 11, 16, 20, 0);
    store
        .mark_attendance(&s.id, d(2026, 11, 2), Attendance::Attended, now)
        .unwrap();
    store
        .mark_attendance(&s.id, d(2026, 11, 4), Attendance::Missed, now)
        .unwrap();
    store
        .mark_attendance(&s.id, d(2026, 11, 4), Attendance::Attended, now)
        .unwrap();
    let heads = store.heads();
    for (date, why) in [
        (d(2026, 11, 18), "future"),
        (d(2026, 11, 11), "cancelled"),
        (d(2026, 11, 3), "not an occurrence"),
    ] {
        assert!(
            store
                .mark_attendance(&s.id, date, Attendance::Attended, now)
                .is_err(),
            "{why}"
        );
    }
    assert!(matches!(
        store.mark_attendance("nope", d(2026, 11, 2), Attendance::Attended, now),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.heads(), heads);

    let list = store.attendance(now, 30).unwrap();
    let summary: Vec<_> = list
        .iter()
        .map(|e| (e.occurrence.series_date, e.attendance))
        .collect();
    assert_eq!(
        summary,
        [
            (d(2026, 11, 16), None),
            (d(2026, 11, 9), None),
            (d(2026, 11, 4), Some(Attendance::Attended)),
            (d(2026, 11, 2), Some(Attendance::Attended)),
        ]
    );
    store.clear_attendance(&s.id, d(2026, 11, 2)).unwrap();
    assert_eq!(store.attendance(now, 30).unwrap()[3].attendance, None);
    assert!(store.attendance(now, 0).is_err());
}

/// Found by the property test: a reminder firing exactly at the end of the window belongs to
/// the plan, even when its session starts exactly one lead after that end.
#[test]
fn a_reminder_at_the_very_end_of_the_window_is_planned() {
    let (_dir, mut store) = store();
    store
        .add_session(&session(
            at(2026, 1, 8, 10, 15),
            "America/New_York",
            &[1440],
        ))
        .unwrap();
    let end = utc(2026, 1, 7, 15, 15);
    let plan = store
        .plan_reminders(end - Duration::days(4), "UTC", 4, 10)
        .unwrap();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].fire_at, end);
}
