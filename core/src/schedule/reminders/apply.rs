//! The apply step: from the plan and what the OS holds to what a platform does (cancel these
//! ids, schedule these worded requests), and the record of what it last handed over.
//!
//! Rules, once for every platform:
//! - The plan is made from `now - INEXACT_GRACE_MINUTES`: a held reminder whose time passed
//!   less than the grace ago stays held (an inexact alarm may still fire) unless the plan no
//!   longer has it (checked in, cancelled, moved, removed, renamed, new preferences: its id
//!   is gone). Past reminders the OS does not hold are never scheduled.
//! - A held reminder older than the grace was delivered or lost: reported as done.
//! - Held the other way (exact vs inexact, Android) than now allowed: cancelled and scheduled
//!   again.
//! - After a zone change (against the recorded zone) every planned reminder is scheduled
//!   again: its words hold local times.
//! - iOS keeps its last slot for the "keep coming" notification (`keep_coming.rs`).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::schedule::notifications::{self, ClockStyle, Notification};
use crate::schedule::reminders::PlannedReminder;
use crate::schedule::reminders::keep_coming::{keep_coming, keep_coming_at};
use crate::schedule::reminders::plan::check_now;
use crate::schedule::reminders::window::{
    ANDROID_MAX_HELD, INEXACT_GRACE_MINUTES, ReminderPlatform, reminder_window,
};
use crate::storage::store::Store;
use crate::validate;

/// The most held reminders one record keeps: the largest window, plus room for a few the OS
/// could not cancel.
pub const MAX_RECORDED_HELD: usize = ANDROID_MAX_HELD + 32;
/// The longest reminder id a record keeps (the core's are under 80 bytes).
pub const MAX_REMINDER_ID_BYTES: usize = 200;

/// The device-local meta key of the record (never synced: another phone holds other alarms).
const APPLIED: &str = "reminders_applied";

/// A reminder the OS holds, as the platform recorded it when it handed it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldReminder {
    pub id: String,
    pub fire_at: DateTime<Utc>,
    /// Handed over as an exact alarm (iOS and the terminal: always).
    pub exact: bool,
}

/// When and where the changes are made, and what the platform allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderContext {
    pub now: DateTime<Utc>,
    /// The participant's IANA zone (the phone's): places the check-in reminder and words
    /// every time.
    pub zone: String,
    pub platform: ReminderPlatform,
    pub clock_style: ClockStyle,
    /// Android's `canScheduleExactAlarms()`; ignored elsewhere (always exact).
    pub exact_alarms_allowed: bool,
    /// The OS dropped every reminder the app held: after a reboot (Android drops alarms at
    /// shutdown). Not after an app update (`MY_PACKAGE_REPLACED`): AlarmManager keeps an
    /// app's alarms across an update, so they are still held.
    pub os_cleared: bool,
}

/// One notification to hand the OS: when, its words, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderRequest {
    pub reminder: PlannedReminder,
    pub notification: Notification,
    /// An exact alarm (Android, when allowed; iOS and the terminal always).
    pub exact: bool,
}

/// What the platform does: cancel `cancel` first, then schedule `schedule` (an id it already
/// holds is replaced); afterwards it holds `held_after`, which it records with
/// [`Store::record_reminders_applied`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReminderChanges {
    /// Held ids to cancel, sorted.
    pub cancel: Vec<String>,
    /// Soonest first; never in the past.
    pub schedule: Vec<ReminderRequest>,
    /// What the OS holds once the changes are made, soonest first.
    pub held_after: Vec<HeldReminder>,
    /// Held ids whose time passed more than the grace ago: delivered or lost, nothing to
    /// cancel; the platform forgets them. Sorted.
    pub done: Vec<String>,
    /// Every planned reminder the OS held was scheduled again for its words: the zone
    /// changed since the last record (or nothing was recorded yet).
    pub reworded: bool,
}

/// What the platform last handed the OS: when, in which zone, and what it held then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedPlan {
    pub at: DateTime<Utc>,
    pub zone: String,
    /// The clock style the held reminders were worded for (`None` in a record from before
    /// it was kept).
    pub clock_style: Option<ClockStyle>,
    pub held: Vec<HeldReminder>,
}

