//! SQLite plans. `ALTER TABLE` covers renames and simple added columns;
//! every other change to an existing table uses SQLite's documented 12-step
//! rebuild: foreign keys switched off outside the transaction, a new table
//! with the full definition (inline CHECKs and foreign keys), rows copied,
//! the old table dropped and the new one renamed into place, indexes and
//! views recreated, `PRAGMA foreign_key_check` before commit (the runner
//! checks it), and foreign keys switched back on. Because foreign keys are
//! off, dropping the old table cannot cascade into child rows.

use super::Step;
use crate::names::{quote, quote_list};
use crate::ops::{ConstraintKind, Op};
use crate::physical::{PhysicalSchema, Table};
use crate::{Dialect, sql};
use std::collections::{BTreeMap, BTreeSet};

pub fn steps(prev: &PhysicalSchema, next: &PhysicalSchema, ops: &[Op]) -> Vec<Step> {
    let created = super::created_tables(ops);
    // Tables that need a rebuild: any change ALTER TABLE cannot make.
    let mut rebuild: BTreeSet<String> = BTreeSet::new();
    for op in ops {
        let Some(table) = op.table() else { continue };
        if created.contains(table) {
            continue;
        }
        let simple = match op {
            Op::RenameTable { .. }
            | Op::RenameColumn { .. }
            | Op::CreateIndex { .. }
            | Op::DropIndex { .. }
            | Op::AddUnique { .. }
            | Op::DropUnique { .. }
            | Op::DropTable { .. }
            | Op::RenameIndex { .. }
            | Op::RenameConstraint {
                kind: ConstraintKind::Unique,
                ..
            } => true,
            Op::AddColumn { column, .. } => {
                (!column.not_null || column.default.is_some())
                    && column.default.as_ref().is_none_or(|d| !d.starts_with('('))
                    && !column.identity
            }
            _ => false,
        };
        if !simple {
            rebuild.insert(table.to_string());
        }
    }

    let mut main = Vec::new();
    main.extend(super::drop_views(prev, ops));
    for op in ops {
        match op {
            Op::DropIndex { index, .. } => {
                main.push(format!("DROP INDEX IF EXISTS {}", quote(&index.name)))
            }
            Op::DropUnique { unique, .. } => {
                main.push(format!("DROP INDEX IF EXISTS {}", quote(&unique.name)))
            }
            _ => {}
        }
    }
    for op in ops {
        if let Op::RenameTable { from, to } = op {
            main.push(format!(
                "ALTER TABLE {} RENAME TO {}",
                quote(from),
                quote(to)
            ));
        }
    }
    for op in ops {
        match op {
            Op::RenameColumn { table, from, to } if !rebuild.contains(table) => {
                main.push(sql::rename_column(table, from, to))
            }
            Op::AddColumn { table, column } if !rebuild.contains(table) => main.push(format!(
                "ALTER TABLE {} ADD COLUMN {}",
                quote(table),
                sql::column_definition(column, Dialect::Sqlite)
            )),
            _ => {}
        }
    }
    // Children first: with foreign keys on, dropping a parent first would
    // fail on the child rows that still point at it.
    for table in super::dropped_tables_children_first(ops) {
        main.push(format!("DROP TABLE {}", quote(&table.name)));
    }
    for op in ops {
        if let Op::CreateTable { table } = op {
            main.push(sql::create_table(table, Dialect::Sqlite, true));
            for unique in &table.uniques {
                main.push(sql::create_index(
                    &table.name,
                    &crate::lower::unique_as_index(unique),
                    Dialect::Sqlite,
                    false,
                ));
            }
            for index in &table.indexes {
                main.push(sql::create_index(
                    &table.name,
                    index,
                    Dialect::Sqlite,
                    false,
                ));
            }
        }
    }
    for name in &rebuild {
        let Some(new) = next.table(name) else {
            continue;
        };
        main.extend(rebuild_table(ops, new));
    }
    for op in ops {
        match op {
            Op::RenameIndex { table, from, index } if !rebuild.contains(table) => {
                main.push(format!("DROP INDEX IF EXISTS {}", quote(from)));
                main.push(sql::create_index(table, index, Dialect::Sqlite, false));
            }
            Op::RenameConstraint {
                table,
                from,
                to,
                kind: ConstraintKind::Unique,
            } if !rebuild.contains(table) => {
                if let Some(unique) = next
                    .table(table)
                    .and_then(|t| t.uniques.iter().find(|u| &u.name == to))
                {
                    main.push(format!("DROP INDEX IF EXISTS {}", quote(from)));
                    main.push(sql::create_index(
                        table,
                        &crate::lower::unique_as_index(unique),
                        Dialect::Sqlite,
                        false,
                    ));
                }
            }
            Op::CreateIndex { table, index }
                if !created.contains(table.as_str()) && !rebuild.contains(table) =>
            {
                main.push(sql::create_index(table, index, Dialect::Sqlite, false))
            }
            Op::AddUnique { table, unique }
                if !created.contains(table.as_str()) && !rebuild.contains(table) =>
            {
                main.push(sql::create_index(
                    table,
                    &crate::lower::unique_as_index(unique),
                    Dialect::Sqlite,
                    false,
                ))
            }
            _ => {}
        }
    }
    main.extend(super::create_views(next, ops, Dialect::Sqlite));
    if main.is_empty() {
        return Vec::new();
    }
    if rebuild.is_empty() {
        return vec![Step::tx(main)];
    }
    vec![
        Step::no_tx(vec!["PRAGMA foreign_keys = OFF".into()]),
        Step::tx(main),
        Step::no_tx(vec!["PRAGMA foreign_keys = ON".into()]),
    ]
}

