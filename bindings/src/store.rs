//! The store the apps hold: open it once, call it from any thread, and listen for changes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use companion_core::{Store, StoreKey};

use crate::error::{CompanionError, Result};
use crate::http::{HttpTransport, PlatformTransport};

/// What changed, so a shell knows what to refresh (and when to re-plan reminders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DataChange {
    /// Something was saved on this device.
    Local,
    /// A sync brought changes from another device or the program.
    Synced,
}

/// Told of every change. An exception it throws reaches Rust as `CompanionError.Callback`,
/// kept on its subscription; the change itself is saved regardless.
#[uniffi::export(with_foreign)]
pub trait ChangeListener: Send + Sync {
    fn on_change(&self, change: DataChange) -> Result<()>;
}

type Listeners = Mutex<Vec<(u64, Arc<dyn ChangeListener>, Arc<Mutex<Option<String>>>)>>;

/// The store a `CompanionStore` holds, or why it holds none.
pub(crate) enum Held {
    /// With its key, kept only to reopen the store when an erase fails: core's erase closes
    /// the store before it knows whether it can go ahead.
    Open { store: Box<Store>, key: StoreKey },
    /// Given up (erased, or not reopened after a failed erase). Calls fail with this message
    /// rather than open a new, empty store behind the app's back.
    Gone(&'static str),
}

pub(crate) const ERASED: &str = "this store was erased";

impl Held {
    /// Takes the held store, poisoned or not: a panic elsewhere while holding it must not make
    /// every later call fail, and the store itself is consistent (each write is one
    /// transaction).
    pub(crate) fn lock(held: &Mutex<Held>) -> MutexGuard<'_, Held> {
        held.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn store(&mut self) -> Result<&mut Store> {
        match self {
            Held::Open { store, .. } => Ok(&mut **store),
            Held::Gone(why) => Err(CompanionError::StoreUnusable((*why).into())),
        }
    }
}

#[derive(uniffi::Object)]
pub struct CompanionStore {
    pub(crate) held: Arc<Mutex<Held>>,
    listeners: Arc<Listeners>,
    next_listener: AtomicU64,
    /// One sync at a time: two interleaved runs would each move the sync cursor.
    pub(crate) sync_turn: tokio::sync::Mutex<()>,
    /// The app's network stack, which carries every request the core makes.
    pub(crate) transport: PlatformTransport,
}

/// A listener's registration: `cancel()` it (or drop it) to stop being told.
#[derive(uniffi::Object)]
pub struct Subscription {
    id: u64,
    listeners: Weak<Listeners>,
    last_error: Arc<Mutex<Option<String>>>,
}

#[uniffi::export]
impl Subscription {
    pub fn cancel(&self) {
        if let Some(listeners) = self.listeners.upgrade()
            && let Ok(mut list) = listeners.lock()
        {
            list.retain(|(id, _, _)| *id != self.id);
        }
    }

    /// The message of the last exception the listener threw, if any.
    pub fn last_error(&self) -> Option<String> {
        self.last_error.lock().ok().and_then(|e| e.clone())
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[uniffi::export]
impl CompanionStore {
    /// Opens (or creates) the participant's store in the directory `path`, sealed under `key`
    /// (32 bytes the app keeps in Android Keystore / iOS Keychain; see `generate_store_key`).
    /// A wrong key is `WrongKey` and changes nothing. `transport` is the app's network stack:
    /// enrolment, linking, sync and erasure send the core's requests through it.
    #[uniffi::constructor]
    pub fn open(
        path: String,
        key: Vec<u8>,
        transport: Arc<dyn HttpTransport>,
    ) -> Result<Arc<CompanionStore>> {
        let key = StoreKey::from_bytes(&zeroize::Zeroizing::new(key))?;
        let store = Store::open(&path, &key)?;
        Ok(Arc::new(CompanionStore {
            held: Arc::new(Mutex::new(Held::Open {
                store: Box::new(store),
                key,
            })),
            listeners: Arc::new(Mutex::new(Vec::new())),
            next_listener: AtomicU64::new(1),
            sync_turn: tokio::sync::Mutex::new(()),
            transport: PlatformTransport(transport),
        }))
    }

    /// Starts telling `listener` of every change, until the subscription is cancelled.
    pub fn subscribe(&self, listener: Arc<dyn ChangeListener>) -> Arc<Subscription> {
        let id = self.next_listener.fetch_add(1, Ordering::Relaxed);
        let last_error = Arc::new(Mutex::new(None));
        if let Ok(mut list) = self.listeners.lock() {
            list.push((id, listener, last_error.clone()));
        }
        Arc::new(Subscription {
            id,
            listeners: Arc::downgrade(&self.listeners),
            last_error,
        })
    }
}

/// A new random 32-byte store key, for an app setting up its store: keep it wrapped by a
/// Keystore / Keychain key, never in plain files.
#[uniffi::export]
pub fn generate_store_key() -> Result<Vec<u8>> {
    let key = StoreKey::generate()?;
    Ok(key.as_bytes().map(|k| k.to_vec()).unwrap_or_default())
}

impl CompanionStore {
    /// Runs `f` on the store, for one call; `StoreUnusable` once the store was erased.
    pub(crate) fn lock<T>(
        &self,
        f: impl FnOnce(&mut Store) -> companion_core::Result<T>,
    ) -> Result<T> {
        Ok(f(Held::lock(&self.held).store()?)?)
    }

    /// Runs a write and tells the listeners once it is saved.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut Store) -> companion_core::Result<T>,
    ) -> Result<T> {
        let out = self.lock(f)?;
        self.notify(DataChange::Local);
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Store) -> companion_core::Result<T>) -> Result<T> {
        self.lock(|s| f(s))
    }

    /// Calls every listener, outside the store's lock (a listener may call the store).
    pub(crate) fn notify(&self, change: DataChange) {
        let listeners: Vec<_> = match self.listeners.lock() {
            Ok(list) => list
                .iter()
                .map(|(_, l, e)| (l.clone(), e.clone()))
                .collect(),
            Err(_) => return,
        };
        for (listener, last_error) in listeners {
            if let Err(e) = listener.on_change(change)
                && let Ok(mut slot) = last_error.lock()
            {
                *slot = Some(e.to_string());
            }
        }
    }
}
