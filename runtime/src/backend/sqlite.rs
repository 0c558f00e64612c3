//! The SQLite backend over rusqlite. Statements run synchronously while the
//! connection's async lock is held; prepared statements are cached.
//!
//! A database file is one writer connection and a few read-only ones
//! ([`Database`]): in WAL mode readers never wait for the writer, so a
//! server answers reads on every core while one transaction writes. Writes,
//! transactions and anything that is not a plain `SELECT` go to the writer;
//! an in-memory database is the writer alone.
//!
//! Storage, matching the migrations' SQLite mapping: booleans as 0/1,
//! decimals as normalised text, timestamps as fixed-width UTC ISO-8601 text
//! (so text order is time order), UUIDs as hyphenated text, JSON as text,
//! bytes as blobs.

use crate::backend::failure::from_database;
use crate::schema::error::{Error, Result};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, Value as SqliteValue, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags, params_from_iter};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub(crate) type SharedConn = Arc<Mutex<Connection>>;
pub(crate) type SharedTx = Arc<Mutex<Option<OpenTx>>>;

/// One SQLite database: its writer and its read-only connections.
pub(crate) struct Database {
    writer: SharedConn,
    readers: Vec<SharedConn>,
    /// Where the next read starts looking for a free reader.
    next: AtomicUsize,
}

impl Database {
    pub(crate) fn writer(&self) -> &SharedConn {
        &self.writer
    }

    /// A reader for `sql` when it only reads and the database has readers:
    /// a free one if any, else the next in turn (to wait for).
    pub(crate) fn reader_for(&self, sql: &Sql) -> Option<&SharedConn> {
        if self.readers.is_empty() || !is_read(sql) {
            return None;
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let count = self.readers.len();
        (0..count)
            .map(|offset| &self.readers[(start + offset) % count])
            .find(|reader| reader.try_lock().is_ok())
            .or(Some(&self.readers[start % count]))
    }
}

/// A plain `SELECT`, which cannot write.
fn is_read(sql: &Sql) -> bool {
    sql.text.starts_with("SELECT ")
}

/// How many read-only connections a database file gets: one per core, two
/// to four.
fn reader_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
}

/// The connection, locked for the life of a transaction. Rolled back if
/// dropped before `finish`.
pub(crate) struct OpenTx {
    conn: OwnedMutexGuard<Connection>,
}

