//! Sessions: the participant's schedule of groups and appointments, each with its own wall
//! clock time in its own IANA zone (the program's, not the phone's).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use automerge::{AutoCommit, ObjId, ReadDoc};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::schedule::recurrence::{Recurrence, parse_weekday, weekday_code};
use crate::storage::doc::{self, Record, SESSIONS};
use crate::storage::store::Store;
use crate::validate::{self, NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS};

/// Longest session, in minutes.
pub const MAX_DURATION_MINUTES: u32 = 12 * 60;
/// Longest reminder lead time, in minutes (a week).
pub const MAX_LEAD_MINUTES: u32 = 7 * 24 * 60;
/// Most reminders per occurrence.
pub const MAX_LEADS: usize = 4;

const DATE: &str = "%Y-%m-%d";
const LOCAL: &str = "%Y-%m-%dT%H:%M";

/// What kind of session it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    Psychoeducation,
    ProcessGroup,
    SkillsGroup,
    Individual,
    Family,
    Aftercare,
    Other,
}

impl SessionKind {
    pub const ALL: [SessionKind; 7] = [
        SessionKind::Psychoeducation,
        SessionKind::ProcessGroup,
        SessionKind::SkillsGroup,
        SessionKind::Individual,
        SessionKind::Family,
        SessionKind::Aftercare,
        SessionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Psychoeducation => "psychoeducation",
            SessionKind::ProcessGroup => "process-group",
            SessionKind::SkillsGroup => "skills-group",
            SessionKind::Individual => "individual",
            SessionKind::Family => "family",
            SessionKind::Aftercare => "aftercare",
            SessionKind::Other => "other",
        }
    }
}

impl fmt::Display for SessionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SessionKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_lowercase().replace(['_', ' '], "-");
        SessionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    "must be one of psychoeducation, process-group, skills-group, individual, family, aftercare, other",
                )
            })
    }
}

/// What happened to one occurrence of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum OccurrenceChange {
    Cancelled,
    /// Held at another local time (same zone), possibly on another day or for another length.
    Moved {
        start: NaiveDateTime,
        duration_minutes: u32,
    },
}

/// A session or a series of sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub kind: SessionKind,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
    /// Local start of the first (or only) session, in `time_zone`.
    pub start: NaiveDateTime,
    /// IANA zone the wall-clock times belong to.
    pub time_zone: String,
    pub duration_minutes: u32,
    pub recurrence: Option<Recurrence>,
    /// Minutes before each occurrence to remind; `None` uses the preferences' default.
    pub reminder_leads: Option<Vec<u32>>,
    /// Cancelled and moved occurrences, by their date in the series.
    pub changes: BTreeMap<NaiveDate, OccurrenceChange>,
    /// The program whose published schedule holds this session; `None` for the participant's
    /// own. Only the program changes its sessions.
    pub program_id: Option<String>,
}

/// Fields to set on a session. Every `None` leaves the field as it is; an empty text removes
/// an optional field. Adding a session needs `title`, `start` and `time_zone`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionFields {
    pub title: Option<String>,
    pub kind: Option<SessionKind>,
    pub location: Option<String>,
    pub video_link: Option<String>,
    pub notes: Option<String>,
    pub start: Option<NaiveDateTime>,
    pub time_zone: Option<String>,
    pub duration_minutes: Option<u32>,
    /// `Some(None)` makes the session a one-off.
    pub recurrence: Option<Option<Recurrence>>,
    /// `Some(None)` goes back to the preferences' default.
    pub reminder_leads: Option<Option<Vec<u32>>>,
}

impl Session {
    /// Whether the series has an occurrence on `date` (its date in the series).
    pub fn has_occurrence_on(&self, date: NaiveDate) -> bool {
        match &self.recurrence {
            None => self.start.date() == date,
            Some(r) => !r.dates(self.start.date(), date, date).is_empty(),
        }
    }

