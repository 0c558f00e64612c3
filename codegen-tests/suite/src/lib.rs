//! Support for the behaviour suite and benchmark of the generated
//! `behaviour-db` crate: a fresh database per test on each backend, real
//! PostgreSQL (a uniquely named scratch database on 127.0.0.1:5432,
//! dropped afterwards) and real SQLite files.

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

/// A scratch PostgreSQL database, dropped when this is dropped.
pub struct ScratchPostgres {
    pub name: String,
}

impl ScratchPostgres {
    pub async fn create() -> ScratchPostgres {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "cstack_codegen_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
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
        // Drop runs outside any runtime's async context; a thread with its
        // own runtime can still await the DROP.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for dropping the scratch database");
            runtime.block_on(async move {
                let mut admin = admin().await;
                let _ = admin
                    .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                    .await;
            });
        })
        .join();
        if dropped.is_err() {
            eprintln!("could not drop scratch database {}", self.name);
        }
    }
}

/// A database of one backend for one test, and what keeps it alive.
pub struct TestDb {
    pub backend: &'static str,
    pub db: Db,
    _postgres: Option<ScratchPostgres>,
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
        _folder: Some(folder),
    }
}

/// One fresh database per backend.
pub async fn both() -> Vec<TestDb> {
    vec![postgres().await, sqlite().await]
}

/// A fresh PostgreSQL database and a fresh SQLite file for one test, for
/// suites over a generated crate other than `behaviour-db`: the test opens
/// that crate's `Db` on each, and may read either directly.
pub struct Scratch {
    pub postgres: ScratchPostgres,
    folder: tempfile::TempDir,
}

impl Scratch {
    pub async fn new() -> Scratch {
        Scratch {
            postgres: ScratchPostgres::create().await,
            folder: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn postgres_url(&self) -> String {
        self.postgres.url()
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
