//! Lossy-change warnings for the editor and `cstackc check`: when a schema
//! has committed migration snapshots, every change that would lose data in
//! the next migration is reported on the model or field it comes from.
//! [`lossy_changes`] is what the language server calls with the snapshots
//! it read; [`lossy_changes_in_dir`] reads them from a migrations folder.

use crate::files;
use crate::lower::Lowered;
use crate::ops::{Op, Risk};
use crate::snapshot::Snapshot;
use crate::{Dialect, physical_schema, plan};
use cstack_compiler::diagnostics::{Code, Diagnostic, Label, TextRange};
use cstack_compiler::syntax::ast::DeclKind;
use cstack_compiler::{Db, SourceFile, item_tree};
use std::path::Path;

/// One warning per lossy operation against each snapshot, with absolute
/// ranges in `file`. Empty when the schema has errors.
pub fn lossy_changes(db: &dyn Db, file: SourceFile, snapshots: &[Snapshot]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for snapshot in snapshots {
        let Ok(lowered) = physical_schema(db, file, snapshot.dialect) else {
            return Vec::new();
        };
        let plan = plan(&snapshot.schema, &lowered.schema, snapshot.dialect);
        for op in plan.ops.iter().filter(|op| op.risk() == Risk::Lossy) {
            let (message, range) = match op {
                Op::DropTable { table } => (
                    format!(
                        "removing the model of table `{}` drops the table and all its rows; \
                         add `@@rename(from = ...)` to the model it became if it was renamed",
                        table.name
                    ),
                    TextRange::new(0, 0),
                ),
                Op::DropColumn { table, column } => (
                    format!(
                        "removing `{}` drops column `{}.{}` and its data; add \
                         `@rename(from = ...)` if it was renamed",
                        column.name, table, column.name
                    ),
                    model_range(db, file, lowered, table, None),
                ),
                Op::AlterColumnType { table, from, to } => (
                    format!(
                        "changing the type of column `{table}.{}` from {} to {} converts \
                         every value and may lose data",
                        to.name, from.sql_type, to.sql_type
                    ),
                    model_range(db, file, lowered, table, Some(&to.name)),
                ),
                other => (other.describe(), TextRange::new(0, 0)),
            };
            let message = format!("{} ({})", message, snapshot.dialect);
            if out.iter().any(|d| d.message == message) {
                continue;
            }
            out.push(
                Diagnostic::new(Code::LossyMigration, message, Label::new(range, ""))
                    .with_help("`cstackc migrate diff` refuses this without --allow-destructive"),
            );
        }
    }
    out
}

/// The range of the model `table` was lowered from (of the field `column`
/// comes from, when given and written in the model itself), or the start of
/// the file.
fn model_range(
    db: &dyn Db,
    file: SourceFile,
    lowered: &Lowered,
    table: &str,
    column: Option<&str>,
) -> TextRange {
    let Some(origin) = lowered.origin(table, None) else {
        return TextRange::new(0, 0);
    };
    let field = column
        .and_then(|column| lowered.origin(table, Some(column)))
        .and_then(|origin| origin.field.as_deref());
    let Some(decl) = item_tree(db, file)
        .decls
        .iter()
        .find(|decl| decl.kind(db) == DeclKind::Model && *decl.name(db) == origin.model)
    else {
        return TextRange::new(0, 0);
    };
    let syntax = decl.syntax(db);
    let range = field
        .and_then(|field| syntax.field(field))
        .map_or(syntax.name_range(), |field| field.name.range);
    range.shifted(decl.offset(db))
}

/// [`lossy_changes`] against the snapshots under `dir` (`dir/<backend>/
/// snapshot.json`). No folder, no snapshot: no warnings.
pub fn lossy_changes_in_dir(db: &dyn Db, file: SourceFile, dir: &Path) -> Vec<Diagnostic> {
    let snapshots: Vec<Snapshot> = Dialect::ALL
        .into_iter()
        .filter(|d| {
            files::backend_dir(dir, *d)
                .join(files::SNAPSHOT_FILE)
                .is_file()
        })
        .filter_map(|d| files::read_snapshot(&files::backend_dir(dir, d), d).ok())
        .collect();
    lossy_changes(db, file, &snapshots)
}
