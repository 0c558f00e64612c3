//! Helpers shared by the live migration suites: schemas from text, the
//! upstream corpus, the planning crate's golden cases, and scratch
//! PostgreSQL databases on the test server.
#![allow(dead_code)]

use cstack_compiler::{RootDatabase, SchemaModel, SourceFile, schema_model};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// The test server. Tests that need it fail when it is unreachable.
pub const SERVER_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

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
        let mut admin = connect(SERVER_URL);
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap();
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        ScratchDatabase { name, url }
    }

    pub fn client(&self) -> postgres::Client {
        connect(&self.url)
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(SERVER_URL, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

pub fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|error| {
        panic!("PostgreSQL at {url} is required by this test and is unreachable: {error}")
    })
}
