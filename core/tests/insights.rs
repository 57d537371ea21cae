//! Insights and chart series on real SQLite stores, against figures worked out by hand.

use chrono::{DateTime, Days, NaiveDate, Utc};
use companion_core::{
    CheckInEdit, ContactFields, ContactRole, Error, Insights, MAX_SERIES_DAYS, NudgeReason, Store,
    Trend,
};
use tempfile::TempDir;

mod common;

/// Wednesday; June starts nine days before, the ISO week two days before.
const T: (i32, u32, u32) = (2026, 6, 10);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t() -> NaiveDate {
    d(T.0, T.1, T.2)
}

/// `n` days before (negative) or after `date`.
fn off(date: NaiveDate, n: i64) -> NaiveDate {
    if n < 0 {
        date - Days::new(n.unsigned_abs())
    } else {
        date + Days::new(n as u64)
    }
}

fn open() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    (dir, store)
}

fn edit(mood: u8, craving: Option<u8>, sleep: Option<f64>) -> CheckInEdit {
    CheckInEdit {
        mood: Some(mood),
        craving,
        sleep_hours: sleep,
        note: Some("a private note that no insight repeats".into()),
        ..Default::default()
    }
}

/// A store with check-ins `(days from T, mood, craving, sleep)`.
fn store_with(days: &[(i64, u8, Option<u8>, Option<f64>)]) -> (TempDir, Store) {
    let (dir, mut store) = open();
    for &(n, mood, craving, sleep) in days {
        store
            .record_checkin(off(t(), n), &edit(mood, craving, sleep))
            .unwrap();
    }
    (dir, store)
}

/// The nudge's reasons for check-ins `(days from T, mood, craving)`, as of `today`.
fn reasons_at(today: NaiveDate, days: &[(i64, u8, Option<u8>)]) -> Vec<NudgeReason> {
    let days: Vec<_> = days.iter().map(|&(n, m, c)| (n, m, c, None)).collect();
    let (_dir, store) = store_with(&days);
    store
        .insights(today)
        .unwrap()
        .nudge
        .map(|n| n.reasons)
        .unwrap_or_default()
}

fn reasons(days: &[(i64, u8, Option<u8>)]) -> Vec<NudgeReason> {
    reasons_at(t(), days)
}

fn minutes(hours: Option<f64>) -> Option<i64> {
    hours.map(|h| (h * 60.0).round() as i64)
}

#[test]
fn an_empty_store() {
    let (_dir, store) = open();
    let i = store.insights(t()).unwrap();
    assert_eq!(i.today, t());
    assert!(!i.checked_in_today);
    assert_eq!(
        (i.total_checkins, i.first_checkin, i.latest_checkin),
        (0, None, None)
    );
    assert_eq!((i.this_week, i.this_month), (0, 0));
    assert_eq!((i.current_run, i.longest_run), (0, 0));
    for w in [&i.last_7_days, &i.last_30_days] {
        assert_eq!((w.checkins, w.missed), (0, 0));
        assert_eq!(
            (w.mood.mean, w.mood.count, w.mood.trend),
            (None, 0, Trend::NotEnoughData)
        );
        assert_eq!(w.craving.mean, None);
        assert_eq!((w.sleep_hours, w.sleep_count), (None, 0));
    }
    assert_eq!(i.last_7_days.from, off(t(), -6));
    assert_eq!(i.last_30_days.from, off(t(), -29));
    assert_eq!(
        i.sleep_and_mood.short_nights + i.sleep_and_mood.other_nights,
        0
    );
    assert_eq!(i.nudge, None);

    let series = store.mood_series(t(), 30).unwrap();
    assert_eq!(series.len(), 30);
    assert_eq!(series[0].date, off(t(), -29));
    assert_eq!(series[29].date, t());
    assert!(
        series
            .iter()
            .all(|p| p.mood.is_none() && p.craving.is_none() && !p.missed)
    );
}

