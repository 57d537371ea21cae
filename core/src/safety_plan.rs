//! The safety plan (Stanley & Brown): seven sections, in a fixed order, of short items the
//! participant writes ahead of a crisis: warning signs, what they can do alone, who and where
//! helps them take their mind off things, whom to ask for help, which professionals to call,
//! how to make their surroundings safe, and what they live for.
//!
//! Each item is a record of its own in the `safety_plan` root map, keyed by a random id, with
//! its section, text, linked contact and order as separate fields: two devices' additions
//! both survive, edits of different fields merge, a removal removes one item. The plan also
//! reads and writes as plain text ([`SafetyPlan::to_text`], [`Store::apply_safety_plan_text`]);
//! applying text changes only the items that differ, so another device's edits to the others
//! still merge.
//!
//! `safety_plan/order.rs` keeps items in the participant's order with few writes;
//! `safety_plan/text.rs` is the plan as text and what applying text changes.
//!
//! Only sections 3, 4 and 5 link contacts: they are the steps where the plan says to reach
//! someone (a friend who takes your mind off things, someone to ask for help, a professional
//! or crisis line), so a link there is a number to call. The other sections are the
//! participant's own signs, strategies, steps and reasons; a person can be named in their
//! text, but there is no one to call from them.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use automerge::{AutoCommit, ObjId};
use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::storage::doc::{self, Record, SAFETY_PLAN};
use crate::storage::store::Store;
use crate::validate::{self, SHORT_TEXT_MAX_CHARS};

mod order;
mod text;

use order::write_sequence;

/// The most items a section holds: a plan is read in a crisis, so it stays short.
pub const MAX_SAFETY_ITEMS: usize = 20;
/// The longest text [`Store::apply_safety_plan_text`] reads: seven full sections with room for
/// comments.
pub const MAX_SAFETY_PLAN_TEXT_BYTES: usize = 512 * 1024;
/// What an item shows for a linked contact that was removed and that has no text of its own.
pub const REMOVED_CONTACT_LABEL: &str = "(removed contact)";

/// Longest contact id accepted in a link (uuids, and ids such as `crisis:us-988`).
const CONTACT_ID_MAX_CHARS: usize = 100;
/// The gap left between the orders of items added at the end, so later insertions and moves
/// find room without renumbering the others.
const ORDER_STEP: i64 = 1024;
/// Orders stay within ± this, where a double (a JSON reader's number) holds them exactly.
const ORDER_LIMIT: i64 = 1 << 52;

/// A section of the safety plan, in the plan's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SafetySection {
    /// 1. Warning signs that a crisis may be building.
    WarningSigns,
    /// 2. Internal coping strategies: what the participant can do alone.
    CopingStrategies,
    /// 3. People and social settings that take their mind off things.
    Distractions,
    /// 4. People to ask for help.
    PeopleToAsk,
    /// 5. Professionals and agencies to contact in a crisis.
    Professionals,
    /// 6. Making the environment safe.
    SafeEnvironment,
    /// 7. Reasons to keep going.
    ReasonsToLive,
}

