//! Every notification's words: discreet and named, both clock styles, the session's own clock
//! only when it reads differently, the neutral public version, and nothing personal beyond
//! what the participant chose to show.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use companion_core::{
    CheckInEdit, ClockStyle, ContactFields, Error, Notification, NotificationChannel,
    NotificationTarget, PlannedReminder, PreferencesEdit, Recurrence, ReminderContext,
    ReminderKind, ReminderPlatform, SessionFields, Store, reminder_notification,
    sync_stopped_notification,
};

mod common;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Monday 23 November 2026: 09:00 in Chicago is 15:00 UTC, 10:00 in New York.
fn monday_nine_chicago() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn now() -> DateTime<Utc> {
    utc(2026, 11, 22, 12, 0)
}

fn store_with(fields: SessionFields, discreet: bool) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.add_session(&fields).unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            discreet_notifications: Some(discreet),
            ..Default::default()
        })
        .unwrap();
    (dir, store)
}

fn group(location: Option<&str>, video: Option<&str>) -> SessionFields {
    SessionFields {
        title: Some("Process group".into()),
        start: Some(monday_nine_chicago()),
        time_zone: Some("America/Chicago".into()),
        duration_minutes: Some(90),
        location: location.map(Into::into),
        video_link: video.map(Into::into),
        notes: Some("talk about the relapse".into()),
        reminder_leads: Some(Some(vec![60])),
        ..Default::default()
    }
}

/// The first reminder of `kind`, worded for `zone` and `clock`.
fn first(store: &Store, kind: ReminderKind, zone: &str, clock: ClockStyle) -> Notification {
    let r: PlannedReminder = store
        .plan_reminders(now(), zone, 7, 64)
        .unwrap()
        .into_iter()
        .find(|r| r.kind == kind)
        .unwrap();
    reminder_notification(&r, zone, clock).unwrap()
}

const NY: &str = "America/New_York";
use ClockStyle::{TwelveHour, TwentyFourHour};

fn assert_public_is_neutral(n: &Notification) {
    assert_eq!(n.public_title, "Reminder");
    assert_eq!(n.public_body, "Unlock to see it");
    assert_eq!(n.thread, "reminders");
}

#[test]
fn discreet_reminders_say_nothing_but_the_time() {
    let (_dir, store) = store_with(group(Some("Room 2"), None), true);
    let s = first(&store, ReminderKind::Session, NY, TwentyFourHour);
    assert_eq!(s.title, "Reminder");
    assert_eq!(s.body, "You have an appointment at 10:00.");
    assert_eq!(s.channel, NotificationChannel::SessionReminders);
    assert_eq!(s.opens, NotificationTarget::Today);
    assert!(s.time_sensitive);
    assert_public_is_neutral(&s);
    let s12 = first(&store, ReminderKind::Session, NY, TwelveHour);
    assert_eq!(s12.body, "You have an appointment at 10:00 AM.");

    let c = first(&store, ReminderKind::CheckIn, NY, TwentyFourHour);
    assert_eq!(c.title, "Reminder");
    assert_eq!(c.body, "A reminder from Companion.");
    assert_eq!(c.channel, NotificationChannel::CheckInReminder);
    assert_eq!(c.opens, NotificationTarget::CheckIn);
    assert!(!c.time_sensitive);
    assert_public_is_neutral(&c);
}

#[test]
fn named_reminders_show_both_clocks_when_they_differ() {
    let (_dir, store) = store_with(group(Some("Room 2"), None), false);
    let s = first(&store, ReminderKind::Session, NY, TwentyFourHour);
    assert_eq!(s.title, "Process group");
    assert_eq!(s.body, "Starts at 10:00 (09:00 in Chicago) · Room 2");
    assert!(s.time_sensitive);
    assert_public_is_neutral(&s);
    let s12 = first(&store, ReminderKind::Session, NY, TwelveHour);
    assert_eq!(s12.body, "Starts at 10:00 AM (9:00 AM in Chicago) · Room 2");
    // In Chicago (or anywhere its wall clock reads the same), one clock.
    let here = first(
        &store,
        ReminderKind::Session,
        "America/Chicago",
        TwentyFourHour,
    );
    assert_eq!(here.body, "Starts at 09:00 · Room 2");
    let winnipeg = first(
        &store,
        ReminderKind::Session,
        "America/Winnipeg",
        TwelveHour,
    );
    assert_eq!(winnipeg.body, "Starts at 9:00 AM · Room 2");
    // A session in New York seen from Chicago: the city with a space.
    let mut fields = group(None, None);
    fields.time_zone = Some(NY.into());
    let (_d, ny) = store_with(fields, false);
    let s = first(
        &ny,
        ReminderKind::Session,
        "America/Chicago",
        TwentyFourHour,
    );
    assert_eq!(s.body, "Starts at 08:00 (09:00 in New York)");

    let c = first(&store, ReminderKind::CheckIn, NY, TwentyFourHour);
    assert_eq!(c.title, "Daily check-in");
    assert_eq!(c.body, "How are you today? It takes under a minute.");
    assert!(!c.time_sensitive);
    assert_public_is_neutral(&c);
}

