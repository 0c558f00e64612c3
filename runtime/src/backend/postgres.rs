//! The PostgreSQL backend over sqlx: binds `Value`s by type and decodes
//! columns by the kind the descriptor names (accepting the narrower integer
//! and float types a hand-written DDL may use).

use crate::backend::failure::from_database;
use crate::backend::sqlx_tx;
use crate::schema::error::{Error, Result};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use sqlx_core::arguments::Arguments;
use sqlx_core::column::Column;
use sqlx_core::connection::Connection as _;
use sqlx_core::encode::{Encode, IsNull};
use sqlx_core::error::BoxDynError;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_core::type_info::TypeInfo;
use sqlx_core::types::Type;
use sqlx_postgres::types::Oid;
use sqlx_postgres::{
    PgArgumentBuffer, PgArguments, PgConnectOptions, PgConnection, PgPool, PgPoolOptions, PgRow,
    PgTypeInfo, Postgres,
};

pub(crate) type SharedTx = sqlx_tx::SharedTx<Postgres>;

/// A pool on `url`, once one connection to it has succeeded: an
/// unreachable server or a refused login is reported at once, with the
/// server's reason. (A pool alone retries such failures until its acquire
/// timeout, 30 seconds, and then says only that it timed out.)
pub(crate) async fn connect(url: &str) -> Result<PgPool> {
    let options: PgConnectOptions = url.parse().map_err(database_error)?;
    let first = PgConnection::connect_with(&options)
        .await
        .map_err(database_error)?;
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect_lazy_with(options);
    // The pool opens its own connections; this one proved the way.
    let _ = first.close().await;
    Ok(pool)
}

pub(crate) fn database_error(error: sqlx_core::Error) -> Error {
    match &error {
        sqlx_core::Error::Database(db) => from_database(
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

/// An enum label, sent with no declared type: every enum placeholder
/// carries a cast to its enum type (`$1::"visibility"`), so PostgreSQL
/// infers the parameter as that type and decodes the label once, at bind.
/// Sent as text, the parameter would be cast on every row the predicate
/// meets, since the text-to-enum cast is not folded into a constant.
struct EnumLabel(&'static str);

impl Type<Postgres> for EnumLabel {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(Oid(0))
    }
}

impl Encode<'_, Postgres> for EnumLabel {
    fn encode_by_ref(
        &self,
        buf: &mut PgArgumentBuffer,
    ) -> std::result::Result<IsNull, BoxDynError> {
        // An enum's binary form is its label's text.
        buf.extend_from_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }
}

/// A pgvector embedding in the extension's binary form: the dimension as a
/// 16-bit integer, 16 unused bits, then each element as a 32-bit float, all
/// big-endian. The type is found by name, since the extension's OID differs
/// from database to database.
struct PgVector(Vec<f32>);

impl Type<Postgres> for PgVector {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("vector")
    }
}

impl Encode<'_, Postgres> for PgVector {
    fn encode_by_ref(
        &self,
        buf: &mut PgArgumentBuffer,
    ) -> std::result::Result<IsNull, BoxDynError> {
        let dimension = u16::try_from(self.0.len())
            .map_err(|_| format!("a vector of {} dimensions is too long", self.0.len()))?;
        buf.extend_from_slice(&dimension.to_be_bytes());
        buf.extend_from_slice(&0u16.to_be_bytes());
        for element in &self.0 {
            buf.extend_from_slice(&element.to_be_bytes());
        }
        Ok(IsNull::No)
    }
}

