//! Reminder health on Android: every combination of what the phone allows and what it holds
//! (the 1,024 the Android presenter's test had), and each check at its edges.
//!
//! The participant has a Chicago group on Mondays and Wednesdays at 09:00 and, in half the
//! cases, the check-in reminder at 20:00 in New York. It is Sunday 1 June 2025, 12:00 UTC.

use chrono::{DateTime, Duration, TimeZone, Utc};
use companion_core::{
    AndroidFacts, ClockStyle, HealthFix, HealthItem, HealthStatus, HeldReminder,
    NotificationChannel, Overall, PLAN_STALE_AFTER_HOURS, PlatformFacts, ReminderContext,
    ReminderHealth, ReminderNotice, ReminderPlatform, Store,
};

mod common;

use common::health::{NY, now, participant};

/// What the OS holds, as the platform recorded it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Held {
    AllFresh,
    AllStale,
    NothingEver,
    AllTheOtherWay,
}

/// The plan as Android holds it with exact alarms allowed or not.
fn plan_held(store: &Store, exact: bool) -> Vec<HeldReminder> {
    common::health::plan_held(store, ReminderPlatform::Android, exact)
}

fn facts(bits: u32, blocked: &[NotificationChannel]) -> AndroidFacts {
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

type Expect = (HealthStatus, Option<HealthFix>);

#[test]
fn every_combination_of_android_facts() {
    use HealthStatus::{Advice, Ok, Problem, Warning};
    let blocked_sets: [&[NotificationChannel]; 4] = [
        &[],
        &[NotificationChannel::SessionReminders],
        &[NotificationChannel::CheckInReminder],
        &[
            NotificationChannel::SessionReminders,
            NotificationChannel::CheckInReminder,
        ],
    ];
    let mut combinations = 0;
    for checkin in [false, true] {
        for held_state in [
            Held::AllFresh,
            Held::AllStale,
            Held::NothingEver,
            Held::AllTheOtherWay,
        ] {
            let (_dir, mut store) = participant(checkin);
            let recorded = match held_state {
                Held::AllStale => Some(now() - Duration::hours(37)),
                Held::NothingEver => None,
                _ => Some(now() - Duration::hours(1)),
            };
            if let Some(at) = recorded {
                store
                    .record_reminders_applied(at, NY, ClockStyle::TwentyFourHour, &[])
                    .unwrap();
            }
            let held_for = |exact: bool| -> Vec<HeldReminder> {
                match held_state {
                    Held::NothingEver => Vec::new(),
                    Held::AllTheOtherWay => plan_held(&store, !exact),
                    _ => plan_held(&store, exact),
                }
            };
            let held_exact = [held_for(false), held_for(true)];
            for bits in 0..32 {
                for blocked in blocked_sets {
                    combinations += 1;
                    let f = facts(bits, blocked);
                    let held = &held_exact[usize::from(f.exact_alarms_allowed)];
                    let h = health(&store, &f, held);
                    let at = format!("{f:?}, check-in {checkin}, {held_state:?}");
                    let got = |item| -> Expect {
                        let matching: Vec<_> = h.checks.iter().filter(|c| c.item == item).collect();
                        assert_eq!(matching.len(), 1, "{item:?} once: {at}");
                        (matching[0].status, matching[0].fix)
                    };
                    assert_eq!(h.checks.len(), 9, "{at}");
                    let on = f.notifications_enabled;
                    let expect_notifications: Expect = match (on, f.can_ask_notification_permission)
                    {
                        (true, _) => (Ok, None),
                        (false, true) => (Problem, Some(HealthFix::RequestNotificationPermission)),
                        (false, false) => (Problem, Some(HealthFix::OpenNotificationSettings)),
                    };
                    assert_eq!(got(HealthItem::Notifications), expect_notifications, "{at}");
                    let channel = |c: NotificationChannel, matters: bool| -> Expect {
                        if matters && f.blocked_channels.contains(&c) {
                            (Problem, Some(HealthFix::OpenChannelSettings(c)))
                        } else {
                            (Ok, None)
                        }
                    };
                    assert_eq!(
                        got(HealthItem::SessionChannel),
                        channel(NotificationChannel::SessionReminders, on),
                        "{at}"
                    );
                    assert_eq!(
                        got(HealthItem::CheckInChannel),
                        channel(NotificationChannel::CheckInReminder, on && checkin),
                        "{at}"
                    );
                    assert_eq!(
                        got(HealthItem::ExactAlarms),
                        if f.exact_alarms_allowed {
                            (Ok, None)
                        } else {
                            (Warning, Some(HealthFix::RequestExactAlarms))
                        },
                        "{at}"
                    );
                    let battery_fix = Some(HealthFix::RequestIgnoreBatteryOptimizations);
                    assert_eq!(
                        got(HealthItem::BatteryOptimization),
                        match (f.ignoring_battery_optimizations, f.exact_alarms_allowed) {
                            (true, _) => (Ok, None),
                            (false, true) => (Advice, battery_fix),
                            (false, false) => (Warning, battery_fix),
                        },
                        "{at}"
                    );
                    assert_eq!(
                        got(HealthItem::BackgroundRestriction),
                        if f.background_restricted {
                            (Problem, Some(HealthFix::OpenAppDetails))
                        } else {
                            (Ok, None)
                        },
                        "{at}"
                    );
                    let handed_over = matches!(held_state, Held::AllFresh | Held::AllStale);
                    assert_eq!(
                        got(HealthItem::PlanHandedOver),
                        if handed_over {
                            (Ok, None)
                        } else {
                            (Problem, Some(HealthFix::RefreshPlan))
                        },
                        "{at}"
                    );
                    let fresh = matches!(held_state, Held::AllFresh | Held::AllTheOtherWay);
                    assert_eq!(
                        got(HealthItem::PlanFresh),
                        if fresh {
                            (Ok, None)
                        } else {
                            (Warning, Some(HealthFix::RefreshPlan))
                        },
                        "{at}"
                    );
                    assert_eq!(got(HealthItem::PlanZone), (Ok, None), "{at}");
                    common::health::well_formed(&h, !on && f.can_ask_notification_permission, &[]);

                    // The next reminder: 20:00 New York (midnight UTC) with the check-in
                    // reminder on, else an hour before Monday's 09:00 Chicago group.
                    let next = h.next.as_ref().unwrap();
                    if checkin {
                        assert_eq!(
                            next.fire_at,
                            Utc.with_ymd_and_hms(2025, 6, 2, 0, 0, 0).unwrap()
                        );
                        assert_eq!(
                            next.notification.channel,
                            NotificationChannel::CheckInReminder
                        );
                    } else {
                        assert_eq!(
                            next.fire_at,
                            Utc.with_ymd_and_hms(2025, 6, 2, 13, 0, 0).unwrap()
                        );
                        assert_eq!(next.notification.body, "You have an appointment at 10:00.");
                    }
                    assert_eq!(next.held, held_state != Held::NothingEver, "{at}");
                    assert_eq!(
                        next.exact,
                        held_state != Held::NothingEver
                            && (f.exact_alarms_allowed == (held_state != Held::AllTheOtherWay)),
                        "{at}"
                    );
                    // 30 days: Mondays and Wednesdays 2 to 30 June (9), 20:00 on 1 to 30 June.
                    let planned = if checkin { 39 } else { 9 };
                    assert_eq!(h.planned, planned);
                    assert_eq!(
                        h.planned_label,
                        format!("{planned} reminders planned over the next 30 days")
                    );
                    assert_eq!(h.not_held, if handed_over { 0 } else { planned }, "{at}");
                    assert_eq!(h.last_applied, recorded);
                }
            }
        }
    }
    assert_eq!(combinations, 1024);
}

fn all_well() -> AndroidFacts {
    facts(0b01101, &[])
}

#[test]
fn nothing_planned_is_healthy_whatever_the_phone_holds() {
    let (_dir, mut store) = participant(false);
    let sessions = store.sessions().unwrap();
    store.remove_session(&sessions[0].id).unwrap();
    let stray = HeldReminder {
        id: "session:gone:2025-06-02:60:00000000".into(),
        fire_at: now() + Duration::days(1),
        exact: true,
    };
    for held in [vec![], vec![stray]] {
        let h = health(&store, &all_well(), &held);
        assert_eq!(h.overall, Overall::Good);
        assert_eq!(h.next, None);
        assert_eq!((h.planned, h.not_held), (0, 0));
        assert_eq!(h.planned_label, "No reminders planned");
        assert!(h.checks.iter().all(|c| c.status == HealthStatus::Ok));
        assert_eq!(h.notice, None);
    }
    // Never asked, nothing planned: not yet the moment to ask.
    let h = health(&store, &facts(0b01110, &[]), &[]);
    assert_eq!(
        h.notice,
        Some(ReminderNotice::NeedsAttention { problems: 1 })
    );
}

#[test]
fn a_plan_older_than_a_day_and_a_half_is_stale() {
    let (_dir, mut store) = participant(false);
    let held = plan_held(&store, true);
    let stale_after = Duration::hours(PLAN_STALE_AFTER_HOURS);
    store
        .record_reminders_applied(now() - stale_after, NY, ClockStyle::TwentyFourHour, &held)
        .unwrap();
    let h = health(&store, &all_well(), &held);
    assert_eq!(h.overall, Overall::Good);
    let fresh = h
        .checks
        .iter()
        .find(|c| c.item == HealthItem::PlanFresh)
        .unwrap();
    assert_eq!(fresh.detail, "Refreshed in the last 36 hours.");

    store
        .record_reminders_applied(
            now() - stale_after - Duration::seconds(1),
            NY,
            ClockStyle::TwentyFourHour,
            &held,
        )
        .unwrap();
    let h = health(&store, &all_well(), &held);
    assert_eq!(h.overall, Overall::MayBeLate);
    let first = &h.checks[0];
    assert_eq!(first.item, HealthItem::PlanFresh);
    assert_eq!(first.detail, "Not refreshed for over 36 hours.");
    assert_eq!(first.fix, Some(HealthFix::RefreshPlan));
    assert!(h.next.as_ref().unwrap().held);
    assert_eq!(
        h.notice,
        Some(ReminderNotice::NeedsAttention { problems: 1 })
    );
}

#[test]
fn a_plan_handed_over_in_another_zone_needs_a_refresh() {
    let (_dir, mut store) = participant(true);
    let held = plan_held(&store, true);
    store
        .record_reminders_applied(
            now(),
            "America/Los_Angeles",
            ClockStyle::TwentyFourHour,
            &held,
        )
        .unwrap();
    let h = health(&store, &all_well(), &held);
    assert_eq!(h.overall, Overall::NeedsAttention);
    let zone = h
        .checks
        .iter()
        .find(|c| c.item == HealthItem::PlanZone)
        .unwrap();
    assert_eq!(zone.status, HealthStatus::Problem);
    assert_eq!(zone.fix, Some(HealthFix::RefreshPlan));
    assert_eq!(
        zone.detail,
        "Handed to the phone in another time zone: their times may read wrong."
    );
    // Recorded as the phone named it then, compared as the core names it.
    store
        .record_reminders_applied(now(), "GMT-04:00", ClockStyle::TwentyFourHour, &held)
        .unwrap();
    let h = store
        .reminder_health(
            now(),
            "Etc/GMT+4",
            ClockStyle::TwentyFourHour,
            &PlatformFacts::Android(all_well()),
            &plan_held(&store, true),
        )
        .unwrap();
    assert!(
        h.checks
            .iter()
            .all(|c| c.item != HealthItem::PlanZone || c.status == HealthStatus::Ok)
    );
}

#[test]
fn a_late_inexact_alarm_is_still_with_the_phone() {
    let (_dir, mut store) = participant(false);
    let f = facts(0b01001, &[]); // notifications on, exact alarms denied, battery fine
    // Applied on Sunday, and again at 13:10 on Monday (the group's 13:00 alarm not fired yet).
    let sunday = plan_held(&store, false);
    let applied_at = Utc.with_ymd_and_hms(2025, 6, 2, 13, 10, 0).unwrap();
    let ctx = ReminderContext {
        now: applied_at,
        zone: NY.into(),
        platform: ReminderPlatform::Android,
        clock_style: ClockStyle::TwelveHour,
        exact_alarms_allowed: false,
        os_cleared: false,
    };
    let held = store
        .reminder_changes_for(&ctx, &sunday)
        .unwrap()
        .held_after;
    assert!(held.iter().any(|h| h.fire_at < applied_at));
    store
        .record_reminders_applied(applied_at, NY, ClockStyle::TwentyFourHour, &held)
        .unwrap();
    let later = applied_at + Duration::minutes(20);
    let h = store
        .reminder_health(
            later,
            NY,
            ClockStyle::TwelveHour,
            &PlatformFacts::Android(f),
            &held,
        )
        .unwrap();
    let handed = h
        .checks
        .iter()
        .find(|c| c.item == HealthItem::PlanHandedOver)
        .unwrap();
    assert_eq!(handed.status, HealthStatus::Ok, "{handed:?}");
    // The next one is Wednesday's, in the 12-hour clock.
    let next = h.next.unwrap();
    assert_eq!(
        next.fire_at,
        Utc.with_ymd_and_hms(2025, 6, 4, 13, 0, 0).unwrap()
    );
    assert_eq!(
        next.notification.body,
        "You have an appointment at 10:00 AM."
    );
    assert!(next.held && !next.exact);
}

#[test]
fn bad_input_is_refused() {
    let (_dir, store) = participant(true);
    let f = PlatformFacts::Android(all_well());
    assert!(
        store
            .reminder_health(now(), "Mars/Base", ClockStyle::TwelveHour, &f, &[])
            .is_err()
    );
    assert!(
        store
            .reminder_health(
                DateTime::<Utc>::MAX_UTC,
                NY,
                ClockStyle::TwelveHour,
                &f,
                &[]
            )
            .is_err()
    );
}

#[test]
fn today_shows_the_notice_reminder_health_gives() {
    let (_dir, mut store) = participant(true);
    let today = |store: &Store, facts: AndroidFacts, held: &[HeldReminder]| {
        let r = companion_core::ReminderFacts {
            facts: PlatformFacts::Android(facts),
            held: held.to_vec(),
        };
        store
            .today_screen(now(), NY, ClockStyle::TwelveHour, Some(&r))
            .unwrap()
            .reminder_notice
    };
    // Something planned, notifications never asked for: Today is where to ask.
    let never_asked = facts(0b01110, &[]);
    assert_eq!(
        today(&store, never_asked.clone(), &[]),
        Some(ReminderNotice::AskPermission)
    );
    let card = companion_core::reminder_card(ReminderNotice::AskPermission);
    assert_eq!(card.button, "Allow notifications");
    let r = companion_core::ReminderFacts {
        facts: PlatformFacts::Android(never_asked.clone()),
        held: Vec::new(),
    };
    assert_eq!(
        store
            .today_screen(now(), NY, ClockStyle::TwelveHour, Some(&r))
            .unwrap()
            .reminder_card,
        Some(card)
    );
    assert_eq!(
        companion_core::reminder_card(ReminderNotice::NeedsAttention { problems: 2 }).detail,
        "2 things may stop them from reaching you."
    );
    assert_eq!(
        today(&store, never_asked.clone(), &[]),
        health(&store, &never_asked, &[]).notice
    );
    // All well and the plan handed over just now: nothing to say.
    let held = plan_held(&store, true);
    store
        .record_reminders_applied(now(), NY, ClockStyle::TwentyFourHour, &held)
        .unwrap();
    assert_eq!(today(&store, all_well(), &held), None);
    // The OS lost them (a force stop): the card says how many checks need the participant.
    let lost = today(&store, all_well(), &[]);
    assert!(
        matches!(lost, Some(ReminderNotice::NeedsAttention { problems }) if problems >= 1),
        "{lost:?}"
    );
    assert_eq!(lost, health(&store, &all_well(), &[]).notice);
    // Its words: the verdict, each fix's button, the next reminder's time.
    let h = store
        .reminder_health(
            now(),
            NY,
            ClockStyle::TwelveHour,
            &PlatformFacts::Android(facts(0b01110, &[])),
            &[],
        )
        .unwrap();
    assert_eq!(h.overall_label, "Reminders need your attention");
    let ask = h
        .checks
        .iter()
        .find(|c| c.fix == Some(companion_core::HealthFix::RequestNotificationPermission))
        .unwrap();
    assert_eq!(ask.fix_label.as_deref(), Some("Allow notifications"));
    assert!(
        h.checks
            .iter()
            .all(|c| c.fix.is_some() == c.fix_label.is_some())
    );
    // Sunday noon UTC is 8:00 AM in New York: next is the check-in reminder at 20:00.
    assert_eq!(h.next.unwrap().label, "Today at 8:00 PM");
    assert_eq!(h.last_applied_label.as_deref(), Some("Today at 8:00 AM"));
    // The terminal gives no facts: no notice.
    assert_eq!(
        store
            .today_screen(now(), NY, ClockStyle::TwelveHour, None)
            .unwrap()
            .reminder_notice,
        None
    );
}
