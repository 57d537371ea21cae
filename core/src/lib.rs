//! IOP Companion's core: a participant's schedule, daily check-ins, support contacts, safety
//! plan and preferences, kept in one Automerge document stored durably in SQLite on the device.
//!
//! Every rule the apps follow lives here, once. The shells (terminal, Android, iOS) parse
//! input, call [`Store`] and show what it returns.
//!
//! ```no_run
//! use companion_core::{CheckInEdit, Store, StoreKey};
//! // The apps keep the key in Android Keystore / iOS Keychain.
//! let key = StoreKey::generate()?;
//! let mut store = Store::open("/tmp/companion-store", &key)?;
//! let today = chrono::Local::now().date_naive();
//! store.record_checkin(today, &CheckInEdit { mood: Some(7), ..Default::default() })?;
//! # Ok::<(), companion_core::Error>(())
//! ```

mod at_rest;
mod attendance;
mod backup;
mod checkin;
mod contact;
mod crisis;
mod doc;
mod durable;
mod erase;
mod error;
mod export;
#[cfg(feature = "fixtures")]
pub mod fixtures;
mod ical;
pub mod input;
mod insights;
mod localtime;
pub mod net;
mod occurrence;
mod phone;
mod prefs;
mod reach_out;
mod recurrence;
mod reminders;
mod safety_plan;
mod schema;
mod session;
mod store;
pub mod sync;
mod today;
mod validate;

pub use at_rest::{Protection, StoreKey};
pub use attendance::{Attendance, AttendanceEntry, MAX_ATTENDANCE_DAYS};
pub use backup::{
    BACKUP_FORMAT_VERSION, MAX_BACKUP_BYTES, PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS,
    RecordCounts, RestoreSummary, check_passphrase,
};
pub use checkin::{
    CRAVING_MAX, CheckIn, CheckInEdit, CheckInField, EMOTION_MAX_CHARS, MAX_EMOTIONS, MOOD_MAX,
    MOOD_MIN, SLEEP_MAX_HOURS, SUGGESTED_EMOTIONS,
};
pub use contact::{Contact, ContactFields, ContactRole, MAX_ORDER};
pub use crisis::{BUILT_IN_PREFIX, CrisisLine, LineSource, regions_with_crisis_lines};
pub use erase::{EraseOptions, EraseReport, ServerErasure};
pub use error::{Error, RecordKind, Result};
pub use export::{CheckinExportFormat, PLAINTEXT_EXPORT_NOTICE};
pub use ical::{ImportSummary, MAX_ICS_BYTES};
pub use insights::{
    Average, DayPoint, HIGH_CRAVING, HIGH_CRAVING_CHECKINS, Insights, LATEST_MAX_AGE_DAYS,
    LONG_WINDOW_DAYS, MAX_SERIES_DAYS, MOOD_DROP, MOOD_DROP_BASELINE_DAYS, MOOD_DROP_MIN_BASELINE,
    NUDGE_LOOKBACK_DAYS, NUDGE_MAX_CONTACTS, Nudge, NudgeContact, NudgeReason, RECENT_CHECKINS,
    SHORT_NIGHT_HOURS, SHORT_WINDOW_DAYS, SLEEP_GROUP_MIN, SleepAndMood, TREND_DELTA,
    TREND_MIN_LONG, TREND_MIN_SHORT, Trend, VERY_LOW_MOOD, Window,
};
pub use localtime::resolve as resolve_local_time;
pub use occurrence::{MAX_WINDOW_DAYS, Occurrence, OccurrenceStatus};
pub use phone::{Region, SHORT_CODE_MAX_DIGITS};
pub use prefs::{DEFAULT_REMINDER_LEADS, Preferences, PreferencesEdit};
pub use reach_out::{
    ActionKind, ContactAction, MESSAGE_MAX_CHARS, ReachOut, ReachOutContact, SUGGESTED_MESSAGE,
};
pub use recurrence::{
    MAX_COUNT, MAX_INTERVAL_WEEKS, Recurrence, RecurrencePatch, parse_weekday, weekday_code,
};
pub use reminders::{
    IOS_PENDING_LIMIT, MAX_HORIZON_DAYS, MAX_PLANNED, PlannedReminder, ReminderContent,
    ReminderDiff, ReminderKind, diff_reminders,
};
pub use safety_plan::{
    MAX_SAFETY_ITEMS, MAX_SAFETY_PLAN_TEXT_BYTES, REMOVED_CONTACT_LABEL, SafetyItem,
    SafetyItemFields, SafetyPlan, SafetyPlanDiffSummary, SafetyPlanSection, SafetySection,
};
pub use session::{
    MAX_DURATION_MINUTES, MAX_LEAD_MINUTES, MAX_LEADS, OccurrenceChange, Session, SessionFields,
    SessionKind,
};
pub use store::{ChangeHash, Store, StoreStats};
pub use sync::crypto::DocKey;
pub use sync::{AccountInfo, DocReport, Pending, ProgramInfo, SyncReport};
pub use today::Today;
pub use validate::{NAME_MAX_CHARS, NOTE_MAX_BYTES, SHORT_TEXT_MAX_CHARS};
