//! Enrolment, linking and sync: async, on uniffi's tokio runtime (its timer paces the core's
//! retries), with every request carried by the app's transport (`http.rs`).
//!
//! A sync holds the store only to prepare each request and to merge each answer, never while
//! the network is busy, so the app's other calls (a check-in typed during a slow sync) go
//! ahead. Enrolment and linking are one-off and short: they hold the store throughout, on a
//! blocking thread of their own.

use std::sync::Arc;

use companion_core::{AccountInfo, Store, SyncReport};

use crate::error::{CompanionError, Result};
use crate::store::{CompanionStore, DataChange, Held};

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AccountRecord {
    pub server: String,
    pub participant_id: String,
    pub device_id: String,
    pub program_names: Vec<String>,
}

/// Enrolment or linking done.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JoinedRecord {
    pub account: AccountRecord,
    /// "You joined Evening IOP. Its schedule arrives with the first sync."
    pub summary: String,
    /// The moment to ask for notification permission (if the platform still can): a
    /// program's sessions come with reminders.
    pub ask_notification_permission: bool,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SyncSummary {
    pub round_trips: u32,
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// Whether anything here changed: refresh the screens and the reminder plan.
    pub changed: bool,
    /// "Synced: this phone has the latest."
    pub summary: String,
}

/// A one-time code that links another of the participant's devices.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LinkCodeRecord {
    pub code: String,
    /// "Enter … on your other device within 15 minutes."
    pub summary: String,
}

impl From<AccountInfo> for AccountRecord {
    fn from(a: AccountInfo) -> Self {
        AccountRecord {
            server: a.server,
            participant_id: a.participant_id,
            device_id: a.device_id,
            program_names: a.programs.into_iter().map(|p| p.name).collect(),
        }
    }
}

impl From<SyncReport> for SyncSummary {
    fn from(r: SyncReport) -> Self {
        SyncSummary {
            summary: companion_core::sync_summary(&r),
            round_trips: r.round_trips,
            bytes_up: r.bytes_up,
            bytes_down: r.bytes_down,
            changed: r.changed,
        }
    }
}

impl CompanionStore {
    /// Runs an async core call that needs the whole store, on a blocking thread with a
    /// runtime of its own.
    async fn with_store<T: Send + 'static>(
        &self,
        call: impl for<'a> FnOnce(
            &'a mut Store,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = companion_core::Result<T>> + 'a>,
        > + Send
        + 'static,
    ) -> Result<T> {
        let held = Arc::clone(&self.held);
        tokio::task::spawn_blocking(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|_| CompanionError::Network("no network runtime".into()))?;
            let mut held = Held::lock(&held);
            Ok(runtime.block_on(call(held.store()?))?)
        })
        .await
        .map_err(|_| CompanionError::Storage("the sync task stopped".into()))?
    }

    fn joined(&self, info: AccountInfo, linked: bool) -> Result<JoinedRecord> {
        Ok(JoinedRecord {
            summary: companion_core::joined_summary(&info, linked),
            ask_notification_permission: self
                .read(|s| s.asks_for_notifications_after_joining(linked))?,
            account: info.into(),
        })
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl CompanionStore {
    pub fn account(&self) -> Result<Option<AccountRecord>> {
        Ok(self.read(|s| s.account())?.map(Into::into))
    }

    /// Enrols this device with the invitation code the program gave the participant.
    pub async fn enroll(&self, server: String, code: String) -> Result<JoinedRecord> {
        let transport = self.transport.clone();
        let info = self
            .with_store(move |s| {
                Box::pin(async move { s.enroll(&transport, &server, &code).await })
            })
            .await?;
        self.notify(DataChange::Local);
        self.joined(info, false)
    }

    /// A one-time code (15 minutes) that links another of the participant's devices.
    pub async fn create_link(&self) -> Result<LinkCodeRecord> {
        let transport = self.transport.clone();
        let code = self
            .with_store(move |s| Box::pin(async move { s.create_link(&transport).await }))
            .await?;
        Ok(LinkCodeRecord {
            summary: companion_core::link_code_summary(&code),
            code,
        })
    }

    pub async fn redeem_link(&self, server: String, code: String) -> Result<JoinedRecord> {
        let transport = self.transport.clone();
        let info = self
            .with_store(move |s| {
                Box::pin(async move { s.redeem_link(&transport, &server, &code).await })
            })
            .await?;
        self.notify(DataChange::Local);
        self.joined(info, true)
    }

    /// Pushes this device's changes and pulls everyone else's (and the program's schedule).
    pub async fn sync(&self) -> Result<SyncSummary> {
        let _turn = self.sync_turn.lock().await;
        let mut run = self.read(|s| s.start_sync())?;
        loop {
            let step = self.lock(|s| s.sync_prepare(&mut run))?;
            let Some(step) = step else { break };
            let answer = run.exchange(&self.transport, step).await?;
            self.lock(|s| s.sync_apply(&mut run, answer))?;
        }
        let report = run.finish();
        if report.changed {
            self.notify(DataChange::Synced);
        }
        Ok(report.into())
    }
}
