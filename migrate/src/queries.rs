//! Salsa queries on the compiler's database: the physical schema of a file
//! per dialect, memoised so the language server and `cstackc check` reuse it
//! across edits that do not change the schema model.

use crate::Dialect;
use crate::lower::{Lowered, lower};
use cstack_compiler::{Db, ErrorsReported, SourceFile, schema_model};
use std::sync::Arc;

/// The physical schema of `file` for `dialect`, or [`ErrorsReported`] when
/// the schema has errors.
#[salsa::tracked(returns(ref))]
pub fn physical_schema(
    db: &dyn Db,
    file: SourceFile,
    dialect: Dialect,
) -> Result<Arc<Lowered>, ErrorsReported> {
    let model = schema_model(db, file).as_ref().map_err(|e| *e)?;
    Ok(Arc::new(lower(model, dialect)))
}
