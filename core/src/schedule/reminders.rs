//! The reminder plan: which notifications the phone should hold, exactly when each fires, and
//! how to get from what it holds to what it should.
//!
//! The shells only hand the operating system what this plans. The plan is a rolling window
//! (iOS keeps at most 64 pending notifications per app), refreshed at launch, after a
//! check-in, after sync and once a day.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::localtime::resolve;
use crate::schedule::occurrence::{Occurrence, OccurrenceStatus};
use crate::schedule::session::SessionKind;
use crate::storage::store::Store;
use crate::validate;

/// The longest window one plan may cover.
pub const MAX_HORIZON_DAYS: i64 = 60;
/// The most reminders one plan may hold.
pub const MAX_PLANNED: usize = 500;
/// What iOS allows an app to hold pending; the usual `max_count`.
pub const IOS_PENDING_LIMIT: usize = 64;

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    /// `lead_minutes` before an occurrence of a session.
    Session,
    /// The daily check-in, at the participant's chosen local time.
    CheckIn,
}

/// What the notification says. With discreet notifications on (the default) it names no
/// treatment, program or substance; the shells put it in words in the participant's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "style", rename_all = "kebab-case")]
pub enum ReminderContent {
    /// "You have an appointment at 10:00" / "A reminder from your companion": nothing else.
    Neutral,
    /// The session, named.
    Session {
        title: String,
        session_kind: SessionKind,
        location: Option<String>,
        video_link: Option<String>,
        /// The session's own zone, for showing its wall-clock time when it differs.
        time_zone: String,
    },
    /// "Time for your daily check-in".
    CheckIn,
}

impl ReminderContent {
    /// Everything the notification shows, in a fixed form (Debug output may change between
    /// Rust releases; ids must not).
    fn fingerprint(&self) -> String {
        match self {
            ReminderContent::Neutral => "neutral".into(),
            ReminderContent::CheckIn => "checkin".into(),
            ReminderContent::Session {
                title,
                session_kind,
                location,
                video_link,
                time_zone,
            } => format!(
                "session\u{1f}{title}\u{1f}{session_kind}\u{1f}{}\u{1f}{}\u{1f}{time_zone}",
                location.as_deref().unwrap_or(""),
                video_link.as_deref().unwrap_or("")
            ),
        }
    }
}

/// One notification the phone should hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedReminder {
    /// Stable: the same occurrence, lead time, instant and content give the same id in every
    /// plan on every device. Any change to those gives a new id, so [`diff_reminders`] replaces
    /// the notification the phone holds.
    pub id: String,
    /// A 31-bit number derived from `id`, for platforms that want an integer (Android request
    /// codes). Two ids sharing one is possible but about one in a million for 64 reminders.
    pub numeric_id: i32,
    /// When it must fire.
    pub fire_at: DateTime<Utc>,
    pub kind: ReminderKind,
    /// The session and its occurrence's date in the series, for session reminders.
    pub session_id: Option<String>,
    pub series_date: Option<NaiveDate>,
    pub lead_minutes: Option<u32>,
    /// When the session starts, for session reminders.
    pub starts_at: Option<DateTime<Utc>>,
    pub content: ReminderContent,
}

/// How to go from the notifications the phone holds to the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReminderDiff {
    /// Ids the phone holds that are no longer planned.
    pub cancel: Vec<String>,
    /// Planned reminders the phone does not hold yet, soonest first.
    pub schedule: Vec<PlannedReminder>,
}

/// What changes to go from `held` (the ids the OS holds) to `plan`.
pub fn diff_reminders(plan: &[PlannedReminder], held: &[String]) -> ReminderDiff {
    let planned: HashSet<&str> = plan.iter().map(|r| r.id.as_str()).collect();
    let held_set: HashSet<&str> = held.iter().map(String::as_str).collect();
    let mut cancel: Vec<String> = held
        .iter()
        .filter(|id| !planned.contains(id.as_str()))
        .cloned()
        .collect();
    cancel.sort();
    cancel.dedup();
    ReminderDiff {
        cancel,
        schedule: plan
            .iter()
            .filter(|r| !held_set.contains(r.id.as_str()))
            .cloned()
            .collect(),
    }
}

