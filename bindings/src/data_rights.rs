//! The participant's rights over their data: an encrypted backup they keep, restoring one,
//! and erasing everything (on the server, then on this device).

use std::sync::Arc;

use companion_core::{
    EraseOptions, EraseReport, RecordCounts, RestoreSummary, ServerErasure as CoreErasure, Store,
};
use zeroize::Zeroizing;

use crate::error::{CompanionError, Result};
use crate::store::{CompanionStore, DataChange, ERASED, Held};
use crate::types::Timestamp;

/// How many of the participant's own records a store holds (not the programs').
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct RecordCountsRecord {
    pub checkins: u32,
    pub contacts: u32,
    pub sessions: u32,
    pub safety_plan_items: u32,
}

/// What `restore` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RestoreSummaryRecord {
    /// Whether the backup brought anything new (restoring the same backup again: false).
    pub changed: bool,
    pub format_version: u16,
    /// When the backup was made.
    pub created_at: Timestamp,
    /// The version of the app that made it.
    pub app_version: String,
    /// The participant the backed-up device was enrolled as, if it was.
    pub participant_id: Option<String>,
    /// This store before and after the merge.
    pub before: RecordCountsRecord,
    pub after: RecordCountsRecord,
    /// "Restored the backup. This phone now has …".
    pub summary: String,
}

/// What happened on the server when erasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ServerErasure {
    /// This device was not enrolled: nothing of it was on a server.
    NotEnrolled,
    /// The server deleted the participant's data; their other devices can no longer sync.
    Erased,
    /// The server no longer knew this device: its data there was already erased.
    AlreadyGone,
    /// Not asked (`local_only`): the server's copy remains.
    Kept,
}

/// How an `eraseAttempt` ended, short of an error: erased, or the server out of reach with
/// nothing erased, when the participant may retry or erase this device only
/// (`eraseAttempt(localOnly = true)`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EraseAttempt {
    Erased {
        report: EraseReportRecord,
    },
    ServerUnreachable {
        /// What the participant reads: nothing was erased, and the ways on.
        message: String,
        /// The button that erases this device only ("Erase this phone only").
        this_device_only: String,
    },
}

/// What `erase` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EraseReportRecord {
    pub server: ServerErasure,
    /// What was erased, for the participant.
    pub summary: String,
    /// The files removed from the store directory, by name, sorted.
    pub files_removed: Vec<String>,
    /// Whether the store directory itself was removed (kept when something else is in it).
    pub directory_removed: bool,
    /// Entries left in the store directory (not the store's).
    pub entries_left: u32,
}

impl From<RecordCounts> for RecordCountsRecord {
    fn from(c: RecordCounts) -> Self {
        RecordCountsRecord {
            checkins: c.checkins,
            contacts: c.contacts,
            sessions: c.sessions,
            safety_plan_items: c.safety_plan_items,
        }
    }
}

impl From<RestoreSummary> for RestoreSummaryRecord {
    fn from(s: RestoreSummary) -> Self {
        RestoreSummaryRecord {
            summary: companion_core::restore_summary(&s),
            changed: s.changed,
            format_version: s.format_version,
            created_at: s.created_at.into(),
            app_version: s.app_version,
            participant_id: s.participant_id,
            before: s.before.into(),
            after: s.after.into(),
        }
    }
}

impl From<EraseReport> for EraseReportRecord {
    fn from(r: EraseReport) -> Self {
        EraseReportRecord {
            summary: companion_core::erase_summary(r.server).to_owned(),
            server: match r.server {
                CoreErasure::NotEnrolled => ServerErasure::NotEnrolled,
                CoreErasure::Erased => ServerErasure::Erased,
                CoreErasure::AlreadyGone => ServerErasure::AlreadyGone,
                CoreErasure::Kept => ServerErasure::Kept,
            },
            files_removed: r.files_removed,
            directory_removed: r.directory_removed,
            entries_left: r.entries_left,
        }
    }
}

/// Checks a new backup passphrase against the policy (length, no control characters), for a
/// screen that validates as the participant types: `InvalidInput` names what is wrong.
#[uniffi::export]
pub fn check_backup_passphrase(passphrase: String) -> Result<()> {
    let passphrase = Zeroizing::new(passphrase);
    Ok(companion_core::check_passphrase(&passphrase)?)
}

