//! The PostgreSQL backend over sqlx: binds `Value`s by type and decodes
//! columns by the kind the descriptor names (accepting the narrower integer
//! and float types a hand-written DDL may use).

use crate::error::{Error, Result};
use crate::sql::Sql;
use crate::value::{Kind, Value};
use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use sqlx_core::arguments::Arguments;
use sqlx_core::column::Column;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_core::type_info::TypeInfo;
use sqlx_postgres::{PgArguments, PgPool, PgPoolOptions, PgRow, Postgres};
use std::sync::Arc;
use tokio::sync::Mutex;

/// A transaction shared by the clones of a transaction handle; `None` once
/// it has been committed or rolled back.
pub(crate) type SharedTx =
    Arc<Mutex<Option<sqlx_core::transaction::Transaction<'static, Postgres>>>>;

pub(crate) async fn connect(url: &str) -> Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(8)
        .connect(url)
        .await
        .map_err(database_error)
}

pub(crate) fn database_error(error: sqlx_core::Error) -> Error {
    match &error {
        sqlx_core::Error::Database(db) => Error::from_database(
            db.code().map(|code| code.into_owned()),
            db.constraint().map(str::to_string),
            db.message().to_string(),
        ),
        _ => Error::Database {
            sqlstate: None,
            message: error.to_string(),
        },
    }
}

fn arguments(sql: &Sql) -> Result<PgArguments> {
    let mut args = PgArguments::default();
    for value in &sql.params {
        let added = match value.clone() {
            Value::Null(kind) => match kind {
                Kind::Enum(_) => args.add(None::<String>),
                Kind::Bool => args.add(None::<bool>),
                Kind::Int => args.add(None::<i64>),
                Kind::Float => args.add(None::<f64>),
                Kind::Text => args.add(None::<String>),
                Kind::Decimal => args.add(None::<Decimal>),
                Kind::DateTime => args.add(None::<DateTime<Utc>>),
                Kind::Uuid => args.add(None::<uuid::Uuid>),
                Kind::Json => args.add(None::<sqlx_core::types::Json<serde_json::Value>>),
                Kind::Bytes => args.add(None::<Vec<u8>>),
            },
            Value::Bool(v) => args.add(v),
            Value::Int(v) => args.add(v),
            Value::Float(v) => args.add(v),
            Value::Text(v) => args.add(v),
            Value::Decimal(v) => args.add(v),
            Value::DateTime(v) => args.add(v),
            Value::Uuid(v) => args.add(v),
            Value::Json(v) => args.add(sqlx_core::types::Json(v)),
            Value::Bytes(v) => args.add(v),
            // Sent as text; the statement casts it to the enum type.
            Value::Enum { variant, .. } => args.add(variant),
        };
        added.map_err(|error| Error::Database {
            sqlstate: None,
            message: error.to_string(),
        })?;
    }
    Ok(args)
}

pub(crate) async fn fetch<'e, E>(executor: E, sql: &Sql, kinds: &[Kind]) -> Result<Vec<Vec<Value>>>
where
    E: Executor<'e, Database = Postgres>,
{
    let query = sqlx_core::query::query_with::<Postgres, _>(&sql.text, arguments(sql)?);
    let rows = query.fetch_all(executor).await.map_err(database_error)?;
    rows.iter().map(|row| decode_row(row, kinds)).collect()
}

pub(crate) async fn execute<'e, E>(executor: E, sql: &Sql) -> Result<u64>
where
    E: Executor<'e, Database = Postgres>,
{
    let query = sqlx_core::query::query_with::<Postgres, _>(&sql.text, arguments(sql)?);
    let done = query.execute(executor).await.map_err(database_error)?;
    Ok(done.rows_affected())
}

pub(crate) async fn execute_script<'e, E>(executor: E, script: &'e str) -> Result<()>
where
    E: Executor<'e, Database = Postgres>,
{
    // The simple query protocol runs several statements in one call.
    sqlx_core::raw_sql::raw_sql(script)
        .execute(executor)
        .await
        .map_err(database_error)?;
    Ok(())
}

fn decode_row(row: &PgRow, kinds: &[Kind]) -> Result<Vec<Value>> {
    kinds
        .iter()
        .enumerate()
        .map(|(index, kind)| decode(row, index, *kind))
        .collect()
}

fn decode(row: &PgRow, index: usize, kind: Kind) -> Result<Value> {
    let type_name = row.column(index).type_info().name().to_string();
    let value = match (kind, type_name.as_str()) {
        (Kind::Int, "INT2") => row
            .try_get::<Option<i16>, _>(index)
            .map(|v| v.map(|v| Value::Int(v.into()))),
        (Kind::Int, "INT4") => row
            .try_get::<Option<i32>, _>(index)
            .map(|v| v.map(|v| Value::Int(v.into()))),
        (Kind::Int, _) => row
            .try_get::<Option<i64>, _>(index)
            .map(|v| v.map(Value::Int)),
        // An enum's binary form is its label; sqlx only knows the type by name.
        (Kind::Enum(_), _) => row
            .try_get_unchecked::<Option<String>, _>(index)
            .map(|v| v.map(Value::Text)),
        (Kind::Bool, _) => row
            .try_get::<Option<bool>, _>(index)
            .map(|v| v.map(Value::Bool)),
        (Kind::Float, "FLOAT4") => row
            .try_get::<Option<f32>, _>(index)
            .map(|v| v.map(|v| Value::Float(v.into()))),
        (Kind::Float, _) => row
            .try_get::<Option<f64>, _>(index)
            .map(|v| v.map(Value::Float)),
        (Kind::Text, _) => row
            .try_get::<Option<String>, _>(index)
            .map(|v| v.map(Value::Text)),
        (Kind::Decimal, _) => row
            .try_get::<Option<Decimal>, _>(index)
            .map(|v| v.map(Value::Decimal)),
        (Kind::DateTime, "TIMESTAMP") => row
            .try_get::<Option<NaiveDateTime>, _>(index)
            .map(|v| v.map(|v| Value::DateTime(v.and_utc()))),
        (Kind::DateTime, _) => row
            .try_get::<Option<DateTime<Utc>>, _>(index)
            .map(|v| v.map(Value::DateTime)),
        (Kind::Uuid, _) => row
            .try_get::<Option<uuid::Uuid>, _>(index)
            .map(|v| v.map(Value::Uuid)),
        (Kind::Json, _) => row
            .try_get::<Option<sqlx_core::types::Json<serde_json::Value>>, _>(index)
            .map(|v| v.map(|v| Value::Json(v.0))),
        (Kind::Bytes, _) => row
            .try_get::<Option<Vec<u8>>, _>(index)
            .map(|v| v.map(Value::Bytes)),
    };
    value
        .map(|value| value.unwrap_or(Value::Null(kind)))
        .map_err(|error| Error::Decode {
            message: format!("column {index} ({type_name}): {error}"),
        })
}

pub(crate) async fn begin(pool: &PgPool) -> Result<SharedTx> {
    let tx = pool.begin().await.map_err(database_error)?;
    Ok(Arc::new(Mutex::new(Some(tx))))
}

/// Commits or rolls back; afterwards the transaction handle is closed.
pub(crate) async fn finish(shared: &SharedTx, commit: bool) -> Result<()> {
    let Some(tx) = shared.lock().await.take() else {
        return Err(Error::TransactionClosed);
    };
    if commit {
        tx.commit().await.map_err(database_error)
    } else {
        tx.rollback().await.map_err(database_error)
    }
}
