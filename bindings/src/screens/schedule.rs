//! The schedule screen and every change it makes.

use companion_core::{
    AttendanceView, ScheduleAction as Core, ScheduleChoices, ScheduleDay, ScheduleResult,
    ScheduleScreen, SessionForm, SessionValues, SessionView,
};

use crate::calendar::{AttendanceMark, SessionKind, Weekday};
use crate::error::Result;
use crate::reminders::ClockStyle;
use crate::schedule::RecurrenceRecord;
use crate::screens::views::{LeadChoiceRecord, OccurrenceViewRecord, all};
use crate::store::CompanionStore;
use crate::types::{LocalDate, LocalDateTime, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleDayRecord {
    pub date: LocalDate,
    /// "Today", "Tomorrow", "Wed 18 Nov".
    pub label: String,
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
    /// "Mondays and Wednesdays at 9:00 AM (Chicago time)".
    pub summary: String,
    /// "1 hour and 15 minutes before", "No reminders".
    pub leads_label: String,
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
    /// The same lead times with their words.
    pub lead_choices: Vec<LeadChoiceRecord>,
    pub weekdays: Vec<Weekday>,
    pub default_duration_minutes: u32,
    pub max_duration_minutes: u32,
    pub max_leads: u32,
    pub max_lead_minutes: u32,
    pub min_interval_weeks: u32,
    pub max_interval_weeks: u32,
    /// Every interval with its words ("Every 2 weeks").
    pub interval_choices: Vec<IntervalChoiceRecord>,
    /// Lengths with their words ("1 hour 30 minutes"), shortest first; a session form's also
    /// holds the session's own length.
    pub duration_choices: Vec<DurationChoiceRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DurationChoiceRecord {
    pub minutes: u32,
    pub label: String,
}

/// The move form: where its pickers open and on whose clock.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MoveFormRecord {
    pub session_id: String,
    pub series_date: LocalDate,
    /// "Move Skills group, Wed 18 Nov".
    pub title: String,
    /// The occurrence's start as it stands, on the session's own clock.
    pub start: LocalDateTime,
    pub duration_minutes: u32,
    pub max_duration_minutes: u32,
    /// The session's zone: the picked start is read on this clock.
    pub zone: String,
    /// "Times are on the clock in Chicago.", when that clock reads differently from the phone's.
    pub clock_note: Option<String>,
}

impl From<companion_core::MoveForm> for MoveFormRecord {
    fn from(f: companion_core::MoveForm) -> Self {
        MoveFormRecord {
            session_id: f.session_id,
            series_date: f.series_date.into(),
            title: f.title,
            start: f.start.into(),
            duration_minutes: f.duration_minutes,
            max_duration_minutes: f.max_duration_minutes,
            zone: f.zone,
            clock_note: f.clock_note,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntervalChoiceRecord {
    pub weeks: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleScreenRecord {
    pub days: Vec<ScheduleDayRecord>,
    pub sessions: Vec<SessionViewRecord>,
    pub recent: Vec<AttendanceViewRecord>,
    pub default_leads: Vec<u32>,
    pub choices: ScheduleChoicesRecord,
    /// "Nothing in the next 14 days", when `days` is empty.
    pub empty_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleResultRecord {
    pub screen: ScheduleScreenRecord,
    pub ask_notification_permission: bool,
}

/// Every field the session form edits; texts are empty when unset.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionValuesRecord {
    pub title: String,
    pub kind: SessionKind,
    /// On the session's own wall clock, in `zone`.
    pub start: LocalDateTime,
    pub zone: String,
    pub duration_minutes: u32,
    /// Absent: a one-off.
    pub recurrence: Option<RecurrenceRecord>,
    /// Absent: the preferences' default lead times.
    pub own_leads: Option<Vec<u32>>,
    pub location: String,
    pub video_link: String,
    pub notes: String,
}

/// What the session form shows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionFormRecord {
    /// Absent: a new session.
    pub session_id: Option<String>,
    /// What the form opens with: pass it back as `opened` when saving.
    pub values: SessionValuesRecord,
    pub choices: ScheduleChoicesRecord,
    /// The repeat offered when repeating is turned on: weekly, on the start's weekday.
    pub weekly: RecurrenceRecord,
    /// What "the default reminders" are now.
    pub default_leads: Vec<LeadChoiceRecord>,
    /// "As in settings: 1 hour and 15 minutes before".
    pub default_leads_label: String,
    /// "Times are on the clock in Chicago." (for another zone picked, `zoneClockLabel`).
    pub zone_label: String,
    pub can_remove: bool,
}

/// "Times are on the clock in Chicago." for a session in `zone`, at `at` (a zone without a
/// city is named by its offset then).
#[uniffi::export]
pub fn zone_clock_label(zone: String, at: Timestamp) -> Result<String> {
    Ok(companion_core::zone_clock_label(&zone, at.0)?)
}

impl From<SessionValues> for SessionValuesRecord {
    fn from(v: SessionValues) -> Self {
        SessionValuesRecord {
            title: v.title,
            kind: v.kind.into(),
            start: v.start.into(),
            zone: v.zone,
            duration_minutes: v.duration_minutes,
            recurrence: v.recurrence.map(Into::into),
            own_leads: v.own_leads,
            location: v.location,
            video_link: v.video_link,
            notes: v.notes,
        }
    }
}

impl From<SessionValuesRecord> for SessionValues {
    fn from(v: SessionValuesRecord) -> Self {
        SessionValues {
            title: v.title,
            kind: v.kind.into(),
            start: v.start.0,
            zone: v.zone,
            duration_minutes: v.duration_minutes,
            recurrence: v.recurrence.map(Into::into),
            own_leads: v.own_leads,
            location: v.location,
            video_link: v.video_link,
            notes: v.notes,
        }
    }
}

impl From<SessionForm> for SessionFormRecord {
    fn from(f: SessionForm) -> Self {
        SessionFormRecord {
            session_id: f.session_id,
            values: f.values.into(),
            choices: f.choices.into(),
            weekly: f.weekly.into(),
            default_leads: all(f.default_leads),
            default_leads_label: f.default_leads_label,
            zone_label: f.zone_label,
            can_remove: f.can_remove,
        }
    }
}

/// Every change the schedule screen makes.
// Made once by the app and moved once into the core: the size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ScheduleAction {
    /// The session form saved: a new session (`session_id` absent), or only what the
    /// participant changed against the values the form opened with.
    SaveSessionForm {
        session_id: Option<String>,
        opened: SessionValuesRecord,
        edited: SessionValuesRecord,
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
            ScheduleAction::SaveSessionForm {
                session_id,
                opened,
                edited,
            } => Core::SaveSessionForm {
                session_id,
                opened: opened.into(),
                edited: edited.into(),
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
            label: d.label,
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
            summary: s.summary,
            leads_label: s.leads_label,
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
            lead_choices: all(c.lead_choices),
            weekdays: all(c.weekdays),
            default_duration_minutes: c.default_duration_minutes,
            max_duration_minutes: c.max_duration_minutes,
            max_leads: c.max_leads,
            max_lead_minutes: c.max_lead_minutes,
            min_interval_weeks: c.min_interval_weeks,
            max_interval_weeks: c.max_interval_weeks,
            duration_choices: c
                .duration_choices
                .into_iter()
                .map(|d| DurationChoiceRecord {
                    minutes: d.minutes,
                    label: d.label,
                })
                .collect(),
            interval_choices: c
                .interval_choices
                .into_iter()
                .map(|i| IntervalChoiceRecord {
                    weeks: i.weeks,
                    label: i.label,
                })
                .collect(),
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
            empty_label: s.empty_label,
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

/// What turning "repeat" on starts with for a session starting at `start`: every week on its
/// weekday (a series must include its first session's day).
#[uniffi::export]
pub fn weekly_repeat(start: LocalDateTime) -> RecurrenceRecord {
    companion_core::weekly_repeat(start.0).into()
}

#[uniffi::export]
impl CompanionStore {
    /// The schedule at `now` in the phone's `zone`, its times on the phone's clock.
    pub fn schedule_screen(
        &self,
        now: Timestamp,
        zone: String,
        clock_style: ClockStyle,
    ) -> Result<ScheduleScreenRecord> {
        Ok(self
            .read(|s| s.schedule_screen(now.0, &zone, clock_style.into()))?
            .into())
    }

    /// The session form for session `session_id`, or for a new session (absent) starting at
    /// the next whole hour on the phone's clock. A program's session is read-only.
    pub fn session_form(
        &self,
        session_id: Option<String>,
        now: Timestamp,
        zone: String,
    ) -> Result<SessionFormRecord> {
        Ok(self
            .read(|s| s.session_form(session_id.as_deref(), now.0, &zone))?
            .into())
    }

    /// The form that moves occurrence `series_date` of the participant's session
    /// `session_id`, seen at `now` from a phone in `zone`; save it with
    /// `ScheduleAction.MoveOccurrence`. Refused for a program's session or a cancelled
    /// occurrence.
    pub fn move_form(
        &self,
        session_id: String,
        series_date: LocalDate,
        now: Timestamp,
        zone: String,
    ) -> Result<MoveFormRecord> {
        Ok(self
            .read(|s| s.move_form(&session_id, series_date.0, now.0, &zone))?
            .into())
    }

    /// One change from the schedule screen; returns the screen after it. On an error nothing
    /// changed.
    pub fn schedule_act(
        &self,
        action: ScheduleAction,
        now: Timestamp,
        zone: String,
        clock_style: ClockStyle,
    ) -> Result<ScheduleResultRecord> {
        let action = action.into();
        Ok(self
            .write(|s| s.schedule_act(action, now.0, &zone, clock_style.into()))?
            .into())
    }
}