    /// Applies `fields` to a copy and checks the whole result.
    pub(crate) fn with(&self, f: &SessionFields) -> Result<Session> {
        let mut s = self.clone();
        if let Some(t) = &f.title {
            s.title = validate::required_line("title", t, NAME_MAX_CHARS)?;
        }
        if let Some(k) = f.kind {
            s.kind = k;
        }
        if let Some(l) = &f.location {
            s.location = validate::optional_line("location", l, SHORT_TEXT_MAX_CHARS)?;
        }
        if let Some(v) = &f.video_link {
            s.video_link = validate::link("video link", v)?;
        }
        if let Some(n) = &f.notes {
            s.notes = validate::note("notes", n)?;
        }
        if let Some(start) = f.start {
            s.start = start;
        }
        if let Some(tz) = &f.time_zone {
            s.time_zone = validate::time_zone(tz)?.name().to_owned();
        }
        if let Some(d) = f.duration_minutes {
            s.duration_minutes = d;
        }
        if let Some(r) = &f.recurrence {
            s.recurrence = r.clone();
        }
        if let Some(l) = &f.reminder_leads {
            s.reminder_leads = l.clone();
        }
        s.validated()
    }

    fn validated(mut self) -> Result<Session> {
        if self.title.is_empty() {
            return Err(Error::invalid("title", "must not be empty"));
        }
        if !(2000..=2100).contains(&self.start.year()) {
            return Err(Error::invalid(
                "start",
                "must be between the years 2000 and 2100",
            ));
        }
        validate::time_zone(&self.time_zone)?;
        if !(1..=MAX_DURATION_MINUTES).contains(&self.duration_minutes) {
            return Err(Error::invalid(
                "duration",
                format!("must be from 1 to {MAX_DURATION_MINUTES} minutes"),
            ));
        }
        if let Some(r) = self.recurrence.take() {
            self.recurrence = Some(r.validated(self.start.date())?);
        }
        if let Some(leads) = &mut self.reminder_leads {
            *leads = clean_leads(leads)?;
        }
        Ok(self)
    }
}

/// Checks the new start and length of a moved occurrence.
pub(crate) fn check_moved(start: NaiveDateTime, duration_minutes: Option<u32>) -> Result<()> {
    if !(2000..=2100).contains(&start.year()) {
        return Err(Error::invalid(
            "start",
            "must be between the years 2000 and 2100",
        ));
    }
    if let Some(d) = duration_minutes
        && !(1..=MAX_DURATION_MINUTES).contains(&d)
    {
        return Err(Error::invalid(
            "duration",
            format!("must be from 1 to {MAX_DURATION_MINUTES} minutes"),
        ));
    }
    Ok(())
}

/// Lead times in minutes: each at most [`MAX_LEAD_MINUTES`], at most [`MAX_LEADS`] of them,
/// longest first, no repeats.
pub(crate) fn clean_leads(leads: &[u32]) -> Result<Vec<u32>> {
    let mut v = leads.to_vec();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    if v.len() > MAX_LEADS {
        return Err(Error::invalid(
            "reminder lead times",
            format!("at most {MAX_LEADS}"),
        ));
    }
    if v.iter().any(|&l| l > MAX_LEAD_MINUTES) {
        return Err(Error::invalid(
            "reminder lead times",
            "must be at most a week (10080 minutes)",
        ));
    }
    Ok(v)
}

pub(crate) fn leads_to_str(leads: &[u32]) -> String {
    leads
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn leads_from_str(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|p| p.parse().ok()).collect()
}

fn read(doc: &AutoCommit, id: &str, rec: &Record) -> Option<Session> {
    let start = NaiveDateTime::parse_from_str(&rec.str(doc, "start")?, LOCAL).ok()?;
    let recurrence = match rec.str(doc, "byday") {
        Some(days) => Some(Recurrence {
            weekdays: days
                .split(',')
                .map(parse_weekday)
                .collect::<Result<Vec<Weekday>>>()
                .ok()?,
            interval_weeks: rec
                .int(doc, "interval")
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(1),
            until: rec
                .str(doc, "until")
                .and_then(|u| NaiveDate::parse_from_str(&u, DATE).ok()),
            count: rec.int(doc, "count").and_then(|c| u32::try_from(c).ok()),
        }),
        None => None,
    };
    Some(Session {
        id: id.to_owned(),
        title: rec.str(doc, "title")?,
        kind: rec
            .str(doc, "kind")
            .and_then(|k| k.parse().ok())
            .unwrap_or(SessionKind::Other),
        location: rec.str(doc, "location"),
        video_link: rec.str(doc, "video"),
        notes: rec.str(doc, "notes"),
        start,
        time_zone: rec.str(doc, "tz")?,
        duration_minutes: u32::try_from(rec.int(doc, "duration")?).ok()?,
        recurrence,
        reminder_leads: rec.str(doc, "leads").and_then(|l| leads_from_str(&l)),
        changes: rec
            .child(doc, "changes")
            .map(|c| read_changes(doc, &c))
            .unwrap_or_default(),
        program_id: None,
    })
}

