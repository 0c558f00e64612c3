//! The database trait every query runs against, and the concrete database the
//! binaries and tests use.

use crate::SourceFile;
use cstack_syntax::SegmentCache;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// The compiler's database.
#[salsa::db]
pub trait Db: salsa::Database {
    /// The segments of `file`'s previous parse, reused when their text is
    /// unchanged. A cache only: a parse returns the same result with or
    /// without it.
    fn segment_cache(&self, file: SourceFile) -> Arc<Mutex<SegmentCache>>;
}

/// The database of the command line, the language server and the tests.
#[salsa::db]
#[derive(Clone, Default)]
pub struct RootDatabase {
    storage: salsa::Storage<Self>,
    caches: Arc<Mutex<FxHashMap<SourceFile, Arc<Mutex<SegmentCache>>>>>,
}

impl RootDatabase {
    /// A database that hands every salsa event to `log`: what tests use to
    /// see which queries re-ran.
    pub fn with_event_log(log: impl Fn(salsa::Event) + Send + Sync + 'static) -> Self {
        Self {
            storage: salsa::Storage::new(Some(Box::new(log))),
            caches: Arc::default(),
        }
    }
}

#[salsa::db]
impl salsa::Database for RootDatabase {}

#[salsa::db]
impl Db for RootDatabase {
    fn segment_cache(&self, file: SourceFile) -> Arc<Mutex<SegmentCache>> {
        let mut caches = self
            .caches
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        caches.entry(file).or_default().clone()
    }
}
