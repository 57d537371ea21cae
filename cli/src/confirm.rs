//! Asking the participant at the terminal before something they cannot take back.

use std::io::{BufRead, Write};

use crate::{Failure, Outcome};

/// Shows `question` on stderr and reads a line from stdin: whether the participant typed
/// `answer`. Only for a terminal; callers decide what happens without one.
pub fn ask(question: &str, answer: &str) -> Outcome<bool> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question}\nType {answer} to go ahead: ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::Message(format!("could not read the answer: {}", e.kind())))?;
    Ok(line.trim() == answer)
}
