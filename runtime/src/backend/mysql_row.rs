//! Reading model fields straight from a MySQL row, without an
//! intermediate `Value`: the MySQL side of [`ModelRow`] and [`Column`],
//! what generated `Model::read_row` calls one column at a time.
//! Representations match `mysql::decode`, which reads the whole row as
//! values for models without that override.

use crate::backend::mysql::decode_row;
use crate::schema::error::{Error, Result};
use crate::schema::model::{Column, ModelRow};
use crate::schema::value::{Kind, Value};
use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx_core::decode::Decode;
use sqlx_core::row::Row;
use sqlx_core::value::ValueRef as _;
use sqlx_mysql::{MySql, MySqlRow, MySqlValueRef};

/// A field type readable from one MySQL column.
pub(crate) trait MysqlColumn: Sized {
    fn read(row: &MySqlRow, index: usize) -> Result<Self>;
}

impl ModelRow for MySqlRow {
    fn column<T: Column>(&self, index: usize) -> Result<T> {
        T::from_mysql(self, index)
    }

    fn enum_column<T: std::str::FromStr>(&self, index: usize) -> Result<T> {
        let text = read::<&str>(self, index)?;
        text.parse().map_err(|_| Error::Decode {
            message: format!("unknown enum variant `{text}`"),
        })
    }

    fn enum_column_opt<T: std::str::FromStr>(&self, index: usize) -> Result<Option<T>> {
        if is_null(self, index)? {
            return Ok(None);
        }
        self.enum_column(index).map(Some)
    }

    fn json_column<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<T> {
        serde_json::from_str(read::<&str>(self, index)?).map_err(|error| Error::Decode {
            message: error.to_string(),
        })
    }

    fn json_column_opt<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<Option<T>> {
        if is_null(self, index)? {
            return Ok(None);
        }
        self.json_column(index).map(Some)
    }

    fn values(&self, kinds: &[Kind]) -> Result<Vec<Value>> {
        decode_row(self, kinds)
    }
}

fn raw(row: &MySqlRow, index: usize) -> Result<MySqlValueRef<'_>> {
    row.try_get_raw(index).map_err(|error| Error::Decode {
        message: format!("column {index}: {error}"),
    })
}

/// Whether column `index` is `NULL`.
pub(crate) fn is_null(row: &MySqlRow, index: usize) -> Result<bool> {
    Ok(raw(row, index)?.is_null())
}

/// Column `index` decoded as `T`, without sqlx's check of the type the
/// server reports (a binary-collated text column is reported as
/// `varbinary`): the descriptor says what the column holds.
fn read<'r, T: Decode<'r, MySql>>(row: &'r MySqlRow, index: usize) -> Result<T> {
    let value = raw(row, index)?;
    if value.is_null() {
        return Err(Error::Decode {
            message: format!("column {index} is NULL"),
        });
    }
    T::decode(value).map_err(|error| Error::Decode {
        message: format!("column {index}: {error}"),
    })
}

/// Types sqlx decodes as they are.
macro_rules! decoded {
    ($($ty:ty),*) => {$(
        impl MysqlColumn for $ty {
            fn read(row: &MySqlRow, index: usize) -> Result<Self> {
                read::<$ty>(row, index)
            }
        }
    )*};
}

decoded!(i64, bool, f64, String, Vec<u8>);

impl MysqlColumn for rust_decimal::Decimal {
    fn read(row: &MySqlRow, index: usize) -> Result<Self> {
        // `decimal(65,30)` keeps 30 fractional digits: the value, not its
        // padding, is what was stored.
        read::<rust_decimal::Decimal>(row, index).map(|d| d.normalize())
    }
}

impl MysqlColumn for DateTime<Utc> {
    fn read(row: &MySqlRow, index: usize) -> Result<Self> {
        // A `datetime(6)` holds no zone: it is UTC, as the session is.
        read::<NaiveDateTime>(row, index).map(|v| v.and_utc())
    }
}

impl MysqlColumn for uuid::Uuid {
    fn read(row: &MySqlRow, index: usize) -> Result<Self> {
        let text = read::<&str>(row, index)?;
        uuid::Uuid::parse_str(text).map_err(|_| Error::Decode {
            message: format!("column {index}: `{text}` is not a UUID"),
        })
    }
}

impl MysqlColumn for serde_json::Value {
    fn read(row: &MySqlRow, index: usize) -> Result<Self> {
        serde_json::from_str(read::<&str>(row, index)?).map_err(|error| Error::Decode {
            message: format!("column {index}: not JSON: {error}"),
        })
    }
}
