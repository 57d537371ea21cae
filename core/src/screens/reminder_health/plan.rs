//! The checks on the plan itself: handed over (Android), up to date (iOS), fresh (Android),
//! and made in the phone's zone (both).

use chrono::{DateTime, Duration, Utc};

use super::{HealthCheck, HealthFix, HealthItem, HealthStatus, check, reminders};

/// The plan is refreshed at launch, on every change and once a day; handed over longer ago
/// than this, the daily refresh is not running and the window is not moving on (Android).
pub const PLAN_STALE_AFTER_HOURS: i64 = 36;

/// What the apply step found, for the plan checks.
pub(crate) struct PlanFacts {
    pub(crate) now: DateTime<Utc>,
    /// Reminders the OS should hold.
    pub(crate) planned: usize,
    /// Planned reminders it does not hold, or holds the other way.
    pub(crate) not_held: usize,
    /// Held ones the plan no longer has.
    pub(crate) superseded: usize,
    pub(crate) last_applied: Option<DateTime<Utc>>,
    /// The last record was made in another zone than the phone's now.
    pub(crate) other_zone: bool,
}

/// Android: every planned reminder is with the OS, the right way (exact or not).
pub(crate) fn handed_over(p: &PlanFacts) -> HealthCheck {
    const TITLE: &str = "Reminders with the phone";
    let item = HealthItem::PlanHandedOver;
    if p.not_held > 0 {
        let detail = if p.not_held == 1 {
            "1 planned reminder is not with the phone yet.".to_owned()
        } else {
            format!(
                "{} planned reminders are not with the phone yet.",
                p.not_held
            )
        };
        return check(
            item,
            HealthStatus::Problem,
            TITLE,
            detail,
            Some(HealthFix::RefreshPlan),
        );
    }
    let detail = match p.planned {
        0 => "Nothing to remind you of yet.".to_owned(),
        n => format!(
            "All planned reminders are with the phone ({}).",
            reminders(n)
        ),
    };
    check(item, HealthStatus::Ok, TITLE, detail, None)
}

/// Android: handed over within [`PLAN_STALE_AFTER_HOURS`] (only matters when something is
/// planned).
pub(crate) fn fresh(p: &PlanFacts) -> HealthCheck {
    const TITLE: &str = "Reminders kept up to date";
    let item = HealthItem::PlanFresh;
    let stale_after = Duration::hours(PLAN_STALE_AFTER_HOURS);
    if p.planned > 0 {
        match p.last_applied {
            None => {
                return check(
                    item,
                    HealthStatus::Warning,
                    TITLE,
                    "Reminders were never handed to the phone.",
                    Some(HealthFix::RefreshPlan),
                );
            }
            Some(last) if p.now - last > stale_after => {
                return check(
                    item,
                    HealthStatus::Warning,
                    TITLE,
                    format!("Not refreshed for over {PLAN_STALE_AFTER_HOURS} hours."),
                    Some(HealthFix::RefreshPlan),
                );
            }
            Some(_) => {}
        }
    }
    let detail = if p.planned == 0 {
        "Nothing to refresh.".to_owned()
    } else {
        format!("Refreshed in the last {PLAN_STALE_AFTER_HOURS} hours.")
    };
    check(item, HealthStatus::Ok, TITLE, detail, None)
}

/// iOS: the OS holds exactly the plan.
pub(crate) fn up_to_date(p: &PlanFacts) -> HealthCheck {
    const TITLE: &str = "Reminder schedule";
    let item = HealthItem::PlanUpToDate;
    if p.not_held > 0 || p.superseded > 0 {
        return check(
            item,
            HealthStatus::Problem,
            TITLE,
            format!(
                "Out of date: {} to add, {} to remove.",
                p.not_held, p.superseded
            ),
            Some(HealthFix::RefreshPlan),
        );
    }
    let detail = match p.planned {
        0 => "Nothing to remind you of yet.".to_owned(),
        n => format!("Up to date: {} scheduled.", reminders(n)),
    };
    check(item, HealthStatus::Ok, TITLE, detail, None)
}

/// Both: the reminders' words (their local times) were made in the phone's zone.
pub(crate) fn zone(p: &PlanFacts) -> HealthCheck {
    const TITLE: &str = "Time zone";
    let item = HealthItem::PlanZone;
    if p.other_zone && p.planned > 0 {
        return check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Handed to the phone in another time zone: their times may read wrong.",
            Some(HealthFix::RefreshPlan),
        );
    }
    check(
        item,
        HealthStatus::Ok,
        TITLE,
        "Reminders read in this phone’s time zone.",
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts(planned: usize, not_held: usize, superseded: usize) -> PlanFacts {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        PlanFacts {
            now,
            planned,
            not_held,
            superseded,
            last_applied: Some(now),
            other_zone: false,
        }
    }

    #[test]
    fn one_reminder_is_singular() {
        assert_eq!(
            up_to_date(&facts(1, 0, 0)).detail,
            "Up to date: 1 reminder scheduled."
        );
        assert_eq!(
            handed_over(&facts(1, 0, 0)).detail,
            "All planned reminders are with the phone (1 reminder)."
        );
        assert_eq!(
            handed_over(&facts(2, 1, 0)).detail,
            "1 planned reminder is not with the phone yet."
        );
    }

    #[test]
    fn stale_after_36_hours_exactly() {
        let mut p = facts(3, 0, 0);
        p.last_applied = Some(p.now - Duration::hours(PLAN_STALE_AFTER_HOURS));
        assert_eq!(fresh(&p).status, HealthStatus::Ok);
        p.last_applied =
            Some(p.now - Duration::hours(PLAN_STALE_AFTER_HOURS) - Duration::milliseconds(1));
        assert_eq!(fresh(&p).status, HealthStatus::Warning);
        // Nothing planned: never stale.
        p.planned = 0;
        p.last_applied = None;
        assert_eq!(fresh(&p).status, HealthStatus::Ok);
        // Another zone matters only with something planned.
        p.other_zone = true;
        assert_eq!(zone(&p).status, HealthStatus::Ok);
        p.planned = 1;
        assert_eq!(zone(&p).status, HealthStatus::Problem);
    }
}
