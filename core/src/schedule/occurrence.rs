//! Concrete occurrences of sessions in a window of time: what "today" and, later, reminders
//! are built from.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::localtime::resolve;
use crate::schedule::session::{OccurrenceChange, Session, SessionKind};
use crate::storage::store::Store;
use crate::validate;

/// Whether an occurrence happens as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OccurrenceStatus {
    Scheduled,
    Moved,
    Cancelled,
}

/// One occurrence of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    pub session_id: String,
    /// Its date in the series (iCalendar's RECURRENCE-ID), in the session's zone. With the
    /// session id it names the occurrence, even after a move.
    pub series_date: NaiveDate,
    pub title: String,
    pub kind: SessionKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Wall-clock start in the session's own zone.
    pub local_start: NaiveDateTime,
    pub time_zone: String,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub status: OccurrenceStatus,
}

impl Session {
    /// The occurrence that has date `series_date` in the series, moved or cancelled as the
    /// session's changes say; `None` if the series has no such date.
    pub fn occurrence(&self, series_date: NaiveDate) -> Option<Occurrence> {
        if !self.has_occurrence_on(series_date) {
            return None;
        }
        let tz = self.time_zone.parse::<Tz>().ok()?;
        Some(self.build(tz, series_date))
    }

    fn build(&self, tz: Tz, series_date: NaiveDate) -> Occurrence {
        let planned = series_date.and_time(self.start.time());
        let (local, minutes, status) = match self.changes.get(&series_date) {
            Some(OccurrenceChange::Moved {
                start,
                duration_minutes,
            }) => (*start, *duration_minutes, OccurrenceStatus::Moved),
            Some(OccurrenceChange::Cancelled) => {
                (planned, self.duration_minutes, OccurrenceStatus::Cancelled)
            }
            None => (planned, self.duration_minutes, OccurrenceStatus::Scheduled),
        };
        let start = resolve(tz, local);
        Occurrence {
            session_id: self.id.clone(),
            series_date,
            title: self.title.clone(),
            kind: self.kind,
            start,
            end: start + Duration::minutes(i64::from(minutes)),
            local_start: local,
            time_zone: self.time_zone.clone(),
            location: self.location.clone(),
            video_link: self.video_link.clone(),
            status,
        }
    }

    /// Occurrences that overlap `from..to`, cancelled ones included (marked so), by start.
    pub fn occurrences(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        let Ok(tz) = self.time_zone.parse::<Tz>() else {
            return Vec::new();
        };
        // Local dates that can hold a start in the window: widen by the largest UTC offsets
        // and the longest session.
        let (Some(lo), Some(hi)) = (
            from.checked_sub_signed(Duration::days(2)),
            to.checked_add_signed(Duration::days(2)),
        ) else {
            return Vec::new();
        };
        let (lo, hi) = (lo.date_naive(), hi.date_naive());
        let mut dates = match &self.recurrence {
            None => {
                let d = self.start.date();
                if (lo..=hi).contains(&d) {
                    vec![d]
                } else {
                    Vec::new()
                }
            }
            Some(r) => r.dates(self.start.date(), lo, hi),
        };
        // A moved occurrence may land anywhere: look at each move, not only the window's dates.
        dates.retain(|d| !matches!(self.changes.get(d), Some(OccurrenceChange::Moved { .. })));
        for (date, change) in &self.changes {
            if matches!(change, OccurrenceChange::Moved { .. }) && self.has_occurrence_on(*date) {
                dates.push(*date);
            }
        }
        let mut out: Vec<Occurrence> = dates
            .into_iter()
            .map(|d| self.build(tz, d))
            .filter(|o| o.start < to && o.end > from)
            .collect();
        out.sort_by_key(|o| o.start);
        out
    }
}

/// The most days one occurrences query may span, so a typo cannot ask for centuries.
pub const MAX_WINDOW_DAYS: i64 = 400;

impl Store {
    /// Every session's occurrences overlapping `from..to`, by start.
    pub fn occurrences(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Occurrence>> {
        if to < from {
            return Err(Error::invalid("time range", "ends before it starts"));
        }
        if !(1900..=2200).contains(&from.year()) || !(1900..=2200).contains(&to.year()) {
            return Err(Error::invalid(
                "time range",
                "must lie between 1900 and 2200",
            ));
        }
        if to - from > Duration::days(MAX_WINDOW_DAYS) {
            return Err(Error::invalid(
                "time range",
                format!("spans more than {MAX_WINDOW_DAYS} days"),
            ));
        }
        let mut out: Vec<Occurrence> = self
            .shared_sessions()?
            .iter()
            .flat_map(|s| s.occurrences(from, to))
            .collect();
        out.sort_by(|a, b| (a.start, &a.title).cmp(&(b.start, &b.title)));
        Ok(out)
    }

    /// The occurrence `series_date` of session `session_id`.
    pub fn occurrence(&self, session_id: &str, series_date: NaiveDate) -> Result<Occurrence> {
        self.session(session_id)?
            .occurrence(series_date)
            .ok_or_else(|| Error::NoSuchOccurrence {
                session_id: session_id.to_owned(),
                date: series_date.to_string(),
            })
    }

    /// Occurrences on the participant's local `date` in their zone `zone`.
    pub fn occurrences_on(&self, date: NaiveDate, zone: &str) -> Result<Vec<Occurrence>> {
        let tz = validate::time_zone(zone)?;
        let (from, to) = day_bounds(tz, date)?;
        self.occurrences(from, to)
    }
}

/// The instants a local day starts and ends in `tz` (23 or 25 hours apart across DST).
pub(crate) fn day_bounds(tz: Tz, date: NaiveDate) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let next = date
        .checked_add_days(Days::new(1))
        .ok_or_else(|| Error::invalid("date", "is out of range"))?;
    Ok((
        resolve(tz, date.and_time(chrono::NaiveTime::MIN)),
        resolve(tz, next.and_time(chrono::NaiveTime::MIN)),
    ))
}
