//! The parse query.

use crate::{Db, SourceFile};
use cstack_syntax::ParsedSource;

/// Parses a file. Not compared for equality (trees have none); the item tree
/// after it is where unchanged results stop propagating.
#[salsa::tracked(returns(ref), no_eq)]
pub fn parse(db: &dyn Db, file: SourceFile) -> ParsedSource {
    let text = file.text(db);
    let cache = db.segment_cache(file);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cstack_syntax::parse(text, &mut cache)
}
