//! The schedule screen: the coming days' occurrences, every session (the participant's own,
//! which they edit, and the program's, which they only read), recent attendance to mark, and
//! the choices the session form offers. Every change goes through [`Store::schedule_act`],
//! which returns the screen as it then is.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::attendance::Attendance;
use crate::schedule::notifications::{ClockStyle, place};
use crate::schedule::recurrence::Recurrence;
use crate::schedule::session::{Session, SessionKind};
use crate::screens::labels;
use crate::screens::session_choices::{ScheduleChoices, session_choices};
use crate::screens::session_form::SessionValues;
use crate::screens::views::{OccurrenceView, Viewer, checked_now, zone_of};
use crate::storage::store::Store;

/// How many local days, today first, the schedule lists occurrences for.
pub const SCHEDULE_DAYS: u64 = 14;
/// How far back attendance can be marked from the schedule.
pub const ATTENDANCE_DAYS: i64 = 14;

/// One local day of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleDay {
    pub date: NaiveDate,
    /// "Today", "Tomorrow", "Wed 18 Nov".
    pub label: String,
    pub occurrences: Vec<OccurrenceView>,
}

/// A session as the schedule lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionView {
    pub id: String,
    pub title: String,
    pub kind: SessionKind,
    /// The program's: read-only here.
    pub from_program: bool,
    /// First start, on the session's own wall clock in `zone`.
    pub start: NaiveDateTime,
    pub zone: String,
    pub duration_minutes: u32,
    /// `None` for a one-off.
    pub recurrence: Option<Recurrence>,
    /// The session's own lead times; `None` follows the preferences' default.
    pub reminder_leads: Option<Vec<u32>>,
    /// The lead times that apply, own or default.
    pub effective_leads: Vec<u32>,
    /// "Mondays and Wednesdays at 9:00 AM (Chicago time)", "Once, Mon 7 Dec at 9:00 AM".
    pub summary: String,
    /// "1 hour and 15 minutes before", "No reminders".
    pub leads_label: String,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
}

/// A recent occurrence and what was marked for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceView {
    pub occurrence: OccurrenceView,
    pub mark: Option<Attendance>,
}

/// What the schedule screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleScreen {
    /// The [`SCHEDULE_DAYS`] local days from today that hold an occurrence, in order.
    pub days: Vec<ScheduleDay>,
    pub sessions: Vec<SessionView>,
    /// Occurrences of the last [`ATTENDANCE_DAYS`] that have started, most recent first.
    pub recent: Vec<AttendanceView>,
    pub default_leads: Vec<u32>,
    pub choices: ScheduleChoices,
    /// What the screen says when `days` is empty: "Nothing in the next 14 days".
    pub empty_label: String,
}

/// Every change the schedule screen makes.
// An action is made once and moved once: the form variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleAction {
    /// The session form saved: a new session (`session_id` `None`), or only what the
    /// participant changed against the values the form opened with.
    SaveSessionForm {
        session_id: Option<String>,
        opened: SessionValues,
        edited: SessionValues,
    },
    RemoveSession {
        id: String,
    },
    CancelOccurrence {
        session_id: String,
        series_date: NaiveDate,
    },
    MoveOccurrence {
        session_id: String,
        series_date: NaiveDate,
        /// The new start, on the session's own wall clock.
        to: NaiveDateTime,
        duration_minutes: Option<u32>,
    },
    RestoreOccurrence {
        session_id: String,
        series_date: NaiveDate,
    },
    MarkAttended {
        session_id: String,
        series_date: NaiveDate,
    },
    MarkMissed {
        session_id: String,
        series_date: NaiveDate,
    },
    ClearAttendance {
        session_id: String,
        series_date: NaiveDate,
    },
}

/// A change made, and the screen after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleResult {
    pub screen: ScheduleScreen,
    /// A session with reminders was added or given them: the moment to ask for notification
    /// permission, if the platform has not.
    pub ask_notification_permission: bool,
}

