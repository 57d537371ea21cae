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

// Folders by domain; each names its modules. Shared leaves (error, validate, prefs, input)
// sit here. docs/architecture.md shows the layers and where a rule goes.
mod checkins;
mod crypto;
mod data_rights;
mod error;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod input;
pub mod net;
mod prefs;
mod safety_plan;
mod schedule;
mod screens;
mod storage;
mod support;
pub mod sync;
mod validate;

pub use checkins::checkin::{
    CRAVING_MAX, CheckIn, CheckInEdit, CheckInField, EMOTION_MAX_CHARS, MAX_EMOTIONS, MOOD_MAX,
    MOOD_MIN, SLEEP_MAX_HOURS, SUGGESTED_EMOTIONS,
};
pub use checkins::insights::{
    Average, DayPoint, HIGH_CRAVING, HIGH_CRAVING_CHECKINS, Insights, LATEST_MAX_AGE_DAYS,
    LONG_WINDOW_DAYS, MAX_SERIES_DAYS, MOOD_DROP, MOOD_DROP_BASELINE_DAYS, MOOD_DROP_MIN_BASELINE,
    NUDGE_LOOKBACK_DAYS, NUDGE_MAX_CONTACTS, Nudge, NudgeContact, NudgeReason, RECENT_CHECKINS,
    SHORT_NIGHT_HOURS, SHORT_WINDOW_DAYS, SLEEP_GROUP_MIN, SleepAndMood, TREND_DELTA,
    TREND_MIN_LONG, TREND_MIN_SHORT, Trend, VERY_LOW_MOOD, Window,
};
pub use crypto::at_rest::{Protection, StoreKey};
pub use crypto::passphrase::{PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS, check_passphrase};
pub use data_rights::backup::{
    BACKUP_FORMAT_VERSION, BACKUP_MEDIA_TYPE, MAX_BACKUP_BYTES, RecordCounts, RestoreSummary,
    backup_file_name,
};
pub use data_rights::erase::{
    ERASE_SERVER_UNREACHABLE, ERASE_THIS_DEVICE_ONLY, EraseOptions, EraseReport, ServerErasure,
};
pub use data_rights::export::{CheckinExportFormat, PLAINTEXT_EXPORT_NOTICE};
pub use error::{Error, RecordKind, Result};
pub use prefs::{DEFAULT_REMINDER_LEADS, Preferences, PreferencesEdit};
pub use safety_plan::{
    MAX_SAFETY_ITEMS, MAX_SAFETY_PLAN_TEXT_BYTES, REMOVED_CONTACT_LABEL, SafetyItem,
    SafetyItemFields, SafetyPlan, SafetyPlanDiffSummary, SafetyPlanSection, SafetySection,
};
pub use schedule::attendance::{Attendance, AttendanceEntry, MAX_ATTENDANCE_DAYS};
pub use schedule::ical::{ImportSummary, MAX_ICS_BYTES};
pub use schedule::localtime::resolve as resolve_local_time;
pub use schedule::notifications::{
    APP_NAME, BODY_SEPARATOR, BY_VIDEO, CHECK_IN_BODY, CHECK_IN_TITLE, ClockStyle,
    DISCREET_APPOINTMENT_BODY, DISCREET_CHECK_IN_BODY, DISCREET_TITLE, KEEP_COMING_BODY,
    KEEP_COMING_TITLE, Notification, NotificationChannel, NotificationTarget, PUBLIC_BODY,
    PUBLIC_TITLE, REMINDER_THREAD, STATUS_THREAD, SYNC_STOPPED_BODY, SYNC_STOPPED_TITLE,
    channel_label, discreet_appointment_body, own_time_text, reminder_notification, starts_at_text,
    sync_stopped_notification,
};
pub use schedule::occurrence::{MAX_WINDOW_DAYS, Occurrence, OccurrenceStatus};
pub use schedule::recurrence::{
    MAX_COUNT, MAX_INTERVAL_WEEKS, Recurrence, RecurrencePatch, parse_weekday, weekday_code,
};
pub use schedule::reminders::apply::{
    AppliedPlan, HeldReminder, MAX_RECORDED_HELD, MAX_REMINDER_ID_BYTES, ReminderChanges,
    ReminderContext, ReminderRequest,
};
pub use schedule::reminders::keep_coming::KEEP_COMING_AFTER_MINUTES;
pub use schedule::reminders::window::{
    ANDROID_ALARM_LIMIT, ANDROID_MAX_HELD, INEXACT_GRACE_MINUTES, IOS_PENDING_LIMIT,
    REMINDER_HORIZON_DAYS, ReminderPlatform, ReminderWindow, TERMINAL_MAX_HELD, reminder_window,
};
pub use schedule::reminders::{
    MAX_HORIZON_DAYS, MAX_PLANNED, PlannedReminder, ReminderContent, ReminderDiff, ReminderKind,
    diff_reminders,
};
pub use schedule::session::{
    MAX_DURATION_MINUTES, MAX_LEAD_MINUTES, MAX_LEADS, OccurrenceChange, Session, SessionFields,
    SessionKind,
};
pub use screens::checkin::{
    CheckInSaved, CheckInScreen, CheckInValues, UsedTodayChoice, checkin_title,
};
pub use screens::contact_form::{ContactForm, ContactValues, ROLE_CHOICES};
pub use screens::insights::{
    CHART_RANGES, Chart, ChartDay, ChartRange, ChartTick, Figure, InsightsScreen, NudgeView,
    Segment, average_label, plural,
};
pub use screens::labels::{
    clock_label, date_label, day_label, duration_label, elsewhere_label, leads_label, repeat_label,
    sleep_label, time_range_label, when_label,
};
pub use screens::move_form::MoveForm;
pub use screens::names::{
    attendance_label, erase_summary, export_format_label, onboarding_choice_label,
    open_problem_choice_label, role_label, session_kind_label, weekday_label, weekday_short_label,
};
pub use screens::onboarding::{
    OnboardingChoice, OnboardingPage, OnboardingScreen, OnboardingStep, onboarding_pages,
};
pub use screens::open_problem::{
    OpenProblem, OpenProblemChoice, OpenProblemScreen, open_problem_screen,
};
pub use screens::outcomes::{joined_summary, link_code_summary, restore_summary, sync_summary};
pub use screens::reach_out::{ReachOutAction, ReachOutScreen};
pub use screens::reminder_health::verdict::{
    ReminderCard, health_fix_label, overall_label, reminder_card,
};
pub use screens::reminder_health::{
    AndroidFacts, HealthCheck, HealthFix, HealthItem, HealthStatus, IosAuthorization,
    IosBackgroundRefresh, IosFacts, IosSetting, NextReminder, Overall, PLAN_STALE_AFTER_HOURS,
    PlatformFacts, ReminderHealth, ReminderNotice,
};
pub use screens::safety_plan::{
    LinkableContact, SafetyItemView, SafetyMoveChoice, SafetyPlanAction, SafetyPlanResult,
    SafetyPlanScreen, SafetySectionView,
};
pub use screens::scales::{
    SLEEP_STEP_HOURS, Scale, ScaleChoice, SleepChoice, craving_scale, mood_scale, sleep_choices,
};
pub use screens::schedule::{
    ATTENDANCE_DAYS, AttendanceView, SCHEDULE_DAYS, ScheduleAction, ScheduleDay, ScheduleResult,
    ScheduleScreen, SessionView,
};
pub use screens::session_choices::{
    DEFAULT_SESSION_MINUTES, DURATION_CHOICES, DurationChoice, IntervalChoice, LEAD_CHOICES,
    SESSION_KIND_CHOICES, ScheduleChoices, interval_label, session_choices,
};
pub use screens::session_form::{SessionForm, SessionValues, weekly_repeat, zone_clock_label};
pub use screens::settings::{
    AccountView, EXPORT_FORMATS, RegionChoice, SUGGESTED_CHECKIN_REMINDER, SettingsAction,
    SettingsResult, SettingsScreen,
};
pub use screens::today::{
    COMING_UP_DAYS, COMING_UP_MAX, CheckInSummary, CrisisShortcut, ReminderFacts, Today,
    TodayScreen,
};
pub use screens::views::{LeadChoice, OccurrenceView, SessionClock, Timing, lead_label};
pub use storage::store::{ChangeHash, Store, StoreStats};
pub use support::actions::{ActionKind, ContactAction, MESSAGE_MAX_CHARS, SUGGESTED_MESSAGE};
pub use support::contact::{Contact, ContactFields, ContactRole, MAX_ORDER};
pub use support::crisis::{BUILT_IN_PREFIX, CrisisLine, LineSource, regions_with_crisis_lines};
pub use support::phone::{Region, SHORT_CODE_MAX_DIGITS};
pub use support::reach_out::{ReachOut, ReachOutContact};
pub use sync::background::{
    BACKGROUND_SYNC_EVERY_MINUTES, BACKGROUND_SYNC_FLEX_MINUTES, BACKGROUND_SYNC_RETRY_MINUTES,
    BackgroundSync, background_sync,
};
pub use sync::crypto::DocKey;
pub use sync::{AccountInfo, DocReport, Pending, ProgramInfo, SyncReport};
pub use validate::{NAME_MAX_CHARS, NOTE_MAX_BYTES, SHORT_TEXT_MAX_CHARS};
