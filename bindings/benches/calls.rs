//! The same calls as bindings/kotlin-tests' FfiCallBenchmark, made from Rust through the same
//! wrappers: the difference is what crossing into Kotlin costs.
//!
//! Run: `cargo bench -p companion-ffi --bench calls` (figures go in docs/benchmarks.md).

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use companion_ffi::{
    CheckInInput, CompanionStore, HttpError, HttpRequest, HttpResponse, HttpTransport, LocalDate,
    LocalDateTime, RecurrenceRecord, SessionInput, Timestamp, Weekday,
};

/// These calls never reach the network.
struct NoNetwork;

#[async_trait::async_trait]
impl HttpTransport for NoNetwork {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, HttpError> {
        Err(HttpError::Offline)
    }
}

fn measure(runs: usize, mut call: impl FnMut(usize)) -> Vec<Duration> {
    for i in 0..runs / 5 {
        call(i);
    }
    (0..runs)
        .map(|i| {
            let t = Instant::now();
            call(i);
            t.elapsed()
        })
        .collect()
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (us(v[v.len() / 2]), us(v[v.len() * 9 / 10]))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = CompanionStore::open(
        dir.path().to_string_lossy().into_owned(),
        vec![7; 32],
        std::sync::Arc::new(NoNetwork),
    )
    .expect("open");
    store
        .add_session(SessionInput {
            title: Some("Process group".into()),
            start: NaiveDate::from_ymd_opt(2025, 1, 6)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .map(LocalDateTime),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            recurrence: Some(RecurrenceRecord {
                weekdays: vec![Weekday::Monday, Weekday::Wednesday, Weekday::Thursday],
                interval_weeks: 1,
                until: None,
                count: None,
            }),
            ..Default::default()
        })
        .expect("session");
    let now = Timestamp(Utc::now());
    let today = measure(2000, |_| {
        store.today(now, "America/New_York".into()).expect("today");
    });
    let first = Utc::now().date_naive() - Days::new(400);
    let checkins = measure(300, |i| {
        let date = LocalDate(first + Days::new(i as u64));
        store
            .record_checkin(
                date,
                CheckInInput {
                    mood: Some(6),
                    craving: Some(2),
                    note: Some("Good group today.".into()),
                    ..Default::default()
                },
            )
            .expect("check-in");
    });
    let (m, p) = stats(today);
    println!("| today(now, zone) from Rust | {m:.1} µs | {p:.1} µs | 2000 |");
    let (m, p) = stats(checkins);
    println!("| record_checkin from Rust (durable) | {m:.1} µs | {p:.1} µs | 300 |");
}
