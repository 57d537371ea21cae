//! Reminder planning: 64 reminders over 30 days for a participant with 40 recurring sessions.
//!
//! Run: `cargo bench -p companion-core --bench reminders` (figures go in docs/benchmarks.md).

use std::time::{Duration, Instant};

mod common;
use common::{median, p90};

use chrono::{Datelike, Days, NaiveTime, Utc};
use companion_core::{
    ClockStyle, ContactFields, HeldReminder, Recurrence, ReminderContext, ReminderPlatform,
    SessionFields, diff_reminders,
};

const SESSIONS: usize = 40;
const RUNS: usize = 300;
const ZONES: [&str; 4] = [
    "America/Chicago",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = common::open(dir.path());
    let first = Utc::now().date_naive() - Days::new(60);
    for i in 0..SESSIONS {
        let start = first + Days::new(i as u64 % 7);
        let mut days = vec![start.weekday()];
        if i % 2 == 0 {
            days.push(start.weekday().succ().succ());
        }
        let s =
            store
                .add_session(&SessionFields {
                    title: Some(format!("Group {i}")),
                    start: Some(start.and_time(
                        NaiveTime::from_hms_opt(8 + (i % 10) as u32, 0, 0).expect("time"),
                    )),
                    time_zone: Some(ZONES[i % ZONES.len()].into()),
                    duration_minutes: Some(90),
                    recurrence: Some(Some(Recurrence::weekly(&days))),
                    reminder_leads: Some(Some(vec![60, 15])),
                    location: Some("Main clinic".into()),
                    ..Default::default()
                })
                .expect("session");
        // A few cancelled occurrences, as a real schedule has.
        let upcoming = s.occurrences(Utc::now(), Utc::now() + chrono::Duration::days(30));
        if let Some(o) = upcoming.get(i % 3) {
            store
                .cancel_occurrence(&s.id, o.series_date)
                .expect("cancel");
        }
    }

    let now = Utc::now();
    let mut plans = Vec::with_capacity(RUNS);
    let mut diffs = Vec::with_capacity(RUNS);
    let mut planned = 0;
    let held: Vec<String> = store
        .plan_reminders(now, "America/Chicago", 30, 64)
        .expect("plan")
        .iter()
        .skip(5)
        .map(|r| r.id.clone())
        .collect();
    for _ in 0..RUNS {
        let t = Instant::now();
        let plan = store
            .plan_reminders(now, "America/Chicago", 30, 64)
            .expect("plan");
        plans.push(t.elapsed());
        planned = plan.len();
        let t = Instant::now();
        let diff = diff_reminders(&plan, &held);
        diffs.push(t.elapsed());
        assert_eq!(diff.schedule.len(), 5);
    }
    // The apply step as the iOS app calls it: the plan from an hour back, its last slot and
    // the words of every reminder it schedules, against what iOS holds.
    let ctx = ReminderContext {
        now,
        zone: "America/Chicago".into(),
        platform: ReminderPlatform::Ios,
        clock_style: ClockStyle::TwelveHour,
        exact_alarms_allowed: true,
        os_cleared: false,
    };
    let ios_held: Vec<HeldReminder> = store
        .reminder_changes_for(&ctx, &[])
        .expect("changes")
        .held_after
        .into_iter()
        .skip(5)
        .collect();
    store
        .record_reminders_applied(now, "America/Chicago", ClockStyle::TwelveHour, &ios_held)
        .expect("record");
    let mut applies = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let changes = store
            .reminder_changes_for(&ctx, &ios_held)
            .expect("changes");
        applies.push(t.elapsed());
        assert_eq!(changes.schedule.len(), 5);
    }
    // After any change to the document the kept sessions are read again: the first plan
    // after a save or a sync.
    let contact = store
        .add_contact(&ContactFields {
            name: Some("Ana".into()),
            ..Default::default()
        })
        .expect("contact");
    let mut after_change = Vec::with_capacity(RUNS / 3);
    for i in 0..RUNS / 3 {
        store
            .edit_contact(
                &contact.id,
                &ContactFields {
                    name: Some(format!("Ana {i}")),
                    ..Default::default()
                },
            )
            .expect("edit");
        let t = Instant::now();
        store
            .plan_reminders(now, "America/Chicago", 30, 64)
            .expect("plan");
        after_change.push(t.elapsed());
    }
    // Its parts: reading the sessions out of the document, and expanding them.
    let mut reads = Vec::with_capacity(RUNS);
    let mut expands = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let sessions = store.sessions().expect("sessions");
        reads.push(t.elapsed());
        let t = Instant::now();
        let n: usize = sessions
            .iter()
            .map(|s| s.occurrences(now, now + chrono::Duration::days(31)).len())
            .sum();
        expands.push(t.elapsed());
        assert!(n > 0);
    }
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("## Reminder benchmark ({})", Utc::now().format("%Y-%m-%d"));
    println!();
    println!(
        "{SESSIONS} recurring sessions in 4 zones, 2 lead times each, the daily check-in reminder on; plan of {planned} over 30 days."
    );
    println!();
    println!("| measure | median | p90 | runs |");
    println!("|---|---|---|---|");
    println!(
        "| plan_reminders (64 over 30 days) | {:.0} µs | {:.0} µs | {RUNS} |",
        us(median(&plans)),
        us(p90(&plans))
    );
    println!(
        "| plan_reminders right after a change (the sessions read again) | {:.0} µs | {:.0} µs | {} |",
        us(median(&after_change)),
        us(p90(&after_change)),
        after_change.len()
    );
    println!(
        "| reminder_changes_for (iOS: 63 and the last slot, 5 worded) | {:.0} µs | {:.0} µs | {RUNS} |",
        us(median(&applies)),
        us(p90(&applies))
    );
    println!(
        "| of which: the 40 sessions, kept since the last change | {:.0} µs | {:.0} µs | {RUNS} |",
        us(median(&reads)),
        us(p90(&reads))
    );
    println!(
        "| of which: expanding their occurrences over 31 days | {:.0} µs | {:.0} µs | {RUNS} |",
        us(median(&expands)),
        us(p90(&expands))
    );
    println!(
        "| diff_reminders against 59 held ids | {:.1} µs | {:.1} µs | {RUNS} |",
        us(median(&diffs)),
        us(p90(&diffs))
    );
}
