//! Properties of the reminder plan over random schedules, zones and instants.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use companion_core::{
    PlannedReminder, PreferencesEdit, Recurrence, ReminderKind, SessionFields, Store,
};
use proptest::prelude::*;

mod common;

const ZONES: [&str; 8] = [
    "America/Chicago",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/St_Johns",
    "Pacific/Auckland",
    "UTC",
];
const LEADS: [u32; 7] = [0, 5, 15, 30, 60, 120, 1440];

#[derive(Debug, Clone)]
struct Spec {
    zone: usize,
    day: u64,
    hour: u32,
    minute: u32,
    duration: u32,
    leads: Vec<usize>,
    weekly: Option<(Vec<u32>, u32, Option<u32>)>,
    cancel: Vec<u64>,
    moves: Vec<(u64, i64)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..ZONES.len(),
        0u64..700,
        0u32..24,
        prop::sample::select(vec![0u32, 15, 30, 45]),
        15u32..240,
        prop::collection::vec(0..LEADS.len(), 1..3),
        prop::option::of((
            prop::collection::vec(0u32..7, 0..3),
            1u32..3,
            prop::option::of(1u32..60),
        )),
        prop::collection::vec(0u64..40, 0..3),
        prop::collection::vec((0u64..40, -2i64..3), 0..2),
    )
        .prop_map(
            |(zone, day, hour, minute, duration, leads, weekly, cancel, moves)| Spec {
                zone,
                day,
                hour,
                minute,
                duration,
                leads,
                weekly,
                cancel,
                moves,
            },
        )
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// Adds the session a spec describes; cancels and moves only land on real occurrences.
fn add(store: &mut Store, spec: &Spec) {
    let start_day = base() + Days::new(spec.day);
    let start = start_day.and_time(NaiveTime::from_hms_opt(spec.hour, spec.minute, 0).unwrap());
    let recurrence = spec.weekly.as_ref().map(|(days, interval, count)| {
        let mut weekdays: Vec<Weekday> = days
            .iter()
            .map(|d| Weekday::try_from(*d as u8).unwrap())
            .collect();
        weekdays.push(start_day.weekday());
        let mut r = Recurrence::weekly(&weekdays);
        r.interval_weeks = *interval;
        r.count = *count;
        r
    });
    let s = store
        .add_session(&SessionFields {
            title: Some("Group".into()),
            start: Some(start),
            time_zone: Some(ZONES[spec.zone].into()),
            duration_minutes: Some(spec.duration),
            recurrence: Some(recurrence),
            reminder_leads: Some(Some(spec.leads.iter().map(|&i| LEADS[i]).collect())),
            ..Default::default()
        })
        .unwrap();
    for offset in &spec.cancel {
        let date = start_day + Days::new(*offset);
        if s.has_occurrence_on(date) {
            store.cancel_occurrence(&s.id, date).unwrap();
        }
    }
    for (offset, shift) in &spec.moves {
        let date = start_day + Days::new(*offset);
        if s.has_occurrence_on(date) {
            let to = start + Duration::days(*offset as i64 + shift) + Duration::minutes(20);
            store.move_occurrence(&s.id, date, to, None).unwrap();
        }
    }
}

fn ids(plan: &[PlannedReminder]) -> Vec<&str> {
    plan.iter().map(|r| r.id.as_str()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn plans_are_exact_sorted_bounded_and_stable(
        specs in prop::collection::vec(spec(), 1..5),
        now_minutes in 0i64..(21 * 24 * 60),
        horizon in 1i64..31,
        max_count in 1usize..80,
        phone_zone in 0..ZONES.len(),
        later in 1i64..(24 * 60 * 3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = common::open(dir.path()).unwrap();
        store.edit_preferences(&PreferencesEdit {
            checkin_reminder: Some(Some(NaiveTime::from_hms_opt(2, 30, 0).unwrap())),
            ..Default::default()
        }).unwrap();
        for s in &specs {
            add(&mut store, s);
        }
        // Near the first session's start, where its reminders are.
        let now: DateTime<Utc> = (base() + Days::new(specs[0].day)).and_hms_opt(0, 0, 0).unwrap().and_utc()
            - Duration::days(7)
            + Duration::minutes(now_minutes);
        let zone = ZONES[phone_zone];
        let end = now + Duration::days(horizon);
        let plan = store.plan_reminders(now, zone, horizon, max_count).unwrap();
        let full = store.plan_reminders(now, zone, horizon, 500).unwrap();

        prop_assert!(plan.len() <= max_count);
        prop_assert_eq!(&plan[..], &full[..plan.len()]);
        prop_assert!(plan.windows(2).all(|w| w[0].fire_at <= w[1].fire_at), "sorted");
        let unique: HashSet<&str> = ids(&full).into_iter().collect();
        prop_assert_eq!(unique.len(), full.len(), "no duplicates");
        for r in &full {
            prop_assert!(r.fire_at > now && r.fire_at <= end, "in the window");
            if r.kind == ReminderKind::Session {
                let session = r.session_id.as_deref().unwrap();
                let o = store.occurrence(session, r.series_date.unwrap()).unwrap();
                prop_assert_ne!(o.status, companion_core::OccurrenceStatus::Cancelled);
                prop_assert_eq!(Some(o.start), r.starts_at);
                prop_assert_eq!(o.start - Duration::minutes(i64::from(r.lead_minutes.unwrap())), r.fire_at);
            }
        }

        // Complete: every lead of every live occurrence that fires in the window is there.
        let mut expected = 0;
        for s in store.sessions().unwrap() {
            let leads = s.reminder_leads.clone().unwrap_or_default();
            let mut date = s.start.date();
            let last = end.date_naive() + Days::new(8);
            while date <= last {
                if let Some(o) = s.occurrence(date)
                    && o.status != companion_core::OccurrenceStatus::Cancelled
                {
                    for lead in &leads {
                        let fire = o.start - Duration::minutes(i64::from(*lead));
                        if fire > now && fire <= end {
                            expected += 1;
                        }
                    }
                }
                date = date + Days::new(1);
            }
        }
        let sessions_planned = full.iter().filter(|r| r.kind == ReminderKind::Session).count();
        prop_assert_eq!(sessions_planned, expected);
        if std::env::var("SHOW_PLAN_SIZES").is_ok() {
            eprintln!("planned {} session reminders, {} in all", sessions_planned, full.len());
        }

        // Stable: again, from a second handle, and from a later instant for what both cover.
        prop_assert_eq!(&store.plan_reminders(now, zone, horizon, 500).unwrap(), &full);
        let other = common::open(dir.path()).unwrap();
        prop_assert_eq!(&other.plan_reminders(now, zone, horizon, 500).unwrap(), &full);
        let now2 = now + Duration::minutes(later);
        let plan2 = other.plan_reminders(now2, zone, horizon, 500).unwrap();
        let overlap = |p: &[PlannedReminder]| -> Vec<String> {
            p.iter().filter(|r| r.fire_at > now2 && r.fire_at <= end).map(|r| r.id.clone()).collect()
        };
        prop_assert_eq!(overlap(&full), overlap(&plan2));
    }
}
