//! Reminder health: can this phone deliver the reminders the core plans, at the right minute?
//! Each platform's facts (permissions, settings, power) and what the OS holds, checked once
//! for both apps; every failing check comes with its fix where the app has one.
//!
//! The checks are the apps' own, ported (`android.rs`, `ios.rs`), plus two on the plan for
//! both (`plan.rs`): it was handed over in another zone than the phone's, or (Android) not
//! refreshed for [`PLAN_STALE_AFTER_HOURS`].

mod android;
mod ios;
mod plan;
pub mod verdict;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::schedule::notifications::{self, ClockStyle, Notification, NotificationChannel};
use crate::schedule::reminders::apply::{HeldReminder, ReminderContext};
use crate::schedule::reminders::window::ReminderPlatform;
use crate::schedule::reminders::window::reminder_window;
use crate::schedule::reminders::{PlannedReminder, ReminderKind};
use crate::screens::labels;
use crate::storage::store::Store;

pub use plan::PLAN_STALE_AFTER_HOURS;

/// What the phone allows, as its platform reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "platform", rename_all = "kebab-case")]
pub enum PlatformFacts {
    Android(AndroidFacts),
    Ios(IosFacts),
}

/// Android's facts. Below the Android version that introduced a permission, it reads as
/// granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AndroidFacts {
    /// `NotificationManager.areNotificationsEnabled()`.
    pub notifications_enabled: bool,
    /// Android 13+: not granted yet, and the system will still show its request dialog.
    pub can_ask_notification_permission: bool,
    /// Channels the participant turned off in the system settings.
    pub blocked_channels: Vec<NotificationChannel>,
    /// `AlarmManager.canScheduleExactAlarms()` (Android 12+).
    pub exact_alarms_allowed: bool,
    /// `PowerManager.isIgnoringBatteryOptimizations()`.
    pub ignoring_battery_optimizations: bool,
    /// `ActivityManager.isBackgroundRestricted()`.
    pub background_restricted: bool,
}

/// iOS's facts, from `UNNotificationSettings`, `UIApplication` and `ProcessInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IosFacts {
    pub authorization: IosAuthorization,
    /// Banners and alerts.
    pub alerts: IosSetting,
    /// Time-sensitive delivery (through Focus and the scheduled summary).
    pub time_sensitive: IosSetting,
    /// The scheduled summary holds other notifications back until its next delivery.
    pub scheduled_summary: IosSetting,
    pub background_refresh: IosBackgroundRefresh,
    pub low_power_mode: bool,
}

/// `UNAuthorizationStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IosAuthorization {
    NotDetermined,
    Denied,
    Authorized,
    Provisional,
    Ephemeral,
}

/// `UNNotificationSetting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IosSetting {
    Enabled,
    Disabled,
    NotSupported,
}

/// `UIBackgroundRefreshStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IosBackgroundRefresh {
    Available,
    Denied,
    Restricted,
}

/// How reminders will arrive, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Overall {
    /// On time.
    Good,
    /// Some may arrive late (a Warning).
    MayBeLate,
    /// Some will not arrive (a Problem).
    NeedsAttention,
}

/// What a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthItem {
    /// Both: notifications allowed at all.
    Notifications,
    /// Android: the session reminders' channel.
    SessionChannel,
    /// Android: the check-in reminder's channel.
    CheckInChannel,
    /// Android: exact alarms.
    ExactAlarms,
    /// Android: battery optimisation.
    BatteryOptimization,
    /// Android: background restriction.
    BackgroundRestriction,
    /// Android: every planned reminder is with the OS, the right way.
    PlanHandedOver,
    /// Android: the plan was handed over recently.
    PlanFresh,
    /// iOS: banners and alerts.
    Alerts,
    /// iOS: time-sensitive delivery.
    TimeSensitive,
    /// iOS: the scheduled summary (only when time-sensitive delivery is off).
    ScheduledSummary,
    /// iOS: Background App Refresh.
    BackgroundRefresh,
    /// iOS: Low Power Mode pausing Background App Refresh.
    LowPowerMode,
    /// iOS: the OS holds exactly the plan.
    PlanUpToDate,
    /// Both: the plan's words were made in the phone's current zone.
    PlanZone,
}