impl<'r> sqlx_core::decode::Decode<'r, Postgres> for PgVector {
    fn decode(value: sqlx_postgres::PgValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        let bytes = value.as_bytes()?;
        let malformed = || format!("malformed vector of {} bytes", bytes.len());
        let (header, elements) = bytes.split_at_checked(4).ok_or_else(malformed)?;
        let dimension = usize::from(u16::from_be_bytes([header[0], header[1]]));
        if elements.len() != dimension * 4 {
            return Err(malformed().into());
        }
        Ok(PgVector(
            elements
                .chunks_exact(4)
                .map(|chunk| f32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
                .collect(),
        ))
    }
}

fn arguments(sql: &Sql) -> Result<PgArguments> {
    let mut args = PgArguments::default();
    for value in &sql.params {
        let added = match value.clone() {
            Value::Null(kind) => match kind {
                Kind::Enum(_) => args.add(None::<EnumLabel>),
                Kind::Bool => args.add(None::<bool>),
                Kind::Int => args.add(None::<i64>),
                Kind::Float => args.add(None::<f64>),
                Kind::Text => args.add(None::<String>),
                Kind::Decimal => args.add(None::<Decimal>),
                Kind::DateTime => args.add(None::<DateTime<Utc>>),
                Kind::Uuid => args.add(None::<uuid::Uuid>),
                Kind::Json => args.add(None::<sqlx_core::types::Json<serde_json::Value>>),
                Kind::Bytes => args.add(None::<Vec<u8>>),
                Kind::Vector => args.add(None::<PgVector>),
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
            Value::Vector(v) => args.add(PgVector(v)),
            Value::Enum { variant, .. } => args.add(EnumLabel(variant)),
        };
        added.map_err(|error| Error::Database {
            sqlstate: None,
            message: error.to_string(),
        })?;
    }
    Ok(args)
}

pub(crate) async fn fetch<'e, E>(executor: E, sql: &Sql, kinds: &[Kind]) -> Result<Vec<Value>>
where
    E: Executor<'e, Database = Postgres>,
{
    let query = sqlx_core::query::query_with::<Postgres, _>(&sql.text, arguments(sql)?);
    let rows = query.fetch_all(executor).await.map_err(database_error)?;
    decode_rows(&rows, kinds)
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
    // Through the `Executor` method, whose future is boxed: `Send` for
    // every caller, where `RawSql::execute`'s generic future leaves the
    // compiler unable to prove it under a borrowed transaction body.
    Executor::execute(executor, sqlx_core::raw_sql::raw_sql(script))
        .await
        .map_err(database_error)?;
    Ok(())
}

/// How one column of a result is read, chosen once per result from the
/// column's actual type (so each cell skips sqlx's per-cell type check).
#[derive(Clone, Copy)]
enum Decoder {
    I16,
    I32,
    I64,
    Bool,
    F32,
    F64,
    Text,
    Decimal,
    Timestamp,
    TimestampTz,
    Uuid,
    Json,
    Bytes,
    /// Any other type: decoded with sqlx's checks, erring on a mismatch.
    Checked(Kind),
}

fn decoder(kind: Kind, type_name: &str) -> Decoder {
    match (kind, type_name) {
        (Kind::Int, "INT2") => Decoder::I16,
        (Kind::Int, "INT4") => Decoder::I32,
        (Kind::Int, "INT8") => Decoder::I64,
        (Kind::Bool, "BOOL") => Decoder::Bool,
        (Kind::Float, "FLOAT4") => Decoder::F32,
        (Kind::Float, "FLOAT8") => Decoder::F64,
        (Kind::Text, "TEXT" | "VARCHAR" | "BPCHAR" | "NAME") => Decoder::Text,
        // An enum's binary form is its label; sqlx only knows the type by name.
        (Kind::Enum(_), _) => Decoder::Text,
        (Kind::Decimal, "NUMERIC") => Decoder::Decimal,
        (Kind::DateTime, "TIMESTAMPTZ") => Decoder::TimestampTz,
        (Kind::DateTime, "TIMESTAMP") => Decoder::Timestamp,
        (Kind::Uuid, "UUID") => Decoder::Uuid,
        (Kind::Json, "JSONB" | "JSON") => Decoder::Json,
        (Kind::Bytes, "BYTEA") => Decoder::Bytes,
        _ => Decoder::Checked(kind),
    }
}

fn decode_rows(rows: &[PgRow], kinds: &[Kind]) -> Result<Vec<Value>> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let decoders: Vec<(Decoder, Kind)> = kinds
        .iter()
        .enumerate()
        .map(|(index, kind)| {
            (
                decoder(*kind, first.column(index).type_info().name()),
                *kind,
            )
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len() * kinds.len());
    for row in rows {
        for (index, (decoder, kind)) in decoders.iter().enumerate() {
            out.push(decode_with(row, index, *decoder, *kind)?);
        }
    }
    Ok(out)
}

fn decode_with(row: &PgRow, index: usize, decoder: Decoder, kind: Kind) -> Result<Value> {
    fn get<'r, T>(row: &'r PgRow, index: usize) -> std::result::Result<Option<T>, sqlx_core::Error>
    where
        T: sqlx_core::decode::Decode<'r, Postgres>,
    {
        row.try_get_unchecked::<Option<T>, _>(index)
    }
    let value = match decoder {
        Decoder::I16 => get::<i16>(row, index).map(|v| v.map(|v| Value::Int(v.into()))),
        Decoder::I32 => get::<i32>(row, index).map(|v| v.map(|v| Value::Int(v.into()))),
        Decoder::I64 => get::<i64>(row, index).map(|v| v.map(Value::Int)),
        Decoder::Bool => get::<bool>(row, index).map(|v| v.map(Value::Bool)),
        Decoder::F32 => get::<f32>(row, index).map(|v| v.map(|v| Value::Float(v.into()))),
        Decoder::F64 => get::<f64>(row, index).map(|v| v.map(Value::Float)),
        Decoder::Text => get::<String>(row, index).map(|v| v.map(Value::Text)),
        Decoder::Decimal => get::<Decimal>(row, index).map(|v| v.map(Value::Decimal)),
        Decoder::Timestamp => {
            get::<NaiveDateTime>(row, index).map(|v| v.map(|v| Value::DateTime(v.and_utc())))
        }
        Decoder::TimestampTz => get::<DateTime<Utc>>(row, index).map(|v| v.map(Value::DateTime)),
        Decoder::Uuid => get::<uuid::Uuid>(row, index).map(|v| v.map(Value::Uuid)),
        Decoder::Json => get::<sqlx_core::types::Json<serde_json::Value>>(row, index)
            .map(|v| v.map(|v| Value::Json(v.0))),
        Decoder::Bytes => get::<Vec<u8>>(row, index).map(|v| v.map(Value::Bytes)),
        Decoder::Checked(kind) => return decode(row, index, kind),
    };
    value
        .map(|value| value.unwrap_or(Value::Null(kind)))
        .map_err(|error| Error::Decode {
            message: format!("column {index}: {error}"),
        })
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
        (Kind::Vector, _) => row
            .try_get_unchecked::<Option<PgVector>, _>(index)
            .map(|v| v.map(|v| Value::Vector(v.0))),
    };
    value
        .map(|value| value.unwrap_or(Value::Null(kind)))
        .map_err(|error| Error::Decode {
            message: format!("column {index} ({type_name}): {error}"),
        })
}

