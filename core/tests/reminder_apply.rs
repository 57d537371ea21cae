//! The apply step against the real plan: what a platform cancels, schedules and holds, the
//! grace for late inexact alarms, exact and inexact alarms, reboots, zone changes (re-worded)
//! and the device-local record of what was handed over.
//!
//! The participant has a Chicago group on Mondays and Wednesdays at 09:00 (14:00 UTC in
//! June, reminded an hour before, at 13:00 UTC) in Room 2, and the check-in reminder at 20:00
//! on the phone's clock (New York: midnight UTC). Plans start on Sunday 1 June 2025.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use companion_core::{
    CheckInEdit, ClockStyle, Error, HeldReminder, INEXACT_GRACE_MINUTES, MAX_RECORDED_HELD,
    PreferencesEdit, Recurrence, ReminderChanges, ReminderContext, ReminderKind, ReminderPlatform,
    SessionFields, Store,
};

mod common;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const NEW_YORK: &str = "America/New_York";

fn sunday() -> DateTime<Utc> {
    utc(2025, 6, 1, 12, 0)
}

fn participant() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let s = store
        .add_session(&SessionFields {
            title: Some("Process group".into()),
            start: Some(day(2025, 6, 2).and_hms_opt(9, 0, 0).unwrap()),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            location: Some("Room 2".into()),
            recurrence: Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Wed]))),
            ..Default::default()
        })
        .unwrap();
    (dir, store, s.id)
}

fn android(now: DateTime<Utc>, exact: bool) -> ReminderContext {
    ReminderContext {
        now,
        zone: NEW_YORK.into(),
        platform: ReminderPlatform::Android,
        clock_style: ClockStyle::TwentyFourHour,
        exact_alarms_allowed: exact,
        os_cleared: false,
    }
}

/// What a platform does with the changes: hands them over, then records what it holds.
fn hand_over(store: &mut Store, ctx: &ReminderContext, c: &ReminderChanges) -> Vec<HeldReminder> {
    store
        .record_reminders_applied(ctx.now, &ctx.zone, ctx.clock_style, &c.held_after)
        .unwrap();
    c.held_after.clone()
}

fn fire_times(c: &ReminderChanges, kind: ReminderKind) -> Vec<DateTime<Utc>> {
    c.schedule
        .iter()
        .filter(|r| r.reminder.kind == kind)
        .map(|r| r.reminder.fire_at)
        .collect()
}

fn id_at(held: &[HeldReminder], at: DateTime<Utc>) -> String {
    held.iter().find(|h| h.fire_at == at).unwrap().id.clone()
}

#[test]
fn the_first_time_everything_is_scheduled_then_nothing_changes() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    assert!(first.cancel.is_empty() && first.done.is_empty() && !first.reworded);
    // Mondays and Wednesdays 2 June to 30 June: 9; 20:00 New York 1 to 30 June: 30.
    assert_eq!(fire_times(&first, ReminderKind::Session).len(), 9);
    assert_eq!(
        fire_times(&first, ReminderKind::CheckIn),
        (0..30)
            .map(|i| utc(2025, 6, 2, 0, 0) + Duration::days(i))
            .collect::<Vec<_>>()
    );
    assert!(first.schedule.iter().all(|r| r.exact));
    assert!(
        first
            .schedule
            .windows(2)
            .all(|w| w[0].reminder.fire_at <= w[1].reminder.fire_at)
    );
    let ids: Vec<_> = first
        .schedule
        .iter()
        .map(|r| r.reminder.id.clone())
        .collect();
    assert_eq!(
        first
            .held_after
            .iter()
            .map(|h| h.id.clone())
            .collect::<Vec<_>>(),
        ids
    );
    // Discreet by default.
    assert_eq!(first.schedule[0].notification.title, "Reminder");

    let held = hand_over(&mut store, &ctx, &first);
    let again = store.reminder_changes_for(&ctx, &held).unwrap();
    assert!(again.cancel.is_empty() && again.schedule.is_empty() && !again.reworded);
    assert_eq!(again.held_after, held);
}

