//! Making the plan: every lead of every live occurrence and the daily check-in reminder,
//! soonest first, with ids only for the ones kept.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::schedule::localtime::resolve;
use crate::schedule::occurrence::{Occurrence, OccurrenceStatus};
use crate::schedule::reminders::{
    MAX_HORIZON_DAYS, MAX_PLANNED, PlannedReminder, ReminderContent, ReminderDiff, ReminderKind,
    diff_reminders, reminder,
};
use crate::storage::store::Store;
use crate::validate;

/// What a candidate reminder is for: an occurrence (index) and lead, or a day's check-in.
enum Due {
    Session(usize, u32),
    CheckIn(NaiveDate),
}

/// Every reminder due in a window, soonest first, cheap to make: [`Candidates::build`] gives
/// one its id and content only when it is kept.
pub(crate) struct Candidates {
    due: Vec<(DateTime<Utc>, Due)>,
    occurrences: Vec<Occurrence>,
    discreet: bool,
}

impl Candidates {
    pub(crate) fn len(&self) -> usize {
        self.due.len()
    }

    /// The `i`th reminder, soonest first.
    pub(crate) fn build(&self, i: usize) -> Option<PlannedReminder> {
        let (fire_at, due) = self.due.get(i)?;
        let fire_at = *fire_at;
        Some(match due {
            Due::CheckIn(day) => reminder(
                format!("checkin:{day}"),
                fire_at,
                ReminderKind::CheckIn,
                None,
                if self.discreet {
                    ReminderContent::Neutral
                } else {
                    ReminderContent::CheckIn
                },
            ),
            Due::Session(o, lead) => {
                let o = self.occurrences.get(*o)?;
                let content = if self.discreet {
                    ReminderContent::Neutral
                } else {
                    ReminderContent::Session {
                        title: o.title.clone(),
                        session_kind: o.kind,
                        location: o.location.clone(),
                        video_link: o.video_link.clone(),
                        time_zone: o.time_zone.clone(),
                    }
                };
                reminder(
                    format!("session:{}:{}:{lead}", o.session_id, o.series_date),
                    fire_at,
                    ReminderKind::Session,
                    Some((o.session_id.clone(), o.series_date, *lead, o.start)),
                    content,
                )
            }
        })
    }
}

/// `now` as the planner accepts it: far enough from chrono's limits that every window and
/// lead stays representable.
pub(crate) fn check_now(now: DateTime<Utc>) -> Result<()> {
    if !(1900..=2200).contains(&now.year()) {
        return Err(Error::invalid("now", "must lie between 1900 and 2200"));
    }
    Ok(())
}

impl Store {
    /// The next reminders to hold, soonest first: every lead time of every occurrence that
    /// is not cancelled, and the daily check-in reminder on days without a check-in, firing
    /// after `now` and at most `horizon_days` later, at most `max_count` of them. `zone` is
    /// the participant's IANA zone (the phone's), which places the check-in reminder; session
    /// reminders follow each session's own zone.
    ///
    /// The phones use [`Store::reminder_changes_for`], which adds their window, the grace for
    /// late alarms, iOS's last slot and the notifications' words.
    pub fn plan_reminders(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        horizon_days: i64,
        max_count: usize,
    ) -> Result<Vec<PlannedReminder>> {
        let tz = validate::time_zone(zone)?;
        if !(1..=MAX_HORIZON_DAYS).contains(&horizon_days) {
            return Err(Error::invalid(
                "horizon",
                format!("must be from 1 to {MAX_HORIZON_DAYS} days"),
            ));
        }
        if !(1..=MAX_PLANNED).contains(&max_count) {
            return Err(Error::invalid(
                "limit",
                format!("must be from 1 to {MAX_PLANNED}"),
            ));
        }
        check_now(now)?;
        let candidates = self.reminder_candidates(now, now + Duration::days(horizon_days), tz)?;
        Ok((0..candidates.len().min(max_count))
            .filter_map(|i| candidates.build(i))
            .collect())
    }

    /// [`Store::plan_reminders`] and [`diff_reminders`] against the ids the phone holds, in
    /// one call.
    pub fn reminder_changes(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        horizon_days: i64,
        max_count: usize,
        held: &[String],
    ) -> Result<ReminderDiff> {
        let plan = self.plan_reminders(now, zone, horizon_days, max_count)?;
        Ok(diff_reminders(&plan, held))
    }

    /// Every reminder firing after `after` and at or before `end`, soonest first. The caller
    /// has checked that both lie well inside chrono's range.
    pub(crate) fn reminder_candidates(
        &self,
        after: DateTime<Utc>,
        end: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Candidates> {
        let prefs = self.preferences()?;
        let mut occurrences: Vec<Occurrence> = Vec::new();
        let mut due: Vec<(DateTime<Utc>, Due)> = Vec::new();
        for session in self.shared_sessions()?.iter() {
            let leads = session
                .reminder_leads
                .as_deref()
                .unwrap_or(&prefs.default_reminder_leads);
            let Some(&longest) = leads.iter().max() else {
                continue;
            };
            // An occurrence starting up to the longest lead after the window reminds inside it
            // (its last minute included: the occurrence query's end is exclusive).
            let latest_start = end + Duration::minutes(i64::from(longest) + 1);
            for o in session.occurrences(after, latest_start) {
                if o.status == OccurrenceStatus::Cancelled {
                    continue;
                }
                for &lead in leads {
                    let fire_at = o.start - Duration::minutes(i64::from(lead));
                    if fire_at > after && fire_at <= end {
                        due.push((fire_at, Due::Session(occurrences.len(), lead)));
                    }
                }
                occurrences.push(o);
            }
        }
        if let Some(time) = prefs.checkin_reminder {
            let mut day = after.with_timezone(&tz).date_naive();
            loop {
                let fire_at = resolve(tz, day.and_time(time));
                if fire_at > end {
                    break;
                }
                // Checking in cancels that day's reminder.
                if fire_at > after && self.checkin(day)?.is_none() {
                    due.push((fire_at, Due::CheckIn(day)));
                }
                let Some(next) = day.checked_add_days(Days::new(1)) else {
                    break;
                };
                day = next;
            }
        }

        // Soonest first; ties in a fixed order, so a shorter plan is a prefix of a longer one.
        let order = |(at, d): &(DateTime<Utc>, Due)| match d {
            Due::CheckIn(day) => (*at, 0, "", *day, 0),
            Due::Session(i, lead) => match occurrences.get(*i) {
                Some(o) => (*at, 1, o.session_id.as_str(), o.series_date, *lead),
                None => (*at, 2, "", NaiveDate::MIN, *lead),
            },
        };
        due.sort_by(|a, b| order(a).cmp(&order(b)));
        Ok(Candidates {
            due,
            occurrences,
            discreet: prefs.discreet_notifications,
        })
    }
}
