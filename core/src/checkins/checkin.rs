//! Daily check-ins: one record per local date, merged field by field across devices.

use std::collections::BTreeSet;

use automerge::AutoCommit;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::storage::doc::{self, CHECKINS, Record};
use crate::storage::store::Store;
use crate::validate;

/// The mood scale: 1 (worst) to 10 (best).
pub const MOOD_MIN: u8 = 1;
pub const MOOD_MAX: u8 = 10;
/// The craving scale: 0 (none) to 10 (strongest).
pub const CRAVING_MAX: u8 = 10;
/// Most hours of sleep one night can record.
pub const SLEEP_MAX_HOURS: f64 = 24.0;

/// At most this many emotion tags on one check-in.
pub const MAX_EMOTIONS: usize = 16;
/// Longest emotion tag, in characters.
pub const EMOTION_MAX_CHARS: usize = 32;
/// Tags the shells offer first; any other tag is accepted too.
pub const SUGGESTED_EMOTIONS: &[&str] = &[
    "calm",
    "hopeful",
    "grateful",
    "content",
    "proud",
    "anxious",
    "sad",
    "angry",
    "lonely",
    "ashamed",
    "bored",
    "stressed",
    "tired",
    "restless",
    "overwhelmed",
];

const EMOTION_PREFIX: &str = "emotion:";

/// One day's check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckIn {
    /// The participant's local date the check-in is for.
    pub date: NaiveDate,
    /// 1 (worst) to 10 (best).
    pub mood: u8,
    /// 0 (none) to 10 (strongest).
    pub craving: Option<u8>,
    pub emotions: BTreeSet<String>,
    /// Hours slept the night before, to the minute.
    pub sleep_hours: Option<f64>,
    /// Whether the participant used that day, if they chose to say.
    pub used_today: Option<bool>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An optional answer of a check-in that can be taken back (an emotion set is emptied and a
/// note removed through their own fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckInField {
    Craving,
    Sleep,
    UsedToday,
}

impl CheckInField {
    fn name(self) -> &'static str {
        match self {
            CheckInField::Craving => "craving",
            CheckInField::Sleep => "sleep",
            CheckInField::UsedToday => "used today",
        }
    }

    /// Where the document keeps it.
    fn key(self) -> &'static str {
        match self {
            CheckInField::Craving => "craving",
            CheckInField::Sleep => "sleep_min",
            CheckInField::UsedToday => "used",
        }
    }
}

impl std::str::FromStr for CheckInField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "craving" => Ok(CheckInField::Craving),
            "sleep" => Ok(CheckInField::Sleep),
            "used" | "used-today" => Ok(CheckInField::UsedToday),
            _ => Err(Error::invalid(
                "field to clear",
                "must be craving, sleep or used",
            )),
        }
    }
}

/// What to record: every `None` leaves that field as it is. A new check-in needs a mood.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckInEdit {
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    /// Replaces the set of emotions.
    pub emotions: Option<Vec<String>>,
    pub sleep_hours: Option<f64>,
    pub used_today: Option<bool>,
    /// An empty note removes the note.
    pub note: Option<String>,
    /// Answers to take back (a craving recorded by mistake); none may also be set above.
    pub clear: Vec<CheckInField>,
}

/// A validated edit, ready to write.
struct Clean {
    mood: Option<i64>,
    craving: Option<i64>,
    emotions: Option<BTreeSet<String>>,
    sleep_minutes: Option<i64>,
    used_today: Option<bool>,
    note: Option<Option<String>>,
    clear: BTreeSet<CheckInField>,
}