#[test]
fn a_single_day() {
    let (_dir, store) = store_with(&[(0, 6, Some(2), Some(7.5))]);
    let i = store.insights(t()).unwrap();
    assert!(i.checked_in_today);
    assert_eq!((i.total_checkins, i.first_checkin), (1, Some(t())));
    assert_eq!((i.this_week, i.this_month), (1, 1));
    assert_eq!((i.current_run, i.longest_run), (1, 1));
    let w = &i.last_7_days;
    assert_eq!((w.checkins, w.missed), (1, 0));
    assert_eq!((w.mood.mean, w.mood.count), (Some(6.0), 1));
    assert_eq!(w.mood.trend, Trend::NotEnoughData);
    assert_eq!(w.craving.mean, Some(2.0));
    assert_eq!(w.sleep_hours, Some(7.5));
    assert_eq!(i.nudge, None);

    // The next day is not over: the run holds and nothing is missed yet.
    let i = store.insights(off(t(), 1)).unwrap();
    assert!(!i.checked_in_today);
    assert_eq!((i.current_run, i.longest_run), (1, 1));
    assert_eq!((i.last_7_days.checkins, i.last_7_days.missed), (1, 0));
    // The day after, the run is over, one day missed, and the history stays.
    let i = store.insights(off(t(), 2)).unwrap();
    assert_eq!((i.current_run, i.longest_run, i.total_checkins), (0, 1, 1));
    assert_eq!((i.last_7_days.checkins, i.last_7_days.missed), (1, 1));
    // The day before, the check-in has not happened yet.
    let i = store.insights(off(t(), -1)).unwrap();
    assert_eq!(
        (i.total_checkins, i.first_checkin, i.current_run),
        (0, None, 0)
    );

    let series = store.mood_series(t(), 1).unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(
        (
            series[0].date,
            series[0].mood,
            series[0].craving,
            series[0].sleep_hours
        ),
        (t(), Some(6), Some(2), Some(7.5))
    );
}

/// Check-ins with gaps, today not checked in yet:
///
/// | day | -13 | -12 | -11 | -10 | -9 | -8 | -7 | -6 | -5 | -4 | -3 | -2 | -1 | 0 |
/// |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
/// | mood | 4 | 5 | · | 4 | · | 5 | · | 6 | 7 | · | 6 | 7 | 8 | · |
/// | craving | 6 | 5 | · | 6 | · | 5 | · | 4 | 3 | · | – | 2 | 1 | · |
/// | sleep | 5.0 | 5.5 | · | 6.0 | · | 7.0 | · | 7.0 | 8.0 | · | – | 5.5 | 7.5 | · |
fn gaps() -> (TempDir, Store) {
    store_with(&[
        (-13, 4, Some(6), Some(5.0)),
        (-12, 5, Some(5), Some(5.5)),
        (-10, 4, Some(6), Some(6.0)),
        (-8, 5, Some(5), Some(7.0)),
        (-6, 6, Some(4), Some(7.0)),
        (-5, 7, Some(3), Some(8.0)),
        (-3, 6, None, None),
        (-2, 7, Some(2), Some(5.5)),
        (-1, 8, Some(1), Some(7.5)),
    ])
}