impl SafetySection {
    pub const ALL: [SafetySection; 7] = [
        SafetySection::WarningSigns,
        SafetySection::CopingStrategies,
        SafetySection::Distractions,
        SafetySection::PeopleToAsk,
        SafetySection::Professionals,
        SafetySection::SafeEnvironment,
        SafetySection::ReasonsToLive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SafetySection::WarningSigns => "warning-signs",
            SafetySection::CopingStrategies => "coping-strategies",
            SafetySection::Distractions => "distractions",
            SafetySection::PeopleToAsk => "people-to-ask",
            SafetySection::Professionals => "professionals",
            SafetySection::SafeEnvironment => "safe-environment",
            SafetySection::ReasonsToLive => "reasons-to-live",
        }
    }

    /// Its step in the plan, 1 to 7.
    pub fn number(self) -> u8 {
        match self {
            SafetySection::WarningSigns => 1,
            SafetySection::CopingStrategies => 2,
            SafetySection::Distractions => 3,
            SafetySection::PeopleToAsk => 4,
            SafetySection::Professionals => 5,
            SafetySection::SafeEnvironment => 6,
            SafetySection::ReasonsToLive => 7,
        }
    }

    pub fn from_number(n: u8) -> Option<SafetySection> {
        SafetySection::ALL.into_iter().find(|s| s.number() == n)
    }

    /// The heading shells show.
    pub fn title(self) -> &'static str {
        match self {
            SafetySection::WarningSigns => "Warning signs",
            SafetySection::CopingStrategies => "Internal coping strategies",
            SafetySection::Distractions => "People and social settings that distract me",
            SafetySection::PeopleToAsk => "People I can ask for help",
            SafetySection::Professionals => "Professionals and agencies to contact in a crisis",
            SafetySection::SafeEnvironment => "Making the environment safe",
            SafetySection::ReasonsToLive => "Reasons to keep going",
        }
    }

    /// A gentle prompt for what goes in the section, shown when it is empty.
    pub fn prompt(self) -> &'static str {
        match self {
            SafetySection::WarningSigns => {
                "Thoughts, moods, situations or behaviour that tell you a crisis may be building."
            }
            SafetySection::CopingStrategies => {
                "Things you can do on your own to take your mind off problems: a walk, music, a shower."
            }
            SafetySection::Distractions => {
                "People and places that take your mind off things: a friend to call, a café, a meeting."
            }
            SafetySection::PeopleToAsk => {
                "People you can tell that you are struggling and ask for help."
            }
            SafetySection::Professionals => {
                "Your counselor or therapist, your program's after-hours line, a crisis line."
            }
            SafetySection::SafeEnvironment => {
                "What to remove or lock away to keep yourself safe, and who can help with that."
            }
            SafetySection::ReasonsToLive => "What matters most to you and is worth living for.",
        }
    }

    /// Whether items of the section may link a contact (see the module's documentation).
    pub fn allows_contacts(self) -> bool {
        matches!(
            self,
            SafetySection::Distractions | SafetySection::PeopleToAsk | SafetySection::Professionals
        )
    }
}

impl fmt::Display for SafetySection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SafetySection {
    type Err = Error;
    /// A section's name (`people-to-ask`, `People to ask`, `people_to_ask`), its number (`4`)
    /// or its title.
    fn from_str(s: &str) -> Result<Self> {
        let loose = |s: &str| s.trim().to_lowercase().replace(['_', ' '], "-");
        let wanted = loose(s);
        SafetySection::ALL
            .into_iter()
            .find(|sec| {
                sec.as_str() == wanted
                    || sec.number().to_string() == wanted
                    || loose(sec.title()) == wanted
            })
            .ok_or_else(|| {
                Error::invalid(
                    "section",
                    "must be one of warning-signs, coping-strategies, distractions, people-to-ask, professionals, safe-environment, reasons-to-live (or 1 to 7)",
                )
            })
    }
}

/// The whole plan: always all seven sections, in order, empty ones too, so shells draw the
/// plan's structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyPlan {
    pub sections: Vec<SafetyPlanSection>,
}

/// One section of the plan and its items, in the participant's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyPlanSection {
    pub section: SafetySection,
    /// 1 to 7.
    pub number: u8,
    pub title: String,
    /// What goes here, for an empty section.
    pub prompt: String,
    /// Whether its items may link a contact.
    pub allows_contacts: bool,
    pub items: Vec<SafetyItem>,
}

/// One item of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyItem {
    pub id: String,
    pub section: SafetySection,
    /// The participant's words; may be absent when the item links a contact.
    pub text: Option<String>,
    /// The linked contact's id, kept even when that contact was since removed.
    pub contact_id: Option<String>,
    /// The linked contact's name and phone as they are now; `None` when it was removed.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// What to show as the item: its text, else the contact's name, else
    /// [`REMOVED_CONTACT_LABEL`].
    pub label: String,
    /// Position in its section, smallest first (ties: by id).
    pub order: i64,
}

