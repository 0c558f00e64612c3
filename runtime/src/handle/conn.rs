//! The connection a handle holds: a PostgreSQL or MySQL pool, an SQLite
//! connection, or a transaction on any of them, and the one place that picks the backend
//! call for whichever it is.

use crate::schema::error::Result;
use crate::schema::model::Model;
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;

#[cfg(feature = "mysql")]
use crate::backend::mysql;
#[cfg(feature = "postgres")]
use crate::backend::postgres;
#[cfg(feature = "sqlite")]
use crate::backend::sqlite;

/// The rows of a result, their values in one flat vector (one allocation
/// per result, not per row), as many per row as kinds were asked for.
#[derive(Default)]
pub(crate) struct Rows {
    pub values: Vec<Value>,
}

impl Rows {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The first column of the first row.
    pub fn first_value(self) -> Option<Value> {
        self.values.into_iter().next()
    }

    /// Every row (all of `M`'s columns, in descriptor order) as an `M`.
    pub fn into_models<M: Model>(self) -> Result<Vec<M>> {
        decode_models(self.values)
    }
}

#[derive(Clone)]
pub(crate) enum Conn {
    #[cfg(feature = "postgres")]
    Postgres(sqlx_postgres::PgPool),
    #[cfg(feature = "postgres")]
    PostgresTx(postgres::SharedTx),
    #[cfg(feature = "sqlite")]
    Sqlite(std::sync::Arc<sqlite::Database>),
    #[cfg(feature = "sqlite")]
    SqliteTx(sqlite::SharedTx),
    #[cfg(feature = "mysql")]
    Mysql(sqlx_mysql::MySqlPool),
    #[cfg(feature = "mysql")]
    MysqlTx(mysql::SharedTx),
}

/// Evaluates `$postgres` with `$pg` bound to the PostgreSQL executor (the
/// pool, or the open transaction's connection), or `$sqlite` with `$lite`
/// bound to the SQLite connection, whichever `$conn` holds. A transaction
/// is locked for the call; one that has ended is `TransactionClosed`.
macro_rules! on_connection {
    (
        $conn:expr,
        |$pg:ident| $postgres:expr,
        |$lite:ident| $sqlite:expr,
        |$my:ident| $mysql:expr $(,)?
    ) => {
        match $conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => {
                let $pg = pool;
                $postgres
            }
            #[cfg(feature = "postgres")]
            Conn::PostgresTx(tx) => {
                let mut guard = tx.lock().await;
                let $pg = &mut **guard
                    .as_mut()
                    .ok_or(crate::schema::error::Error::TransactionClosed)?;
                $postgres
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(db) => {
                let guard = db.writer().lock().await;
                let $lite = &*guard;
                $sqlite
            }
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => {
                let guard = tx.lock().await;
                let $lite = sqlite::tx_conn(&guard)?;
                $sqlite
            }
            #[cfg(feature = "mysql")]
            Conn::Mysql(pool) => {
                let $my = pool;
                $mysql
            }
            #[cfg(feature = "mysql")]
            Conn::MysqlTx(tx) => {
                let mut guard = tx.lock().await;
                let $my = &mut **guard
                    .as_mut()
                    .ok_or(crate::schema::error::Error::TransactionClosed)?;
                $mysql
            }
        }
    };
}

impl Conn {
    pub(super) async fn fetch(&self, sql: &Sql, kinds: &[Kind]) -> Result<Rows> {
        #[cfg(feature = "sqlite")]
        if let Some(reader) = self.sqlite_reader(sql) {
            let values = sqlite::fetch(&*reader.lock().await, sql, kinds)?;
            return Ok(Rows { values });
        }
        let values = on_connection!(
            self,
            |pg| postgres::fetch(pg, sql, kinds).await,
            |lite| sqlite::fetch(lite, sql, kinds),
            |my| mysql::fetch(my, sql, kinds).await,
        )?;
        Ok(Rows { values })
    }

