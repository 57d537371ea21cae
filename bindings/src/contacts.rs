//! Support contacts.

use companion_core::{Contact, ContactFields, ContactRole};

use crate::error::Result;
use crate::store::CompanionStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Role {
    Therapist,
    Counselor,
    Sponsor,
    Peer,
    Family,
    CaseManager,
    CrisisLine,
    Other,
}

impl From<ContactRole> for Role {
    fn from(r: ContactRole) -> Self {
        match r {
            ContactRole::Therapist => Role::Therapist,
            ContactRole::Counselor => Role::Counselor,
            ContactRole::Sponsor => Role::Sponsor,
            ContactRole::Peer => Role::Peer,
            ContactRole::Family => Role::Family,
            ContactRole::CaseManager => Role::CaseManager,
            ContactRole::CrisisLine => Role::CrisisLine,
            ContactRole::Other => Role::Other,
        }
    }
}

impl From<Role> for ContactRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Therapist => ContactRole::Therapist,
            Role::Counselor => ContactRole::Counselor,
            Role::Sponsor => ContactRole::Sponsor,
            Role::Peer => ContactRole::Peer,
            Role::Family => ContactRole::Family,
            Role::CaseManager => ContactRole::CaseManager,
            Role::CrisisLine => ContactRole::CrisisLine,
            Role::Other => ContactRole::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ContactRecord {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub favourite: bool,
    pub order: i64,
}

/// Fields to set; `None` leaves a field as it is, an empty text removes it. Adding needs a name.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ContactInput {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub role: Option<Role>,
    #[uniffi(default = None)]
    pub phone: Option<String>,
    #[uniffi(default = None)]
    pub sms: Option<String>,
    #[uniffi(default = None)]
    pub email: Option<String>,
    #[uniffi(default = None)]
    pub notes: Option<String>,
    #[uniffi(default = None)]
    pub favourite: Option<bool>,
    #[uniffi(default = None)]
    pub order: Option<i64>,
}

impl From<Contact> for ContactRecord {
    fn from(c: Contact) -> Self {
        ContactRecord {
            id: c.id,
            name: c.name,
            role: c.role.into(),
            phone: c.phone,
            sms: c.sms,
            email: c.email,
            notes: c.notes,
            favourite: c.favourite,
            order: c.order,
        }
    }
}

impl From<ContactInput> for ContactFields {
    fn from(i: ContactInput) -> Self {
        ContactFields {
            name: i.name,
            role: i.role.map(Into::into),
            phone: i.phone,
            sms: i.sms,
            email: i.email,
            notes: i.notes,
            favourite: i.favourite,
            order: i.order,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    pub fn add_contact(&self, input: ContactInput) -> Result<ContactRecord> {
        let fields = input.into();
        Ok(self.write(|s| s.add_contact(&fields))?.into())
    }

    pub fn edit_contact(&self, id: String, input: ContactInput) -> Result<ContactRecord> {
        let fields = input.into();
        Ok(self.write(|s| s.edit_contact(&id, &fields))?.into())
    }

    pub fn remove_contact(&self, id: String) -> Result<()> {
        self.write(|s| s.remove_contact(&id))
    }

    /// Favourites first, then the participant's order.
    pub fn contacts(&self) -> Result<Vec<ContactRecord>> {
        Ok(self
            .read(|s| s.contacts())?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}
