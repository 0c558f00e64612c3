//! Operations: the changes between two physical schemas, each with its
//! classification (what it risks on a database holding data).

use crate::physical::{
    Check, Column, EnumType, ForeignKey, Index, PrimaryKey, Table, Unique, View,
};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    CreateExtension {
        name: String,
    },
    CreateEnum {
        enum_type: EnumType,
    },
    /// Only additions, keeping the old variants' order (`ADD VALUE`).
    AddEnumVariants {
        from: EnumType,
        to: EnumType,
    },
    /// Variants removed or reordered: a new type swapped in on every column
    /// that uses it, behind a guard for rows holding removed values.
    ReplaceEnum {
        from: EnumType,
        to: EnumType,
        /// `(table, column)` of every column of the type, after the change.
        columns: Vec<(String, Column)>,
    },
    DropEnum {
        enum_type: EnumType,
    },
    CreateTable {
        table: Table,
    },
    DropTable {
        table: Table,
    },
    RenameTable {
        from: String,
        to: String,
    },
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    AddColumn {
        table: String,
        column: Column,
    },
    DropColumn {
        table: String,
        column: Column,
    },
    AlterColumnType {
        table: String,
        from: Column,
        to: Column,
    },
    SetNotNull {
        table: String,
        column: Column,
    },
    DropNotNull {
        table: String,
        column: Column,
    },
    SetDefault {
        table: String,
        from: Column,
        to: Column,
    },
    SetIdentity {
        table: String,
        column: Column,
        identity: bool,
    },
    /// A primary key, unique, foreign key or check whose definition stayed
    /// and whose name changed (it follows a renamed table or column).
    RenameConstraint {
        table: String,
        from: String,
        to: String,
        kind: ConstraintKind,
    },
    /// An index (or, on SQLite, a unique) whose name changed.
    RenameIndex {
        table: String,
        from: String,
        index: Index,
    },
    AddPrimaryKey {
        table: String,
        primary_key: PrimaryKey,
    },
    DropPrimaryKey {
        table: String,
        primary_key: PrimaryKey,
    },
    AddUnique {
        table: String,
        unique: Unique,
    },
    DropUnique {
        table: String,
        unique: Unique,
    },
    CreateIndex {
        table: String,
        index: Index,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    AddCheck {
        table: String,
        check: Check,
    },
    DropCheck {
        table: String,
        check: Check,
    },
    CreateView {
        view: View,
    },
    DropView {
        view: View,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
}

/// What an operation risks on a database that holds data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    Safe,
    /// May fail on existing rows, or locks/rewrites a table.
    Blocking,
    /// Destroys data.
    Lossy,
}

impl Risk {
    pub fn name(self) -> &'static str {
        match self {
            Risk::Safe => "safe",
            Risk::Blocking => "blocking",
            Risk::Lossy => "lossy",
        }
    }
}

impl Op {
    pub fn risk(&self) -> Risk {
        match self {
            Op::DropTable { .. } | Op::DropColumn { .. } | Op::AlterColumnType { .. } => {
                Risk::Lossy
            }
            Op::ReplaceEnum { from, to, .. } => {
                if from.variants.iter().any(|v| !to.variants.contains(v)) {
                    Risk::Blocking
                } else {
                    Risk::Safe
                }
            }
            Op::AddColumn { column, .. } if column.not_null && column.default.is_none() => {
                if column.identity {
                    Risk::Safe
                } else {
                    Risk::Blocking
                }
            }
            Op::SetNotNull { .. }
            | Op::AddPrimaryKey { .. }
            | Op::AddUnique { .. }
            | Op::AddForeignKey { .. }
            | Op::AddCheck { .. } => Risk::Blocking,
            _ => Risk::Safe,
        }
    }

    /// The table the operation changes, if it changes one.
    pub fn table(&self) -> Option<&str> {
        match self {
            Op::CreateTable { table } | Op::DropTable { table } => Some(&table.name),
            Op::RenameTable { to, .. } => Some(to),
            Op::RenameColumn { table, .. }
            | Op::AddColumn { table, .. }
            | Op::DropColumn { table, .. }
            | Op::AlterColumnType { table, .. }
            | Op::SetNotNull { table, .. }
            | Op::DropNotNull { table, .. }
            | Op::SetDefault { table, .. }
            | Op::SetIdentity { table, .. }
            | Op::RenameConstraint { table, .. }
            | Op::RenameIndex { table, .. }
            | Op::AddPrimaryKey { table, .. }
            | Op::DropPrimaryKey { table, .. }
            | Op::AddUnique { table, .. }
            | Op::DropUnique { table, .. }
            | Op::CreateIndex { table, .. }
            | Op::DropIndex { table, .. }
            | Op::AddForeignKey { table, .. }
            | Op::DropForeignKey { table, .. }
            | Op::AddCheck { table, .. }
            | Op::DropCheck { table, .. } => Some(table),
            _ => None,
        }
    }

