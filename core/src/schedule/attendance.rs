//! Attendance: whether the participant went to an occurrence of a session.
//!
//! Kept in its own root map keyed by `<session id>/<series date>`, not inside the session,
//! because program sessions (published by the clinic) are read-only to the participant while
//! their attendance is the participant's own.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::occurrence::{Occurrence, OccurrenceStatus};
use crate::storage::doc::{self, ATTENDANCE, Record};
use crate::storage::store::Store;

/// What the participant says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attendance {
    Attended,
    Missed,
}

impl Attendance {
    fn as_str(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::Missed => "missed",
        }
    }
}

/// One past occurrence and what the participant marked for it, if anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceEntry {
    pub occurrence: Occurrence,
    pub attendance: Option<Attendance>,
}

fn key(session_id: &str, series_date: NaiveDate) -> String {
    format!("{session_id}/{}", series_date.format("%Y-%m-%d"))
}

/// The most days [`Store::attendance`] looks back.
pub const MAX_ATTENDANCE_DAYS: i64 = 366;

impl Store {
    /// Marks the occurrence `series_date` of session `session_id` attended or missed. The
    /// occurrence must exist, not be cancelled and have started by `now`.
    pub fn mark_attendance(
        &mut self,
        session_id: &str,
        series_date: NaiveDate,
        attendance: Attendance,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let occurrence = self.occurrence(session_id, series_date)?;
        if occurrence.status == OccurrenceStatus::Cancelled {
            return Err(Error::invalid(
                "attendance",
                "that occurrence was cancelled",
            ));
        }
        if occurrence.start > now {
            return Err(Error::invalid(
                "attendance",
                "that occurrence has not started yet",
            ));
        }
        let key = key(session_id, series_date);
        self.durable.change(|doc| {
            let map = doc::root_map(doc, ATTENDANCE)?;
            let rec = match Record::get(doc, &map, &key)? {
                Some(r) => r,
                None => Record::create(doc, &map, &key)?,
            };
            rec.put(doc, "status", attendance.as_str())
        })
    }

    /// Forgets what was marked for an occurrence.
    pub fn clear_attendance(&mut self, session_id: &str, series_date: NaiveDate) -> Result<()> {
        self.occurrence(session_id, series_date)?;
        let key = key(session_id, series_date);
        self.durable.change(|doc| {
            let map = doc::root_map(doc, ATTENDANCE)?;
            if Record::get(doc, &map, &key)?.is_some() {
                doc::remove(doc, &map, &key)?;
            }
            Ok(())
        })
    }

    /// Occurrences that started in the `days` days before `now` (cancelled ones left out),
    /// most recent first, each with what was marked.
    pub fn attendance(&self, now: DateTime<Utc>, days: i64) -> Result<Vec<AttendanceEntry>> {
        if !(1..=MAX_ATTENDANCE_DAYS).contains(&days) {
            return Err(Error::invalid(
                "days",
                format!("must be from 1 to {MAX_ATTENDANCE_DAYS}"),
            ));
        }
        let mut list = self.occurrences(now - Duration::days(days), now)?;
        list.retain(|o| o.status != OccurrenceStatus::Cancelled && o.start <= now);
        list.reverse();
        let doc = self.durable.doc();
        let map = doc::root_map(doc, ATTENDANCE)?;
        let mut out = Vec::with_capacity(list.len());
        for occurrence in list {
            let marked = Record::get(
                doc,
                &map,
                &key(&occurrence.session_id, occurrence.series_date),
            )?
            .and_then(|r| r.str(doc, "status"))
            .and_then(|s| match s.as_str() {
                "attended" => Some(Attendance::Attended),
                "missed" => Some(Attendance::Missed),
                _ => None,
            });
            out.push(AttendanceEntry {
                occurrence,
                attendance: marked,
            });
        }
        Ok(out)
    }
}
