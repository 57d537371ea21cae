//! `companion`, the terminal shell of IOP Companion: it parses the command line, calls
//! `companion-core` and prints what the core returns. Every rule lives in the core.

mod args;
mod chart;
mod commands;
mod confirm;
mod output;
mod passphrase;
mod store_key;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::args::Cli;

/// A failure after the command line parsed: the core refused, or the input makes no sense for
/// the record at hand. Messages never contain what the participant typed as text.
#[derive(Debug)]
pub enum Failure {
    Core(companion_core::Error),
    Message(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Core(e) => e.fmt(f),
            Failure::Message(m) => f.write_str(m),
        }
    }
}

impl From<companion_core::Error> for Failure {
    fn from(e: companion_core::Error) -> Self {
        Failure::Core(e)
    }
}

pub type Outcome<T = String> = Result<T, Failure>;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match commands::run(cli) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`companion checkins | head`) is not worth a panic.
            if out
                .write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string(), 1),
    }
}

/// Help and version go to stdout as clap prints them; real usage errors become one line.
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        // clap would echo the stray word, which may be half of a note or a phone number.
        ErrorKind::UnknownArgument if !stray_is_option(&e) => fail(
            "unexpected value; put quotes around a value that has spaces (see --help)",
            2,
        ),
        _ => fail(&one_line(&e.to_string()), 2),
    }
}

fn stray_is_option(e: &clap::Error) -> bool {
    use clap::error::{ContextKind, ContextValue};
    matches!(
        e.get(ContextKind::InvalidArg),
        Some(ContextValue::String(s)) if s.starts_with('-')
    )
}

/// The first paragraph of clap's message, on one line, without its `error: ` prefix.
fn one_line(message: &str) -> String {
    let first: Vec<&str> = message
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = first.join(" ");
    joined.strip_prefix("error: ").unwrap_or(&joined).to_owned()
}

fn fail(message: &str, code: u8) -> ExitCode {
    let line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(std::io::stderr(), "companion: {line}");
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn clap_messages_fold_to_one_line() {
        let m = "error: the following required arguments were not provided:\n  --name <NAME>\n\nUsage: companion contact add --name <NAME>\n";
        assert_eq!(
            one_line(m),
            "the following required arguments were not provided: --name <NAME>"
        );
    }
}
