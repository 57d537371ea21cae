//! Support contacts: the people and services a participant reaches out to.

use std::fmt;
use std::str::FromStr;

use automerge::AutoCommit;
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::storage::doc::{self, CONTACTS, Record};
use crate::storage::store::Store;
use crate::support::phone::{self, Region};
use crate::validate::{self, NAME_MAX_CHARS};

/// The largest position a contact may be given in the list (either sign).
pub const MAX_ORDER: i64 = 1_000_000;

/// Who a contact is to the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactRole {
    Therapist,
    Counselor,
    Sponsor,
    Peer,
    Family,
    CaseManager,
    CrisisLine,
    Other,
}

impl ContactRole {
    pub const ALL: [ContactRole; 8] = [
        ContactRole::Therapist,
        ContactRole::Counselor,
        ContactRole::Sponsor,
        ContactRole::Peer,
        ContactRole::Family,
        ContactRole::CaseManager,
        ContactRole::CrisisLine,
        ContactRole::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContactRole::Therapist => "therapist",
            ContactRole::Counselor => "counselor",
            ContactRole::Sponsor => "sponsor",
            ContactRole::Peer => "peer",
            ContactRole::Family => "family",
            ContactRole::CaseManager => "case-manager",
            ContactRole::CrisisLine => "crisis-line",
            ContactRole::Other => "other",
        }
    }
}

impl fmt::Display for ContactRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ContactRole {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_lowercase().replace(['_', ' '], "-");
        ContactRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "role",
                    "must be one of therapist, counselor, sponsor, peer, family, case-manager, crisis-line, other",
                )
            })
    }
}

/// A support contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub role: ContactRole,
    pub phone: Option<String>,
    /// Where texts go, when not the phone number.
    pub sms: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub favourite: bool,
    /// Position in the participant's list, smallest first.
    pub order: i64,
}

/// Fields to set on a contact. Every `None` leaves the field as it is; an empty text removes
/// an optional field. Adding a contact needs `name`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactFields {
    pub name: Option<String>,
    pub role: Option<ContactRole>,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub favourite: Option<bool>,
    pub order: Option<i64>,
}

struct Clean {
    name: Option<String>,
    role: Option<ContactRole>,
    phone: Option<Option<String>>,
    sms: Option<Option<String>>,
    email: Option<Option<String>>,
    notes: Option<Option<String>>,
    favourite: Option<bool>,
    order: Option<i64>,
}

impl ContactFields {
    /// Checks every field given; phone numbers are read in `region` (E.164 when it is known).
    fn validate(&self, region: Option<Region>) -> Result<Clean> {
        let opt = |v: &Option<String>,
                   f: fn(&'static str, &str) -> Result<Option<String>>,
                   field| { v.as_deref().map(|s| f(field, s)).transpose() };
        Ok(Clean {
            name: self
                .name
                .as_deref()
                .map(|n| validate::required_line("name", n, NAME_MAX_CHARS))
                .transpose()?,
            role: self.role,
            phone: number(&self.phone, "phone", region)?,
            sms: number(&self.sms, "sms", region)?,
            email: opt(&self.email, validate::email, "email")?,
            notes: opt(&self.notes, validate::note, "notes")?,
            favourite: self.favourite,
            order: self
                .order
                .map(|o| {
                    if (-MAX_ORDER..=MAX_ORDER).contains(&o) {
                        Ok(o)
                    } else {
                        Err(Error::invalid(
                            "order",
                            format!("must be from -{MAX_ORDER} to {MAX_ORDER}"),
                        ))
                    }
                })
                .transpose()?,
        })
    }
}

fn number(
    value: &Option<String>,
    field: &'static str,
    region: Option<Region>,
) -> Result<Option<Option<String>>> {
    value
        .as_deref()
        .map(|v| phone::normalize(field, v, region))
        .transpose()
}

fn read(doc: &AutoCommit, id: &str, rec: &Record) -> Option<Contact> {
    Some(Contact {
        id: id.to_owned(),
        name: rec.str(doc, "name")?,
        role: rec
            .str(doc, "role")
            .and_then(|r| r.parse().ok())
            .unwrap_or(ContactRole::Other),
        phone: rec.str(doc, "phone"),
        sms: rec.str(doc, "sms"),
        email: rec.str(doc, "email"),
        notes: rec.str(doc, "notes"),
        favourite: rec.bool(doc, "favourite").unwrap_or(false),
        order: rec.int(doc, "order").unwrap_or(0),
    })
}

fn write(doc: &mut AutoCommit, rec: &Record, c: &Clean) -> Result<()> {
    if let Some(v) = &c.name {
        rec.put(doc, "name", v.as_str())?;
    }
    if let Some(v) = c.role {
        rec.put(doc, "role", v.as_str())?;
    }
    for (field, value) in [
        ("phone", &c.phone),
        ("sms", &c.sms),
        ("email", &c.email),
        ("notes", &c.notes),
    ] {
        if let Some(v) = value {
            rec.put_opt_str(doc, field, v.as_deref())?;
        }
    }
    if let Some(v) = c.favourite {
        rec.put(doc, "favourite", v)?;
    }
    if let Some(v) = c.order {
        rec.put(doc, "order", v)?;
    }
    Ok(())
}

impl Store {
    /// Adds a contact at the end of the list. Returns it with its new id.
    pub fn add_contact(&mut self, fields: &ContactFields) -> Result<Contact> {
        let mut clean = fields.validate(self.region()?)?;
        if clean.name.is_none() {
            return Err(Error::invalid("name", "must not be empty"));
        }
        clean.role.get_or_insert(ContactRole::Other);
        let id = uuid::Uuid::new_v4().to_string();
        self.durable.change(|doc| {
            let map = doc::root_map(doc, CONTACTS)?;
            if clean.order.is_none() {
                let last = all(doc)?.iter().map(|c| c.order).max().unwrap_or(0);
                clean.order = Some(last.saturating_add(1).min(MAX_ORDER));
            }
            let rec = Record::create(doc, &map, &id)?;
            write(doc, &rec, &clean)?;
            read(doc, &id, &rec).ok_or_else(|| Error::Corrupted("a contact is incomplete".into()))
        })
    }

