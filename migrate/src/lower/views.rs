//! Views and materialized views: the body per dialect, the unique index a
//! concurrent refresh needs, and the relations each body reads.

use super::attrs::{block_attributes, field_attribute, has_block_attribute, positional};
use crate::Dialect;
use crate::names::fit_identifier;
use crate::physical::{Index, View};
use cstack_compiler::{Record, Value, table_name};
use std::collections::BTreeSet;

/// The view for `record` in `dialect`, or why there is none.
pub fn lower_view(
    record: &Record,
    dialect: Dialect,
    relations: &BTreeSet<String>,
) -> Result<View, String> {
    let body = |name: &str| {
        block_attributes(record, name)
            .filter_map(|a| positional(a).next())
            .find_map(|v| match v {
                Value::String(sql) => Some(sql.trim().to_string()),
                _ => None,
            })
    };
    let sql = match dialect {
        Dialect::Postgres => body("server_sql").or_else(|| body("sql")),
        Dialect::Sqlite => body("embedded_sql").or_else(|| body("sql")),
    }
    .ok_or_else(|| format!("view has no SQL body for {dialect}"))?;
    let materialized = has_block_attribute(record, "materialized");
    if materialized && dialect == Dialect::Sqlite {
        return Err("SQLite has no materialized views".into());
    }
    let sql = sql.trim_end_matches(';').trim_end().to_string();
    let name = fit_identifier(&record.table);
    let unique_index = if materialized {
        record
            .fields
            .iter()
            .find(|f| field_attribute(f, "id").is_some())
            .map(|f| Index {
                name: fit_identifier(&format!("{}_pkey", record.table)),
                columns: vec![f.column.clone()],
                unique: true,
                using: None,
                opclass: None,
            })
    } else {
        None
    };
    let mut depends_on: BTreeSet<String> = record.sources.iter().map(|s| table_name(s)).collect();
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