/// The defect this fixes: an inexact alarm may fire up to an hour late; a re-apply in that
/// hour (a resume, a sync, another alarm) used to cancel it before it fired.
#[test]
fn a_late_inexact_alarm_is_left_to_fire() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), false);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    let monday_group = id_at(&held, utc(2025, 6, 2, 13, 0));
    let sunday_checkin = id_at(&held, utc(2025, 6, 2, 0, 0));

    // Monday 13:30 UTC: the group's 13:00 alarm may not have fired yet.
    let later = android(utc(2025, 6, 2, 13, 30), false);
    let c = store.reminder_changes_for(&later, &held).unwrap();
    assert!(!c.cancel.contains(&monday_group));
    assert!(c.schedule.iter().all(|r| r.reminder.id != monday_group));
    let kept = c.held_after.iter().find(|h| h.id == monday_group).unwrap();
    assert!(!kept.exact, "still held as it was handed over");
    // Sunday's check-in reminder (13.5 hours ago) was delivered or lost: done, not cancelled.
    assert_eq!(c.done, std::slice::from_ref(&sunday_checkin));
    assert!(!c.cancel.contains(&sunday_checkin));
    assert!(c.held_after.iter().all(|h| h.id != sunday_checkin));
    // The window moved on: what entered it is new, nothing is scheduled in the past.
    assert!(c.cancel.is_empty());
    assert!(c.schedule.iter().all(|r| r.reminder.fire_at > later.now));
    assert!(!c.schedule.is_empty());
}

#[test]
fn the_grace_ends_at_the_hour() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), false);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    let at = utc(2025, 6, 2, 13, 0);
    let group = id_at(&held, at);
    let grace = Duration::minutes(INEXACT_GRACE_MINUTES);

    let just_in = store
        .reminder_changes_for(&android(at + grace - Duration::seconds(1), false), &held)
        .unwrap();
    assert!(just_in.held_after.iter().any(|h| h.id == group));
    assert!(!just_in.done.contains(&group) && !just_in.cancel.contains(&group));

    let at_the_hour = store
        .reminder_changes_for(&android(at + grace, false), &held)
        .unwrap();
    assert!(at_the_hour.done.contains(&group));
    assert!(!at_the_hour.cancel.contains(&group));
    assert!(at_the_hour.held_after.iter().all(|h| h.id != group));
    assert!(at_the_hour.schedule.iter().all(|r| r.reminder.id != group));
}

#[test]
fn a_late_alarm_that_was_superseded_is_cancelled() {
    let (_dir, mut store, session) = participant();
    let ctx = android(sunday(), false);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);

    // 20:30 in New York: the 20:00 check-in reminder is late; the participant checks in.
    let evening = android(utc(2025, 6, 2, 0, 30), false);
    let checkin = id_at(&held, utc(2025, 6, 2, 0, 0));
    let before = store.reminder_changes_for(&evening, &held).unwrap();
    assert!(before.held_after.iter().any(|h| h.id == checkin));
    assert!(before.cancel.is_empty());
    store
        .record_checkin(
            day(2025, 6, 1),
            &CheckInEdit {
                mood: Some(6),
                ..Default::default()
            },
        )
        .unwrap();
    let c = store.reminder_changes_for(&evening, &held).unwrap();
    assert_eq!(c.cancel, std::slice::from_ref(&checkin));
    // Otherwise as before: what entered the window (2 July's) is added.
    assert_eq!(c.schedule, before.schedule);
    assert_eq!(c.done, before.done);
    assert_eq!(c.held_after.len(), before.held_after.len() - 1);

    // Monday 13:30 UTC: the group's late alarm; the occurrence is cancelled.
    let monday = android(utc(2025, 6, 2, 13, 30), false);
    let group = id_at(&held, utc(2025, 6, 2, 13, 0));
    store.cancel_occurrence(&session, day(2025, 6, 2)).unwrap();
    let c = store.reminder_changes_for(&monday, &held).unwrap();
    assert!(c.cancel.contains(&group));
    assert!(c.held_after.iter().all(|h| h.id != group));
}

#[test]
fn nothing_is_scheduled_in_the_past_even_after_a_reboot() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    let group = id_at(&held, utc(2025, 6, 2, 13, 0));
    for (minutes_late, cleared) in [(30, true), (120, true), (120, false)] {
        let mut later = android(
            utc(2025, 6, 2, 13, 0) + Duration::minutes(minutes_late),
            true,
        );
        later.os_cleared = cleared;
        let c = store.reminder_changes_for(&later, &held).unwrap();
        assert!(c.schedule.iter().all(|r| r.reminder.fire_at > later.now));
        assert!(c.schedule.iter().all(|r| r.reminder.id != group));
        assert!(
            c.held_after.iter().all(|h| h.id != group),
            "{minutes_late} {cleared}"
        );
        if cleared {
            // The OS holds nothing: nothing to cancel, nothing done, every future one again.
            assert!(c.cancel.is_empty() && c.done.is_empty());
            assert_eq!(c.schedule.len(), c.held_after.len());
        } else {
            assert!(c.done.contains(&group));
        }
    }
}