impl Drop for OpenTx {
    fn drop(&mut self) {
        if !self.conn.is_autocommit() {
            // Best effort: the transaction is abandoned either way.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

pub(crate) fn open(path: Option<&std::path::Path>) -> Result<Arc<Database>> {
    let writer = match path {
        Some(path) => Connection::open(path),
        None => Connection::open_in_memory(),
    }
    .map_err(database_error)?;
    writer
        .execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(database_error)?;
    configure(&writer)?;
    // The writer made the file a WAL database; readers open it read-only.
    // SQLite's special names (`:memory:`, the empty name, URIs) may name a
    // database only that one connection sees: the writer alone serves them.
    let shareable = path.is_some_and(|path| {
        let name = path.to_string_lossy();
        !(name.is_empty() || name == ":memory:" || name.starts_with("file:"))
    });
    let readers = match path.filter(|_| shareable) {
        Some(path) => (0..reader_count())
            .map(|_| {
                let reader = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(database_error)?;
                reader
                    .execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")
                    .map_err(database_error)?;
                configure(&reader)?;
                Ok(Arc::new(Mutex::new(reader)))
            })
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    Ok(Arc::new(Database {
        writer: Arc::new(Mutex::new(writer)),
        readers,
        next: AtomicUsize::new(0),
    }))
}

/// The settings every connection of a database has.
fn configure(conn: &Connection) -> Result<()> {
    // The query planner stability guarantee: without it SQLite 3.50 lets
    // the bound value of `LIMIT ?` shape the plan, marks the statement
    // stale whenever that parameter is bound again, and so re-parses and
    // re-plans every cached statement with a LIMIT on every execution, at
    // a cost that grows with the statement (a policy predicate with its
    // subqueries paid it many times over). With it, a cached statement is
    // prepared once and values stay bound.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .map_err(database_error)?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(())
}

/// A text value holding a NUL character (SQLSTATE 22021 on PostgreSQL).
#[derive(Debug)]
struct NulInText;

impl std::fmt::Display for NulInText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid byte sequence: text cannot contain a NUL character")
    }
}

impl std::error::Error for NulInText {}

pub(crate) fn database_error(error: rusqlite::Error) -> Error {
    match &error {
        rusqlite::Error::ToSqlConversionFailure(cause) if cause.is::<NulInText>() => {
            crate::backend::failure::nul_in_text()
        }
        rusqlite::Error::SqliteFailure(failure, message) => {
            let message = message.clone().unwrap_or_else(|| error.to_string());
            // Extended result codes, given the SQLSTATE PostgreSQL uses for
            // the same violation.
            let sqlstate = match failure.extended_code {
                2067 | 1555 => Some("23505"),
                787 => Some("23503"),
                1299 => Some("23502"),
                275 => Some("23514"),
                _ if failure.code == ErrorCode::ConstraintViolation => Some("23000"),
                _ => None,
            };
            from_database(sqlstate.map(str::to_string), None, message)
        }
        _ => Error::Database {
            sqlstate: None,
            message: error.to_string(),
        },
    }
}

/// A value as SQLite receives it. Text, enums and blobs are lent, not
/// copied: SQLite copies bound text itself.
struct Bound<'a>(&'a Value);

impl rusqlite::ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Value::Null(_) => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Bool(v) => ToSqlOutput::Borrowed(ValueRef::Integer((*v).into())),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Float(v) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            // PostgreSQL text cannot hold a NUL; refused here too, so both
            // backends store the same values.
            Value::Text(v) if v.contains('\0') => {
                return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(NulInText)));
            }
            Value::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Enum { variant, .. } => {
                ToSqlOutput::Borrowed(ValueRef::Text(variant.as_bytes()))
            }
            Value::Bytes(v) => ToSqlOutput::Borrowed(ValueRef::Blob(v)),
            Value::Decimal(v) => ToSqlOutput::Owned(SqliteValue::Text(v.normalize().to_string())),
            // `2026-12-01T17:50:23.123456Z`: six digits and `Z`, the width that
            // keeps text order equal to time order.
            Value::DateTime(v) => ToSqlOutput::Owned(SqliteValue::Text(
                v.to_rfc3339_opts(SecondsFormat::Micros, true),
            )),
            Value::Uuid(v) => ToSqlOutput::Owned(SqliteValue::Text(v.hyphenated().to_string())),
            Value::Json(v) => ToSqlOutput::Owned(SqliteValue::Text(v.to_string())),
            Value::Vector(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "SQLite cannot store a pgvector `Vector`".into(),
                ));
            }
        })
    }
}

pub(crate) fn tx_conn<'a>(
    guard: &'a tokio::sync::MutexGuard<'_, Option<OpenTx>>,
) -> Result<&'a Connection> {
    guard
        .as_ref()
        .map(|tx| &*tx.conn)
        .ok_or(Error::TransactionClosed)
}

pub(crate) fn fetch(conn: &Connection, sql: &Sql, kinds: &[Kind]) -> Result<Vec<Value>> {
    let mut statement = conn.prepare_cached(&sql.text).map_err(database_error)?;
    let mut rows = statement
        .query(params_from_iter(sql.params.iter().map(Bound)))
        .map_err(database_error)?;
    // Room for the rows up front (the LIMIT, else a page): growing a
    // vector of values from nothing copies it over and over.
    let rows_expected = sql.row_limit.unwrap_or(16).min(1024);
    let mut out = Vec::with_capacity(kinds.len() * rows_expected);
    while let Some(row) = rows.next().map_err(database_error)? {
        for (index, kind) in kinds.iter().enumerate() {
            let raw = row.get_ref(index).map_err(database_error)?;
            out.push(decode(raw, *kind)?);
        }
    }
    Ok(out)
}

/// One row's values, by kind.
pub(crate) fn decode_row(row: &rusqlite::Row<'_>, kinds: &[Kind]) -> Result<Vec<Value>> {
    let mut values = Vec::with_capacity(kinds.len());
    for (index, kind) in kinds.iter().enumerate() {
        values.push(decode(row.get_ref(index).map_err(database_error)?, *kind)?);
    }
    Ok(values)
}

