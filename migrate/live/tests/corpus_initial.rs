//! Every valid upstream corpus schema with models: its initial DDL applies
//! cleanly to the backend its datasource names (both backends when it names
//! none) on the real PostgreSQL server and on SQLite, and on MariaDB unless
//! it uses pgvector, which MySQL lacks, or views, whose bodies the corpus
//! writes for PostgreSQL. Schemas that use
//! pgvector apply on a private cluster with the extension when the server
//! has none (`CSTACK_PGVECTOR_BINDIR`, which `scripts/test.sh` sets).

mod support;

use cstack_compiler::{Provider, SchemaModel};
use cstack_migrate::{Dialect, initial_ddl};
use cstack_migrate_live::spawner::{LocalClusterSpawner, Scratch, Spawner};
use sqlx_postgres::PgConnection;
use support::{
    MysqlScratch, ScratchDatabase, batch, connect, model, returns_a_row, valid_corpus_files,
};

/// A database with pgvector on a private cluster, and a connection to it.
async fn vector_database() -> (Box<dyn Scratch>, PgConnection) {
    let bindir = std::env::var_os("CSTACK_PGVECTOR_BINDIR").expect(
        "the server has no pgvector: CSTACK_PGVECTOR_BINDIR must name a PostgreSQL bin \
         directory with it (run `scripts/pgvector.sh`, which prints it)",
    );
    let scratch = LocalClusterSpawner::new(bindir.into())
        .spawn()
        .await
        .expect("a scratch database with pgvector");
    let conn = connect(scratch.url()).await;
    (scratch, conn)
}

fn dialects(model: &SchemaModel) -> Vec<Dialect> {
    let mut dialects = match model.provider {
        Some(Provider::Postgresql) => vec![Dialect::Postgres],
        Some(Provider::Sqlite) => vec![Dialect::Sqlite],
        Some(Provider::Mysql) => vec![],
        _ => vec![Dialect::Postgres, Dialect::Sqlite],
    };
    if mysql_can_store(model) {
        dialects.push(Dialect::Mysql);
    }
    dialects
}

/// What the checker accepts under `provider = "mysql"`, without views: the
/// corpus writes their bodies for PostgreSQL (`::int` casts and the like).
fn mysql_can_store(model: &SchemaModel) -> bool {
    !model.pgvector && model.views.is_empty()
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
    let mut vector_pg = Vec::new();
    let mut vectors = 0;
    let mut applied = 0;
    let mut mysql_applied = 0;
    let mut failures = Vec::new();
    for (index, (path, text)) in valid_corpus_files().into_iter().enumerate() {
        let model = model(&text);
        if model.models.is_empty() {
            continue;
        }
        for dialect in dialects(&model) {
            let ddl = initial_ddl(&model, dialect);
            assert!(ddl.contains("CREATE TABLE"), "{path}: no table in\n{ddl}");
            let result = match dialect {
                Dialect::Postgres => {
                    let conn = if model.pgvector && !vector_available {
                        // A database of its own: the extension lives in the
                        // schema that created it.
                        vector_pg.push(vector_database().await);
                        &mut vector_pg.last_mut().expect("just spawned").1
                    } else {
                        &mut pg
                    };
                    let schema = format!("corpus_{index}");
                    let search_path =
                        format!("CREATE SCHEMA {schema}; SET search_path TO {schema}, public");
                    match batch(conn, &search_path).await {
                        Ok(()) => batch(conn, &ddl).await,
                        Err(e) => Err(e),
                    }
                }
                Dialect::Sqlite => {
                    let conn = rusqlite::Connection::open_in_memory().unwrap();
                    conn.execute_batch(&ddl).map_err(|e| e.to_string())
                }
                Dialect::Mysql => {
                    let scratch = MysqlScratch::new("corpus");
                    let mut conn = scratch.connection().await;
                    let result = conn.batch(&ddl).await;
                    conn.close().await;
                    mysql_applied += usize::from(result.is_ok());
                    result
                }
            };
            match result {
                Ok(()) => {
                    applied += 1;
                    vectors += usize::from(model.pgvector && dialect == Dialect::Postgres);
                }
                Err(error) => failures.push(format!("{path} ({dialect}): {error}\n{ddl}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(applied > 50, "only {applied} schemas applied");
    assert!(vectors > 0, "no pgvector schema applied");
    assert!(
        mysql_applied > 50,
        "only {mysql_applied} schemas applied on MariaDB"
    );
    eprintln!("{applied} schema/backend pairs created from empty ({mysql_applied} on MariaDB)");
}