#[test]
fn gaps_counts_runs_and_averages() {
    let (_dir, store) = gaps();
    let i: Insights = store.insights(t()).unwrap();
    assert!(!i.checked_in_today);
    assert_eq!(i.total_checkins, 9);
    assert_eq!(i.first_checkin, Some(off(t(), -13)));
    assert_eq!(i.latest_checkin, Some(off(t(), -1)));
    // Monday is day -2; June 1 is day -9.
    assert_eq!((i.this_week, i.this_month), (2, 6));
    // -3, -2, -1; today is not over. The longest is the same three.
    assert_eq!((i.current_run, i.longest_run), (3, 3));

    let w = &i.last_7_days;
    assert_eq!(
        (w.days, w.from, w.checkins, w.missed),
        (7, off(t(), -6), 5, 1)
    );
    // 6+7+6+7+8 = 34 over 5, against 4+5+4+5 = 18 over 4 the week before.
    assert_eq!((w.mood.mean, w.mood.count), (Some(6.8), 5));
    assert_eq!(
        (w.mood.previous_mean, w.mood.previous_count),
        (Some(4.5), 4)
    );
    assert_eq!(w.mood.trend, Trend::Up);
    // 4+3+2+1 = 10 over 4 (day -3 has none), against 22 over 4.
    assert_eq!((w.craving.mean, w.craving.count), (Some(2.5), 4));
    assert_eq!(w.craving.previous_mean, Some(5.5));
    assert_eq!(w.craving.trend, Trend::Down);
    // 7 + 8 + 5.5 + 7.5 = 28 over 4.
    assert_eq!((w.sleep_hours, w.sleep_count), (Some(7.0), 4));

    let m = &i.last_30_days;
    // Missed: -11, -9, -7, -4; nothing before the first check-in, not today.
    assert_eq!((m.days, m.checkins, m.missed), (30, 9, 4));
    // 52 over 9 = 5.78; nothing in the 30 days before.
    assert_eq!((m.mood.mean, m.mood.count), (Some(5.8), 9));
    assert_eq!(
        (m.mood.previous_mean, m.mood.trend),
        (None, Trend::NotEnoughData)
    );
    assert_eq!(m.craving.mean, Some(4.0));
    // 51.5 h over 8 = 6 h 26.25 min, to the minute.
    assert_eq!((minutes(m.sleep_hours), m.sleep_count), (Some(386), 8));

    // Short nights (under 6 h): days -13, -12, -2, moods 4, 5, 7. Six hours is not short:
    // day -10 is among the others, -8, -6, -5, -1, moods 4, 5, 6, 7, 8.
    let s = &i.sleep_and_mood;
    assert_eq!((s.days, s.short_nights, s.other_nights), (30, 3, 5));
    assert_eq!(s.mood_after_short_nights, Some(5.3));
    assert_eq!(s.mood_after_other_nights, Some(6.0));
    assert_eq!(i.nudge, None);

    // One missed day fewer once today is checked in; the run grows.
    let mut store = store;
    store.record_checkin(t(), &edit(7, None, None)).unwrap();
    let i = store.insights(t()).unwrap();
    assert_eq!((i.current_run, i.longest_run, i.total_checkins), (4, 4, 10));
    assert_eq!((i.last_7_days.checkins, i.last_7_days.missed), (6, 1));
}

#[test]
fn gaps_series_has_a_point_per_day() {
    let (_dir, store) = gaps();
    let series = store.mood_series(t(), 14).unwrap();
    assert_eq!(series.len(), 14);
    let dates: Vec<_> = series.iter().map(|p| p.date).collect();
    let expected: Vec<_> = (-13..=0).map(|n| off(t(), n)).collect();
    assert_eq!(dates, expected);
    let moods: Vec<_> = series.iter().map(|p| p.mood).collect();
    assert_eq!(
        moods,
        [
            Some(4),
            Some(5),
            None,
            Some(4),
            None,
            Some(5),
            None,
            Some(6),
            Some(7),
            None,
            Some(6),
            Some(7),
            Some(8),
            None
        ]
    );
    // Missed: -11, -9, -7, -4; not today, which is not over.
    let missed: Vec<_> = (-13..=0)
        .zip(&series)
        .filter(|(_, p)| p.missed)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(missed, [-11, -9, -7, -4]);
    assert_eq!(series[10].craving, None);
    assert_eq!(series[11].craving, Some(2));
    assert_eq!(series[11].sleep_hours, Some(5.5));
    // A longer window reaches before the first check-in: those days are not missed.
    let series = store.mood_series(t(), 90).unwrap();
    assert_eq!(series.len(), 90);
    assert_eq!(series.iter().filter(|p| p.mood.is_some()).count(), 9);
    assert_eq!(series.iter().filter(|p| p.missed).count(), 4);
    // A week later, the days since are missed too (today is not).
    let series = store.mood_series(off(t(), 7), 10).unwrap();
    assert_eq!(series.iter().filter(|p| p.mood.is_some()).count(), 2);
    assert_eq!(series.iter().filter(|p| p.missed).count(), 7);
}

