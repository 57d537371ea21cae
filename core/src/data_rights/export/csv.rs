//! Check-ins as RFC 4180 CSV: a header row, then one row per check-in, CRLF line ends, fields
//! quoted by the `csv` crate where they need it (commas, quotes, line breaks in notes).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
//! as a formula, so a note such as `=HYPERLINK(…)` in a file opened at a clinic could fetch a
//! URL or worse. Text cells (emotions, note) that start with one of those characters are
//! written with a leading `'`, which spreadsheets read as "this is text" (OWASP's advice for
//! CSV injection). Such a cell then reads back with that `'`; the JSON export keeps the text
//! exactly. Numbers, dates and booleans are written by this module and never start that way.

use std::borrow::Cow;

use ::csv::{Terminator, WriterBuilder};

use super::{date, instant, sleep_hours};
use crate::checkins::checkin::CheckIn;
use crate::error::{Error, Result};

const HEADER: [&str; 9] = [
    "date",
    "mood",
    "craving",
    "emotions",
    "sleep_hours",
    "used_today",
    "note",
    "created_at",
    "updated_at",
];

/// What joins a check-in's emotions in one cell; tags cannot contain it.
const EMOTION_SEPARATOR: &str = ";";

pub(super) fn write(checkins: &[CheckIn]) -> Result<String> {
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER).map_err(failed)?;
    for c in checkins {
        let emotions = c
            .emotions
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(EMOTION_SEPARATOR);
        let row = [
            date(c.date),
            c.mood.to_string(),
            cell(c.craving),
            as_text(&emotions).into_owned(),
            cell(c.sleep_hours.map(sleep_hours)),
            cell(c.used_today),
            cell(c.note.as_deref().map(as_text)),
            instant(c.created_at),
            instant(c.updated_at),
        ];
        w.write_record(&row).map_err(failed)?;
    }
    let bytes = w.into_inner().map_err(|_| failed_to_format())?;
    // Every cell was a `str`, so the bytes are UTF-8; this only satisfies the types.
    String::from_utf8(bytes).map_err(|_| failed_to_format())
}

/// A value that may be absent: an empty cell.
fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `text` as a spreadsheet cell that is never run as a formula.
fn as_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn failed(_: ::csv::Error) -> Error {
    failed_to_format()
}

/// Writing into memory cannot fail; the errors only satisfy the signatures. (The csv crate's
/// errors could quote a record, so they are not passed on.)
fn failed_to_format() -> Error {
    Error::Storage("the check-ins could not be formatted as CSV".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_become_text() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(as_text(risky), format!("'{risky}"));
        }
        for plain in ["fine", "", " =1", "1-1", "'quoted", "a=b"] {
            assert_eq!(as_text(plain), plain);
        }
    }
}
