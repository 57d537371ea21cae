//! Sessions, occurrences, the today view, preferences and attendance (reminders are
//! `reminders.rs`).

use companion_core::{
    Occurrence, OccurrenceChange, PreferencesEdit, Recurrence, Session, SessionFields,
};

use crate::calendar::{self, AttendanceMark};
use crate::checkins::CheckInRecord;
use crate::contacts::ContactRecord;
use crate::error::{CompanionError, Result};
use crate::store::CompanionStore;
use crate::types::{LocalDate, LocalDateTime, LocalTime, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecurrenceRecord {
    pub weekdays: Vec<calendar::Weekday>,
    pub interval_weeks: u32,
    pub until: Option<LocalDate>,
    pub count: Option<u32>,
}

impl From<Recurrence> for RecurrenceRecord {
    fn from(r: Recurrence) -> Self {
        RecurrenceRecord {
            weekdays: r.weekdays.into_iter().map(Into::into).collect(),
            interval_weeks: r.interval_weeks,
            until: r.until.map(Into::into),
            count: r.count,
        }
    }
}

impl From<RecurrenceRecord> for Recurrence {
    fn from(r: RecurrenceRecord) -> Self {
        Recurrence {
            weekdays: r.weekdays.into_iter().map(Into::into).collect(),
            interval_weeks: r.interval_weeks,
            until: r.until.map(|d| d.0),
            count: r.count,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OccurrenceChangeRecord {
    /// The occurrence's date in the series.
    pub date: LocalDate,
    pub cancelled: bool,
    /// For a moved occurrence: its new local start and length.
    pub moved_to: Option<LocalDateTime>,
    pub moved_duration_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionRecord {
    pub id: String,
    pub title: String,
    pub kind: calendar::SessionKind,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
    /// Local start of the first (or only) session in `time_zone`.
    pub start: LocalDateTime,
    pub time_zone: String,
    pub duration_minutes: u32,
    pub recurrence: Option<RecurrenceRecord>,
    pub reminder_leads: Option<Vec<u32>>,
    pub changes: Vec<OccurrenceChangeRecord>,
    /// Set for the program's sessions, which the participant cannot change.
    pub program_id: Option<String>,
}

/// Fields to set; `None` leaves a field as it is, an empty text removes it. Adding needs
/// `title`, `start` and `time_zone`.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct SessionInput {
    #[uniffi(default = None)]
    pub title: Option<String>,
    #[uniffi(default = None)]
    pub kind: Option<calendar::SessionKind>,
    #[uniffi(default = None)]
    pub location: Option<String>,
    #[uniffi(default = None)]
    pub video_link: Option<String>,
    #[uniffi(default = None)]
    pub notes: Option<String>,
    #[uniffi(default = None)]
    pub start: Option<LocalDateTime>,
    #[uniffi(default = None)]
    pub time_zone: Option<String>,
    #[uniffi(default = None)]
    pub duration_minutes: Option<u32>,
    #[uniffi(default = None)]
    pub recurrence: Option<RecurrenceRecord>,
    /// Make the session a one-off (drops its recurrence).
    #[uniffi(default = false)]
    pub one_off: bool,
    #[uniffi(default = None)]
    pub reminder_leads: Option<Vec<u32>>,
    /// Go back to the preferences' default lead times.
    #[uniffi(default = false)]
    pub default_leads: bool,
}

impl From<Session> for SessionRecord {
    fn from(s: Session) -> Self {
        SessionRecord {
            id: s.id,
            title: s.title,
            kind: s.kind.into(),
            location: s.location,
            video_link: s.video_link,
            notes: s.notes,
            start: s.start.into(),
            time_zone: s.time_zone,
            duration_minutes: s.duration_minutes,
            recurrence: s.recurrence.map(Into::into),
            reminder_leads: s.reminder_leads,
            changes: s
                .changes
                .into_iter()
                .map(|(d, c)| match c {
                    OccurrenceChange::Cancelled => OccurrenceChangeRecord {
                        date: d.into(),
                        cancelled: true,
                        moved_to: None,
                        moved_duration_minutes: None,
                    },
                    OccurrenceChange::Moved {
                        start,
                        duration_minutes,
                    } => OccurrenceChangeRecord {
                        date: d.into(),
                        cancelled: false,
                        moved_to: Some(start.into()),
                        moved_duration_minutes: Some(duration_minutes),
                    },
                })
                .collect(),
            program_id: s.program_id,
        }
    }
}

impl SessionInput {
    pub(crate) fn fields(self) -> SessionFields {
        let recurrence = if self.one_off {
            Some(None)
        } else {
            self.recurrence.map(|r| Some(r.into()))
        };
        SessionFields {
            title: self.title,
            kind: self.kind.map(Into::into),
            location: self.location,
            video_link: self.video_link,
            notes: self.notes,
            start: self.start.map(|s| s.0),
            time_zone: self.time_zone,
            duration_minutes: self.duration_minutes,
            recurrence,
            reminder_leads: if self.default_leads {
                Some(None)
            } else {
                self.reminder_leads.map(Some)
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OccurrenceRecord {
    pub session_id: String,
    pub series_date: LocalDate,
    pub title: String,
    pub kind: calendar::SessionKind,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Wall-clock start in the session's own zone.
    pub local_start: LocalDateTime,
    pub time_zone: String,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub status: calendar::OccurrenceStatus,
}

impl From<Occurrence> for OccurrenceRecord {
    fn from(o: Occurrence) -> Self {
        OccurrenceRecord {
            session_id: o.session_id,
            series_date: o.series_date.into(),
            title: o.title,
            kind: o.kind.into(),
            start: o.start.into(),
            end: o.end.into(),
            local_start: o.local_start.into(),
            time_zone: o.time_zone,
            location: o.location,
            video_link: o.video_link,
            status: o.status.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TodayRecord {
    pub date: LocalDate,
    pub time_zone: String,
    pub sessions: Vec<OccurrenceRecord>,
    pub checkin: Option<CheckInRecord>,
    pub favourites: Vec<ContactRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PreferencesRecord {
    /// `None` when the daily check-in reminder is off.
    pub checkin_reminder: Option<LocalTime>,
    pub discreet_notifications: bool,
    pub default_reminder_leads: Vec<u32>,
    /// The participant's chosen country (e.g. "US"), `None` when the device's is used.
    pub region: Option<String>,
}

#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct PreferencesInput {
    /// The daily check-in reminder's new time.
    #[uniffi(default = None)]
    pub checkin_reminder: Option<LocalTime>,
    /// Turns the daily check-in reminder off (with no `checkin_reminder`).
    #[uniffi(default = false)]
    pub checkin_reminder_off: bool,
    #[uniffi(default = None)]
    pub discreet_notifications: Option<bool>,
    #[uniffi(default = None)]
    pub default_reminder_leads: Option<Vec<u32>>,
    /// A two-letter country code, or "" to follow the device's region again.
    #[uniffi(default = None)]
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AttendanceRecord {
    pub occurrence: OccurrenceRecord,
    /// `None` when not marked.
    pub attendance: Option<AttendanceMark>,
}

#[uniffi::export]
impl CompanionStore {
    pub fn add_session(&self, input: SessionInput) -> Result<SessionRecord> {
        let fields = input.fields();
        Ok(self.write(|s| s.add_session(&fields))?.into())
    }

    pub fn edit_session(&self, id: String, input: SessionInput) -> Result<SessionRecord> {
        let fields = input.fields();
        Ok(self.write(|s| s.edit_session(&id, &fields))?.into())
    }

    pub fn remove_session(&self, id: String) -> Result<()> {
        self.write(|s| s.remove_session(&id))
    }

    pub fn cancel_occurrence(&self, id: String, series_date: LocalDate) -> Result<SessionRecord> {
        Ok(self
            .write(|s| s.cancel_occurrence(&id, series_date.0))?
            .into())
    }

    pub fn move_occurrence(
        &self,
        id: String,
        series_date: LocalDate,
        new_start: LocalDateTime,
        duration_minutes: Option<u32>,
    ) -> Result<SessionRecord> {
        Ok(self
            .write(|s| s.move_occurrence(&id, series_date.0, new_start.0, duration_minutes))?
            .into())
    }

    pub fn restore_occurrence(&self, id: String, series_date: LocalDate) -> Result<SessionRecord> {
        Ok(self
            .write(|s| s.restore_occurrence(&id, series_date.0))?
            .into())
    }

    /// The participant's own sessions and their programs', by first start.
    pub fn sessions(&self) -> Result<Vec<SessionRecord>> {
        Ok(self
            .read(|s| s.sessions())?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub fn occurrences(&self, from: Timestamp, to: Timestamp) -> Result<Vec<OccurrenceRecord>> {
        Ok(self
            .read(|s| s.occurrences(from.0, to.0))?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The day containing `now` for a participant whose phone is in `zone`.
    pub fn today(&self, now: Timestamp, zone: String) -> Result<TodayRecord> {
        let t = self.read(|s| s.today(now.0, &zone))?;
        Ok(TodayRecord {
            date: t.date.into(),
            time_zone: t.time_zone,
            sessions: t.sessions.into_iter().map(Into::into).collect(),
            checkin: t.checkin.map(Into::into),
            favourites: t.favourites.into_iter().map(Into::into).collect(),
        })
    }

    pub fn preferences(&self) -> Result<PreferencesRecord> {
        let p = self.read(|s| s.preferences())?;
        Ok(PreferencesRecord {
            checkin_reminder: p.checkin_reminder.map(Into::into),
            discreet_notifications: p.discreet_notifications,
            default_reminder_leads: p.default_reminder_leads,
            region: p.region.map(|r| r.to_string()),
        })
    }

    pub fn edit_preferences(&self, input: PreferencesInput) -> Result<PreferencesRecord> {
        let checkin_reminder = match (input.checkin_reminder, input.checkin_reminder_off) {
            (Some(_), true) => {
                return Err(CompanionError::InvalidInput(
                    "invalid check-in reminder: cannot be set and turned off at once".into(),
                ));
            }
            (Some(t), false) => Some(Some(t.0)),
            (None, true) => Some(None),
            (None, false) => None,
        };
        let edit = PreferencesEdit {
            checkin_reminder,
            discreet_notifications: input.discreet_notifications,
            default_reminder_leads: input.default_reminder_leads,
            region: input.region.map(|r| (!r.trim().is_empty()).then_some(r)),
        };
        self.write(|s| s.edit_preferences(&edit))?;
        self.preferences()
    }

    /// Marks an occurrence that has started by `now` attended or missed.
    pub fn mark_attendance(
        &self,
        session_id: String,
        series_date: LocalDate,
        mark: AttendanceMark,
        now: Timestamp,
    ) -> Result<()> {
        self.write(|s| s.mark_attendance(&session_id, series_date.0, mark.into(), now.0))
    }

    /// Occurrences of the `days` days before `now`, most recent first, with what was marked.
    pub fn attendance(&self, now: Timestamp, days: i64) -> Result<Vec<AttendanceRecord>> {
        Ok(self
            .read(|s| s.attendance(now.0, days))?
            .into_iter()
            .map(|e| AttendanceRecord {
                occurrence: e.occurrence.into(),
                attendance: e.attendance.map(Into::into),
            })
            .collect())
    }

    pub fn export_ics(&self) -> Result<String> {
        self.read(|s| s.export_ics())
    }
}
