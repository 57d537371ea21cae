//! The first run: what the app is, how private it is, discreet notifications, and joining a
//! program with its code or using the app alone. Once done on a device it is not shown there
//! again (kept on this device only: a new phone has its own first run). Permissions are never
//! asked here: each one is asked at the moment it is needed (the screens' results say when).

use serde::Serialize;

use crate::error::Result;
use crate::prefs::PreferencesEdit;
use crate::storage::store::Store;

/// Where this device remembers that its first run is done (device-local, never synced).
const DONE: &str = "onboarding.done";

/// A step of the first run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnboardingStep {
    /// What the app is for.
    Welcome,
    /// What stays on the phone, what the clinic sees (nothing it is not shown).
    Privacy,
    /// Discreet notifications: on by default; the participant may turn them off.
    Discreet,
    /// Join a program with the code the clinic gave, or use the app alone.
    Join,
}

/// One page of the first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnboardingPage {
    pub step: OnboardingStep,
    pub title: String,
    pub body: String,
}

/// What the first run shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnboardingScreen {
    /// Whether to show it: not done on this device, and the device not enrolled.
    pub needed: bool,
    pub pages: Vec<OnboardingPage>,
    /// What the discreet page's switch starts at (the participant's current choice).
    pub discreet_notifications: bool,
}

/// How the first run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnboardingChoice {
    /// The participant has a code: the app goes on to enrolment.
    Join,
    /// The participant uses the app on their own for now (they can join later in Settings).
    Alone,
}

fn page(step: OnboardingStep, title: &str, body: &str) -> OnboardingPage {
    OnboardingPage {
        step,
        title: title.to_owned(),
        body: body.to_owned(),
    }
}

/// The pages, in order.
pub fn onboarding_pages() -> Vec<OnboardingPage> {
    vec![
        page(
            OnboardingStep::Welcome,
            "Welcome to Companion",
            "Your sessions and reminders, a daily check-in that takes under a minute, and the \
             people and crisis lines to reach when you need them.",
        ),
        page(
            OnboardingStep::Privacy,
            "Private by design",
            "Everything you enter is encrypted on this phone. If you join your program, your \
             data syncs between your own devices end to end encrypted: the server cannot read \
             it, and your clinic sees nothing you do not choose to share.",
        ),
        page(
            OnboardingStep::Discreet,
            "Discreet notifications",
            "Reminders say only \"Reminder\" and a time, so nobody glancing at your phone learns \
             what they are for. You can turn this off in Settings.",
        ),
        page(
            OnboardingStep::Join,
            "Join your program",
            "If your program gave you a code, enter it to get your group schedule and its \
             reminders. You can also use the app on your own and join later.",
        ),
    ]
}

impl Store {
    /// The first run's screen.
    pub fn onboarding_screen(&self) -> Result<OnboardingScreen> {
        let done = self.durable.meta(DONE)?.is_some();
        Ok(OnboardingScreen {
            needed: !done && self.account()?.is_none(),
            pages: onboarding_pages(),
            discreet_notifications: self.preferences()?.discreet_notifications,
        })
    }

    /// Ends the first run with the participant's discreet choice and how they go on. Safe to
    /// repeat.
    pub fn complete_onboarding(
        &mut self,
        discreet_notifications: bool,
        choice: OnboardingChoice,
    ) -> Result<OnboardingScreen> {
        if self.preferences()?.discreet_notifications != discreet_notifications {
            self.edit_preferences(&PreferencesEdit {
                discreet_notifications: Some(discreet_notifications),
                ..Default::default()
            })?;
        }
        let how: &[u8] = match choice {
            OnboardingChoice::Join => b"join",
            OnboardingChoice::Alone => b"alone",
        };
        self.durable.set_meta(&[(DONE, Some(how))])?;
        self.onboarding_screen()
    }

    /// Whether joining is the moment to ask for notification permission: enrolling with a
    /// program's code (`linked` false) always is, since the program's sessions come with
    /// reminders; linking another of the participant's devices is when they have reminders
    /// (a session with lead times, or the daily check-in reminder).
    pub fn asks_for_notifications_after_joining(&self, linked: bool) -> Result<bool> {
        if !linked {
            return Ok(true);
        }
        let prefs = self.preferences()?;
        if prefs.checkin_reminder.is_some() {
            return Ok(true);
        }
        Ok(self.shared_sessions()?.iter().any(|s| {
            !s.reminder_leads
                .as_deref()
                .unwrap_or(&prefs.default_reminder_leads)
                .is_empty()
        }))
    }
}
