//! What the reminder health tests share: the participant, the instant, and what every
//! reminder health must be, on either platform.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use companion_core::{
    ClockStyle, HealthItem, HealthStatus, HeldReminder, Overall, PreferencesEdit, Recurrence,
    ReminderContext, ReminderHealth, ReminderNotice, ReminderPlatform, SessionFields, Store,
};

/// The participant's phone is in New York.
pub const NY: &str = "America/New_York";

/// Sunday 1 June 2025, 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

/// A Chicago group on Mondays and Wednesdays at 09:00 from 2 June, and the check-in reminder
/// at 20:00 or off.
pub fn participant(checkin: bool) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = super::open(dir.path()).unwrap();
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

/// The plan as `platform` holds it once handed over at [`now`] (exact alarms allowed or not).
pub fn plan_held(store: &Store, platform: ReminderPlatform, exact: bool) -> Vec<HeldReminder> {
    let ctx = ReminderContext {
        now: now(),
        zone: NY.into(),
        platform,
        clock_style: ClockStyle::TwentyFourHour,
        exact_alarms_allowed: exact,
        os_cleared: false,
    };
    store.reminder_changes_for(&ctx, &[]).unwrap().held_after
}

/// What every health, on either platform, must be: no check without its fix unless nothing
/// in the app can fix it, worst first, the overall and the notice following the checks.
pub fn well_formed(h: &ReminderHealth, may_ask: bool, unfixable: &[(HealthItem, &str)]) {
    for c in &h.checks {
        assert!(!c.title.is_empty() && !c.detail.is_empty(), "{c:?}");
        match (c.status, c.fix) {
            (HealthStatus::Ok, fix) => assert_eq!(fix, None, "{c:?}"),
            (_, Some(_)) => {}
            (_, None) => assert!(
                unfixable
                    .iter()
                    .any(|(item, detail)| *item == c.item && c.detail.starts_with(detail)),
                "{c:?} has no fix"
            ),
        }
    }
    assert!(
        h.checks.windows(2).all(|w| w[0].status >= w[1].status),
        "worst first"
    );
    let worst = h.checks.first().map(|c| c.status);
    assert_eq!(
        h.overall,
        match worst {
            Some(HealthStatus::Problem) => Overall::NeedsAttention,
            Some(HealthStatus::Warning) => Overall::MayBeLate,
            _ => Overall::Good,
        }
    );
    let problems = h
        .checks
        .iter()
        .filter(|c| c.status >= HealthStatus::Warning)
        .count() as u32;
    let expected = if may_ask && h.planned > 0 {
        Some(ReminderNotice::AskPermission)
    } else if problems > 0 {
        Some(ReminderNotice::NeedsAttention { problems })
    } else {
        None
    };
    assert_eq!(h.notice, expected);
}
