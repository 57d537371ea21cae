//! Pieces several screens show the same way: an occurrence on the participant's clock, with
//! its words (`labels.rs`).

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::notifications::{ClockStyle, place};
use crate::schedule::occurrence::{Occurrence, OccurrenceStatus};
use crate::schedule::session::SessionKind;
use crate::screens::labels;
use crate::storage::store::Store;
use crate::validate;

/// Where an occurrence stands against now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    Upcoming,
    /// Started and not yet over.
    Now,
    Over,
}

/// The session's own wall clock, shown beside the participant's when it reads differently (a
/// Chicago group seen from New York): the session's start there, and its zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionClock {
    pub start: NaiveDateTime,
    /// IANA zone, and its city for showing ("America/Chicago", "Chicago"; a zone without a
    /// city by its offset, "UTC+5").
    pub zone: String,
    pub city: String,
    /// "9:00 AM in Chicago".
    pub label: String,
}

/// One occurrence as the screens show it: on the participant's clock, with the session's own
/// clock when that reads differently, and what may be done with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OccurrenceView {
    pub session_id: String,
    /// Its date in the series: with the session id it names the occurrence.
    pub series_date: chrono::NaiveDate,
    pub title: String,
    pub kind: SessionKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// On the participant's clock (their phone's zone).
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
    /// The local day as people say it: "Today", "Tomorrow", "Wed 18 Nov".
    pub day_label: String,
    /// "10:00 AM – 11:30 AM" on the participant's clock.
    pub time_label: String,
    pub session_clock: Option<SessionClock>,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub status: OccurrenceStatus,
    /// "Cancelled", "Moved"; `None` as scheduled.
    pub status_label: Option<String>,
    pub timing: Timing,
    /// "Now" while it runs, "Ended" once over (a cancelled one says only that); `None` ahead.
    pub timing_label: Option<String>,
    /// Whether to offer its video link: it has one, and is neither cancelled nor over.
    pub can_join: bool,
    /// The program publishes it: the participant cannot cancel, move or restore it.
    pub from_program: bool,
    /// Whether the participant may cancel it, move it, or restore it (their own sessions only).
    pub can_cancel: bool,
    pub can_move: bool,
    pub can_restore: bool,
}

/// A reminder lead time as people read it: "When it starts", "10 minutes before", "1 hour
/// before", "2 days before".
pub fn lead_label(minutes: u32) -> String {
    let unit = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one} before")
        } else {
            format!("{n} {one}s before")
        }
    };
    match minutes {
        0 => "When it starts".to_owned(),
        m if m % 1440 == 0 => unit(m / 1440, "day"),
        m if m % 60 == 0 => unit(m / 60, "hour"),
        m => unit(m, "minute"),
    }
}

/// A lead time with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadChoice {
    pub minutes: u32,
    pub label: String,
}

impl LeadChoice {
    pub fn of(minutes: u32) -> LeadChoice {
        LeadChoice {
            minutes,
            label: lead_label(minutes),
        }
    }
}

/// The participant's zone, checked.
pub(crate) fn zone_of(zone: &str) -> Result<Tz> {
    validate::time_zone(zone)
}

/// `now`, checked against the range every calendar computation accepts.
pub(crate) fn checked_now(now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if !(1900..=2200).contains(&chrono::Datelike::year(&now)) {
        return Err(Error::invalid("now", "must lie between 1900 and 2200"));
    }
    Ok(now)
}

/// Builds occurrence views for one screen: the participant's zone, now, and which sessions
/// are the program's.
pub(crate) struct Viewer {
    tz: Tz,
    now: DateTime<Utc>,
    today: NaiveDate,
    clock: ClockStyle,
    program_sessions: HashSet<String>,
}

impl Viewer {
    pub(crate) fn new(
        store: &Store,
        now: DateTime<Utc>,
        tz: Tz,
        clock: ClockStyle,
    ) -> Result<Viewer> {
        let program_sessions = store
            .shared_sessions()?
            .iter()
            .filter(|s| s.program_id.is_some())
            .map(|s| s.id.clone())
            .collect();
        Ok(Viewer {
            tz,
            now,
            today: now.with_timezone(&tz).date_naive(),
            clock,
            program_sessions,
        })
    }

    pub(crate) fn view(&self, o: Occurrence) -> OccurrenceView {
        let local_start = o.start.with_timezone(&self.tz).naive_local();
        let local_end = o.end.with_timezone(&self.tz).naive_local();
        let session_clock = o.time_zone.parse::<Tz>().ok().and_then(|own| {
            // The same offset at the start reads the same: nothing to add.
            let theirs = own.offset_from_utc_datetime(&o.start.naive_utc()).fix();
            let ours = self.tz.offset_from_utc_datetime(&o.start.naive_utc()).fix();
            (theirs != ours).then(|| {
                let city = place(own, o.start);
                SessionClock {
                    start: o.local_start,
                    zone: o.time_zone.clone(),
                    label: labels::elsewhere_label(o.local_start, &city, self.clock),
                    city,
                }
            })
        });
        let timing = if self.now >= o.end {
            Timing::Over
        } else if self.now >= o.start {
            Timing::Now
        } else {
            Timing::Upcoming
        };
        let from_program = self.program_sessions.contains(&o.session_id);
        let cancelled = o.status == OccurrenceStatus::Cancelled;
        let has_video = o.video_link.is_some();
        OccurrenceView {
            can_cancel: !from_program && !cancelled,
            can_move: !from_program && !cancelled,
            can_restore: !from_program && o.status != OccurrenceStatus::Scheduled,
            session_id: o.session_id,
            series_date: o.series_date,
            title: o.title,
            kind: o.kind,
            starts_at: o.start,
            ends_at: o.end,
            day_label: labels::day_label(local_start.date(), self.today),
            time_label: labels::time_range_label(local_start, local_end, self.clock),
            local_start,
            local_end,
            session_clock,
            location: o.location,
            video_link: o.video_link,
            status_label: match o.status {
                OccurrenceStatus::Scheduled => None,
                OccurrenceStatus::Moved => Some("Moved".into()),
                OccurrenceStatus::Cancelled => Some("Cancelled".into()),
            },
            can_join: has_video && !cancelled && timing != Timing::Over,
            timing_label: match timing {
                _ if cancelled => None,
                Timing::Now => Some("Now".into()),
                Timing::Over => Some("Ended".into()),
                Timing::Upcoming => None,
            },
            status: o.status,
            timing,
            from_program,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_times_read_as_people_say_them() {
        assert_eq!(lead_label(0), "When it starts");
        assert_eq!(lead_label(1), "1 minute before");
        assert_eq!(lead_label(45), "45 minutes before");
        assert_eq!(lead_label(60), "1 hour before");
        assert_eq!(lead_label(90), "90 minutes before");
        assert_eq!(lead_label(180), "3 hours before");
        assert_eq!(lead_label(1440), "1 day before");
        assert_eq!(lead_label(2880), "2 days before");
    }
}
