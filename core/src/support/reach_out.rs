//! The "reach out" list the shells show when a participant asks for help: crisis lines
//! first, then favourites, then everyone else by role, each with its actions.

use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::storage::store::Store;
use crate::support::actions::{ContactAction, clean_message, contact_actions};
use crate::support::contact::{Contact, ContactRole};
use crate::support::crisis::CrisisLine;
use crate::support::phone::Region;

/// A person or service in the "reach out" list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachOutContact {
    pub id: String,
    pub name: String,
    pub role: ContactRole,
    pub favourite: bool,
    /// The program that publishes this contact (read-only to the participant), if any.
    pub program_id: Option<String>,
    /// Empty when the contact has no number or address yet.
    pub actions: Vec<ContactAction>,
    /// Whether the participant may edit, star or remove it (not a program's).
    pub can_edit: bool,
}

/// Who to reach, in the order to offer them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachOut {
    /// Always first, and never empty: see [`Store::crisis_lines`].
    pub crisis_lines: Vec<CrisisLine>,
    /// The participant's favourites, in their own order.
    pub favourites: Vec<ReachOutContact>,
    /// Everyone else, by role (therapist, counselor, sponsor, peer, family, case manager,
    /// other), then the participant's order, then name; the programs' contacts among them.
    pub others: Vec<ReachOutContact>,
}

fn entry(
    c: Contact,
    program_id: Option<String>,
    region: Option<Region>,
    m: Option<&str>,
) -> ReachOutContact {
    ReachOutContact {
        actions: contact_actions(&c, region, m),
        id: c.id,
        name: c.name,
        role: c.role,
        favourite: c.favourite,
        can_edit: program_id.is_none(),
        program_id,
    }
}

impl Store {
    /// The "reach out" list: crisis lines, then favourites, then the rest by role. `message`
    /// is prefilled in every text to a person (services that route by keyword keep theirs).
    pub fn reach_out(&self, message: Option<&str>) -> Result<ReachOut> {
        let message = clean_message(message)?;
        let m = message.as_deref();
        let region = self.region()?;
        let crisis_lines = self.crisis_lines_with(region, m)?;
        let mut favourites = Vec::new();
        let mut others = Vec::new();
        let mine = self.contacts()?.into_iter().map(|c| (None, c));
        let programs = self
            .program_contacts()?
            .into_iter()
            .map(|(p, c)| (Some(p), c));
        for (program_id, c) in mine.chain(programs) {
            if c.role == ContactRole::CrisisLine {
                continue;
            }
            if c.favourite && program_id.is_none() {
                favourites.push(entry(c, program_id, region, m));
            } else {
                others.push((c.order, entry(c, program_id, region, m)));
            }
        }
        others.sort_by(|(ao, a), (bo, b)| {
            (a.role, a.program_id.is_some(), ao, &a.name, &a.id).cmp(&(
                b.role,
                b.program_id.is_some(),
                bo,
                &b.name,
                &b.id,
            ))
        });
        Ok(ReachOut {
            crisis_lines,
            favourites,
            others: others.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// The actions for one contact, program contact or crisis line (`crisis:…`), with
    /// `message` prefilled in texts.
    pub fn contact_actions(&self, id: &str, message: Option<&str>) -> Result<Vec<ContactAction>> {
        let message = clean_message(message)?;
        let m = message.as_deref();
        let region = self.region()?;
        if let Some(line) = self.built_in_line(id, region, m) {
            return Ok(line.actions);
        }
        // A saved crisis line (the participant's or a program's) acts like any contact.
        let (_, contact) = self
            .find_contact(id)?
            .ok_or_else(|| Error::not_found(RecordKind::Contact, id))?;
        Ok(contact_actions(&contact, region, m))
    }
}
