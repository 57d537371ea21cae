//! The safety plan screen and every change it makes.

use companion_core::{
    LinkableContact, SafetyItemView, SafetyPlanAction as Core, SafetyPlanResult, SafetyPlanScreen,
    SafetySectionView,
};

use crate::contacts::Role;
use crate::error::Result;
use crate::safety_plan::{SafetyItemInput, SafetyPlanDiffSummary, SafetySection};
use crate::screens::views::all;
use crate::store::CompanionStore;
use crate::support::ContactActionRecord;

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyItemViewRecord {
    pub id: String,
    pub label: String,
    pub text: Option<String>,
    pub contact_id: Option<String>,
    pub contact_phone: Option<String>,
    pub actions: Vec<ContactActionRecord>,
    pub index: u32,
    pub can_move_up: bool,
    pub can_move_down: bool,
    pub move_targets: Vec<SafetySection>,
    /// The same as a menu's entries ("Move to 3. People and social settings").
    pub move_choices: Vec<SafetyMoveChoiceRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyMoveChoiceRecord {
    pub section: SafetySection,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetySectionViewRecord {
    pub section: SafetySection,
    pub number: u8,
    pub title: String,
    /// "1. Warning signs".
    pub heading: String,
    pub prompt: String,
    pub allows_contacts: bool,
    pub can_add: bool,
    pub items: Vec<SafetyItemViewRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LinkableContactRecord {
    pub id: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyPlanScreenRecord {
    pub sections: Vec<SafetySectionViewRecord>,
    /// The whole plan as text, for editing it in one go (`ApplyText`).
    pub text: String,
    pub linkable: Vec<LinkableContactRecord>,
    pub max_items_per_section: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafetyPlanResultRecord {
    pub screen: SafetyPlanScreenRecord,
    /// For `ApplyText`: what the text changed, and in words.
    pub text_change: Option<SafetyPlanDiffSummary>,
    pub text_change_summary: Option<String>,
}

/// Every change the safety plan screen makes.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum SafetyPlanAction {
    Add {
        section: SafetySection,
        input: SafetyItemInput,
    },
    Edit {
        id: String,
        input: SafetyItemInput,
    },
    MoveUp {
        id: String,
    },
    MoveDown {
        id: String,
    },
    /// To the end of another section (one of the item's `move_targets`).
    MoveTo {
        id: String,
        section: SafetySection,
    },
    Remove {
        id: String,
    },
    /// The whole plan as text (`safetyPlanText()`), applied all or nothing.
    ApplyText {
        text: String,
    },
}

impl From<SafetyPlanAction> for Core {
    fn from(a: SafetyPlanAction) -> Self {
        match a {
            SafetyPlanAction::Add { section, input } => Core::Add {
                section: section.into(),
                fields: input.into(),
            },
            SafetyPlanAction::Edit { id, input } => Core::Edit {
                id,
                fields: input.into(),
            },
            SafetyPlanAction::MoveUp { id } => Core::MoveUp { id },
            SafetyPlanAction::MoveDown { id } => Core::MoveDown { id },
            SafetyPlanAction::MoveTo { id, section } => Core::MoveTo {
                id,
                section: section.into(),
            },
            SafetyPlanAction::Remove { id } => Core::Remove { id },
            SafetyPlanAction::ApplyText { text } => Core::ApplyText { text },
        }
    }
}

impl From<SafetyItemView> for SafetyItemViewRecord {
    fn from(i: SafetyItemView) -> Self {
        SafetyItemViewRecord {
            id: i.id,
            label: i.label,
            text: i.text,
            contact_id: i.contact_id,
            contact_phone: i.contact_phone,
            actions: all(i.actions),
            index: i.index,
            can_move_up: i.can_move_up,
            can_move_down: i.can_move_down,
            move_targets: all(i.move_targets),
            move_choices: i
                .move_choices
                .into_iter()
                .map(|c| SafetyMoveChoiceRecord {
                    section: c.section.into(),
                    label: c.label,
                })
                .collect(),
        }
    }
}

impl From<SafetySectionView> for SafetySectionViewRecord {
    fn from(s: SafetySectionView) -> Self {
        SafetySectionViewRecord {
            section: s.section.into(),
            number: s.number,
            title: s.title,
            heading: s.heading,
            prompt: s.prompt,
            allows_contacts: s.allows_contacts,
            can_add: s.can_add,
            items: all(s.items),
        }
    }
}

impl From<SafetyPlanScreen> for SafetyPlanScreenRecord {
    fn from(s: SafetyPlanScreen) -> Self {
        SafetyPlanScreenRecord {
            sections: all(s.sections),
            text: s.text,
            linkable: s
                .linkable
                .into_iter()
                .map(|l: LinkableContact| LinkableContactRecord {
                    id: l.id,
                    name: l.name,
                    role: l.role.into(),
                })
                .collect(),
            max_items_per_section: s.max_items_per_section,
        }
    }
}

impl From<SafetyPlanResult> for SafetyPlanResultRecord {
    fn from(r: SafetyPlanResult) -> Self {
        SafetyPlanResultRecord {
            screen: r.screen.into(),
            text_change: r.text_change.map(Into::into),
            text_change_summary: r.text_change_summary,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    pub fn safety_plan_screen(&self) -> Result<SafetyPlanScreenRecord> {
        Ok(self.read(|s| s.safety_plan_screen())?.into())
    }

    /// One change to the plan; returns the screen after it. On an error nothing changed.
    pub fn safety_plan_act(&self, action: SafetyPlanAction) -> Result<SafetyPlanResultRecord> {
        let action = action.into();
        Ok(self.write(|s| s.safety_plan_act(action))?.into())
    }
}
