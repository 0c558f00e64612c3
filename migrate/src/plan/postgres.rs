//! PostgreSQL plans, lock-safe on tables that already exist: every
//! transaction sets `lock_timeout`; indexes are built and dropped
//! `CONCURRENTLY` outside transactions; foreign keys and CHECKs are added
//! `NOT VALID` and validated in a later transaction; `SET NOT NULL` is
//! proven by a validated CHECK first so it does not scan under an exclusive
//! lock; enum variants are added with `ADD VALUE` outside the transaction
//! that may use them.

use super::Step;
use crate::names::{literal, quote, quote_list};
use crate::ops::Op;
use crate::physical::PhysicalSchema;
use crate::{Dialect, sql};
use std::collections::{BTreeSet, HashMap};

const LOCK_TIMEOUT: &str = "SET LOCAL lock_timeout = '5s'";

pub fn steps(prev: &PhysicalSchema, next: &PhysicalSchema, ops: &[Op]) -> Vec<Step> {
    let created = super::created_tables(ops);
    let existing = |table: &str| !created.contains(table);
    let mut before = Vec::new(); // no-transaction, before the main transaction
    let mut main = vec![LOCK_TIMEOUT.to_string()];
    let mut concurrent = Vec::new(); // no-transaction, after it
    let mut validate = Vec::new(); // one transaction each, last
    // Foreign keys that reference a unique built concurrently below: the
    // referenced key exists only once that index is built and attached, so
    // they are added in a transaction after those steps.
    let pending_uniques = uniques_built_concurrently(ops, &existing);
    let waits_for_unique = |fk: &crate::physical::ForeignKey| {
        pending_uniques.contains(&(
            fk.referenced_table.as_str(),
            fk.referenced_columns.as_slice(),
        ))
    };
    let mut after_uniques = vec![LOCK_TIMEOUT.to_string()];
    let mut validate_after_uniques = Vec::new();

    // Enum additions first, committed before anything uses the new values.
    for op in ops {
        if let Op::AddEnumVariants { from, to } = op {
            for (i, variant) in to.variants.iter().enumerate() {
                if from.variants.contains(variant) {
                    continue;
                }
                let position = match to.variants[i + 1..]
                    .iter()
                    .find(|v| from.variants.contains(v))
                {
                    Some(next_old) => format!(" BEFORE {}", literal(next_old)),
                    None => String::new(),
                };
                before.push(format!(
                    "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{position}",
                    quote(&to.name),
                    literal(variant)
                ));
            }
        }
    }

    // Guards for enum variants that disappear.
    for op in ops {
        if let Op::ReplaceEnum { from, to, columns } = op {
            let removed: Vec<String> = from
                .variants
                .iter()
                .filter(|v| !to.variants.contains(v))
                .map(|v| literal(v))
                .collect();
            if removed.is_empty() {
                continue;
            }
            for (table, column) in columns {
                let old_name = old_column_name(ops, table, &column.name);
                let old_table = super::old_table_name(ops, table);
                main.push(format!(
                    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM {} WHERE {}::text IN ({})) THEN \
                     RAISE EXCEPTION 'rows of {} still hold removed values of enum {} in column {}; \
                     move them in up.pre.sql'; END IF; END $$",
                    quote(&old_table),
                    quote(&old_name),
                    removed.join(", "),
                    table.replace('\'', "''"),
                    to.name.replace('\'', "''"),
                    column.name.replace('\'', "''"),
                ));
            }
        }
    }

    // Drops of views (reverse dependency order), then of constraints.
    main.extend(super::drop_views(prev, ops));
    // Foreign keys go before the unique keys they reference, including
    // those of tables dropped later in the transaction.
    let dropped_uniques: BTreeSet<(&str, &[String])> = ops
        .iter()
        .filter_map(|op| match op {
            Op::DropUnique { table, unique } => Some((table.as_str(), unique.columns.as_slice())),
            _ => None,
        })
        .collect();
    for op in ops {
        match op {
            Op::DropForeignKey { table, foreign_key } => main.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                quote(&super::old_table_name(ops, table)),
                quote(&foreign_key.name)
            )),
            Op::DropTable { table } => {
                for fk in &table.foreign_keys {
                    let key = (
                        fk.referenced_table.as_str(),
                        fk.referenced_columns.as_slice(),
                    );
                    if dropped_uniques.contains(&key) {
                        main.push(format!(
                            "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                            quote(&table.name),
                            quote(&fk.name)
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::DropCheck { table, check } => main.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                quote(&super::old_table_name(ops, table)),
                quote(&check.name)
            )),
            Op::DropUnique { table, unique } => main.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                quote(&super::old_table_name(ops, table)),
                quote(&unique.name)
            )),
            Op::DropPrimaryKey { table, primary_key } => main.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                quote(&super::old_table_name(ops, table)),
                quote(&primary_key.name)
            )),
            Op::DropIndex { index, .. } => before.push(format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}",
                quote(&index.name)
            )),
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::CreateExtension { name } => main.push(sql::create_extension(name)),
            Op::CreateEnum { enum_type } => main.push(sql::create_enum(enum_type)),
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::RenameTable { from, to } => main.push(format!(
                "ALTER TABLE {} RENAME TO {}",
                quote(from),
                quote(to)
            )),
            Op::RenameColumn { table, from, to } => main.push(sql::rename_column(table, from, to)),
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::RenameConstraint {
                table, from, to, ..
            } => main.push(format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                quote(table),
                quote(from),
                quote(to)
            )),
            Op::RenameIndex { from, index, .. } => main.push(format!(
                "ALTER INDEX {} RENAME TO {}",
                quote(from),
                quote(&index.name)
            )),
            _ => {}
        }
    }
    // Enum swaps: the columns that existed before move to the new type.
    let added: BTreeSet<(String, String)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AddColumn { table, column } => Some((table.clone(), column.name.clone())),
            _ => None,
        })
        .collect();
    for op in ops {
        if let Op::ReplaceEnum { to, columns, .. } = op {
            let old = format!("{}__old", to.name);
            main.push(format!(
                "ALTER TYPE {} RENAME TO {}",
                quote(&to.name),
                quote(&old)
            ));
            main.push(sql::create_enum(to));
            for (table, column) in columns {
                if added.contains(&(table.clone(), column.name.clone()))
                    || created.contains(table.as_str())
                {
                    continue;
                }
                let ty = sql::sql_type(&column.sql_type, Dialect::Postgres);
                let t = quote(table);
                let c = quote(&column.name);
                let prev_default = prev
                    .table(&super::old_table_name(ops, table))
                    .and_then(|t| t.column(&old_column_name(ops, table, &column.name)))
                    .and_then(|c| c.default.clone());
                if prev_default.is_some() {
                    main.push(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT"));
                }
                let using = if column.sql_type.ends_with("[]") {
                    format!("{c}::text[]::{ty}")
                } else {
                    format!("{c}::text::{ty}")
                };
                main.push(format!(
                    "ALTER TABLE {t} ALTER COLUMN {c} TYPE {ty} USING {using}"
                ));
                if let Some(default) = &column.default {
                    main.push(format!(
                        "ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {default}"
                    ));
                }
            }
            main.push(format!("DROP TYPE {}", quote(&old)));
        }
    }
    for op in ops {
        if let Op::CreateTable { table } = op {
            main.push(sql::create_table(table, Dialect::Postgres, false));
        }
    }
    for op in ops {
        match op {
            Op::AddColumn { table, column } => main.push(format!(
                "ALTER TABLE {} ADD COLUMN {}",
                quote(table),
                sql::column_definition(column, Dialect::Postgres)
            )),
            Op::AlterColumnType { table, to, .. } => {
                let ty = sql::sql_type(&to.sql_type, Dialect::Postgres);
                let c = quote(&to.name);
                let t = quote(table);
                // A default of the old type may not cast; drop it around
                // the change (SetDefault restores the new one).
                main.push(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT"));
                main.push(format!(
                    "ALTER TABLE {t} ALTER COLUMN {c} TYPE {ty} USING {c}::text::{ty}"
                ));
                if let Some(default) = &to.default {
                    main.push(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {default}"));
                }
            }
            Op::SetIdentity {
                table,
                column,
                identity,
            } => main.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} {}",
                quote(table),
                quote(&column.name),
                if *identity {
                    "ADD GENERATED BY DEFAULT AS IDENTITY"
                } else {
                    "DROP IDENTITY IF EXISTS"
                }
            )),
            Op::SetDefault { table, to, .. }
                if !ops.iter().any(|o| matches!(o, Op::AlterColumnType { table: t, to: c, .. } if t == table && c.name == to.name)) =>
            {
                main.push(match &to.default {
                    Some(default) => format!(
                        "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {default}",
                        quote(table),
                        quote(&to.name)
                    ),
                    None => format!(
                        "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT",
                        quote(table),
                        quote(&to.name)
                    ),
                })
            }
            Op::DropNotNull { table, column } => main.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL",
                quote(table),
                quote(&column.name)
            )),
            Op::SetNotNull { table, column } => {
                // Prove it with a validated CHECK, so SET NOT NULL needs no scan.
                let check = crate::names::fit_identifier(&format!(
                    "{table}_{}_not_null",
                    column.name
                ));
                let t = quote(table);
                let c = quote(&column.name);
                // NULL → NOT NULL with a default: the default fills the gaps.
                if let Some(default) = &column.default {
                    main.push(format!("UPDATE {t} SET {c} = {default} WHERE {c} IS NULL"));
                }
                main.push(format!(
                    "ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({c} IS NOT NULL) NOT VALID",
                    quote(&check)
                ));
                validate.push(Step::tx(vec![
                    LOCK_TIMEOUT.into(),
                    format!("ALTER TABLE {t} VALIDATE CONSTRAINT {}", quote(&check)),
                    format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL"),
                    format!("ALTER TABLE {t} DROP CONSTRAINT {}", quote(&check)),
                ]));
            }
            _ => {}
        }
    }
    for op in ops {
        if let Op::DropColumn { table, column } = op {
            main.push(format!(
                "ALTER TABLE {} DROP COLUMN {}",
                quote(table),
                quote(&column.name)
            ));
        }
    }
    let dropped_tables = super::dropped_tables_children_first(ops);
    let drop_position: HashMap<&str, usize> = dropped_tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    for (i, table) in dropped_tables.iter().enumerate() {
        // Only a cycle of foreign keys among dropped tables leaves a key
        // pointing at a table dropped earlier: those keys go first.
        for fk in &table.foreign_keys {
            if drop_position
                .get(fk.referenced_table.as_str())
                .is_some_and(|&j| j < i)
            {
                main.push(format!(
                    "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
                    quote(&table.name),
                    quote(&fk.name)
                ));
            }
        }
    }
    for table in &dropped_tables {
        main.push(format!("DROP TABLE {}", quote(&table.name)));
    }
    for op in ops {
        if let Op::DropEnum { enum_type } = op {
            main.push(format!("DROP TYPE {}", quote(&enum_type.name)));
        }
    }
    for op in ops {
        match op {
            Op::AddPrimaryKey { table, primary_key } => main.push(format!(
                "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})",
                quote(table),
                quote(&primary_key.name),
                quote_list(&primary_key.columns)
            )),
            Op::CreateTable { table } => {
                for fk in &table.foreign_keys {
                    let statement = sql::add_foreign_key(&table.name, fk, false);
                    if waits_for_unique(fk) {
                        after_uniques.push(statement);
                    } else {
                        main.push(statement);
                    }
                }
                for index in &table.indexes {
                    main.push(sql::create_index(
                        &table.name,
                        index,
                        Dialect::Postgres,
                        false,
                    ));
                }
            }
            Op::AddForeignKey { table, foreign_key } if existing(table) => {
                let (statements, validations) = if waits_for_unique(foreign_key) {
                    (&mut after_uniques, &mut validate_after_uniques)
                } else {
                    (&mut main, &mut validate)
                };
                statements.push(sql::add_foreign_key(table, foreign_key, true));
                validations.push(Step::tx(vec![
                    LOCK_TIMEOUT.into(),
                    format!(
                        "ALTER TABLE {} VALIDATE CONSTRAINT {}",
                        quote(table),
                        quote(&foreign_key.name)
                    ),
                ]));
            }
            Op::AddCheck { table, check } if existing(table) => {
                main.push(format!(
                    "ALTER TABLE {} ADD {} NOT VALID",
                    quote(table),
                    sql::check_clause(check)
                ));
                validate.push(Step::tx(vec![
                    LOCK_TIMEOUT.into(),
                    format!(
                        "ALTER TABLE {} VALIDATE CONSTRAINT {}",
                        quote(table),
                        quote(&check.name)
                    ),
                ]));
            }
            Op::AddUnique { table, unique } if existing(table) => {
                concurrent.push(format!(
                    "DROP INDEX CONCURRENTLY IF EXISTS {}",
                    quote(&unique.name)
                ));
                concurrent.push(sql::create_index(
                    table,
                    &crate::lower::unique_as_index(unique),
                    Dialect::Postgres,
                    true,
                ));
                validate.push(Step::tx(vec![
                    LOCK_TIMEOUT.into(),
                    format!(
                        "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE USING INDEX {}",
                        quote(table),
                        quote(&unique.name),
                        quote(&unique.name)
                    ),
                ]));
            }
            Op::CreateIndex { table, index } if existing(table) => {
                concurrent.push(format!(
                    "DROP INDEX CONCURRENTLY IF EXISTS {}",
                    quote(&index.name)
                ));
                concurrent.push(sql::create_index(table, index, Dialect::Postgres, true));
            }
            _ => {}
        }
    }
    main.extend(super::create_views(next, ops, Dialect::Postgres));

    let mut steps = Vec::new();
    if !before.is_empty() {
        steps.push(Step::no_tx(before));
    }
    if main.len() > 1 {
        steps.push(Step::tx(main));
    }
    // A failed concurrent build leaves an invalid index behind; dropping
    // any leftover first makes the step safe to re-run.
    if !concurrent.is_empty() {
        steps.push(Step::no_tx(concurrent));
    }
    steps.extend(validate);
    if after_uniques.len() > 1 {
        steps.push(Step::tx(after_uniques));
    }
    steps.extend(validate_after_uniques);
    steps
}

/// `(table, columns)` of the unique keys this plan builds with
/// `CREATE UNIQUE INDEX CONCURRENTLY` on tables that already exist.
fn uniques_built_concurrently<'a>(
    ops: &'a [Op],
    existing: &impl Fn(&str) -> bool,
) -> BTreeSet<(&'a str, &'a [String])> {
    ops.iter()
        .filter_map(|op| match op {
            Op::AddUnique { table, unique } if existing(table) => {
                Some((table.as_str(), unique.columns.as_slice()))
            }
            Op::CreateIndex { table, index } if index.unique && existing(table) => {
                Some((table.as_str(), index.columns.as_slice()))
            }
            _ => None,
        })
        .collect()
}

/// A column's name before this migration's renames.
fn old_column_name(ops: &[Op], table: &str, column: &str) -> String {
    ops.iter()
        .find_map(|op| match op {
            Op::RenameColumn { table: t, from, to } if t == table && to == column => {
                Some(from.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| column.to_string())
}
