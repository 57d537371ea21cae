//! Erasing everything: the participant's data on the server (when this device is enrolled),
//! then every file of the store on this device.
//!
//! The order matters: the server first, so a failure there leaves everything as it was and
//! the participant can try again. Before asking the server, erase takes an exclusive lock on
//! the store's database: if another handle (another process, another app window) has the
//! store open, erase is refused with nothing erased, and while erase runs, others that try
//! to open the store wait and then fail rather than create a new store under it. Deleting a
//! file does not wipe it on flash storage; encrypting the store at rest is what makes erased
//! bytes unreadable.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::net::{ServerUrl, Transport};
use crate::storage::store::Store;
use crate::sync::client::Api;

/// The choice offered when the server could not be reached for an erase.
pub const ERASE_THIS_DEVICE_ONLY: &str = "Erase this phone only";
/// What the participant reads then: nothing was erased, and what each way on means.
pub const ERASE_SERVER_UNREACHABLE: &str = "The server could not be reached, so nothing was \
    erased. Try again when you are online, or erase this phone only: your data then stays on \
    the server and your other devices until you erase it from one of them.";

/// How [`Store::erase`] goes about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EraseOptions {
    /// Erase this device only, without asking the server: the participant's data on the
    /// server, and on their other devices, stays.
    pub local_only: bool,
    /// Files a shell keeps in the store directory (plain file names, such as a draft it saved
    /// there), removed with the store.
    pub also_remove: Vec<String>,
}

/// What happened on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerErasure {
    /// This device was not enrolled: nothing of it was on a server.
    NotEnrolled,
    /// The server deleted the participant's document, devices, tokens and links; their other
    /// devices can no longer sync (what those devices hold stays on them).
    Erased,
    /// The server no longer knew this device's token: the data there was already erased (by
    /// another device, or by an erase whose answer was lost), or this device was removed.
    AlreadyGone,
    /// Not asked ([`EraseOptions::local_only`]): the server's copy remains.
    Kept,
}

/// What [`Store::erase`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EraseReport {
    pub server: ServerErasure,
    /// The files removed from the store directory, by name, sorted.
    pub files_removed: Vec<String>,
    /// Whether the store directory itself was removed: it is kept when something that is
    /// not the store's is in it.
    pub directory_removed: bool,
    /// Entries left in the store directory (not the store's).
    pub entries_left: u32,
}

/// Waited for another handle's write to finish before erase says the store is in use.
const LOCK_WAIT: Duration = Duration::from_secs(1);

impl Store {
    /// Whether `dir` holds a store (without creating one, as [`Store::open`] would).
    pub fn exists(dir: impl AsRef<Path>) -> bool {
        dir.as_ref().join(Store::FILE_NAME).is_file()
    }

    /// Erases the participant's data: when enrolled (and not [`EraseOptions::local_only`]),
    /// first on the server (`DELETE /v1/me`), then on this device every file of the store —
    /// the database with its journal files, the programs' document copies, the files in
    /// [`EraseOptions::also_remove`] — and the directory when nothing else is left in it.
    ///
    /// When the server cannot be reached nothing is erased ([`Error::Network`]). When it no
    /// longer knows this device, the local erase goes ahead ([`ServerErasure::AlreadyGone`]).
    /// Any other error also means nothing was erased, except [`Error::Storage`] from removing
    /// a file, whose message says what the server did. The store is consumed either way; after
    /// an error open it again.
    pub async fn erase(
        self,
        transport: &dyn Transport,
        options: EraseOptions,
    ) -> Result<EraseReport> {
        let also = plain_names(&options.also_remove)?;
        let account = self.account_record()?;
        let dir = self.dir().to_path_buf();
        // Our own connections first: the lock below must find no handle but its own.
        drop(self);
        let lock = lock_exclusively(&dir.join(Store::FILE_NAME))?;
        let server = match account {
            None => ServerErasure::NotEnrolled,
            Some(_) if options.local_only => ServerErasure::Kept,
            Some(account) => match Api::new(transport, &ServerUrl::parse(&account.server)?)
                .erase_me(&account.token)
                .await
            {
                Ok(()) => ServerErasure::Erased,
                Err(Error::NotEnrolled) => ServerErasure::AlreadyGone,
                Err(Error::Network(cause)) => {
                    return Err(Error::Network(format!(
                        "{cause}, so nothing was erased, on this device or on the server \
                         (erasing this device only is possible; the server's copy would remain)"
                    )));
                }
                Err(e) => return Err(e),
            },
        };
        remove_files(&dir, &also, Some(lock), server)
    }

