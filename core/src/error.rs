//! The one public error type of `companion-core`.
//!
//! Messages name the field or the kind of record, never the value a participant typed:
//! errors end up in logs and crash reports, and a note or a phone number must not.

use std::fmt;

/// Every way an operation of the core can fail. Any failed operation changes nothing stored.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field's value is outside what the model accepts.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    /// A time zone name that is not in the IANA database.
    #[error("unknown time zone {0:?} (expected an IANA name such as America/Chicago)")]
    UnknownTimeZone(String),

    /// No record of that kind with that id (or date).
    #[error("no {kind} with id {id}")]
    NotFound { kind: RecordKind, id: String },

    /// A date or instant that is not an occurrence of the session.
    #[error("session {session_id} has no occurrence on {date}")]
    NoSuchOccurrence { session_id: String, date: String },

    /// A calendar (iCalendar) file that cannot be read, or that holds something the schedule
    /// cannot. `line` is the file's line (from 1) where known; `reason` names properties, never
    /// their values.
    #[error("{}invalid calendar: {reason}", at_line(*line))]
    InvalidCalendar { line: Option<usize>, reason: String },

    /// A calendar's recurrence the schedule cannot represent: it keeps weekly series on chosen
    /// weekdays only. `part` names the rule part or property, such as `FREQ=MONTHLY`.
    #[error(
        "{}unsupported recurrence: {part} (only weekly series on chosen weekdays are supported)",
        at_line(*line)
    )]
    UnsupportedRecurrence { line: Option<usize>, part: String },

    /// A calendar's date-time with no time zone (a "floating" time), in a calendar that names
    /// no default zone (`X-WR-TIMEZONE`): the instant it means cannot be known.
    #[error(
        "{}a time has no time zone (a floating time) and the calendar names no X-WR-TIMEZONE",
        at_line(*line)
    )]
    FloatingTime { line: Option<usize> },

    /// The store file exists but is not an IOP Companion store.
    #[error("{0} is not an IOP Companion store; it was left untouched")]
    ForeignDatabase(String),

    /// The store was written by a newer version of the app.
    #[error(
        "the store uses schema version {found}, newer than this app supports ({supported}); update the app"
    )]
    NewerSchema { found: u32, supported: u32 },

    /// The store file or its contents are damaged. Nothing is replaced: a backup or a sync can
    /// recover, a silent reset cannot.
    #[error("the store is damaged and was left untouched: {0}")]
    Corrupted(String),

    /// Changes received from another device could not be read.
    #[error("the changes received are not valid: {0}")]
    InvalidChanges(String),

    /// A key, code or passphrase that does not open the data (or data that was altered).
    #[error("the key does not open this data (a wrong key or code, or the data was altered)")]
    WrongKey,

    /// A message from a server or another device that does not follow the protocol.
    #[error("{0}")]
    Protocol(String),

    /// A record the participant cannot change: their program publishes it, or it is a crisis
    /// line built into the app.
    #[error("{kind} {id} {reason}")]
    ReadOnly {
        kind: RecordKind,
        id: String,
        reason: &'static str,
    },

    /// Sync needs an enrolled device (or this device's token was revoked).
    #[error(
        "this device is not enrolled (or was removed); enrol it or link it from another device"
    )]
    NotEnrolled,

    /// An invitation or link code the server does not know, that expired or was used.
    #[error("that code is not valid: it may be mistyped, expired or already used")]
    InvalidCode,

    /// The server could not be reached, or failed; retrying later is safe. The message says
    /// what could not be done (sync, enrolment, erasing).
    #[error("{0}; nothing was lost, try again later")]
    Network(String),

    /// The server refused the request.
    #[error("the server refused the request (HTTP {status} {code})")]
    Server { status: u16, code: String },

    /// The database or the file system failed (disk full, permissions, locked).
    #[error("storage failed: {0}")]
    Storage(String),
}

/// The kinds of record an id can name, for [`Error::NotFound`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Contact,
    Session,
    CheckIn,
    CrisisLine,
    SafetyItem,
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecordKind::Contact => "contact",
            RecordKind::Session => "session",
            RecordKind::CheckIn => "check-in",
            RecordKind::CrisisLine => "crisis line",
            RecordKind::SafetyItem => "safety plan item",
        })
    }
}

/// "line 12: " for messages that can point into a file.
fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!("line {l}: ")).unwrap_or_default()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// A record of the participant's program: only the program changes it.
    pub(crate) fn program_owned(kind: RecordKind, id: impl Into<String>) -> Self {
        Error::ReadOnly {
            kind,
            id: id.into(),
            reason: "belongs to your program and can only be changed by the program",
        }
    }

    pub(crate) fn not_found(kind: RecordKind, id: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            id: id.into(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match e.sqlite_error_code() {
            Some(NotADatabase | DatabaseCorrupt) => Error::Corrupted(e.to_string()),
            // SQLite's messages name tables and constraints, never bound values.
            _ => Error::Storage(e.to_string()),
        }
    }
}

impl From<rusqlite::types::FromSqlError> for Error {
    fn from(e: rusqlite::types::FromSqlError) -> Self {
        Error::Corrupted(format!("unexpected column type: {e}"))
    }
}

impl From<automerge::AutomergeError> for Error {
    fn from(e: automerge::AutomergeError) -> Self {
        // Automerge errors describe document structure (object ids, ops), not contents.
        Error::Storage(format!("document: {e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Storage(e.to_string())
    }
}
