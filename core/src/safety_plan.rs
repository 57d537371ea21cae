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

use crate::doc::{self, Record, SAFETY_PLAN};
use crate::error::{Error, RecordKind, Result};
use crate::store::Store;
use crate::validate::{self, SHORT_TEXT_MAX_CHARS};

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
                phone: c.phone.map(|p| crate::phone::display(&p, region)),
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

    /// Makes the plan what `text` (the format of [`SafetyPlan::to_text`]) says, changing only
    /// what differs, as one change: all of it or, on any error, nothing.
    ///
    /// Within each section whose heading appears, lines are matched to items by their text
    /// and link: a matched item is left as it is (moved if its line moved), a line with no
    /// item becomes a new item, an item with no line is removed. A section whose heading is
    /// missing is left as it is, so a deleted heading never empties a section by accident.
    /// Errors name the field and the line, never the text.
    pub fn apply_safety_plan_text(&mut self, text: &str) -> Result<SafetyPlanDiffSummary> {
        let wanted = parse(text)?;
        // Whether each linked id leads somewhere, asked before the change: a link is checked
        // where it is resolved, which reads the store.
        let mut link_ok: HashMap<&str, bool> = HashMap::new();
        for item in wanted.iter().flat_map(|s| &s.items) {
            if let Some(id) = item.contact.as_deref()
                && !link_ok.contains_key(id)
            {
                let ok = match self.resolve_link(id) {
                    Ok(_) => true,
                    Err(Error::NotFound { .. }) => false,
                    Err(e) => return Err(e),
                };
                link_ok.insert(id, ok);
            }
        }
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            let before = all(doc, &map)?;
            let mut summary = SafetyPlanDiffSummary::default();
            for section in &wanted {
                let current: Vec<&Stored> = before
                    .iter()
                    .filter(|s| s.section == section.section)
                    .collect();
                // A section may hold more than the cap after devices merged; it only may not grow.
                if section.items.len() > MAX_SAFETY_ITEMS && section.items.len() > current.len() {
                    return Err(at_line(
                        section.items[MAX_SAFETY_ITEMS].line,
                        section_full(),
                    ));
                }
                let mut used = vec![false; current.len()];
                let matched: Vec<Option<usize>> = section
                    .items
                    .iter()
                    .map(|w| {
                        let j = (0..current.len()).find(|&j| {
                            !used[j] && current[j].text == w.text && current[j].contact == w.contact
                        });
                        if let Some(j) = j {
                            used[j] = true;
                        }
                        j
                    })
                    .collect();
                for (w, m) in section.items.iter().zip(&matched) {
                    if let (None, Some(id)) = (m, w.contact.as_deref())
                        && !link_ok.get(id).copied().unwrap_or(false)
                    {
                        return Err(at_line(
                            w.line,
                            Error::invalid("contact", "no contact has that id"),
                        ));
                    }
                }
                for (c, used) in current.iter().zip(&used) {
                    if !used {
                        doc::remove(doc, &map, &c.id)?;
                        summary.removed += 1;
                    }
                }
                let mut sequence = Vec::with_capacity(section.items.len());
                for (w, m) in section.items.iter().zip(&matched) {
                    match m {
                        Some(j) => sequence.push((current[*j].id.clone(), Some(current[*j].order))),
                        None => {
                            let id = create(
                                doc,
                                &map,
                                section.section,
                                w.text.as_deref(),
                                w.contact.as_deref(),
                            )?;
                            sequence.push((id, None));
                            summary.added += 1;
                        }
                    }
                }
                summary.moved += write_sequence(doc, &map, &sequence)?;
            }
            summary.unchanged = u32::try_from(before.len())
                .unwrap_or(u32::MAX)
                .saturating_sub(summary.removed + summary.moved);
            Ok(summary)
        })
    }
}

/// Puts a section's items in the order of `sequence` (each id with its current order, `None`
/// for a new item), writing only the orders that must change. Returns how many existing items
/// got a new one.
fn write_sequence(
    doc: &mut AutoCommit,
    map: &ObjId,
    sequence: &[(String, Option<i64>)],
) -> Result<u32> {
    let current: Vec<Option<i64>> = sequence.iter().map(|(_, o)| *o).collect();
    let mut moved = 0;
    for ((id, old), new) in sequence.iter().zip(place(&current)) {
        if *old != Some(new) {
            let rec = Record::get(doc, map, id)?
                .ok_or_else(|| Error::not_found(RecordKind::SafetyItem, id.as_str()))?;
            rec.put(doc, "order", new)?;
            if old.is_some() {
                moved += 1;
            }
        }
    }
    Ok(moved)
}