impl CheckInEdit {
    fn validate(&self) -> Result<Clean> {
        if let Some(m) = self.mood
            && !(MOOD_MIN..=MOOD_MAX).contains(&m)
        {
            return Err(Error::invalid(
                "mood",
                format!("must be from {MOOD_MIN} to {MOOD_MAX}"),
            ));
        }
        if let Some(c) = self.craving
            && c > CRAVING_MAX
        {
            return Err(Error::invalid(
                "craving",
                format!("must be from 0 to {CRAVING_MAX}"),
            ));
        }
        let sleep_minutes = match self.sleep_hours {
            Some(h) if !(h.is_finite() && (0.0..=SLEEP_MAX_HOURS).contains(&h)) => {
                return Err(Error::invalid(
                    "sleep",
                    format!("must be from 0 to {SLEEP_MAX_HOURS} hours"),
                ));
            }
            Some(h) => Some((h * 60.0).round() as i64),
            None => None,
        };
        let emotions = match &self.emotions {
            Some(tags) => Some(emotion_set(tags)?),
            None => None,
        };
        let note = match &self.note {
            Some(n) => Some(validate::note("note", n)?),
            None => None,
        };
        let clear: BTreeSet<CheckInField> = self.clear.iter().copied().collect();
        for field in &clear {
            let set = match field {
                CheckInField::Craving => self.craving.is_some(),
                CheckInField::Sleep => self.sleep_hours.is_some(),
                CheckInField::UsedToday => self.used_today.is_some(),
            };
            if set {
                return Err(Error::invalid(
                    field.name(),
                    "cannot be set and cleared at once",
                ));
            }
        }
        Ok(Clean {
            mood: self.mood.map(i64::from),
            craving: self.craving.map(i64::from),
            emotions,
            sleep_minutes,
            used_today: self.used_today,
            note,
            clear,
        })
    }
}

/// Normalises tags (trimmed, lower case, inner spaces folded) and checks them.
fn emotion_set(tags: &[String]) -> Result<BTreeSet<String>> {
    let mut set = BTreeSet::new();
    for tag in tags {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() {
            return Err(Error::invalid("emotion", "must not be empty"));
        }
        if tag.chars().count() > EMOTION_MAX_CHARS {
            return Err(Error::invalid(
                "emotion",
                format!("longer than {EMOTION_MAX_CHARS} characters"),
            ));
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'')
        {
            return Err(Error::invalid(
                "emotion",
                "may hold only letters, digits, spaces, '-' and apostrophes",
            ));
        }
        set.insert(tag);
    }
    if set.len() > MAX_EMOTIONS {
        return Err(Error::invalid(
            "emotions",
            format!("at most {MAX_EMOTIONS} per check-in"),
        ));
    }
    Ok(set)
}

/// Dates a check-in may be recorded for: not before 2000, not after the latest date it is
/// anywhere on Earth now (UTC+14).
fn check_date(date: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let latest = (now + chrono::Duration::hours(14)).date_naive();
    if date > latest {
        return Err(Error::invalid("date", "is in the future"));
    }
    if date < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(Error::invalid("date", "is before 2000"));
    }
    Ok(())
}