/// An item's content. Adding needs text or a contact. In an edit every `None` leaves the
/// field as it is and an empty text removes it (as long as the other remains).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SafetyItemFields {
    pub text: Option<String>,
    /// The id of a contact to link (only in sections 3, 4 and 5).
    pub contact_id: Option<String>,
}

/// What [`Store::apply_safety_plan_text`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SafetyPlanDiffSummary {
    pub added: u32,
    pub removed: u32,
    /// Items kept whose position changed.
    pub moved: u32,
    /// Items left exactly as they were.
    pub unchanged: u32,
}

impl SafetyPlanDiffSummary {
    pub fn changed(&self) -> bool {
        self.added + self.removed + self.moved > 0
    }

    /// What a text edit did, as every shell says it.
    pub fn sentence(&self) -> String {
        if !self.changed() {
            return "No changes to the safety plan.".into();
        }
        format!(
            "Saved the safety plan: {} added, {} removed, {} moved, {} unchanged.",
            self.added, self.removed, self.moved, self.unchanged
        )
    }
}

/// Validated [`SafetyItemFields`]: `Some(None)` removes the field.
struct Clean {
    text: Option<Option<String>>,
    contact: Option<Option<String>>,
}

impl SafetyItemFields {
    fn validate(&self) -> Result<Clean> {
        Ok(Clean {
            text: self.text.as_deref().map(item_text).transpose()?,
            contact: self.contact_id.as_deref().map(contact_id).transpose()?,
        })
    }
}

fn item_text(value: &str) -> Result<Option<String>> {
    validate::optional_line("text", value, SHORT_TEXT_MAX_CHARS)
}

fn contact_id(value: &str) -> Result<Option<String>> {
    let id = validate::optional_line("contact", value, CONTACT_ID_MAX_CHARS)?;
    if id
        .as_deref()
        .is_some_and(|id| id.contains(char::is_whitespace))
    {
        return Err(Error::invalid("contact", "is not a contact id"));
    }
    Ok(id)
}

/// The rules an item's content follows in `section`, whichever way it is written.
fn check_item(section: SafetySection, text: Option<&str>, contact: Option<&str>) -> Result<()> {
    if text.is_none() && contact.is_none() {
        return Err(Error::invalid("text", "an item needs text or a contact"));
    }
    if contact.is_some() && !section.allows_contacts() {
        return Err(Error::invalid(
            "contact",
            "only items of sections 3, 4 and 5 (people and professionals) can link a contact",
        ));
    }
    Ok(())
}

fn section_full() -> Error {
    Error::invalid(
        "section",
        format!("holds at most {MAX_SAFETY_ITEMS} items; remove one first"),
    )
}

/// An item as stored, before its link is resolved.
#[derive(Debug, Clone)]
struct Stored {
    id: String,
    section: SafetySection,
    text: Option<String>,
    contact: Option<String>,
    order: i64,
}

/// An item, or `None` for one this version cannot show (a section from a newer app, or
/// nothing left to show after concurrent edits).
fn read(doc: &AutoCommit, id: &str, rec: &Record) -> Option<Stored> {
    let section = rec.str(doc, "section")?.parse().ok()?;
    let text = rec.str(doc, "text");
    let contact = rec.str(doc, "contact");
    if text.is_none() && contact.is_none() {
        return None;
    }
    Some(Stored {
        id: id.to_owned(),
        section,
        text,
        contact,
        order: rec.int(doc, "order").unwrap_or(0),
    })
}

/// Every item, by section, then order, then id.
fn all(doc: &AutoCommit, map: &ObjId) -> Result<Vec<Stored>> {
    let mut list: Vec<Stored> = doc::records(doc, map)?
        .iter()
        .filter_map(|(id, rec)| read(doc, id, rec))
        .collect();
    list.sort_by(|a, b| (a.section, a.order, &a.id).cmp(&(b.section, b.order, &b.id)));
    Ok(list)
}

fn in_section(doc: &AutoCommit, map: &ObjId, section: SafetySection) -> Result<Vec<Stored>> {
    Ok(all(doc, map)?
        .into_iter()
        .filter(|s| s.section == section)
        .collect())
}

