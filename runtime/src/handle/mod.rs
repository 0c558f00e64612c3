//! L4, the handle: [`Handle`], one connection source (a PostgreSQL pool, an
//! SQLite connection, or a transaction on either) and the context it acts
//! in. Generated `Db` types wrap it; every operation sends its statements
//! through it. It counts statements, opens and finishes transactions, runs
//! the work registered to follow a commit, keeps the state operations
//! attach to a database, and applies migrations.
//!
//! Layer invariant: imports only `schema/`, `query/` (the context), `sql/`
//! (the statement type) and `backend/`. It knows no policy, audit, event
//! or refresh: what runs after a commit is opaque work ([`AfterCommit`])
//! registered by the operations above.

mod conn;
pub(crate) mod migrations;
mod slots;

use crate::query::context::Context;
use crate::schema::error::Result;
use crate::schema::model::Model;
use crate::schema::value::Kind;
use crate::sql::statement::Sql;
use cstack_storage::Dialect;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use conn::Conn;
pub(crate) use conn::Rows;
use slots::{Erased, Slots};

/// Which database a handle talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
    /// MySQL or MariaDB.
    Mysql,
}

/// Work a transaction gathers while it runs and does once it has
/// committed, never after a rollback. A transaction holds one value of
/// each type, created on first use ([`Handle::after_commit`]); after the
/// commit they run in that order, on the handle the transaction was opened
/// from.
pub(crate) trait AfterCommit: Default + Send + Sync + 'static {
    fn run(self: Arc<Self>, handle: &Handle) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// Runs one transaction's [`AfterCommit`] value, its type erased.
type Runner = for<'a> fn(Erased, &'a Handle) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

fn runner<W: AfterCommit>(
    work: Erased,
    handle: &Handle,
) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
    match work.downcast::<W>() {
        Ok(work) => work.run(handle),
        Err(_) => Box::pin(std::future::ready(())),
    }
}

/// A cloneable database handle. Clones share the connection (or
/// transaction), the statement counter and the state operations keep for
/// the database.
#[derive(Clone)]
pub struct Handle {
    conn: Conn,
    context: Context,
    statements: Arc<AtomicU64>,
    /// What the operations keep for this database (audit sinks, event
    /// channels, the on-change refresher), one value per type.
    shared: Arc<Slots<()>>,
    /// In a transaction: the work to run once it commits.
    after_commit: Option<Arc<Slots<Runner>>>,
}

impl Handle {
    fn new(conn: Conn) -> Self {
        Self {
            conn,
            context: Context::default(),
            statements: Arc::new(AtomicU64::new(0)),
            shared: Arc::default(),
            after_commit: None,
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
        crate::backend::postgres::connect(url)
            .await
            .map(Self::postgres)
    }

    /// Opens (creating if needed) an SQLite database file.
    #[cfg(feature = "sqlite")]
    pub fn open_sqlite(path: impl AsRef<std::path::Path>) -> Result<Self> {
        crate::backend::sqlite::open(Some(path.as_ref())).map(|conn| Self::new(Conn::Sqlite(conn)))
    }

    /// A private in-memory SQLite database.
    #[cfg(feature = "sqlite")]
    pub fn open_sqlite_memory() -> Result<Self> {
        crate::backend::sqlite::open(None).map(|conn| Self::new(Conn::Sqlite(conn)))
    }

    /// A handle over a MySQL or MariaDB pool whose connections run
    /// [`Dialect::session_setup`] (as [`Handle::connect_mysql`]'s do).
    #[cfg(feature = "mysql")]
    pub fn mysql(pool: sqlx_mysql::MySqlPool) -> Self {
        Self::new(Conn::Mysql(pool))
    }

    /// Connects to MySQL or MariaDB (`mysql://user:password@host/database`).
    #[cfg(feature = "mysql")]
    pub async fn connect_mysql(url: &str) -> Result<Self> {
        crate::backend::mysql::connect(url).await.map(Self::mysql)
    }

    /// The underlying pool, on MySQL outside a transaction.
    #[cfg(feature = "mysql")]
    pub fn mysql_pool(&self) -> Option<&sqlx_mysql::MySqlPool> {
        match &self.conn {
            Conn::Mysql(pool) => Some(pool),
            #[allow(unreachable_patterns)]
            _ => None,
        }
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
            #[cfg(feature = "mysql")]
            Conn::Mysql(_) | Conn::MysqlTx(_) => Backend::Mysql,
        }
    }

    pub(crate) fn dialect(&self) -> Dialect {
        match self.backend() {
            Backend::Postgres => Dialect::Postgres,
            Backend::Sqlite => Dialect::Sqlite,
            Backend::Mysql => Dialect::Mysql,
        }
    }

    /// The same connection acting for `auth` (read by `@default(auth().x)`).
    /// Policies see `auth()` as present but cannot read its members; generated
    /// crates pass their principal through `with_context` instead.
    pub fn with_auth<A: Any + Send + Sync>(&self, auth: A) -> Self {
        self.with_context(Context::opaque(auth))
    }

    /// The same connection acting in `context` (what policies and
    /// `@default(auth().x)` read).
    pub fn with_context(&self, context: Context) -> Self {
        Self {
            context,
            ..self.clone()
        }
    }

    pub fn context(&self) -> &Context {
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
        self.conn.fetch(sql, kinds).await
    }