impl Store {
    /// The schedule as it is at `now`, for a participant in `zone` whose phone shows times
    /// on `clock`.
    pub fn schedule_screen(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        clock: ClockStyle,
    ) -> Result<ScheduleScreen> {
        let tz = zone_of(zone)?;
        let now = checked_now(now)?;
        let viewer = Viewer::new(self, now, tz, clock)?;
        let today = now.with_timezone(&tz).date_naive();
        let (from, _) = crate::schedule::occurrence::day_bounds(tz, today)?;
        let last = today
            .checked_add_days(Days::new(SCHEDULE_DAYS - 1))
            .ok_or_else(|| Error::invalid("now", "is out of range"))?;
        let (_, to) = crate::schedule::occurrence::day_bounds(tz, last)?;
        let mut days: Vec<ScheduleDay> = Vec::new();
        for o in self.occurrences(from, to)? {
            let view = viewer.view(o);
            let date = view.local_start.date();
            match days.last_mut() {
                Some(day) if day.date == date => day.occurrences.push(view),
                _ => days.push(ScheduleDay {
                    date,
                    label: view.day_label.clone(),
                    occurrences: vec![view],
                }),
            }
        }
        let default_leads = self.preferences()?.default_reminder_leads;
        let sessions = self
            .sessions()?
            .into_iter()
            .map(|s| session_view(s, &default_leads, now, tz, clock))
            .collect();
        let recent = self
            .attendance(now, ATTENDANCE_DAYS)?
            .into_iter()
            .map(|e| AttendanceView {
                occurrence: viewer.view(e.occurrence),
                mark: e.attendance,
            })
            .collect();
        Ok(ScheduleScreen {
            days,
            sessions,
            recent,
            default_leads,
            choices: session_choices(),
            empty_label: format!("Nothing in the next {SCHEDULE_DAYS} days"),
        })
    }

    /// Makes one change from the schedule screen, as one durable change, and returns the
    /// screen after it; on an error nothing changed.
    pub fn schedule_act(
        &mut self,
        action: ScheduleAction,
        now: DateTime<Utc>,
        zone: &str,
        clock: ClockStyle,
    ) -> Result<ScheduleResult> {
        let now = checked_now(now)?;
        // The zone first: an action with a bad zone changes nothing.
        zone_of(zone)?;
        let mut reminders_added = false;
        match action {
            ScheduleAction::SaveSessionForm {
                session_id,
                opened,
                edited,
            } => {
                let new = session_id.is_none();
                let leads_before = match &session_id {
                    Some(id) => self.leads_of(&self.session(id)?)?,
                    None => Vec::new(),
                };
                let saved = self.save_session_form(session_id.as_deref(), &opened, &edited)?;
                // Reminders it did not have before: the moment to ask for permission.
                let leads_after = self.leads_of(&saved)?;
                reminders_added = !leads_after.is_empty() && (new || leads_before.is_empty());
            }
            ScheduleAction::RemoveSession { id } => self.remove_session(&id)?,
            ScheduleAction::CancelOccurrence {
                session_id,
                series_date,
            } => {
                self.cancel_occurrence(&session_id, series_date)?;
            }
            ScheduleAction::MoveOccurrence {
                session_id,
                series_date,
                to,
                duration_minutes,
            } => {
                self.move_occurrence(&session_id, series_date, to, duration_minutes)?;
            }
            ScheduleAction::RestoreOccurrence {
                session_id,
                series_date,
            } => {
                self.restore_occurrence(&session_id, series_date)?;
            }
            ScheduleAction::MarkAttended {
                session_id,
                series_date,
            } => self.mark_attendance(&session_id, series_date, Attendance::Attended, now)?,
            ScheduleAction::MarkMissed {
                session_id,
                series_date,
            } => self.mark_attendance(&session_id, series_date, Attendance::Missed, now)?,
            ScheduleAction::ClearAttendance {
                session_id,
                series_date,
            } => self.clear_attendance(&session_id, series_date)?,
        }
        Ok(ScheduleResult {
            screen: self.schedule_screen(now, zone, clock)?,
            ask_notification_permission: reminders_added,
        })
    }

    fn leads_of(&self, session: &Session) -> Result<Vec<u32>> {
        Ok(match &session.reminder_leads {
            Some(own) => own.clone(),
            None => self.preferences()?.default_reminder_leads,
        })
    }
}

fn session_view(
    s: Session,
    default_leads: &[u32],
    now: DateTime<Utc>,
    tz: Tz,
    clock: ClockStyle,
) -> SessionView {
    let effective_leads = s
        .reminder_leads
        .clone()
        .unwrap_or_else(|| default_leads.to_vec());
    // The session's clock is named when it reads differently from the participant's now.
    let place = s.time_zone.parse::<Tz>().ok().and_then(|own| {
        let theirs = own.offset_from_utc_datetime(&now.naive_utc()).fix();
        let ours = tz.offset_from_utc_datetime(&now.naive_utc()).fix();
        (theirs != ours).then(|| format!("{} time", place(own, now)))
    });
    let today = now.with_timezone(&tz).date_naive();
    SessionView {
        summary: labels::repeat_label(
            s.start,
            s.recurrence.as_ref(),
            place.as_deref(),
            today,
            clock,
        ),
        leads_label: labels::leads_label(&effective_leads),
        effective_leads,
        from_program: s.program_id.is_some(),
        id: s.id,
        title: s.title,
        kind: s.kind,
        start: s.start,
        zone: s.time_zone,
        duration_minutes: s.duration_minutes,
        recurrence: s.recurrence,
        reminder_leads: s.reminder_leads,
        location: s.location,
        video_link: s.video_link,
        notes: s.notes,
    }
}