fn get(doc: &AutoCommit, map: &ObjId, id: &str) -> Result<(Record, Stored)> {
    Record::get(doc, map, id)?
        .and_then(|rec| read(doc, id, &rec).map(|s| (rec, s)))
        .ok_or_else(|| Error::not_found(RecordKind::SafetyItem, id))
}

/// A new item's record.
fn create(
    doc: &mut AutoCommit,
    map: &ObjId,
    section: SafetySection,
    text: Option<&str>,
    contact: Option<&str>,
) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let rec = Record::create(doc, map, &id)?;
    rec.put(doc, "section", section.as_str())?;
    rec.put_opt_str(doc, "text", text)?;
    rec.put_opt_str(doc, "contact", contact)?;
    Ok(id)
}

/// What a link points at, for showing it.
pub(crate) struct LinkedContact {
    pub(crate) name: String,
    pub(crate) phone: Option<String>,
}

impl Store {
    /// The one place that says what an item's link points at: one of the participant's
    /// contacts, a contact their program publishes, or a crisis line (built in, whatever the
    /// region). A link to nothing is [`Error::NotFound`]: refused when a link is made, shown as
    /// a removed contact when it is read.
    pub(crate) fn resolve_link(&self, id: &str) -> Result<LinkedContact> {
        let region = self.region()?;
        if let Some((_, c)) = self.find_contact(id)? {
            return Ok(LinkedContact {
                name: c.name,
                phone: c.phone.map(|p| crate::support::phone::display(&p, region)),
            });
        }
        if let Some(line) = self.built_in_line(id, region, None) {
            let phone = line
                .actions
                .iter()
                .find_map(|a| a.uri.strip_prefix("tel:"))
                .map(str::to_owned);
            return Ok(LinkedContact {
                name: line.name,
                phone,
            });
        }
        Err(Error::not_found(RecordKind::Contact, id))
    }

    fn resolved(&self, s: Stored) -> Result<SafetyItem> {
        let link = match s.contact.as_deref().map(|id| self.resolve_link(id)) {
            None | Some(Err(Error::NotFound { .. })) => None,
            Some(Ok(link)) => Some(link),
            Some(Err(e)) => return Err(e),
        };
        let label = s
            .text
            .clone()
            .or_else(|| link.as_ref().map(|l| l.name.clone()))
            .unwrap_or_else(|| REMOVED_CONTACT_LABEL.to_owned());
        let (contact_name, contact_phone) = match link {
            Some(l) => (Some(l.name), l.phone),
            None => (None, None),
        };
        Ok(SafetyItem {
            id: s.id,
            section: s.section,
            text: s.text,
            contact_id: s.contact,
            contact_name,
            contact_phone,
            label,
            order: s.order,
        })
    }

