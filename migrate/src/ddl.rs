//! The full DDL that creates a physical schema in an empty database.

use crate::Dialect;
use crate::physical::{ForeignKey, PhysicalSchema, Table, View};
use crate::sql;
use std::collections::{BTreeMap, BTreeSet};

/// Statements (without semicolons) creating `schema` from nothing, in an
/// order the database accepts: extensions, enum types, tables, foreign keys
/// (PostgreSQL), indexes, foreign keys (MySQL), then views in dependency
/// order.
pub fn create_statements(schema: &PhysicalSchema, dialect: Dialect) -> Vec<String> {
    // MySQL creates each table whole (indexes and the foreign keys it can
    // inline), parents first.
    let mut out = Vec::new();
    if dialect == Dialect::Postgres {
        out.extend(schema.extensions.iter().map(|e| sql::create_extension(e)));
        out.extend(schema.enums.iter().map(sql::create_enum));
    }
    if dialect == Dialect::Mysql {
        let tables: Vec<&Table> = schema.tables.iter().collect();
        let (created, deferred) = mysql_tables(&tables, |_| false);
        out.extend(created);
        out.extend(deferred);
        for view in views_in_dependency_order(&schema.views) {
            out.extend(create_view_statements(view, dialect));
        }
        return out;
    }
    let inline_fks = dialect == Dialect::Sqlite;
    for table in &schema.tables {
        out.push(sql::create_table(table, dialect, inline_fks));
    }
    if dialect == Dialect::Postgres {
        for table in &schema.tables {
            for fk in &table.foreign_keys {
                out.push(sql::add_foreign_key(&table.name, fk, false));
            }
        }
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

/// MySQL's `CREATE TABLE`s for `tables`, parents before the tables whose
/// foreign keys reference them, each with its indexes and the foreign keys
/// whose referenced table exists by then (`exists`, or created before it)
/// inline; and the `ALTER TABLE ... ADD` of the rest (a cycle of foreign
/// keys). Adding a foreign key to a table copies it; creating it with the
/// table does not.
pub fn mysql_tables(
    tables: &[&Table],
    exists: impl Fn(&str) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut ready: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<&Table> = tables.to_vec();
    let mut created = Vec::new();
    let mut deferred = Vec::new();
    let is_ready = |name: &str, ready: &BTreeSet<&str>, own: &str| {
        name == own || ready.contains(name) || exists(name)
    };
    while !pending.is_empty() {
        // The first table whose references are all there; in a cycle, the
        // first table left.
        let position = pending
            .iter()
            .position(|t| {
                t.foreign_keys.iter().all(|fk| {
                    is_ready(&fk.referenced_table, &ready, &t.name)
                        || !tables.iter().any(|o| o.name == fk.referenced_table)
                })
            })
            .unwrap_or(0);
        let table = pending.remove(position);
        let (inline, later): (Vec<&ForeignKey>, Vec<&ForeignKey>) = table
            .foreign_keys
            .iter()
            .partition(|fk| is_ready(&fk.referenced_table, &ready, &table.name));
        let mut definition = table.clone();
        definition.foreign_keys = inline.into_iter().cloned().collect();
        created.push(sql::create_table(&definition, Dialect::Mysql, true));
        deferred.extend(
            later
                .into_iter()
                .map(|fk| sql::add_foreign_key(&table.name, fk, false)),
        );
        ready.insert(&table.name);
    }
    (created, deferred)
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
