//! MySQL and MariaDB plans. Their DDL is not transactional (each statement
//! commits by itself), so every statement is its own step: the runner
//! records each one as it completes, and an apply that fails resumes at
//! the statement that failed. Indexes and unique keys are built in place
//! with concurrent reads and writes (`ALGORITHM = INPLACE, LOCK = NONE`,
//! as `sql::MYSQL_ONLINE` does for `CREATE INDEX`);
//! columns are added and dropped `ALGORITHM = INSTANT` where the server
//! can; every other change that copies or rebuilds the table is named in
//! the plan's warnings ([`copies`]).

use super::Step;
use crate::Dialect;
use crate::ddl::mysql_tables;
use crate::names::{quote, quote_list};
use crate::ops::{ConstraintKind, Op};
use crate::physical::{Column, PhysicalSchema};
use crate::sql;
use std::collections::BTreeSet;

const MYSQL: Dialect = Dialect::Mysql;

pub fn steps(prev: &PhysicalSchema, next: &PhysicalSchema, ops: &[Op]) -> Vec<Step> {
    let created = super::created_tables(ops);
    let existing = |table: &str| !created.contains(table);
    let mut out: Vec<String> = Vec::new();

    // Views first (dependents before what they read), then foreign keys,
    // which must go before the keys they reference and the tables they
    // join.
    out.extend(super::drop_views(prev, ops));
    let dropped_tables = super::dropped_tables_children_first(ops);
    let dropped: BTreeSet<&str> = dropped_tables.iter().map(|t| t.name.as_str()).collect();
    for op in ops {
        if let Op::DropForeignKey { table, foreign_key } = op {
            out.push(format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}",
                quote(&super::old_table_name(ops, table)),
                quote(&foreign_key.name)
            ));
        }
    }
    // Foreign keys of dropped tables that point at another dropped table:
    // without them the tables can go in any order.
    for table in &dropped_tables {
        for fk in &table.foreign_keys {
            if dropped.contains(fk.referenced_table.as_str()) && fk.referenced_table != table.name {
                out.push(format!(
                    "ALTER TABLE {} DROP FOREIGN KEY {}",
                    quote(&table.name),
                    quote(&fk.name)
                ));
            }
        }
    }
    // An index a foreign key needs cannot be dropped before another one
    // covers the key: indexes go after the new ones are built, unless a new
    // one takes their name.
    let recreated: BTreeSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateIndex { index, .. } => Some(index.name.as_str()),
            Op::AddUnique { unique, .. } => Some(unique.name.as_str()),
            _ => None,
        })
        .collect();
    for op in ops {
        match op {
            Op::DropCheck { table, check } => out.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                quote(&super::old_table_name(ops, table)),
                quote(&check.name)
            )),
            Op::DropUnique { table, unique } if recreated.contains(unique.name.as_str()) => {
                out.push(drop_index(&super::old_table_name(ops, table), &unique.name))
            }
            Op::DropIndex { table, index } if recreated.contains(index.name.as_str()) => {
                out.push(drop_index(&super::old_table_name(ops, table), &index.name))
            }
            Op::DropPrimaryKey { table, .. } => out.push(format!(
                "ALTER TABLE {} DROP PRIMARY KEY",
                quote(&super::old_table_name(ops, table))
            )),
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::RenameTable { from, to } => {
                out.push(format!("RENAME TABLE {} TO {}", quote(from), quote(to)))
            }
            Op::RenameColumn { table, from, to } => out.push(sql::rename_column(table, from, to)),
            _ => {}
        }
    }
    for op in ops {
        match op {
            // MySQL's primary key is always named `PRIMARY`.
            Op::RenameConstraint {
                kind: ConstraintKind::PrimaryKey,
                ..
            } => {}
            Op::RenameConstraint {
                table,
                from,
                to,
                kind: ConstraintKind::Unique,
            } => out.push(rename_index(table, from, to)),
            Op::RenameIndex { table, from, index } => {
                out.push(rename_index(table, from, &index.name))
            }
            // Foreign keys and checks cannot be renamed: dropped and added
            // again under the new name.
            Op::RenameConstraint {
                table,
                from,
                to,
                kind: ConstraintKind::ForeignKey,
            } => {
                if let Some(fk) = next
                    .table(table)
                    .and_then(|t| t.foreign_keys.iter().find(|fk| &fk.name == to))
                {
                    out.push(format!(
                        "ALTER TABLE {} DROP FOREIGN KEY {}",
                        quote(table),
                        quote(from)
                    ));
                    out.push(sql::add_foreign_key(table, fk, false));
                }
            }
            Op::RenameConstraint {
                table,
                from,
                to,
                kind: ConstraintKind::Check,
            } => {
                if let Some(check) = next
                    .table(table)
                    .and_then(|t| t.checks.iter().find(|c| &c.name == to))
                {
                    out.push(format!(
                        "ALTER TABLE {} DROP CONSTRAINT {}",
                        quote(table),
                        quote(from)
                    ));
                    out.push(format!(
                        "ALTER TABLE {} ADD {}",
                        quote(table),
                        sql::check_clause(check)
                    ));
                }
            }
            _ => {}
        }
    }
    // New tables whole, parents first, with the foreign keys between them;
    // those to tables that already exist (whose keys this plan may still
    // change) and those in a cycle come with the other foreign keys, last.
    let new_tables: Vec<&crate::physical::Table> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateTable { table } => Some(table),
            _ => None,
        })
        .collect();
    let (created_tables, later_keys) = mysql_tables(&new_tables, |_| false);
    out.extend(created_tables);
    // Added columns first: cheap, and nothing the changes below make
    // depends on their absence.
    for op in ops {
        if let Op::AddColumn { table, column } = op {
            out.push(format!(
                "ALTER TABLE {} ADD COLUMN {}{}",
                quote(table),
                sql::column_definition(column, MYSQL),
                if instant_add(column) {
                    ", ALGORITHM = INSTANT"
                } else {
                    ""
                }
            ));
        }
    }
    for op in ops {
        match op {
            Op::AlterColumnType { table, to, .. } => out.push(modify(table, to)),
            Op::SetNotNull { table, column } => {
                // NULL → NOT NULL with a default: the default fills the gaps.
                if let Some(default) = &column.default {
                    out.push(format!(
                        "UPDATE {} SET {} = {default} WHERE {} IS NULL",
                        quote(table),
                        quote(&column.name),
                        quote(&column.name)
                    ));
                }
                out.push(modify(table, column));
            }
            Op::DropNotNull { table, column } => out.push(modify(table, column)),
            Op::SetIdentity { table, column, .. } => out.push(modify(table, column)),
            Op::SetDefault { table, to, .. }
                if !ops.iter().any(|o| {
                    matches!(o, Op::AlterColumnType { table: t, to: c, .. }
                        if t == table && c.name == to.name)
                }) =>
            {
                out.push(match &to.default {
                    // A literal changes the table's metadata only; an
                    // expression needs the column redefined.
                    Some(default) if is_literal(default) => format!(
                        "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {default}",
                        quote(table),
                        quote(&to.name)
                    ),
                    Some(_) => modify(table, to),
                    None => format!(
                        "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT",
                        quote(table),
                        quote(&to.name)
                    ),
                })
            }
            _ => {}
        }
    }
    for op in ops {
        if let Op::DropColumn { table, column } = op {
            out.push(format!(
                "ALTER TABLE {} DROP COLUMN {}, ALGORITHM = INSTANT",
                quote(table),
                quote(&column.name)
            ));
        }
    }
    for table in &dropped_tables {
        out.push(format!("DROP TABLE {}", quote(&table.name)));
    }
    for op in ops {
        match op {
            Op::AddPrimaryKey { table, primary_key } => out.push(format!(
                "ALTER TABLE {} ADD PRIMARY KEY ({})",
                quote(table),
                quote_list(&primary_key.columns)
            )),
            Op::AddUnique { table, unique } if existing(table) => out.push(format!(
                "ALTER TABLE {} ADD {},{}",
                quote(table),
                sql::unique_clause(unique),
                ONLINE_ALTER
            )),
            Op::CreateIndex { table, index } if existing(table) => {
                out.push(sql::create_index(table, index, MYSQL, true))
            }
            Op::AddCheck { table, check } if existing(table) => out.push(format!(
                "ALTER TABLE {} ADD {}",
                quote(table),
                sql::check_clause(check)
            )),
            _ => {}
        }
    }
    for op in ops {
        match op {
            Op::DropUnique { table, unique } if !recreated.contains(unique.name.as_str()) => {
                out.push(drop_index(table, &unique.name))
            }
            Op::DropIndex { table, index } if !recreated.contains(index.name.as_str()) => {
                out.push(drop_index(table, &index.name))
            }
            _ => {}
        }
    }
    // Foreign keys last: the keys and indexes they need exist by now.
    out.extend(later_keys);
    for op in ops {
        if let Op::AddForeignKey { table, foreign_key } = op
            && existing(table)
        {
            out.push(sql::add_foreign_key(table, foreign_key, false));
        }
    }
    out.extend(super::create_views(next, ops, MYSQL));
    out.into_iter().map(|s| Step::no_tx(vec![s])).collect()
}

