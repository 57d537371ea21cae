//! Reminder health in words: every title and detail of every check, on both platforms.

use chrono::Duration;
use companion_core::{
    AndroidFacts, ClockStyle, HealthItem, HeldReminder, IosAuthorization, IosBackgroundRefresh,
    IosFacts, IosSetting, NotificationChannel, Overall, PlatformFacts, ReminderHealth,
    ReminderNotice, ReminderPlatform, Store,
};

mod common;

use common::health::{NY, now, participant, plan_held};

fn android_facts(bits: u32, blocked: &[NotificationChannel]) -> AndroidFacts {
    let bit = |i: u32| bits & (1 << i) != 0;
    AndroidFacts {
        notifications_enabled: bit(0),
        can_ask_notification_permission: bit(1),
        blocked_channels: blocked.to_vec(),
        exact_alarms_allowed: bit(2),
        ignoring_battery_optimizations: bit(3),
        background_restricted: bit(4),
    }
}

fn all_well() -> AndroidFacts {
    android_facts(0b01101, &[])
}

fn health(store: &Store, f: &AndroidFacts, held: &[HeldReminder]) -> ReminderHealth {
    store
        .reminder_health(
            now(),
            NY,
            ClockStyle::TwentyFourHour,
            &PlatformFacts::Android(f.clone()),
            held,
        )
        .unwrap()
}

#[test]
fn the_words_of_each_android_check() {
    let (_dir, mut store) = participant(true);
    let held = plan_held(&store, ReminderPlatform::Android, true);
    store
        .record_reminders_applied(now(), NY, ClockStyle::TwentyFourHour, &held)
        .unwrap();
    let words = |f: &AndroidFacts, held: &[HeldReminder]| -> Vec<(HealthItem, String, String)> {
        let mut v: Vec<_> = health(&store, f, held)
            .checks
            .into_iter()
            .map(|c| (c.item, c.title, c.detail))
            .collect();
        v.sort_by_key(|(item, _, _)| format!("{item:?}"));
        v
    };
    let good = words(&all_well(), &held);
    let expected_good = [
        (
            HealthItem::BackgroundRestriction,
            "Background use",
            "Allowed.",
        ),
        (
            HealthItem::BatteryOptimization,
            "Battery optimization",
            "Not optimized: nothing holds reminders back.",
        ),
        (HealthItem::CheckInChannel, "Check-in reminders", "On."),
        (
            HealthItem::ExactAlarms,
            "Reminders at the exact minute",
            "Allowed: reminders arrive at the minute.",
        ),
        (HealthItem::Notifications, "Notifications", "Allowed."),
        (
            HealthItem::PlanFresh,
            "Reminders kept up to date",
            "Refreshed in the last 36 hours.",
        ),
        (
            HealthItem::PlanHandedOver,
            "Reminders with the phone",
            "All planned reminders are with the phone (39 reminders).",
        ),
        (
            HealthItem::PlanZone,
            "Time zone",
            "Reminders read in this phone’s time zone.",
        ),
        (HealthItem::SessionChannel, "Session reminders", "On."),
    ];
    let as_owned = |v: &[(HealthItem, &str, &str)]| -> Vec<(HealthItem, String, String)> {
        v.iter()
            .map(|(i, t, d)| (*i, t.to_string(), d.to_string()))
            .collect()
    };
    assert_eq!(good, as_owned(&expected_good));

    let bad = AndroidFacts {
        notifications_enabled: true,
        can_ask_notification_permission: false,
        blocked_channels: vec![
            NotificationChannel::SessionReminders,
            NotificationChannel::CheckInReminder,
        ],
        exact_alarms_allowed: false,
        ignoring_battery_optimizations: false,
        background_restricted: true,
    };
    let details: Vec<String> = words(&bad, &held[1..])
        .into_iter()
        .map(|(_, _, d)| d)
        .collect();
    assert_eq!(
        details,
        [
            "Restricted: reminders may not arrive.",
            "Optimized, without exact alarms: reminders may come late.",
            "Turned off in Settings: check-in reminders cannot appear.",
            "Not allowed: reminders may come up to an hour late.",
            "Allowed.",
            "Refreshed in the last 36 hours.",
            "39 planned reminders are not with the phone yet.",
            "Reminders read in this phone’s time zone.",
            "Turned off in Settings: session reminders cannot appear.",
        ]
    );
    let off = words(&android_facts(0b01100, &[]), &held);
    let details: Vec<&str> = off.iter().map(|(_, _, d)| d.as_str()).collect();
    assert!(details.contains(&"Turned off in Settings: no reminder can appear."));
    assert!(details.contains(&"Checked once notifications are allowed."));
    let ask = words(&android_facts(0b01110, &[]), &held);
    assert!(
        ask.iter()
            .any(|(_, _, d)| d == "Not allowed yet: reminders cannot appear until you allow them.")
    );
    let advice = words(&android_facts(0b00101, &[]), &held);
    assert!(
        advice
            .iter()
            .any(|(_, _, d)| d == "Some phones delay reminders of optimized apps.")
    );
    let one_missing = words(&all_well(), &held[1..]);
    assert!(
        one_missing
            .iter()
            .any(|(_, _, d)| d == "1 planned reminder is not with the phone yet.")
    );
}

