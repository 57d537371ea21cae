//! iOS's last slot: when more is planned than iOS holds, 63 reminders and a neutral "keep
//! coming" notification just after the last of them. Android and the terminal have no such
//! slot.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use companion_core::{
    ClockStyle, HeldReminder, IOS_PENDING_LIMIT, NotificationChannel, NotificationTarget,
    PreferencesEdit, Recurrence, ReminderChanges, ReminderContext, ReminderKind, ReminderPlatform,
    SessionFields, Store,
};

mod common;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(2026, 11, 22, 12, 0)
}

fn ctx(platform: ReminderPlatform, now: DateTime<Utc>) -> ReminderContext {
    ReminderContext {
        now,
        zone: "UTC".into(),
        platform,
        clock_style: ClockStyle::TwentyFourHour,
        exact_alarms_allowed: true,
        os_cleared: false,
    }
}

fn every_day() -> Recurrence {
    Recurrence::weekly(&[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ])
}

/// `sessions` daily sessions at 09:00 UTC from Monday 23 November with `leads`, and
/// `one_offs` one-off sessions on the 24th reminding at their start; no check-in reminder.
fn store(sessions: usize, leads: &[u32], one_offs: u32) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(None),
            ..Default::default()
        })
        .unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    for i in 0..sessions {
        store
            .add_session(&SessionFields {
                title: Some(format!("Group {i}")),
                start: Some(day(23).and_hms_opt(9, 0, 0).unwrap()),
                time_zone: Some("UTC".into()),
                duration_minutes: Some(60),
                recurrence: Some(Some(every_day())),
                reminder_leads: Some(Some(leads.to_vec())),
                ..Default::default()
            })
            .unwrap();
    }
    for h in 0..one_offs {
        store
            .add_session(&SessionFields {
                title: Some(format!("One-off {h}")),
                start: Some(day(24).and_hms_opt(12 + h, 0, 0).unwrap()),
                time_zone: Some("UTC".into()),
                duration_minutes: Some(30),
                reminder_leads: Some(Some(vec![0])),
                ..Default::default()
            })
            .unwrap();
    }
    (dir, store)
}

fn kinds(c: &ReminderChanges) -> Vec<ReminderKind> {
    c.schedule.iter().map(|r| r.reminder.kind).collect()
}

#[test]
fn a_plan_that_fits_has_no_keep_coming_slot() {
    // One daily session with two leads over 30 days (60) and four one-offs: exactly 64.
    let (_dir, store) = store(1, &[60, 15], 4);
    assert_eq!(
        store.plan_reminders(now(), "UTC", 30, 500).unwrap().len(),
        64
    );
    let c = store
        .reminder_changes_for(&ctx(ReminderPlatform::Ios, now()), &[])
        .unwrap();
    assert_eq!(c.schedule.len(), IOS_PENDING_LIMIT);
    assert!(!kinds(&c).contains(&ReminderKind::KeepComing));
}

#[test]
fn one_more_than_fits_gives_ios_its_last_slot() {
    let (_dir, store) = store(1, &[60, 15], 5);
    let all = store.plan_reminders(now(), "UTC", 30, 500).unwrap();
    assert_eq!(all.len(), 65);
    let c = store
        .reminder_changes_for(&ctx(ReminderPlatform::Ios, now()), &[])
        .unwrap();
    assert_eq!(c.schedule.len(), IOS_PENDING_LIMIT);
    assert_eq!(c.held_after.len(), IOS_PENDING_LIMIT);
    let real: Vec<_> = c.schedule[..63]
        .iter()
        .map(|r| r.reminder.clone())
        .collect();
    assert_eq!(real[..], all[..63]);
    let last = &c.schedule[63];
    assert_eq!(last.reminder.kind, ReminderKind::KeepComing);
    // A minute after the last one kept (08:45 on 21 December), before the first left out.
    assert_eq!(all[62].fire_at, utc(2026, 12, 21, 8, 45));
    assert_eq!(all[63].fire_at, utc(2026, 12, 22, 8, 0));
    assert_eq!(
        last.reminder.fire_at,
        all[62].fire_at + Duration::minutes(1)
    );
    assert!(last.reminder.fire_at < all[63].fire_at);
    let n = &last.notification;
    assert_eq!(n.title, "Reminder");
    assert_eq!(n.body, "Open Companion to keep your reminders coming.");
    assert_eq!(
        (n.public_title.as_str(), n.public_body.as_str()),
        ("Reminder", "Unlock to see it")
    );
    assert_eq!(n.channel, NotificationChannel::Status);
    assert_eq!(n.opens, NotificationTarget::Today);
    assert!(!n.time_sensitive);

    // Android and the terminal hold everything or their limit, without the slot.
    for platform in [ReminderPlatform::Android, ReminderPlatform::Terminal] {
        let c = store
            .reminder_changes_for(&ctx(platform, now()), &[])
            .unwrap();
        assert!(!kinds(&c).contains(&ReminderKind::KeepComing));
        assert_eq!(
            c.schedule.len(),
            if platform == ReminderPlatform::Android {
                65
            } else {
                64
            }
        );
    }
}

