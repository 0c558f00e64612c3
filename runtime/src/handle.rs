//! `Handle`: one connection source (a PostgreSQL pool, an SQLite connection,
//! or a transaction on either) plus the principal it acts for. Generated
//! `Db` types wrap it; every delegate call goes through `fetch`/`execute`.

use crate::error::Result;
use crate::sql::{Dialect, Sql};
use crate::value::{Kind, Value};
use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The rows of a result, their values in one flat vector (one allocation
/// per result, not per row), `width` values per row.
pub(crate) struct Rows {
    pub values: Vec<Value>,
    pub width: usize,
}

impl Rows {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Decodes every row into a model.
    pub fn into_models<M: crate::descriptor::Model>(self) -> Result<Vec<M>> {
        let count = self.values.len().checked_div(self.width).unwrap_or(0);
        let mut values = self.values.into_iter();
        (0..count).map(|_| M::from_row(&mut values)).collect()
    }

    /// The first column of the first row.
    pub fn first_value(self) -> Option<Value> {
        self.values.into_iter().next()
    }
}

#[derive(Clone)]
pub(crate) enum Conn {
    #[cfg(feature = "postgres")]
    Postgres(sqlx_postgres::PgPool),
    #[cfg(feature = "postgres")]
    PostgresTx(crate::postgres::SharedTx),
    #[cfg(feature = "sqlite")]
    Sqlite(crate::sqlite::SharedConn),
    #[cfg(feature = "sqlite")]
    SqliteTx(crate::sqlite::SharedTx),
}

/// Which database a handle talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A cloneable database handle. Clones share the connection (or
/// transaction) and the statement counter.
#[derive(Clone)]
pub struct Handle {
    pub(crate) conn: Conn,
    auth: Option<Arc<dyn Any + Send + Sync>>,
    statements: Arc<AtomicU64>,
}

impl Handle {
    pub(crate) fn new(conn: Conn) -> Self {
        Self {
            conn,
            auth: None,
            statements: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A handle over a PostgreSQL pool.
    #[cfg(feature = "postgres")]
    pub fn postgres(pool: sqlx_postgres::PgPool) -> Self {
        Self::new(Conn::Postgres(pool))
    }

    /// Connects to PostgreSQL.
    #[cfg(feature = "postgres")]
    pub async fn connect_postgres(url: &str) -> Result<Self> {
        crate::postgres::connect(url).await.map(Self::postgres)
    }

    /// Opens (creating if needed) an SQLite database file.
    #[cfg(feature = "sqlite")]
    pub fn open_sqlite(path: impl AsRef<std::path::Path>) -> Result<Self> {
        crate::sqlite::open(Some(path.as_ref())).map(|conn| Self::new(Conn::Sqlite(conn)))
    }

    /// A private in-memory SQLite database.
    #[cfg(feature = "sqlite")]
    pub fn open_sqlite_memory() -> Result<Self> {
        crate::sqlite::open(None).map(|conn| Self::new(Conn::Sqlite(conn)))
    }

    /// The underlying pool, on PostgreSQL outside a transaction.
    #[cfg(feature = "postgres")]
    pub fn pg_pool(&self) -> Option<&sqlx_postgres::PgPool> {
        match &self.conn {
            Conn::Postgres(pool) => Some(pool),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) | Conn::PostgresTx(_) => Backend::Postgres,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(_) | Conn::SqliteTx(_) => Backend::Sqlite,
        }
    }

    pub(crate) fn dialect(&self) -> Dialect {
        match self.backend() {
            Backend::Postgres => Dialect::Postgres,
            Backend::Sqlite => Dialect::Sqlite,
        }
    }

    /// The same connection acting for `auth` (read by `@default(auth().x)`).
    pub fn with_auth<A: Any + Send + Sync>(&self, auth: A) -> Self {
        Self {
            auth: Some(Arc::new(auth)),
            ..self.clone()
        }
    }

    pub fn auth(&self) -> Option<&(dyn Any + Send + Sync)> {
        self.auth.as_deref()
    }

    /// How many statements this handle and its clones have sent: what the
    /// include tests count.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    pub(crate) async fn fetch(&self, sql: &Sql, kinds: &[Kind]) -> Result<Rows> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        let values = match &self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => crate::postgres::fetch(pool, sql, kinds).await,
            #[cfg(feature = "postgres")]
            Conn::PostgresTx(tx) => {
                let mut guard = tx.lock().await;
                let tx = guard
                    .as_mut()
                    .ok_or(crate::error::Error::TransactionClosed)?;
                crate::postgres::fetch(&mut **tx, sql, kinds).await
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => crate::sqlite::fetch(&*conn.lock().await, sql, kinds),
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => {
                let guard = tx.lock().await;
                crate::sqlite::fetch(crate::sqlite::tx_conn(&guard)?, sql, kinds)
            }
        }?;
        Ok(Rows {
            values,
            width: kinds.len(),
        })
    }

    pub(crate) async fn execute(&self, sql: &Sql) -> Result<u64> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        match &self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => crate::postgres::execute(pool, sql).await,
            #[cfg(feature = "postgres")]
            Conn::PostgresTx(tx) => {
                let mut guard = tx.lock().await;
                let tx = guard
                    .as_mut()
                    .ok_or(crate::error::Error::TransactionClosed)?;
                crate::postgres::execute(&mut **tx, sql).await
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => crate::sqlite::execute(&*conn.lock().await, sql),
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => {
                let guard = tx.lock().await;
                crate::sqlite::execute(crate::sqlite::tx_conn(&guard)?, sql)
            }
        }
    }

    /// Runs a script of `;`-separated statements without parameters (DDL).
    pub async fn execute_script(&self, script: &str) -> Result<()> {
        match &self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => crate::postgres::execute_script(pool, script).await,
            #[cfg(feature = "postgres")]
            Conn::PostgresTx(tx) => {
                let mut guard = tx.lock().await;
                let tx = guard
                    .as_mut()
                    .ok_or(crate::error::Error::TransactionClosed)?;
                crate::postgres::execute_script(&mut **tx, script).await
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => crate::sqlite::execute_script(&*conn.lock().await, script),
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => {
                let guard = tx.lock().await;
                crate::sqlite::execute_script(crate::sqlite::tx_conn(&guard)?, script)
            }
        }
    }

    /// Applies each `(name, sql)` migration not yet recorded in the
    /// `_cstack_migrations` table, in order, each in its own transaction.
    pub async fn apply_migrations(&self, migrations: &[(&str, &str)]) -> Result<()> {
        self.execute_script(
            "CREATE TABLE IF NOT EXISTS _cstack_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .await?;
        let mut query = Sql::new(self.dialect());
        query.push("SELECT name FROM _cstack_migrations");
        let applied: Vec<String> = self
            .fetch(&query, &[Kind::Text])
            .await?
            .values
            .into_iter()
            .filter_map(|value| match value {
                Value::Text(name) => Some(name),
                _ => None,
            })
            .collect();
        for (name, script) in migrations {
            if applied.iter().any(|applied| applied == name) {
                continue;
            }
            let name = name.to_string();
            let script = script.to_string();
            self.transaction(|tx| async move {
                tx.execute_script(&script).await?;
                let mut record = Sql::new(tx.dialect());
                record.push("INSERT INTO _cstack_migrations (name, applied_at) VALUES (");
                record.param(Value::Text(name));
                record.push(", ");
                record.param(Value::Text(crate::defaults::now().to_rfc3339()));
                record.push(")");
                tx.execute(&record).await.map(drop)
            })
            .await?;
        }
        Ok(())
    }

    /// Runs `body` in a transaction: committed when it returns `Ok`, rolled
    /// back when it returns `Err` (or is dropped). `body` gets a handle on the
    /// transaction; inside a transaction this joins the outer one.
    pub async fn transaction<T, F, Fut>(&self, body: F) -> Result<T>
    where
        F: FnOnce(Handle) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        match &self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => {
                let shared = crate::postgres::begin(pool).await?;
                let tx = Handle {
                    conn: Conn::PostgresTx(shared.clone()),
                    ..self.clone()
                };
                let outcome = body(tx).await;
                crate::postgres::finish(&shared, outcome.is_ok()).await?;
                outcome
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => {
                let shared = crate::sqlite::begin(conn).await?;
                let tx = Handle {
                    conn: Conn::SqliteTx(shared.clone()),
                    ..self.clone()
                };
                let outcome = body(tx).await;
                crate::sqlite::finish(&shared, outcome.is_ok()).await?;
                outcome
            }
            #[allow(unreachable_patterns)]
            _ => body(self.clone()).await,
        }
    }
}
