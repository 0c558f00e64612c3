//! Support for the behaviour suite and benchmark of the generated
//! `behaviour-db` crate: a fresh database per test on each backend, real
//! PostgreSQL and MariaDB (uniquely named scratch databases on
//! 127.0.0.1:5432 and 127.0.0.1:3306, dropped afterwards) and real SQLite
//! files.

pub mod rpc_app;
pub mod streams;

use behaviour_db::Db;
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use std::sync::atomic::{AtomicU32, Ordering};

/// The server every PostgreSQL test uses; `CSTACK_TEST_POSTGRES_URL`
/// overrides it. Unreachable means the test fails, never skips.
pub fn postgres_server() -> String {
    std::env::var("CSTACK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
}

/// The MySQL or MariaDB server every MySQL test uses;
/// `CSTACK_TEST_MYSQL_URL` overrides it. Unreachable means the test fails.
pub fn mysql_server() -> String {
    std::env::var("CSTACK_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".to_string())
}

/// A database name no other test of any process uses.
fn scratch_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "cstack_codegen_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs `body` on a runtime of its own on another thread: what `Drop`
/// needs to await, since it runs outside any runtime's async context.
fn block_on_aside<F: std::future::Future<Output = ()> + Send + 'static>(body: F) -> bool {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for dropping the scratch database")
            .block_on(body);
    })
    .join()
    .is_ok()
}

/// A scratch PostgreSQL database, dropped when this is dropped.
pub struct ScratchPostgres {
    pub name: String,
}

impl ScratchPostgres {
    pub async fn create() -> ScratchPostgres {
        let name = scratch_name();
        let mut admin = admin().await;
        admin
            .execute(format!("CREATE DATABASE \"{name}\"").as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        ScratchPostgres { name }
    }

    pub fn url(&self) -> String {
        format!("{}/{}", postgres_server(), self.name)
    }
}

async fn admin() -> sqlx_postgres::PgConnection {
    let url = format!("{}/test", postgres_server());
    sqlx_postgres::PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {url} is required for this test: {e}"))
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        let name = self.name.clone();
        let dropped = block_on_aside(async move {
            let mut admin = admin().await;
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await;
        });
        if !dropped {
            eprintln!("could not drop scratch database {}", self.name);
        }
    }
}

/// A scratch MySQL database, dropped when this is dropped.
pub struct ScratchMysql {
    pub name: String,
}

impl ScratchMysql {
    pub async fn create() -> ScratchMysql {
        let name = scratch_name();
        let mut admin = mysql_admin().await;
        admin
            .execute(format!("CREATE DATABASE `{name}`").as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        ScratchMysql { name }
    }

    pub fn url(&self) -> String {
        format!("{}/{}", mysql_server(), self.name)
    }
}

async fn mysql_admin() -> sqlx_mysql::MySqlConnection {
    let url = format!("{}/test", mysql_server());
    sqlx_mysql::MySqlConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("MySQL or MariaDB at {url} is required for this test: {e}"))
}

impl Drop for ScratchMysql {
    fn drop(&mut self) {
        let name = self.name.clone();
        let dropped = block_on_aside(async move {
            let mut admin = mysql_admin().await;
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS `{name}`").as_str())
                .await;
        });
        if !dropped {
            eprintln!("could not drop scratch database {}", self.name);
        }
    }
}

/// A database of one backend for one test, and what keeps it alive.
pub struct TestDb {
    pub backend: &'static str,
    pub db: Db,
    _postgres: Option<ScratchPostgres>,
    _mysql: Option<ScratchMysql>,
    _folder: Option<tempfile::TempDir>,
}

/// A migrated PostgreSQL database.
pub async fn postgres() -> TestDb {
    let scratch = ScratchPostgres::create().await;
    let db = Db::connect_postgres(&scratch.url())
        .await
        .unwrap_or_else(|e| panic!("connect to {}: {e}", scratch.url()));
    db.migrate_postgres()
        .await
        .expect("apply the PostgreSQL migrations");
    TestDb {
        backend: "postgres",
        db,
        _postgres: Some(scratch),
        _mysql: None,
        _folder: None,
    }
}

