//! Reaching someone: crisis lines (built in, offline), contact actions and the "reach out"
//! list. The shells open each action's `uri` with the platform (dialer, messages, mail).

use companion_core::{
    ActionKind, ContactAction, CrisisLine, LineSource, ReachOut, ReachOutContact,
};

use crate::contacts::Role;
use crate::error::Result;
use crate::store::CompanionStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ActionType {
    Call,
    Text,
    /// A call through a TTY relay.
    Tty,
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactActionRecord {
    pub kind: ActionType,
    /// Ready to show: "Call (800) 662-4357".
    pub label: String,
    /// `tel:`, `sms:` or `mailto:` link to open.
    pub uri: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CrisisLineSource {
    BuiltIn,
    Program,
    Personal,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CrisisLineRecord {
    pub id: String,
    pub name: String,
    pub about: Option<String>,
    pub source: CrisisLineSource,
    pub program_id: Option<String>,
    /// Emergency services, for immediate danger.
    pub emergency: bool,
    pub actions: Vec<ContactActionRecord>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReachOutContactRecord {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub favourite: bool,
    /// Set for contacts the program publishes (read-only).
    pub program_id: Option<String>,
    pub actions: Vec<ContactActionRecord>,
    /// Whether the participant may edit, star or remove it (not a program's).
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReachOutRecord {
    pub crisis_lines: Vec<CrisisLineRecord>,
    pub favourites: Vec<ReachOutContactRecord>,
    pub others: Vec<ReachOutContactRecord>,
}

impl From<ContactAction> for ContactActionRecord {
    fn from(a: ContactAction) -> Self {
        ContactActionRecord {
            kind: match a.kind {
                ActionKind::Call => ActionType::Call,
                ActionKind::Text => ActionType::Text,
                ActionKind::Tty => ActionType::Tty,
                ActionKind::Email => ActionType::Email,
            },
            label: a.label,
            uri: a.uri,
        }
    }
}

fn actions(list: Vec<ContactAction>) -> Vec<ContactActionRecord> {
    list.into_iter().map(Into::into).collect()
}

impl From<CrisisLine> for CrisisLineRecord {
    fn from(l: CrisisLine) -> Self {
        CrisisLineRecord {
            id: l.id,
            name: l.name,
            about: l.about,
            source: match l.source {
                LineSource::BuiltIn => CrisisLineSource::BuiltIn,
                LineSource::Program => CrisisLineSource::Program,
                LineSource::Personal => CrisisLineSource::Personal,
            },
            program_id: l.program_id,
            emergency: l.emergency,
            actions: actions(l.actions),
        }
    }
}

impl From<ReachOutContact> for ReachOutContactRecord {
    fn from(c: ReachOutContact) -> Self {
        ReachOutContactRecord {
            id: c.id,
            name: c.name,
            role: c.role.into(),
            favourite: c.favourite,
            program_id: c.program_id,
            actions: actions(c.actions),
            can_edit: c.can_edit,
        }
    }
}

impl From<ReachOut> for ReachOutRecord {
    fn from(r: ReachOut) -> Self {
        ReachOutRecord {
            crisis_lines: r.crisis_lines.into_iter().map(Into::into).collect(),
            favourites: r.favourites.into_iter().map(Into::into).collect(),
            others: r.others.into_iter().map(Into::into).collect(),
        }
    }
}

/// The message the apps may offer to prefill when texting someone.
#[uniffi::export]
pub fn suggested_reach_out_message() -> String {
    companion_core::SUGGESTED_MESSAGE.to_owned()
}

#[uniffi::export]
impl CompanionStore {
    /// The device's country from the platform locale (e.g. "US"), used when the participant
    /// has not chosen one; `None` when the locale has none. Call at launch and when the
    /// locale changes.
    pub fn set_device_region(&self, code: Option<String>) -> Result<()> {
        self.lock(|s| s.set_device_region(code.as_deref()))
    }

    /// Crisis lines in the order to offer them; never empty, works offline.
    pub fn crisis_lines(&self) -> Result<Vec<CrisisLineRecord>> {
        Ok(self
            .read(|s| s.crisis_lines())?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Crisis lines, then favourites, then everyone else; `message` prefilled in texts.
    pub fn reach_out(&self, message: Option<String>) -> Result<ReachOutRecord> {
        Ok(self.read(|s| s.reach_out(message.as_deref()))?.into())
    }

    /// The actions for one contact or crisis line.
    pub fn contact_actions(
        &self,
        id: String,
        message: Option<String>,
    ) -> Result<Vec<ContactActionRecord>> {
        Ok(actions(
            self.read(|s| s.contact_actions(&id, message.as_deref()))?,
        ))
    }
}