/// What of `ops` copies or rebuilds a table, blocking writes to it while it
/// runs: one line per change, for the plan's warnings.
pub fn copies(ops: &[Op]) -> Vec<String> {
    let created = super::created_tables(ops);
    let mut out = Vec::new();
    for op in ops {
        let (table, what) = match op {
            Op::AlterColumnType { table, to, .. } => {
                (table, format!("changing the type of `{}`", to.name))
            }
            Op::SetNotNull { table, column } => {
                (table, format!("making `{}` NOT NULL", column.name))
            }
            Op::DropNotNull { table, column } => {
                (table, format!("making `{}` nullable", column.name))
            }
            Op::SetIdentity { table, column, .. } => (
                table,
                format!("changing AUTO_INCREMENT on `{}`", column.name),
            ),
            Op::SetDefault { table, to, .. }
                if to.default.as_deref().is_some_and(|d| !is_literal(d)) =>
            {
                (
                    table,
                    format!("setting the default of `{}` to an expression", to.name),
                )
            }
            Op::AddColumn { table, column } if !instant_add(column) => (
                table,
                format!("adding `{}` (its default is not a constant)", column.name),
            ),
            Op::AddPrimaryKey { table, .. } => (table, "adding the primary key".to_string()),
            Op::DropPrimaryKey { table, .. } => (table, "dropping the primary key".to_string()),
            Op::AddForeignKey { table, foreign_key } if !created.contains(table.as_str()) => (
                table,
                format!(
                    "adding foreign key `{}` (checked row by row)",
                    foreign_key.name
                ),
            ),
            Op::AddCheck { table, check } if !created.contains(table.as_str()) => (
                table,
                format!("adding check `{}` (checked row by row)", check.name),
            ),
            _ => continue,
        };
        out.push(format!(
            "mysql: {what} copies table `{table}`; writes to it wait until it is done"
        ));
    }
    out
}

