//! Reminder health on iOS: every combination of what the phone allows (810) with the
//! check-in reminder on and off and four states of what iOS holds, and each check's words.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use companion_core::{
    ClockStyle, HealthCheck, HealthFix, HealthItem, HealthStatus, HeldReminder, IosAuthorization,
    IosBackgroundRefresh, IosFacts, IosSetting, Overall, PlatformFacts, PreferencesEdit,
    Recurrence, ReminderContext, ReminderHealth, ReminderNotice, ReminderPlatform, SessionFields,
    Store,
};

mod common;

const NY: &str = "America/New_York";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

fn participant(checkin: bool) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store
        .add_session(&SessionFields {
            title: Some("Process group".into()),
            start: Some(
                NaiveDate::from_ymd_opt(2025, 6, 2)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap(),
            ),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            recurrence: Some(Some(Recurrence::weekly(&[Weekday::Mon, Weekday::Wed]))),
            ..Default::default()
        })
        .unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(checkin.then(|| NaiveTime::from_hms_opt(20, 0, 0).unwrap())),
            ..Default::default()
        })
        .unwrap();
    (dir, store)
}

fn ios_plan(store: &Store) -> Vec<HeldReminder> {
    let ctx = ReminderContext {
        now: now(),
        zone: NY.into(),
        platform: ReminderPlatform::Ios,
        clock_style: ClockStyle::TwelveHour,
        exact_alarms_allowed: false,
        os_cleared: false,
    };
    store.reminder_changes_for(&ctx, &[]).unwrap().held_after
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Held {
    /// Exactly the plan, applied here an hour ago.
    UpToDate,
    /// Nothing, never applied.
    Nothing,
    /// The plan and one reminder no longer planned.
    OneTooMany,
    /// The plan, applied in Los Angeles.
    OtherZone,
}

const AUTHORIZATIONS: [IosAuthorization; 5] = [
    IosAuthorization::NotDetermined,
    IosAuthorization::Denied,
    IosAuthorization::Authorized,
    IosAuthorization::Provisional,
    IosAuthorization::Ephemeral,
];
const SETTINGS: [IosSetting; 3] = [
    IosSetting::Enabled,
    IosSetting::Disabled,
    IosSetting::NotSupported,
];
const REFRESH: [IosBackgroundRefresh; 3] = [
    IosBackgroundRefresh::Available,
    IosBackgroundRefresh::Denied,
    IosBackgroundRefresh::Restricted,
];

fn every_ios_facts() -> Vec<IosFacts> {
    let mut all = Vec::new();
    for authorization in AUTHORIZATIONS {
        for alerts in SETTINGS {
            for time_sensitive in SETTINGS {
                for scheduled_summary in SETTINGS {
                    for background_refresh in REFRESH {
                        for low_power_mode in [false, true] {
                            all.push(IosFacts {
                                authorization,
                                alerts,
                                time_sensitive,
                                scheduled_summary,
                                background_refresh,
                                low_power_mode,
                            });
                        }
                    }
                }
            }
        }
    }
    all
}

fn find(h: &ReminderHealth, item: HealthItem) -> Option<&HealthCheck> {
    let matching: Vec<_> = h.checks.iter().filter(|c| c.item == item).collect();
    assert!(matching.len() <= 1, "{item:?} more than once");
    matching.first().copied()
}

fn status(h: &ReminderHealth, item: HealthItem) -> Option<(HealthStatus, Option<HealthFix>)> {
    find(h, item).map(|c| (c.status, c.fix))
}

#[test]
fn every_combination_of_ios_facts() {
    use HealthStatus::{Ok, Problem, Warning};
    let all = every_ios_facts();
    assert_eq!(all.len(), 810);
    let mut combinations = 0;
    for checkin in [false, true] {
        for held_state in [
            Held::UpToDate,
            Held::Nothing,
            Held::OneTooMany,
            Held::OtherZone,
        ] {
            let (_dir, mut store) = participant(checkin);
            let plan = ios_plan(&store);
            let mut held = plan.clone();
            match held_state {
                Held::UpToDate => store
                    .record_reminders_applied(now() - Duration::hours(1), NY, &plan)
                    .unwrap(),
                Held::OtherZone => store
                    .record_reminders_applied(
                        now() - Duration::hours(1),
                        "America/Los_Angeles",
                        &plan,
                    )
                    .unwrap(),
                Held::OneTooMany => held.push(HeldReminder {
                    id: "session:gone:2025-06-03:60:00000000".into(),
                    fire_at: now() + Duration::days(2),
                    exact: true,
                }),
                Held::Nothing => held.clear(),
            }
            for f in &all {
                combinations += 1;
                let at = format!("{f:?}, check-in {checkin}, {held_state:?}");
                let h = store
                    .reminder_health(
                        now(),
                        NY,
                        ClockStyle::TwelveHour,
                        &PlatformFacts::Ios(f.clone()),
                        &held,
                    )
                    .unwrap();
                let authorized = f.authorization == IosAuthorization::Authorized;
                assert_eq!(
                    status(&h, HealthItem::Notifications),
                    Some(match f.authorization {
                        IosAuthorization::NotDetermined => {
                            (Problem, Some(HealthFix::RequestNotificationPermission))
                        }
                        IosAuthorization::Denied =>
                            (Problem, Some(HealthFix::OpenNotificationSettings)),
                        _ => (Ok, None),
                    }),
                    "{at}"
                );
                assert_eq!(
                    status(&h, HealthItem::Alerts),
                    Some(if authorized && f.alerts == IosSetting::Disabled {
                        (Problem, Some(HealthFix::OpenNotificationSettings))
                    } else {
                        (Ok, None)
                    }),
                    "{at}"
                );
                let ts_off = f.time_sensitive == IosSetting::Disabled;
                assert_eq!(
                    status(&h, HealthItem::TimeSensitive),
                    authorized.then_some(if ts_off {
                        (Warning, Some(HealthFix::OpenNotificationSettings))
                    } else {
                        (Ok, None)
                    }),
                    "{at}"
                );
                assert_eq!(
                    status(&h, HealthItem::ScheduledSummary),
                    (authorized && ts_off && f.scheduled_summary == IosSetting::Enabled)
                        .then_some((Warning, Some(HealthFix::OpenNotificationSettings))),
                    "{at}"
                );
                let (refresh, low_power) = match (f.background_refresh, f.low_power_mode) {
                    (IosBackgroundRefresh::Available, false) => (Some((Ok, None)), None),
                    (IosBackgroundRefresh::Available, true) => (None, Some((Warning, None))),
                    (IosBackgroundRefresh::Denied, _) => {
                        (Some((Warning, Some(HealthFix::OpenAppSettings))), None)
                    }
                    (IosBackgroundRefresh::Restricted, _) => (Some((Warning, None)), None),
                };
                assert_eq!(status(&h, HealthItem::BackgroundRefresh), refresh, "{at}");
                assert_eq!(status(&h, HealthItem::LowPowerMode), low_power, "{at}");
                let planned = if checkin { 39 } else { 9 };
                let up_to_date = find(&h, HealthItem::PlanUpToDate).unwrap();
                match held_state {
                    Held::UpToDate | Held::OtherZone => {
                        assert_eq!((up_to_date.status, up_to_date.fix), (Ok, None), "{at}");
                        assert_eq!(
                            up_to_date.detail,
                            format!("Up to date: {planned} reminders scheduled.")
                        );
                    }
                    Held::Nothing => assert_eq!(
                        up_to_date.detail,
                        format!("Out of date: {planned} to add, 0 to remove.")
                    ),
                    Held::OneTooMany => {
                        assert_eq!(up_to_date.detail, "Out of date: 0 to add, 1 to remove.")
                    }
                }
                if up_to_date.status != Ok {
                    assert_eq!(
                        (up_to_date.status, up_to_date.fix),
                        (Problem, Some(HealthFix::RefreshPlan))
                    );
                }
                assert_eq!(
                    status(&h, HealthItem::PlanZone),
                    Some(if held_state == Held::OtherZone {
                        (Problem, Some(HealthFix::RefreshPlan))
                    } else {
                        (Ok, None)
                    }),
                    "{at}"
                );
                // Android's checks never show on iOS.
                for item in [
                    HealthItem::SessionChannel,
                    HealthItem::CheckInChannel,
                    HealthItem::ExactAlarms,
                    HealthItem::BatteryOptimization,
                    HealthItem::BackgroundRestriction,
                    HealthItem::PlanHandedOver,
                    HealthItem::PlanFresh,
                ] {
                    assert_eq!(find(&h, item), None);
                }
                let expected_len = 5
                    + usize::from(authorized)
                    + usize::from(
                        authorized && ts_off && f.scheduled_summary == IosSetting::Enabled,
                    );
                assert_eq!(h.checks.len(), expected_len, "{at}");
                assert_eq!(h.planned, planned);
                assert_eq!(
                    h.not_held,
                    if held_state == Held::Nothing {
                        planned
                    } else {
                        0
                    }
                );
                let next = h.next.as_ref().unwrap();
                assert_eq!(next.held, held_state != Held::Nothing);
                assert_eq!(
                    next.exact, next.held,
                    "iOS holds every reminder at the minute"
                );
                // Nothing in the app can end Low Power Mode or a device's restriction.
                common::health::well_formed(
                    &h,
                    f.authorization == IosAuthorization::NotDetermined,
                    &[
                        (HealthItem::LowPowerMode, "Paused by Low Power Mode"),
                        (HealthItem::BackgroundRefresh, "Restricted on this device"),
                    ],
                );
            }
        }
    }
    assert_eq!(combinations, 6480);
}

#[test]
fn the_words_of_each_ios_check() {
    let (_dir, mut store) = participant(true);
    let plan = ios_plan(&store);
    store.record_reminders_applied(now(), NY, &plan).unwrap();
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
