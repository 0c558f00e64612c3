//! One introspector per backend (PostgreSQL's catalog, SQLite's schema,
//! MySQL's `information_schema`), reading a live database into canonical
//! JSON: one entry per object (`table users`, `view x`, `enum s`,
//! `extension vector`), keys sorted, columns by name, no positions, OIDs or
//! owners. Two databases are equal exactly when their canonical JSON is, and
//! `verify` and `drift` compare databases with databases through this one
//! function, so the database's own normalisation (of defaults, CHECKs, view
//! bodies) applies to both sides alike.

use crate::db::{Connection, mysql_error, pg_error};
use crate::runner::MIGRATIONS_TABLE;
use serde_json::{Value, json};
use sqlx_core::decode::Decode;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_core::types::Type;
use sqlx_mysql::{MySql, MySqlConnection, MySqlRow};
use sqlx_postgres::{PgConnection, PgRow, Postgres};
use std::collections::BTreeMap;

pub type Catalog = BTreeMap<String, Value>;

pub async fn introspect(conn: &mut Connection) -> Result<Catalog, String> {
    match conn {
        Connection::Postgres(client) => postgres(client).await,
        Connection::Sqlite(conn) => sqlite(conn),
        Connection::Mysql(conn) => mysql(conn).await,
    }
}

/// The rows of a catalog query.
async fn q(client: &mut PgConnection, sql: &str) -> Result<Vec<PgRow>, String> {
    Executor::fetch_all(client, sqlx_core::query::query::<Postgres>(sql))
        .await
        .map_err(pg_error)
}

/// Column `index` of `row`, decoded as `T`.
fn get<'r, T>(row: &'r PgRow, index: usize) -> Result<T, String>
where
    T: Decode<'r, Postgres> + Type<Postgres>,
{
    row.try_get(index).map_err(pg_error)
}

async fn postgres(client: &mut PgConnection) -> Result<Catalog, String> {
    let mut catalog = Catalog::new();
    let schema: String = get(&q(client, "SELECT current_schema()").await?[0], 0)?;
    for row in q(
        client,
        "SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql'",
    )
    .await?
    {
        let name: String = get(&row, 0)?;
        catalog.insert(format!("extension {name}"), json!({}));
    }
    for row in q(
        client,
        "SELECT t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
           FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
           JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = current_schema() GROUP BY t.typname",
    )
    .await?
    {
        let name: String = get(&row, 0)?;
        let labels: Vec<String> = get(&row, 1)?;
        catalog.insert(format!("enum {name}"), json!({ "variants": labels }));
    }
    let mut objects: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for row in q(
        client,
        &format!(
            "SELECT c.relname::text, c.relkind::text,
                    CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm')
                AND c.relname <> '{MIGRATIONS_TABLE}'"
        ),
    )
    .await?
    {
        let name: String = get(&row, 0)?;
        let kind: String = get(&row, 1)?;
        let key = match kind.as_str() {
            "r" => format!("table {name}"),
            "v" => format!("view {name}"),
            _ => format!("materialized view {name}"),
        };
        let mut object = BTreeMap::new();
        if let Some(body) = get::<Option<String>>(&row, 2)? {
            object.insert("definition".to_string(), json!(body.trim()));
        }
        objects.insert(key, object);
    }
    let key_of = |kind: &str, name: &str| match kind {
        "r" => format!("table {name}"),
        "v" => format!("view {name}"),
        _ => format!("materialized view {name}"),
    };
    let mut columns: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for row in q(
        client,
        "SELECT c.relname::text, c.relkind::text, a.attname::text,
                format_type(a.atttypid, a.atttypmod), a.attnotnull,
                pg_get_expr(d.adbin, d.adrelid), a.attidentity::text
           FROM pg_attribute a
           JOIN pg_class c ON c.oid = a.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm')
            AND a.attnum > 0 AND NOT a.attisdropped",
    )
    .await?
    {
        let key = key_of(&get::<String>(&row, 1)?, &get::<String>(&row, 0)?);
        let column: String = get(&row, 2)?;
        let identity: String = get(&row, 6)?;
        let mut value = json!({
            "type": get::<String>(&row, 3)?,
            "not_null": get::<bool>(&row, 4)?,
        });
        if let Some(default) = get::<Option<String>>(&row, 5)? {
            value["default"] = json!(default);
        }
        if !identity.is_empty() {
            value["identity"] = json!(identity);
        }
        columns.entry(key).or_default().insert(column, value);
    }
    let mut constraints: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for row in q(
        client,
        "SELECT c.relname::text, con.conname::text, con.contype::text,
                pg_get_constraintdef(con.oid, true), con.convalidated
           FROM pg_constraint con
           JOIN pg_class c ON c.oid = con.conrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema()",
    )
    .await?
    {
        let key = format!("table {}", get::<String>(&row, 0)?);
        let mut value = json!({ "definition": get::<String>(&row, 3)? });
        if !get::<bool>(&row, 4)? {
            value["validated"] = json!(false);
        }
        constraints
            .entry(key)
            .or_default()
            .insert(get::<String>(&row, 1)?, value);
    }
    let mut indexes: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for row in q(
        client,
        "SELECT t.relname::text, t.relkind::text, i.relname::text,
                pg_get_indexdef(ix.indexrelid), ix.indisvalid
           FROM pg_index ix
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = current_schema()
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid
                                                           AND c.conrelid = ix.indrelid)",
    )
    .await?
    {
        let table: String = get(&row, 0)?;
        if table == MIGRATIONS_TABLE {
            continue;
        }
        let key = key_of(&get::<String>(&row, 1)?, &table);
        let definition = get::<String>(&row, 3)?
            .replace(&format!(" ON {schema}."), " ON ")
            .replace(&format!(" ON ONLY {schema}."), " ON ONLY ");
        let mut value = json!({ "definition": definition });
        if !get::<bool>(&row, 4)? {
            value["valid"] = json!(false);
        }
        indexes
            .entry(key)
            .or_default()
            .insert(get::<String>(&row, 2)?, value);
    }
    catalog.extend(assemble(
        objects,
        [
            ("columns", columns),
            ("constraints", constraints),
            ("indexes", indexes),
        ],
    ));
    Ok(catalog)
}