#[test]
fn the_words_of_each_ios_check() {
    let (_dir, mut store) = participant(true);
    let plan = plan_held(&store, ReminderPlatform::Ios, false);
    store
        .record_reminders_applied(now(), NY, ClockStyle::TwentyFourHour, &plan)
        .unwrap();
    let facts = |authorization, alerts, ts, summary, refresh, low_power| IosFacts {
        authorization,
        alerts,
        time_sensitive: ts,
        scheduled_summary: summary,
        background_refresh: refresh,
        low_power_mode: low_power,
    };
    let words = |f: IosFacts, held: &[HeldReminder]| -> Vec<(String, String)> {
        store
            .reminder_health(
                now(),
                NY,
                ClockStyle::TwelveHour,
                &PlatformFacts::Ios(f),
                held,
            )
            .unwrap()
            .checks
            .into_iter()
            .map(|c| (c.title, c.detail))
            .collect()
    };
    use IosAuthorization as A;
    use IosBackgroundRefresh as R;
    use IosSetting as S;
    let pair = |t: &str, d: &str| (t.to_owned(), d.to_owned());
    let good = words(
        facts(
            A::Authorized,
            S::Enabled,
            S::Enabled,
            S::Disabled,
            R::Available,
            false,
        ),
        &plan,
    );
    assert_eq!(
        good,
        [
            pair("Notifications", "Allowed."),
            pair("Banners and alerts", "Reminders show on screen."),
            pair(
                "Time-sensitive reminders",
                "Session reminders come through Focus."
            ),
            pair(
                "Background App Refresh",
                "On: schedule changes and new reminders arrive without opening the app."
            ),
            pair("Reminder schedule", "Up to date: 39 reminders scheduled."),
            pair("Time zone", "Reminders read in this phone’s time zone."),
        ]
    );
    let bad = words(
        facts(
            A::Authorized,
            S::Disabled,
            S::Disabled,
            S::Enabled,
            R::Denied,
            false,
        ),
        &[],
    );
    assert_eq!(
        bad,
        [
            pair(
                "Banners and alerts",
                "Reminders arrive silently in Notification Center only."
            ),
            pair("Reminder schedule", "Out of date: 39 to add, 0 to remove."),
            pair(
                "Time-sensitive reminders",
                "Off: a Focus may hold session reminders back."
            ),
            pair(
                "Scheduled summary",
                "On: reminders may wait for the next summary, after the session starts."
            ),
            pair(
                "Background App Refresh",
                "Off: reminders are only refreshed when you open the app."
            ),
            pair("Notifications", "Allowed."),
            pair("Time zone", "Reminders read in this phone’s time zone."),
        ]
    );
    let asked = words(
        facts(
            A::NotDetermined,
            S::NotSupported,
            S::NotSupported,
            S::NotSupported,
            R::Restricted,
            false,
        ),
        &plan,
    );
    assert_eq!(
        asked[0],
        pair(
            "Notifications",
            "Not allowed yet: reminders cannot appear until you allow them."
        )
    );
    assert!(asked.contains(&pair(
        "Banners and alerts",
        "Checked once notifications are allowed."
    )));
    assert!(asked.contains(&pair(
        "Background App Refresh",
        "Restricted on this device: open the app now and then to keep reminders current."
    )));
    let denied = words(
        facts(
            A::Denied,
            S::Enabled,
            S::Enabled,
            S::Enabled,
            R::Available,
            true,
        ),
        &plan,
    );
    assert_eq!(
        denied[0],
        pair(
            "Notifications",
            "Turned off in Settings: no reminder can appear."
        )
    );
    assert!(denied.contains(&pair(
        "Background App Refresh",
        "Paused by Low Power Mode: open the app now and then to keep reminders current."
    )));
    let h = store
        .reminder_health(
            now(),
            NY,
            ClockStyle::TwelveHour,
            &PlatformFacts::Ios(facts(
                A::NotDetermined,
                S::Enabled,
                S::Enabled,
                S::Enabled,
                R::Available,
                false,
            )),
            &plan,
        )
        .unwrap();
    assert_eq!(h.notice, Some(ReminderNotice::AskPermission));
    assert_eq!(h.overall, Overall::NeedsAttention);
    // The next reminder is worded as iOS will show it.
    let next = h.next.unwrap();
    assert_eq!(next.notification.title, "Reminder");
    assert_eq!(next.notification.body, "A reminder from Companion.");
}