#[test]
fn alarms_held_the_other_way_are_replaced() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let exact = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &exact);
    // Revoked: every exact alarm is cancelled and scheduled again, inexact.
    let revoked = store
        .reminder_changes_for(&android(sunday(), false), &held)
        .unwrap();
    let mut ids: Vec<String> = held.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    assert_eq!(revoked.cancel, ids);
    assert_eq!(revoked.schedule.len(), held.len());
    assert!(revoked.schedule.iter().all(|r| !r.exact));
    assert!(revoked.held_after.iter().all(|h| !h.exact));
    // Granted again: back to exact.
    let granted = store
        .reminder_changes_for(&android(sunday(), true), &revoked.held_after)
        .unwrap();
    assert_eq!(granted.held_after, held);
    // iOS and the terminal always hold exact ones, whatever the flag says.
    let mut ios = android(sunday(), false);
    ios.platform = ReminderPlatform::Ios;
    let c = store.reminder_changes_for(&ios, &[]).unwrap();
    assert!(c.schedule.iter().all(|r| r.exact));
}

#[test]
fn a_zone_change_rewords_every_held_reminder() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    let wednesday_group = id_at(&held, utc(2025, 6, 4, 13, 0));

    // Tuesday, in Los Angeles (PDT): 20:00 there is 03:00 UTC.
    let mut la = android(utc(2025, 6, 3, 12, 0), true);
    la.zone = "America/Los_Angeles".into();
    let c = store.reminder_changes_for(&la, &held).unwrap();
    assert!(c.reworded);
    // The group keeps its id (its own zone), but is handed over again with new words.
    assert!(!c.cancel.contains(&wednesday_group));
    let again = c
        .schedule
        .iter()
        .find(|r| r.reminder.id == wednesday_group)
        .unwrap();
    // It starts at 14:00 UTC: 07:00 in Los Angeles.
    assert_eq!(again.notification.body, "You have an appointment at 07:00.");
    // Every planned reminder is in the schedule; the New York check-ins are gone.
    assert_eq!(c.schedule.len(), c.held_after.len());
    assert!(
        fire_times(&c, ReminderKind::CheckIn)
            .iter()
            .all(|t| t.format("%H:%M").to_string() == "03:00")
    );
    let held = hand_over(&mut store, &la, &c);
    let steady = store.reminder_changes_for(&la, &held).unwrap();
    assert!(!steady.reworded && steady.schedule.is_empty() && steady.cancel.is_empty());

    // Back in New York, without a change of plan: re-worded again.
    let mut ny = android(utc(2025, 6, 3, 12, 0), true);
    ny.zone = NEW_YORK.into();
    assert!(store.reminder_changes_for(&ny, &held).unwrap().reworded);
}

#[test]
fn switching_to_the_12_hour_clock_rewords_every_held_reminder() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    let wednesday_group = id_at(&held, utc(2025, 6, 4, 13, 0));
    let mut twelve = ctx.clone();
    twelve.clock_style = ClockStyle::TwelveHour;
    let c = store.reminder_changes_for(&twelve, &held).unwrap();
    assert!(c.reworded);
    assert!(c.cancel.is_empty(), "the same reminders, only new words");
    let again = c
        .schedule
        .iter()
        .find(|r| r.reminder.id == wednesday_group)
        .unwrap();
    assert_eq!(
        again.notification.body,
        "You have an appointment at 10:00 AM."
    );
    let held = hand_over(&mut store, &twelve, &c);
    assert!(!store.reminder_changes_for(&twelve, &held).unwrap().reworded);
}