#[test]
fn series_length_is_checked() {
    let (_dir, store) = gaps();
    for days in [0, MAX_SERIES_DAYS + 1, u32::MAX] {
        match store.mood_series(t(), days) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "days"),
            other => panic!("{days}: {other:?}"),
        }
    }
    assert_eq!(
        store.mood_series(t(), MAX_SERIES_DAYS).unwrap().len(),
        MAX_SERIES_DAYS as usize
    );
    for today in [d(1899, 12, 31), d(2201, 1, 1)] {
        match store.insights(today) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "today"),
            other => panic!("{other:?}"),
        }
        assert!(store.mood_series(today, 7).is_err());
    }
}

#[test]
fn trends_turn_at_half_a_point_with_three_values_each() {
    let trend = |before: &[u8], now: &[u8]| {
        let mut days = Vec::new();
        for (k, m) in before.iter().enumerate() {
            days.push((-13 + k as i64, *m, Some(*m), None));
        }
        for (k, m) in now.iter().enumerate() {
            days.push((-6 + k as i64, *m, Some(*m), None));
        }
        let (_dir, store) = store_with(&days);
        let w = store.insights(t()).unwrap().last_7_days;
        assert_eq!(w.mood.trend, w.craving.trend);
        w.mood.trend
    };
    // 5.5 against 5: exactly the delta.
    assert_eq!(trend(&[5, 5, 5], &[5, 5, 6, 6]), Trend::Up);
    // 5.25 against 5: below it.
    assert_eq!(trend(&[5, 5, 5], &[5, 5, 5, 6]), Trend::Steady);
    assert_eq!(trend(&[5, 5, 5], &[5, 5, 4, 4]), Trend::Down);
    assert_eq!(trend(&[5, 5, 5], &[5, 5, 5, 4]), Trend::Steady);
    // A non-terminating mean: 16/3 against 5 is 0.33 up; 17/3 against 5 is 0.67 up.
    assert_eq!(trend(&[5, 5, 5], &[5, 5, 6]), Trend::Steady);
    assert_eq!(trend(&[5, 5, 5], &[5, 6, 6]), Trend::Up);
    // Three values in each window are needed, two are not.
    assert_eq!(trend(&[5, 5], &[9, 9, 9]), Trend::NotEnoughData);
    assert_eq!(trend(&[5, 5, 5], &[9, 9]), Trend::NotEnoughData);
    assert_eq!(trend(&[5, 5, 5], &[9, 9, 9]), Trend::Up);
}

#[test]
fn sleep_comparison_needs_three_nights_in_each_group() {
    let (_dir, store) = store_with(&[
        (-4, 3, None, Some(5.9)),
        (-3, 4, None, Some(5.0)),
        (-2, 7, None, Some(6.0)),
        (-1, 8, None, Some(8.0)),
        (0, 6, None, Some(7.0)),
    ]);
    let s = store.insights(t()).unwrap().sleep_and_mood;
    assert_eq!((s.short_nights, s.other_nights), (2, 3));
    assert_eq!(
        (s.mood_after_short_nights, s.mood_after_other_nights),
        (None, None)
    );
    let mut store = store;
    store
        .record_checkin(off(t(), -5), &edit(2, None, Some(4.0)))
        .unwrap();
    let s = store.insights(t()).unwrap().sleep_and_mood;
    assert_eq!((s.short_nights, s.other_nights), (3, 3));
    // 3+4+2 = 9 over 3; 7+8+6 = 21 over 3.
    assert_eq!(s.mood_after_short_nights, Some(3.0));
    assert_eq!(s.mood_after_other_nights, Some(7.0));
}

