//! The full DDL that creates a physical schema in an empty database.

use crate::Dialect;
use crate::physical::{PhysicalSchema, View};
use crate::sql;
use std::collections::{BTreeMap, BTreeSet};

/// Statements (without semicolons) creating `schema` from nothing, in an
/// order the database accepts: extensions, enum types, tables, foreign keys
/// (PostgreSQL), indexes, foreign keys (MySQL), then views in dependency
/// order.
pub fn create_statements(schema: &PhysicalSchema, dialect: Dialect) -> Vec<String> {
    let mut out = Vec::new();
    if dialect == Dialect::Postgres {
        out.extend(schema.extensions.iter().map(|e| sql::create_extension(e)));
        out.extend(schema.enums.iter().map(sql::create_enum));
    }
    let inline_fks = dialect == Dialect::Sqlite;
    for table in &schema.tables {
        out.push(sql::create_table(table, dialect, inline_fks));
    }
    let add_foreign_keys = |out: &mut Vec<String>| {
        for table in &schema.tables {
            for fk in &table.foreign_keys {
                out.push(sql::add_foreign_key(&table.name, fk, false));
            }
        }
    };
    if dialect == Dialect::Postgres {
        add_foreign_keys(&mut out);
    }
    for table in &schema.tables {
        if dialect == Dialect::Sqlite {
            for unique in &table.uniques {
                out.push(sql::create_index(
                    &table.name,
                    &crate::lower::unique_as_index(unique),
                    dialect,
                    false,
                ));
            }
        }
        for index in &table.indexes {
            out.push(sql::create_index(&table.name, index, dialect, false));
        }
    }
    // MySQL indexes a foreign key's columns itself unless an index already
    // covers them: the keys come after the indexes, which then serve them.
    if dialect == Dialect::Mysql {
        add_foreign_keys(&mut out);
    }
    for view in views_in_dependency_order(&schema.views) {
        out.extend(create_view_statements(view, dialect));
    }
    out
}

pub fn create_view_statements(view: &View, dialect: Dialect) -> Vec<String> {
    let mut out = vec![sql::create_view(view)];
    if let Some(index) = &view.unique_index {
        out.push(sql::create_index(&view.name, index, dialect, false));
    }
    out
}

/// Views ordered so every view comes after the views it reads. A cycle
/// (which no database accepts) keeps declaration order for its members.
pub fn views_in_dependency_order(views: &[View]) -> Vec<&View> {
    let by_name: BTreeMap<&str, &View> = views.iter().map(|v| (v.name.as_str(), v)).collect();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut visiting: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    fn visit<'a>(
        view: &'a View,
        by_name: &BTreeMap<&str, &'a View>,
        done: &mut BTreeSet<&'a str>,
        visiting: &mut BTreeSet<&'a str>,
        out: &mut Vec<&'a View>,
    ) {
        if done.contains(view.name.as_str()) || !visiting.insert(view.name.as_str()) {
            return;
        }
        for dep in &view.depends_on {
            if let Some(dep) = by_name.get(dep.as_str()) {
                visit(dep, by_name, done, visiting, out);
            }
        }
        visiting.remove(view.name.as_str());
        done.insert(view.name.as_str());
        out.push(view);
    }
    for view in views {
        visit(view, &by_name, &mut done, &mut visiting, &mut out);
    }
    out
}

/// Statements joined into one script, each ended by `;` and a blank line.
pub fn script(statements: &[String]) -> String {
    let mut out = String::new();
    for statement in statements {
        out.push_str(statement);
        out.push_str(";\n\n");
    }
    out
}
