//! Planning: operations to SQL steps per dialect. A step is either one
//! transaction or a list of statements run outside any transaction
//! (`CREATE INDEX CONCURRENTLY`, `ALTER TYPE ... ADD VALUE`, SQLite's
//! `PRAGMA foreign_keys`, and every MySQL statement). `up.sql` marks
//! steps with `-- cstack:step ...` lines, which the runner reads back with
//! [`parse_steps`].

mod mysql;
mod postgres;
mod sqlite;

use crate::Dialect;
use crate::diff::{Diff, Renames, diff};
use crate::ops::{Op, Risk};
use crate::physical::PhysicalSchema;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub transactional: bool,
    pub statements: Vec<String>,
}

impl Step {
    pub fn tx(statements: Vec<String>) -> Step {
        Step {
            transactional: true,
            statements,
        }
    }

    pub fn no_tx(statements: Vec<String>) -> Step {
        Step {
            transactional: false,
            statements,
        }
    }
}

/// A planned migration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub ops: Vec<Op>,
    pub warnings: Vec<String>,
    pub up: Vec<Step>,
    /// `down.sql`: the inverse when every operation can be undone, else a
    /// script that fails with the reason.
    pub down: Vec<Step>,
    /// A scaffold for `up.pre.sql` when the change needs a backfill first.
    pub pre: Option<String>,
}

impl Plan {
    pub fn risk(&self) -> Risk {
        self.ops.iter().map(Op::risk).max().unwrap_or(Risk::Safe)
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// The migration from `prev` to `next` (hints for renames are read from
/// `next`).
pub fn plan(prev: &PhysicalSchema, next: &PhysicalSchema, dialect: Dialect) -> Plan {
    let renames = Renames::detect(prev, next);
    let forward = diff(prev, next, &renames, dialect);
    finish(prev, next, forward, &renames, dialect)
}

/// The operations of the migration from `prev` to `next`, without its SQL:
/// what the lossy-change lint classifies, the same operations [`plan`]
/// renders.
pub fn operations(prev: &PhysicalSchema, next: &PhysicalSchema, dialect: Dialect) -> Vec<Op> {
    diff(prev, next, &Renames::detect(prev, next), dialect).ops
}

/// The plan of the operations `forward`: its steps, its inverse, its
/// backfill scaffold.
fn finish(
    prev: &PhysicalSchema,
    next: &PhysicalSchema,
    forward: Diff,
    renames: &Renames,
    dialect: Dialect,
) -> Plan {
    let up = steps(prev, next, &forward, dialect);
    let lossy: Vec<&Op> = forward
        .ops
        .iter()
        .filter(|op| op.risk() == Risk::Lossy)
        .collect();
    let down = if lossy.is_empty() {
        let back = diff(next, prev, &renames.inverted(), dialect);
        steps(next, prev, &back, dialect)
    } else {
        let reasons: Vec<String> = lossy.iter().map(|op| op.describe()).collect();
        vec![Step::tx(vec![failing_statement(
            dialect,
            &format!(
                "this migration cannot be reverted automatically: it destroys data ({})",
                reasons.join("; ")
            ),
        )])]
    };
    let pre = pre_scaffold(&forward, dialect);
    let mut warnings = forward.warnings;
    if dialect == Dialect::Mysql {
        warnings.extend(mysql::copies(&forward.ops));
    }
    Plan {
        ops: forward.ops,
        warnings,
        up,
        down,
        pre,
    }
}

fn steps(prev: &PhysicalSchema, next: &PhysicalSchema, diff: &Diff, dialect: Dialect) -> Vec<Step> {
    if diff.ops.is_empty() {
        return Vec::new();
    }
    match dialect {
        Dialect::Postgres => postgres::steps(prev, next, &diff.ops),
        Dialect::Sqlite => sqlite::steps(prev, next, &diff.ops),
        Dialect::Mysql => mysql::steps(prev, next, &diff.ops),
    }
}

/// `DROP VIEW` of every view `ops` drops, each before the views it reads.
pub(crate) fn drop_views(prev: &PhysicalSchema, ops: &[Op]) -> Vec<String> {
    let dropped: BTreeSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::DropView { view } => Some(view.name.as_str()),
            _ => None,
        })
        .collect();
    crate::ddl::views_in_dependency_order(&prev.views)
        .into_iter()
        .rev()
        .filter(|view| dropped.contains(view.name.as_str()))
        .map(crate::sql::drop_view)
        .collect()
}