/// Three years: a check-in every day but every tenth (day 9, 19, …), except day 509, which
/// makes one run of 19 days. Day i has mood i % 10 + 1, craving 10 − mood and sleep
/// 5 + i % 4 hours. Day 1094 is today, 2026-06-10.
#[test]
fn three_years() {
    let first = d(2023, 6, 12);
    let (_dir, mut store) = open();
    for i in 0..1095u64 {
        if i % 10 == 9 && i != 509 {
            continue;
        }
        let mood = (i % 10 + 1) as u8;
        let edit = CheckInEdit {
            mood: Some(mood),
            craving: Some(10 - mood),
            sleep_hours: Some(5.0 + (i % 4) as f64),
            ..Default::default()
        };
        store.record_checkin(first + Days::new(i), &edit).unwrap();
    }
    let today = first + Days::new(1094);
    assert_eq!(today, t());
    let i = store.insights(today).unwrap();
    // 1095 days, 109 of them a tenth day, one of those checked in.
    assert_eq!(i.total_checkins, 987);
    assert_eq!(i.first_checkin, Some(first));
    assert!(i.checked_in_today);
    // Days 1090..=1094; days 500..=518.
    assert_eq!((i.current_run, i.longest_run), (5, 19));
    // Monday June 8 is day 1092; June 1 is day 1085, and day 1089 is missed.
    assert_eq!((i.this_week, i.this_month), (3, 9));

    // Days 1088..=1094 without 1089: moods 9, 1, 2, 3, 4, 5 = 24 over 6; the week before,
    // days 1081..=1087, moods 2..=8 = 35 over 7.
    let w = &i.last_7_days;
    assert_eq!((w.checkins, w.missed), (6, 1));
    assert_eq!(
        (w.mood.mean, w.mood.previous_mean, w.mood.trend),
        (Some(4.0), Some(5.0), Trend::Down)
    );
    assert_eq!(
        (w.craving.mean, w.craving.previous_mean, w.craving.trend),
        (Some(6.0), Some(5.0), Trend::Up)
    );
    // Sleep 5, 7, 8, 5, 6, 7 = 38 h over 6.
    assert_eq!(minutes(w.sleep_hours), Some(380));

    // Days 1065..=1094 miss 1069, 1079, 1089; moods sum to 135 over 27, as in the 30 days
    // before.
    let m = &i.last_30_days;
    assert_eq!((m.checkins, m.missed), (27, 3));
    assert_eq!(
        (m.mood.mean, m.mood.count, m.mood.previous_mean),
        (Some(5.0), 27, Some(5.0))
    );
    assert_eq!(
        (m.mood.trend, m.craving.trend),
        (Trend::Steady, Trend::Steady)
    );
    // 195 h over the 30 days, less 6 + 8 + 6 on the missed ones: 175 h over 27.
    assert_eq!(minutes(m.sleep_hours), Some(389));
    // Short nights on days divisible by 4: 1068, 1072, …, 1092, moods 9, 3, 7, 1, 5, 9, 3.
    let s = &i.sleep_and_mood;
    assert_eq!((s.short_nights, s.other_nights), (7, 20));
    assert_eq!(s.mood_after_short_nights, Some(5.3));
    assert_eq!(s.mood_after_other_nights, Some(4.9));
    assert_eq!(i.nudge, None);

    let series = store.mood_series(today, 90).unwrap();
    assert_eq!(series.len(), 90);
    // Days 1005..=1094 miss 1009, 1019, …, 1089.
    assert_eq!(series.iter().filter(|p| p.mood.is_some()).count(), 81);
    assert_eq!(series.iter().filter(|p| p.craving.is_some()).count(), 81);
    assert_eq!(series.iter().filter(|p| p.missed).count(), 9);
    assert_eq!(store.mood_series(today, 366).unwrap().len(), 366);

    // Two years back the same rules hold on the same store.
    let then = first + Days::new(518);
    let i = store.insights(then).unwrap();
    assert_eq!((i.current_run, i.longest_run), (19, 19));
    assert_eq!(i.total_checkins, 519 - 51 + 1);
}

// Time zones: check-ins are keyed by the participant's local date.

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Records a check-in for the participant's local date at `now` in `zone`.
fn check_in_at(store: &mut Store, now: &str, zone: &str, mood: u8) -> NaiveDate {
    let date = store.today(at(now), zone).unwrap().date;
    store.record_checkin(date, &edit(mood, None, None)).unwrap();
    date
}

