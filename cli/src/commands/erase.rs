//! `companion erase`: confirms, then lets the core erase (the server first, then the files)
//! and prints what it did.

use std::io::IsTerminal;
use std::path::Path;

use companion_core::{EraseOptions, EraseReport, ServerErasure, Store};

use super::safety_plan::EDIT_FILE;
use super::sync::{block_on, transport};
use crate::args::EraseArgs;
use crate::store_key::KEY_FILE_NAME;
use crate::{Failure, Outcome, output};

/// What the participant types to confirm.
const CONFIRMATION: &str = "erase";

/// `key_file` is a key file kept outside the store directory (`--key-file`), removed with the
/// store: the key is the participant's data's last line of defence, and they asked for it all
/// to go.
pub fn erase(store: Store, dir: &Path, key_file: Option<&Path>, a: EraseArgs) -> Outcome {
    if !a.yes {
        let enrolled = store.account()?.is_some();
        confirm(enrolled, a.local_only)?;
    }
    let options = EraseOptions {
        local_only: a.local_only,
        // The safety plan's draft from the editor is the participant's words too.
        // And the key file kept beside the store.
        also_remove: vec![EDIT_FILE.to_owned(), KEY_FILE_NAME.to_owned()],
    };
    let mut report = block_on(store.erase(&transport()?, options))??;
    if let Some(path) = key_file.filter(|p| p.parent() != Some(dir)) {
        match std::fs::remove_file(path) {
            Ok(()) => report.files_removed.push(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::Message(format!(
                    "the store was erased, but its key file {} could not be removed: {}",
                    path.display(),
                    e.kind()
                )));
            }
        }
    }
    if a.json {
        return output::json(&report);
    }
    Ok(report_text(&report, dir))
}

/// No store in `dir`: nothing is created only to be erased.
pub fn nothing_to_erase(dir: &Path, json: bool) -> Outcome {
    if json {
        return output::json(&EraseReport {
            server: ServerErasure::NotEnrolled,
            files_removed: Vec::new(),
            directory_removed: false,
            entries_left: 0,
        });
    }
    Ok(format!(
        "Nothing to erase: there is no store in {}.\n",
        dir.display()
    ))
}

fn confirm(enrolled: bool, local_only: bool) -> Outcome<()> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Message(
            "erase asks for confirmation at a terminal; give --yes to erase without it. Nothing was erased".into(),
        ));
    }
    let what = match (enrolled, local_only) {
        (true, false) => {
            "all your data on this device and on the server; your other devices will stop syncing"
        }
        (true, true) => "all your data on this device; your data on the server stays",
        (false, _) => "all your data on this device",
    };
    let question = format!("This erases {what}. It cannot be undone.");
    if !crate::confirm::ask(&question, CONFIRMATION)? {
        return Err(Failure::Message(format!(
            "not erased: the answer was not \"{CONFIRMATION}\""
        )));
    }
    Ok(())
}

fn report_text(r: &EraseReport, dir: &Path) -> String {
    let server = match r.server {
        ServerErasure::Erased => {
            "Erased your data on the server; your other devices can no longer sync (what they hold stays on them until erased there)."
        }
        ServerErasure::AlreadyGone => {
            "The server no longer knew this device: your data there was already erased, or this device was removed."
        }
        ServerErasure::NotEnrolled => {
            "This device was not enrolled: nothing of it was on a server."
        }
        ServerErasure::Kept => {
            "This device only: your data on the server, and on your other devices, remains."
        }
    };
    let files = match r.files_removed.len() {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    };
    let here = if r.directory_removed {
        format!("Removed {files} and the store directory {}.", dir.display())
    } else {
        format!(
            "Removed {files}; {} stays, with {} entries that are not the store's.",
            dir.display(),
            r.entries_left
        )
    };
    format!("{server}\n{here}\n")
}