/// MySQL and MariaDB, from `information_schema` of the current database:
/// columns as the server spells their types, defaults and extras; indexes
/// (unique keys and the primary key among them) with their columns in
/// order; foreign keys with their columns and rules; checks with their
/// clauses; views with their bodies.
async fn mysql(conn: &mut MySqlConnection) -> Result<Catalog, String> {
    async fn rows(conn: &mut MySqlConnection, sql: &str) -> Result<Vec<MySqlRow>, String> {
        Executor::fetch_all(conn, sqlx_core::query::query::<MySql>(sql))
            .await
            .map_err(mysql_error)
    }
    // Catalog columns are text of various types across versions (and
    // binary strings on some): read as UTF-8 without sqlx's type check.
    fn text(row: &MySqlRow, index: usize) -> Result<Option<String>, String> {
        row.try_get_unchecked::<Option<String>, _>(index)
            .map_err(mysql_error)
    }
    fn name(row: &MySqlRow, index: usize) -> Result<String, String> {
        Ok(text(row, index)?.unwrap_or_default())
    }
    let mut objects: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    let database = name(&rows(conn, "SELECT DATABASE()").await?[0], 0)?;
    // The server qualifies every name in a stored view body with the
    // database's: left out, so two databases compare by their content.
    let qualifier = format!("`{}`.", database.replace('`', "``"));
    let mut views: BTreeMap<String, String> = BTreeMap::new();
    for row in rows(
        conn,
        "SELECT table_name, view_definition FROM information_schema.views \
         WHERE table_schema = DATABASE()",
    )
    .await?
    {
        let view = name(&row, 0)?;
        let body = name(&row, 1)?.replace(&qualifier, "");
        // The server hides the body from a user without SHOW VIEW, which
        // would read as drift.
        if body.trim().is_empty() {
            return Err(format!(
                "cannot read the body of view `{view}`: the user needs the SHOW VIEW privilege"
            ));
        }
        views.insert(view, normalise_whitespace(&body));
    }
    for row in rows(
        conn,
        &format!(
            "SELECT table_name, table_type FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_name <> '{MIGRATIONS_TABLE}'"
        ),
    )
    .await?
    {
        let table = name(&row, 0)?;
        let mut object = BTreeMap::new();
        let key = match views.get(&table) {
            Some(body) => {
                object.insert("definition".to_string(), json!(body));
                format!("view {table}")
            }
            None => format!("table {table}"),
        };
        objects.insert(key, object);
    }
    let key_of = |table: &str| {
        if views.contains_key(table) {
            format!("view {table}")
        } else {
            format!("table {table}")
        }
    };
    let mut columns: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for row in rows(
        conn,
        "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, \
                collation_name \
           FROM information_schema.columns WHERE table_schema = DATABASE()",
    )
    .await?
    {
        let mut value = json!({
            "type": name(&row, 2)?,
            "not_null": name(&row, 3)? == "NO",
        });
        for (field, index) in [("default", 4), ("extra", 5), ("collation", 6)] {
            if let Some(text) = text(&row, index)?.filter(|t| !t.is_empty()) {
                value[field] = json!(text);
            }
        }
        columns
            .entry(key_of(&name(&row, 0)?))
            .or_default()
            .insert(name(&row, 1)?, value);
    }
    let mut indexes: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    let mut index_columns: BTreeMap<(String, String), (bool, String, Vec<String>)> =
        BTreeMap::new();
    for row in rows(
        conn,
        "SELECT table_name, index_name, non_unique = 0, index_type, column_name \
           FROM information_schema.statistics WHERE table_schema = DATABASE() \
          ORDER BY table_name, index_name, seq_in_index",
    )
    .await?
    {
        let unique = row.try_get::<i64, _>(2).map_err(mysql_error)? != 0;
        let entry = index_columns
            .entry((name(&row, 0)?, name(&row, 1)?))
            .or_insert_with(|| (unique, name(&row, 3).unwrap_or_default(), Vec::new()));
        entry.2.push(name(&row, 4)?);
    }
    for ((table, index), (unique, kind, cols)) in index_columns {
        indexes.entry(key_of(&table)).or_default().insert(
            index,
            json!({ "columns": cols, "unique": unique, "type": kind }),
        );
    }
    let mut constraints: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    let mut key_columns: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for row in rows(
        conn,
        "SELECT table_name, constraint_name, column_name, referenced_column_name \
           FROM information_schema.key_column_usage \
          WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL \
          ORDER BY table_name, constraint_name, ordinal_position",
    )
    .await?
    {
        let entry = key_columns
            .entry((name(&row, 0)?, name(&row, 1)?))
            .or_default();
        entry.0.push(name(&row, 2)?);
        entry.1.push(name(&row, 3)?);
    }
    for row in rows(
        conn,
        "SELECT table_name, constraint_name, referenced_table_name, update_rule, delete_rule \
           FROM information_schema.referential_constraints \
          WHERE constraint_schema = DATABASE()",
    )
    .await?
    {
        let (table, constraint) = (name(&row, 0)?, name(&row, 1)?);
        let (cols, referenced) = key_columns
            .remove(&(table.clone(), constraint.clone()))
            .unwrap_or_default();
        constraints.entry(key_of(&table)).or_default().insert(
            constraint,
            json!({
                "foreign_key": cols,
                "references": name(&row, 2)?,
                "referenced_columns": referenced,
                "on_update": name(&row, 3)?,
                "on_delete": name(&row, 4)?,
            }),
        );
    }
    // MariaDB's `check_constraints` names the table (and a user with
    // SELECT alone sees no `table_constraints` there); MySQL 8's does not,
    // and its table comes from `table_constraints`.
    let names_table = !rows(
        conn,
        "SELECT 1 FROM information_schema.columns \
          WHERE table_schema = 'information_schema' AND table_name = 'CHECK_CONSTRAINTS' \
            AND column_name = 'TABLE_NAME'",
    )
    .await?
    .is_empty();
    let checks = if names_table {
        "SELECT table_name, constraint_name, check_clause \
           FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()"
    } else {
        "SELECT tc.table_name, cc.constraint_name, cc.check_clause \
           FROM information_schema.check_constraints cc \
           JOIN information_schema.table_constraints tc \
             ON tc.constraint_schema = cc.constraint_schema \
            AND tc.constraint_name = cc.constraint_name AND tc.constraint_type = 'CHECK' \
          WHERE cc.constraint_schema = DATABASE()"
    };
    for row in rows(conn, checks).await? {
        constraints
            .entry(key_of(&name(&row, 0)?))
            .or_default()
            .insert(
                name(&row, 1)?,
                json!({ "check": normalise_whitespace(&name(&row, 2)?) }),
            );
    }
    let mut catalog = Catalog::new();
    catalog.extend(assemble(
        objects,
        [
            ("columns", columns),
            ("constraints", constraints),
            ("indexes", indexes),
        ],
    ));
    Ok(catalog)
}