#[test]
fn the_same_instant_on_two_local_dates() {
    let (_dir, mut store) = open();
    check_in_at(&mut store, "2026-06-08T15:00:00Z", "America/Chicago", 6);
    check_in_at(&mut store, "2026-06-09T15:00:00Z", "America/Chicago", 7);
    // 03:30 UTC on June 10 is 22:30 on June 9 in Chicago and 12:30 on June 10 in Tokyo.
    let now = at("2026-06-10T03:30:00Z");
    let chicago = store
        .insights(store.today(now, "America/Chicago").unwrap().date)
        .unwrap();
    let tokyo = store
        .insights(store.today(now, "Asia/Tokyo").unwrap().date)
        .unwrap();
    assert_eq!(
        (chicago.today, tokyo.today),
        (d(2026, 6, 9), d(2026, 6, 10))
    );
    assert!(chicago.checked_in_today);
    assert!(!tokyo.checked_in_today);
    assert_eq!((chicago.current_run, tokyo.current_run), (2, 2));
    assert_eq!(chicago.last_7_days.from, d(2026, 6, 3));
    assert_eq!(tokyo.last_7_days.from, d(2026, 6, 4));
    // The participant in Tokyo checks in; for Chicago at that instant it is tomorrow's.
    check_in_at(&mut store, "2026-06-10T03:30:00Z", "Asia/Tokyo", 8);
    let chicago = store.insights(d(2026, 6, 9)).unwrap();
    let tokyo = store.insights(d(2026, 6, 10)).unwrap();
    assert_eq!((chicago.total_checkins, tokyo.total_checkins), (2, 3));
    assert_eq!((chicago.current_run, tokyo.current_run), (2, 3));
    assert_eq!(chicago.last_7_days.mood.mean, Some(6.5));
    assert_eq!(tokyo.last_7_days.mood.mean, Some(7.0));
}

#[test]
fn a_trip_west_over_the_date_line_skips_a_date() {
    let (_dir, mut store) = open();
    // June 1 to 5 in Honolulu (UTC−10), each morning.
    for day in 1..=5 {
        let date = check_in_at(
            &mut store,
            &format!("2026-06-{:02}T19:00:00Z", day),
            "Pacific/Honolulu",
            6,
        );
        assert_eq!(date, d(2026, 6, day));
    }
    // A flight from 18:00 June 5 in Honolulu lands in Auckland (UTC+12) at 06:00 June 7:
    // June 6 never happens for the participant.
    assert_eq!(
        store
            .today(at("2026-06-06T04:00:00Z"), "Pacific/Honolulu")
            .unwrap()
            .date,
        d(2026, 6, 5)
    );
    assert_eq!(
        store
            .today(at("2026-06-06T18:00:00Z"), "Pacific/Auckland")
            .unwrap()
            .date,
        d(2026, 6, 7)
    );
    check_in_at(&mut store, "2026-06-06T20:00:00Z", "Pacific/Auckland", 7);
    check_in_at(&mut store, "2026-06-07T20:00:00Z", "Pacific/Auckland", 7);
    let i = store.insights(d(2026, 6, 8)).unwrap();
    // Dates are calendar days: the skipped June 6 reads as a missed day, and the history
    // before it stays.
    assert_eq!(i.total_checkins, 7);
    assert_eq!((i.current_run, i.longest_run), (2, 5));
    assert_eq!((i.last_7_days.checkins, i.last_7_days.missed), (6, 1));
    assert_eq!(i.last_30_days.missed, 1);
    let series = store.mood_series(d(2026, 6, 8), 8).unwrap();
    let missing: Vec<_> = series
        .iter()
        .filter(|p| p.mood.is_none())
        .map(|p| p.date)
        .collect();
    assert_eq!(missing, [d(2026, 6, 6)]);
    assert!(series[5].missed);
}

