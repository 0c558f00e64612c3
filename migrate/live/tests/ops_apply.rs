//! Every operation case of `cstack-migrate`'s goldens
//! (`migrate/tests/golden/ops/<case>/{before,after}.cstack`) applied for
//! real, on PostgreSQL, SQLite and MariaDB, through the runner: after `up` the
//! database must equal one built from scratch for `after`, and after `down`
//! (when the change is reversible) one built for `before`. The SQL text
//! itself is checked against the golden files by `cstack-migrate`.

mod support;

use cstack_migrate::plan::render_steps;
use cstack_migrate::{Dialect, Risk, create_statements, lower, plan, script};
use cstack_migrate_live::db::{Access, Connection};
use cstack_migrate_live::introspect::{compare, introspect};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use support::{MysqlScratch, ScratchDatabase, golden_dir, model};

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir("ops"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("after.cstack").is_file())
        .collect();
    cases.sort();
    cases
}

fn schema(path: &Path) -> cstack_compiler::SchemaModel {
    match std::fs::read_to_string(path) {
        Ok(text) => model(&text),
        Err(_) => model(""),
    }
}

/// An empty database and its URL: the scratch PostgreSQL database emptied,
/// a new in-memory SQLite database that lives as long as the connection
/// (shared by name, so the runner can open it too), or a new MariaDB
/// database kept in `mysql` until the test ends.
async fn fresh(
    dialect: Dialect,
    scratch: &ScratchDatabase,
    mysql: &mut Vec<MysqlScratch>,
) -> (Connection, String) {
    static SQLITE: AtomicUsize = AtomicUsize::new(0);
    let url = match dialect {
        Dialect::Postgres => scratch.url.clone(),
        Dialect::Sqlite => format!(
            "sqlite:file:ops_apply_{}?mode=memory&cache=shared",
            SQLITE.fetch_add(1, Ordering::Relaxed)
        ),
        Dialect::Mysql => {
            mysql.push(MysqlScratch::new("ops"));
            mysql.last().expect("just made").url.clone()
        }
    };
    let mut conn = Connection::open(&url, Access::ReadWrite).await.unwrap();
    if dialect == Dialect::Postgres {
        conn.batch("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            .await
            .unwrap();
    }
    (conn, url)
}

async fn run(url: &str, steps: &[cstack_migrate::Step]) -> Result<(), String> {
    let migration = cstack_migrate::files::Migration {
        id: "1_case".into(),
        up: render_steps(steps),
        down: None,
        pre: None,
    };
    cstack_migrate_live::runner::apply(url, &[migration], None)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn every_operation_applies_and_reverts() {
    let scratch = ScratchDatabase::new("ops");
    let mut mysql = Vec::new();
    let mut errors = Vec::new();
    let all = cases();
    assert!(all.len() >= 15, "only {} cases", all.len());
    for case in all {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let before = schema(&case.join("before.cstack"));
        let after = schema(&case.join("after.cstack"));
        for dialect in Dialect::ALL {
            let prev = lower(&before, dialect).schema;
            let next = lower(&after, dialect).schema;
            let plan = plan(&prev, &next, dialect);
            let up = render_steps(&plan.up);
            let down = render_steps(&plan.down);
            // Apply: before from scratch, then up; compare with after.
            let (mut conn, url) = fresh(dialect, &scratch, &mut mysql).await;
            if let Err(e) = conn
                .batch(&script(&create_statements(&prev, dialect)))
                .await
            {
                errors.push(format!("{name} {dialect}: before does not build: {e}"));
                continue;
            }
            if let Err(e) = run(&url, &plan.up).await {
                errors.push(format!("{name} {dialect}: up failed: {e}\n{up}"));
                continue;
            }
            let migrated = introspect(&mut conn).await.unwrap();
            let (mut reference, _) = fresh(dialect, &scratch, &mut mysql).await;
            reference
                .batch(&script(&create_statements(&next, dialect)))
                .await
                .unwrap();
            let expected = introspect(&mut reference).await.unwrap();
            let differences = compare(&expected, &migrated);
            if !differences.is_empty() {
                let lines: Vec<String> = differences.iter().map(|d| d.describe()).collect();
                errors.push(format!(
                    "{name} {dialect}: after up the database differs:\n{}\n{up}",
                    lines.join("\n")
                ));
            }
            if plan.risk() != Risk::Lossy {
                let (mut conn, url) = fresh(dialect, &scratch, &mut mysql).await;
                conn.batch(&script(&create_statements(&next, dialect)))
                    .await
                    .unwrap();
                if let Err(e) = run(&url, &plan.down).await {
                    errors.push(format!("{name} {dialect}: down failed: {e}\n{down}"));
                    continue;
                }
                let (mut reference, _) = fresh(dialect, &scratch, &mut mysql).await;
                reference
                    .batch(&script(&create_statements(&prev, dialect)))
                    .await
                    .unwrap();
                let differences = compare(
                    &introspect(&mut reference).await.unwrap(),
                    &introspect(&mut conn).await.unwrap(),
                );
                if !differences.is_empty() {
                    let lines: Vec<String> = differences.iter().map(|d| d.describe()).collect();
                    errors.push(format!(
                        "{name} {dialect}: after down the database differs:\n{}\n{down}",
                        lines.join("\n")
                    ));
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}