/// The statements creating every view `ops` creates, each after the views
/// it reads.
pub(crate) fn create_views(next: &PhysicalSchema, ops: &[Op], dialect: Dialect) -> Vec<String> {
    let created: BTreeSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateView { view } => Some(view.name.as_str()),
            _ => None,
        })
        .collect();
    crate::ddl::views_in_dependency_order(&next.views)
        .into_iter()
        .filter(|view| created.contains(view.name.as_str()))
        .flat_map(|view| crate::ddl::create_view_statements(view, dialect))
        .collect()
}

/// The tables `ops` creates.
pub(crate) fn created_tables(ops: &[Op]) -> BTreeSet<&str> {
    ops.iter()
        .filter_map(|op| match op {
            Op::CreateTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect()
}

/// A table's name before this migration's renames.
pub(crate) fn old_table_name(ops: &[Op], table: &str) -> String {
    ops.iter()
        .find_map(|op| match op {
            Op::RenameTable { from, to } if to == table => Some(from.clone()),
            _ => None,
        })
        .unwrap_or_else(|| table.to_string())
}

/// The tables a plan drops, children before the tables their foreign keys
/// reference (a parent cannot be dropped while a foreign key points at it),
/// otherwise in plan order. Tables in a cycle of foreign keys come last, in
/// plan order; the PostgreSQL plan drops the keys that still point at an
/// earlier one first. Linear in tables and keys: a schema's first
/// migration has a down file that drops every table.
pub(crate) fn dropped_tables_children_first(ops: &[Op]) -> Vec<&crate::physical::Table> {
    let tables: Vec<&crate::physical::Table> = ops
        .iter()
        .filter_map(|op| match op {
            Op::DropTable { table } => Some(table),
            _ => None,
        })
        .collect();
    let position: HashMap<&str, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    // references[i]: the other dropped tables table i points at;
    // pointed_at[j]: how many keys of other undropped-yet tables point at j.
    let mut references: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
    let mut pointed_at = vec![0usize; tables.len()];
    for (i, table) in tables.iter().enumerate() {
        for fk in &table.foreign_keys {
            if let Some(&j) = position.get(fk.referenced_table.as_str())
                && j != i
            {
                references[i].push(j);
                pointed_at[j] += 1;
            }
        }
    }
    let mut ready: BTreeSet<usize> = (0..tables.len()).filter(|&i| pointed_at[i] == 0).collect();
    let mut dropped = vec![false; tables.len()];
    let mut ordered = Vec::with_capacity(tables.len());
    while let Some(i) = ready.pop_first() {
        ordered.push(tables[i]);
        dropped[i] = true;
        for &j in &references[i] {
            pointed_at[j] -= 1;
            if pointed_at[j] == 0 {
                ready.insert(j);
            }
        }
    }
    ordered.extend(
        (0..tables.len())
            .filter(|&i| !dropped[i])
            .map(|i| tables[i]),
    );
    ordered
}

fn failing_statement(dialect: Dialect, message: &str) -> String {
    match dialect {
        Dialect::Postgres => format!(
            "DO $$ BEGIN RAISE EXCEPTION '%', {}; END $$",
            crate::names::literal(message)
        ),
        // SQLite has no RAISE outside triggers; naming a table that cannot
        // exist fails with the message in the error text.
        Dialect::Sqlite => format!("SELECT * FROM {}", crate::names::quote(message)),
        Dialect::Mysql => format!(
            "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = {}",
            crate::names::literal(message)
        ),
    }
}

/// Enum variants that are removed need their rows moved first.
fn pre_scaffold(diff: &Diff, dialect: Dialect) -> Option<String> {
    let mut out = String::new();
    for op in &diff.ops {
        let (from, to, columns) = match op {
            Op::ReplaceEnum { from, to, columns } => (from, to, columns.clone()),
            _ => continue,
        };
        let removed: Vec<&String> = from
            .variants
            .iter()
            .filter(|v| !to.variants.contains(v))
            .collect();
        if removed.is_empty() {
            continue;
        }
        let list: Vec<String> = removed.iter().map(|v| crate::names::literal(v)).collect();
        out.push_str(&format!(
            "-- Enum `{}` loses {}. Move the rows holding them to a remaining variant\n\
             -- before up.sql runs (its guard fails while any remain), for example:\n",
            to.name,
            list.join(", ")
        ));
        for (table, column) in columns {
            out.push_str(&format!(
                "-- UPDATE {} SET {} = '{}' WHERE {}::text IN ({});\n",
                crate::names::quote(&table),
                crate::names::quote(&column.name),
                to.variants.first().map(String::as_str).unwrap_or("?"),
                crate::names::quote(&column.name),
                list.join(", ")
            ));
        }
    }
    if dialect != Dialect::Postgres {
        // SQLite and MySQL enums are CHECKs: a narrowed one is a dropped and
        // re-added check with fewer values.
        for op in &diff.ops {
            let Op::AddCheck { table, check } = op else {
                continue;
            };
            let Some(old) = diff.ops.iter().find_map(|o| match o {
                Op::DropCheck { table: t, check: c } if t == table && c.name == check.name => {
                    Some(c)
                }
                _ => None,
            }) else {
                continue;
            };
            let (Some(column), true) = (&check.column, check.name.ends_with("_enum_check")) else {
                continue;
            };
            let new_values = quoted_values(&check.expression);
            let removed: Vec<String> = quoted_values(&old.expression)
                .into_iter()
                .filter(|v| !new_values.contains(v))
                .collect();
            if removed.is_empty() {
                continue;
            }
            let list: Vec<String> = removed.iter().map(|v| crate::names::literal(v)).collect();
            out.push_str(&format!(
                "-- Column `{table}.{column}` loses {}. Move the rows holding them to a\n\
                 -- remaining variant before up.sql runs (the new CHECK rejects\n\
                 -- them), for example:\n\
                 -- UPDATE {} SET {} = '{}' WHERE {} IN ({});\n",
                list.join(", "),
                crate::names::quote(table),
                crate::names::quote(column),
                new_values.first().map(String::as_str).unwrap_or("?"),
                crate::names::quote(column),
                list.join(", ")
            ));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The single-quoted literals of an expression, in order.
fn quoted_values(expression: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = expression;
    while let Some(start) = rest.find('\'') {
        let mut value = String::new();
        let mut chars = rest[start + 1..].char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if rest[start + 1 + i + 1..].starts_with('\'') {
                    value.push('\'');
                    chars.next();
                    continue;
                }
                end = Some(start + 1 + i + 1);
                break;
            }
            value.push(c);
        }
        out.push(value);
        match end {
            Some(end) => rest = &rest[end..],
            None => break,
        }
    }
    out
}

const STEP_MARKER: &str = "-- cstack:step ";

/// `up.sql` / `down.sql` text for steps.
pub fn render_steps(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push_str(STEP_MARKER);
        out.push_str(if step.transactional {
            "transaction\n"
        } else {
            "no-transaction\n"
        });
        for statement in &step.statements {
            out.push_str(statement);
            out.push_str(";\n");
        }
        out.push('\n');
    }
    out
}

/// Steps read back from a migration file. Text before the first marker (or
/// a file without markers) is one transactional step. Statements of a
/// non-transactional step are separated by `;` at the end of a line.
pub fn parse_steps(text: &str) -> Vec<Step> {
    let mut steps: Vec<(bool, String)> = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for line in text.lines() {
        if let Some(kind) = line.trim_end().strip_prefix(STEP_MARKER) {
            if let Some(step) = current.take() {
                steps.push(step);
            }
            current = Some((kind.trim() != "no-transaction", String::new()));
            continue;
        }
        let step = current.get_or_insert_with(|| (true, String::new()));
        step.1.push_str(line);
        step.1.push('\n');
    }
    steps.extend(current);
    steps
        .into_iter()
        .filter(|(_, body)| !is_blank_sql(body))
        .map(|(transactional, body)| {
            if transactional {
                Step::tx(vec![body.trim().to_string()])
            } else {
                Step::no_tx(split_statements(&body))
            }
        })
        .collect()
}

fn is_blank_sql(body: &str) -> bool {
    body.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with("--"))
}

fn split_statements(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        if line.trim().starts_with("--") && current.trim().is_empty() {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if line.trim_end().ends_with(';') {
            let statement = current.trim().trim_end_matches(';').trim().to_string();
            if !statement.is_empty() {
                out.push(statement);
            }
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_round_trip_through_text() {
        let steps = vec![
            Step::no_tx(vec!["ALTER TYPE \"s\" ADD VALUE IF NOT EXISTS 'b'".into()]),
            Step::tx(vec!["CREATE TABLE \"t\" (\n  \"a\" text\n)".into()]),
            Step::no_tx(vec![
                "CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"a\")".into(),
                "DROP INDEX CONCURRENTLY IF EXISTS \"j\"".into(),
            ]),
        ];
        let parsed = parse_steps(&render_steps(&steps));
        assert_eq!(parsed[0], steps[0]);
        assert!(parsed[1].transactional);
        assert_eq!(
            parsed[1].statements[0],
            "CREATE TABLE \"t\" (\n  \"a\" text\n);"
        );
        assert_eq!(parsed[2], steps[2]);
    }

    #[test]
    fn a_file_without_markers_is_one_transaction() {
        let parsed = parse_steps("-- hand written\nUPDATE t SET a = 1;\n");
        assert_eq!(parsed.len(), 1);
        assert!(parsed[0].transactional);
        assert!(parse_steps("-- only a comment\n").is_empty());
    }
}