fn read_changes(doc: &AutoCommit, map: &ObjId) -> BTreeMap<NaiveDate, OccurrenceChange> {
    let mut out = BTreeMap::new();
    let Ok(records) = doc::records(doc, map) else {
        return out;
    };
    for (key, rec) in records {
        let Ok(date) = NaiveDate::parse_from_str(&key, DATE) else {
            continue;
        };
        let change = match rec.str(doc, "status").as_deref() {
            Some("cancelled") => OccurrenceChange::Cancelled,
            Some("moved") => {
                let start = rec
                    .str(doc, "start")
                    .and_then(|s| NaiveDateTime::parse_from_str(&s, LOCAL).ok());
                let duration = rec.int(doc, "duration").and_then(|d| u32::try_from(d).ok());
                match (start, duration) {
                    (Some(start), Some(duration_minutes)) => OccurrenceChange::Moved {
                        start,
                        duration_minutes,
                    },
                    _ => continue,
                }
            }
            _ => continue,
        };
        out.insert(date, change);
    }
    out
}

/// Writes the fields that differ between `old` and `new`, and only those, so a concurrent edit
/// of another field on another device survives the merge.
fn write(doc: &mut AutoCommit, rec: &Record, old: Option<&Session>, new: &Session) -> Result<()> {
    type Text<'a> = (&'a str, &'a dyn Fn(&Session) -> Option<String>);
    let texts: [Text; 8] = [
        ("title", &|s| Some(s.title.clone())),
        ("kind", &|s| Some(s.kind.as_str().to_owned())),
        ("location", &|s| s.location.clone()),
        ("video", &|s| s.video_link.clone()),
        ("notes", &|s| s.notes.clone()),
        ("start", &|s| Some(s.start.format(LOCAL).to_string())),
        ("tz", &|s| Some(s.time_zone.clone())),
        ("leads", &|s| s.reminder_leads.as_deref().map(leads_to_str)),
    ];
    for (field, get) in texts {
        let value = get(new);
        if old.is_none_or(|o| get(o) != value) {
            rec.put_opt_str(doc, field, value.as_deref())?;
        }
    }
    if old.is_none_or(|o| o.duration_minutes != new.duration_minutes) {
        rec.put(doc, "duration", i64::from(new.duration_minutes))?;
    }
    if old.is_none_or(|o| o.recurrence != new.recurrence) {
        match &new.recurrence {
            Some(r) => {
                let days: Vec<&str> = r.weekdays.iter().map(|w| weekday_code(*w)).collect();
                rec.put(doc, "byday", days.join(","))?;
                rec.put(doc, "interval", i64::from(r.interval_weeks))?;
                let until = r.until.map(|u| u.format(DATE).to_string());
                rec.put_opt_str(doc, "until", until.as_deref())?;
                match r.count {
                    Some(c) => rec.put(doc, "count", i64::from(c))?,
                    None => rec.delete(doc, "count")?,
                }
            }
            None => {
                for field in ["byday", "interval", "until", "count"] {
                    rec.delete(doc, field)?;
                }
            }
        }
    }
    Ok(())
}

/// Writes one occurrence change as a fresh record at its date.
fn write_change(
    doc: &mut AutoCommit,
    changes: &ObjId,
    date: NaiveDate,
    change: &OccurrenceChange,
) -> Result<()> {
    let r = Record::create(doc, changes, &date.format(DATE).to_string())?;
    match change {
        OccurrenceChange::Cancelled => r.put(doc, "status", "cancelled"),
        OccurrenceChange::Moved {
            start,
            duration_minutes,
        } => {
            r.put(doc, "status", "moved")?;
            r.put(doc, "start", start.format(LOCAL).to_string())?;
            r.put(doc, "duration", i64::from(*duration_minutes))
        }
    }
}

/// What [`put`] did to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Put {
    Added,
    Updated,
    Unchanged,
}

