//! Every screen on three years of use (`fixtures::three_years`): drawn, consistent with the
//! store, and each screen's first draw after a change reads the change.

use chrono::{Days, Duration, Utc};
use companion_core::{ClockStyle, ReachOutAction, fixtures};

mod common;

const ZONE: &str = "America/Chicago";

#[test]
fn every_screen_draws_from_three_years_of_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let today = Utc::now().date_naive();
    let first = today - Days::new(fixtures::THREE_YEARS_DAYS);
    let built = fixtures::three_years(&mut store, first).unwrap();
    let now = Utc::now();
    let clock = ClockStyle::TwentyFourHour;

    let t = store.today_screen(now, ZONE, clock, None).unwrap();
    assert!(t.coming_up.len() <= companion_core::COMING_UP_MAX);
    assert_eq!(t.favourites.len(), 3);
    let schedule = store.schedule_screen(now, ZONE, clock).unwrap();
    assert_eq!(schedule.sessions.len(), built.sessions);
    assert!(schedule.days.iter().all(|d| !d.label.is_empty()));
    for range in companion_core::CHART_RANGES {
        let i = store.insights_screen(now, ZONE, Some(range)).unwrap();
        assert!(!i.empty);
        assert_eq!(i.chart.days, range);
    }
    let reach = store.reach_out_screen(None).unwrap();
    // Saved crisis lines are listed with the crisis lines, everyone else once.
    let saved_lines = store
        .contacts()
        .unwrap()
        .iter()
        .filter(|c| c.role == companion_core::ContactRole::CrisisLine)
        .count();
    assert_eq!(
        reach.favourites.len() + reach.others.len() + saved_lines,
        built.contacts
    );
    assert!(reach.crisis_lines.len() >= saved_lines);
    store.safety_plan_screen().unwrap();
    store.settings_screen(clock).unwrap();
    let checkin = store.checkin_screen_today(now, ZONE).unwrap();
    let yesterday = store
        .checkin_screen(today - Days::new(1), now, ZONE)
        .unwrap();
    assert!(yesterday.existing || checkin.existing);

    // A change shows in the very next draw (the screens keep what they read until then).
    let id = reach.favourites[0].id.clone();
    let after = store
        .reach_out_act(
            ReachOutAction::SetFavourite {
                id: id.clone(),
                favourite: false,
            },
            None,
        )
        .unwrap();
    assert!(after.favourites.iter().all(|c| c.id != id));
    let t = store.today_screen(now, ZONE, clock, None).unwrap();
    assert_eq!(t.favourites.len(), 2);
    let later = store
        .today_screen(now + Duration::days(1), ZONE, clock, None)
        .unwrap();
    assert_eq!(
        later.date,
        (now + Duration::days(1))
            .with_timezone(&chrono_tz::America::Chicago)
            .date_naive()
    );
}