#[test]
fn it_is_stable_and_moves_on_with_the_window() {
    let (_dir, mut store) = store(1, &[60, 15], 5);
    let ios = ctx(ReminderPlatform::Ios, now());
    let first = store.reminder_changes_for(&ios, &[]).unwrap();
    store
        .record_reminders_applied(
            ios.now,
            &ios.zone,
            ClockStyle::TwentyFourHour,
            &first.held_after,
        )
        .unwrap();
    let held: Vec<HeldReminder> = first.held_after.clone();
    let again = store.reminder_changes_for(&ios, &held).unwrap();
    assert!(again.schedule.is_empty() && again.cancel.is_empty());

    // A day later: iOS no longer holds what fired; the window and its last slot move on.
    let later = ctx(ReminderPlatform::Ios, now() + Duration::days(1));
    let pending: Vec<HeldReminder> = held
        .iter()
        .filter(|h| h.fire_at > later.now)
        .cloned()
        .collect();
    let c = store.reminder_changes_for(&later, &pending).unwrap();
    let old = held.last().unwrap();
    assert_eq!(c.cancel, std::slice::from_ref(&old.id));
    let new = c.held_after.last().unwrap();
    assert!(new.id.starts_with("keep-coming:") && new.fire_at > old.fire_at);
    assert_eq!(c.held_after.len(), IOS_PENDING_LIMIT);
}

#[test]
fn at_the_minute_both_share() {
    // Two daily sessions reminding at 08:00 and 08:30: reminders come in pairs at one minute,
    // so the last kept (the 63rd) and the first left out share a minute.
    let (_dir, store) = store(2, &[60, 30], 0);
    let all = store.plan_reminders(now(), "UTC", 30, 500).unwrap();
    assert_eq!(all[62].fire_at, all[63].fire_at);
    let c = store
        .reminder_changes_for(&ctx(ReminderPlatform::Ios, now()), &[])
        .unwrap();
    let last = c.schedule.last().unwrap();
    assert_eq!(last.reminder.kind, ReminderKind::KeepComing);
    assert_eq!(last.reminder.fire_at, all[62].fire_at);
}

#[test]
fn health_counts_the_participants_reminders_not_the_apps_slot() {
    use companion_core::{
        IosAuthorization, IosBackgroundRefresh, IosFacts, IosSetting, PlatformFacts,
    };
    let facts = PlatformFacts::Ios(IosFacts {
        authorization: IosAuthorization::Authorized,
        alerts: IosSetting::Enabled,
        time_sensitive: IosSetting::Enabled,
        scheduled_summary: IosSetting::Disabled,
        background_refresh: IosBackgroundRefresh::Available,
        low_power_mode: false,
    });
    let (_dir, full) = store(1, &[60, 15], 5);
    let h = full
        .reminder_health(now(), "UTC", ClockStyle::TwentyFourHour, &facts, &[])
        .unwrap();
    assert_eq!(h.planned, IOS_PENDING_LIMIT);
    assert_eq!(
        h.planned_label,
        "63 reminders planned over the next 30 days"
    );
    let (_dir, one) = store(0, &[], 1);
    let h = one
        .reminder_health(now(), "UTC", ClockStyle::TwentyFourHour, &facts, &[])
        .unwrap();
    assert_eq!(h.planned_label, "1 reminder planned over the next 30 days");
    let (_dir, none) = store(0, &[], 0);
    let h = none
        .reminder_health(now(), "UTC", ClockStyle::TwentyFourHour, &facts, &[])
        .unwrap();
    assert_eq!(h.planned_label, "No reminders planned");
}