#[uniffi::export(async_runtime = "tokio")]
impl CompanionStore {
    /// The participant's whole document as an encrypted backup file, sealed under
    /// `passphrase` (see `check_backup_passphrase`); write the bytes where the participant
    /// chooses. It holds data, not this device's enrolment. Slow on purpose (the passphrase
    /// is stretched): call it off the main thread.
    pub fn backup(&self, passphrase: String) -> Result<Vec<u8>> {
        let passphrase = Zeroizing::new(passphrase);
        self.lock(|s| s.backup(&passphrase))
    }

    /// Merges a backup into this store: both sides' records are kept, nothing is overwritten.
    /// A wrong passphrase is `WrongKey`; a file that is not a backup, is damaged or cut short,
    /// or belongs to another participant is `InvalidInput`. Either way nothing changes.
    /// Listeners hear `LOCAL` when the backup brought something new. Slow, like `backup`.
    pub fn restore(&self, backup: Vec<u8>, passphrase: String) -> Result<RestoreSummaryRecord> {
        let passphrase = Zeroizing::new(passphrase);
        let summary = self.lock(|s| s.restore(&backup, &passphrase))?;
        if summary.changed {
            self.notify(DataChange::Local);
        }
        Ok(summary.into())
    }

    /// Erases the participant's data: on the server first when this device is enrolled
    /// (unless `local_only`, which leaves the server's copy), then every file of the store on
    /// this device, and its directory when nothing else is in it. The store's other calls
    /// wait until it is done.
    ///
    /// On success this `CompanionStore` is spent: every later call, `erase` included, is
    /// `StoreUnusable`; listeners are not told. The store key is the app's, not the core's:
    /// after a successful erase the app must delete its wrapped key from Keystore / Keychain
    /// (and open a new store with a new key if the participant starts again).
    ///
    /// The server out of reach (without `local_only`) is `ServerUnreachable`, with nothing
    /// erased and this store still usable: the participant retries or erases this device only.
    /// On any other failure nothing is erased either and the store stays usable: the store
    /// open elsewhere (another `CompanionStore` or process on the same directory) is
    /// `Storage`. The one exception is a file that could not be removed after the server
    /// erased, a `Storage` error saying so.
    pub async fn erase_attempt(&self, local_only: bool) -> Result<EraseAttempt> {
        match self.erase(local_only).await {
            Ok(report) => Ok(EraseAttempt::Erased { report }),
            // The server first: out of reach, nothing was erased anywhere.
            Err(CompanionError::Network(_)) if !local_only => Ok(EraseAttempt::ServerUnreachable {
                message: companion_core::ERASE_SERVER_UNREACHABLE.to_owned(),
                this_device_only: companion_core::ERASE_THIS_DEVICE_ONLY.to_owned(),
            }),
            Err(e) => Err(e),
        }
    }

    /// The same as `eraseAttempt`, with the server out of reach as a `Network` error.
    pub async fn erase(&self, local_only: bool) -> Result<EraseReportRecord> {
        // A sync must not run against a store being erased, nor start on one.
        let _turn = self.sync_turn.lock().await;
        let held = Arc::clone(&self.held);
        let transport = self.transport.clone();
        tokio::task::spawn_blocking(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|_| CompanionError::Network("no network runtime".into()))?;
            // Held throughout, so every other call waits for the outcome.
            let mut held = Held::lock(&held);
            let taken = std::mem::replace(
                &mut *held,
                Held::Gone("this store was closed by an erase that did not finish; open it again"),
            );
            let (store, key) = match taken {
                Held::Open { store, key } => (*store, key),
                Held::Gone(why) => {
                    *held = Held::Gone(why);
                    return Err(CompanionError::StoreUnusable(why.into()));
                }
            };
            let dir = store.dir().to_path_buf();
            let options = EraseOptions {
                local_only,
                also_remove: Vec::new(),
            };
            match runtime.block_on(store.erase(&transport, options)) {
                Ok(report) => {
                    *held = Held::Gone(ERASED);
                    Ok(report.into())
                }
                Err(e) => {
                    // Core closed the store before failing. Reopen it unless its database is
                    // gone: `Store::open` would create a new, empty one there.
                    *held = if Store::exists(&dir) {
                        match Store::open(&dir, &key) {
                            Ok(store) => Held::Open {
                                store: Box::new(store),
                                key,
                            },
                            Err(_) => Held::Gone(
                                "this store could not be reopened after a failed erase; open it again",
                            ),
                        }
                    } else {
                        Held::Gone(ERASED)
                    };
                    Err(e.into())
                }
            }
        })
        .await
        .map_err(|_| CompanionError::Storage("the erase task stopped".into()))?
    }
}
