//! Check-ins as one versioned JSON document, for scripts and other apps:
//!
//! ```json
//! {"format": "iop-companion-checkins", "version": 1, "exported_at": "2026-11-22T08:00:00.000Z",
//!  "checkins": [{"date": "2026-11-20", "mood": 7, "craving": 2, "emotions": ["calm"],
//!                "sleep_hours": 7.5, "used_today": false, "note": "…",
//!                "created_at": "…", "updated_at": "…"}]}
//! ```
//!
//! Every key is always present; a value not recorded is `null` (`[]` for emotions). Version 1
//! is this shape: a reader may rely on it, so a change that removes or retypes a key is a new
//! version; a new key is not.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{date, instant, sleep_hours};
use crate::checkins::checkin::CheckIn;
use crate::error::{Error, Result};

const FORMAT: &str = "iop-companion-checkins";
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    exported_at: String,
    checkins: Vec<Row<'a>>,
}

/// One check-in in version 1's shape, written out field by field so that a change to
/// [`CheckIn`] cannot change the format unnoticed.
#[derive(Serialize)]
struct Row<'a> {
    date: String,
    mood: u8,
    craving: Option<u8>,
    emotions: &'a BTreeSet<String>,
    sleep_hours: Option<f64>,
    used_today: Option<bool>,
    note: Option<&'a str>,
    created_at: String,
    updated_at: String,
}

pub(super) fn write(checkins: &[CheckIn], now: DateTime<Utc>) -> Result<String> {
    let doc = Document {
        format: FORMAT,
        version: VERSION,
        exported_at: instant(now),
        checkins: checkins
            .iter()
            .map(|c| Row {
                date: date(c.date),
                mood: c.mood,
                craving: c.craving,
                emotions: &c.emotions,
                sleep_hours: c.sleep_hours.map(sleep_hours),
                used_today: c.used_today,
                note: c.note.as_deref(),
                created_at: instant(c.created_at),
                updated_at: instant(c.updated_at),
            })
            .collect(),
    };
    to_json(&doc)
}

/// Pretty JSON and a final newline. Serialising these types cannot fail (no maps with
/// non-string keys, no non-finite numbers: stored hours are whole minutes); the error only
/// satisfies the signature and, like serde's, would not quote values.
pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|_| Error::Storage("the export could not be formatted as JSON".into()))
}