    /// Rows of `M`: on SQLite and MySQL read straight into the structs.
    pub(super) async fn fetch_models<M: Model>(&self, sql: &Sql) -> Result<Vec<M>> {
        #[cfg(feature = "sqlite")]
        if let Some(reader) = self.sqlite_reader(sql) {
            return sqlite::fetch_map(&*reader.lock().await, sql, |row| M::read_row(row));
        }
        on_connection!(
            self,
            |pg| decode_models(postgres::fetch(pg, sql, M::DESCRIPTOR.kinds()).await?),
            |lite| sqlite::fetch_map(lite, sql, |row| M::read_row(row)),
            |my| mysql::fetch_map(my, sql, |row| M::read_row(row)).await,
        )
    }

    pub(super) async fn execute(&self, sql: &Sql) -> Result<u64> {
        on_connection!(
            self,
            |pg| postgres::execute(pg, sql).await,
            |lite| sqlite::execute(lite, sql),
            |my| mysql::execute(my, sql).await,
        )
    }

    /// Runs an INSERT and gives the first id the server generated for it
    /// (MySQL's `LAST_INSERT_ID()`), which MySQL's writes read back by.
    pub(super) async fn insert_id(&self, sql: &Sql) -> Result<u64> {
        match self {
            #[cfg(feature = "mysql")]
            Conn::Mysql(pool) => mysql::insert_id(pool, sql).await,
            #[cfg(feature = "mysql")]
            Conn::MysqlTx(tx) => {
                let mut guard = tx.lock().await;
                let conn = &mut **guard
                    .as_mut()
                    .ok_or(crate::schema::error::Error::TransactionClosed)?;
                mysql::insert_id(conn, sql).await
            }
            #[allow(unreachable_patterns)]
            _ => Err(crate::schema::error::Error::Database {
                sqlstate: None,
                message: format!("no generated id to read back for `{}`", sql.text),
            }),
        }
    }

    pub(super) async fn execute_script(&self, script: &str) -> Result<()> {
        on_connection!(
            self,
            |pg| postgres::execute_script(pg, script).await,
            |lite| sqlite::execute_script(lite, script),
            |my| mysql::execute_script(my, script).await,
        )
    }

    /// The read-only SQLite connection to run `sql` on, outside a
    /// transaction, when it only reads; `None` otherwise (the writer runs
    /// it).
    #[cfg(feature = "sqlite")]
    fn sqlite_reader(&self, sql: &Sql) -> Option<&sqlite::SharedConn> {
        match self {
            Conn::Sqlite(db) => db.reader_for(sql),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Opens a transaction, `None` when this is one already (which the
    /// caller then joins).
    pub(super) async fn begin(&self) -> Option<Result<Conn>> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => Some(postgres::begin(pool).await.map(Conn::PostgresTx)),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(db) => Some(sqlite::begin(db.writer()).await.map(Conn::SqliteTx)),
            #[cfg(feature = "mysql")]
            Conn::Mysql(pool) => Some(mysql::begin(pool).await.map(Conn::MysqlTx)),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Commits or rolls back the transaction this is.
    pub(super) async fn finish(&self, commit: bool) -> Result<()> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::PostgresTx(tx) => postgres::finish(tx, commit).await,
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => sqlite::finish(tx, commit).await,
            #[cfg(feature = "mysql")]
            Conn::MysqlTx(tx) => mysql::finish(tx, commit).await,
            #[allow(unreachable_patterns)]
            _ => Ok(()),
        }
    }
}

/// Every row of a result (values in descriptor order) decoded into a model.
fn decode_models<M: Model>(values: Vec<Value>) -> Result<Vec<M>> {
    let count = values
        .len()
        .checked_div(M::DESCRIPTOR.kinds().len())
        .unwrap_or(0);
    let mut values = values.into_iter();
    (0..count).map(|_| M::from_row(&mut values)).collect()
}