/// Makes the stored session `new.id` exactly `new` (a validated session), occurrence changes
/// included, creating it if needed. Only what differs is written, so putting an unchanged
/// session adds no operation and a concurrent edit of another field survives the merge.
pub(crate) fn put(doc: &mut AutoCommit, new: &Session) -> Result<Put> {
    let map = doc::root_map(doc, SESSIONS)?;
    // A record that no longer reads as a session is replaced whole.
    let existing = match Record::get(doc, &map, &new.id)? {
        Some(rec) => read(doc, &new.id, &rec).map(|old| (rec, old)),
        None => None,
    };
    let (rec, old) = match existing {
        Some((rec, old)) => (rec, Some(old)),
        None => (Record::create(doc, &map, &new.id)?, None),
    };
    write(doc, &rec, old.as_ref(), new)?;
    let current = old.as_ref().map(|o| o.changes.clone()).unwrap_or_default();
    if current != new.changes || old.is_none() {
        let changes = match rec.child(doc, "changes") {
            Some(c) => c,
            None => rec.create_child(doc, "changes")?,
        };
        for date in current.keys().filter(|d| !new.changes.contains_key(d)) {
            doc::remove(doc, &changes, &date.format(DATE).to_string())?;
        }
        for (date, change) in &new.changes {
            if current.get(date) != Some(change) {
                write_change(doc, &changes, *date, change)?;
            }
        }
    }
    Ok(match old {
        None => Put::Added,
        Some(old) if old == *new => Put::Unchanged,
        Some(_) => Put::Updated,
    })
}

