//! Reminders: each platform's window, the changes to hand the OS (worded, exact or not), the
//! record of what it holds, and the "sync stopped" notification. Reminder health is
//! `reminder_health.rs`. Every rule is the core's; this file converts types.

use companion_core as cc;

use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::{LocalDate, Timestamp};

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Which shell holds the reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReminderPlatform {
    Android,
    Ios,
    Terminal,
}

impl From<ReminderPlatform> for cc::ReminderPlatform {
    fn from(p: ReminderPlatform) -> Self {
        match p {
            ReminderPlatform::Android => cc::ReminderPlatform::Android,
            ReminderPlatform::Ios => cc::ReminderPlatform::Ios,
            ReminderPlatform::Terminal => cc::ReminderPlatform::Terminal,
        }
    }
}

/// The phone's 12- or 24-hour setting: "9:00 AM" or "09:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ClockStyle {
    TwelveHour,
    TwentyFourHour,
}

impl From<ClockStyle> for cc::ClockStyle {
    fn from(c: ClockStyle) -> Self {
        match c {
            ClockStyle::TwelveHour => cc::ClockStyle::TwelveHour,
            ClockStyle::TwentyFourHour => cc::ClockStyle::TwentyFourHour,
        }
    }
}

impl From<cc::ClockStyle> for ClockStyle {
    fn from(c: cc::ClockStyle) -> Self {
        match c {
            cc::ClockStyle::TwelveHour => ClockStyle::TwelveHour,
            cc::ClockStyle::TwentyFourHour => ClockStyle::TwentyFourHour,
        }
    }
}

/// Where a notification goes; Android makes one channel each, up front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum NotificationChannel {
    SessionReminders,
    CheckInReminder,
    Status,
}

impl From<cc::NotificationChannel> for NotificationChannel {
    fn from(c: cc::NotificationChannel) -> Self {
        match c {
            cc::NotificationChannel::SessionReminders => NotificationChannel::SessionReminders,
            cc::NotificationChannel::CheckInReminder => NotificationChannel::CheckInReminder,
            cc::NotificationChannel::Status => NotificationChannel::Status,
        }
    }
}

impl From<NotificationChannel> for cc::NotificationChannel {
    fn from(c: NotificationChannel) -> Self {
        match c {
            NotificationChannel::SessionReminders => cc::NotificationChannel::SessionReminders,
            NotificationChannel::CheckInReminder => cc::NotificationChannel::CheckInReminder,
            NotificationChannel::Status => cc::NotificationChannel::Status,
        }
    }
}

/// The screen a tap on the notification opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum NotificationTarget {
    Today,
    CheckIn,
    Settings,
}

/// A notification, worded by the core: post it as it is. (Not `Notification`, which would
/// clash with `android.app.Notification`.)
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotificationContent {
    pub title: String,
    pub body: String,
    /// The version a locked phone or a hidden preview shows: always neutral.
    pub public_title: String,
    pub public_body: String,
    pub channel: NotificationChannel,
    /// iOS's time-sensitive interruption level.
    pub time_sensitive: bool,
    pub opens: NotificationTarget,
    /// iOS's thread identifier; never personal.
    pub thread: String,
    /// Names a session or the check-in: on a locked phone only the public version shows
    /// (Android: `VISIBILITY_SECRET` with the public version as its public notification).
    pub named: bool,
}

impl From<cc::Notification> for NotificationContent {
    fn from(n: cc::Notification) -> Self {
        NotificationContent {
            title: n.title,
            body: n.body,
            public_title: n.public_title,
            public_body: n.public_body,
            channel: n.channel.into(),
            time_sensitive: n.time_sensitive,
            opens: match n.opens {
                cc::NotificationTarget::Today => NotificationTarget::Today,
                cc::NotificationTarget::CheckIn => NotificationTarget::CheckIn,
                cc::NotificationTarget::Settings => NotificationTarget::Settings,
            },
            thread: n.thread,
            named: n.named,
        }
    }
}

