//! Reading a passphrase: at a terminal without echo (twice when it is new), or, without a
//! terminal, from a file named by a flag or from an environment variable. Never from a plain
//! command-line argument: other users of the machine can read those in `ps`. (An environment
//! variable is readable only by the same user and root.) Policy is the core's; this only
//! reads, and keeps what it read out of memory once dropped.

use std::io::{IsTerminal, Read};
use std::path::Path;

use zeroize::{Zeroize, Zeroizing};

use crate::{Failure, Outcome};

/// More than any passphrase: a larger file is the wrong file.
const MAX_FILE_BYTES: u64 = 16 * 1024;

/// Whether the passphrase is being chosen (asked twice at a terminal, checked against the
/// core's policy before the second time) or given to open something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    New,
    Existing,
}

/// Where a passphrase may come from, in this order: `file`, then `env_var`, then the terminal.
pub struct Source<'a> {
    pub file: Option<&'a Path>,
    pub env_var: &'a str,
    /// What it is, for the prompt: "Backup passphrase".
    pub what: &'a str,
}

pub fn read(source: &Source, purpose: Purpose) -> Outcome<Zeroizing<String>> {
    if let Some(path) = source.file {
        return from_file(path);
    }
    match std::env::var(source.env_var) {
        Ok(value) if !value.is_empty() => return Ok(Zeroizing::new(value)),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Failure::Message(format!(
                "{} is not valid text",
                source.env_var
            )));
        }
        _ => {}
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Message(format!(
            "no passphrase: type it at a terminal, or give --passphrase-file FILE or set {}",
            source.env_var
        )));
    }
    let first = prompt(&format!("{}: ", source.what))?;
    if purpose == Purpose::New {
        companion_core::check_passphrase(&first)?;
        let again = prompt("Type it again: ")?;
        if *again != *first {
            return Err(Failure::Message(
                "the two passphrases differ; nothing was written".into(),
            ));
        }
    }
    Ok(first)
}

fn prompt(text: &str) -> Outcome<Zeroizing<String>> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|e| Failure::Message(format!("could not read the passphrase: {}", e.kind())))
}

/// The file's text; a final line break (as editors and `echo` add) is not part of it.
fn from_file(path: &Path) -> Outcome<Zeroizing<String>> {
    let failed = |e: std::io::Error| {
        Failure::Message(format!("could not read the passphrase file: {}", e.kind()))
    };
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::Message(
            "the passphrase file is larger than any passphrase".into(),
        ));
    }
    let text = String::from_utf8(std::mem::take(&mut *bytes)).map_err(|e| {
        e.into_bytes().zeroize();
        Failure::Message("the passphrase file is not UTF-8 text".into())
    })?;
    let mut text = Zeroizing::new(text);
    for ending in ["\r\n", "\n"] {
        if text.ends_with(ending) {
            let keep = text.len() - ending.len();
            text.truncate(keep);
            break;
        }
    }
    Ok(text)
}