#[test]
fn without_a_record_what_the_os_holds_is_reworded() {
    let (_dir, store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let c = store.reminder_changes_for(&ctx, &first.held_after).unwrap();
    assert!(c.reworded);
    assert_eq!(c.schedule.len(), first.schedule.len());
    assert!(c.cancel.is_empty());
}

#[test]
fn turning_discreet_notifications_off_replaces_every_reminder() {
    let (_dir, mut store, _) = participant();
    let ctx = android(sunday(), true);
    let first = store.reminder_changes_for(&ctx, &[]).unwrap();
    let held = hand_over(&mut store, &ctx, &first);
    store
        .edit_preferences(&PreferencesEdit {
            discreet_notifications: Some(false),
            ..Default::default()
        })
        .unwrap();
    let named = store.reminder_changes_for(&ctx, &held).unwrap();
    assert_eq!(named.cancel.len(), held.len());
    assert_eq!(named.schedule.len(), held.len());
    let group = named
        .schedule
        .iter()
        .find(|r| r.reminder.kind == ReminderKind::Session)
        .unwrap();
    assert_eq!(group.notification.title, "Process group");
    assert_eq!(
        group.notification.body,
        "Starts at 10:00 (09:00 in Chicago) · Room 2"
    );
}

#[test]
fn held_ids_the_core_never_made_are_cancelled_or_done() {
    let (_dir, store, _) = participant();
    let ctx = android(sunday(), true);
    let odd = |id: &str, at| HeldReminder {
        id: id.into(),
        fire_at: at,
        exact: true,
    };
    let held = [
        odd("", sunday() + Duration::hours(1)),
        odd("from an old version", sunday() + Duration::days(2)),
        odd("from an old version", sunday() + Duration::days(3)),
        odd("long ago", sunday() - Duration::days(400)),
        odd("just now", sunday() - Duration::minutes(5)),
    ];
    let c = store.reminder_changes_for(&ctx, &held).unwrap();
    assert_eq!(c.cancel, ["", "from an old version", "just now"]);
    assert_eq!(c.done, ["long ago"]);
}

#[test]
fn bad_contexts_are_refused() {
    let (_dir, store, _) = participant();
    let mut ctx = android(sunday(), true);
    ctx.zone = "Mars/Base".into();
    assert!(matches!(
        store.reminder_changes_for(&ctx, &[]),
        Err(Error::UnknownTimeZone(_))
    ));
    for now in [
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
        utc(1899, 12, 31, 0, 0),
    ] {
        let ctx = android(now, true);
        assert!(matches!(
            store.reminder_changes_for(&ctx, &[]),
            Err(Error::InvalidInput { field: "now", .. })
        ));
    }
    // A phone's fixed-offset zone is its Etc zone.
    let mut ctx = android(sunday(), true);
    ctx.zone = "GMT-04:00".into();
    assert!(store.reminder_changes_for(&ctx, &[]).is_ok());
}

#[test]
fn the_record_is_device_local_sealed_bounded_and_checked() {
    let (dir, mut store, _) = participant();
    assert_eq!(store.reminders_applied().unwrap(), None);
    let ctx = android(sunday(), true);
    let c = store.reminder_changes_for(&ctx, &[]).unwrap();
    let heads = store.heads();
    store
        .record_reminders_applied(
            sunday(),
            "GMT-04:00",
            ClockStyle::TwentyFourHour,
            &c.held_after,
        )
        .unwrap();
    // Not in the document: nothing to sync.
    assert_eq!(store.heads(), heads);
    let applied = store.reminders_applied().unwrap().unwrap();
    assert_eq!(applied.at, sunday());
    assert_eq!(applied.zone, "Etc/GMT+4");
    assert_eq!(applied.held, c.held_after);
    // Another handle of the same store reads it.
    let other = common::open(dir.path()).unwrap();
    assert_eq!(other.reminders_applied().unwrap().unwrap(), applied);
    // Sealed: the file does not hold the ids in the clear.
    let conn = rusqlite::Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    let raw: Vec<u8> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'reminders_applied'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("checkin:"));

    // Refused whole, the previous record kept.
    let held = |id: String| HeldReminder {
        id,
        fire_at: sunday(),
        exact: true,
    };
    let too_many: Vec<_> = (0..=MAX_RECORDED_HELD)
        .map(|i| held(format!("r{i}")))
        .collect();
    let bad: [(&str, Vec<HeldReminder>); 4] = [
        ("UTC", too_many),
        ("UTC", vec![held(String::new())]),
        ("UTC", vec![held("x".repeat(201))]),
        ("UTC", vec![held("a\nb".into())]),
    ];
    for (zone, list) in bad {
        let e = store
            .record_reminders_applied(sunday(), zone, ClockStyle::TwentyFourHour, &list)
            .unwrap_err();
        assert!(
            matches!(e, Error::InvalidInput { field: "held", .. }),
            "{e}"
        );
        assert!(!e.to_string().contains("xxxx"));
    }
    assert!(matches!(
        store.record_reminders_applied(sunday(), "Mars/Base", ClockStyle::TwentyFourHour, &[]),
        Err(Error::UnknownTimeZone(_))
    ));
    assert!(matches!(
        store.record_reminders_applied(
            DateTime::<Utc>::MAX_UTC,
            "UTC",
            ClockStyle::TwentyFourHour,
            &[]
        ),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(store.reminders_applied().unwrap().unwrap(), applied);
    // At the limit, duplicates kept once.
    let full: Vec<_> = (0..MAX_RECORDED_HELD)
        .map(|i| held(format!("r{}", i % 100)))
        .collect();
    store
        .record_reminders_applied(sunday(), "UTC", ClockStyle::TwentyFourHour, &full)
        .unwrap();
    assert_eq!(store.reminders_applied().unwrap().unwrap().held.len(), 100);
}
