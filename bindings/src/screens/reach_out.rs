//! The reach-out screen and the participant's contacts.

use companion_core::{ContactForm, ContactValues, ReachOutAction as Core, ReachOutScreen};

use crate::contacts::Role;
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
    /// The same as the screen names it ("United States").
    pub region_name: Option<String>,
    /// The words prefilled in texts to people, as the core cleaned them.
    pub message: Option<String>,
    pub suggested_message: String,
    pub message_max_chars: u32,
    pub role_choices: Vec<Role>,
}

/// Every field the contact form edits, as the participant reads them (numbers in their
/// country's national form); texts are empty when unset.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactValuesRecord {
    pub name: String,
    pub role: Role,
    pub phone: String,
    /// Empty: texts go to `phone`.
    pub sms: String,
    pub email: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactFormRecord {
    /// Absent: a new contact.
    pub contact_id: Option<String>,
    /// What the form opens with: pass it back as `opened` when saving.
    pub values: ContactValuesRecord,
    pub role_choices: Vec<Role>,
    pub can_remove: bool,
}

impl From<ContactValues> for ContactValuesRecord {
    fn from(v: ContactValues) -> Self {
        ContactValuesRecord {
            name: v.name,
            role: v.role.into(),
            phone: v.phone,
            sms: v.sms,
            email: v.email,
            notes: v.notes,
        }
    }
}

impl From<ContactValuesRecord> for ContactValues {
    fn from(v: ContactValuesRecord) -> Self {
        ContactValues {
            name: v.name,
            role: v.role.into(),
            phone: v.phone,
            sms: v.sms,
            email: v.email,
            notes: v.notes,
        }
    }
}

impl From<ContactForm> for ContactFormRecord {
    fn from(f: ContactForm) -> Self {
        ContactFormRecord {
            contact_id: f.contact_id,
            values: f.values.into(),
            role_choices: all(f.role_choices),
            can_remove: f.can_remove,
        }
    }
}

/// Every change to the participant's own contacts (the program's are read-only).
// Made once by the app and moved once into the core: the size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ReachOutAction {
    /// The contact form saved: a new contact (`contact_id` absent), or only what the
    /// participant changed against the values the form opened with.
    SaveContactForm {
        contact_id: Option<String>,
        opened: ContactValuesRecord,
        edited: ContactValuesRecord,
    },
    SetFavourite {
        id: String,
        favourite: bool,
    },
    RemoveContact {
        id: String,
    },
}

impl From<ReachOutAction> for Core {
    fn from(a: ReachOutAction) -> Self {
        match a {
            ReachOutAction::SaveContactForm {
                contact_id,
                opened,
                edited,
            } => Core::SaveContactForm {
                contact_id,
                opened: opened.into(),
                edited: edited.into(),
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
            region_name: r.region_name,
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

    /// The form for the participant's contact `contact_id`, or for a new one (absent). A
    /// built-in crisis line and a program's contact are read-only.
    pub fn contact_form(&self, contact_id: Option<String>) -> Result<ContactFormRecord> {
        Ok(self.read(|s| s.contact_form(contact_id.as_deref()))?.into())
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
