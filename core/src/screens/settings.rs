//! The settings screen: the account, discreet notifications, the daily check-in reminder,
//! the default reminder lead times, the participant's country, and exports. Enrolling,
//! linking, syncing, backups and erasing are their own calls (they take time, or the network).

use chrono::{NaiveTime, Timelike};
use serde::Serialize;

use crate::data_rights::export::{CheckinExportFormat, PLAINTEXT_EXPORT_NOTICE};
use crate::error::{Error, Result};
use crate::prefs::PreferencesEdit;
use crate::schedule::notifications::ClockStyle;
use crate::screens::labels;
use crate::screens::session_choices::LEAD_CHOICES;
use crate::screens::views::LeadChoice;
use crate::storage::store::Store;
use crate::support::crisis::regions_with_crisis_lines;
use crate::sync::LINK_MINUTES;

/// The check-in reminder's time the screen suggests when it is turned on.
pub const SUGGESTED_CHECKIN_REMINDER: (u32, u32) = (20, 0);

/// The formats a check-in export offers, in that order.
pub const EXPORT_FORMATS: [CheckinExportFormat; 3] = [
    CheckinExportFormat::Csv,
    CheckinExportFormat::Json,
    CheckinExportFormat::Fhir,
];

/// A country the screen offers by name (those with crisis lines built in); any other
/// two-letter code is accepted as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionChoice {
    pub code: String,
    pub name: String,
}

/// A region as the screens name it: its country's name where the app knows one, else the
/// code as it was set.
pub(crate) fn region_label(code: &str) -> String {
    region_name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

fn region_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "US" => "United States",
        "CA" => "Canada",
        "GB" => "United Kingdom",
        "IE" => "Ireland",
        "AU" => "Australia",
        "NZ" => "New Zealand",
        _ => return None,
    })
}

/// The enrolled account, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub server: String,
    pub program_names: Vec<String>,
    /// "Enrolled in Evening IOP and Family program".
    pub label: String,
}

/// What the settings screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingsScreen {
    /// `None` before enrolment: the screen offers to enrol or link.
    pub account: Option<AccountView>,
    pub discreet_notifications: bool,
    /// `None` when the daily check-in reminder is off.
    pub checkin_reminder: Option<NaiveTime>,
    /// "8:00 PM".
    pub checkin_reminder_label: Option<String>,
    /// The time offered when the participant turns the reminder on.
    pub suggested_checkin_reminder: NaiveTime,
    /// The lead times chosen for sessions without their own, with their words.
    pub default_leads: Vec<LeadChoice>,
    /// The lead times offered that are not chosen yet.
    pub lead_choices: Vec<LeadChoice>,
    pub max_leads: u32,
    /// The country chosen by the participant; `None` follows the phone's.
    pub region: Option<String>,
    /// The country that applies now (chosen, else the phone's), if any is known.
    pub effective_region: Option<String>,
    /// The same as the screen names it ("United States").
    pub effective_region_name: Option<String>,
    pub region_choices: Vec<RegionChoice>,
    pub export_formats: Vec<CheckinExportFormat>,
    /// Shown before any export is written: exports are not encrypted.
    pub export_notice: String,
    /// How long a link code for another device is good for.
    pub link_minutes: u32,
    /// What discreet notifications do, beside their switch.
    pub discreet_notice: String,
    /// What a restore does, beside its button: it merges, it never overwrites.
    pub restore_notice: String,
    /// What erase does, beside its button (enrolled or not).
    pub erase_notice: String,
    /// The confirmation an erase asks for.
    pub erase_confirmation: String,
}

const DISCREET_NOTICE: &str = "With discreet notifications, a reminder says only that you \
    have an appointment and when: never a session's name, a place or what the app is for. \
    Without, it names the session and where it is; a locked phone still shows only \
    \"Reminder\".";
const RESTORE_NOTICE: &str = "A backup's records are added to what is on this phone; nothing \
    here is overwritten. You need the backup's passphrase.";
const ERASE_NOTICE_ENROLLED: &str = "Erases your data from your program's server and from this \
    phone, with its reminders and notifications. Your other devices stop syncing.";
const ERASE_NOTICE_ALONE: &str = "Erases your data from this phone, with its reminders and \
    notifications.";
const ERASE_CONFIRMATION: &str = "Your check-ins, contacts, sessions and safety plan will be \
    gone. This cannot be undone. A backup made before can still be restored.";