    /// Rows of `M`: on SQLite read straight into the structs.
    pub(crate) async fn fetch_models<M: Model>(&self, sql: &Sql) -> Result<Vec<M>> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.conn.fetch_models(sql).await
    }

    pub(crate) async fn execute(&self, sql: &Sql) -> Result<u64> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.conn.execute(sql).await
    }

    /// Runs an INSERT and gives the id the server generated (MySQL).
    pub(crate) async fn insert_id(&self, sql: &Sql) -> Result<u64> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.conn.insert_id(sql).await
    }

    /// Runs a script of `;`-separated statements without parameters (DDL).
    pub async fn execute_script(&self, script: &str) -> Result<()> {
        self.conn.execute_script(script).await
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
        let Some(begun) = self.conn.begin().await else {
            return body(self.clone()).await;
        };
        let conn = begun?;
        let after_commit = Arc::new(Slots::default());
        let tx = Handle {
            conn: conn.clone(),
            after_commit: Some(after_commit.clone()),
            ..self.clone()
        };
        let outcome = body(tx).await;
        conn.finish(outcome.is_ok()).await?;
        if outcome.is_ok() {
            for (work, run) in after_commit.take() {
                run(work, self).await;
            }
        }
        outcome
    }

    /// Whether this handle is on a transaction.
    pub(crate) fn in_transaction(&self) -> bool {
        self.after_commit.is_some()
    }

    /// The transaction's `W`, created on first use and run once the
    /// transaction commits; `None` outside a transaction.
    pub(crate) fn after_commit<W: AfterCommit>(&self) -> Option<Arc<W>> {
        self.after_commit
            .as_ref()
            .map(|work| work.get_or_insert::<W>(|| runner::<W>))
    }

    /// The `S` this handle and every clone of it share, created on first
    /// use.
    pub(crate) fn shared<S: Default + Send + Sync + 'static>(&self) -> Arc<S> {
        self.shared.get_or_insert::<S>(|| ())
    }
}

#[cfg(all(test, feature = "sqlite"))]
mod sqlite_concurrency {
    //! A database file serves reads while a transaction writes: readers
    //! run on their own connections, see only committed rows and never wait
    //! for the writer.

    use super::Handle;
    use crate::schema::value::{Kind, Value};
    use crate::sql::statement::Sql;
    use cstack_storage::Dialect;
    use std::time::Duration;

    async fn count(handle: &Handle) -> i64 {
        let mut sql = Sql::new(Dialect::Sqlite);
        sql.push("SELECT count(*) FROM items");
        match handle
            .fetch(&sql, &[Kind::Int])
            .await
            .unwrap()
            .first_value()
        {
            Some(Value::Int(n)) => n,
            other => panic!("a count: {other:?}"),
        }
    }

    async fn insert(handle: &Handle, id: i64) {
        let mut sql = Sql::new(Dialect::Sqlite);
        sql.push("INSERT INTO items (id) VALUES (")
            .param(Value::Int(id))
            .push(")");
        handle.execute(&sql).await.unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn readers_go_on_while_a_transaction_writes() {
        let folder = tempfile::tempdir().unwrap();
        let handle = Handle::open_sqlite(folder.path().join("db.sqlite")).unwrap();
        handle
            .execute_script("CREATE TABLE items (id INTEGER PRIMARY KEY)")
            .await
            .unwrap();
        for id in 1..=100 {
            insert(&handle, id).await;
        }
        let (written, wait_written) = tokio::sync::oneshot::channel();
        let (release, wait_release) = tokio::sync::oneshot::channel::<()>();
        let writer = {
            let handle = handle.clone();
            tokio::spawn(async move {
                handle
                    .transaction(|tx| async move {
                        insert(&tx, 101).await;
                        // Inside the transaction the row is there.
                        assert_eq!(count(&tx).await, 101);
                        let _ = written.send(());
                        let _ = wait_release.await;
                        Ok(())
                    })
                    .await
            })
        };
        wait_written.await.unwrap();
        // 64 readers, 20 reads each, all while the transaction holds the
        // writer: none sees its row, and none waits for it to finish.
        let readers: Vec<_> = (0..64)
            .map(|_| {
                let handle = handle.clone();
                tokio::spawn(async move {
                    for _ in 0..20 {
                        assert_eq!(count(&handle).await, 100, "an uncommitted row was read");
                    }
                })
            })
            .collect();
        let all = async {
            for reader in readers {
                reader.await.unwrap();
            }
        };
        tokio::time::timeout(Duration::from_secs(20), all)
            .await
            .expect("readers waited for the writer's transaction");
        release.send(()).unwrap();
        writer.await.unwrap().unwrap();
        assert_eq!(count(&handle).await, 101);

        // Readers and a writer at once: every read sees a committed count,
        // never fewer rows than before it started.
        let writing = {
            let handle = handle.clone();
            tokio::spawn(async move {
                for id in 102..=301 {
                    insert(&handle, id).await;
                }
            })
        };
        let readers: Vec<_> = (0..16)
            .map(|_| {
                let handle = handle.clone();
                tokio::spawn(async move {
                    let mut last = 101;
                    for _ in 0..50 {
                        let now = count(&handle).await;
                        assert!((last..=301).contains(&now), "{now} after {last}");
                        last = now;
                    }
                })
            })
            .collect();
        for reader in readers {
            reader.await.unwrap();
        }
        writing.await.unwrap();
        assert_eq!(count(&handle).await, 301);
    }

    #[tokio::test]
    async fn an_in_memory_database_is_one_connection() {
        let handle = Handle::open_sqlite_memory().unwrap();
        handle
            .execute_script("CREATE TABLE items (id INTEGER PRIMARY KEY)")
            .await
            .unwrap();
        insert(&handle, 1).await;
        assert_eq!(count(&handle).await, 1);
    }
}
