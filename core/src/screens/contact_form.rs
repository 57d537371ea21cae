//! The contact form: what it opens with and what saving writes. As with the check-in and
//! session forms, saving writes only what the participant changed against the values the form
//! opened with, so a field another device changed meanwhile keeps that change.

use serde::Serialize;

use crate::error::Result;
use crate::storage::store::Store;
use crate::support::contact::{Contact, ContactFields, ContactRole};
use crate::support::phone::{self, Region};

/// The roles the contact form offers, in the reach-out list's order.
pub const ROLE_CHOICES: [ContactRole; 8] = ContactRole::ALL;

/// Every field the form edits, as the participant reads them: numbers in the national form of
/// their country (international otherwise), texts empty when unset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactValues {
    pub name: String,
    pub role: ContactRole,
    pub phone: String,
    /// Empty: texts go to `phone`.
    pub sms: String,
    pub email: String,
    pub notes: String,
}

impl ContactValues {
    fn of(c: &Contact, region: Option<Region>) -> ContactValues {
        let number = |n: &Option<String>| {
            n.as_deref()
                .map(|n| phone::display(n, region))
                .unwrap_or_default()
        };
        ContactValues {
            name: c.name.clone(),
            role: c.role,
            phone: number(&c.phone),
            sms: number(&c.sms),
            email: c.email.clone().unwrap_or_default(),
            notes: c.notes.clone().unwrap_or_default(),
        }
    }
}

/// What the contact form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactForm {
    /// `None`: a new contact.
    pub contact_id: Option<String>,
    /// What the form opens with; saving compares the edited form with these.
    pub values: ContactValues,
    pub role_choices: Vec<ContactRole>,
    pub can_remove: bool,
}

/// The fields saving writes: all of them for a new contact, only the changed ones otherwise.
pub(crate) fn changed_fields(
    new: bool,
    opened: &ContactValues,
    edited: &ContactValues,
) -> ContactFields {
    fn pick<T: PartialEq + Clone>(new: bool, opened: &T, edited: &T) -> Option<T> {
        (new || opened != edited).then(|| edited.clone())
    }
    ContactFields {
        name: pick(new, &opened.name, &edited.name),
        role: pick(new, &opened.role, &edited.role),
        phone: pick(new, &opened.phone, &edited.phone),
        sms: pick(new, &opened.sms, &edited.sms),
        email: pick(new, &opened.email, &edited.email),
        notes: pick(new, &opened.notes, &edited.notes),
        favourite: None,
        order: None,
    }
}

impl Store {
    /// The form for the participant's contact `id`, or for a new contact (`None`). A crisis
    /// line built into the app and a program's contact are read-only.
    pub fn contact_form(&self, id: Option<&str>) -> Result<ContactForm> {
        let values = match id {
            Some(id) => {
                self.check_own_contact(id)?;
                ContactValues::of(&self.contact(id)?, self.region()?)
            }
            None => ContactValues {
                name: String::new(),
                role: ContactRole::Other,
                phone: String::new(),
                sms: String::new(),
                email: String::new(),
                notes: String::new(),
            },
        };
        Ok(ContactForm {
            contact_id: id.map(str::to_owned),
            can_remove: id.is_some(),
            values,
            role_choices: ROLE_CHOICES.to_vec(),
        })
    }

    /// Saves the contact form: adds a contact (`id` `None`) from `edited`, or writes to
    /// contact `id` only what differs between `opened` and `edited`.
    pub(crate) fn save_contact_form(
        &mut self,
        id: Option<&str>,
        opened: &ContactValues,
        edited: &ContactValues,
    ) -> Result<()> {
        let fields = changed_fields(id.is_none(), opened, edited);
        match id {
            None => self.add_contact(&fields).map(|_| ()),
            Some(_) if fields == ContactFields::default() => Ok(()),
            Some(id) => self.edit_contact(id, &fields).map(|_| ()),
        }
    }
}