/// Named JSON items per catalog key: `table users` → `email` → its column.
type Items = BTreeMap<String, BTreeMap<String, Value>>;

/// The catalog entries of `objects`, each with its items of every kind in
/// `parts` (columns, constraints, indexes) under that kind's name.
fn assemble<const N: usize>(objects: Items, mut parts: [(&str, Items); N]) -> Catalog {
    let mut catalog = Catalog::new();
    for (key, mut object) in objects {
        for (field, items) in &mut parts {
            if let Some(items) = items.remove(&key) {
                object.insert(field.to_string(), json!(items));
            }
        }
        catalog.insert(key, json!(object));
    }
    catalog
}

fn sqlite(conn: &rusqlite::Connection) -> Result<Catalog, String> {
    let err = |e: rusqlite::Error| e.to_string();
    let mut catalog = Catalog::new();
    let mut statement = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_master
              WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> ?1",
        )
        .map_err(err)?;
    let objects: Vec<(String, String, String)> = statement
        .query_map([MIGRATIONS_TABLE], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            ))
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    for (kind, name, sql) in objects {
        if kind == "view" {
            catalog.insert(
                format!("view {name}"),
                json!({ "definition": normalise_whitespace(&sql) }),
            );
            continue;
        }
        let mut columns = BTreeMap::new();
        let mut primary: Vec<(i64, String)> = Vec::new();
        let mut stmt = conn
            .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1)")
            .map_err(err)?;
        let rows = stmt
            .query_map([&name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (column, ty, not_null, default, pk) = row.map_err(err)?;
            let mut value = json!({ "type": ty, "not_null": not_null });
            if let Some(default) = default {
                value["default"] = json!(default);
            }
            if pk > 0 {
                primary.push((pk, column.clone()));
            }
            columns.insert(column, value);
        }
        primary.sort();
        let mut fks: BTreeMap<i64, SqliteForeignKey> = BTreeMap::new();
        let mut stmt = conn
            .prepare(
                "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete
                   FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([&name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (id, table, from, to, on_update, on_delete) = row.map_err(err)?;
            let entry = fks
                .entry(id)
                .or_insert_with(|| (table, vec![], vec![], on_update, on_delete));
            entry.1.push(from);
            entry.2.push(to);
        }
        let mut foreign_keys: Vec<String> = fks
            .into_values()
            .map(|(table, from, to, on_update, on_delete)| {
                format!(
                    "({}) REFERENCES {table} ({}) ON UPDATE {on_update} ON DELETE {on_delete}",
                    from.join(", "),
                    to.join(", ")
                )
            })
            .collect();
        foreign_keys.sort();
        let mut indexes = BTreeMap::new();
        let mut stmt = conn
            .prepare("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)")
            .map_err(err)?;
        let list: Vec<(String, bool, String, bool)> = stmt
            .query_map([&name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        for (index, unique, origin, partial) in list {
            if origin == "pk" {
                continue;
            }
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                .map_err(err)?;
            let cols: Vec<String> = stmt
                .query_map([&index], |r| r.get::<_, Option<String>>(0))
                .map_err(err)?
                .map(|c| c.map(|c| c.unwrap_or_else(|| "<expression>".into())))
                .collect::<Result<_, _>>()
                .map_err(err)?;
            indexes.insert(
                index,
                json!({ "columns": cols, "unique": unique, "partial": partial }),
            );
        }
        let checks = sqlite_checks(&sql);
        let mut object = json!({ "columns": columns });
        if !primary.is_empty() {
            object["primary_key"] = json!(primary.into_iter().map(|(_, c)| c).collect::<Vec<_>>());
        }
        if !foreign_keys.is_empty() {
            object["foreign_keys"] = json!(foreign_keys);
        }
        if !indexes.is_empty() {
            object["indexes"] = json!(indexes);
        }
        if !checks.is_empty() {
            object["checks"] = json!(checks);
        }
        catalog.insert(format!("table {name}"), object);
    }
    Ok(catalog)
}

/// Referenced table, local columns, referenced columns, ON UPDATE, ON DELETE.
type SqliteForeignKey = (String, Vec<String>, Vec<String>, String, String);

fn normalise_whitespace(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Named CHECK constraints from a `CREATE TABLE` text: SQLite keeps them
/// only there. Every check cstack generates is `CONSTRAINT "name" CHECK
/// (...)`, wherever it sits (table constraint or an added column's).
pub fn sqlite_checks(sql: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = sql;
    while let Some(at) = rest.find("CONSTRAINT \"") {
        rest = &rest[at + "CONSTRAINT \"".len()..];
        let Some(end) = rest.find('"') else { break };
        let name = rest[..end].to_string();
        let after = rest[end + 1..].trim_start();
        let Some(body) = after.strip_prefix("CHECK") else {
            continue;
        };
        let body = body.trim_start();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut close = None;
        for (i, c) in body.char_indices() {
            match c {
                '\'' => in_string = !in_string,
                '(' if !in_string => depth += 1,
                ')' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(close) = close {
            out.insert(name, normalise_whitespace(&body[1..close]));
        }
    }
    out
}

/// Objects that differ between two catalogs, one line each, and the JSON of
/// both sides for those objects.
pub fn compare(expected: &Catalog, actual: &Catalog) -> Vec<Difference> {
    let mut out = Vec::new();
    for (key, want) in expected {
        match actual.get(key) {
            None => out.push(Difference {
                object: key.clone(),
                kind: "missing",
                expected: Some(want.clone()),
                actual: None,
            }),
            Some(have) if have != want => out.push(Difference {
                object: key.clone(),
                kind: "different",
                expected: Some(want.clone()),
                actual: Some(have.clone()),
            }),
            _ => {}
        }
    }
    for (key, have) in actual {
        if !expected.contains_key(key) {
            out.push(Difference {
                object: key.clone(),
                kind: "unexpected",
                expected: None,
                actual: Some(have.clone()),
            });
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Difference {
    pub object: String,
    /// `missing`, `unexpected` or `different`.
    pub kind: &'static str,
    pub expected: Option<Value>,
    pub actual: Option<Value>,
}

impl Difference {
    /// A short human description naming the parts that differ.
    pub fn describe(&self) -> String {
        match (self.kind, &self.expected, &self.actual) {
            ("different", Some(Value::Object(want)), Some(Value::Object(have))) => {
                let mut parts = Vec::new();
                for (k, v) in want {
                    match have.get(k) {
                        Some(h) if h == v => {}
                        _ => parts.push(detail(k, Some(v), have.get(k))),
                    }
                }
                for (k, h) in have {
                    if !want.contains_key(k) {
                        parts.push(detail(k, None, Some(h)));
                    }
                }
                format!("{} differs: {}", self.object, parts.join("; "))
            }
            _ => format!("{} is {}", self.object, self.kind),
        }
    }
}

fn detail(key: &str, want: Option<&Value>, have: Option<&Value>) -> String {
    match (want, have) {
        (Some(Value::Object(w)), Some(Value::Object(h))) => {
            let mut parts = Vec::new();
            for (k, v) in w {
                if h.get(k) != Some(v) {
                    parts.push(match h.get(k) {
                        None => format!("{key}.{k} missing"),
                        Some(x) => format!("{key}.{k}: expected {v}, found {x}"),
                    });
                }
            }
            for k in h.keys() {
                if !w.contains_key(k) {
                    parts.push(format!("{key}.{k} unexpected"));
                }
            }
            parts.join("; ")
        }
        (Some(w), Some(h)) => format!("{key}: expected {w}, found {h}"),
        (Some(_), None) => format!("{key} missing"),
        (None, _) => format!("{key} unexpected"),
    }
}