/// The apply step's findings, for the changes and for reminder health.
pub(crate) struct Assessment {
    /// What the OS should hold, soonest first (late held ones included).
    pub(crate) plan: Vec<PlannedReminder>,
    pub(crate) changes: ReminderChanges,
    /// Planned reminders the OS does not hold, or holds the other way.
    pub(crate) not_held: usize,
    /// Held ids cancelled because the plan no longer has them.
    pub(crate) superseded: usize,
    pub(crate) recorded: Option<AppliedPlan>,
    pub(crate) tz: Tz,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    /// Milliseconds since 1970.
    at: i64,
    zone: String,
    #[serde(default)]
    clock: Option<ClockStyle>,
    held: Vec<StoredHeld>,
}

#[derive(Serialize, Deserialize)]
struct StoredHeld {
    id: String,
    at: i64,
    exact: bool,
}

/// Each id once, the first record of it winning.
fn distinct(held: &[HeldReminder]) -> Vec<&HeldReminder> {
    let mut seen = HashSet::new();
    held.iter().filter(|h| seen.insert(h.id.as_str())).collect()
}

impl Store {
    /// What the platform in `ctx` does to hold the plan, given what the OS holds (`held`, as
    /// the platform recorded it). Reads the last record for the zone its words were made in.
    pub fn reminder_changes_for(
        &self,
        ctx: &ReminderContext,
        held: &[HeldReminder],
    ) -> Result<ReminderChanges> {
        Ok(self.assess_reminders(ctx, held)?.changes)
    }

    pub(crate) fn assess_reminders(
        &self,
        ctx: &ReminderContext,
        held: &[HeldReminder],
    ) -> Result<Assessment> {
        let tz = validate::time_zone(&ctx.zone)?;
        check_now(ctx.now)?;
        let recorded = self.reminders_applied()?;
        let now = ctx.now;
        let window = reminder_window(ctx.platform);
        let exact_now = ctx.platform.exact(ctx.exact_alarms_allowed);
        let grace_start = now - Duration::minutes(INEXACT_GRACE_MINUTES);
        let held = if ctx.os_cleared {
            Vec::new()
        } else {
            distinct(held)
        };
        let held_by_id: HashMap<&str, &HeldReminder> =
            held.iter().map(|h| (h.id.as_str(), *h)).collect();

        // One more than fits, to know whether something is left out.
        let candidates =
            self.reminder_candidates(grace_start, now + Duration::days(window.horizon_days), tz)?;
        let mut plan: Vec<PlannedReminder> = Vec::new();
        for r in (0..candidates.len()).filter_map(|i| candidates.build(i)) {
            if plan.len() > window.max_held {
                break;
            }
            // A past reminder only stays as it is held: it is never scheduled in the past.
            if r.fire_at > now || held_by_id.contains_key(r.id.as_str()) {
                plan.push(r);
            }
        }
        if plan.len() > window.max_held {
            if ctx.platform.keeps_last_slot() {
                let real = window.max_held.saturating_sub(1);
                let first_left_out = plan.get(real).map_or(now, |r| r.fire_at);
                plan.truncate(real);
                let at = keep_coming_at(plan.last().map(|r| r.fire_at), first_left_out, now);
                plan.push(keep_coming(at));
            } else {
                plan.truncate(window.max_held);
            }
        }

        // Words hold local times: made in another zone or for the other clock style (the
        // participant switched 12/24-hour), they are made again.
        let reworded = match &recorded {
            Some(a) => a.zone != tz.name() || a.clock_style.is_some_and(|c| c != ctx.clock_style),
            None => !held.is_empty(),
        };
        let planned: HashSet<&str> = plan.iter().map(|r| r.id.as_str()).collect();
        let (mut cancel, mut done, mut superseded) = (Vec::new(), Vec::new(), 0);
        for h in &held {
            if planned.contains(h.id.as_str()) {
                continue;
            }
            if h.fire_at <= grace_start {
                done.push(h.id.clone());
            } else {
                cancel.push(h.id.clone());
                superseded += 1;
            }
        }
        let (mut schedule, mut held_after, mut not_held) = (Vec::new(), Vec::new(), 0);
        for r in &plan {
            let exact = match held_by_id.get(r.id.as_str()) {
                // Late but held: left to fire as it was handed over.
                Some(h) if r.fire_at <= now => Some(h.exact),
                Some(h) if h.exact != exact_now => {
                    cancel.push(h.id.clone());
                    not_held += 1;
                    None
                }
                Some(h) if !reworded => Some(h.exact),
                Some(_) => None,
                None => {
                    not_held += 1;
                    None
                }
            };
            let exact = match exact {
                Some(kept) => kept,
                None => {
                    schedule.push(ReminderRequest {
                        reminder: r.clone(),
                        notification: notifications::word(r, tz, ctx.clock_style),
                        exact: exact_now,
                    });
                    exact_now
                }
            };
            held_after.push(HeldReminder {
                id: r.id.clone(),
                fire_at: r.fire_at,
                exact,
            });
        }
        cancel.sort();
        cancel.dedup();
        done.sort();
        Ok(Assessment {
            plan,
            changes: ReminderChanges {
                cancel,
                schedule,
                held_after,
                done,
                reworded,
            },
            not_held,
            superseded,
            recorded,
            tz,
        })
    }

