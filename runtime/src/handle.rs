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

/// One migration embedded in a generated crate, with the checksum
/// `cstack-migrate` computes for it and its steps in order.
#[derive(Debug)]
pub struct Migration {
    /// The folder name, `<timestamp>_<slug>`.
    pub id: &'static str,
    pub checksum: &'static str,
    pub steps: &'static [MigrationStep],
}

/// A run of statements applied together (in a transaction unless the
/// migration marks it `no-transaction`).
#[derive(Debug)]
pub struct MigrationStep {
    pub transactional: bool,
    pub sql: &'static str,
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
    context: crate::policy::Context,
    statements: Arc<AtomicU64>,
    /// Audit sinks, event channels, the on-change refresher (shared).
    pub(crate) hooks: Arc<crate::after_commit::Hooks>,
    /// In a transaction: what its commit delivers.
    pub(crate) pending: Option<crate::after_commit::Pending>,
}

impl Handle {
    pub(crate) fn new(conn: Conn) -> Self {
        Self {
            conn,
            context: crate::policy::Context::default(),
            statements: Arc::new(AtomicU64::new(0)),
            hooks: Arc::default(),
            pending: None,
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
    /// Policies see `auth()` as present but cannot read its members; generated
    /// crates pass their principal through `with_context` instead.
    pub fn with_auth<A: Any + Send + Sync>(&self, auth: A) -> Self {
        self.with_context(crate::policy::Context::opaque(auth))
    }

    /// The same connection acting in `context` (what policies and
    /// `@default(auth().x)` read).
    pub fn with_context(&self, context: crate::policy::Context) -> Self {
        Self {
            context,
            ..self.clone()
        }
    }

    pub fn context(&self) -> &crate::policy::Context {
        &self.context
    }

    pub fn auth(&self) -> Option<&(dyn Any + Send + Sync)> {
        self.context.auth().map(|principal| principal.as_any())
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

    /// Rows of `M`: on SQLite read straight into the structs.
    pub(crate) async fn fetch_models<M: crate::descriptor::Model>(
        &self,
        sql: &Sql,
    ) -> Result<Vec<M>> {
        match &self.conn {
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => {
                self.statements.fetch_add(1, Ordering::Relaxed);
                crate::sqlite::fetch_models(&*conn.lock().await, sql)
            }
            #[cfg(feature = "sqlite")]
            Conn::SqliteTx(tx) => {
                self.statements.fetch_add(1, Ordering::Relaxed);
                let guard = tx.lock().await;
                crate::sqlite::fetch_models(crate::sqlite::tx_conn(&guard)?, sql)
            }
            #[allow(unreachable_patterns)]
            _ => self.fetch(sql, M::DESCRIPTOR.kinds()).await?.into_models(),
        }
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

    /// Applies the migrations not yet finished, in order, recording them
    /// in the `cstack_migrations` table exactly as `cstackc migrate apply`
    /// does (id, checksum, steps done), so either tool sees what the other
    /// applied. Each transactional step commits with its progress; a failed
    /// run resumes at the step that failed. A finished migration whose
    /// checksum changed is refused.
    pub async fn apply_migrations(&self, migrations: &[Migration]) -> Result<()> {
        // On a PostgreSQL pool, two processes starting at once must not
        // both apply: the session lock `cstackc migrate` takes, held on a
        // connection of its own until the end.
        #[cfg(feature = "postgres")]
        if let Conn::Postgres(pool) = &self.conn {
            let lock = crate::postgres::MigrationLock::acquire(pool).await?;
            let outcome = self.apply_migrations_unlocked(migrations).await;
            lock.release().await?;
            return outcome;
        }
        self.apply_migrations_unlocked(migrations).await
    }

    async fn apply_migrations_unlocked(&self, migrations: &[Migration]) -> Result<()> {
        let dialect = self.dialect();
        self.execute_script(cstack_storage::tables::migrations::create_table(dialect))
            .await?;
        let mut query = Sql::new(dialect);
        query.push(match dialect {
            Dialect::Postgres => {
                "SELECT id, checksum, steps_done::bigint, finished_at IS NOT NULL FROM cstack_migrations"
            }
            Dialect::Sqlite => {
                "SELECT id, checksum, steps_done, finished_at IS NOT NULL FROM cstack_migrations"
            }
        });
        let kinds = [Kind::Text, Kind::Text, Kind::Int, Kind::Bool];
        let rows = self.fetch(&query, &kinds).await?;
        let mut applied = Vec::new();
        let mut values = rows.values.into_iter();
        while let (
            Some(Value::Text(id)),
            Some(Value::Text(checksum)),
            Some(Value::Int(done)),
            Some(Value::Bool(finished)),
        ) = (values.next(), values.next(), values.next(), values.next())
        {
            applied.push((id, checksum, done, finished));
        }
        let now = match dialect {
            Dialect::Postgres => "now()",
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        };
        for migration in migrations {
            let row = applied.iter().find(|(id, ..)| id == migration.id);
            let done = match row {
                Some((_, checksum, _, true)) if checksum != migration.checksum => {
                    return Err(crate::error::Error::Database {
                        sqlstate: None,
                        message: format!("migration {} changed after it was applied", migration.id),
                    });
                }
                Some((_, _, _, true)) => continue,
                Some((_, checksum, done, false)) if *done > 0 && checksum != migration.checksum => {
                    return Err(crate::error::Error::Database {
                        sqlstate: None,
                        message: format!(
                            "migration {} changed after {done} of its steps ran",
                            migration.id
                        ),
                    });
                }
                Some((_, _, done, false)) => usize::try_from(*done).unwrap_or(0),
                None => {
                    let mut insert = Sql::new(dialect);
                    insert.push("INSERT INTO cstack_migrations (id, checksum, steps_total, steps_done) VALUES (");
                    insert
                        .param(Value::Text(migration.id.to_string()))
                        .push(", ");
                    insert
                        .param(Value::Text(migration.checksum.to_string()))
                        .push(", ");
                    insert
                        .param(Value::Int(migration.steps.len() as i64))
                        .push(", 0)");
                    self.execute(&insert).await?;
                    0
                }
            };
            for (index, step) in migration.steps.iter().enumerate().skip(done) {
                let mut progress = Sql::new(dialect);
                progress.push("UPDATE cstack_migrations SET steps_done = ");
                progress.param(Value::Int(index as i64 + 1));
                progress
                    .push(", steps_total = ")
                    .param(Value::Int(migration.steps.len() as i64));
                progress
                    .push(" WHERE id = ")
                    .param(Value::Text(migration.id.to_string()));
                if step.transactional {
                    self.transaction(|tx| async move {
                        tx.execute_script(step.sql).await?;
                        tx.execute(&progress).await.map(drop)
                    })
                    .await?;
                } else {
                    self.execute_script(step.sql).await?;
                    self.execute(&progress).await?;
                }
            }
            let mut finish = Sql::new(dialect);
            finish
                .push("UPDATE cstack_migrations SET finished_at = ")
                .push(now);
            finish
                .push(" WHERE id = ")
                .param(Value::Text(migration.id.to_string()));
            self.execute(&finish).await?;
        }
        Ok(())
    }

    /// Runs `body` in a transaction: committed when it returns `Ok`, rolled
    /// back when it returns `Err` (or is dropped). `body` gets a handle on the
    /// transaction; inside a transaction this joins the outer one. On SQLite
    /// the transaction holds the connection, so `body` must use the handle
    /// it is given, not the outer one (which would wait for it).
    pub async fn transaction<T, F, Fut>(&self, body: F) -> Result<T>
    where
        F: FnOnce(Handle) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        match &self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(pool) => {
                let shared = crate::postgres::begin(pool).await?;
                let pending = crate::after_commit::Pending::default();
                let tx = Handle {
                    conn: Conn::PostgresTx(shared.clone()),
                    pending: Some(pending.clone()),
                    ..self.clone()
                };
                let outcome = body(tx).await;
                crate::postgres::finish(&shared, outcome.is_ok()).await?;
                if outcome.is_ok() {
                    crate::after_commit::deliver(self, pending).await;
                }
                outcome
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(conn) => {
                let shared = crate::sqlite::begin(conn).await?;
                let pending = crate::after_commit::Pending::default();
                let tx = Handle {
                    conn: Conn::SqliteTx(shared.clone()),
                    pending: Some(pending.clone()),
                    ..self.clone()
                };
                let outcome = body(tx).await;
                crate::sqlite::finish(&shared, outcome.is_ok()).await?;
                if outcome.is_ok() {
                    crate::after_commit::deliver(self, pending).await;
                }
                outcome
            }
            #[allow(unreachable_patterns)]
            _ => body(self.clone()).await,
        }
    }
}
