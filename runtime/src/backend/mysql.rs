//! The MySQL and MariaDB backend over sqlx: every pooled connection starts
//! in the session modes the storage contract names (double-quoted
//! identifiers, no backslash escapes, strict, UTC), values bind by type and
//! columns decode by the kind the descriptor names. UUIDs are canonical
//! text in `char(36)` columns; JSON is read as text, since MariaDB's JSON
//! is `longtext`. Server errors map to PostgreSQL's SQLSTATEs, so callers
//! see one classification whatever the backend.

use crate::backend::failure::from_database;
use crate::backend::sqlx_tx;
use crate::schema::error::{Error, Result};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use chrono::{DateTime, NaiveDateTime, Utc};
use cstack_storage::Dialect;
use rust_decimal::Decimal;
use sqlx_core::arguments::Arguments;
use sqlx_core::connection::Connection as _;
use sqlx_core::decode::Decode;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_core::value::ValueRef as _;
use sqlx_mysql::{
    MySql, MySqlArguments, MySqlConnectOptions, MySqlConnection, MySqlDatabaseError, MySqlPool,
    MySqlPoolOptions, MySqlRow, MySqlValueRef,
};

pub(crate) type SharedTx = sqlx_tx::SharedTx<MySql>;

/// A pool on `url` whose connections run the session setup, once one
/// connection has succeeded (so an unreachable server or a refused login
/// is reported at once, with the server's reason).
pub(crate) async fn connect(url: &str) -> Result<MySqlPool> {
    let options: MySqlConnectOptions = url.parse().map_err(database_error)?;
    let mut first = MySqlConnection::connect_with(&options)
        .await
        .map_err(database_error)?;
    setup(&mut first).await.map_err(database_error)?;
    let _ = first.close().await;
    Ok(MySqlPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| Box::pin(async move { setup(conn).await }))
        .connect_lazy_with(options))
}

/// The session modes every statement of ours is written for.
pub(crate) async fn setup(conn: &mut MySqlConnection) -> std::result::Result<(), sqlx_core::Error> {
    for statement in Dialect::Mysql.session_setup() {
        Executor::execute(&mut *conn, sqlx_core::raw_sql::raw_sql(statement)).await?;
    }
    Ok(())
}

/// A server error as the PostgreSQL SQLSTATE of its class, with the
/// constraint it names: duplicate keys `23505`, foreign keys `23503`,
/// checks `23514`, NOT NULL `23502`.
pub(crate) fn database_error(error: sqlx_core::Error) -> Error {
    let sqlx_core::Error::Database(db) = &error else {
        return Error::Database {
            sqlstate: None,
            message: error.to_string(),
        };
    };
    let message = db.message().to_string();
    let number = db
        .try_downcast_ref::<MySqlDatabaseError>()
        .map(MySqlDatabaseError::number);
    let class = match number {
        Some(1062 | 1586) => Some("23505"),
        Some(1216 | 1217 | 1451 | 1452) => Some("23503"),
        // MySQL 8 and MariaDB number a failed CHECK differently.
        Some(3819 | 4025) => Some("23514"),
        Some(1048 | 1364) => Some("23502"),
        _ => None,
    };
    let sqlstate = class
        .map(str::to_string)
        .or_else(|| db.code().map(|code| code.into_owned()));
    from_database(sqlstate, constraint_named(&message), message)
}

/// The constraint a duplicate-key, foreign-key or check message names:
/// `for key 'users.users_email_key'`, `CONSTRAINT `posts_author_fkey``,
/// `constraint 'x' is violated`.
fn constraint_named(message: &str) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    let name = ["for key '", "for key `", "constraint `", "constraint '"]
        .iter()
        .find_map(|marker| {
            let start = lower.find(marker)? + marker.len();
            let quote = marker.chars().last()?;
            let length = message[start..].find(quote)?;
            Some(&message[start..start + length])
        })?;
    // MySQL 8 qualifies a key with its table.
    Some(name.rsplit('.').next().unwrap_or(name).to_string())
}

