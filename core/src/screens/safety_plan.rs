//! The safety plan screen: all seven sections in order, each item with what it shows, where it
//! may move and, for a linked contact, its actions; the contacts an item may link; the plan as
//! text to edit whole. Every change goes through [`Store::safety_plan_act`].

use serde::Serialize;

use crate::error::Result;
use crate::safety_plan::{
    MAX_SAFETY_ITEMS, SafetyItemFields, SafetyPlanDiffSummary, SafetySection,
};
use crate::storage::store::Store;
use crate::support::actions::ContactAction;
use crate::support::contact::ContactRole;

/// One item as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyItemView {
    pub id: String,
    /// What to show: the participant's words, else the linked contact's name.
    pub label: String,
    pub text: Option<String>,
    pub contact_id: Option<String>,
    pub contact_phone: Option<String>,
    /// Calls, texts… for a linked contact that still exists.
    pub actions: Vec<ContactAction>,
    /// Its position in the section, from 0.
    pub index: u32,
    pub can_move_up: bool,
    pub can_move_down: bool,
    /// The other sections it may move to (a linked contact only where links are allowed).
    pub move_targets: Vec<SafetySection>,
    /// The same, as a menu's entries ("Move to 3. People and social settings").
    pub move_choices: Vec<SafetyMoveChoice>,
}

/// One entry of an item's "move to" menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SafetyMoveChoice {
    pub section: SafetySection,
    pub label: String,
}

/// One section as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetySectionView {
    pub section: SafetySection,
    /// 1 to 7.
    pub number: u8,
    pub title: String,
    /// "1. Warning signs": the number and title as the screen heads the section.
    pub heading: String,
    /// What goes here, shown while it is empty.
    pub prompt: String,
    pub allows_contacts: bool,
    /// Whether another item fits ([`MAX_SAFETY_ITEMS`] per section).
    pub can_add: bool,
    pub items: Vec<SafetyItemView>,
}

/// A contact an item of sections 3 to 5 may link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkableContact {
    pub id: String,
    pub name: String,
    pub role: ContactRole,
}

/// What the safety plan screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyPlanScreen {
    pub sections: Vec<SafetySectionView>,
    /// The whole plan as text, for editing it in one go ([`SafetyPlanAction::ApplyText`]).
    pub text: String,
    /// The participant's contacts and the crisis lines, for linking.
    pub linkable: Vec<LinkableContact>,
    pub max_items_per_section: u32,
}

/// Every change the safety plan screen makes.
#[derive(Debug, Clone, PartialEq)]
pub enum SafetyPlanAction {
    Add {
        section: SafetySection,
        fields: SafetyItemFields,
    },
    Edit {
        id: String,
        fields: SafetyItemFields,
    },
    /// Up or down one place within its section.
    MoveUp {
        id: String,
    },
    MoveDown {
        id: String,
    },
    /// To the end of another section.
    MoveTo {
        id: String,
        section: SafetySection,
    },
    Remove {
        id: String,
    },
    /// The whole plan as text ([`SafetyPlan::to_text`](crate::safety_plan::SafetyPlan)
    /// format), applied all or nothing.
    ApplyText {
        text: String,
    },
}

/// A change made, and the screen after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyPlanResult {
    pub screen: SafetyPlanScreen,
    /// For [`SafetyPlanAction::ApplyText`]: what the text changed, and in words.
    pub text_change: Option<SafetyPlanDiffSummary>,
    pub text_change_summary: Option<String>,
}