    /// One line for people.
    pub fn describe(&self) -> String {
        match self {
            Op::CreateExtension { name } => format!("create extension `{name}`"),
            Op::CreateEnum { enum_type } => format!("create enum type `{}`", enum_type.name),
            Op::AddEnumVariants { from, to } => {
                let added: Vec<&str> = to
                    .variants
                    .iter()
                    .filter(|v| !from.variants.contains(v))
                    .map(String::as_str)
                    .collect();
                format!("add {} to enum `{}`", added.join(", "), to.name)
            }
            Op::ReplaceEnum { from, to, .. } => {
                let removed: Vec<&str> = from
                    .variants
                    .iter()
                    .filter(|v| !to.variants.contains(v))
                    .map(String::as_str)
                    .collect();
                if removed.is_empty() {
                    format!("reorder the variants of enum `{}`", to.name)
                } else {
                    format!(
                        "remove {} from enum `{}` (fails while rows hold them; backfill in up.pre.sql)",
                        removed.join(", "),
                        to.name
                    )
                }
            }
            Op::DropEnum { enum_type } => format!("drop enum type `{}`", enum_type.name),
            Op::CreateTable { table } => format!("create table `{}`", table.name),
            Op::DropTable { table } => {
                format!("drop table `{}` and all its rows", table.name)
            }
            Op::RenameTable { from, to } => format!("rename table `{from}` to `{to}`"),
            Op::RenameColumn { table, from, to } => {
                format!("rename column `{table}.{from}` to `{to}`")
            }
            Op::AddColumn { table, column } => {
                let mut text = format!("add column `{table}.{}`", column.name);
                if column.not_null && column.default.is_none() && !column.identity {
                    text.push_str(" (NOT NULL without a default: fails if the table has rows)");
                }
                text
            }
            Op::DropColumn { table, column } => {
                format!("drop column `{table}.{}` and its data", column.name)
            }
            Op::AlterColumnType { table, from, to } => format!(
                "change the type of `{table}.{}` from {} to {} (converts every value; may lose data)",
                to.name, from.sql_type, to.sql_type
            ),
            Op::SetNotNull { table, column } => {
                format!(
                    "make `{table}.{}` NOT NULL (fails while rows hold NULL)",
                    column.name
                )
            }
            Op::DropNotNull { table, column } => {
                format!("make `{table}.{}` nullable", column.name)
            }
            Op::SetDefault { table, to, .. } => match &to.default {
                Some(default) => format!("set the default of `{table}.{}` to {default}", to.name),
                None => format!("drop the default of `{table}.{}`", to.name),
            },
            Op::SetIdentity {
                table,
                column,
                identity,
            } => format!(
                "{} identity on `{table}.{}`",
                if *identity { "add" } else { "drop" },
                column.name
            ),
            Op::RenameConstraint {
                table, from, to, ..
            } => format!("rename constraint `{from}` on `{table}` to `{to}`"),
            Op::RenameIndex { table, from, index } => {
                format!("rename index `{from}` on `{table}` to `{}`", index.name)
            }
            Op::AddPrimaryKey { table, primary_key } => format!(
                "add primary key ({}) to `{table}`",
                primary_key.columns.join(", ")
            ),
            Op::DropPrimaryKey { table, .. } => format!("drop the primary key of `{table}`"),
            Op::AddUnique { table, unique } => format!(
                "add unique ({}) on `{table}` (fails on duplicates)",
                unique.columns.join(", ")
            ),
            Op::DropUnique { table, unique } => {
                format!("drop unique `{}` on `{table}`", unique.name)
            }
            Op::CreateIndex { table, index } => {
                format!("create index `{}` on `{table}`", index.name)
            }
            Op::DropIndex { table, index } => format!("drop index `{}` on `{table}`", index.name),
            Op::AddForeignKey { table, foreign_key } => format!(
                "add foreign key `{}` on `{table}` (fails on orphan rows)",
                foreign_key.name
            ),
            Op::DropForeignKey { table, foreign_key } => {
                format!("drop foreign key `{}` on `{table}`", foreign_key.name)
            }
            Op::AddCheck { table, check } => format!(
                "add check `{}` on `{table}` (fails on rows that violate it)",
                check.name
            ),
            Op::DropCheck { table, check } => {
                format!("drop check `{}` on `{table}`", check.name)
            }
            Op::CreateView { view } => format!(
                "create {}view `{}`",
                if view.materialized {
                    "materialized "
                } else {
                    ""
                },
                view.name
            ),
            Op::DropView { view } => format!(
                "drop {}view `{}`",
                if view.materialized {
                    "materialized "
                } else {
                    ""
                },
                view.name
            ),
        }
    }
}