fn arguments(sql: &Sql) -> Result<MySqlArguments> {
    let mut args = MySqlArguments::default();
    for value in &sql.params {
        let added = match value.clone() {
            Value::Null(kind) => match kind {
                Kind::Bool => args.add(None::<bool>),
                Kind::Int => args.add(None::<i64>),
                Kind::Float => args.add(None::<f64>),
                Kind::Decimal => args.add(None::<Decimal>),
                Kind::DateTime => args.add(None::<NaiveDateTime>),
                Kind::Bytes => args.add(None::<Vec<u8>>),
                Kind::Enum(_) | Kind::Text | Kind::Uuid | Kind::Json => args.add(None::<String>),
                Kind::Vector => return Err(no_vectors()),
            },
            Value::Bool(v) => args.add(v),
            Value::Int(v) => args.add(v),
            Value::Float(v) => args.add(v),
            Value::Text(v) if v.contains('\0') => {
                return Err(crate::backend::failure::nul_in_text());
            }
            Value::Text(v) => args.add(v),
            Value::Decimal(v) => args.add(v),
            // A `datetime(6)` holds no zone: the value is UTC, as the
            // session's time zone is.
            Value::DateTime(v) => args.add(v.naive_utc()),
            Value::Uuid(v) => args.add(v.hyphenated().to_string()),
            Value::Json(v) => args.add(v.to_string()),
            Value::Bytes(v) => args.add(v),
            Value::Enum { variant, .. } => args.add(variant),
            Value::Vector(_) => return Err(no_vectors()),
        };
        added.map_err(|error| Error::Database {
            sqlstate: None,
            message: error.to_string(),
        })?;
    }
    Ok(args)
}

fn no_vectors() -> Error {
    Error::Database {
        sqlstate: None,
        message: "MySQL stores no vectors".into(),
    }
}

pub(crate) async fn fetch<'e, E>(executor: E, sql: &Sql, kinds: &[Kind]) -> Result<Vec<Value>>
where
    E: Executor<'e, Database = MySql>,
{
    let query = sqlx_core::query::query_with::<MySql, _>(&sql.text, arguments(sql)?);
    let rows = query.fetch_all(executor).await.map_err(database_error)?;
    let mut out = Vec::with_capacity(rows.len() * kinds.len());
    for row in &rows {
        for (index, kind) in kinds.iter().enumerate() {
            out.push(decode(row, index, *kind)?);
        }
    }
    Ok(out)
}

pub(crate) async fn execute<'e, E>(executor: E, sql: &Sql) -> Result<u64>
where
    E: Executor<'e, Database = MySql>,
{
    let query = sqlx_core::query::query_with::<MySql, _>(&sql.text, arguments(sql)?);
    let done = query.execute(executor).await.map_err(database_error)?;
    Ok(done.rows_affected())
}

/// Runs an INSERT; the first id the server generated for it.
pub(crate) async fn insert_id<'e, E>(executor: E, sql: &Sql) -> Result<u64>
where
    E: Executor<'e, Database = MySql>,
{
    let query = sqlx_core::query::query_with::<MySql, _>(&sql.text, arguments(sql)?);
    let done = query.execute(executor).await.map_err(database_error)?;
    Ok(done.last_insert_id())
}

pub(crate) async fn execute_script<'e, E>(executor: E, script: &'e str) -> Result<()>
where
    E: Executor<'e, Database = MySql>,
{
    // The server refuses an empty query; an empty script does nothing.
    if script.trim().is_empty() {
        return Ok(());
    }
    Executor::execute(executor, sqlx_core::raw_sql::raw_sql(script))
        .await
        .map_err(database_error)?;
    Ok(())
}

/// Every row of the result read by `read` (a generated model's
/// `read_row`), straight from the row.
pub(crate) async fn fetch_map<'e, E, T>(
    executor: E,
    sql: &Sql,
    read: impl Fn(&MySqlRow) -> Result<T>,
) -> Result<Vec<T>>
where
    E: Executor<'e, Database = MySql>,
{
    let query = sqlx_core::query::query_with::<MySql, _>(&sql.text, arguments(sql)?);
    let rows = query.fetch_all(executor).await.map_err(database_error)?;
    rows.iter().map(read).collect()
}

/// One row's columns as values of these kinds.
pub(crate) fn decode_row(row: &MySqlRow, kinds: &[Kind]) -> Result<Vec<Value>> {
    kinds
        .iter()
        .enumerate()
        .map(|(index, kind)| decode(row, index, *kind))
        .collect()
}

