//! Reminder health's words for its closed sets: a fix's button, the verdict, Today's card.

use crate::screens::reminder_health::{HealthFix, Overall, ReminderNotice};

/// The button that applies a fix.
pub fn health_fix_label(fix: HealthFix) -> &'static str {
    match fix {
        HealthFix::RequestNotificationPermission => "Allow notifications",
        HealthFix::OpenNotificationSettings | HealthFix::OpenChannelSettings(_) => {
            "Open notification settings"
        }
        HealthFix::RequestExactAlarms => "Allow exact alarms",
        HealthFix::RequestIgnoreBatteryOptimizations => "Stop optimizing battery",
        HealthFix::OpenAppDetails | HealthFix::OpenAppSettings => "Open Settings",
        HealthFix::RefreshPlan => "Refresh reminders now",
    }
}

pub fn overall_label(overall: Overall) -> &'static str {
    match overall {
        Overall::Good => "Reminders will reach you",
        Overall::MayBeLate => "Reminders may be late",
        Overall::NeedsAttention => "Reminders need your attention",
    }
}

/// Today's reminder card, in words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReminderCard {
    pub notice: ReminderNotice,
    pub title: String,
    pub detail: String,
    /// The button: asks for notifications, or opens reminder health.
    pub button: String,
}

/// The card for `notice`.
pub fn reminder_card(notice: ReminderNotice) -> ReminderCard {
    let (title, detail, button) = match notice {
        ReminderNotice::AskPermission => (
            "Turn on reminders".to_owned(),
            "So your sessions and check-ins can remind you, even when the app is closed."
                .to_owned(),
            "Allow notifications",
        ),
        ReminderNotice::NeedsAttention { problems } => (
            "Your reminders need attention".to_owned(),
            if problems == 1 {
                "1 thing may stop them from reaching you.".to_owned()
            } else {
                format!("{problems} things may stop them from reaching you.")
            },
            "Check reminders",
        ),
    };
    ReminderCard {
        notice,
        title,
        detail,
        button: button.to_owned(),
    }
}