pub(crate) async fn begin(pool: &PgPool) -> Result<SharedTx> {
    sqlx_tx::begin(pool, database_error).await
}

/// Commits or rolls back; afterwards the transaction handle is closed.
pub(crate) async fn finish(shared: &SharedTx, commit: bool) -> Result<()> {
    sqlx_tx::finish(shared, commit, database_error).await
}

/// The migrations lock, held by one pooled connection.
pub(crate) struct MigrationLock {
    conn: sqlx_core::pool::PoolConnection<Postgres>,
}

impl MigrationLock {
    pub(crate) async fn acquire(pool: &PgPool) -> Result<MigrationLock> {
        let mut conn = pool.acquire().await.map_err(database_error)?;
        // Closed rather than returned to the pool when dropped, so a failed
        // or cancelled run never leaves a pooled session holding the lock.
        conn.close_on_drop();
        sqlx_core::query::query::<Postgres>("SELECT pg_advisory_lock($1)")
            .bind(cstack_storage::tables::migrations::LOCK_KEY)
            .execute(&mut *conn)
            .await
            .map_err(database_error)?;
        Ok(MigrationLock { conn })
    }

    pub(crate) async fn release(mut self) -> Result<()> {
        sqlx_core::query::query::<Postgres>("SELECT pg_advisory_unlock($1)")
            .bind(cstack_storage::tables::migrations::LOCK_KEY)
            .execute(&mut *self.conn)
            .await
            .map_err(database_error)
            .map(drop)
    }
}