    /// Changes the fields `fields` sets, and only those.
    pub fn edit_contact(&mut self, id: &str, fields: &ContactFields) -> Result<Contact> {
        self.check_own_contact(id)?;
        let clean = fields.validate(self.region()?)?;
        self.durable.change(|doc| {
            let map = doc::root_map(doc, CONTACTS)?;
            let rec = Record::get(doc, &map, id)?
                .ok_or_else(|| Error::not_found(RecordKind::Contact, id))?;
            write(doc, &rec, &clean)?;
            read(doc, id, &rec).ok_or_else(|| Error::Corrupted("a contact is incomplete".into()))
        })
    }

    pub fn remove_contact(&mut self, id: &str) -> Result<()> {
        self.check_own_contact(id)?;
        self.durable.change(|doc| {
            let map = doc::root_map(doc, CONTACTS)?;
            if Record::get(doc, &map, id)?.is_none() {
                return Err(Error::not_found(RecordKind::Contact, id));
            }
            doc::remove(doc, &map, id)
        })
    }

    pub fn contact(&self, id: &str) -> Result<Contact> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, CONTACTS)?;
        Record::get(doc, &map, id)?
            .and_then(|rec| read(doc, id, &rec))
            .ok_or_else(|| Error::not_found(RecordKind::Contact, id))
    }

    /// The contacts the participant's programs publish (an after-hours line, the front desk),
    /// with the program's id. Read-only to the participant.
    pub(crate) fn program_contacts(&self) -> Result<Vec<(String, Contact)>> {
        let mut out = Vec::new();
        for program in &self.programs {
            let id = program.id.to_string();
            let mut list = all(program.durable.doc())?;
            list.sort_by(|a, b| (a.order, &a.name, &a.id).cmp(&(b.order, &b.name, &b.id)));
            out.extend(list.into_iter().map(|c| (id.clone(), c)));
        }
        Ok(out)
    }

    /// The contact `id`, the participant's own or one a program publishes (with that
    /// program's id): one lookup per document, nothing else read.
    pub(crate) fn find_contact(&self, id: &str) -> Result<Option<(Option<String>, Contact)>> {
        match self.contact(id) {
            Ok(c) => return Ok(Some((None, c))),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        for program in &self.programs {
            let doc = program.durable.doc();
            let map = doc::root_map(doc, CONTACTS)?;
            if let Some(c) = Record::get(doc, &map, id)?.and_then(|rec| read(doc, id, &rec)) {
                return Ok(Some((Some(program.id.to_string()), c)));
            }
        }
        Ok(None)
    }

    /// Refuses a change to a built-in crisis line or to a program's contact, each with its
    /// reason (an unknown id is left for the caller's own "not found").
    pub(crate) fn check_own_contact(&self, id: &str) -> Result<()> {
        self.check_not_built_in(id)?;
        if let Some((Some(_), _)) = self.find_contact(id)? {
            return Err(Error::program_owned(RecordKind::Contact, id));
        }
        Ok(())
    }

    /// Every contact, favourites first, then by the participant's order, then by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        // Kept until the participant's document changes (see `storage/cache.rs`).
        let list = self.cache.get(vec![self.durable.version()], || {
            let mut list = all(self.durable.doc())?;
            list.sort_by(|a, b| {
                (!a.favourite, a.order, &a.name, &a.id).cmp(&(
                    !b.favourite,
                    b.order,
                    &b.name,
                    &b.id,
                ))
            });
            Ok(list)
        })?;
        Ok(list.as_ref().clone())
    }
}

fn all(doc: &AutoCommit) -> Result<Vec<Contact>> {
    let map = doc::root_map(doc, CONTACTS)?;
    Ok(doc::records(doc, &map)?
        .iter()
        .filter_map(|(id, rec)| read(doc, id, rec))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_loosely_and_print_canonically() {
        assert_eq!(
            "Case Manager".parse::<ContactRole>().unwrap(),
            ContactRole::CaseManager
        );
        assert_eq!(
            "crisis_line".parse::<ContactRole>().unwrap(),
            ContactRole::CrisisLine
        );
        for r in ContactRole::ALL {
            assert_eq!(r.to_string().parse::<ContactRole>().unwrap(), r);
        }
        assert!("boss".parse::<ContactRole>().is_err());
    }
}
