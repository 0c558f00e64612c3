//! The initial DDL of the golden schemas of `cstack-migrate`
//! (`migrate/tests/golden/initial`) applies to real databases, PostgreSQL,
//! SQLite and MariaDB, so the golden text is valid SQL.

mod support;

use cstack_migrate::{Dialect, initial_ddl};
use std::path::PathBuf;
use support::{MysqlScratch, ScratchDatabase, batch, golden_dir, model};

#[tokio::test]
async fn initial_ddl_of_the_golden_schemas_applies() {
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(golden_dir("initial"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "cstack"))
        .collect();
    schemas.sort();
    assert!(!schemas.is_empty());
    let scratch = ScratchDatabase::new("golden");
    let mut errors = Vec::new();
    for path in schemas {
        let model = model(&std::fs::read_to_string(&path).unwrap());
        for dialect in Dialect::ALL {
            let ddl = initial_ddl(&model, dialect);
            let applied = match dialect {
                Dialect::Postgres => {
                    let mut client = scratch.client().await;
                    match batch(
                        &mut client,
                        "DROP SCHEMA public CASCADE; CREATE SCHEMA public",
                    )
                    .await
                    {
                        Ok(()) => batch(&mut client, &ddl).await,
                        Err(e) => Err(e),
                    }
                }
                Dialect::Sqlite => rusqlite::Connection::open_in_memory()
                    .unwrap()
                    .execute_batch(&ddl)
                    .map_err(|e| e.to_string()),
                Dialect::Mysql => {
                    let scratch = MysqlScratch::new("golden");
                    let mut conn = scratch.connection().await;
                    let applied = conn.batch(&ddl).await;
                    conn.close().await;
                    applied
                }
            };
            if let Err(e) = applied {
                errors.push(format!("{} on {dialect}: {e}", path.display()));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}