    /// Records what the platform handed the OS (its `held_after`), when, and in which zone:
    /// device-local, never synced, sealed like all the store's meta. Call it after the OS
    /// took the changes. Changes nothing stored in the document, so it is not a data change.
    pub fn record_reminders_applied(
        &mut self,
        at: DateTime<Utc>,
        zone: &str,
        clock_style: ClockStyle,
        held: &[HeldReminder],
    ) -> Result<()> {
        let tz = validate::time_zone(zone)?;
        if !(1900..=2200).contains(&at.year()) {
            return Err(Error::invalid(
                "applied at",
                "must lie between 1900 and 2200",
            ));
        }
        if held.len() > MAX_RECORDED_HELD {
            return Err(Error::invalid(
                "held",
                format!("more than {MAX_RECORDED_HELD} reminders"),
            ));
        }
        for h in held {
            if h.id.is_empty() {
                return Err(Error::invalid("held", "a reminder id is empty"));
            }
            if h.id.len() > MAX_REMINDER_ID_BYTES {
                return Err(Error::invalid(
                    "held",
                    format!("a reminder id is longer than {MAX_REMINDER_ID_BYTES} bytes"),
                ));
            }
            if h.id.chars().any(char::is_control) {
                return Err(Error::invalid(
                    "held",
                    "a reminder id contains control characters",
                ));
            }
        }
        let stored = Stored {
            at: at.timestamp_millis(),
            zone: tz.name().to_owned(),
            clock: Some(clock_style),
            held: distinct(held)
                .into_iter()
                .map(|h| StoredHeld {
                    id: h.id.clone(),
                    at: h.fire_at.timestamp_millis(),
                    exact: h.exact,
                })
                .collect(),
        };
        let bytes = serde_json::to_vec(&stored)
            .map_err(|_| Error::Storage("the reminders applied record".into()))?;
        self.durable.set_meta(&[(APPLIED, Some(&bytes))])
    }

    /// What [`Store::record_reminders_applied`] last recorded on this device, if anything.
    pub fn reminders_applied(&self) -> Result<Option<AppliedPlan>> {
        let Some(bytes) = self.durable.meta(APPLIED)? else {
            return Ok(None);
        };
        let damaged = || Error::Corrupted("the reminders applied record".into());
        let stored: Stored = serde_json::from_slice(&bytes).map_err(|_| damaged())?;
        let instant = |ms: i64| DateTime::<Utc>::from_timestamp_millis(ms).ok_or_else(damaged);
        Ok(Some(AppliedPlan {
            at: instant(stored.at)?,
            zone: stored.zone,
            clock_style: stored.clock,
            held: stored
                .held
                .into_iter()
                .map(|h| {
                    Ok(HeldReminder {
                        id: h.id,
                        fire_at: instant(h.at)?,
                        exact: h.exact,
                    })
                })
                .collect::<Result<_>>()?,
        }))
    }
}