    /// Deletes the store in `dir` that cannot be opened (its key is lost, or its file is
    /// damaged) so the participant can start over: every file of the store, as an erase
    /// removes them, and nothing else. The server is not asked (this device cannot prove
    /// who it is any more). Refused, with nothing deleted, while the store is open elsewhere.
    pub fn discard(dir: impl AsRef<Path>, also_remove: &[String]) -> Result<EraseReport> {
        let dir = dir.as_ref();
        let also = plain_names(also_remove)?;
        if !dir.is_dir() {
            return Err(Error::invalid("store", "is not a directory"));
        }
        let path = dir.join(Store::FILE_NAME);
        let lock = if path.is_file() {
            match lock_exclusively(&path) {
                Ok(lock) => Some(lock),
                Err(e @ Error::Storage(_)) => return Err(e),
                // A file SQLite cannot read is no one's open store: delete it unlocked.
                Err(_) => None,
            }
        } else {
            None
        };
        remove_files(dir, &also, lock, ServerErasure::Kept)
    }
}

/// Shell files must be names inside the directory, never paths out of it.
fn plain_names(names: &[String]) -> Result<Vec<String>> {
    for name in names {
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\', '\0'])
            && !is_store_file(name);
        if !plain {
            return Err(Error::invalid(
                "also_remove",
                "must list plain file names inside the store directory",
            ));
        }
    }
    Ok(names.to_vec())
}

/// The store's own files: the database, the programs' copies, and SQLite's files beside each.
fn is_store_file(name: &str) -> bool {
    let database = |n: &str| {
        n == Store::FILE_NAME
            || n.strip_prefix("program-")
                .and_then(|rest| rest.strip_suffix(".sqlite3"))
                .is_some_and(|id| Uuid::parse_str(id).is_ok())
    };
    database(name)
        || ["-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| name.strip_suffix(suffix).is_some_and(database))
}

/// An exclusive lock on the database, held until the connection drops. Leaving WAL mode
/// needs every other connection closed, so it doubles as the check that none is open.
fn lock_exclusively(path: &Path) -> Result<Connection> {
    let in_use = || {
        Error::Storage(
            "the store is open elsewhere (another app window or process); close it and try \
             again. Nothing was erased"
                .into(),
        )
    };
    let busy = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => in_use(),
        _ => Error::from(e),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(LOCK_WAIT)?;
    conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |r| {
        r.get::<_, String>(0)
    })?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(busy)?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    conn.execute_batch("BEGIN EXCLUSIVE").map_err(busy)?;
    Ok(conn)
}

fn remove_files(
    dir: &Path,
    also: &[String],
    lock: Option<Connection>,
    server: ServerErasure,
) -> Result<EraseReport> {
    let failed = |name: &str, e: io::Error| {
        let there = match server {
            ServerErasure::Erased => "your data on the server was erased",
            ServerErasure::AlreadyGone => "the server had no data of this device",
            ServerErasure::NotEnrolled => "this device was not enrolled",
            ServerErasure::Kept => "the server was not asked",
        };
        Error::Storage(format!(
            "{there}, but {name} could not be removed from the store directory ({}); remove \
             the directory by hand",
            e.kind()
        ))
    };
    let mut removed = Vec::new();
    let remove = |name: String, removed: &mut Vec<String>| -> Result<()> {
        let path = dir.join(&name);
        // Never into a directory that happens to have a store file's name.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            return Ok(());
        }
        match fs::remove_file(&path) {
            Ok(()) => {
                if !removed.contains(&name) {
                    removed.push(name);
                }
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(failed(&name, e)),
        }
    };
    // Everything but the database the lock is on, then the database, then what SQLite may
    // leave behind as the lock's connection closes.
    for name in names(dir)? {
        if !name.starts_with(Store::FILE_NAME) && (is_store_file(&name) || also.contains(&name)) {
            remove(name, &mut removed)?;
        }
    }
    remove(Store::FILE_NAME.to_owned(), &mut removed)?;
    drop(lock);
    for name in names(dir)? {
        if is_store_file(&name) {
            remove(name, &mut removed)?;
        }
    }
    // The removals themselves made durable; a nicety, as the files are gone either way.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    let left = fs::read_dir(dir)?.count();
    let directory_removed = left == 0 && fs::remove_dir(dir).is_ok();
    removed.sort();
    Ok(EraseReport {
        server,
        files_removed: removed,
        directory_removed,
        entries_left: u32::try_from(left).unwrap_or(u32::MAX),
    })
}

/// The names in `dir` that are text (the store's never are anything else).
fn names(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name: OsString = entry?.file_name();
        if let Ok(name) = name.into_string() {
            out.push(name);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_files_are_recognised_by_name() {
        let program = format!("program-{}.sqlite3", Uuid::new_v4());
        for ours in [
            "companion.sqlite3",
            "companion.sqlite3-wal",
            "companion.sqlite3-shm",
            "companion.sqlite3-journal",
            program.as_str(),
            &format!("{program}-wal"),
        ] {
            assert!(is_store_file(ours), "{ours}");
        }
        for theirs in [
            "companion.sqlite3.bak",
            "program-x.sqlite3",
            "notes.txt",
            "companion.sqlite3-wal-old",
        ] {
            assert!(!is_store_file(theirs), "{theirs}");
        }
        for bad in ["", ".", "..", "a/b", "../x", "companion.sqlite3"] {
            assert!(plain_names(&[bad.to_owned()]).is_err(), "{bad}");
        }
        assert!(plain_names(&["draft.txt".to_owned()]).is_ok());
    }
}
