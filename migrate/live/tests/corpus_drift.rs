//! Every valid upstream corpus schema with models, through the whole
//! pipeline: `migrate diff` from empty writes a migration, the runner
//! applies it to the backend the datasource names (both when it names
//! none; and MariaDB for every schema MySQL can hold), and `drift` then
//! reports nothing (upstream's own introspector
//! reports differences on its own output).

mod support;

use cstack_compiler::Provider;
use cstack_migrate::files::plan_backend;
use cstack_migrate::{Dialect, files, lower};
use cstack_migrate_live::spawner::{
    MysqlServerSpawner, SchemaSpawner, Spawner, SqliteMemorySpawner,
};
use cstack_migrate_live::workflow::drift;
use support::{MYSQL_URL, ScratchDatabase, model, returns_a_row, valid_corpus_files};

#[tokio::test]
async fn every_valid_corpus_schema_migrates_from_empty_applies_and_has_no_drift() {
    let server = ScratchDatabase::new("corpusdrift");
    let schemas = SchemaSpawner {
        url: server.url.clone(),
    };
    let mut client = server.client().await;
    let vector = returns_a_row(
        &mut client,
        "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
    )
    .await;
    let mysql = MysqlServerSpawner {
        admin_url: MYSQL_URL.into(),
    };
    let mut checked = 0;
    let mut on_mysql = 0;
    let mut failures = Vec::new();
    for (path, text) in valid_corpus_files() {
        let model = model(&text);
        if model.models.is_empty() {
            continue;
        }
        let mut dialects = match model.provider {
            Some(Provider::Postgresql) => vec![Dialect::Postgres],
            Some(Provider::Sqlite) => vec![Dialect::Sqlite],
            _ => vec![Dialect::Postgres, Dialect::Sqlite],
        };
        // Without views, whose bodies the corpus writes for PostgreSQL.
        if !model.pgvector && model.views.is_empty() {
            dialects.push(Dialect::Mysql);
        }
        for dialect in dialects {
            if dialect == Dialect::Postgres && model.pgvector && !vector {
                eprintln!("{path}: not applied, the server lacks the `vector` extension");
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let lowered = lower(&model, dialect);
            let planned = plan_backend(&lowered, dir.path(), dialect).unwrap();
            let backend = files::backend_dir(dir.path(), dialect);
            files::write(
                &backend,
                "00000000000001_init",
                &planned.plan,
                &planned.next,
            )
            .unwrap();
            let migrations = files::load(&backend).unwrap();
            let result = async {
                let (live, spawner): (
                    Box<dyn cstack_migrate_live::spawner::Scratch>,
                    &dyn Spawner,
                ) = match dialect {
                    Dialect::Postgres => (schemas.spawn().await?, &schemas),
                    Dialect::Sqlite => (SqliteMemorySpawner.spawn().await?, &SqliteMemorySpawner),
                    Dialect::Mysql => (mysql.spawn().await?, &mysql),
                };
                cstack_migrate_live::runner::apply(live.url(), &migrations, None).await?;
                let report = drift(live.url(), dir.path(), spawner).await?;
                if !report.is_clean() || report.applied.len() != 1 {
                    return Err(format!("{report:#?}"));
                }
                Ok::<(), String>(())
            }
            .await;
            match result {
                Ok(()) => {
                    checked += 1;
                    on_mysql += usize::from(dialect == Dialect::Mysql);
                }
                Err(e) => failures.push(format!("{path} ({dialect}): {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked > 100, "only {checked} schema/backend pairs checked");
    assert!(on_mysql > 50, "only {on_mysql} schemas checked on MariaDB");
    eprintln!(
        "{checked} schema/backend pairs migrated, applied and drift-free ({on_mysql} on MariaDB)"
    );
}
