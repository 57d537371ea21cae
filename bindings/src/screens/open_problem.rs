//! When the store cannot be opened: the platform says what failed, the core words the screen.

use std::path::Path;

use companion_core::{
    OpenProblem as CoreProblem, OpenProblemChoice as CoreChoice, Store,
    open_problem_screen as core_screen,
};

use crate::data_rights::EraseReportRecord;
use crate::error::Result;

/// Why the store cannot be opened, as the platform tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OpenProblem {
    /// The key is gone for good (its key store entry removed or invalidated), or it does not
    /// open the store (`CompanionError::WrongKey`).
    KeyLost,
    /// A failure that may pass: a locked phone, a busy key store, a full disk
    /// (`CompanionError::Storage`).
    Unavailable,
    /// The file is damaged or not a store (`CompanionError::StoreUnusable`).
    Damaged,
    /// A newer app wrote the store (`CompanionError::NeedsNewerApp`).
    NeedsNewerApp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OpenProblemChoice {
    TryAgain,
    /// Delete what cannot be opened (`discardUnopenableStore`) and begin again.
    StartOver,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OpenProblemScreen {
    pub problem: OpenProblem,
    pub title: String,
    pub body: String,
    pub choices: Vec<OpenProblemChoice>,
    /// The confirmation `StartOver` asks for, when it is offered.
    pub start_over_warning: Option<String>,
}

/// The screen for `problem`.
#[uniffi::export]
pub fn open_problem_screen(problem: OpenProblem) -> OpenProblemScreen {
    let s = core_screen(match problem {
        OpenProblem::KeyLost => CoreProblem::KeyLost,
        OpenProblem::Unavailable => CoreProblem::Unavailable,
        OpenProblem::Damaged => CoreProblem::Damaged,
        OpenProblem::NeedsNewerApp => CoreProblem::NeedsNewerApp,
    });
    OpenProblemScreen {
        problem,
        title: s.title,
        body: s.body,
        choices: s
            .choices
            .into_iter()
            .map(|c| match c {
                CoreChoice::TryAgain => OpenProblemChoice::TryAgain,
                CoreChoice::StartOver => OpenProblemChoice::StartOver,
            })
            .collect(),
        start_over_warning: s.start_over_warning,
    }
}

/// Starting over: deletes the store in `dir` that cannot be opened (every file of the store,
/// nothing else); the platform then deletes its key and opens a new store. Refused, with
/// nothing deleted, while the store is open elsewhere.
#[uniffi::export]
pub fn discard_unopenable_store(dir: String) -> Result<EraseReportRecord> {
    Ok(Store::discard(Path::new(&dir), &[])?.into())
}
