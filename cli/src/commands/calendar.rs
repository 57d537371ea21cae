use std::io::Read;

use companion_core::MAX_ICS_BYTES;

use super::Ctx;
use crate::args::ImportArgs;
use crate::output;
use crate::{Failure, Outcome};

pub fn import(ctx: &mut Ctx, a: ImportArgs) -> Outcome {
    let file = std::fs::File::open(&a.file)
        .map_err(|e| Failure::Message(format!("could not open the file: {}", e.kind())))?;
    // Read one byte past the limit, so an oversized file is refused without reading it all.
    let mut bytes = Vec::new();
    file.take(MAX_ICS_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Message(format!("could not read the file: {}", e.kind())))?;
    if bytes.len() > MAX_ICS_BYTES {
        return Err(Failure::Message(format!(
            "the file is larger than {} MB; nothing was imported",
            MAX_ICS_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::Message("the file is not UTF-8 text; nothing was imported".into()))?;
    let summary = ctx.store.import_ics(&text)?;
    if a.json {
        return output::json(&summary);
    }
    Ok(format!(
        "Imported: {} sessions added, {} updated, {} unchanged, {} cancelled or moved occurrences.\n",
        summary.sessions_added,
        summary.sessions_updated,
        summary.sessions_unchanged,
        summary.occurrence_changes
    ))
}
