//! Reminder health: the platform's facts in, the checks (worded, worst first, each with its
//! fix), the next reminder and Today's notice out.

use companion_core as cc;

use crate::error::Result;
use crate::reminders::{ClockStyle, HeldReminder, NotificationChannel, NotificationContent, held};
use crate::store::CompanionStore;
use crate::types::Timestamp;

/// Android's facts. Below the version that introduced a permission, it reads as granted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AndroidFacts {
    /// `NotificationManager.areNotificationsEnabled()`.
    pub notifications_enabled: bool,
    /// Android 13+: not granted yet, and the system will still show its request dialog.
    pub can_ask_notification_permission: bool,
    /// Channels turned off in the system settings.
    pub blocked_channels: Vec<NotificationChannel>,
    /// `AlarmManager.canScheduleExactAlarms()`.
    pub exact_alarms_allowed: bool,
    /// `PowerManager.isIgnoringBatteryOptimizations()`.
    pub ignoring_battery_optimizations: bool,
    /// `ActivityManager.isBackgroundRestricted()`.
    pub background_restricted: bool,
}

/// `UNAuthorizationStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IosAuthorization {
    NotDetermined,
    Denied,
    Authorized,
    Provisional,
    Ephemeral,
}

/// `UNNotificationSetting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IosSetting {
    Enabled,
    Disabled,
    NotSupported,
}

/// `UIBackgroundRefreshStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IosBackgroundRefresh {
    Available,
    Denied,
    Restricted,
}

/// iOS's facts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IosFacts {
    pub authorization: IosAuthorization,
    pub alerts: IosSetting,
    pub time_sensitive: IosSetting,
    pub scheduled_summary: IosSetting,
    pub background_refresh: IosBackgroundRefresh,
    pub low_power_mode: bool,
}

/// What the phone allows, as its platform reads it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PlatformFacts {
    Android { facts: AndroidFacts },
    Ios { facts: IosFacts },
}

fn setting(s: IosSetting) -> cc::IosSetting {
    match s {
        IosSetting::Enabled => cc::IosSetting::Enabled,
        IosSetting::Disabled => cc::IosSetting::Disabled,
        IosSetting::NotSupported => cc::IosSetting::NotSupported,
    }
}

impl From<PlatformFacts> for cc::PlatformFacts {
    fn from(f: PlatformFacts) -> Self {
        match f {
            PlatformFacts::Android { facts: f } => cc::PlatformFacts::Android(cc::AndroidFacts {
                notifications_enabled: f.notifications_enabled,
                can_ask_notification_permission: f.can_ask_notification_permission,
                blocked_channels: f.blocked_channels.into_iter().map(Into::into).collect(),
                exact_alarms_allowed: f.exact_alarms_allowed,
                ignoring_battery_optimizations: f.ignoring_battery_optimizations,
                background_restricted: f.background_restricted,
            }),
            PlatformFacts::Ios { facts: f } => cc::PlatformFacts::Ios(cc::IosFacts {
                authorization: match f.authorization {
                    IosAuthorization::NotDetermined => cc::IosAuthorization::NotDetermined,
                    IosAuthorization::Denied => cc::IosAuthorization::Denied,
                    IosAuthorization::Authorized => cc::IosAuthorization::Authorized,
                    IosAuthorization::Provisional => cc::IosAuthorization::Provisional,
                    IosAuthorization::Ephemeral => cc::IosAuthorization::Ephemeral,
                },
                alerts: setting(f.alerts),
                time_sensitive: setting(f.time_sensitive),
                scheduled_summary: setting(f.scheduled_summary),
                background_refresh: match f.background_refresh {
                    IosBackgroundRefresh::Available => cc::IosBackgroundRefresh::Available,
                    IosBackgroundRefresh::Denied => cc::IosBackgroundRefresh::Denied,
                    IosBackgroundRefresh::Restricted => cc::IosBackgroundRefresh::Restricted,
                },
                low_power_mode: f.low_power_mode,
            }),
        }
    }
}

/// How reminders will arrive, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Overall {
    Good,
    MayBeLate,
    NeedsAttention,
}

/// What a check is about (Android's, iOS's, and the plan's for both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum HealthItem {
    Notifications,
    SessionChannel,
    CheckInChannel,
    ExactAlarms,
    BatteryOptimization,
    BackgroundRestriction,
    PlanHandedOver,
    PlanFresh,
    Alerts,
    TimeSensitive,
    ScheduledSummary,
    BackgroundRefresh,
    LowPowerMode,
    PlanUpToDate,
    PlanZone,
}

/// How bad a check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum HealthFix {
    RequestNotificationPermission,
    OpenNotificationSettings,
    /// Android: `Settings.ACTION_CHANNEL_NOTIFICATION_SETTINGS` for `channel`.
    OpenChannelSettings {
        channel: NotificationChannel,
    },
    RequestExactAlarms,
    RequestIgnoreBatteryOptimizations,
    /// Android: `Settings.ACTION_APPLICATION_DETAILS_SETTINGS`.
    OpenAppDetails,
    /// iOS: `UIApplication.openSettingsURLString`.
    OpenAppSettings,
    /// Apply the plan again (`reminder_changes`, then `record_reminders_applied`).
    RefreshPlan,
}

/// One check, in words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HealthCheck {
    pub item: HealthItem,
    pub status: HealthStatus,
    pub title: String,
    pub detail: String,
    /// `None` when fine, or when nothing in the app can fix it.
    pub fix: Option<HealthFix>,
    /// The fix's button ("Allow notifications").
    pub fix_label: Option<String>,
}

