//! What the app shows when the store cannot be opened, worded once for both apps. The shell
//! says what failed (its key store's answer, or the error opening the store); the core says
//! what that means for the participant and what they can do. A failure that may pass (a
//! locked phone, a busy key store, a full disk) never offers to delete anything.

use serde::Serialize;

/// Why the store cannot be opened, as the shell tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpenProblem {
    /// The key is gone for good: its key store entry was removed or invalidated, or it does
    /// not open this store (`Error::WrongKey`).
    KeyLost,
    /// The key store or the storage failed in a way that may pass (locked before the first
    /// unlock, busy, out of space).
    Unavailable,
    /// The store's file is damaged or is not a store.
    Damaged,
    /// A newer version of the app wrote the store.
    NeedsNewerApp,
}

/// What the participant can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpenProblemChoice {
    TryAgain,
    /// Delete what cannot be opened and begin with an empty store (`Store::discard`).
    StartOver,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenProblemScreen {
    pub problem: OpenProblem,
    pub title: String,
    pub body: String,
    pub choices: Vec<OpenProblemChoice>,
    /// The confirmation [`OpenProblemChoice::StartOver`] asks for, when it is offered.
    pub start_over_warning: Option<String>,
}

const START_OVER_WARNING: &str = "Starting over deletes what is on this phone for good. If \
    you made a backup, you can restore it afterwards; if this phone was enrolled with your \
    program, link it again from another of your devices or ask your program for a new code.";

/// The screen for `problem`.
pub fn open_problem_screen(problem: OpenProblem) -> OpenProblemScreen {
    use OpenProblemChoice::{StartOver, TryAgain};
    let (title, body, choices) = match problem {
        OpenProblem::KeyLost => (
            "Your data can no longer be opened on this phone",
            "The key that protects it is gone, so no one can read it, including this app. \
             This happens when the phone's security was reset or the app's data was \
             restored from another phone.",
            vec![StartOver],
        ),
        OpenProblem::Unavailable => (
            "Your data can't be opened right now",
            "The phone did not let the app reach it. This usually passes: unlock the phone, \
             make some space if storage is full, then try again. Nothing has been deleted.",
            vec![TryAgain],
        ),
        OpenProblem::Damaged => (
            "Your data on this phone is damaged",
            "The app can't read its file. Try again first; if it keeps happening, you can \
             start over.",
            vec![TryAgain, StartOver],
        ),
        OpenProblem::NeedsNewerApp => (
            "Update the app to open your data",
            "A newer version of the app saved your data. Update the app from the store, then \
             try again. Nothing has been deleted.",
            vec![TryAgain],
        ),
    };
    OpenProblemScreen {
        problem,
        title: title.into(),
        body: body.into(),
        start_over_warning: choices
            .contains(&StartOver)
            .then(|| START_OVER_WARNING.to_owned()),
        choices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lost_key_or_a_damaged_file_offers_to_start_over() {
        for problem in [
            OpenProblem::KeyLost,
            OpenProblem::Unavailable,
            OpenProblem::Damaged,
            OpenProblem::NeedsNewerApp,
        ] {
            let s = open_problem_screen(problem);
            let starts_over = s.choices.contains(&OpenProblemChoice::StartOver);
            assert_eq!(
                starts_over,
                matches!(problem, OpenProblem::KeyLost | OpenProblem::Damaged),
                "{problem:?}"
            );
            assert_eq!(s.start_over_warning.is_some(), starts_over);
            // Whatever may pass can always be tried again; a lost key never comes back.
            assert_eq!(
                s.choices.contains(&OpenProblemChoice::TryAgain),
                problem != OpenProblem::KeyLost
            );
            assert!(!s.title.is_empty() && !s.body.is_empty());
        }
    }
}
