//! Reading model fields straight from an SQLite row, without an
//! intermediate `Value`: the SQLite side of [`ModelRow`] and [`Column`],
//! what generated `Model::read_row` calls one column at a time; and the
//! whole row as values, for models without that override. Representations
//! match `sqlite::decode`.

use crate::backend::sqlite::{database_error, decode_row};
use crate::schema::error::{Error, Result};
use crate::schema::model::{Column, ModelRow};
use crate::schema::value::{Kind, Value};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::types::ValueRef;

type SqliteRow<'a> = rusqlite::Row<'a>;

/// A field type readable from one SQLite column.
pub(crate) trait SqliteColumn: Sized {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self>;
}

impl ModelRow for SqliteRow<'_> {
    fn column<T: Column>(&self, index: usize) -> Result<T> {
        T::from_sqlite(self, index)
    }

    fn enum_column<T: std::str::FromStr>(&self, index: usize) -> Result<T> {
        sqlite_enum(self, index)
    }

    fn enum_column_opt<T: std::str::FromStr>(&self, index: usize) -> Result<Option<T>> {
        sqlite_enum_opt(self, index)
    }

    fn json_column<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<T> {
        sqlite_json(self, index)
    }

    fn json_column_opt<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<Option<T>> {
        sqlite_json_opt(self, index)
    }

    fn values(&self, kinds: &[Kind]) -> Result<Vec<Value>> {
        decode_row(self, kinds)
    }
}

/// Whether column `index` is `NULL`.
pub(crate) fn is_null(row: &SqliteRow<'_>, index: usize) -> Result<bool> {
    Ok(matches!(raw(row, index)?, ValueRef::Null))
}

fn raw<'a>(row: &'a SqliteRow<'_>, index: usize) -> Result<ValueRef<'a>> {
    row.get_ref(index).map_err(database_error)
}

fn bad(index: usize, what: &str) -> Error {
    Error::Decode {
        message: format!("column {index} is not {what}"),
    }
}

fn text<'a>(row: &'a SqliteRow<'_>, index: usize) -> Result<&'a str> {
    raw(row, index)?.as_str().map_err(|_| bad(index, "text"))
}

impl SqliteColumn for i64 {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        raw(row, index)?
            .as_i64()
            .map_err(|_| bad(index, "an integer"))
    }
}

impl SqliteColumn for bool {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        Ok(i64::read(row, index)? != 0)
    }
}

impl SqliteColumn for f64 {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        match raw(row, index)? {
            ValueRef::Integer(v) => Ok(v as f64),
            ValueRef::Real(v) => Ok(v),
            _ => Err(bad(index, "a number")),
        }
    }
}

impl SqliteColumn for String {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        text(row, index).map(str::to_string)
    }
}

impl SqliteColumn for rust_decimal::Decimal {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        match raw(row, index)? {
            ValueRef::Integer(v) => Ok(v.into()),
            ValueRef::Real(v) => {
                rust_decimal::Decimal::try_from(v).map_err(|_| bad(index, "a decimal"))
            }
            _ => text(row, index)?
                .parse()
                .map_err(|_| bad(index, "a decimal")),
        }
    }
}

impl SqliteColumn for DateTime<Utc> {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        let text = text(row, index)?;
        DateTime::parse_from_rfc3339(text)
            .map(|v| v.with_timezone(&Utc))
            .or_else(|_| {
                NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").map(|v| v.and_utc())
            })
            .map_err(|_| bad(index, "a timestamp"))
    }
}

impl SqliteColumn for uuid::Uuid {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        match raw(row, index)? {
            ValueRef::Blob(bytes) => {
                uuid::Uuid::from_slice(bytes).map_err(|_| bad(index, "a uuid"))
            }
            _ => text(row, index)?.parse().map_err(|_| bad(index, "a uuid")),
        }
    }
}

impl SqliteColumn for serde_json::Value {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        serde_json::from_str(text(row, index)?).map_err(|_| bad(index, "JSON"))
    }
}

impl SqliteColumn for Vec<u8> {
    fn read(row: &SqliteRow<'_>, index: usize) -> Result<Self> {
        raw(row, index)?
            .as_blob()
            .map(<[u8]>::to_vec)
            .map_err(|_| bad(index, "bytes"))
    }
}

/// An enum column, through the enum's `FromStr`.
fn sqlite_enum<T: std::str::FromStr>(row: &SqliteRow<'_>, index: usize) -> Result<T> {
    let text = text(row, index)?;
    text.parse().map_err(|_| Error::Decode {
        message: format!("unknown enum variant `{text}`"),
    })
}

/// A JSON column holding a list or `type` value.
fn sqlite_json<T: serde::de::DeserializeOwned>(row: &SqliteRow<'_>, index: usize) -> Result<T> {
    serde_json::from_str(text(row, index)?).map_err(|error| Error::Decode {
        message: error.to_string(),
    })
}

/// An optional JSON column.
fn sqlite_json_opt<T: serde::de::DeserializeOwned>(
    row: &SqliteRow<'_>,
    index: usize,
) -> Result<Option<T>> {
    match raw(row, index)? {
        ValueRef::Null => Ok(None),
        _ => sqlite_json(row, index).map(Some),
    }
}

/// An optional enum column.
fn sqlite_enum_opt<T: std::str::FromStr>(row: &SqliteRow<'_>, index: usize) -> Result<Option<T>> {
    match raw(row, index)? {
        ValueRef::Null => Ok(None),
        _ => sqlite_enum(row, index).map(Some),
    }
}