#[test]
fn a_video_session_says_so_without_its_link() {
    let link = "https://meet.example.org/room-42";
    let (_dir, store) = store_with(group(None, Some(link)), false);
    let s = first(&store, ReminderKind::Session, NY, TwentyFourHour);
    assert_eq!(s.body, "Starts at 10:00 (09:00 in Chicago) · By video");
    let (_dir, both) = store_with(group(Some("Room 2"), Some(link)), false);
    let s = first(&both, ReminderKind::Session, NY, TwentyFourHour);
    assert_eq!(
        s.body,
        "Starts at 10:00 (09:00 in Chicago) · Room 2 · By video"
    );
}

#[test]
fn the_sync_stopped_status() {
    let n = sync_stopped_notification();
    assert_eq!(n.title, "Sync stopped");
    assert_eq!(
        n.body,
        "This phone no longer syncs. Open settings to enrol or link it again."
    );
    assert_eq!(n.public_title, "Reminder");
    assert_eq!(n.public_body, "Unlock to see it");
    assert_eq!(n.channel, NotificationChannel::Status);
    assert_eq!(n.opens, NotificationTarget::Settings);
    assert!(!n.time_sensitive);
    assert_eq!(n.thread, "status");
}

#[test]
fn a_bad_zone_is_refused() {
    let (_dir, store) = store_with(group(None, None), true);
    let r = store.plan_reminders(now(), NY, 7, 64).unwrap().remove(0);
    assert!(matches!(
        reminder_notification(&r, "Mars/Base", TwentyFourHour),
        Err(Error::UnknownTimeZone(_))
    ));
}

/// Notes, links, contacts and check-in answers never reach a notification; a session's title
/// and location only with discreet notifications off.
#[test]
fn nothing_personal_reaches_a_notification() {
    const SECRETS: [&str; 8] = [
        "talk about the relapse",
        "meet.example.org",
        "Dana Sponsor",
        "555",
        "sponsor notes",
        "felt cravings after work",
        "ashamed",
        "dana@example.org",
    ];
    for discreet in [true, false] {
        let mut fields = group(Some("Room 2"), Some("https://meet.example.org/room-42"));
        fields.recurrence = Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Thu])));
        let (_dir, mut store) = store_with(fields, discreet);
        store
            .add_contact(&ContactFields {
                name: Some("Dana Sponsor".into()),
                phone: Some("+1 312 555 0100".into()),
                email: Some("dana@example.org".into()),
                notes: Some("sponsor notes".into()),
                favourite: Some(true),
                ..Default::default()
            })
            .unwrap();
        store
            .record_checkin(
                now().date_naive() - Duration::days(1),
                &CheckInEdit {
                    mood: Some(3),
                    emotions: Some(vec!["ashamed".into()]),
                    note: Some("felt cravings after work".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        for platform in [ReminderPlatform::Ios, ReminderPlatform::Android] {
            let ctx = ReminderContext {
                now: now(),
                zone: NY.into(),
                platform,
                clock_style: TwelveHour,
                exact_alarms_allowed: true,
                os_cleared: false,
            };
            let changes = store.reminder_changes_for(&ctx, &[]).unwrap();
            assert!(!changes.schedule.is_empty());
            for r in &changes.schedule {
                let n = &r.notification;
                let all = [
                    &n.title,
                    &n.body,
                    &n.public_title,
                    &n.public_body,
                    &n.thread,
                ];
                for text in all {
                    for secret in SECRETS {
                        assert!(!text.contains(secret), "{secret:?} in {text:?}");
                    }
                    if discreet {
                        assert!(!text.contains("Process group") && !text.contains("Room 2"));
                    }
                }
                assert!(!n.public_title.contains("Process") && !n.public_body.contains("Room"));
            }
        }
    }
}
