//! Lossy-change warnings (W8001), as salsa queries: when a schema has
//! committed migration snapshots (its [`MigrationBaseline`], an input the
//! command line and the language server set from the `migrations/` folder
//! beside the schema), every change that would lose data in the next
//! migration is reported on the model or field it comes from.
//!
//! [`file_diagnostics`] is what `cstackc check`, the language server and
//! the fixture tests read: the compiler's diagnostics and these warnings,
//! in one order. Both are memoised: an edit that leaves the schema model
//! equal re-plans nothing, and a schema without snapshots plans nothing.

use crate::files;
use crate::ops::{Op, Risk};
use crate::plan::operations;
use crate::snapshot::Snapshot;
use crate::{Dialect, physical_schema};
use cstack_compiler::diagnostics::{Code, Diagnostic, Label, TextRange};
use cstack_compiler::syntax::ast::DeclKind;
use cstack_compiler::{Db, SourceFile, check_file, item_tree, schema_model};
use std::path::Path;

/// The committed migration snapshots a schema's next migration starts
/// from, one per backend with a `snapshot.json`; empty when the schema has
/// no migrations folder.
#[salsa::input(debug)]
pub struct MigrationBaseline {
    #[returns(ref)]
    pub snapshots: Vec<Snapshot>,
}

/// The snapshots under a migrations folder (`dir/<backend>/snapshot.json`),
/// and a message for each one that exists but cannot be read (left out).
/// No folder, no snapshot.
pub fn read_snapshots(dir: &Path) -> (Vec<Snapshot>, Vec<String>) {
    let mut snapshots = Vec::new();
    let mut problems = Vec::new();
    for dialect in Dialect::ALL {
        let backend = files::backend_dir(dir, dialect);
        if !backend.join(files::SNAPSHOT_FILE).is_file() {
            continue;
        }
        match files::read_snapshot(&backend, dialect) {
            Ok(snapshot) => snapshots.push(snapshot),
            Err(problem) => problems.push(problem),
        }
    }
    (snapshots, problems)
}

/// Every diagnostic of `file`: the compiler's, and the lossy changes
/// against `baseline`, sorted by position, then code.
#[salsa::tracked(returns(ref))]
pub fn file_diagnostics(
    db: &dyn Db,
    file: SourceFile,
    baseline: MigrationBaseline,
) -> Vec<Diagnostic> {
    let checked = &check_file(db, file).diagnostics;
    let lossy = lossy_changes(db, file, baseline);
    if lossy.is_empty() {
        return checked.clone();
    }
    let mut all: Vec<Diagnostic> = checked.iter().chain(lossy).cloned().collect();
    all.sort_by(|a, b| {
        (a.primary.range.start, a.primary.range.end, a.code).cmp(&(
            b.primary.range.start,
            b.primary.range.end,
            b.code,
        ))
    });
    all
}

/// One warning per lossy operation against each snapshot of `baseline`,
/// with absolute ranges in `file`. Empty when the schema has errors.
#[salsa::tracked(returns(ref))]
pub fn lossy_changes(
    db: &dyn Db,
    file: SourceFile,
    baseline: MigrationBaseline,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for snapshot in baseline.snapshots(db) {
        let Ok(lowered) = physical_schema(db, file, snapshot.dialect) else {
            return Vec::new();
        };
        let ops = operations(&snapshot.schema, &lowered.schema, snapshot.dialect);
        for op in ops.iter().filter(|op| op.risk() == Risk::Lossy) {
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

/// The range of the model `table` was lowered from (of the field `column`
/// comes from, when given and written in the model itself), or the start of
/// the file.
fn model_range(db: &dyn Db, file: SourceFile, table: &str, column: Option<&str>) -> TextRange {
    let Ok(model) = schema_model(db, file) else {
        return TextRange::new(0, 0);
    };
    let Some(record) = model.models.iter().find(|record| record.table == table) else {
        return TextRange::new(0, 0);
    };
    let field = column
        .and_then(|column| record.fields.iter().find(|field| field.column == column))
        .map(|field| field.name.as_str());
    let Some(decl) = item_tree(db, file)
        .decls
        .iter()
        .find(|decl| decl.kind(db) == DeclKind::Model && *decl.name(db) == record.name)
    else {
        return TextRange::new(0, 0);
    };
    let syntax = decl.syntax(db);
    let range = field
        .and_then(|field| syntax.field(field))
        .map_or(syntax.name_range(), |field| field.name.range);
    range.shifted(decl.offset(db))
}
