//! The reminder plan: which notifications the phone should hold, exactly when each fires, and
//! how to get from what it holds to what it should.
//!
//! The shells only hand the operating system what this plans. The plan is a rolling window
//! (`window.rs`: how far ahead and how many, per platform), refreshed at launch, after a
//! check-in, after sync and once a day. `plan.rs` makes it; `apply.rs` turns it, with what the
//! OS holds, into the changes a platform performs (and its notifications' words, from
//! `schedule/notifications.rs`); `keep_coming.rs` is iOS's last slot.
//!
//! The submodules are reached by their own paths (lib.rs re-exports them), not through this
//! file, so `apply` may use the wording module, which uses the types here, without a cycle.

pub(crate) mod apply;
pub(crate) mod keep_coming;
pub(crate) mod plan;
pub(crate) mod window;

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::schedule::session::SessionKind;

/// The longest window one plan may cover.
pub const MAX_HORIZON_DAYS: i64 = 60;
/// The most reminders one plan may hold.
pub const MAX_PLANNED: usize = 500;

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    /// `lead_minutes` before an occurrence of a session.
    Session,
    /// The daily check-in, at the participant's chosen local time.
    CheckIn,
    /// iOS's last slot when the plan holds more than fits: "open the app to keep your
    /// reminders coming" (see `keep_coming.rs`).
    KeepComing,
}

/// What the notification may say. With discreet notifications on (the default) it names no
/// treatment, program or substance; `schedule/notifications.rs` puts it in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "style", rename_all = "kebab-case")]
pub enum ReminderContent {
    /// "You have an appointment at 10:00" / "A reminder from Companion": nothing else.
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

/// The session part of a session reminder: its id, series date, lead and start.
pub(crate) type SessionPart = (String, NaiveDate, u32, DateTime<Utc>);

/// A reminder with its id: `key` names what it is for (the occurrence and lead, the day's
/// check-in), and a version of when it fires and what it says is appended.
pub(crate) fn reminder(
    key: String,
    fire_at: DateTime<Utc>,
    kind: ReminderKind,
    session: Option<SessionPart>,
    content: ReminderContent,
) -> PlannedReminder {
    // The version makes a moved or renamed session get a new id, so the phone's old
    // notification is replaced.
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