/// A migrated MySQL (MariaDB) database.
pub async fn mysql() -> TestDb {
    let scratch = ScratchMysql::create().await;
    let db = Db::connect_mysql(&scratch.url())
        .await
        .unwrap_or_else(|e| panic!("connect to {}: {e}", scratch.url()));
    db.migrate_mysql()
        .await
        .expect("apply the MySQL migrations");
    TestDb {
        backend: "mysql",
        db,
        _postgres: None,
        _mysql: Some(scratch),
        _folder: None,
    }
}

/// A migrated SQLite database in a new file.
pub async fn sqlite() -> TestDb {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let db = Db::open_sqlite(folder.path().join("test.sqlite"))
        .await
        .expect("open the SQLite file");
    TestDb {
        backend: "sqlite",
        db,
        _postgres: None,
        _mysql: None,
        _folder: Some(folder),
    }
}

/// A fresh, migrated database of each backend opened with a generated
/// crate's `Db` type, for suites over crates other than `behaviour-db`:
/// `(backend, db, what keeps the database alive)` for PostgreSQL, SQLite
/// and MySQL. A macro, since each generated crate has a `Db` of its own.
#[macro_export]
macro_rules! each_database {
    ($db:ty) => {{
        let postgres = $crate::ScratchPostgres::create().await;
        let pg = <$db>::connect_postgres(&postgres.url())
            .await
            .expect("connect to PostgreSQL");
        pg.migrate_postgres().await.expect("migrate PostgreSQL");
        let folder = $crate::tempfile::tempdir().expect("a temporary folder");
        let lite = <$db>::open_sqlite(folder.path().join("test.sqlite"))
            .await
            .expect("open SQLite");
        let mysql = $crate::ScratchMysql::create().await;
        let my = <$db>::connect_mysql(&mysql.url())
            .await
            .expect("connect to MySQL");
        my.migrate_mysql().await.expect("migrate MySQL");
        let databases: Vec<(&'static str, $db, Box<dyn ::std::any::Any>)> = vec![
            ("postgres", pg, Box::new(postgres)),
            ("sqlite", lite, Box::new(folder)),
            ("mysql", my, Box::new(mysql)),
        ];
        databases
    }};
}

pub use tempfile;

/// One fresh database per backend: PostgreSQL, SQLite and MySQL.
pub async fn every_backend() -> Vec<TestDb> {
    vec![postgres().await, sqlite().await, mysql().await]
}

/// A fresh PostgreSQL database, MySQL database and SQLite file for one
/// test, for suites over a generated crate other than `behaviour-db`: the
/// test opens that crate's `Db` on each, and may read any directly.
pub struct Scratch {
    pub postgres: ScratchPostgres,
    pub mysql: ScratchMysql,
    folder: tempfile::TempDir,
}

impl Scratch {
    pub async fn new() -> Scratch {
        Scratch {
            postgres: ScratchPostgres::create().await,
            mysql: ScratchMysql::create().await,
            folder: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn postgres_url(&self) -> String {
        self.postgres.url()
    }

    pub fn mysql_url(&self) -> String {
        self.mysql.url()
    }

    pub fn sqlite_path(&self) -> std::path::PathBuf {
        self.folder.path().join("test.sqlite")
    }
}

/// A router served over real TCP on a loopback port, for as long as this
/// lives: what the HTTP suites talk to with a real client.
pub struct Served {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl Served {
    /// Serves `router` with the peer address available (what rate
    /// limiting falls back to without `Authorization`).
    pub async fn start(router: cstack_runtime::http::axum::Router) -> Served {
        Self::start_with(router, true).await
    }

    /// Serves `router`, with or without the peer address.
    pub async fn start_with(router: cstack_runtime::http::axum::Router, peer: bool) -> Served {
        use cstack_runtime::http::axum;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let task = tokio::spawn(async move {
            let served = if peer {
                axum::serve(
                    listener,
                    router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
                )
                .await
            } else {
                axum::serve(listener, router).await
            };
            served.expect("the server runs");
        });
        Served { base, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}
