//! The schedule screen and every change it makes.

use companion_core::{
    AttendanceView, ScheduleAction as Core, ScheduleChoices, ScheduleDay, ScheduleResult,
    ScheduleScreen, SessionView,
};

use crate::calendar::{AttendanceMark, SessionKind, Weekday};
use crate::error::Result;
use crate::schedule::{RecurrenceRecord, SessionInput};
use crate::screens::views::{OccurrenceViewRecord, all};
use crate::store::CompanionStore;
use crate::types::{LocalDate, LocalDateTime, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleDayRecord {
    pub date: LocalDate,
    pub occurrences: Vec<OccurrenceViewRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionViewRecord {
    pub id: String,
    pub title: String,
    pub kind: SessionKind,
    /// The program's: read-only.
    pub from_program: bool,
    /// First start, on the session's own wall clock in `zone`.
    pub start: LocalDateTime,
    pub zone: String,
    pub duration_minutes: u32,
    pub recurrence: Option<RecurrenceRecord>,
    /// Its own lead times; `None` follows the default.
    pub reminder_leads: Option<Vec<u32>>,
    pub effective_leads: Vec<u32>,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AttendanceViewRecord {
    pub occurrence: OccurrenceViewRecord,
    pub mark: Option<AttendanceMark>,
}

/// What the session form offers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleChoicesRecord {
    pub kinds: Vec<SessionKind>,
    pub lead_minutes: Vec<u32>,
    pub weekdays: Vec<Weekday>,
    pub default_duration_minutes: u32,
    pub max_duration_minutes: u32,
    pub max_leads: u32,
    pub max_lead_minutes: u32,
    pub max_interval_weeks: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleScreenRecord {
    pub days: Vec<ScheduleDayRecord>,
    pub sessions: Vec<SessionViewRecord>,
    pub recent: Vec<AttendanceViewRecord>,
    pub default_leads: Vec<u32>,
    pub choices: ScheduleChoicesRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleResultRecord {
    pub screen: ScheduleScreenRecord,
    pub ask_notification_permission: bool,
}

/// Every change the schedule screen makes.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ScheduleAction {
    AddSession {
        input: SessionInput,
    },
    EditSession {
        id: String,
        input: SessionInput,
    },
    RemoveSession {
        id: String,
    },
    CancelOccurrence {
        session_id: String,
        series_date: LocalDate,
    },
    MoveOccurrence {
        session_id: String,
        series_date: LocalDate,
        to: LocalDateTime,
        duration_minutes: Option<u32>,
    },
    RestoreOccurrence {
        session_id: String,
        series_date: LocalDate,
    },
    MarkAttendance {
        session_id: String,
        series_date: LocalDate,
        mark: AttendanceMark,
    },
    ClearAttendance {
        session_id: String,
        series_date: LocalDate,
    },
}

impl From<ScheduleAction> for Core {
    fn from(a: ScheduleAction) -> Self {
        match a {
            ScheduleAction::AddSession { input } => Core::AddSession(input.fields()),
            ScheduleAction::EditSession { id, input } => Core::EditSession {
                id,
                fields: input.fields(),
            },
            ScheduleAction::RemoveSession { id } => Core::RemoveSession { id },
            ScheduleAction::CancelOccurrence {
                session_id,
                series_date,
            } => Core::CancelOccurrence {
                session_id,
                series_date: series_date.0,
            },
            ScheduleAction::MoveOccurrence {
                session_id,
                series_date,
                to,
                duration_minutes,
            } => Core::MoveOccurrence {
                session_id,
                series_date: series_date.0,
                to: to.0,
                duration_minutes,
            },
            ScheduleAction::RestoreOccurrence {
                session_id,
                series_date,
            } => Core::RestoreOccurrence {
                session_id,
                series_date: series_date.0,
            },
            ScheduleAction::MarkAttendance {
                session_id,
                series_date,
                mark: AttendanceMark::Attended,
            } => Core::MarkAttended {
                session_id,
                series_date: series_date.0,
            },
            ScheduleAction::MarkAttendance {
                session_id,
                series_date,
                mark: AttendanceMark::Missed,
            } => Core::MarkMissed {
                session_id,
                series_date: series_date.0,
            },
            ScheduleAction::ClearAttendance {
                session_id,
                series_date,
            } => Core::ClearAttendance {
                session_id,
                series_date: series_date.0,
            },
        }
    }
}

impl From<ScheduleDay> for ScheduleDayRecord {
    fn from(d: ScheduleDay) -> Self {
        ScheduleDayRecord {
            date: d.date.into(),
            occurrences: all(d.occurrences),
        }
    }
}

impl From<SessionView> for SessionViewRecord {
    fn from(s: SessionView) -> Self {
        SessionViewRecord {
            id: s.id,
            title: s.title,
            kind: s.kind.into(),
            from_program: s.from_program,
            start: s.start.into(),
            zone: s.zone,
            duration_minutes: s.duration_minutes,
            recurrence: s.recurrence.map(Into::into),
            reminder_leads: s.reminder_leads,
            effective_leads: s.effective_leads,
            location: s.location,
            video_link: s.video_link,
            notes: s.notes,
        }
    }
}

impl From<AttendanceView> for AttendanceViewRecord {
    fn from(a: AttendanceView) -> Self {
        AttendanceViewRecord {
            occurrence: a.occurrence.into(),
            mark: a.mark.map(Into::into),
        }
    }
}

impl From<ScheduleChoices> for ScheduleChoicesRecord {
    fn from(c: ScheduleChoices) -> Self {
        ScheduleChoicesRecord {
            kinds: all(c.kinds),
            lead_minutes: c.lead_minutes,
            weekdays: all(c.weekdays),
            default_duration_minutes: c.default_duration_minutes,
            max_duration_minutes: c.max_duration_minutes,
            max_leads: c.max_leads,
            max_lead_minutes: c.max_lead_minutes,
            max_interval_weeks: c.max_interval_weeks,
        }
    }
}

impl From<ScheduleScreen> for ScheduleScreenRecord {
    fn from(s: ScheduleScreen) -> Self {
        ScheduleScreenRecord {
            days: all(s.days),
            sessions: all(s.sessions),
            recent: all(s.recent),
            default_leads: s.default_leads,
            choices: s.choices.into(),
        }
    }
}

impl From<ScheduleResult> for ScheduleResultRecord {
    fn from(r: ScheduleResult) -> Self {
        ScheduleResultRecord {
            screen: r.screen.into(),
            ask_notification_permission: r.ask_notification_permission,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The schedule at `now` in the phone's `zone`.
    pub fn schedule_screen(&self, now: Timestamp, zone: String) -> Result<ScheduleScreenRecord> {
        Ok(self.read(|s| s.schedule_screen(now.0, &zone))?.into())
    }

    /// One change from the schedule screen; returns the screen after it. On an error nothing
    /// changed.
    pub fn schedule_act(
        &self,
        action: ScheduleAction,
        now: Timestamp,
        zone: String,
    ) -> Result<ScheduleResultRecord> {
        let action = action.into();
        Ok(self.write(|s| s.schedule_act(action, now.0, &zone))?.into())
    }
}