/// The value of column `index` as `kind` says. The raw value is decoded
/// without sqlx's per-value type check: the descriptor, not the server's
/// report, says what the column holds (a binary-collated text column is
/// reported as `varbinary`, an enum is a `varchar`, a UUID a `char(36)`,
/// JSON `json` or `longtext`), and a value of another shape still fails to
/// decode.
fn decode(row: &MySqlRow, index: usize, kind: Kind) -> Result<Value> {
    let failed = |message: String| Error::Decode {
        message: format!("column {index}: {message}"),
    };
    let raw = row.try_get_raw(index).map_err(|e| failed(e.to_string()))?;
    if raw.is_null() {
        return Ok(Value::Null(kind));
    }
    fn read<'r, T: Decode<'r, MySql>>(raw: MySqlValueRef<'r>) -> std::result::Result<T, String> {
        T::decode(raw).map_err(|e| e.to_string())
    }
    let value = match kind {
        Kind::Int => read::<i64>(raw).map(Value::Int),
        Kind::Bool => read::<bool>(raw).map(Value::Bool),
        Kind::Float => read::<f64>(raw).map(Value::Float),
        // `decimal(65,30)` keeps 30 fractional digits: the value, not its
        // padding, is what was stored.
        Kind::Decimal => read::<Decimal>(raw).map(|d| Value::Decimal(d.normalize())),
        Kind::DateTime => read::<NaiveDateTime>(raw)
            .map(|v| Value::DateTime(DateTime::<Utc>::from_naive_utc_and_offset(v, Utc))),
        Kind::Bytes => read::<Vec<u8>>(raw).map(Value::Bytes),
        Kind::Text | Kind::Enum(_) => read::<String>(raw).map(Value::Text),
        Kind::Uuid => read::<&str>(raw).and_then(|text| {
            uuid::Uuid::parse_str(text)
                .map(Value::Uuid)
                .map_err(|e| format!("`{text}` is not a UUID: {e}"))
        }),
        Kind::Json => read::<&str>(raw).and_then(|text| {
            serde_json::from_str(text)
                .map(Value::Json)
                .map_err(|e| format!("not JSON: {e}"))
        }),
        Kind::Vector => Err("MySQL stores no vectors".to_string()),
    };
    value.map_err(failed)
}

pub(crate) async fn begin(pool: &MySqlPool) -> Result<SharedTx> {
    sqlx_tx::begin(pool, database_error).await
}

/// Commits or rolls back; afterwards the transaction handle is closed.
pub(crate) async fn finish(shared: &SharedTx, commit: bool) -> Result<()> {
    sqlx_tx::finish(shared, commit, database_error).await
}

/// The migrations lock (`GET_LOCK`, held by the session), on one pooled
/// connection of its own.
pub(crate) struct MigrationLock {
    conn: sqlx_core::pool::PoolConnection<MySql>,
}

impl MigrationLock {
    pub(crate) async fn acquire(pool: &MySqlPool) -> Result<MigrationLock> {
        let mut conn = pool.acquire().await.map_err(database_error)?;
        // Closed rather than returned to the pool when dropped, so a failed
        // or cancelled run never leaves a pooled session holding the lock.
        conn.close_on_drop();
        // Waits while another runner holds it (MariaDB takes no negative,
        // unbounded timeout: a day stands for one). 1 is the lock; 0 a
        // timeout, NULL an error.
        let row = sqlx_core::query::query::<MySql>("SELECT GET_LOCK(?, 86400)")
            .bind(cstack_storage::tables::migrations::TABLE)
            .fetch_one(&mut *conn)
            .await
            .map_err(database_error)?;
        let granted: Option<i64> = row.try_get(0).map_err(database_error)?;
        if granted != Some(1) {
            return Err(Error::Database {
                sqlstate: None,
                message: "could not take the migrations lock (GET_LOCK)".into(),
            });
        }
        Ok(MigrationLock { conn })
    }