fn key(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn read(doc: &AutoCommit, date: NaiveDate, rec: &Record) -> Option<CheckIn> {
    let ts = |field| {
        rec.timestamp(doc, field)
            .and_then(DateTime::<Utc>::from_timestamp_millis)
    };
    let created_at = ts("created")?;
    Some(CheckIn {
        date,
        mood: u8::try_from(rec.int(doc, "mood")?).ok()?,
        craving: rec.int(doc, "craving").and_then(|c| u8::try_from(c).ok()),
        emotions: rec.flags(doc, EMOTION_PREFIX),
        sleep_hours: rec.int(doc, "sleep_min").map(|m| m as f64 / 60.0),
        used_today: rec.bool(doc, "used"),
        note: rec.str(doc, "note"),
        created_at,
        updated_at: ts("updated").unwrap_or(created_at),
    })
}

impl Store {
    /// Records or updates the check-in for `date` (the participant's local date), as one
    /// durable change. Returns the check-in as stored.
    pub fn record_checkin(&mut self, date: NaiveDate, edit: &CheckInEdit) -> Result<CheckIn> {
        let now = Utc::now();
        check_date(date, now)?;
        let clean = edit.validate()?;
        let key = key(date);
        self.durable.change(|doc| {
            let map = doc::root_map(doc, CHECKINS)?;
            let rec = match Record::get(doc, &map, &key)? {
                Some(rec) => rec,
                None => {
                    if clean.mood.is_none() {
                        return Err(Error::invalid("mood", "is required for a new check-in"));
                    }
                    let rec = Record::create(doc, &map, &key)?;
                    rec.put(
                        doc,
                        "created",
                        automerge::ScalarValue::Timestamp(now.timestamp_millis()),
                    )?;
                    rec
                }
            };
            write(doc, &rec, &clean)?;
            rec.put(
                doc,
                "updated",
                automerge::ScalarValue::Timestamp(now.timestamp_millis()),
            )?;
            read(doc, date, &rec).ok_or_else(|| Error::Corrupted("a check-in is incomplete".into()))
        })
    }

    /// The check-in for `date`, if there is one.
    pub fn checkin(&self, date: NaiveDate) -> Result<Option<CheckIn>> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, CHECKINS)?;
        Ok(Record::get(doc, &map, &key(date))?.and_then(|rec| read(doc, date, &rec)))
    }

    /// Check-ins from `from` to `to` (both included, either open), oldest first.
    pub fn checkins(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<CheckIn>> {
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(Error::invalid("date range", "starts after it ends"));
        }
        let doc = self.durable.doc();
        let map = doc::root_map(doc, CHECKINS)?;
        let lo = from.map(key).unwrap_or_default();
        // The day after `to`, so the range end is exclusive and simple.
        let hi = to
            .and_then(|t| t.checked_add_days(Days::new(1)))
            .map(key)
            .unwrap_or_else(|| "~".to_owned());
        let mut out = Vec::new();
        for (k, rec) in doc::records_in(doc, &map, lo..hi)? {
            if let Ok(date) = NaiveDate::parse_from_str(&k, "%Y-%m-%d")
                && let Some(c) = read(doc, date, &rec)
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The dates of the check-ins up to `to` (included), oldest first, without reading them.
    pub(crate) fn checkin_dates(&self, to: NaiveDate) -> Result<Vec<NaiveDate>> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, CHECKINS)?;
        let hi = to
            .checked_add_days(Days::new(1))
            .map(key)
            .unwrap_or_else(|| "~".to_owned());
        Ok(doc::record_keys_in(doc, &map, String::new()..hi)
            .iter()
            .filter_map(|k| NaiveDate::parse_from_str(k, "%Y-%m-%d").ok())
            .collect())
    }

    /// Deletes the check-in for `date`.
    pub fn delete_checkin(&mut self, date: NaiveDate) -> Result<()> {
        let key = key(date);
        self.durable.change(|doc| {
            let map = doc::root_map(doc, CHECKINS)?;
            if Record::get(doc, &map, &key)?.is_none() {
                return Err(Error::not_found(RecordKind::CheckIn, key.clone()));
            }
            doc::remove(doc, &map, &key)
        })
    }
}

/// Writes only the fields the edit sets, so a concurrent edit of another field survives.
fn write(doc: &mut AutoCommit, rec: &Record, c: &Clean) -> Result<()> {
    if let Some(m) = c.mood {
        rec.put(doc, "mood", m)?;
    }
    if let Some(v) = c.craving {
        rec.put(doc, "craving", v)?;
    }
    if let Some(v) = c.sleep_minutes {
        rec.put(doc, "sleep_min", v)?;
    }
    if let Some(v) = c.used_today {
        rec.put(doc, "used", v)?;
    }
    if let Some(note) = &c.note {
        rec.put_opt_str(doc, "note", note.as_deref())?;
    }
    if let Some(set) = &c.emotions {
        rec.set_flags(doc, EMOTION_PREFIX, set)?;
    }
    for field in &c.clear {
        rec.delete(doc, field.key())?;
    }
    Ok(())
}