/// The soonest planned reminder.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NextReminder {
    pub fire_at: Timestamp,
    /// "Tomorrow at 9:00 AM".
    pub label: String,
    pub notification: NotificationContent,
    /// Whether the OS holds it.
    pub held: bool,
    /// Whether it is held as an exact alarm.
    pub exact: bool,
}

/// What Today's card says about reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderNotice {
    /// Something is planned and notifications were never asked for: the moment to ask.
    AskPermission,
    /// Checks that are a Problem or a Warning.
    NeedsAttention { problems: u32 },
}

impl From<cc::ReminderNotice> for ReminderNotice {
    fn from(n: cc::ReminderNotice) -> Self {
        match n {
            cc::ReminderNotice::AskPermission => ReminderNotice::AskPermission,
            cc::ReminderNotice::NeedsAttention { problems } => {
                ReminderNotice::NeedsAttention { problems }
            }
        }
    }
}

/// The reminder health screen, and Today's notice.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderHealth {
    pub overall: Overall,
    /// "Reminders will reach you".
    pub overall_label: String,
    /// Worst first.
    pub checks: Vec<HealthCheck>,
    pub next: Option<NextReminder>,
    /// Reminders the OS should hold now.
    pub planned: u32,
    /// Planned reminders the OS does not hold, or holds the other way.
    pub not_held: u32,
    /// "12 reminders planned over the next 30 days", "No reminders planned".
    pub planned_label: String,
    pub last_applied: Option<Timestamp>,
    /// "Today at 8:05 AM".
    pub last_applied_label: Option<String>,
    pub notice: Option<ReminderNotice>,
}

fn check(c: cc::HealthCheck) -> HealthCheck {
    use cc::HealthItem as I;
    HealthCheck {
        item: match c.item {
            I::Notifications => HealthItem::Notifications,
            I::SessionChannel => HealthItem::SessionChannel,
            I::CheckInChannel => HealthItem::CheckInChannel,
            I::ExactAlarms => HealthItem::ExactAlarms,
            I::BatteryOptimization => HealthItem::BatteryOptimization,
            I::BackgroundRestriction => HealthItem::BackgroundRestriction,
            I::PlanHandedOver => HealthItem::PlanHandedOver,
            I::PlanFresh => HealthItem::PlanFresh,
            I::Alerts => HealthItem::Alerts,
            I::TimeSensitive => HealthItem::TimeSensitive,
            I::ScheduledSummary => HealthItem::ScheduledSummary,
            I::BackgroundRefresh => HealthItem::BackgroundRefresh,
            I::LowPowerMode => HealthItem::LowPowerMode,
            I::PlanUpToDate => HealthItem::PlanUpToDate,
            I::PlanZone => HealthItem::PlanZone,
        },
        status: match c.status {
            cc::HealthStatus::Ok => HealthStatus::Ok,
            cc::HealthStatus::Advice => HealthStatus::Advice,
            cc::HealthStatus::Warning => HealthStatus::Warning,
            cc::HealthStatus::Problem => HealthStatus::Problem,
        },
        title: c.title,
        detail: c.detail,
        fix: c.fix.map(|f| match f {
            cc::HealthFix::RequestNotificationPermission => {
                HealthFix::RequestNotificationPermission
            }
            cc::HealthFix::OpenNotificationSettings => HealthFix::OpenNotificationSettings,
            cc::HealthFix::OpenChannelSettings(channel) => HealthFix::OpenChannelSettings {
                channel: channel.into(),
            },
            cc::HealthFix::RequestExactAlarms => HealthFix::RequestExactAlarms,
            cc::HealthFix::RequestIgnoreBatteryOptimizations => {
                HealthFix::RequestIgnoreBatteryOptimizations
            }
            cc::HealthFix::OpenAppDetails => HealthFix::OpenAppDetails,
            cc::HealthFix::OpenAppSettings => HealthFix::OpenAppSettings,
            cc::HealthFix::RefreshPlan => HealthFix::RefreshPlan,
        }),
        fix_label: c.fix_label,
    }
}

#[uniffi::export]
impl CompanionStore {
    /// Reminder health at `now` in `zone`, times in `clock_style`, given the platform's
    /// facts and what the OS holds.
    pub fn reminder_health(
        &self,
        now: Timestamp,
        zone: String,
        clock_style: ClockStyle,
        facts: PlatformFacts,
        held: Vec<HeldReminder>,
    ) -> Result<ReminderHealth> {
        let facts = cc::PlatformFacts::from(facts);
        let held = self::held(held);
        let h =
            self.read(|s| s.reminder_health(now.0, &zone, clock_style.into(), &facts, &held))?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(ReminderHealth {
            overall_label: h.overall_label,
            overall: match h.overall {
                cc::Overall::Good => Overall::Good,
                cc::Overall::MayBeLate => Overall::MayBeLate,
                cc::Overall::NeedsAttention => Overall::NeedsAttention,
            },
            checks: h.checks.into_iter().map(check).collect(),
            next: h.next.map(|n| NextReminder {
                fire_at: n.fire_at.into(),
                label: n.label,
                notification: n.notification.into(),
                held: n.held,
                exact: n.exact,
            }),
            planned: count(h.planned),
            not_held: count(h.not_held),
            planned_label: h.planned_label,
            last_applied: h.last_applied.map(Into::into),
            last_applied_label: h.last_applied_label,
            notice: h.notice.map(Into::into),
        })
    }
}
