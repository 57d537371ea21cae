//! The settings screen's preferences.

use companion_core::{SettingsAction as Core, SettingsResult, SettingsScreen};

use crate::error::Result;
use crate::export::CheckinExportFormat;
use crate::reminders::ClockStyle;
use crate::screens::views::{LeadChoiceRecord, all};
use crate::store::CompanionStore;
use crate::types::LocalTime;

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountViewRecord {
    pub server: String,
    pub program_names: Vec<String>,
    /// "Enrolled in Evening IOP and Family program".
    pub label: String,
}

/// A country offered by name (those with crisis lines built in); any other two-letter code is
/// accepted as typed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RegionChoiceRecord {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SettingsScreenRecord {
    /// `None` before enrolment: the screen offers to enrol or link.
    pub account: Option<AccountViewRecord>,
    pub discreet_notifications: bool,
    /// `None` when the daily check-in reminder is off.
    pub checkin_reminder: Option<LocalTime>,
    /// "8:00 PM".
    pub checkin_reminder_label: Option<String>,
    /// Offered when the reminder is turned on.
    pub suggested_checkin_reminder: LocalTime,
    pub default_leads: Vec<LeadChoiceRecord>,
    pub lead_choices: Vec<LeadChoiceRecord>,
    pub max_leads: u32,
    /// The participant's chosen country; `None` follows the phone's.
    pub region: Option<String>,
    pub effective_region: Option<String>,
    /// The same as the screen names it ("United States").
    pub effective_region_name: Option<String>,
    pub region_choices: Vec<RegionChoiceRecord>,
    pub export_formats: Vec<CheckinExportFormat>,
    /// Shown before any export is written.
    pub export_notice: String,
    /// What discreet notifications do, beside their switch.
    pub discreet_notice: String,
    /// What a restore does: it merges, it never overwrites.
    pub restore_notice: String,
    /// What erase does, beside its button.
    pub erase_notice: String,
    /// The confirmation an erase asks for.
    pub erase_confirmation: String,
    pub link_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SettingsResultRecord {
    pub screen: SettingsScreenRecord,
    pub ask_notification_permission: bool,
}

/// Every preference the settings screen changes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SettingsAction {
    SetDiscreetNotifications {
        on: bool,
    },
    /// `None` turns the daily check-in reminder off.
    SetCheckinReminder {
        time: Option<LocalTime>,
    },
    AddDefaultLead {
        minutes: u32,
    },
    RemoveDefaultLead {
        minutes: u32,
    },
    /// A two-letter country code; `None` follows the phone's region again.
    SetRegion {
        code: Option<String>,
    },
}

impl From<SettingsAction> for Core {
    fn from(a: SettingsAction) -> Self {
        match a {
            SettingsAction::SetDiscreetNotifications { on } => Core::SetDiscreetNotifications(on),
            SettingsAction::SetCheckinReminder { time } => {
                Core::SetCheckinReminder(time.map(|t| t.0))
            }
            SettingsAction::AddDefaultLead { minutes } => Core::AddDefaultLead(minutes),
            SettingsAction::RemoveDefaultLead { minutes } => Core::RemoveDefaultLead(minutes),
            SettingsAction::SetRegion { code } => Core::SetRegion(code),
        }
    }
}

impl From<SettingsScreen> for SettingsScreenRecord {
    fn from(s: SettingsScreen) -> Self {
        SettingsScreenRecord {
            account: s.account.map(|a| AccountViewRecord {
                server: a.server,
                program_names: a.program_names,
                label: a.label,
            }),
            discreet_notifications: s.discreet_notifications,
            checkin_reminder: s.checkin_reminder.map(Into::into),
            checkin_reminder_label: s.checkin_reminder_label,
            suggested_checkin_reminder: s.suggested_checkin_reminder.into(),
            default_leads: all(s.default_leads),
            lead_choices: all(s.lead_choices),
            max_leads: s.max_leads,
            region: s.region,
            effective_region: s.effective_region,
            effective_region_name: s.effective_region_name,
            region_choices: s
                .region_choices
                .into_iter()
                .map(|r| RegionChoiceRecord {
                    code: r.code,
                    name: r.name,
                })
                .collect(),
            export_formats: all(s.export_formats),
            export_notice: s.export_notice,
            discreet_notice: s.discreet_notice,
            restore_notice: s.restore_notice,
            erase_notice: s.erase_notice,
            erase_confirmation: s.erase_confirmation,
            link_minutes: s.link_minutes,
        }
    }
}

impl From<SettingsResult> for SettingsResultRecord {
    fn from(r: SettingsResult) -> Self {
        SettingsResultRecord {
            screen: r.screen.into(),
            ask_notification_permission: r.ask_notification_permission,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The settings screen, its times on the phone's clock.
    pub fn settings_screen(&self, clock_style: ClockStyle) -> Result<SettingsScreenRecord> {
        Ok(self.read(|s| s.settings_screen(clock_style.into()))?.into())
    }

    /// Changes one preference; returns the screen after it.
    pub fn settings_act(
        &self,
        action: SettingsAction,
        clock_style: ClockStyle,
    ) -> Result<SettingsResultRecord> {
        let action = action.into();
        Ok(self
            .write(|s| s.settings_act(action, clock_style.into()))?
            .into())
    }
}