/// [`MYSQL_ONLINE`] as an `ALTER TABLE` clause, where options are
/// separated by commas.
const ONLINE_ALTER: &str = " ALGORITHM = INPLACE, LOCK = NONE";

fn drop_index(table: &str, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP INDEX {},{ONLINE_ALTER}",
        quote(table),
        quote(name)
    )
}

fn rename_index(table: &str, from: &str, to: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME INDEX {} TO {}",
        quote(table),
        quote(from),
        quote(to)
    )
}

/// `MODIFY COLUMN` with the column's whole new definition, which is how
/// MySQL changes a type, nullability, default expression or
/// `AUTO_INCREMENT`.
fn modify(table: &str, column: &Column) -> String {
    format!(
        "ALTER TABLE {} MODIFY COLUMN {}",
        quote(table),
        sql::column_definition(column, MYSQL)
    )
}

/// A column MySQL adds by changing metadata only: no `AUTO_INCREMENT`, and
/// a default that is a constant (an expression is evaluated row by row).
fn instant_add(column: &Column) -> bool {
    !column.identity && column.default.as_deref().is_none_or(is_literal)
}

/// A number or a quoted string, in parentheses or not.
fn is_literal(default: &str) -> bool {
    let bare = default
        .strip_prefix('(')
        .and_then(|d| d.strip_suffix(')'))
        .unwrap_or(default);
    (bare.starts_with('\'') && bare.ends_with('\'') && bare.len() >= 2)
        || bare.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_told_from_expressions() {
        for literal in ["0", "-1.5", "'a'", "('it''s')", "''"] {
            assert!(is_literal(literal), "{literal}");
        }
        for expression in ["CURRENT_TIMESTAMP(6)", "(uuid())", "("] {
            assert!(!is_literal(expression), "{expression}");
        }
    }
}
