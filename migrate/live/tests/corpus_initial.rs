//! Every valid upstream corpus schema with models: its initial DDL applies
//! cleanly to the backend its datasource names (both backends when it names
//! none) on the real PostgreSQL server and on SQLite.

mod support;

use cstack_compiler::Provider;
use cstack_migrate::{Dialect, initial_ddl};
use support::{ScratchDatabase, batch, model, returns_a_row, valid_corpus_files};

fn dialects(provider: Option<Provider>) -> Vec<Dialect> {
    match provider {
        Some(Provider::Postgresql) => vec![Dialect::Postgres],
        Some(Provider::Sqlite) => vec![Dialect::Sqlite],
        _ => vec![Dialect::Postgres, Dialect::Sqlite],
    }
}

#[tokio::test]
async fn every_valid_corpus_schema_creates_from_empty_on_its_backend() {
    let scratch = ScratchDatabase::new("corpus");
    let mut pg = scratch.client().await;
    let vector_available = returns_a_row(
        &mut pg,
        "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
    )
    .await;
    let mut applied = 0;
    let mut failures = Vec::new();
    for (index, (path, text)) in valid_corpus_files().into_iter().enumerate() {
        let model = model(&text);
        if model.models.is_empty() {
            continue;
        }
        for dialect in dialects(model.provider) {
            let ddl = initial_ddl(&model, dialect);
            assert!(ddl.contains("CREATE TABLE"), "{path}: no table in\n{ddl}");
            let result = match dialect {
                Dialect::Postgres => {
                    if model.pgvector && !vector_available {
                        // The server has no pgvector: the DDL must still
                        // ask for it, and cannot be applied here.
                        assert!(ddl.contains("CREATE EXTENSION IF NOT EXISTS \"vector\""));
                        eprintln!("{path}: not applied, the server lacks the `vector` extension");
                        continue;
                    }
                    let schema = format!("corpus_{index}");
                    let search_path =
                        format!("CREATE SCHEMA {schema}; SET search_path TO {schema}, public");
                    match batch(&mut pg, &search_path).await {
                        Ok(()) => batch(&mut pg, &ddl).await,
                        Err(e) => Err(e),
                    }
                }
                Dialect::Sqlite => {
                    let conn = rusqlite::Connection::open_in_memory().unwrap();
                    conn.execute_batch(&ddl).map_err(|e| e.to_string())
                }
            };
            match result {
                Ok(()) => applied += 1,
                Err(error) => failures.push(format!("{path} ({dialect}): {error}\n{ddl}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(applied > 50, "only {applied} schemas applied");
    eprintln!("{applied} schema/backend pairs created from empty");
}