/// How bad a check is; ordered from fine to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthStatus {
    Ok,
    /// Worth knowing; does not stop reminders.
    Advice,
    /// Reminders arrive, possibly late.
    Warning,
    /// Reminders will not show, or not all of them.
    Problem,
}

/// The one-tap fix for a check; the platform opens the matching screen or request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthFix {
    /// The system's permission prompt (Android 13+ while it may still show; iOS not asked).
    RequestNotificationPermission,
    /// The app's notification settings.
    OpenNotificationSettings,
    /// Android: one channel's settings.
    OpenChannelSettings(NotificationChannel),
    /// Android: `ACTION_REQUEST_SCHEDULE_EXACT_ALARM`.
    RequestExactAlarms,
    /// Android: `ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS`.
    RequestIgnoreBatteryOptimizations,
    /// Android: the app's details, where background use is allowed again.
    OpenAppDetails,
    /// iOS: the app's page in Settings.
    OpenAppSettings,
    /// Hand the plan to the OS again, in the app.
    RefreshPlan,
}

/// One check, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthCheck {
    pub item: HealthItem,
    pub status: HealthStatus,
    pub title: String,
    pub detail: String,
    /// `None` when fine, or when nothing in the app can fix it (a device policy, Low Power
    /// Mode).
    pub fix: Option<HealthFix>,
    /// The fix's button ("Allow notifications").
    pub fix_label: Option<String>,
}

/// The soonest reminder planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextReminder {
    pub fire_at: DateTime<Utc>,
    /// "Tomorrow at 9:00 AM", on the phone's clock.
    pub label: String,
    pub notification: Notification,
    /// Whether the OS holds it.
    pub held: bool,
    /// Whether it is held as an exact alarm (fires at the minute).
    pub exact: bool,
}

/// What Today's card says about reminders, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "kebab-case")]
pub enum ReminderNotice {
    /// Something is planned and notifications were never asked for: the moment to ask.
    AskPermission,
    /// Checks that are a Problem or a Warning; the card opens reminder health.
    NeedsAttention { problems: u32 },
}

/// The reminder health screen, and Today's notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderHealth {
    pub overall: Overall,
    /// "Reminders will reach you".
    pub overall_label: String,
    /// Every check, worst first (ties in a fixed order).
    pub checks: Vec<HealthCheck>,
    /// The soonest planned reminder after now, `None` when nothing is planned.
    pub next: Option<NextReminder>,
    /// Reminders the OS should hold now (iOS's "keep coming" one included).
    pub planned: usize,
    /// Planned reminders the OS does not hold, or holds the other way.
    pub not_held: usize,
    /// "12 reminders planned over the next 30 days", "No reminders planned": the
    /// participant's reminders only (iOS's "keep coming" one is the app's, not theirs).
    pub planned_label: String,
    /// When the plan was last handed over on this device ([`Store::record_reminders_applied`]).
    pub last_applied: Option<DateTime<Utc>>,
    /// "Today at 8:05 AM".
    pub last_applied_label: Option<String>,
    pub notice: Option<ReminderNotice>,
}

/// A check with its words.
pub(crate) fn check(
    item: HealthItem,
    status: HealthStatus,
    title: &str,
    detail: impl Into<String>,
    fix: Option<HealthFix>,
) -> HealthCheck {
    HealthCheck {
        item,
        status,
        title: title.into(),
        detail: detail.into(),
        fix_label: fix.map(|f| verdict::health_fix_label(f).to_owned()),
        fix,
    }
}