#[test]
fn a_trip_east_over_the_date_line_repeats_a_date() {
    let (_dir, mut store) = open();
    // June 8 to 10 in Auckland (UTC+12), at 08:00.
    for day in 8..=10 {
        check_in_at(
            &mut store,
            &format!("2026-06-{:02}T20:00:00Z", day - 1),
            "Pacific/Auckland",
            6,
        );
    }
    // Leaving Auckland at 10:00 on June 10, landing in Honolulu nine hours later, at 21:00 on
    // June 9: the participant lives June 9 and 10 again. On June 9 there, June 10's check-in
    // is ahead.
    let landed = at("2026-06-10T07:00:00Z");
    let date = store.today(landed, "Pacific/Honolulu").unwrap().date;
    assert_eq!(date, d(2026, 6, 9));
    let i = store.insights(date).unwrap();
    assert!(i.checked_in_today);
    assert_eq!((i.total_checkins, i.current_run), (2, 2));
    assert_eq!(i.latest_checkin, Some(d(2026, 6, 9)));
    // Checking in again on the second June 10 updates that day's check-in: one day, counted
    // once.
    check_in_at(&mut store, "2026-06-10T19:00:00Z", "Pacific/Honolulu", 8);
    let i = store.insights(d(2026, 6, 10)).unwrap();
    assert_eq!((i.total_checkins, i.current_run, i.longest_run), (3, 3, 3));
    assert_eq!((i.last_7_days.checkins, i.last_7_days.missed), (3, 0));
    assert_eq!(
        store.checkin(d(2026, 6, 10)).unwrap().map(|c| c.mood),
        Some(8)
    );
}

// The nudge, at each threshold and one step short of it. Moods are 6 unless the rule is
// about mood, so only the rule under test can fire.

#[test]
fn high_cravings_nudge_at_8_on_two_of_the_last_three() {
    use NudgeReason::HighCravings;
    assert_eq!(
        reasons(&[(-2, 6, Some(8)), (-1, 6, Some(8))]),
        [HighCravings]
    );
    assert!(reasons(&[(-2, 6, Some(8)), (-1, 6, Some(7))]).is_empty());
    assert!(reasons(&[(-2, 6, Some(7)), (-1, 6, Some(7))]).is_empty());
    assert_eq!(
        reasons(&[(-3, 6, Some(8)), (-2, 6, Some(7)), (-1, 6, Some(10))]),
        [HighCravings]
    );
    assert!(reasons(&[(-3, 6, Some(8)), (-2, 6, Some(7)), (-1, 6, Some(7))]).is_empty());
    // Only the last three count: two high ones before them do not.
    assert!(
        reasons(&[
            (-5, 6, Some(9)),
            (-4, 6, Some(9)),
            (-3, 6, Some(2)),
            (-2, 6, Some(2)),
            (-1, 6, Some(9))
        ])
        .is_empty()
    );
    // A check-in without a craving is not a high one.
    assert!(reasons(&[(-3, 6, Some(9)), (-2, 6, None), (-1, 6, None)]).is_empty());
    // Gaps do not matter within the seven days.
    assert_eq!(
        reasons(&[(-6, 6, Some(8)), (0, 6, Some(8))]),
        [HighCravings]
    );
}

#[test]
fn high_cravings_count_only_within_seven_days() {
    use NudgeReason::HighCravings;
    let days = [(-7, 6, Some(9)), (-6, 6, Some(9))];
    // Day -7 is outside the seven days ending today (-6..=0), inside those ending yesterday.
    assert!(reasons(&days).is_empty());
    assert_eq!(reasons_at(off(t(), -1), &days), [HighCravings]);
}

#[test]
fn a_sharp_mood_drop_nudges_at_three_below_the_week_before() {
    use NudgeReason::MoodDrop;
    assert_eq!(
        reasons(&[(-3, 7, None), (-2, 7, None), (-1, 4, None)]),
        [MoodDrop]
    );
    assert!(reasons(&[(-3, 7, None), (-2, 7, None), (-1, 5, None)]).is_empty());
    // Today's check-in is the latest too.
    assert_eq!(
        reasons(&[(-2, 7, None), (-1, 7, None), (0, 4, None)]),
        [MoodDrop]
    );
    // A mean of 7.5: 4 is 3.5 below, 5 only 2.5.
    assert_eq!(
        reasons(&[(-3, 8, None), (-2, 7, None), (-1, 4, None)]),
        [MoodDrop]
    );
    assert!(reasons(&[(-3, 8, None), (-2, 7, None), (-1, 5, None)]).is_empty());
    // One check-in before is not enough to compare with.
    assert!(reasons(&[(-2, 10, None), (-1, 4, None)]).is_empty());
    // The week before the latest check-in is days -8..=-2 here; day -9 is not in it.
    assert!(reasons(&[(-9, 10, None), (-8, 7, None), (-1, 4, None)]).is_empty());
    assert_eq!(
        reasons(&[(-9, 10, None), (-8, 7, None), (-2, 7, None), (-1, 4, None)]),
        [MoodDrop]
    );
}