/// Every preference the settings screen changes.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsAction {
    SetDiscreetNotifications(bool),
    /// `None` turns the daily check-in reminder off.
    SetCheckinReminder(Option<NaiveTime>),
    AddDefaultLead(u32),
    RemoveDefaultLead(u32),
    /// A two-letter country code; `None` follows the phone's region again.
    SetRegion(Option<String>),
}

/// A change made, and the screen after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingsResult {
    pub screen: SettingsScreen,
    /// The participant just asked for a reminder: the moment to ask for notification
    /// permission, if the platform has not.
    pub ask_notification_permission: bool,
}

impl Store {
    /// The settings screen.
    /// The settings screen, its times on the phone's `clock`.
    pub fn settings_screen(&self, clock: ClockStyle) -> Result<SettingsScreen> {
        let prefs = self.preferences()?;
        let chosen = prefs.default_reminder_leads.clone();
        let (h, m) = SUGGESTED_CHECKIN_REMINDER;
        let effective_region = self.region()?.map(|r| r.to_string());
        Ok(SettingsScreen {
            account: self.account()?.map(|a| {
                let program_names: Vec<String> = a.programs.into_iter().map(|p| p.name).collect();
                AccountView {
                    label: if program_names.is_empty() {
                        "Enrolled: syncing through your program's server".into()
                    } else {
                        format!("Enrolled in {}", labels::and_list(&program_names))
                    },
                    server: a.server,
                    program_names,
                }
            }),
            discreet_notifications: prefs.discreet_notifications,
            checkin_reminder: prefs.checkin_reminder,
            checkin_reminder_label: prefs
                .checkin_reminder
                .map(|t| labels::clock_label(t, clock)),
            suggested_checkin_reminder: NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN),
            default_leads: chosen.iter().copied().map(LeadChoice::of).collect(),
            lead_choices: LEAD_CHOICES
                .into_iter()
                .filter(|l| !chosen.contains(l))
                .map(LeadChoice::of)
                .collect(),
            max_leads: u32::try_from(crate::schedule::session::MAX_LEADS).unwrap_or(u32::MAX),
            region: prefs.region.map(|r| r.to_string()),
            effective_region_name: effective_region.as_deref().map(region_label),
            effective_region,
            region_choices: regions_with_crisis_lines()
                .into_iter()
                .filter_map(|code| {
                    Some(RegionChoice {
                        code: code.to_owned(),
                        name: region_name(code)?.to_owned(),
                    })
                })
                .collect(),
            export_formats: EXPORT_FORMATS.to_vec(),
            export_notice: PLAINTEXT_EXPORT_NOTICE.to_owned(),
            discreet_notice: DISCREET_NOTICE.to_owned(),
            restore_notice: RESTORE_NOTICE.to_owned(),
            erase_notice: if self.account()?.is_some() {
                ERASE_NOTICE_ENROLLED
            } else {
                ERASE_NOTICE_ALONE
            }
            .to_owned(),
            erase_confirmation: ERASE_CONFIRMATION.to_owned(),
            link_minutes: LINK_MINUTES,
        })
    }

    /// Changes one preference and returns the screen after it.
    pub fn settings_act(
        &mut self,
        action: SettingsAction,
        clock: ClockStyle,
    ) -> Result<SettingsResult> {
        let mut edit = PreferencesEdit::default();
        let mut asks_for_reminders = false;
        match action {
            SettingsAction::SetDiscreetNotifications(on) => edit.discreet_notifications = Some(on),
            SettingsAction::SetCheckinReminder(time) => {
                // To the minute: a picker's seconds are not a choice the participant made.
                let time = time.map(|t| t.with_second(0).and_then(|t| t.with_nanosecond(0)));
                if time == Some(None) {
                    return Err(Error::invalid("check-in reminder", "is not a time of day"));
                }
                let time = time.flatten();
                asks_for_reminders = time.is_some();
                edit.checkin_reminder = Some(time);
            }
            SettingsAction::AddDefaultLead(minutes) => {
                let mut leads = self.preferences()?.default_reminder_leads;
                if !leads.contains(&minutes) {
                    leads.push(minutes);
                }
                leads.sort_unstable();
                edit.default_reminder_leads = Some(leads);
                asks_for_reminders = true;
            }
            SettingsAction::RemoveDefaultLead(minutes) => {
                let mut leads = self.preferences()?.default_reminder_leads;
                leads.retain(|l| *l != minutes);
                edit.default_reminder_leads = Some(leads);
            }
            SettingsAction::SetRegion(code) => {
                edit.region = Some(code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()));
            }
        }
        self.edit_preferences(&edit)?;
        Ok(SettingsResult {
            screen: self.settings_screen(clock)?,
            ask_notification_permission: asks_for_reminders,
        })
    }
}
