//! `companion backup` and `companion restore`: the core seals and merges; this reads the
//! passphrase, writes the file (whole, readable by the participant only) and prints.

use std::io::Read;

use companion_core::{MAX_BACKUP_BYTES, RecordCounts, RestoreSummary};

use super::Ctx;
use crate::args::{BackupArgs, PassphraseArgs, RestoreArgs};
use crate::passphrase::{self, Purpose, Source};
use crate::{Failure, Outcome, output};

/// Where a backup passphrase comes from without a terminal.
const PASSPHRASE_ENV: &str = "COMPANION_BACKUP_PASSPHRASE";

fn source(a: &PassphraseArgs) -> Source<'_> {
    Source {
        file: a.passphrase_file.as_deref(),
        env_var: PASSPHRASE_ENV,
        what: "Backup passphrase",
    }
}

pub fn backup(ctx: &mut Ctx, a: BackupArgs) -> Outcome {
    let passphrase = passphrase::read(&source(&a.passphrase), Purpose::New)?;
    let bytes = ctx.store.backup(&passphrase)?;
    let counts = ctx.store.record_counts()?;
    super::export::write_private(&a.out, "backup", &bytes)
        .map_err(|e| Failure::Message(format!("could not write the file: {}", e.kind())))?;
    Ok(format!(
        "Wrote an encrypted backup to {} ({}).\n\
         Keep the passphrase safe: it cannot be recovered, and without it nobody, you included, \
         can open the backup.\n\
         It holds your data, not this device's enrolment: after restoring, enrol or link the \
         device to sync; your program's schedule comes back then.\n",
        a.out.display(),
        counts_text(&counts)
    ))
}

pub fn restore(ctx: &mut Ctx, a: RestoreArgs) -> Outcome {
    let mut bytes = Vec::new();
    std::fs::File::open(&a.file)
        .and_then(|f| f.take(MAX_BACKUP_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure::Message(format!("could not read the backup file: {}", e.kind())))?;
    let passphrase = passphrase::read(&source(&a.passphrase), Purpose::Existing)?;
    let summary = ctx.store.restore(&bytes, &passphrase)?;
    if a.json {
        return output::json(&summary);
    }
    Ok(summary_text(&summary, ctx.store.account()?.is_some()))
}

fn summary_text(s: &RestoreSummary, enrolled: bool) -> String {
    let made = format!(
        "made {} by IOP Companion {}",
        s.created_at.format("%Y-%m-%d %H:%M UTC"),
        s.app_version
    );
    if !s.changed {
        return format!("Nothing new: this store already has everything in the backup ({made}).\n");
    }
    let row = |label: &str, before: u32, after: u32| {
        vec![label.to_owned(), before.to_string(), after.to_string()]
    };
    let (b, n) = (s.before, s.after);
    let mut text = format!("Restored the backup ({made}), merged with what was here.\n");
    text += &output::table(
        &["", "Before", "After"],
        &[
            row("Check-ins", b.checkins, n.checkins),
            row("Contacts", b.contacts, n.contacts),
            row("Sessions", b.sessions, n.sessions),
            row(
                "Safety plan items",
                b.safety_plan_items,
                n.safety_plan_items,
            ),
        ],
    );
    if !enrolled {
        text += "This device is not enrolled: enrol or link it to sync.\n";
    }
    text
}

fn counts_text(c: &RecordCounts) -> String {
    let n = |count: u32, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    [
        n(c.checkins, "check-in", "check-ins"),
        n(c.contacts, "contact", "contacts"),
        n(c.sessions, "session", "sessions"),
        n(c.safety_plan_items, "safety plan item", "safety plan items"),
    ]
    .join(", ")
}