/// Steps 4 to 8 of the rebuild for one table, already renamed if it was.
fn rebuild_table(ops: &[Op], new: &Table) -> Vec<String> {
    let temp = format!("{}__new", new.name);
    let mut definition = new.clone();
    definition.name = temp.clone();
    let mut out = vec![sql::create_table(&definition, Dialect::Sqlite, true)];
    // New column → the old column it is copied from.
    let renamed: BTreeMap<&str, &str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::RenameColumn { table, from, to } if *table == new.name => {
                Some((to.as_str(), from.as_str()))
            }
            _ => None,
        })
        .collect();
    let added: BTreeSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AddColumn { table, column } if *table == new.name => Some(column.name.as_str()),
            _ => None,
        })
        .collect();
    let changed_type: BTreeSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AlterColumnType { table, to, .. } if *table == new.name => Some(to.name.as_str()),
            _ => None,
        })
        .collect();
    let mut targets = Vec::new();
    let mut sources = Vec::new();
    for column in &new.columns {
        if added.contains(column.name.as_str()) {
            continue;
        }
        let source = quote(
            renamed
                .get(column.name.as_str())
                .unwrap_or(&column.name.as_str()),
        );
        let mut expression = if changed_type.contains(column.name.as_str()) {
            format!("CAST({source} AS {})", column.sql_type)
        } else {
            source
        };
        // NULL → NOT NULL with a default: the default fills the gaps.
        if column.not_null
            && let Some(default) = &column.default
        {
            expression = format!("COALESCE({expression}, {default})");
        }
        targets.push(column.name.clone());
        sources.push(expression);
    }
    if !targets.is_empty() {
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            quote(&temp),
            quote_list(&targets),
            sources.join(", "),
            quote(&new.name)
        ));
    }
    out.push(format!("DROP TABLE {}", quote(&new.name)));
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        quote(&temp),
        quote(&new.name)
    ));
    for unique in &new.uniques {
        out.push(sql::create_index(
            &new.name,
            &crate::lower::unique_as_index(unique),
            Dialect::Sqlite,
            false,
        ));
    }
    for index in &new.indexes {
        out.push(sql::create_index(&new.name, index, Dialect::Sqlite, false));
    }
    out
}
