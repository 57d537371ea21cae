//! Sessions, occurrences, the today view, preferences and attendance (reminders are
//! `reminders.rs`).

use chrono::{NaiveTime, Utc};
use companion_core::{
    Attendance, Occurrence, OccurrenceChange, OccurrenceStatus, PreferencesEdit, Recurrence,
    Session, SessionFields, SessionKind, parse_weekday, weekday_code,
};

use crate::checkins::CheckInRecord;
use crate::contacts::ContactRecord;
use crate::error::{CompanionError, Result};
use crate::store::CompanionStore;
use crate::types::{Timestamp, date, date_text, local, local_text};

/// What kind of session, as text the apps localise: "psychoeducation", "process-group",
/// "skills-group", "individual", "family", "aftercare", "other".
fn kind(s: &str) -> Result<SessionKind> {
    Ok(s.parse::<SessionKind>()?)
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RecurrenceRecord {
    /// Two-letter codes: "MO", "WE"…
    pub weekdays: Vec<String>,
    pub interval_weeks: u32,
    pub until: Option<String>,
    pub count: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OccurrenceChangeRecord {
    /// The occurrence's date in the series.
    pub date: String,
    pub cancelled: bool,
    /// For a moved occurrence: its new local start and length.
    pub moved_to: Option<String>,
    pub moved_duration_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionRecord {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
    /// Local start of the first (or only) session in `time_zone`, "YYYY-MM-DDTHH:MM".
    pub start: String,
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
    pub kind: Option<String>,
    #[uniffi(default = None)]
    pub location: Option<String>,
    #[uniffi(default = None)]
    pub video_link: Option<String>,
    #[uniffi(default = None)]
    pub notes: Option<String>,
    #[uniffi(default = None)]
    pub start: Option<String>,
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
            kind: s.kind.as_str().to_owned(),
            location: s.location,
            video_link: s.video_link,
            notes: s.notes,
            start: local_text(s.start),
            time_zone: s.time_zone,
            duration_minutes: s.duration_minutes,
            recurrence: s.recurrence.map(|r| RecurrenceRecord {
                weekdays: r
                    .weekdays
                    .iter()
                    .map(|w| weekday_code(*w).to_owned())
                    .collect(),
                interval_weeks: r.interval_weeks,
                until: r.until.map(date_text),
                count: r.count,
            }),
            reminder_leads: s.reminder_leads,
            changes: s
                .changes
                .into_iter()
                .map(|(d, c)| match c {
                    OccurrenceChange::Cancelled => OccurrenceChangeRecord {
                        date: date_text(d),
                        cancelled: true,
                        moved_to: None,
                        moved_duration_minutes: None,
                    },
                    OccurrenceChange::Moved {
                        start,
                        duration_minutes,
                    } => OccurrenceChangeRecord {
                        date: date_text(d),
                        cancelled: false,
                        moved_to: Some(local_text(start)),
                        moved_duration_minutes: Some(duration_minutes),
                    },
                })
                .collect(),
            program_id: s.program_id,
        }
    }
}

impl SessionInput {
    fn fields(self) -> Result<SessionFields> {
        let recurrence = if self.one_off {
            Some(None)
        } else {
            match self.recurrence {
                Some(r) => Some(Some(Recurrence {
                    weekdays: r
                        .weekdays
                        .iter()
                        .map(|w| parse_weekday(w))
                        .collect::<Result<_, _>>()?,
                    interval_weeks: r.interval_weeks,
                    until: r.until.map(|u| date("until", &u)).transpose()?,
                    count: r.count,
                })),
                None => None,
            }
        };
        Ok(SessionFields {
            title: self.title,
            kind: self.kind.map(|k| kind(&k)).transpose()?,
            location: self.location,
            video_link: self.video_link,
            notes: self.notes,
            start: self.start.map(|s| local("start", &s)).transpose()?,
            time_zone: self.time_zone,
            duration_minutes: self.duration_minutes,
            recurrence,
            reminder_leads: if self.default_leads {
                Some(None)
            } else {
                self.reminder_leads.map(Some)
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OccurrenceRecord {
    pub session_id: String,
    pub series_date: String,
    pub title: String,
    pub kind: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Wall-clock start in the session's own zone.
    pub local_start: String,
    pub time_zone: String,
    pub location: Option<String>,
    pub video_link: Option<String>,
    /// "scheduled", "moved" or "cancelled".
    pub status: String,
}

impl From<Occurrence> for OccurrenceRecord {
    fn from(o: Occurrence) -> Self {
        OccurrenceRecord {
            session_id: o.session_id,
            series_date: date_text(o.series_date),
            title: o.title,
            kind: o.kind.as_str().to_owned(),
            start: o.start.into(),
            end: o.end.into(),
            local_start: local_text(o.local_start),
            time_zone: o.time_zone,
            location: o.location,
            video_link: o.video_link,
            status: match o.status {
                OccurrenceStatus::Scheduled => "scheduled",
                OccurrenceStatus::Moved => "moved",
                OccurrenceStatus::Cancelled => "cancelled",
            }
            .to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TodayRecord {
    pub date: String,
    pub time_zone: String,
    pub sessions: Vec<OccurrenceRecord>,
    pub checkin: Option<CheckInRecord>,
    pub favourites: Vec<ContactRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PreferencesRecord {
    /// "HH:MM", or `None` when the daily check-in reminder is off.
    pub checkin_reminder: Option<String>,
    pub discreet_notifications: bool,
    pub default_reminder_leads: Vec<u32>,
    /// The participant's chosen country (e.g. "US"), `None` when the device's is used.
    pub region: Option<String>,
}

#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct PreferencesInput {
    /// "HH:MM", or "off".
    #[uniffi(default = None)]
    pub checkin_reminder: Option<String>,
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
    /// "attended", "missed", or `None` when not marked.
    pub attendance: Option<String>,
}

#[uniffi::export]
impl CompanionStore {
    pub fn add_session(&self, input: SessionInput) -> Result<SessionRecord> {
        let fields = input.fields()?;
        Ok(self.write(|s| s.add_session(&fields))?.into())
    }

    pub fn edit_session(&self, id: String, input: SessionInput) -> Result<SessionRecord> {
        let fields = input.fields()?;
        Ok(self.write(|s| s.edit_session(&id, &fields))?.into())
    }

    pub fn remove_session(&self, id: String) -> Result<()> {
        self.write(|s| s.remove_session(&id))
    }

    pub fn cancel_occurrence(&self, id: String, series_date: String) -> Result<SessionRecord> {
        let d = date("date", &series_date)?;
        Ok(self.write(|s| s.cancel_occurrence(&id, d))?.into())
    }

    pub fn move_occurrence(
        &self,
        id: String,
        series_date: String,
        new_start: String,
        duration_minutes: Option<u32>,
    ) -> Result<SessionRecord> {
        let d = date("date", &series_date)?;
        let to = local("new start", &new_start)?;
        Ok(self
            .write(|s| s.move_occurrence(&id, d, to, duration_minutes))?
            .into())
    }

    pub fn restore_occurrence(&self, id: String, series_date: String) -> Result<SessionRecord> {
        let d = date("date", &series_date)?;
        Ok(self.write(|s| s.restore_occurrence(&id, d))?.into())
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
            date: date_text(t.date),
            time_zone: t.time_zone,
            sessions: t.sessions.into_iter().map(Into::into).collect(),
            checkin: t.checkin.map(Into::into),
            favourites: t.favourites.into_iter().map(Into::into).collect(),
        })
    }

    pub fn preferences(&self) -> Result<PreferencesRecord> {
        let p = self.read(|s| s.preferences())?;
        Ok(PreferencesRecord {
            checkin_reminder: p.checkin_reminder.map(|t| t.format("%H:%M").to_string()),
            discreet_notifications: p.discreet_notifications,
            default_reminder_leads: p.default_reminder_leads,
            region: p.region.map(|r| r.to_string()),
        })
    }

    pub fn edit_preferences(&self, input: PreferencesInput) -> Result<PreferencesRecord> {
        let checkin_reminder = match input.checkin_reminder.as_deref().map(str::trim) {
            None => None,
            Some("off") => Some(None),
            Some(t) => Some(Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(
                |_| {
                    CompanionError::InvalidInput(
                        "invalid check-in reminder: expected HH:MM or off".into(),
                    )
                },
            )?)),
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

    pub fn mark_attended(&self, session_id: String, series_date: String) -> Result<()> {
        let d = date("date", &series_date)?;
        self.write(|s| s.mark_attendance(&session_id, d, Attendance::Attended, Utc::now()))
    }

    pub fn mark_missed(&self, session_id: String, series_date: String) -> Result<()> {
        let d = date("date", &series_date)?;
        self.write(|s| s.mark_attendance(&session_id, d, Attendance::Missed, Utc::now()))
    }

    /// Occurrences of the last `days` days, most recent first, with what was marked.
    pub fn attendance(&self, days: i64) -> Result<Vec<AttendanceRecord>> {
        Ok(self
            .read(|s| s.attendance(Utc::now(), days))?
            .into_iter()
            .map(|e| AttendanceRecord {
                occurrence: e.occurrence.into(),
                attendance: e.attendance.map(|a| {
                    match a {
                        Attendance::Attended => "attended",
                        Attendance::Missed => "missed",
                    }
                    .to_owned()
                }),
            })
            .collect())
    }

    pub fn export_ics(&self) -> Result<String> {
        self.read(|s| s.export_ics())
    }
}
