//! iOS's last slot. iOS holds 64 pending notifications and drops the rest silently; its window
//! is refilled only while the app runs (launch, a change, background refresh, which iOS may
//! never grant). When more is planned than fits, the last slot says so, neutrally, just after
//! the last reminder the phone holds: opening the app then refills the window.

use chrono::{DateTime, Duration, Utc};

use crate::schedule::reminders::{PlannedReminder, ReminderContent, ReminderKind, reminder};

/// How long after the last reminder kept the "keep coming" notification fires.
pub const KEEP_COMING_AFTER_MINUTES: i64 = 1;

/// When the "keep coming" notification fires: a minute after the last reminder kept, never
/// after the first one left out (at that minute when both share it), and never before `now`.
/// With no reminder kept, at the first one left out.
pub(crate) fn keep_coming_at(
    last_kept: Option<DateTime<Utc>>,
    first_left_out: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let at = match last_kept {
        Some(last) => (last + Duration::minutes(KEEP_COMING_AFTER_MINUTES)).min(first_left_out),
        None => first_left_out,
    };
    // Never in the past: a notification for a passed instant would show at once.
    if at > now {
        at
    } else {
        now + Duration::minutes(KEEP_COMING_AFTER_MINUTES)
    }
}

/// The "keep coming" reminder firing at `fire_at`; its id depends on nothing else, so the same
/// instant gives the same id and a re-apply leaves it alone.
pub(crate) fn keep_coming(fire_at: DateTime<Utc>) -> PlannedReminder {
    reminder(
        "keep-coming".into(),
        fire_at,
        ReminderKind::KeepComing,
        None,
        ReminderContent::Neutral,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    #[test]
    fn a_minute_after_the_last_kept_never_after_the_first_left_out() {
        let now = t(8, 0);
        assert_eq!(keep_coming_at(Some(t(10, 0)), t(12, 0), now), t(10, 1));
        // The first left out a minute later: the same minute.
        assert_eq!(keep_coming_at(Some(t(10, 0)), t(10, 1), now), t(10, 1));
        // Both at one minute: that minute.
        assert_eq!(keep_coming_at(Some(t(10, 0)), t(10, 0), now), t(10, 0));
        // Seconds apart inside a minute: never after the first left out.
        let left = t(10, 0) + Duration::seconds(20);
        assert_eq!(keep_coming_at(Some(t(10, 0)), left, now), left);
        assert_eq!(keep_coming_at(None, t(12, 0), now), t(12, 0));
        // Never in the past.
        assert_eq!(keep_coming_at(Some(t(7, 0)), t(7, 30), now), t(8, 1));
    }

    #[test]
    fn its_id_is_stable_for_the_same_instant_only() {
        let a = keep_coming(t(10, 1));
        assert_eq!(a, keep_coming(t(10, 1)));
        assert_ne!(a.id, keep_coming(t(10, 2)).id);
        assert!(a.id.starts_with("keep-coming:"));
        assert_eq!(a.kind, ReminderKind::KeepComing);
        assert_eq!(a.content, ReminderContent::Neutral);
        assert_eq!(a.session_id, None);
    }
}