    /// The whole plan: the seven sections in order, each with its items in order.
    pub fn safety_plan(&self) -> Result<SafetyPlan> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, SAFETY_PLAN)?;
        let mut sections: Vec<SafetyPlanSection> = SafetySection::ALL
            .into_iter()
            .map(|s| SafetyPlanSection {
                section: s,
                number: s.number(),
                title: s.title().to_owned(),
                prompt: s.prompt().to_owned(),
                allows_contacts: s.allows_contacts(),
                items: Vec::new(),
            })
            .collect();
        for stored in all(doc, &map)? {
            let item = self.resolved(stored)?;
            if let Some(s) = sections.iter_mut().find(|s| s.section == item.section) {
                s.items.push(item);
            }
        }
        Ok(SafetyPlan { sections })
    }

    pub fn safety_item(&self, id: &str) -> Result<SafetyItem> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, SAFETY_PLAN)?;
        let (_, stored) = get(doc, &map, id)?;
        self.resolved(stored)
    }

    /// Adds an item at the end of `section`. Returns it with its new id.
    pub fn add_safety_item(
        &mut self,
        section: SafetySection,
        fields: &SafetyItemFields,
    ) -> Result<SafetyItem> {
        let clean = fields.validate()?;
        let text = clean.text.flatten();
        let contact = clean.contact.flatten();
        check_item(section, text.as_deref(), contact.as_deref())?;
        if let Some(c) = &contact {
            self.resolve_link(c)?;
        }
        let id = self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            let current = in_section(doc, &map, section)?;
            if current.len() >= MAX_SAFETY_ITEMS {
                return Err(section_full());
            }
            let id = create(doc, &map, section, text.as_deref(), contact.as_deref())?;
            let mut sequence: Vec<(String, Option<i64>)> =
                current.into_iter().map(|s| (s.id, Some(s.order))).collect();
            sequence.push((id.clone(), None));
            write_sequence(doc, &map, &sequence)?;
            Ok(id)
        })?;
        self.safety_item(&id)
    }

    /// Changes the fields `fields` sets, and only those. A link is checked only when it
    /// changes, so an item whose contact was removed can still have its text edited.
    pub fn edit_safety_item(&mut self, id: &str, fields: &SafetyItemFields) -> Result<SafetyItem> {
        let clean = fields.validate()?;
        let before = self.safety_item(id)?;
        if let Some(Some(c)) = &clean.contact
            && before.contact_id.as_ref() != Some(c)
        {
            self.resolve_link(c)?;
        }
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            let (rec, now) = get(doc, &map, id)?;
            let text = clean.text.clone().unwrap_or(now.text);
            let contact = clean.contact.clone().unwrap_or(now.contact);
            check_item(now.section, text.as_deref(), contact.as_deref())?;
            if let Some(v) = &clean.text {
                rec.put_opt_str(doc, "text", v.as_deref())?;
            }
            if let Some(v) = &clean.contact {
                rec.put_opt_str(doc, "contact", v.as_deref())?;
            }
            Ok(())
        })?;
        self.safety_item(id)
    }

    /// Moves an item to position `index` (from 0; past the end means last) of `section`, or of
    /// its own section when `None`. Only the items whose order must change are written.
    pub fn move_safety_item(
        &mut self,
        id: &str,
        section: Option<SafetySection>,
        index: u32,
    ) -> Result<SafetyItem> {
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            let (rec, now) = get(doc, &map, id)?;
            let to = section.unwrap_or(now.section);
            let mut sequence: Vec<(String, Option<i64>)> = in_section(doc, &map, to)?
                .into_iter()
                .filter(|s| s.id != id)
                .map(|s| (s.id, Some(s.order)))
                .collect();
            if to != now.section {
                check_item(to, now.text.as_deref(), now.contact.as_deref())?;
                if sequence.len() >= MAX_SAFETY_ITEMS {
                    return Err(section_full());
                }
                rec.put(doc, "section", to.as_str())?;
            }
            let at = usize::try_from(index).map_or(sequence.len(), |i| i.min(sequence.len()));
            sequence.insert(at, (id.to_owned(), Some(now.order)));
            write_sequence(doc, &map, &sequence)?;
            Ok(())
        })?;
        self.safety_item(id)
    }

    pub fn remove_safety_item(&mut self, id: &str) -> Result<()> {
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            if Record::get(doc, &map, id)?.is_none() {
                return Err(Error::not_found(RecordKind::SafetyItem, id));
            }
            doc::remove(doc, &map, id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_loosely_and_print_canonically() {
        assert_eq!(
            "People to ask".parse::<SafetySection>().unwrap(),
            SafetySection::PeopleToAsk
        );
        assert_eq!(
            "reasons_to_live".parse::<SafetySection>().unwrap(),
            SafetySection::ReasonsToLive
        );
        assert_eq!(
            " 5 ".parse::<SafetySection>().unwrap(),
            SafetySection::Professionals
        );
        assert_eq!(
            "making the environment safe"
                .parse::<SafetySection>()
                .unwrap(),
            SafetySection::SafeEnvironment
        );
        for (i, s) in SafetySection::ALL.into_iter().enumerate() {
            assert_eq!(s.to_string().parse::<SafetySection>().unwrap(), s);
            assert_eq!(usize::from(s.number()), i + 1);
            assert_eq!(SafetySection::from_number(s.number()), Some(s));
        }
        assert!("8".parse::<SafetySection>().is_err());
        assert!("hobbies".parse::<SafetySection>().is_err());
    }
}