/// Orders that put items in the wanted sequence, given their current orders (`None`: new).
/// The longest run of items already in increasing order keeps its orders, so a move or an
/// insertion rewrites only what moved; the others get orders in the gaps between, or, when a
/// gap is too narrow, the whole section is renumbered.
fn place(current: &[Option<i64>]) -> Vec<i64> {
    let kept: Vec<Option<i64>> = increasing_run(current)
        .into_iter()
        .zip(current)
        .map(|(keep, order)| order.filter(|_| keep))
        .collect();
    let mut out = Vec::with_capacity(current.len());
    let mut lower = None;
    let mut i = 0;
    while i < kept.len() {
        if let Some(order) = kept[i] {
            out.push(order);
            lower = Some(order);
            i += 1;
            continue;
        }
        let start = i;
        while i < kept.len() && kept[i].is_none() {
            i += 1;
        }
        let upper = kept.get(i).copied().flatten();
        match between(lower, upper, i - start) {
            Some(orders) => out.extend(orders),
            None => return (1..=current.len() as i64).map(|n| n * ORDER_STEP).collect(),
        }
    }
    out
}

/// `k` increasing orders strictly between `lower` and `upper` (open ends leave [`ORDER_STEP`]
/// between items), or `None` when there is no room.
fn between(lower: Option<i64>, upper: Option<i64>, k: usize) -> Option<Vec<i64>> {
    let k = k as i128;
    let step = i128::from(ORDER_STEP);
    let (lo, hi) = match (lower.map(i128::from), upper.map(i128::from)) {
        (None, None) => (0, (k + 1) * step),
        (Some(lo), None) => (lo, lo + (k + 1) * step),
        (None, Some(hi)) => (hi - (k + 1) * step, hi),
        (Some(lo), Some(hi)) => (lo, hi),
    };
    let lo = lo.max(-i128::from(ORDER_LIMIT));
    let hi = hi.min(i128::from(ORDER_LIMIT));
    let gap = (hi - lo) / (k + 1);
    if gap < 1 {
        return None;
    }
    (1..=k).map(|j| i64::try_from(lo + gap * j).ok()).collect()
}

/// Which entries form a longest strictly increasing run of the present orders.
fn increasing_run(orders: &[Option<i64>]) -> Vec<bool> {
    // tails[n]: the entry ending the increasing run of length n + 1 with the smallest end.
    let mut tails: Vec<(usize, i64)> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; orders.len()];
    for (i, order) in orders.iter().enumerate() {
        let Some(order) = *order else { continue };
        let at = tails.partition_point(|&(_, o)| o < order);
        if at > 0 {
            prev[i] = Some(tails[at - 1].0);
        }
        if at == tails.len() {
            tails.push((i, order));
        } else {
            tails[at] = (i, order);
        }
    }
    let mut keep = vec![false; orders.len()];
    let mut at = tails.last().map(|&(i, _)| i);
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

// The plan as text.

const TEXT_HEADER: &str = "\
# Safety plan
#
# Under each section's heading, one line per item, starting with \"- \". Change a line's
# words, add lines, delete lines or move them. Keep the \"##\" headings: a section whose
# heading is missing is left as it is. Lines starting with a single \"#\" are ignored.
#
# In sections 3, 4 and 5 an item can link one of your contacts: \"- @ID\", then words of
# your own if you like. The [name] after an id is a reminder for you and is not read.
# Words that start with @ are written \"- \\@...\".
";

impl SafetyPlan {
    /// The plan as plain text, for an editor: a heading per section, a `- ` line per item.
    /// [`Store::apply_safety_plan_text`] reads it back; unchanged, it changes nothing.
    pub fn to_text(&self) -> String {
        let mut out = String::from(TEXT_HEADER);
        for s in &self.sections {
            out += &format!("\n## {}. {}\n# {}\n", s.number, s.title, s.prompt);
            for item in &s.items {
                out += &item_line(item);
            }
        }
        out
    }
}

fn item_line(item: &SafetyItem) -> String {
    let mut line = String::from("- ");
    if let Some(id) = &item.contact_id {
        let reminder = match (&item.contact_name, &item.contact_phone) {
            (Some(name), Some(phone)) => format!("{name} · {phone}"),
            (Some(name), None) => name.clone(),
            _ => "removed contact".to_owned(),
        };
        // The reminder ends at the first ']', so it may hold none.
        let reminder = reminder.replace('[', "(").replace(']', ")");
        line += &format!("@{id} [{reminder}]");
        if let Some(text) = &item.text {
            line.push(' ');
            line += text;
        }
    } else if let Some(text) = &item.text {
        // A text that starts like a link (or like this escape) is escaped with a backslash.
        if text.starts_with(['@', '\\']) {
            line.push('\\');
        }
        line += text;
    }
    line.push('\n');
    line
}

struct WantedSection {
    section: SafetySection,
    items: Vec<WantedItem>,
}

