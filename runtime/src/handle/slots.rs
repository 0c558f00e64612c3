//! One value per type, created on first use and kept in the order first
//! asked for: how the operations keep their own state on a handle (for the
//! database, or for one transaction) without the handle knowing its type.

use std::any::Any;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub(crate) type Erased = Arc<dyn Any + Send + Sync>;

/// Values keyed by their type, each with a tag given when it was created.
pub(crate) struct Slots<T> {
    entries: Mutex<Vec<(Erased, T)>>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Self {
            entries: Mutex::new(Vec::new()),
        }
    }
}

impl<T> Slots<T> {
    fn entries(&self) -> MutexGuard<'_, Vec<(Erased, T)>> {
        // A panic while the list was locked cannot leave an entry half
        // written: keep going.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The `V`, created (and tagged by `tag`) when there is none yet.
    pub(crate) fn get_or_insert<V: Any + Default + Send + Sync>(
        &self,
        tag: impl FnOnce() -> T,
    ) -> Arc<V> {
        let mut entries = self.entries();
        let found = entries
            .iter()
            .find_map(|(value, _)| value.clone().downcast::<V>().ok());
        if let Some(value) = found {
            return value;
        }
        let value = Arc::new(V::default());
        entries.push((value.clone(), tag()));
        value
    }

    /// Every value with its tag, in the order they were created, leaving
    /// none.
    pub(crate) fn take(&self) -> Vec<(Erased, T)> {
        std::mem::take(&mut *self.entries())
    }
}
