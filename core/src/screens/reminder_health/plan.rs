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
