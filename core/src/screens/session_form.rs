//! The session form: what it opens with (a new session's defaults, or a session's values),
//! and what saving writes. Like the check-in form, saving writes only what the participant
//! changed against the values the form opened with, so a field another device changed while
//! the form was open keeps that change.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Timelike, Utc};
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::schedule::notifications::place;
use crate::schedule::recurrence::Recurrence;
use crate::schedule::session::{Session, SessionFields, SessionKind};
use crate::screens::labels;
use crate::screens::session_choices::{
    DEFAULT_SESSION_MINUTES, DurationChoice, SESSION_KIND_CHOICES, ScheduleChoices, session_choices,
};
use crate::screens::views::{LeadChoice, checked_now, zone_of};
use crate::storage::store::Store;

/// Every field the form edits, as the form shows it: texts are empty when unset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionValues {
    pub title: String,
    pub kind: SessionKind,
    /// On the session's own wall clock, in `zone`.
    pub start: NaiveDateTime,
    pub zone: String,
    pub duration_minutes: u32,
    /// `None`: a one-off.
    pub recurrence: Option<Recurrence>,
    /// `None`: the preferences' default lead times.
    pub own_leads: Option<Vec<u32>>,
    pub location: String,
    pub video_link: String,
    pub notes: String,
}

impl From<&Session> for SessionValues {
    fn from(s: &Session) -> Self {
        SessionValues {
            title: s.title.clone(),
            kind: s.kind,
            start: s.start,
            zone: s.time_zone.clone(),
            duration_minutes: s.duration_minutes,
            recurrence: s.recurrence.clone(),
            own_leads: s.reminder_leads.clone(),
            location: s.location.clone().unwrap_or_default(),
            video_link: s.video_link.clone().unwrap_or_default(),
            notes: s.notes.clone().unwrap_or_default(),
        }
    }
}

/// What the session form shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionForm {
    /// `None`: a new session.
    pub session_id: Option<String>,
    /// What the form opens with; saving compares the edited form with these.
    pub values: SessionValues,
    pub choices: ScheduleChoices,
    /// The repeat the form offers when the participant turns repeating on: every week on
    /// the start's weekday.
    pub weekly: Recurrence,
    /// What "the default reminders" are now.
    pub default_leads: Vec<LeadChoice>,
    /// "As in settings: 1 hour and 15 minutes before": the choice of following the defaults.
    pub default_leads_label: String,
    /// "Times are on the clock in Chicago.": whose clock the form's start is on (for another
    /// zone picked in the form, [`zone_clock_label`]).
    pub zone_label: String,
    pub can_remove: bool,
}

/// "Times are on the clock in Chicago." for a session in `zone` (a zone without a city by its
/// offset at `at`: "UTC+5").
pub fn zone_clock_label(zone: &str, at: DateTime<Utc>) -> Result<String> {
    Ok(format!(
        "Times are on the clock in {}.",
        place(zone_of(zone)?, at)
    ))
}

/// What turning "repeat" on starts with for a session starting at `start`: every week on its
/// weekday (the series must include the first session's day).
pub fn weekly_repeat(start: NaiveDateTime) -> Recurrence {
    Recurrence::weekly(&[start.weekday()])
}

/// The fields saving writes: all of them for a new session, only the changed ones otherwise.
pub(crate) fn changed_fields(
    new: bool,
    opened: &SessionValues,
    edited: &SessionValues,
) -> SessionFields {
    fn pick<T: PartialEq + Clone>(new: bool, opened: &T, edited: &T) -> Option<T> {
        (new || opened != edited).then(|| edited.clone())
    }
    SessionFields {
        title: pick(new, &opened.title, &edited.title),
        kind: pick(new, &opened.kind, &edited.kind),
        start: pick(new, &opened.start, &edited.start),
        time_zone: pick(new, &opened.zone, &edited.zone),
        duration_minutes: pick(new, &opened.duration_minutes, &edited.duration_minutes),
        recurrence: pick(new, &opened.recurrence, &edited.recurrence),
        // A new session following the default stores no leads of its own.
        reminder_leads: if new && edited.own_leads.is_none() {
            None
        } else {
            pick(new, &opened.own_leads, &edited.own_leads)
        },
        location: pick(new, &opened.location, &edited.location),
        video_link: pick(new, &opened.video_link, &edited.video_link),
        notes: pick(new, &opened.notes, &edited.notes),
    }
}

impl Store {
    /// The form for session `id`, or for a new session (`None`) starting at the next whole
    /// hour on the phone's clock in `zone`. A program's session is read-only.
    pub fn session_form(
        &self,
        id: Option<&str>,
        now: DateTime<Utc>,
        zone: &str,
    ) -> Result<SessionForm> {
        let tz = zone_of(zone)?;
        let now = checked_now(now)?;
        let choices = session_choices();
        let default_leads: Vec<LeadChoice> = self
            .preferences()?
            .default_reminder_leads
            .into_iter()
            .map(LeadChoice::of)
            .collect();
        let (session_id, values) = match id {
            Some(id) => {
                let session = self.session(id)?;
                if session.program_id.is_some() {
                    return Err(Error::program_owned(RecordKind::Session, id));
                }
                (Some(session.id.clone()), SessionValues::from(&session))
            }
            None => {
                let local = now.with_timezone(&tz).naive_local();
                let next_hour = local
                    .with_minute(0)
                    .and_then(|t| t.with_second(0))
                    .and_then(|t| t.with_nanosecond(0))
                    .and_then(|t| t.checked_add_signed(Duration::hours(1)))
                    .ok_or_else(|| Error::invalid("now", "is out of range"))?;
                let values = SessionValues {
                    title: String::new(),
                    kind: SESSION_KIND_CHOICES[0],
                    start: next_hour,
                    zone: tz.name().to_owned(),
                    duration_minutes: DEFAULT_SESSION_MINUTES,
                    recurrence: None,
                    own_leads: None,
                    location: String::new(),
                    video_link: String::new(),
                    notes: String::new(),
                };
                (None, values)
            }
        };
        let default_leads_label = format!(
            "As in settings: {}",
            labels::leads_label(
                &default_leads
                    .iter()
                    .map(|l: &LeadChoice| l.minutes)
                    .collect::<Vec<_>>()
            )
        );
        // A length off the list (set from the terminal, or by an older app) is offered in its
        // place, so the form opens on it.
        let mut choices = choices;
        let own = values.duration_minutes;
        if !choices.duration_choices.iter().any(|d| d.minutes == own) {
            let at = choices
                .duration_choices
                .partition_point(|d| d.minutes < own);
            choices.duration_choices.insert(at, DurationChoice::of(own));
        }
        Ok(SessionForm {
            // A zone the document holds but this build does not know still gets its words.
            zone_label: zone_clock_label(&values.zone, now)
                .unwrap_or_else(|_| format!("Times are on the clock in {}.", values.zone)),
            default_leads_label,
            weekly: weekly_repeat(values.start),
            can_remove: session_id.is_some(),
            session_id,
            values,
            choices,
            default_leads,
        })
    }

    /// Saves the session form: adds a session (`id` `None`) from `edited`, or writes to
    /// session `id` only what differs between `opened` and `edited`. Returns the session.
    pub(crate) fn save_session_form(
        &mut self,
        id: Option<&str>,
        opened: &SessionValues,
        edited: &SessionValues,
    ) -> Result<Session> {
        let fields = changed_fields(id.is_none(), opened, edited);
        match id {
            None => self.add_session(&fields),
            Some(id) if fields == SessionFields::default() => self.session(id),
            Some(id) => self.edit_session(id, &fields),
        }
    }
}
