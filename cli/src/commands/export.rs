//! `companion export`: the schedule (iCalendar) or the check-ins (CSV, JSON, FHIR), to stdout
//! or to a file that only the participant can read, written whole or not at all.

use std::fs::{self, File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use chrono::Utc;
use companion_core::{CheckinExportFormat, PLAINTEXT_EXPORT_NOTICE};

use super::Ctx;
use crate::args::{ExportArgs, ExportFormat};
use crate::{Failure, Outcome};

pub fn export(ctx: &Ctx, a: ExportArgs) -> Outcome {
    let checkins = match a.format {
        ExportFormat::Ics => None,
        ExportFormat::Csv => Some(CheckinExportFormat::Csv),
        ExportFormat::Json => Some(CheckinExportFormat::Json),
        ExportFormat::Fhir => Some(CheckinExportFormat::Fhir),
    };
    let (text, what, extension) = match checkins {
        Some(format) => {
            let text = ctx
                .store
                .export_checkins(format, a.from, a.to, Utc::now())?;
            (text, "the check-ins", format.extension())
        }
        None if a.from.is_some() || a.to.is_some() => {
            return Err(Failure::Message(
                "--from and --to choose check-ins (csv, json, fhir); the calendar holds the whole \
                 schedule"
                    .into(),
            ));
        }
        None => (ctx.store.export_ics()?, "the schedule", "ics"),
    };
    let Some(path) = a.out else {
        return Ok(text);
    };
    // Said before anything is written: at a terminal the participant confirms; scripts pass
    // --yes or run without a terminal, and the closing line says it again.
    if !a.yes && std::io::stdin().is_terminal() {
        let question = format!(
            "{PLAINTEXT_EXPORT_NOTICE}\nWrite {what} to {}?",
            path.display()
        );
        if !crate::confirm::ask(&question, "yes")? {
            return Err(Failure::Message("nothing was written".into()));
        }
    }
    write_private(&path, extension, text.as_bytes())
        .map_err(|e| Failure::Message(format!("could not write the file: {}", e.kind())))?;
    Ok(format!(
        "Wrote {what} to {}. {PLAINTEXT_EXPORT_NOTICE}\n",
        path.display()
    ))
}

/// Writes `bytes` to `path` whole or not at all: into `<name>.<extension>.partial` beside it
/// (same file system, so the rename is atomic), flushed to disk, then renamed over `path`.
/// The file is created readable and writable by the user only (0600 on Unix): an export holds
/// health data, and the rename carries the mode to `path`.
pub(super) fn write_private(path: &Path, extension: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("{extension}.partial"));
    // A partial file a crash left behind is replaced: opening it instead would keep its mode
    // (and follow a link put in its place).
    match fs::remove_file(&tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let written = create_private(&tmp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A new file (never an existing one) that only the user can read.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