impl Store {
    /// The next reminders to hold, soonest first: every lead time of every occurrence that
    /// is not cancelled, and the daily check-in reminder on days without a check-in, firing
    /// after `now` and at most `horizon_days` later, at most `max_count` of them. `zone` is
    /// the participant's IANA zone (the phone's), which places the check-in reminder; session
    /// reminders follow each session's own zone.
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
        if !(1900..=2200).contains(&now.year()) {
            return Err(Error::invalid("now", "must lie between 1900 and 2200"));
        }
        let end = now + Duration::days(horizon_days);
        let prefs = self.preferences()?;
        let discreet = prefs.discreet_notifications;
        // Cheap candidates first; ids and content only for the ones kept.
        let mut occurrences: Vec<Occurrence> = Vec::new();
        let mut due: Vec<(DateTime<Utc>, Due)> = Vec::new();
        for session in self.sessions()? {
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
            for o in session.occurrences(now, latest_start) {
                if o.status == OccurrenceStatus::Cancelled {
                    continue;
                }
                for &lead in leads {
                    let fire_at = o.start - Duration::minutes(i64::from(lead));
                    if fire_at > now && fire_at <= end {
                        due.push((fire_at, Due::Session(occurrences.len(), lead)));
                    }
                }
                occurrences.push(o);
            }
        }
        if let Some(time) = prefs.checkin_reminder {
            let mut day = now.with_timezone(&tz).date_naive();
            loop {
                let fire_at = resolve(tz, day.and_time(time));
                if fire_at > end {
                    break;
                }
                // Checking in cancels that day's reminder.
                if fire_at > now && self.checkin(day)?.is_none() {
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
            Due::Session(i, lead) => {
                let o = &occurrences[*i];
                (*at, 1, o.session_id.as_str(), o.series_date, *lead)
            }
        };
        due.sort_by(|a, b| order(a).cmp(&order(b)));
        due.truncate(max_count);
        let plan = due
            .into_iter()
            .map(|(fire_at, d)| match d {
                Due::CheckIn(day) => reminder(
                    format!("checkin:{day}"),
                    fire_at,
                    ReminderKind::CheckIn,
                    None,
                    if discreet {
                        ReminderContent::Neutral
                    } else {
                        ReminderContent::CheckIn
                    },
                ),
                Due::Session(i, lead) => {
                    let o = &occurrences[i];
                    let content = if discreet {
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
                        Some((o.session_id.clone(), o.series_date, lead, o.start)),
                        content,
                    )
                }
            })
            .collect();
        Ok(plan)
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
}

/// What a candidate reminder is for: an occurrence (index) and lead, or a day's check-in.
enum Due {
    Session(usize, u32),
    CheckIn(NaiveDate),
}

type SessionPart = (String, NaiveDate, u32, DateTime<Utc>);

fn reminder(
    key: String,
    fire_at: DateTime<Utc>,
    kind: ReminderKind,
    session: Option<SessionPart>,
    content: ReminderContent,
) -> PlannedReminder {
    // The id names the occurrence and lead, plus a version of when and what it says, so a
    // moved or renamed session gets a new id and the phone's old notification is replaced.
    let version =
        fnv1a(format!("{key}|{}|{}", fire_at.timestamp(), content.fingerprint()).as_bytes());
    let id = format!("{key}:{:08x}", version as u32);
    let numeric_id = (fnv1a(id.as_bytes()) & 0x7fff_ffff) as i32;
    let (session_id, series_date, lead_minutes, starts_at) = match session {
        Some((s, d, l, t)) => (Some(s), Some(d), Some(l), Some(t)),
        None => (None, None, None, None),
    };
    PlannedReminder {
        id,
        numeric_id,
        fire_at,
        kind,
        session_id,
        series_date,
        lead_minutes,
        starts_at,
        content,
    }
}

/// 64-bit FNV-1a: fixed by its specification, so ids match across devices, platforms and
/// releases (std's hasher is randomly seeded and may change between Rust versions).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn diff_cancels_what_is_gone_and_adds_what_is_new() {
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let a = reminder(
            "a".into(),
            t,
            ReminderKind::CheckIn,
            None,
            ReminderContent::CheckIn,
        );
        let b = reminder(
            "b".into(),
            t,
            ReminderKind::CheckIn,
            None,
            ReminderContent::CheckIn,
        );
        let d = diff_reminders(&[a.clone(), b.clone()], &[a.id.clone(), "old".into()]);
        assert_eq!(d.cancel, ["old"]);
        assert_eq!(d.schedule, [b]);
        assert_eq!(diff_reminders(&[], &[]), ReminderDiff::default());
    }
}