/// What the plan holds over the platform's window, in words.
pub(crate) fn planned_label(plan: &[PlannedReminder], horizon_days: i64) -> String {
    match plan
        .iter()
        .filter(|r| r.kind != ReminderKind::KeepComing)
        .count()
    {
        0 => "No reminders planned".into(),
        n => format!("{} planned over the next {horizon_days} days", reminders(n)),
    }
}

/// "1 reminder", "3 reminders".
pub(crate) fn reminders(n: usize) -> String {
    if n == 1 {
        "1 reminder".into()
    } else {
        format!("{n} reminders")
    }
}

impl Store {
    /// Reminder health at `now` for a participant in `zone` whose phone shows times in
    /// `clock_style`, given the platform's facts and what the OS holds.
    pub fn reminder_health(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        clock_style: ClockStyle,
        facts: &PlatformFacts,
        held: &[HeldReminder],
    ) -> Result<ReminderHealth> {
        let (platform, exact_alarms_allowed) = match facts {
            PlatformFacts::Android(f) => (ReminderPlatform::Android, f.exact_alarms_allowed),
            PlatformFacts::Ios(_) => (ReminderPlatform::Ios, true),
        };
        let ctx = ReminderContext {
            now,
            zone: zone.to_owned(),
            platform,
            clock_style,
            exact_alarms_allowed,
            os_cleared: false,
        };
        let a = self.assess_reminders(&ctx, held)?;
        let plan = plan::PlanFacts {
            now,
            planned: a.plan.len(),
            not_held: a.not_held,
            superseded: a.superseded,
            last_applied: a.recorded.as_ref().map(|r| r.at),
            other_zone: a.recorded.as_ref().is_some_and(|r| r.zone != a.tz.name()),
        };
        let checkin_on = self.preferences()?.checkin_reminder.is_some();
        let (mut checks, may_ask) = match facts {
            PlatformFacts::Android(f) => (
                android::checks(f, &plan, checkin_on),
                !f.notifications_enabled && f.can_ask_notification_permission,
            ),
            PlatformFacts::Ios(f) => (
                ios::checks(f, &plan),
                f.authorization == IosAuthorization::NotDetermined,
            ),
        };
        // Worst first; a stable sort keeps the fixed order among equals.
        checks.sort_by_key(|c| std::cmp::Reverse(c.status));
        let worst = checks.first().map_or(HealthStatus::Ok, |c| c.status);
        let problems = checks
            .iter()
            .filter(|c| c.status >= HealthStatus::Warning)
            .count();
        let today = now.with_timezone(&a.tz).date_naive();
        let next = a
            .plan
            .iter()
            .find(|r| r.fire_at > now && r.kind != ReminderKind::KeepComing)
            .map(|r| {
                let holds = held.iter().find(|h| h.id == r.id);
                NextReminder {
                    fire_at: r.fire_at,
                    label: labels::when_label(r.fire_at, a.tz, today, clock_style),
                    notification: notifications::word(r, a.tz, clock_style),
                    held: holds.is_some(),
                    exact: holds.is_some_and(|h| h.exact),
                }
            });
        let overall = match worst {
            HealthStatus::Problem => Overall::NeedsAttention,
            HealthStatus::Warning => Overall::MayBeLate,
            HealthStatus::Ok | HealthStatus::Advice => Overall::Good,
        };
        Ok(ReminderHealth {
            overall,
            overall_label: verdict::overall_label(overall).to_owned(),
            last_applied_label: plan
                .last_applied
                .map(|at| labels::when_label(at, a.tz, today, clock_style)),
            checks,
            next,
            planned: a.plan.len(),
            planned_label: planned_label(&a.plan, reminder_window(platform).horizon_days),
            not_held: a.not_held,
            last_applied: plan.last_applied,
            notice: if may_ask && !a.plan.is_empty() {
                Some(ReminderNotice::AskPermission)
            } else if problems > 0 {
                Some(ReminderNotice::NeedsAttention {
                    problems: u32::try_from(problems).unwrap_or(u32::MAX),
                })
            } else {
                None
            },
        })
    }
}
