//! How far ahead each platform's reminder window looks, how many reminders it holds, and how
//! late a held reminder may still fire.

use serde::Serialize;

/// Days every platform's rolling window covers. It is refilled at launch, on every change,
/// once a day (Android's daily alarm, iOS's background refresh), so a month ahead is plenty.
pub const REMINDER_HORIZON_DAYS: i64 = 30;

/// What iOS allows an app to hold pending (it drops the rest silently). The core fills 63 of
/// them with reminders and keeps the last for [`crate::ReminderKind::KeepComing`] when more
/// are planned than fit.
pub const IOS_PENDING_LIMIT: usize = 64;

/// What AlarmManager allows one app to hold (Android 12+ throws beyond it).
pub const ANDROID_ALARM_LIMIT: usize = 500;

/// What the Android app holds: well under [`ANDROID_ALARM_LIMIT`] (each alarm is a wake-up;
/// fewer is kinder to the battery), and its daily refresh keeps the window full.
pub const ANDROID_MAX_HELD: usize = 128;

/// What the terminal shell plans by default (`companion reminders`), as iOS.
pub const TERMINAL_MAX_HELD: usize = 64;

/// How late an inexact alarm may still fire, so a re-apply in that time does not cancel it.
///
/// Android 14+ denies exact alarms by default, so inexact alarms are the usual path, and
/// Android 12+ delivers an inexact alarm "within one hour of the supplied trigger time"
/// (developer.android.com, Schedule alarms). A held reminder whose time passed less than this
/// ago stays held unless the plan no longer has it.
pub const INEXACT_GRACE_MINUTES: i64 = 60;

/// How often iOS is asked to wake the app in the background (`BGAppRefreshTask`'s earliest
/// begin date) to re-apply the plan; iOS decides when, from how the phone is used, so asking
/// hourly gets at least a daily run for most people.
pub const IOS_REFRESH_MINUTES: u32 = 60;

/// Android's inexact daily alarm that re-applies the plan (`AlarmManager.INTERVAL_DAY`), so
/// the 30-day window keeps moving on days the app is not opened.
pub const ANDROID_REFRESH_MINUTES: u32 = 24 * 60;

/// Which shell holds the reminders: each holds a different number and has its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderPlatform {
    Android,
    Ios,
    Terminal,
}

/// A platform's rolling window: reminders up to `horizon_days` ahead, at most `max_held`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReminderWindow {
    pub horizon_days: i64,
    pub max_held: usize,
    /// How often the platform re-applies the plan without the participant (`None`: the
    /// terminal, which plans when it is run).
    pub refresh_every_minutes: Option<u32>,
}

/// The window each platform holds.
pub fn reminder_window(platform: ReminderPlatform) -> ReminderWindow {
    ReminderWindow {
        horizon_days: REMINDER_HORIZON_DAYS,
        max_held: match platform {
            ReminderPlatform::Android => ANDROID_MAX_HELD,
            ReminderPlatform::Ios => IOS_PENDING_LIMIT,
            ReminderPlatform::Terminal => TERMINAL_MAX_HELD,
        },
        refresh_every_minutes: match platform {
            ReminderPlatform::Android => Some(ANDROID_REFRESH_MINUTES),
            ReminderPlatform::Ios => Some(IOS_REFRESH_MINUTES),
            ReminderPlatform::Terminal => None,
        },
    }
}

impl ReminderPlatform {
    /// Whether the last slot is kept for the "keep coming" notification: iOS only, whose
    /// window is refilled only while the app runs. Android refills from its daily alarm.
    pub(crate) fn keeps_last_slot(self) -> bool {
        self == ReminderPlatform::Ios
    }

    /// Whether the platform may hold an alarm the other way (inexact): Android only. iOS
    /// notifications and the terminal's plan are always at the minute.
    pub(crate) fn exact(self, exact_alarms_allowed: bool) -> bool {
        match self {
            ReminderPlatform::Android => exact_alarms_allowed,
            ReminderPlatform::Ios | ReminderPlatform::Terminal => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::reminders::{MAX_HORIZON_DAYS, MAX_PLANNED};

    #[test]
    fn every_window_is_one_the_planner_accepts() {
        for p in [
            ReminderPlatform::Android,
            ReminderPlatform::Ios,
            ReminderPlatform::Terminal,
        ] {
            let w = reminder_window(p);
            assert_eq!(w.horizon_days, 30);
            assert!((1..=MAX_HORIZON_DAYS).contains(&w.horizon_days));
            assert!((2..=MAX_PLANNED).contains(&w.max_held));
        }
        assert_eq!(reminder_window(ReminderPlatform::Ios).max_held, 64);
        assert_eq!(reminder_window(ReminderPlatform::Android).max_held, 128);
        assert_eq!(reminder_window(ReminderPlatform::Terminal).max_held, 64);
        const { assert!(ANDROID_MAX_HELD < ANDROID_ALARM_LIMIT) };
    }

    #[test]
    fn only_android_holds_inexact_alarms_and_only_ios_keeps_a_slot() {
        assert!(!ReminderPlatform::Android.exact(false));
        assert!(ReminderPlatform::Android.exact(true));
        assert!(ReminderPlatform::Ios.exact(false));
        assert!(ReminderPlatform::Terminal.exact(false));
        assert!(ReminderPlatform::Ios.keeps_last_slot());
        assert!(!ReminderPlatform::Android.keeps_last_slot());
        assert!(!ReminderPlatform::Terminal.keeps_last_slot());
    }
}
