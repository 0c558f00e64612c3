//! Views and materialized views: the body per dialect, the unique index a
//! concurrent refresh needs, and the relations each body reads.

use crate::Dialect;
use crate::physical::{Index, View};
use cstack_compiler::model;
use cstack_compiler::names::{primary_key_name, table_name};
use std::collections::BTreeSet;

/// The view for `view` in `dialect`, or why there is none.
pub fn lower_view(
    view: &model::View,
    dialect: Dialect,
    relations: &BTreeSet<String>,
) -> Result<View, String> {
    let sql = view
        .sql(dialect)
        .map(str::trim)
        .ok_or_else(|| format!("view has no SQL body for {dialect}"))?;
    let materialized = view.materialized.is_some();
    match dialect {
        Dialect::Sqlite if materialized => return Err("SQLite has no materialized views".into()),
        Dialect::Mysql if materialized => return Err("MySQL has no materialized views".into()),
        _ => {}
    }
    let sql = sql.trim_end_matches(';').trim_end().to_string();
    let name = view.relation.clone();
    let unique_index = if materialized {
        view.key().map(|key| Index {
            name: primary_key_name(&name),
            columns: vec![key.column.clone()],
            unique: true,
            using: None,
            opclass: None,
        })
    } else {
        None
    };
    let mut depends_on: BTreeSet<String> = view.sources.iter().map(|s| table_name(s)).collect();
    depends_on.extend(
        referenced_names(&sql)
            .into_iter()
            .filter(|n| relations.contains(n)),
    );
    depends_on.remove(&name);
    Ok(View {
        name,
        sql,
        materialized,
        unique_index,
        depends_on: depends_on.into_iter().collect(),
    })
}

/// Every identifier a SQL text mentions outside string literals and
/// comments: unquoted ones lowercased, quoted ones as written. Checked
/// against the known tables and views this gives the relations the body
/// reads (an over-approximation, which is safe for ordering).
pub fn referenced_names(sql: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\'' {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
        } else if c == b'-' && bytes.get(i + 1) == Some(&b'-') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if c == b'"' {
            let start = i + 1;
            i = start;
            while i < bytes.len() && bytes[i] != b'"' {
                i += 1;
            }
            names.insert(sql[start..i.min(sql.len())].to_string());
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            names.insert(sql[start..i].to_ascii_lowercase());
        } else {
            i += 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::referenced_names;

    #[test]
    fn identifiers_outside_strings_and_comments() {
        let names = referenced_names(
            "SELECT u.id FROM Users u JOIN \"Post\" p ON 'orders' = x -- comments\n",
        );
        assert!(names.contains("users"));
        assert!(names.contains("Post"));
        assert!(!names.contains("orders"));
        assert!(!names.contains("comments"));
    }
}
