//! Reminder health on iOS: every combination of what the phone allows (810) with the
//! check-in reminder on and off and four states of what iOS holds, and each check's words.

use chrono::Duration;
use companion_core::{
    ClockStyle, HealthCheck, HealthFix, HealthItem, HealthStatus, HeldReminder, IosAuthorization,
    IosBackgroundRefresh, IosFacts, IosSetting, PlatformFacts, ReminderHealth, ReminderPlatform,
    Store,
};

mod common;

use common::health::{NY, now, participant};

fn ios_plan(store: &Store) -> Vec<HeldReminder> {
    common::health::plan_held(store, ReminderPlatform::Ios, false)
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
                    .record_reminders_applied(
                        now() - Duration::hours(1),
                        NY,
                        ClockStyle::TwelveHour,
                        &plan,
                    )
                    .unwrap(),
                Held::OtherZone => store
                    .record_reminders_applied(
                        now() - Duration::hours(1),
                        "America/Los_Angeles",
                        ClockStyle::TwelveHour,
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
