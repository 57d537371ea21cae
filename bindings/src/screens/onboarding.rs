//! The first run.

use companion_core::{
    OnboardingChoice as CoreChoice, OnboardingPage, OnboardingScreen, OnboardingStep as CoreStep,
};

use crate::error::Result;
use crate::screens::views::all;
use crate::store::CompanionStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OnboardingStep {
    Welcome,
    Privacy,
    Discreet,
    Join,
}

/// How the first run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OnboardingChoice {
    /// The participant has a code: go on to enrolment.
    Join,
    /// On their own for now (they can join later in Settings).
    Alone,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OnboardingPageRecord {
    pub step: OnboardingStep,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OnboardingScreenRecord {
    /// Whether to show it (not done on this device, and not enrolled).
    pub needed: bool,
    pub pages: Vec<OnboardingPageRecord>,
    pub discreet_notifications: bool,
}

impl From<CoreStep> for OnboardingStep {
    fn from(s: CoreStep) -> Self {
        match s {
            CoreStep::Welcome => OnboardingStep::Welcome,
            CoreStep::Privacy => OnboardingStep::Privacy,
            CoreStep::Discreet => OnboardingStep::Discreet,
            CoreStep::Join => OnboardingStep::Join,
        }
    }
}

impl From<OnboardingPage> for OnboardingPageRecord {
    fn from(p: OnboardingPage) -> Self {
        OnboardingPageRecord {
            step: p.step.into(),
            title: p.title,
            body: p.body,
        }
    }
}

impl From<OnboardingScreen> for OnboardingScreenRecord {
    fn from(s: OnboardingScreen) -> Self {
        OnboardingScreenRecord {
            needed: s.needed,
            pages: all(s.pages),
            discreet_notifications: s.discreet_notifications,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    pub fn onboarding_screen(&self) -> Result<OnboardingScreenRecord> {
        Ok(self.read(|s| s.onboarding_screen())?.into())
    }

    /// Ends the first run on this device with the discreet choice; safe to repeat.
    pub fn complete_onboarding(
        &self,
        discreet_notifications: bool,
        choice: OnboardingChoice,
    ) -> Result<OnboardingScreenRecord> {
        Ok(self
            .write(|s| s.complete_onboarding(discreet_notifications, choice.into()))?
            .into())
    }
}

impl From<OnboardingChoice> for CoreChoice {
    fn from(c: OnboardingChoice) -> Self {
        match c {
            OnboardingChoice::Join => CoreChoice::Join,
            OnboardingChoice::Alone => CoreChoice::Alone,
        }
    }
}
