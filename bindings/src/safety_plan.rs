//! The safety plan: seven sections in a fixed order, items the participant writes or links to
//! a contact, and the plan as plain text for a whole-plan editor.

use companion_core::{
    SafetyItem, SafetyItemFields, SafetyPlan, SafetyPlanDiffSummary as CoreDiff, SafetyPlanSection,
    SafetySection as CoreSection,
};

use crate::error::Result;
use crate::store::CompanionStore;

/// A section of the plan, in the plan's order (steps 1 to 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SafetySection {
    WarningSigns,
    CopingStrategies,
    Distractions,
    PeopleToAsk,
    Professionals,
    SafeEnvironment,
    ReasonsToLive,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyItemRecord {
    pub id: String,
    pub section: SafetySection,
    /// The participant's words; may be absent when the item links a contact.
    pub text: Option<String>,
    /// The linked contact's id, kept even when that contact was since removed.
    pub contact_id: Option<String>,
    /// The linked contact's name and phone as they are now; `None` once it was removed.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// What to show: the text, else the contact's name, else "(removed contact)".
    pub label: String,
    pub order: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyPlanSectionRecord {
    pub section: SafetySection,
    /// 1 to 7.
    pub number: u8,
    pub title: String,
    /// What goes here, to show while the section is empty.
    pub prompt: String,
    /// Whether its items may link a contact (sections 3, 4 and 5).
    pub allows_contacts: bool,
    pub items: Vec<SafetyItemRecord>,
}

/// Always all seven sections, in order, empty ones too.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyPlanRecord {
    pub sections: Vec<SafetyPlanSectionRecord>,
}

/// An item's content. Adding needs text or a contact; in an edit `None` leaves a field as it
/// is and an empty text removes it (as long as the other remains).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct SafetyItemInput {
    #[uniffi(default = None)]
    pub text: Option<String>,
    /// The id of a contact, program contact or crisis line to link (sections 3, 4 and 5).
    #[uniffi(default = None)]
    pub contact_id: Option<String>,
}

/// What applying the plan's text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SafetyPlanDiffSummary {
    pub added: u32,
    pub removed: u32,
    /// Items kept whose position changed.
    pub moved: u32,
    pub unchanged: u32,
    /// Whether anything was added, removed or moved.
    pub changed: bool,
}

impl From<CoreSection> for SafetySection {
    fn from(s: CoreSection) -> Self {
        match s {
            CoreSection::WarningSigns => SafetySection::WarningSigns,
            CoreSection::CopingStrategies => SafetySection::CopingStrategies,
            CoreSection::Distractions => SafetySection::Distractions,
            CoreSection::PeopleToAsk => SafetySection::PeopleToAsk,
            CoreSection::Professionals => SafetySection::Professionals,
            CoreSection::SafeEnvironment => SafetySection::SafeEnvironment,
            CoreSection::ReasonsToLive => SafetySection::ReasonsToLive,
        }
    }
}

impl From<SafetySection> for CoreSection {
    fn from(s: SafetySection) -> Self {
        match s {
            SafetySection::WarningSigns => CoreSection::WarningSigns,
            SafetySection::CopingStrategies => CoreSection::CopingStrategies,
            SafetySection::Distractions => CoreSection::Distractions,
            SafetySection::PeopleToAsk => CoreSection::PeopleToAsk,
            SafetySection::Professionals => CoreSection::Professionals,
            SafetySection::SafeEnvironment => CoreSection::SafeEnvironment,
            SafetySection::ReasonsToLive => CoreSection::ReasonsToLive,
        }
    }
}

impl From<SafetyItem> for SafetyItemRecord {
    fn from(i: SafetyItem) -> Self {
        SafetyItemRecord {
            id: i.id,
            section: i.section.into(),
            text: i.text,
            contact_id: i.contact_id,
            contact_name: i.contact_name,
            contact_phone: i.contact_phone,
            label: i.label,
            order: i.order,
        }
    }
}

impl From<SafetyPlanSection> for SafetyPlanSectionRecord {
    fn from(s: SafetyPlanSection) -> Self {
        SafetyPlanSectionRecord {
            section: s.section.into(),
            number: s.number,
            title: s.title,
            prompt: s.prompt,
            allows_contacts: s.allows_contacts,
            items: s.items.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<SafetyPlan> for SafetyPlanRecord {
    fn from(p: SafetyPlan) -> Self {
        SafetyPlanRecord {
            sections: p.sections.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<SafetyItemInput> for SafetyItemFields {
    fn from(i: SafetyItemInput) -> Self {
        SafetyItemFields {
            text: i.text,
            contact_id: i.contact_id,
        }
    }
}

impl From<CoreDiff> for SafetyPlanDiffSummary {
    fn from(d: CoreDiff) -> Self {
        SafetyPlanDiffSummary {
            added: d.added,
            removed: d.removed,
            moved: d.moved,
            unchanged: d.unchanged,
            changed: d.changed(),
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The whole plan: the seven sections in order, each with its items in order.
    pub fn safety_plan(&self) -> Result<SafetyPlanRecord> {
        Ok(self.read(|s| s.safety_plan())?.into())
    }

    pub fn safety_item(&self, id: String) -> Result<SafetyItemRecord> {
        Ok(self.read(|s| s.safety_item(&id))?.into())
    }

    /// Adds an item at the end of `section`.
    pub fn add_safety_item(
        &self,
        section: SafetySection,
        input: SafetyItemInput,
    ) -> Result<SafetyItemRecord> {
        let fields = input.into();
        Ok(self
            .write(|s| s.add_safety_item(section.into(), &fields))?
            .into())
    }

    /// Changes the fields `input` sets, and only those.
    pub fn edit_safety_item(&self, id: String, input: SafetyItemInput) -> Result<SafetyItemRecord> {
        let fields = input.into();
        Ok(self.write(|s| s.edit_safety_item(&id, &fields))?.into())
    }

    /// Moves an item to position `index` (from 0; past the end means last) of `section`, or
    /// of its own section when `None`.
    pub fn move_safety_item(
        &self,
        id: String,
        section: Option<SafetySection>,
        index: u32,
    ) -> Result<SafetyItemRecord> {
        Ok(self
            .write(|s| s.move_safety_item(&id, section.map(Into::into), index))?
            .into())
    }

    pub fn remove_safety_item(&self, id: String) -> Result<()> {
        self.write(|s| s.remove_safety_item(&id))
    }

    /// The plan as plain text for an editor: a `## N. Title` heading per section, a `- ` line
    /// per item. `apply_safety_plan_text` reads it back.
    pub fn safety_plan_text(&self) -> Result<String> {
        Ok(self.read(|s| s.safety_plan())?.to_text())
    }

    /// Makes the plan what `text` says, changing only what differs; on any error (which names
    /// the line) nothing changes.
    pub fn apply_safety_plan_text(&self, text: String) -> Result<SafetyPlanDiffSummary> {
        Ok(self.write(|s| s.apply_safety_plan_text(&text))?.into())
    }
}
