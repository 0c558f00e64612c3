//! The line index of a file, computed once per revision of its text and
//! shared by every request against that revision.

use cstack_compiler::{Db, SourceFile};
use cstack_diagnostics::LineIndex;
use std::sync::Arc;

#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn Db, file: SourceFile) -> Arc<LineIndex> {
    Arc::new(LineIndex::new(file.text(db)))
}
