//! IOP Companion's core for the Android and iOS apps: small wrappers over `companion-core`,
//! exported with uniffi proc-macros. Every rule stays in the core; this crate only converts
//! types at the boundary, one file per area.

mod calendar;
mod checkins;
mod contacts;
mod data_rights;
mod error;
mod export;
mod http;
mod insights;
mod limits;
mod reminder_health;
mod reminders;
mod safety_plan;
mod schedule;
mod screens;
mod store;
mod support;
mod sync;
mod types;

pub use calendar::{AttendanceMark, OccurrenceStatus, SessionKind, Timing, Weekday};
pub use checkins::{CheckInField, CheckInInput, CheckInRecord};
pub use contacts::{ContactInput, ContactRecord, Role};
pub use data_rights::{
    EraseAttempt, EraseReportRecord, RecordCountsRecord, RestoreSummaryRecord, ServerErasure,
    check_backup_passphrase,
};
pub use error::CompanionError;
pub use export::{
    CheckinExportFormat, backup_file_name, backup_media_type, checkin_export_extension,
    checkin_export_file_name, checkin_export_media_type, plaintext_export_notice,
};
pub use http::{HttpError, HttpHeader, HttpMethod, HttpRequest, HttpResponse, HttpTransport};
pub use insights::{
    AverageRecord, DayPointRecord, InsightsRecord, NudgeContactRecord, NudgeReason, NudgeRecord,
    SleepAndMoodRecord, Trend, WindowRecord,
};
pub use limits::{CompanionLimits, limits, store_exists};
pub use reminder_health::{
    AndroidFacts, HealthCheck, HealthFix, HealthItem, HealthStatus, IosAuthorization,
    IosBackgroundRefresh, IosFacts, IosSetting, NextReminder, Overall, PlatformFacts,
    ReminderHealth, ReminderNotice,
};
pub use reminders::{
    AppliedPlan, BackgroundSyncRecord, ChannelLabelRecord, ClockStyle, HeldReminder,
    NotificationChannel, NotificationContent, NotificationTarget, PlannedReminder, ReminderChanges,
    ReminderContext, ReminderKind, ReminderPlatform, ReminderRequest, ReminderWindow,
    background_sync, notification_channel_label, reminder_window, sync_stopped_notification,
};
pub use safety_plan::{
    SafetyItemInput, SafetyItemRecord, SafetyPlanDiffSummary, SafetyPlanRecord,
    SafetyPlanSectionRecord, SafetySection,
};
pub use schedule::{
    AttendanceRecord, OccurrenceChangeRecord, OccurrenceRecord, PreferencesInput,
    PreferencesRecord, RecurrenceRecord, SessionInput, SessionRecord, TodayRecord,
};
pub use screens::*;
pub use store::{ChangeListener, CompanionStore, DataChange, Subscription, generate_store_key};
pub use support::{
    ActionType, ContactActionRecord, CrisisLineRecord, CrisisLineSource, ReachOutContactRecord,
    ReachOutRecord, suggested_reach_out_message,
};
pub use sync::{AccountRecord, JoinedRecord, LinkCodeRecord, SyncSummary};
pub use types::{LocalDate, LocalDateTime, LocalTime, Timestamp};

uniffi::setup_scaffolding!();
