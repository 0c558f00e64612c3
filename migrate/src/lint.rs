//! Lossy-change warnings for the editor and `cstackc check`: when a schema
//! has committed migration snapshots, every change that would lose data in
//! the next migration is reported on the model or field it comes from.
//! [`lossy_changes`] is what the language server calls with the snapshots
//! it read; [`lossy_changes_in_dir`] reads them from a migrations folder.

use crate::files;
use crate::ops::{Op, Risk};
use crate::snapshot::Snapshot;
use crate::{Dialect, physical_schema, plan};
use cstack_compiler::diagnostics::{Code, Diagnostic, Label, TextRange};
use cstack_compiler::syntax::ast::DeclKind;
use cstack_compiler::{Db, SourceFile, item_tree, table_name};
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
                    model_range(db, file, table, None),
                ),
                Op::AlterColumnType { table, from, to } => (
                    format!(
                        "changing the type of column `{table}.{}` from {} to {} converts \
                         every value and may lose data",
                        to.name, from.sql_type, to.sql_type
                    ),
                    model_range(db, file, table, Some(&to.name)),
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

/// The range of the model whose table is `table` (its field `column` when
/// given and present), or the start of the file.
fn model_range(db: &dyn Db, file: SourceFile, table: &str, column: Option<&str>) -> TextRange {
    for decl in &item_tree(db, file).decls {
        let syntax = decl.syntax(db);
        if syntax.kind != DeclKind::Model || table_name(syntax.name_text()) != table {
            continue;
        }
        let offset = decl.offset(db);
        let shift = |r: TextRange| TextRange::new(r.start + offset, r.end + offset);
        if let Some(column) = column
            && let Some(field) = syntax
                .fields
                .iter()
                .find(|f| cstack_compiler::to_snake_case(&f.name.text) == column)
        {
            return shift(field.name.range);
        }
        return shift(syntax.name_range());
    }
    TextRange::new(0, 0)
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
