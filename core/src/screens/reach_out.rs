//! The reach-out screen: crisis lines first, then favourites, then everyone else, each with
//! ready actions; the participant's own contacts added, edited, starred and removed here (the
//! program's are read-only).

use serde::Serialize;

use crate::error::Result;
use crate::screens::contact_form::{ContactValues, ROLE_CHOICES};
use crate::storage::store::Store;
use crate::support::actions::{MESSAGE_MAX_CHARS, SUGGESTED_MESSAGE};
use crate::support::contact::{ContactFields, ContactRole};
use crate::support::crisis::CrisisLine;
use crate::support::reach_out::ReachOutContact;

/// What the reach-out screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachOutScreen {
    /// Always first, never empty, offline: built into the app by country.
    pub crisis_lines: Vec<CrisisLine>,
    pub favourites: Vec<ReachOutContact>,
    pub others: Vec<ReachOutContact>,
    /// The participant's country, chosen or the phone's; `None` until one is known (the
    /// crisis lines then ask to set it).
    pub region: Option<String>,
    /// The same as the screen names it ("United States").
    pub region_name: Option<String>,
    /// The words prefilled in texts to people, as the core cleaned them.
    pub message: Option<String>,
    pub suggested_message: String,
    pub message_max_chars: u32,
    pub role_choices: Vec<ContactRole>,
}

/// Every change the reach-out screen makes to the participant's contacts.
// An action is made once and moved once: the form variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ReachOutAction {
    /// The contact form saved: a new contact (`contact_id` `None`), or only what the
    /// participant changed against the values the form opened with.
    SaveContactForm {
        contact_id: Option<String>,
        opened: ContactValues,
        edited: ContactValues,
    },
    SetFavourite {
        id: String,
        favourite: bool,
    },
    RemoveContact {
        id: String,
    },
}

impl Store {
    /// The reach-out screen, with `message` prefilled in texts to people.
    pub fn reach_out_screen(&self, message: Option<&str>) -> Result<ReachOutScreen> {
        let list = self.reach_out(message)?;
        let message = crate::support::actions::clean_message(message)?;
        let region = self.region()?.map(|r| r.to_string());
        Ok(ReachOutScreen {
            crisis_lines: list.crisis_lines,
            favourites: list.favourites,
            others: list.others,
            region_name: region
                .as_deref()
                .map(crate::screens::settings::region_label),
            region,
            message,
            suggested_message: SUGGESTED_MESSAGE.to_owned(),
            message_max_chars: u32::try_from(MESSAGE_MAX_CHARS).unwrap_or(u32::MAX),
            role_choices: ROLE_CHOICES.to_vec(),
        })
    }

    /// Makes one change to the participant's contacts and returns the screen after it.
    pub fn reach_out_act(
        &mut self,
        action: ReachOutAction,
        message: Option<&str>,
    ) -> Result<ReachOutScreen> {
        // The message first: a bad one changes nothing.
        crate::support::actions::clean_message(message)?;
        match action {
            ReachOutAction::SaveContactForm {
                contact_id,
                opened,
                edited,
            } => self.save_contact_form(contact_id.as_deref(), &opened, &edited)?,
            ReachOutAction::SetFavourite { id, favourite } => {
                self.edit_contact(
                    &id,
                    &ContactFields {
                        favourite: Some(favourite),
                        ..Default::default()
                    },
                )?;
            }
            ReachOutAction::RemoveContact { id } => self.remove_contact(&id)?,
        }
        self.reach_out_screen(message)
    }
}
