//! The reach-out screen and the participant's contacts.

use companion_core::{ReachOutAction as Core, ReachOutScreen};

use crate::contacts::{ContactInput, Role};
use crate::error::Result;
use crate::screens::views::all;
use crate::store::CompanionStore;
use crate::support::{CrisisLineRecord, ReachOutContactRecord};

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReachOutScreenRecord {
    /// Always first, never empty, offline.
    pub crisis_lines: Vec<CrisisLineRecord>,
    pub favourites: Vec<ReachOutContactRecord>,
    pub others: Vec<ReachOutContactRecord>,
    /// The country that applies (chosen, else the phone's); `None` until one is known.
    pub region: Option<String>,
    /// The words prefilled in texts to people, as the core cleaned them.
    pub message: Option<String>,
    pub suggested_message: String,
    pub message_max_chars: u32,
    pub role_choices: Vec<Role>,
}

/// Every change to the participant's own contacts (the program's are read-only).
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ReachOutAction {
    AddContact { input: ContactInput },
    EditContact { id: String, input: ContactInput },
    SetFavourite { id: String, favourite: bool },
    RemoveContact { id: String },
}

impl From<ReachOutAction> for Core {
    fn from(a: ReachOutAction) -> Self {
        match a {
            ReachOutAction::AddContact { input } => Core::AddContact(input.into()),
            ReachOutAction::EditContact { id, input } => Core::EditContact {
                id,
                fields: input.into(),
            },
            ReachOutAction::SetFavourite { id, favourite } => Core::SetFavourite { id, favourite },
            ReachOutAction::RemoveContact { id } => Core::RemoveContact { id },
        }
    }
}

impl From<ReachOutScreen> for ReachOutScreenRecord {
    fn from(r: ReachOutScreen) -> Self {
        ReachOutScreenRecord {
            crisis_lines: all(r.crisis_lines),
            favourites: all(r.favourites),
            others: all(r.others),
            region: r.region,
            message: r.message,
            suggested_message: r.suggested_message,
            message_max_chars: r.message_max_chars,
            role_choices: all(r.role_choices),
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The reach-out screen, with `message` prefilled in texts to people.
    pub fn reach_out_screen(&self, message: Option<String>) -> Result<ReachOutScreenRecord> {
        Ok(self
            .read(|s| s.reach_out_screen(message.as_deref()))?
            .into())
    }

    /// One change to the participant's contacts; returns the screen after it.
    pub fn reach_out_act(
        &self,
        action: ReachOutAction,
        message: Option<String>,
    ) -> Result<ReachOutScreenRecord> {
        let action = action.into();
        Ok(self
            .write(|s| s.reach_out_act(action, message.as_deref()))?
            .into())
    }
}