    pub(crate) async fn release(mut self) -> Result<()> {
        sqlx_core::query::query::<MySql>("SELECT RELEASE_LOCK(?)")
            .bind(cstack_storage::tables::migrations::TABLE)
            .execute(&mut *self.conn)
            .await
            .map_err(database_error)
            .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn constraints_are_read_from_both_servers_messages() {
        for (message, name) in [
            (
                "Duplicate entry 'a@b.c' for key 'users.users_email_key'",
                "users_email_key",
            ),
            (
                "Duplicate entry 'a@b.c' for key 'users_email_key'",
                "users_email_key",
            ),
            (
                "Cannot add or update a child row: a foreign key constraint fails (`test`.`posts`, CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`))",
                "posts_author_id_fkey",
            ),
            (
                "Check constraint 'users_age_range_check' is violated.",
                "users_age_range_check",
            ),
            (
                "CONSTRAINT `users_age_range_check` failed for `test`.`users`",
                "users_age_range_check",
            ),
        ] {
            assert_eq!(
                constraint_named(message).as_deref(),
                Some(name),
                "{message}"
            );
        }
        assert_eq!(constraint_named("Column 'name' cannot be null"), None);
    }

    /// The MariaDB test server (127.0.0.1:3306, root), which `.ci/run`
    /// starts: a scratch database on it for the test, dropped at the end.
    async fn scratch() -> (MySqlPool, String) {
        let admin = connect("mysql://root@127.0.0.1:3306/test")
            .await
            .expect("MariaDB on 127.0.0.1:3306 is required by this test");
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!(
            "cstack_runtime_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        execute_script(
            &admin,
            &format!(
                "DROP DATABASE IF EXISTS \"{name}\"; \
                 CREATE DATABASE \"{name}\" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
            ),
        )
        .await
        .unwrap();
        admin.close().await;
        let pool = connect(&format!("mysql://root@127.0.0.1:3306/{name}"))
            .await
            .unwrap();
        (pool, name)
    }

    fn sql(text: &str, params: Vec<Value>) -> Sql {
        let mut sql = Sql::new(Dialect::Mysql);
        let mut parts = text.split('?');
        sql.push(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(params) {
            sql.param(value).push(part);
        }
        sql
    }

    #[tokio::test]
    async fn every_kind_round_trips_and_violations_are_classified() {
        let (pool, name) = scratch().await;
        execute_script(
            &pool,
            "CREATE TABLE parents (id bigint PRIMARY KEY) ENGINE = InnoDB;
             CREATE TABLE cells (
               id bigint PRIMARY KEY,
               flag tinyint(1), n bigint, x double, t longtext, d decimal(65,30),
               at datetime(6), u char(36), j json, b longblob, e varchar(255),
               code varchar(255) NOT NULL,
               parent bigint,
               CONSTRAINT cells_code_key UNIQUE (code),
               CONSTRAINT cells_n_range_check CHECK (n >= 0),
               CONSTRAINT cells_parent_fkey FOREIGN KEY (parent) REFERENCES parents (id)
             ) ENGINE = InnoDB",
        )
        .await
        .unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 4, 10, 30, 0).unwrap()
            + chrono::Duration::microseconds(123_456);
        let values = vec![
            Value::Int(1),
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(1.5),
            Value::Text("naïve \\ 'quoted' \"text\"".into()),
            Value::Decimal("12345678901234567890.123456789".parse().unwrap()),
            Value::DateTime(at),
            Value::Uuid(uuid::Uuid::new_v4()),
            Value::Json(serde_json::json!({"a": [1, 2], "b": null})),
            Value::Bytes(vec![0, 255, 10]),
            Value::Enum {
                type_name: "status",
                variant: "Published",
            },
            Value::Text("one".into()),
        ];
        let insert = "INSERT INTO cells (id, flag, n, x, t, d, at, u, j, b, e, code) \
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        let written = execute(&pool, &sql(insert, values.clone())).await;
        assert!(written.is_err(), "n = -7 breaks the check");
        let mut values = values;
        values[2] = Value::Int(7);
        assert_eq!(
            execute(&pool, &sql(insert, values.clone())).await.unwrap(),
            1
        );
        let kinds = [
            Kind::Int,
            Kind::Bool,
            Kind::Int,
            Kind::Float,
            Kind::Text,
            Kind::Decimal,
            Kind::DateTime,
            Kind::Uuid,
            Kind::Json,
            Kind::Bytes,
            Kind::Enum("status"),
            Kind::Text,
        ];
        let read = fetch(
            &pool,
            &sql(
                "SELECT id, flag, n, x, t, d, at, u, j, b, e, code FROM cells",
                vec![],
            ),
            &kinds,
        )
        .await
        .unwrap();
        let mut expected = values.clone();
        expected[10] = Value::Text("Published".into());
        assert_eq!(read, expected);
        // NULLs come back typed by the kind asked for.
        execute(
            &pool,
            &sql(
                "INSERT INTO cells (id, code, t) VALUES (?, ?, ?)",
                vec![
                    Value::Int(2),
                    Value::Text("two".into()),
                    Value::Null(Kind::Text),
                ],
            ),
        )
        .await
        .unwrap();
        let read = fetch(
            &pool,
            &sql(
                "SELECT t, j, at FROM cells WHERE id = ?",
                vec![Value::Int(2)],
            ),
            &[Kind::Text, Kind::Json, Kind::DateTime],
        )
        .await
        .unwrap();
        assert_eq!(
            read,
            vec![
                Value::Null(Kind::Text),
                Value::Null(Kind::Json),
                Value::Null(Kind::DateTime)
            ]
        );
        // Text compares bytewise: `one` and `ONE` are different codes.
        let insert_code = |id: i64, code: &str| {
            sql(
                "INSERT INTO cells (id, code) VALUES (?, ?)",
                vec![Value::Int(id), Value::Text(code.into())],
            )
        };
        execute(&pool, &insert_code(3, "ONE")).await.unwrap();
        match execute(&pool, &insert_code(4, "one")).await {
            Err(Error::Conflict { constraint, .. }) => {
                assert_eq!(constraint.as_deref(), Some("cells_code_key"))
            }
            other => panic!("a duplicate is a conflict: {other:?}"),
        }
        let sqlstate = |result: Result<u64>| match result {
            Err(Error::Database { sqlstate, .. }) => sqlstate,
            other => panic!("a database error: {other:?}"),
        };
        assert_eq!(
            sqlstate(
                execute(
                    &pool,
                    &sql(
                        "INSERT INTO cells (id, code, parent) VALUES (?, ?, ?)",
                        vec![Value::Int(5), Value::Text("five".into()), Value::Int(99)],
                    ),
                )
                .await
            )
            .as_deref(),
            Some("23503")
        );
        assert_eq!(
            sqlstate(
                execute(
                    &pool,
                    &sql(
                        "INSERT INTO cells (id, code, n) VALUES (?, ?, ?)",
                        vec![Value::Int(6), Value::Text("six".into()), Value::Int(-1)],
                    ),
                )
                .await
            )
            .as_deref(),
            Some("23514")
        );
        assert_eq!(
            sqlstate(
                execute(
                    &pool,
                    &sql(
                        "INSERT INTO cells (id, code) VALUES (?, ?)",
                        vec![Value::Int(7), Value::Null(Kind::Text)],
                    ),
                )
                .await
            )
            .as_deref(),
            Some("23502")
        );
        // A transaction rolled back leaves nothing.
        let tx = begin(&pool).await.unwrap();
        {
            let mut guard = tx.lock().await;
            let conn = &mut **guard.as_mut().unwrap();
            execute(conn, &insert_code(8, "eight")).await.unwrap();
        }
        finish(&tx, false).await.unwrap();
        let count = fetch(
            &pool,
            &sql(
                "SELECT count(*) FROM cells WHERE id = ?",
                vec![Value::Int(8)],
            ),
            &[Kind::Int],
        )
        .await
        .unwrap();
        assert_eq!(count, vec![Value::Int(0)]);
        execute_script(&pool, &format!("DROP DATABASE \"{name}\""))
            .await
            .unwrap();
        pool.close().await;
    }

    /// Reads as `sql::render` writes them, run on MariaDB: filters compare
    /// text bytewise and case-sensitively, NULLs sort where asked, and an
    /// offset works without a limit.
    #[tokio::test]
    async fn reads_render_and_run_as_on_the_other_backends() {
        use crate::query::filter::{Node, NullsOrder};
        use crate::schema::descriptor::{Column, ModelDescriptor};
        use crate::schema::operator::CmpOp;
        use crate::sql::render::{self, OrderKey};

        static ITEMS: ModelDescriptor = ModelDescriptor {
            name: "Item",
            table: "items",
            columns: &[
                Column {
                    field: "id",
                    name: "id",
                    kind: Kind::Int,
                    nullable: false,
                },
                Column {
                    field: "name",
                    name: "name",
                    kind: Kind::Text,
                    nullable: true,
                },
            ],
            primary_key: "id",
            soft_delete: None,
            version: None,
            kinds: &[Kind::Int, Kind::Text],
        };
        let (pool, name) = scratch().await;
        execute_script(
            &pool,
            "CREATE TABLE items (id bigint PRIMARY KEY, name varchar(255)) \
             ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
             INSERT INTO items VALUES (1, 'b'), (2, 'B'), (3, 'a'), (4, NULL), (5, 'ä'), (6, 'ab')",
        )
        .await
        .unwrap();
        let ids = |values: Vec<Value>| -> Vec<i64> {
            values
                .chunks(2)
                .map(|row| match row[0] {
                    Value::Int(id) => id,
                    ref other => panic!("an id: {other:?}"),
                })
                .collect()
        };
        let order = |descending, nulls| OrderKey {
            column: "name",
            kind: Kind::Text,
            descending,
            nulls,
        };
        let select = |node: &Node, orders: &[OrderKey], limit, offset| {
            render::select(Dialect::Mysql, &ITEMS, node, orders, limit, offset)
        };
        // Bytewise: `B` < `a` < `ab` < `b` < `ä`, NULLs last unless asked.
        let sql = select(&Node::True, &[order(false, NullsOrder::Last)], None, None);
        let rows = fetch(&pool, &sql, ITEMS.kinds()).await.unwrap();
        assert_eq!(ids(rows), vec![2, 3, 6, 1, 5, 4]);
        let sql = select(&Node::True, &[order(true, NullsOrder::First)], None, None);
        let rows = fetch(&pool, &sql, ITEMS.kinds()).await.unwrap();
        assert_eq!(ids(rows), vec![4, 5, 1, 6, 3, 2]);
        // An offset without a limit, and with one.
        let sql = select(
            &Node::True,
            &[order(false, NullsOrder::Last)],
            None,
            Some(4),
        );
        let rows = fetch(&pool, &sql, ITEMS.kinds()).await.unwrap();
        assert_eq!(ids(rows), vec![5, 4]);
        let sql = select(
            &Node::True,
            &[order(false, NullsOrder::Last)],
            Some(2),
            Some(1),
        );
        let rows = fetch(&pool, &sql, ITEMS.kinds()).await.unwrap();
        assert_eq!(ids(rows), vec![3, 6]);
        // Filters: case-sensitive equality, order, substring and prefix.
        let name_is = |op, text: &str| Node::Compare {
            column: "name",
            kind: Kind::Text,
            op,
            value: Value::Text(text.into()),
        };
        for (node, expected) in [
            (name_is(CmpOp::Eq, "b"), vec![1]),
            (name_is(CmpOp::Gt, "a"), vec![1, 5, 6]),
            (
                Node::Contains {
                    column: "name",
                    value: "b".into(),
                },
                vec![1, 6],
            ),
            (
                Node::StartsWith {
                    column: "name",
                    value: "a".into(),
                },
                vec![3, 6],
            ),
            (
                Node::IsNull {
                    column: "name",
                    negated: false,
                },
                vec![4],
            ),
            (
                Node::In {
                    column: "name",
                    values: vec![Value::Text("B".into()), Value::Text("ä".into())],
                    negated: false,
                },
                vec![2, 5],
            ),
        ] {
            let sql = select(&node, &[], None, None);
            let mut found = ids(fetch(&pool, &sql, ITEMS.kinds()).await.unwrap());
            found.sort_unstable();
            assert_eq!(found, expected, "{}", sql.text);
        }
        let sql = render::count(Dialect::Mysql, &ITEMS, &name_is(CmpOp::Ne, "b"));
        let count = fetch(&pool, &sql, &[Kind::Int]).await.unwrap();
        assert_eq!(count, vec![Value::Int(4)]);
        execute_script(&pool, &format!("DROP DATABASE \"{name}\""))
            .await
            .unwrap();
        pool.close().await;
    }
}
