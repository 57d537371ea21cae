//! Records read from the documents, kept until a document changes.
//!
//! Reading every session out of a three-year document takes over a millisecond (automerge's
//! columnar op set, not our code), and one Today draw needs them three times; the apps draw
//! on every resume, sync and alarm. So hydrated records are kept with the versions of the
//! documents they came from (`DurableDoc::version`) and read again only when one differs.
//!
//! Keyed by the records' type, so storage knows nothing of the domains that use it.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::error::Result;

type Entry = (Vec<u64>, Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub(crate) struct RecordCache {
    slots: Mutex<HashMap<TypeId, Entry>>,
}

impl RecordCache {
    /// The `T` read from the documents at `versions`: kept, or read now with `read`. A failed
    /// read keeps nothing, so the next call reads (and reports) again.
    pub(crate) fn get<T: Any + Send + Sync>(
        &self,
        versions: Vec<u64>,
        read: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let kept = {
            // A poisoned lock only means a panic elsewhere; the map itself is whole.
            let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots
                .get(&TypeId::of::<T>())
                .filter(|(at, _)| *at == versions)
                .and_then(|(_, value)| Arc::clone(value).downcast::<T>().ok())
        };
        if let Some(value) = kept {
            return Ok(value);
        }
        // Read outside the lock: a read may itself use the cache for another type.
        let value = Arc::new(read()?);
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.insert(TypeId::of::<T>(), (versions, value.clone()));
        Ok(value)
    }
}
