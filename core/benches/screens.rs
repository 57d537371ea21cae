//! The screens' state on a three-year store: Today (from a cold open, and warm, as every
//! resume draws it), Schedule, Reach out and Insights, and what Today's parts cost.
//!
//! Run: `cargo bench -p companion-core --features fixtures --bench screens` (figures go in
//! docs/benchmarks.md). Not a test: nothing here asserts time.

use std::time::{Duration, Instant};

mod common;
use common::{median, p90};

use chrono::{Days, Utc};
use companion_core::{
    AndroidFacts, ClockStyle, PlatformFacts, ReminderContext, ReminderFacts, ReminderPlatform,
    fixtures,
};

const ZONE: &str = "America/Chicago";
const COLD_RUNS: usize = 30;
const WARM_RUNS: usize = 1000;
const OTHER_RUNS: usize = 200;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Utc::now().date_naive() - Days::new(fixtures::THREE_YEARS_DAYS);
    {
        let mut store = common::open(dir.path());
        fixtures::three_years(&mut store, first).expect("three years");
    }
    let now = Utc::now();

    // Cold: open the store and draw Today, as a launch does.
    let mut cold = Vec::with_capacity(COLD_RUNS);
    let mut first_draw = Vec::with_capacity(COLD_RUNS);
    for _ in 0..COLD_RUNS {
        let t = Instant::now();
        let store = common::open(dir.path());
        let opened = t.elapsed();
        let s = Instant::now();
        store
            .today_screen(now, ZONE, ClockStyle::TwelveHour, None)
            .expect("today");
        first_draw.push(s.elapsed());
        cold.push(opened + s.elapsed());
    }

    let store = common::open(dir.path());
    let warm = measure(WARM_RUNS, || {
        store
            .today_screen(now, ZONE, ClockStyle::TwelveHour, None)
            .expect("today");
    });
    // As the Android app draws it: with the phone's facts and the alarms it holds.
    let held = store
        .reminder_changes_for(
            &ReminderContext {
                now,
                zone: ZONE.into(),
                platform: ReminderPlatform::Android,
                clock_style: ClockStyle::TwelveHour,
                exact_alarms_allowed: false,
                os_cleared: false,
            },
            &[],
        )
        .expect("changes")
        .held_after;
    let facts = ReminderFacts {
        facts: PlatformFacts::Android(AndroidFacts {
            notifications_enabled: true,
            can_ask_notification_permission: false,
            blocked_channels: Vec::new(),
            exact_alarms_allowed: false,
            ignoring_battery_optimizations: false,
            background_restricted: false,
        }),
        held,
    };
    let with_notice = measure(WARM_RUNS, || {
        store
            .today_screen(now, ZONE, ClockStyle::TwelveHour, Some(&facts))
            .expect("today");
    });
    let sessions = measure(WARM_RUNS, || {
        store.sessions().expect("sessions");
    });
    let contacts = measure(WARM_RUNS, || {
        store.contacts().expect("contacts");
    });
    let schedule = measure(OTHER_RUNS, || {
        store
            .schedule_screen(now, ZONE, ClockStyle::TwelveHour)
            .expect("schedule");
    });
    let reach_out = measure(OTHER_RUNS, || {
        store.reach_out_screen(None).expect("reach out");
    });
    let insights = measure(OTHER_RUNS, || {
        store
            .insights_screen(now, ZONE, Some(30))
            .expect("insights");
    });

    println!("| measure | median | p90 | runs |");
    println!("|---|---|---|---|");
    row("Today from a cold open (open + first draw)", &cold);
    row("of which: the first draw", &first_draw);
    row("Today, warm", &warm);
    row(
        "Today with the reminder notice (Android facts, the plan held), warm",
        &with_notice,
    );
    row("of which: every session, read", &sessions);
    row("of which: every contact, read", &contacts);
    row("Schedule (14 days), warm", &schedule);
    row("Reach out, warm", &reach_out);
    row("Insights (30 days), warm", &insights);
}

fn measure(runs: usize, mut call: impl FnMut()) -> Vec<Duration> {
    for _ in 0..runs / 10 {
        call();
    }
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            call();
            t.elapsed()
        })
        .collect()
}

fn row(what: &str, v: &[Duration]) {
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "| {what} | {:.0} µs | {:.0} µs | {} |",
        us(median(v)),
        us(p90(v)),
        v.len()
    );
}
