//! A program's document: its published schedule and contacts, an Automerge document like a
//! participant's, sealed with the program key that only the staff key file and enrolled
//! devices hold.
//!
//! The staff tool keeps a local copy (a core `Store` in `<keys>/<program_id>.store/`), pulls
//! the latest from the storage, makes the change with the core's rules, and pushes it back:
//! the same `sync` op devices go through, run on the storage directly. Two staff machines
//! editing at once merge like two devices do.

use std::path::{Path, PathBuf};

use companion_core::Store;
use companion_core::sync::crypto::DocKey;
use uuid::Uuid;

use crate::ops::{self, Auth};
use crate::staff::{Printed, read_key};
use crate::storage::Storage;

/// Round trips one command may make to catch up with a long history (each brings up to a
/// response's worth of chunks).
const MAX_CATCH_UP: usize = 1_000;

/// The local copy of a program's document. A cache: if it is lost, the next command pulls the
/// document back from the storage.
pub fn store_dir(keys: &Path, program_id: Uuid) -> PathBuf {
    keys.join(format!("{program_id}.store"))
}

/// Opens the local copy and catches it up: an edit needs the document as others last left it.
pub async fn open(
    storage: &Storage,
    keys: &Path,
    program: Uuid,
) -> Result<(Store, DocKey), String> {
    let key = read_key(keys, program)?;
    let mut store =
        Store::open(store_dir(keys, program), &key.local_store_key()).map_err(|e| e.to_string())?;
    catch_up(storage, &mut store, program, &key).await?;
    Ok((store, key))
}

/// Publishes a change saved in the local copy. Publishing can fail (the storage is down); the
/// change stays saved and the next command of any kind publishes it.
pub async fn publish_change(
    storage: &Storage,
    store: &mut Store,
    program: Uuid,
    key: &DocKey,
    what: &str,
) -> Result<(), String> {
    publish(storage, store, program, key)
        .await
        .map(|_| ())
        .map_err(|e| {
            format!(
                "the change is saved on this machine but not published yet ({e}); \
                 `program {what} list --program {program}` publishes it"
            )
        })
}

/// What a staff command that changed a record of the program prints: "Added session … of
/// program …", and its JSON (`{"program_id", <what>: record}`).
pub fn changed(
    verb: &str,
    what: &'static str,
    program: Uuid,
    id: &str,
    line: &str,
    record: serde_json::Value,
) -> Printed {
    Printed {
        text: format!(
            "{verb} {what} {id} of program {program}: {line}\nPublished: enrolled devices get it \
             at their next sync.\n"
        ),
        json: serde_json::json!({"program_id": program, what: record}),
    }
}

/// What `program session list` and `program contact list` print: one line per record, id
/// first, and the JSON `{"program_id", <plural>: [...]}`.
pub fn listed<T: serde::Serialize>(
    program: Uuid,
    plural: &'static str,
    records: &[T],
    id_and_line: impl Fn(&T) -> (String, String),
) -> Printed {
    let mut text = String::new();
    for r in records {
        let (id, line) = id_and_line(r);
        text.push_str(&format!("{id}  {line}\n"));
    }
    if records.is_empty() {
        text.push_str(&format!("No {plural}.\n"));
    }
    Printed {
        text,
        json: serde_json::json!({"program_id": program, plural: records}),
    }
}

/// Syncs until the storage has nothing more for this copy (a long history comes in pages).
async fn catch_up(
    storage: &Storage,
    store: &mut Store,
    program: Uuid,
    key: &DocKey,
) -> Result<(), String> {
    for _ in 0..MAX_CATCH_UP {
        let report = publish(storage, store, program, key).await?;
        if report.pulled_chunks == 0 && !report.snapshot_received {
            return Ok(());
        }
    }
    Err("the program's document did not finish downloading; run the command again".into())
}

/// One sync of the program document against the storage: pushes what this copy has that the
/// storage lacks, pulls the rest.
async fn publish(
    storage: &Storage,
    store: &mut Store,
    program: Uuid,
    key: &DocKey,
) -> Result<companion_core::DocReport, String> {
    let pending = store
        .prepare_sync(program, key, true)
        .map_err(|e| e.to_string())?;
    let response = storage
        .run(ops::Sync {
            auth: Auth::LocalStaff,
            doc: program,
            request: pending.request.clone(),
        })
        .await
        .map_err(|e| e.to_string())?;
    store
        .apply_sync(program, key, pending, response)
        .map_err(|e| e.to_string())
}