/// Every row read by `read` straight from SQLite's row, without
/// intermediate values (how generated models decode themselves).
pub(crate) fn fetch_map<T>(
    conn: &Connection,
    sql: &Sql,
    mut read: impl FnMut(&rusqlite::Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(&sql.text).map_err(database_error)?;
    let mut rows = statement
        .query(params_from_iter(sql.params.iter().map(Bound)))
        .map_err(database_error)?;
    let mut out = Vec::with_capacity(sql.row_limit.unwrap_or(16).min(1024));
    while let Some(row) = rows.next().map_err(database_error)? {
        out.push(read(row)?);
    }
    Ok(out)
}

pub(crate) fn execute(conn: &Connection, sql: &Sql) -> Result<u64> {
    let mut statement = conn.prepare_cached(&sql.text).map_err(database_error)?;
    let changed = statement
        .execute(params_from_iter(sql.params.iter().map(Bound)))
        .map_err(database_error)?;
    Ok(changed as u64)
}

pub(crate) fn execute_script(conn: &Connection, script: &str) -> Result<()> {
    conn.execute_batch(script).map_err(database_error)
}

fn decode_error(kind: Kind, raw: ValueRef<'_>) -> Error {
    Error::Decode {
        message: format!("cannot read {:?} as {kind:?}", raw.data_type()),
    }
}

fn text<'a>(raw: ValueRef<'a>, kind: Kind) -> Result<&'a str> {
    raw.as_str().map_err(|_| decode_error(kind, raw))
}

fn decode(raw: ValueRef<'_>, kind: Kind) -> Result<Value> {
    if let ValueRef::Null = raw {
        return Ok(Value::Null(kind));
    }
    let bad = || decode_error(kind, raw);
    Ok(match kind {
        Kind::Bool => Value::Bool(raw.as_i64().map_err(|_| bad())? != 0),
        Kind::Int => Value::Int(raw.as_i64().map_err(|_| bad())?),
        Kind::Float => match raw {
            ValueRef::Integer(v) => Value::Float(v as f64),
            ValueRef::Real(v) => Value::Float(v),
            _ => return Err(bad()),
        },
        Kind::Text | Kind::Enum(_) => Value::Text(text(raw, kind)?.to_string()),
        Kind::Decimal => match raw {
            ValueRef::Integer(v) => Value::Decimal(v.into()),
            ValueRef::Real(v) => {
                Value::Decimal(rust_decimal::Decimal::try_from(v).map_err(|_| bad())?)
            }
            _ => Value::Decimal(text(raw, kind)?.parse().map_err(|_| bad())?),
        },
        Kind::DateTime => {
            let text = text(raw, kind)?;
            let parsed = DateTime::parse_from_rfc3339(text)
                .map(|v| v.with_timezone(&Utc))
                .or_else(|_| {
                    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").map(|v| v.and_utc())
                })
                .map_err(|_| bad())?;
            Value::DateTime(parsed)
        }
        Kind::Uuid => match raw {
            ValueRef::Blob(bytes) => Value::Uuid(uuid::Uuid::from_slice(bytes).map_err(|_| bad())?),
            _ => Value::Uuid(text(raw, kind)?.parse().map_err(|_| bad())?),
        },
        Kind::Json => Value::Json(serde_json::from_str(text(raw, kind)?).map_err(|_| bad())?),
        Kind::Bytes => Value::Bytes(raw.as_blob().map_err(|_| bad())?.to_vec()),
        // Migrations never give SQLite a vector column: pgvector is server-only.
        Kind::Vector => return Err(bad()),
    })
}

pub(crate) async fn begin(conn: &SharedConn) -> Result<SharedTx> {
    let conn = conn.clone().lock_owned().await;
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(database_error)?;
    Ok(Arc::new(Mutex::new(Some(OpenTx { conn }))))
}

pub(crate) async fn finish(shared: &SharedTx, commit: bool) -> Result<()> {
    let Some(tx) = shared.lock().await.take() else {
        return Err(Error::TransactionClosed);
    };
    let outcome = tx
        .conn
        .execute_batch(if commit { "COMMIT" } else { "ROLLBACK" })
        .map_err(database_error);
    drop(tx);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    #[test]
    fn a_cached_statement_with_a_bound_limit_is_prepared_once() {
        let shared = open(None).expect("open");
        let conn = shared.writer().try_lock().expect("unlocked");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);",
        )
        .expect("seed");
        let text = "SELECT id FROM t WHERE id > ?1 ORDER BY id LIMIT ?2";
        for (after, limit) in [(0i64, 2i64), (1, 1), (0, 3), (2, 5)] {
            let mut statement = conn.prepare_cached(text).expect("prepare");
            let rows: Vec<i64> = statement
                .query_map([after, limit], |row| row.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            let expected: Vec<i64> = (after + 1..=3).take(limit as usize).collect();
            assert_eq!(rows, expected);
            // Binding `LIMIT ?` again must not send SQLite back to the parser.
            assert_eq!(statement.get_status(StatementStatus::RePrepare), 0);
        }
    }
}