/// The words of the checks when nothing is planned, the check-in reminder is off, or the
/// plan was never handed over.
#[test]
fn the_words_when_there_is_little_to_say() {
    let (_dir, store) = participant(false);
    let detail = |h: &ReminderHealth, item: HealthItem| -> String {
        h.checks
            .iter()
            .find(|c| c.item == item)
            .map(|c| c.detail.clone())
            .unwrap()
    };
    // Never handed over, check-in reminder off.
    let h = health(&store, &all_well(), &[]);
    assert_eq!(
        detail(&h, HealthItem::PlanFresh),
        "Reminders were never handed to the phone."
    );
    assert_eq!(
        detail(&h, HealthItem::CheckInChannel),
        "The daily check-in reminder is off."
    );
    assert_eq!(
        detail(&h, HealthItem::PlanHandedOver),
        "9 planned reminders are not with the phone yet."
    );

    // Nothing planned at all.
    let (_dir, mut empty) = participant(false);
    let id = empty.sessions().unwrap()[0].id.clone();
    empty.remove_session(&id).unwrap();
    let h = health(&empty, &all_well(), &[]);
    assert_eq!(
        detail(&h, HealthItem::PlanHandedOver),
        "Nothing to remind you of yet."
    );
    assert_eq!(detail(&h, HealthItem::PlanFresh), "Nothing to refresh.");
    let ios = IosFacts {
        authorization: IosAuthorization::Authorized,
        alerts: IosSetting::Enabled,
        time_sensitive: IosSetting::Enabled,
        scheduled_summary: IosSetting::Disabled,
        background_refresh: IosBackgroundRefresh::Available,
        low_power_mode: false,
    };
    let h = empty
        .reminder_health(
            now(),
            NY,
            ClockStyle::TwelveHour,
            &PlatformFacts::Ios(ios.clone()),
            &[],
        )
        .unwrap();
    assert_eq!(
        detail(&h, HealthItem::PlanUpToDate),
        "Nothing to remind you of yet."
    );
    assert_eq!(h.overall, Overall::Good);
    assert_eq!(h.notice, None);
    // One reminder: singular.
    let one = HeldReminder {
        id: "gone".into(),
        fire_at: now() + Duration::days(1),
        exact: true,
    };
    let h = empty
        .reminder_health(
            now(),
            NY,
            ClockStyle::TwelveHour,
            &PlatformFacts::Ios(ios),
            &[one],
        )
        .unwrap();
    assert_eq!(
        detail(&h, HealthItem::PlanUpToDate),
        "Out of date: 0 to add, 1 to remove."
    );
    assert_eq!(
        h.notice,
        Some(ReminderNotice::NeedsAttention { problems: 1 })
    );
}
