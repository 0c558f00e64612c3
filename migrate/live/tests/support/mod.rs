//! Helpers shared by the live migration suites: schemas from text, the
//! upstream corpus, the planning crate's golden cases, and scratch
//! PostgreSQL and MariaDB databases on the test servers.
#![allow(dead_code)]

use cstack_compiler::{RootDatabase, SchemaModel, SourceFile, schema_model};
use cstack_migrate_live::db::{
    Access, Connection, connect_postgres, execute_blocking, execute_script,
};
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_postgres::{PgConnection, Postgres};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// The test server. Tests that need it fail when it is unreachable.
pub const SERVER_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The MariaDB test server, likewise required.
pub const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";

pub fn model(text: &str) -> SchemaModel {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "test.cstack".into(), text.into());
    match schema_model(&db, file) {
        Ok(model) => (**model).clone(),
        Err(_) => {
            let result = cstack_compiler::check_file(&db, file);
            panic!("schema has errors: {:#?}\n{text}", result.diagnostics);
        }
    }
}

/// The upstream corpus: `CSTACK_CONFORMANCE_DIR`, or `../shared/...` beside
/// the workspace. Missing is a failure, not a skip.
pub fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("CSTACK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/upstream")
        });
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "upstream corpus not found at {} (set CSTACK_CONFORMANCE_DIR)",
        dir.display()
    );
    dir
}

/// `(path, text)` of every corpus file marked valid.
pub fn valid_corpus_files() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let path = cols.next()?;
            (cols.next()? == "valid").then(|| path.to_string())
        })
        .map(|path| {
            let text = std::fs::read_to_string(dir.join(&path)).unwrap();
            (path, text)
        })
        .collect()
}

/// The golden cases of `cstack-migrate` (`migrate/tests/golden/<kind>`),
/// which the live suites apply to real databases.
pub fn golden_dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden")
        .join(kind)
}

/// A uniquely named database on the test server, dropped when dropped.
pub struct ScratchDatabase {
    pub name: String,
    pub url: String,
}

impl ScratchDatabase {
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "cstack_test_{label}_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        execute_blocking(SERVER_URL, &format!("CREATE DATABASE \"{name}\"")).unwrap_or_else(
            |error| {
                panic!("PostgreSQL at {SERVER_URL} is required by this test and failed: {error}")
            },
        );
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        ScratchDatabase { name, url }
    }

    pub async fn client(&self) -> PgConnection {
        connect(&self.url).await
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let _ = execute_blocking(
            SERVER_URL,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
    }
}

/// A uniquely named database on the MariaDB test server, dropped when
/// dropped.
pub struct MysqlScratch {
    pub name: String,
    pub url: String,
}

impl MysqlScratch {
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "cstack_test_{label}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        execute_blocking(
            MYSQL_URL,
            &format!("CREATE DATABASE \"{name}\" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"),
        )
        .unwrap_or_else(|error| {
            panic!("MariaDB at {MYSQL_URL} is required by this test and failed: {error}")
        });
        let url = format!("mysql://root@127.0.0.1:3306/{name}");
        MysqlScratch { name, url }
    }

    pub async fn connection(&self) -> Connection {
        Connection::open(&self.url, Access::ReadWrite)
            .await
            .unwrap_or_else(|error| panic!("MariaDB at {} is unreachable: {error}", self.url))
    }
}

impl Drop for MysqlScratch {
    fn drop(&mut self) {
        let _ = execute_blocking(
            MYSQL_URL,
            &format!("DROP DATABASE IF EXISTS \"{}\"", self.name),
        );
    }
}

pub async fn connect(url: &str) -> PgConnection {
    connect_postgres(url).await.unwrap_or_else(|error| {
        panic!("PostgreSQL at {url} is required by this test and is unreachable: {error}")
    })
}

/// Runs a script of statements (simple protocol).
pub async fn batch(conn: &mut PgConnection, sql: &str) -> Result<(), String> {
    execute_script(conn, sql).await
}

/// Whether `sql` returns a row.
pub async fn returns_a_row(conn: &mut PgConnection, sql: &str) -> bool {
    Executor::fetch_optional(conn, sqlx_core::query::query::<Postgres>(sql))
        .await
        .unwrap()
        .is_some()
}

/// The single `bigint` that `sql` returns.
pub async fn fetch_i64(conn: &mut PgConnection, sql: &str) -> i64 {
    let row = Executor::fetch_one(conn, sqlx_core::query::query::<Postgres>(sql))
        .await
        .unwrap();
    row.try_get(0).unwrap()
}
