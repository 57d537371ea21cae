//! Pieces several screens share.

use companion_core::{LeadChoice, OccurrenceView, SessionClock};

use crate::calendar::{OccurrenceStatus, SessionKind, Timing};
use crate::types::{LocalDate, LocalDateTime, Timestamp};

/// The session's own wall clock, when it reads differently from the participant's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionClockRecord {
    pub start: LocalDateTime,
    /// IANA zone, and its city to show ("America/Chicago", "Chicago").
    pub zone: String,
    pub city: String,
    /// "9:00 AM in Chicago".
    pub label: String,
}

/// One occurrence on the participant's clock, and what may be done with it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OccurrenceViewRecord {
    pub session_id: String,
    pub series_date: LocalDate,
    pub title: String,
    pub kind: SessionKind,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// On the participant's clock (the phone's zone).
    pub local_start: LocalDateTime,
    pub local_end: LocalDateTime,
    /// "Today", "Tomorrow", "Wed 18 Nov".
    pub day_label: String,
    /// "10:00 AM – 11:30 AM".
    pub time_label: String,
    pub session_clock: Option<SessionClockRecord>,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub status: OccurrenceStatus,
    /// "Cancelled", "Moved"; absent as scheduled.
    pub status_label: Option<String>,
    /// "Now", "Ended"; `None` ahead or cancelled.
    pub timing_label: Option<String>,
    pub timing: Timing,
    /// Whether to offer its video link: it has one, and is neither cancelled nor over.
    pub can_join: bool,
    /// The program's: the participant cannot cancel, move or restore it.
    pub from_program: bool,
    pub can_cancel: bool,
    pub can_move: bool,
    pub can_restore: bool,
}

/// A reminder lead time and its words ("1 hour before").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LeadChoiceRecord {
    pub minutes: u32,
    pub label: String,
}

impl From<SessionClock> for SessionClockRecord {
    fn from(c: SessionClock) -> Self {
        SessionClockRecord {
            start: c.start.into(),
            zone: c.zone,
            city: c.city,
            label: c.label,
        }
    }
}

impl From<OccurrenceView> for OccurrenceViewRecord {
    fn from(o: OccurrenceView) -> Self {
        OccurrenceViewRecord {
            session_id: o.session_id,
            series_date: o.series_date.into(),
            title: o.title,
            kind: o.kind.into(),
            starts_at: o.starts_at.into(),
            ends_at: o.ends_at.into(),
            local_start: o.local_start.into(),
            local_end: o.local_end.into(),
            day_label: o.day_label,
            time_label: o.time_label,
            session_clock: o.session_clock.map(Into::into),
            location: o.location,
            video_link: o.video_link,
            status: o.status.into(),
            status_label: o.status_label,
            timing_label: o.timing_label,
            timing: o.timing.into(),
            can_join: o.can_join,
            from_program: o.from_program,
            can_cancel: o.can_cancel,
            can_move: o.can_move,
            can_restore: o.can_restore,
        }
    }
}

impl From<LeadChoice> for LeadChoiceRecord {
    fn from(l: LeadChoice) -> Self {
        LeadChoiceRecord {
            minutes: l.minutes,
            label: l.label,
        }
    }
}

pub(crate) fn all<T, U: From<T>>(list: Vec<T>) -> Vec<U> {
    list.into_iter().map(Into::into).collect()
}