/// A platform's rolling window: reminders up to `horizon_days` ahead, at most `max_held`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ReminderWindow {
    pub horizon_days: u32,
    pub max_held: u32,
    /// How often the app re-applies the plan in the background (Android's daily alarm, iOS's
    /// background refresh request); `None` for the terminal.
    pub refresh_every_minutes: Option<u32>,
}

/// The window `platform` holds (30 days; iOS 64, Android 128, the terminal 64).
#[uniffi::export]
pub fn reminder_window(platform: ReminderPlatform) -> ReminderWindow {
    let w = cc::reminder_window(platform.into());
    ReminderWindow {
        horizon_days: u32::try_from(w.horizon_days).unwrap_or(0),
        max_held: u32_of(w.max_held),
        refresh_every_minutes: w.refresh_every_minutes,
    }
}

/// How often and how a phone syncs in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BackgroundSyncRecord {
    /// The period (WorkManager's repeat interval; iOS asks for a refresh this often).
    pub every_minutes: u32,
    /// How much later the OS may run it.
    pub flex_minutes: u32,
    /// The first wait after a failure (doubled by the OS on each further failure).
    pub retry_after_minutes: u32,
}

/// The background sync schedule both apps hand to the OS.
#[uniffi::export]
pub fn background_sync() -> BackgroundSyncRecord {
    let s = cc::background_sync();
    BackgroundSyncRecord {
        every_minutes: s.every_minutes,
        flex_minutes: s.flex_minutes,
        retry_after_minutes: s.retry_after_minutes,
    }
}

/// A channel's name and description, as the phone's notification settings show them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChannelLabelRecord {
    pub name: String,
    pub description: String,
}

/// The words for `channel` (Android creates its channels with them).
#[uniffi::export]
pub fn notification_channel_label(channel: NotificationChannel) -> ChannelLabelRecord {
    let (name, description) = cc::channel_label(channel.into());
    ChannelLabelRecord {
        name: name.into(),
        description: description.into(),
    }
}

/// The "sync stopped" status notification (the device is no longer enrolled). Needs no
/// store: the words do not depend on it.
#[uniffi::export]
pub fn sync_stopped_notification() -> NotificationContent {
    cc::sync_stopped_notification().into()
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReminderKind {
    Session,
    CheckIn,
    /// iOS's last slot: "Open Companion to keep your reminders coming".
    KeepComing,
}

/// A reminder the core planned. Its words are the `NotificationContent` beside it; what it
/// may say (the session's title, location…) stays in the core, so no app words it again.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlannedReminder {
    /// Stable: the notification's identifier (iOS) and the alarm's data URI (Android).
    pub id: String,
    /// A 31-bit number from `id`: Android's request code and notification id.
    pub numeric_id: i32,
    pub fire_at: Timestamp,
    pub kind: ReminderKind,
    pub session_id: Option<String>,
    pub series_date: Option<LocalDate>,
    pub lead_minutes: Option<u32>,
    pub starts_at: Option<Timestamp>,
}

impl From<cc::PlannedReminder> for PlannedReminder {
    fn from(r: cc::PlannedReminder) -> Self {
        PlannedReminder {
            id: r.id,
            numeric_id: r.numeric_id,
            fire_at: r.fire_at.into(),
            kind: match r.kind {
                cc::ReminderKind::Session => ReminderKind::Session,
                cc::ReminderKind::CheckIn => ReminderKind::CheckIn,
                cc::ReminderKind::KeepComing => ReminderKind::KeepComing,
            },
            session_id: r.session_id,
            series_date: r.series_date.map(Into::into),
            lead_minutes: r.lead_minutes,
            starts_at: r.starts_at.map(Into::into),
        }
    }
}

/// A reminder the OS holds, as the platform recorded it when it handed it over.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HeldReminder {
    pub id: String,
    pub fire_at: Timestamp,
    /// Handed over as an exact alarm (iOS: always true).
    pub exact: bool,
}

impl From<cc::HeldReminder> for HeldReminder {
    fn from(h: cc::HeldReminder) -> Self {
        HeldReminder {
            id: h.id,
            fire_at: h.fire_at.into(),
            exact: h.exact,
        }
    }
}