struct WantedItem {
    line: usize,
    text: Option<String>,
    contact: Option<String>,
}

/// Adds the line number to an input error.
fn at_line(line: usize, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, reason } => Error::InvalidInput {
            field,
            reason: format!("{reason} (line {line})"),
        },
        other => other,
    }
}

/// Reads the text format: checks every line, touches nothing.
fn parse(text: &str) -> Result<Vec<WantedSection>> {
    if text.len() > MAX_SAFETY_PLAN_TEXT_BYTES {
        return Err(Error::invalid(
            "safety plan",
            format!("longer than {MAX_SAFETY_PLAN_TEXT_BYTES} bytes"),
        ));
    }
    let mut out: Vec<WantedSection> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("##") {
            let section = heading(rest.trim_start_matches('#')).map_err(|e| at_line(n, e))?;
            if out.iter().any(|s| s.section == section) {
                return Err(at_line(
                    n,
                    Error::invalid("section", "has a second heading"),
                ));
            }
            out.push(WantedSection {
                section,
                items: Vec::new(),
            });
        } else if line.starts_with('#') {
            continue;
        } else if let Some(rest) = line.strip_prefix('-') {
            let Some(current) = out.last_mut() else {
                return Err(at_line(
                    n,
                    Error::invalid("safety plan", "an item comes before the first heading"),
                ));
            };
            if let Some((text, contact)) = item(current.section, rest).map_err(|e| at_line(n, e))? {
                current.items.push(WantedItem {
                    line: n,
                    text,
                    contact,
                });
            }
        } else {
            return Err(at_line(
                n,
                Error::invalid(
                    "safety plan",
                    "expected a \"## \" heading, a \"- \" item or a \"#\" comment",
                ),
            ));
        }
    }
    Ok(out)
}

/// A heading's section: by its number (`## 4. …`), else by its name or title.
fn heading(rest: &str) -> Result<SafetySection> {
    let rest = rest.trim();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return rest.parse();
    }
    digits
        .parse::<u8>()
        .ok()
        .and_then(SafetySection::from_number)
        .ok_or_else(|| Error::invalid("section", "must be numbered 1 to 7"))
}

type ItemContent = (Option<String>, Option<String>);

/// An item line's text and link after its `-`; `None` for a blank item.
fn item(section: SafetySection, rest: &str) -> Result<Option<ItemContent>> {
    let rest = rest.trim();
    let (text, contact) = match rest.strip_prefix('@') {
        Some(link) => {
            let (id, after) = link.split_once(char::is_whitespace).unwrap_or((link, ""));
            let id =
                contact_id(id)?.ok_or_else(|| Error::invalid("contact", "an @ needs an id"))?;
            let after = after.trim_start();
            let text = match after.strip_prefix('[') {
                Some(reminder) => match reminder.split_once(']') {
                    Some((_, text)) => text,
                    None => {
                        return Err(Error::invalid(
                            "text",
                            "a [name] after a contact id has no closing ]",
                        ));
                    }
                },
                None => after,
            };
            (item_text(text)?, Some(id))
        }
        None => (item_text(rest.strip_prefix('\\').unwrap_or(rest))?, None),
    };
    if text.is_none() && contact.is_none() {
        return Ok(None);
    }
    check_item(section, text.as_deref(), contact.as_deref())?;
    Ok(Some((text, contact)))
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

    #[test]
    fn placing_keeps_what_is_already_in_order() {
        // Appending writes only the new item.
        assert_eq!(place(&[Some(1024), Some(2048), None]), [1024, 2048, 3072]);
        // Inserting at the top or between leaves the others.
        assert_eq!(place(&[None, Some(1024), Some(2048)]), [0, 1024, 2048]);
        assert_eq!(place(&[Some(1024), None, Some(2048)]), [1024, 1536, 2048]);
        // Moving the last item first rewrites only it.
        assert_eq!(
            place(&[Some(3072), Some(1024), Some(2048)]),
            [0, 1024, 2048]
        );
        // No room between neighbours: the section is renumbered.
        assert_eq!(place(&[Some(1), None, Some(2)]), [1024, 2048, 3072]);
        // Ties (two devices appended at once) are told apart.
        let tie = place(&[Some(2048), Some(2048)]);
        assert!(tie[0] < tie[1]);
        assert_eq!(place(&[]), Vec::<i64>::new());
        // Orders outside the kept range, from elsewhere, are brought back into it.
        let far = place(&[Some(i64::MAX), None]);
        assert!(far[0] < far[1] && far[1] <= ORDER_LIMIT);
    }

    #[test]
    fn increasing_runs_are_longest() {
        let keep = increasing_run(&[Some(5), Some(1), Some(2), None, Some(9), Some(3)]);
        assert_eq!(keep, [false, true, true, false, false, true]);
    }
}
