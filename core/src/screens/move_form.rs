//! The form that moves one occurrence of the participant's own session: where its pickers
//! open, their limits, and on whose clock the picked time is.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::schedule::notifications::place;
use crate::schedule::occurrence::OccurrenceStatus;
use crate::schedule::session::MAX_DURATION_MINUTES;
use crate::screens::labels;
use crate::screens::views::{checked_now, zone_of};
use crate::storage::store::Store;

/// What the move form shows; saving is [`crate::ScheduleAction::MoveOccurrence`] with the
/// picked `start` (on the session's clock) and duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveForm {
    pub session_id: String,
    pub series_date: NaiveDate,
    /// "Move Skills group, Wed 18 Nov".
    pub title: String,
    /// Where the pickers open: the occurrence's start as it stands (moved or not), on the
    /// session's own clock.
    pub start: NaiveDateTime,
    pub duration_minutes: u32,
    pub max_duration_minutes: u32,
    /// The session's zone: the picked start is read on this clock.
    pub zone: String,
    /// "Times are on the clock in Chicago.", when the session's clock reads differently from
    /// the phone's; `None` when they agree.
    pub clock_note: Option<String>,
}

impl Store {
    /// The move form for occurrence `series_date` of session `session_id`, seen at `now` from
    /// a phone in `zone`. A program's session and a cancelled occurrence cannot be moved.
    pub fn move_form(
        &self,
        session_id: &str,
        series_date: NaiveDate,
        now: DateTime<Utc>,
        zone: &str,
    ) -> Result<MoveForm> {
        let phone = zone_of(zone)?;
        let today = checked_now(now)?.with_timezone(&phone).date_naive();
        let session = self.session(session_id)?;
        if session.program_id.is_some() {
            return Err(Error::program_owned(RecordKind::Session, session_id));
        }
        let o = self.occurrence(session_id, series_date)?;
        if o.status == OccurrenceStatus::Cancelled {
            return Err(Error::invalid(
                "occurrence",
                "is cancelled: restore it before moving it",
            ));
        }
        let own: Tz = zone_of(&o.time_zone)?;
        let at = o.start.naive_utc();
        let differs =
            own.offset_from_utc_datetime(&at).fix() != phone.offset_from_utc_datetime(&at).fix();
        let minutes = (o.end - o.start).num_minutes();
        Ok(MoveForm {
            title: format!(
                "Move {}, {}",
                o.title,
                labels::date_label(o.start.with_timezone(&phone).date_naive(), today)
            ),
            session_id: o.session_id,
            series_date: o.series_date,
            start: o.local_start,
            duration_minutes: u32::try_from(minutes.clamp(1, i64::from(MAX_DURATION_MINUTES)))
                .unwrap_or(MAX_DURATION_MINUTES),
            max_duration_minutes: MAX_DURATION_MINUTES,
            clock_note: differs
                .then(|| format!("Times are on the clock in {}.", place(own, o.start))),
            zone: o.time_zone,
        })
    }
}