impl Store {
    /// Adds a session (or series). Returns it with its new id.
    pub fn add_session(&mut self, fields: &SessionFields) -> Result<Session> {
        let (Some(_), Some(start), Some(tz)) = (&fields.title, fields.start, &fields.time_zone)
        else {
            return Err(Error::invalid(
                "session",
                "needs a title, a start and a time zone",
            ));
        };
        let blank = Session {
            id: uuid::Uuid::new_v4().to_string(),
            title: String::new(),
            kind: SessionKind::Other,
            location: None,
            video_link: None,
            notes: None,
            start,
            time_zone: tz.clone(),
            duration_minutes: 60,
            recurrence: None,
            reminder_leads: None,
            changes: BTreeMap::new(),
            program_id: None,
        };
        let session = blank.with(fields)?;
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SESSIONS)?;
            let rec = Record::create(doc, &map, &session.id)?;
            rec.create_child(doc, "changes")?;
            write(doc, &rec, None, &session)?;
            Ok(session.clone())
        })
    }

    /// Changes the fields `fields` sets, and only those; the result must be a valid session.
    pub fn edit_session(&mut self, id: &str, fields: &SessionFields) -> Result<Session> {
        self.check_own(id)?;
        self.durable.change(|doc| {
            let (rec, old) = get(doc, id)?;
            let mut new = old.with(fields)?;
            // Cancellations and moves of dates the new schedule no longer has are dropped, so
            // they cannot come back to life if the schedule changes again.
            let stale: Vec<NaiveDate> = new
                .changes
                .keys()
                .copied()
                .filter(|d| !new.has_occurrence_on(*d))
                .collect();
            if !stale.is_empty()
                && let Some(changes) = rec.child(doc, "changes")
            {
                for date in &stale {
                    doc::remove(doc, &changes, &date.format(DATE).to_string())?;
                    new.changes.remove(date);
                }
            }
            write(doc, &rec, Some(&old), &new)?;
            Ok(new)
        })
    }

    pub fn remove_session(&mut self, id: &str) -> Result<()> {
        self.check_own(id)?;
        self.durable.change(|doc| {
            get(doc, id)?;
            let map = doc::root_map(doc, SESSIONS)?;
            doc::remove(doc, &map, id)
        })
    }

    /// Cancels the occurrence that has date `date` in the series.
    pub fn cancel_occurrence(&mut self, id: &str, date: NaiveDate) -> Result<Session> {
        self.change_occurrence(id, date, Edit::Cancel)
    }

    /// Moves the occurrence `date` of the series to `start` (local time in the session's zone),
    /// for `duration_minutes` or the series' usual length.
    pub fn move_occurrence(
        &mut self,
        id: &str,
        date: NaiveDate,
        start: NaiveDateTime,
        duration_minutes: Option<u32>,
    ) -> Result<Session> {
        check_moved(start, duration_minutes)?;
        self.change_occurrence(id, date, Edit::Move(start, duration_minutes))
    }

    /// Undoes a cancellation or a move.
    pub fn restore_occurrence(&mut self, id: &str, date: NaiveDate) -> Result<Session> {
        self.change_occurrence(id, date, Edit::Restore)
    }

    fn change_occurrence(&mut self, id: &str, date: NaiveDate, edit: Edit) -> Result<Session> {
        self.check_own(id)?;
        self.durable.change(|doc| {
            let (rec, session) = get(doc, id)?;
            if !session.has_occurrence_on(date) {
                return Err(Error::NoSuchOccurrence {
                    session_id: id.to_owned(),
                    date: date.to_string(),
                });
            }
            let changes = match rec.child(doc, "changes") {
                Some(c) => c,
                None => rec.create_child(doc, "changes")?,
            };
            let key = date.format(DATE).to_string();
            match edit {
                Edit::Restore => {
                    if doc.get(&changes, key.as_str())?.is_some() {
                        doc::remove(doc, &changes, &key)?;
                    }
                }
                Edit::Cancel => write_change(doc, &changes, date, &OccurrenceChange::Cancelled)?,
                Edit::Move(start, duration) => {
                    let change = OccurrenceChange::Moved {
                        start,
                        duration_minutes: duration.unwrap_or(session.duration_minutes),
                    };
                    write_change(doc, &changes, date, &change)?;
                }
            }
            let (_, session) = get(doc, id)?;
            Ok(session)
        })
    }

    /// The session `id`, the participant's own or one of their programs'.
    pub fn session(&self, id: &str) -> Result<Session> {
        match get(self.durable.doc(), id) {
            Err(Error::NotFound { .. }) => self
                .program_session(id)?
                .ok_or_else(|| Error::not_found(RecordKind::Session, id)),
            other => Ok(other?.1),
        }
    }

    /// Every session, the participant's own and their programs', by first start.
    pub fn sessions(&self) -> Result<Vec<Session>> {
        Ok(self.shared_sessions()?.as_ref().clone())
    }

    /// The same list, shared: read from the documents only after one of them changed.
    pub(crate) fn shared_sessions(&self) -> Result<Arc<Vec<Session>>> {
        self.cache.get(self.versions(), || {
            let mut list = all(self.durable.doc())?;
            for program in &self.programs {
                let id = program.id.to_string();
                list.extend(all(program.durable.doc())?.into_iter().map(|mut s| {
                    s.program_id = Some(id.clone());
                    s
                }));
            }
            list.sort_by(|a, b| (a.start, &a.title, &a.id).cmp(&(b.start, &b.title, &b.id)));
            Ok(list)
        })
    }

    fn program_session(&self, id: &str) -> Result<Option<Session>> {
        for program in &self.programs {
            match get(program.durable.doc(), id) {
                Ok((_, mut s)) => {
                    s.program_id = Some(program.id.to_string());
                    return Ok(Some(s));
                }
                Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Refuses an edit of a program's session as read-only (an unknown id is left for the
    /// edit itself to report as not found).
    fn check_own(&self, id: &str) -> Result<()> {
        if matches!(get(self.durable.doc(), id), Err(Error::NotFound { .. }))
            && self.program_session(id)?.is_some()
        {
            return Err(Error::program_owned(RecordKind::Session, id));
        }
        Ok(())
    }
}

fn all(doc: &AutoCommit) -> Result<Vec<Session>> {
    let map = doc::root_map(doc, SESSIONS)?;
    Ok(doc::records(doc, &map)?
        .iter()
        .filter_map(|(id, rec)| read(doc, id, rec))
        .collect())
}

/// An edit of one occurrence.
enum Edit {
    Cancel,
    Move(NaiveDateTime, Option<u32>),
    Restore,
}

fn get(doc: &AutoCommit, id: &str) -> Result<(Record, Session)> {
    let map = doc::root_map(doc, SESSIONS)?;
    let rec =
        Record::get(doc, &map, id)?.ok_or_else(|| Error::not_found(RecordKind::Session, id))?;
    let session = read(doc, id, &rec)
        .ok_or_else(|| Error::Corrupted("a session record is incomplete".into()))?;
    Ok((rec, session))
}
