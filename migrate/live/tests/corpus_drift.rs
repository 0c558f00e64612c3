//! Every valid upstream corpus schema with models, through the whole
//! pipeline: `migrate diff` from empty writes a migration, the runner
//! applies it to the backend the datasource names (both when it names
//! none), and `drift` then reports nothing (upstream's own introspector
//! reports differences on its own output).

mod support;

use cstack_compiler::Provider;
use cstack_migrate::files::plan_backend;
use cstack_migrate::{Dialect, files, lower};
use cstack_migrate_live::spawner::{SchemaSpawner, Spawner, SqliteMemorySpawner};
use cstack_migrate_live::workflow::drift;
use support::{ScratchDatabase, model, valid_corpus_files};

#[test]
fn every_valid_corpus_schema_migrates_from_empty_applies_and_has_no_drift() {
    let server = ScratchDatabase::new("corpusdrift");
    let schemas = SchemaSpawner {
        url: server.url.clone(),
    };
    let mut client = server.client();
    let vector = client
        .query_opt(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
            &[],
        )
        .unwrap()
        .is_some();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (path, text) in valid_corpus_files() {
        let model = model(&text);
        if model.models.is_empty() {
            continue;
        }
        let dialects = match model.provider {
            Some(Provider::Postgresql) => vec![Dialect::Postgres],
            Some(Provider::Sqlite) => vec![Dialect::Sqlite],
            _ => vec![Dialect::Postgres, Dialect::Sqlite],
        };
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
            let result = (|| -> Result<(), String> {
                let (live, spawner): (
                    Box<dyn cstack_migrate_live::spawner::Scratch>,
                    &dyn Spawner,
                ) = match dialect {
                    Dialect::Postgres => (schemas.spawn()?, &schemas),
                    Dialect::Sqlite => (SqliteMemorySpawner.spawn()?, &SqliteMemorySpawner),
                };
                let mut conn = cstack_migrate_live::db::Connection::open(
                    live.url(),
                    cstack_migrate_live::db::Access::ReadWrite,
                )?;
                cstack_migrate_live::runner::apply(&mut conn, &migrations, None)?;
                drop(conn);
                let report = drift(live.url(), dir.path(), spawner)?;
                if !report.is_clean() || report.applied.len() != 1 {
                    return Err(format!("{report:#?}"));
                }
                Ok(())
            })();
            match result {
                Ok(()) => checked += 1,
                Err(e) => failures.push(format!("{path} ({dialect}): {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked > 100, "only {checked} schema/backend pairs checked");
    eprintln!("{checked} schema/backend pairs migrated, applied and drift-free");
}