impl From<HeldReminder> for cc::HeldReminder {
    fn from(h: HeldReminder) -> Self {
        cc::HeldReminder {
            id: h.id,
            fire_at: h.fire_at.0,
            exact: h.exact,
        }
    }
}

pub(crate) fn held(list: Vec<HeldReminder>) -> Vec<cc::HeldReminder> {
    list.into_iter().map(Into::into).collect()
}

/// When and where the changes are made, and what the platform allows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderContext {
    pub now: Timestamp,
    /// The phone's IANA zone.
    pub zone: String,
    pub platform: ReminderPlatform,
    pub clock_style: ClockStyle,
    /// Android's `canScheduleExactAlarms()`; ignored elsewhere.
    pub exact_alarms_allowed: bool,
    /// The OS dropped every reminder: after a reboot (`BOOT_COMPLETED`). Not after an app
    /// update (`MY_PACKAGE_REPLACED`): AlarmManager keeps the alarms then.
    pub os_cleared: bool,
}

/// One notification to hand the OS.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderRequest {
    pub reminder: PlannedReminder,
    pub notification: NotificationContent,
    /// An exact alarm (Android, when allowed; iOS always).
    pub exact: bool,
}

/// Cancel `cancel` first, then schedule `schedule` (an id already held is replaced); the OS
/// then holds `held_after`: pass it to `record_reminders_applied`. `done` ids fired (or were
/// lost) over an hour ago: forget them, nothing to cancel. `reworded`: every held reminder
/// was scheduled again because the zone changed (its words hold local times).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderChanges {
    pub cancel: Vec<String>,
    pub schedule: Vec<ReminderRequest>,
    pub held_after: Vec<HeldReminder>,
    pub done: Vec<String>,
    pub reworded: bool,
}

/// What the platform last handed the OS on this device.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AppliedPlan {
    pub at: Timestamp,
    pub zone: String,
    /// The clock style the held reminders were worded for (absent in an older record).
    pub clock_style: Option<ClockStyle>,
    pub held: Vec<HeldReminder>,
}

#[uniffi::export]
impl CompanionStore {
    /// What to cancel and what to schedule so the OS holds the plan, given what it holds.
    pub fn reminder_changes(
        &self,
        ctx: ReminderContext,
        held: Vec<HeldReminder>,
    ) -> Result<ReminderChanges> {
        let ctx = cc::ReminderContext {
            now: ctx.now.0,
            zone: ctx.zone,
            platform: ctx.platform.into(),
            clock_style: ctx.clock_style.into(),
            exact_alarms_allowed: ctx.exact_alarms_allowed,
            os_cleared: ctx.os_cleared,
        };
        let held = self::held(held);
        let c = self.read(|s| s.reminder_changes_for(&ctx, &held))?;
        Ok(ReminderChanges {
            cancel: c.cancel,
            schedule: c
                .schedule
                .into_iter()
                .map(|r| ReminderRequest {
                    reminder: r.reminder.into(),
                    notification: r.notification.into(),
                    exact: r.exact,
                })
                .collect(),
            held_after: c.held_after.into_iter().map(Into::into).collect(),
            done: c.done,
            reworded: c.reworded,
        })
    }

    /// Records what the OS holds after the app handed it the changes (their `held_after`),
    /// when, in which zone and for which clock style (the context's): device-local, never
    /// synced; a later zone or clock style re-words every held reminder. Not a data change: listeners are
    /// not told (telling them would re-apply the plan in a loop).
    pub fn record_reminders_applied(
        &self,
        at: Timestamp,
        zone: String,
        clock_style: ClockStyle,
        held: Vec<HeldReminder>,
    ) -> Result<()> {
        let held = self::held(held);
        self.lock(|s| s.record_reminders_applied(at.0, &zone, clock_style.into(), &held))
    }

    /// What `record_reminders_applied` last recorded on this device, if anything.
    pub fn reminders_applied(&self) -> Result<Option<AppliedPlan>> {
        Ok(self.read(|s| s.reminders_applied())?.map(|a| AppliedPlan {
            at: a.at.into(),
            zone: a.zone,
            clock_style: a.clock_style.map(Into::into),
            held: a.held.into_iter().map(Into::into).collect(),
        }))
    }
}