#[test]
fn mood_rules_need_a_check_in_from_today_or_yesterday() {
    use NudgeReason::{MoodDrop, VeryLowMood};
    let days = [(-4, 7, None), (-3, 7, None), (-2, 1, None)];
    assert!(reasons(&days).is_empty());
    assert_eq!(reasons_at(off(t(), -1), &days), [VeryLowMood, MoodDrop]);
}

#[test]
fn a_very_low_mood_nudges_at_2() {
    use NudgeReason::VeryLowMood;
    assert_eq!(reasons(&[(0, 2, None)]), [VeryLowMood]);
    assert_eq!(reasons(&[(-1, 1, None)]), [VeryLowMood]);
    assert!(reasons(&[(0, 3, None)]).is_empty());
    assert!(reasons(&[(-2, 1, None)]).is_empty());
}

#[test]
fn the_nudge_names_up_to_three_contacts_and_no_crisis_line() {
    use NudgeReason::{HighCravings, MoodDrop, VeryLowMood};
    let (_dir, mut store) = store_with(&[
        (-3, 8, Some(9), None),
        (-2, 8, Some(9), None),
        (-1, 1, Some(3), None),
    ]);
    let i = store.insights(t()).unwrap();
    let nudge = i.nudge.expect("a nudge");
    assert_eq!(nudge.reasons, [VeryLowMood, MoodDrop, HighCravings]);
    assert!(nudge.contacts.is_empty());
    assert!(!nudge.message.is_empty());

    let add = |store: &mut Store, name: &str, role, favourite, order| {
        store
            .add_contact(&ContactFields {
                name: Some(name.into()),
                role: Some(role),
                favourite: Some(favourite),
                order: Some(order),
                ..Default::default()
            })
            .unwrap()
            .id
    };
    add(
        &mut store,
        "Therapist Ana",
        ContactRole::Therapist,
        false,
        2,
    );
    let sam = add(&mut store, "Sam", ContactRole::Sponsor, true, 5);
    add(&mut store, "Helpline", ContactRole::CrisisLine, true, 1);
    add(&mut store, "Peer Jo", ContactRole::Peer, false, 1);
    add(&mut store, "Mum", ContactRole::Family, false, 3);
    let nudge = store.insights(t()).unwrap().nudge.expect("a nudge");
    let names: Vec<_> = nudge.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Sam", "Peer Jo", "Therapist Ana"]);
    assert_eq!(nudge.contacts[0].id, sam);
    assert_eq!(nudge.contacts[0].role, ContactRole::Sponsor);
    // The message names nobody and repeats no figure or note.
    for c in ["Sam", "Jo", "Ana", "private", "1", "3", "8", "9"] {
        assert!(!nudge.message.contains(c), "{c}");
    }
}

#[test]
fn insights_serialize_with_stable_names() {
    let (_dir, store) = store_with(&[(-1, 2, Some(8), Some(5.0)), (0, 2, Some(8), None)]);
    let v = serde_json::to_value(store.insights(t()).unwrap()).unwrap();
    assert_eq!(v["today"], "2026-06-10");
    assert_eq!(v["last_7_days"]["mood"]["trend"], "not-enough-data");
    assert_eq!(
        v["nudge"]["reasons"],
        serde_json::json!(["very-low-mood", "high-cravings"])
    );
    assert!(!v.to_string().contains("private"));
}