impl Store {
    /// The safety plan screen.
    pub fn safety_plan_screen(&self) -> Result<SafetyPlanScreen> {
        let plan = self.safety_plan()?;
        let text = plan.to_text();
        let allowing: Vec<SafetySection> = plan
            .sections
            .iter()
            .filter(|s| s.allows_contacts)
            .map(|s| s.section)
            .collect();
        let headings: Vec<(SafetySection, String)> = plan
            .sections
            .iter()
            .map(|s| (s.section, format!("{}. {}", s.number, s.title)))
            .collect();
        let heading = |section: SafetySection| {
            headings
                .iter()
                .find(|(s, _)| *s == section)
                .map_or_else(String::new, |(_, h)| h.clone())
        };
        let mut sections = Vec::with_capacity(plan.sections.len());
        for s in plan.sections {
            let last = s.items.len().saturating_sub(1);
            let mut items = Vec::with_capacity(s.items.len());
            for (i, item) in s.items.into_iter().enumerate() {
                // A removed contact keeps its id on the item but has no actions.
                let actions = match (&item.contact_id, &item.contact_name) {
                    (Some(id), Some(_)) => self.contact_actions(id, None).unwrap_or_default(),
                    _ => Vec::new(),
                };
                let move_targets: Vec<SafetySection> = SafetySection::ALL
                    .into_iter()
                    .filter(|t| *t != s.section)
                    .filter(|t| item.contact_id.is_none() || allowing.contains(t))
                    .collect();
                let move_choices = move_targets
                    .iter()
                    .map(|&section| SafetyMoveChoice {
                        section,
                        label: format!("Move to {}", heading(section)),
                    })
                    .collect();
                items.push(SafetyItemView {
                    index: u32::try_from(i).unwrap_or(u32::MAX),
                    can_move_up: i > 0,
                    can_move_down: i < last,
                    move_targets,
                    move_choices,
                    actions,
                    id: item.id,
                    label: item.label,
                    text: item.text,
                    contact_id: item.contact_id,
                    contact_phone: item.contact_phone,
                });
            }
            sections.push(SafetySectionView {
                can_add: items.len() < MAX_SAFETY_ITEMS,
                heading: heading(s.section),
                section: s.section,
                number: s.number,
                title: s.title,
                prompt: s.prompt,
                allows_contacts: s.allows_contacts,
                items,
            });
        }
        let mut linkable: Vec<LinkableContact> = self
            .contacts()?
            .into_iter()
            .map(|c| LinkableContact {
                id: c.id,
                name: c.name,
                role: c.role,
            })
            .collect();
        linkable.extend(self.crisis_lines()?.into_iter().map(|l| LinkableContact {
            id: l.id,
            name: l.name,
            role: ContactRole::CrisisLine,
        }));
        Ok(SafetyPlanScreen {
            sections,
            text,
            linkable,
            max_items_per_section: u32::try_from(MAX_SAFETY_ITEMS).unwrap_or(u32::MAX),
        })
    }

    /// The whole plan as text, to edit in one go ([`SafetyPlanAction::ApplyText`]).
    pub fn safety_plan_text(&self) -> Result<String> {
        Ok(self.safety_plan()?.to_text())
    }

    /// Makes one change to the plan and returns the screen after it; on an error nothing
    /// changed.
    pub fn safety_plan_act(&mut self, action: SafetyPlanAction) -> Result<SafetyPlanResult> {
        let mut text_change = None;
        match action {
            SafetyPlanAction::Add { section, fields } => {
                self.add_safety_item(section, &fields)?;
            }
            SafetyPlanAction::Edit { id, fields } => {
                self.edit_safety_item(&id, &fields)?;
            }
            SafetyPlanAction::MoveUp { id } => self.move_by(&id, -1)?,
            SafetyPlanAction::MoveDown { id } => self.move_by(&id, 1)?,
            SafetyPlanAction::MoveTo { id, section } => {
                self.move_safety_item(&id, Some(section), u32::MAX)?;
            }
            SafetyPlanAction::Remove { id } => self.remove_safety_item(&id)?,
            SafetyPlanAction::ApplyText { text } => {
                text_change = Some(self.apply_safety_plan_text(&text)?);
            }
        }
        Ok(SafetyPlanResult {
            screen: self.safety_plan_screen()?,
            text_change_summary: text_change.map(|c| c.sentence()),
            text_change,
        })
    }

    /// One place up (`-1`) or down (`1`) in its section; at an end, nothing changes.
    fn move_by(&mut self, id: &str, by: i64) -> Result<()> {
        let item = self.safety_item(id)?;
        let plan = self.safety_plan()?;
        let Some(section) = plan.sections.iter().find(|s| s.section == item.section) else {
            return Ok(());
        };
        let Some(at) = section.items.iter().position(|i| i.id == id) else {
            return Ok(());
        };
        let to = at as i64 + by;
        if to < 0 || to >= section.items.len() as i64 {
            return Ok(());
        }
        self.move_safety_item(id, None, u32::try_from(to).unwrap_or(u32::MAX))?;
        Ok(())
    }
}
