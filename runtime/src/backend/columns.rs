//! [`Column`] for every field type a generated model stores: each
//! backend's reader of one column (`SqliteColumn`, `MysqlColumn`) under the
//! one trait generated `Model::read_row` names, and `Option` of any of
//! them, `NULL` as `None`.

use crate::schema::error::Result;
use crate::schema::model::Column;
use chrono::{DateTime, Utc};

#[cfg(feature = "mysql")]
use crate::backend::mysql_row::{self, MysqlColumn};
#[cfg(feature = "sqlite")]
use crate::backend::sqlite_row::{self, SqliteColumn};

macro_rules! columns {
    ($($ty:ty),*) => {$(
        impl Column for $ty {
            #[cfg(feature = "sqlite")]
            fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self> {
                <$ty as SqliteColumn>::read(row, index)
            }

            #[cfg(feature = "mysql")]
            fn from_mysql(row: &sqlx_mysql::MySqlRow, index: usize) -> Result<Self> {
                <$ty as MysqlColumn>::read(row, index)
            }
        }
    )*};
}

columns!(
    i64,
    bool,
    f64,
    String,
    rust_decimal::Decimal,
    DateTime<Utc>,
    uuid::Uuid,
    serde_json::Value,
    Vec<u8>
);

impl<T: Column> Column for Option<T> {
    #[cfg(feature = "sqlite")]
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self> {
        if sqlite_row::is_null(row, index)? {
            return Ok(None);
        }
        T::from_sqlite(row, index).map(Some)
    }

    #[cfg(feature = "mysql")]
    fn from_mysql(row: &sqlx_mysql::MySqlRow, index: usize) -> Result<Self> {
        if mysql_row::is_null(row, index)? {
            return Ok(None);
        }
        T::from_mysql(row, index).map(Some)
    }
}
