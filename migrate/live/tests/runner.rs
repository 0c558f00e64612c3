//! The runner: a failed migration is recorded as partial and a second apply
//! resumes at the failed step without re-running the steps before it; on
//! PostgreSQL and MariaDB two runners cannot apply at once (a session
//! lock).

mod support;

use cstack_migrate::files::plan_backend;
use cstack_migrate::{Dialect, files, lower};
use cstack_migrate_live::db::{Access, Connection};
use cstack_migrate_live::runner::{self, LOCK_KEY, MIGRATIONS_TABLE, State};
use std::path::Path;
use support::{MysqlScratch, ScratchDatabase, batch, model};

const V1: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Item {\n  id Int @id\n  name String?\n}\n";
const V2: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Item {\n  id Int @id\n  name String\n}\n";
/// MySQL makes `name` NOT NULL in one statement, so a column added first
/// gives the migration a step that succeeds before the one that fails.
const V2_MYSQL: &str = "datasource db {\n  provider = \"mysql\"\n}\n\nmodel Item {\n  id Int @id\n  name String\n  note String?\n}\n";

fn write(dir: &Path, dialect: Dialect, id: &str, text: &str) -> Vec<files::Migration> {
    let lowered = lower(&model(text), dialect);
    let planned = plan_backend(&lowered, dir, dialect).unwrap();
    let backend = files::backend_dir(dir, dialect);
    files::write(&backend, id, &planned.plan, &planned.next).unwrap();
    files::load(&backend).unwrap()
}

async fn resumes(dialect: Dialect, url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), dialect, "0001_items", V1);
    let mut conn = Connection::open(url, Access::ReadWrite).await.unwrap();
    runner::apply(url, &first, None).await.unwrap();
    conn.batch("INSERT INTO items (id, name) VALUES (1, NULL)")
        .await
        .unwrap();
    let v2 = if dialect == Dialect::Mysql {
        V2_MYSQL
    } else {
        V2
    };
    let second = write(dir.path(), dialect, "0002_name_required", v2);
    let steps = files::migration_steps(&second[1]).len();
    assert!(steps >= 2, "{dialect}: {steps} steps");

    let error = runner::apply(url, &second, None).await.unwrap_err();
    assert!(error.contains("0002_name_required step"), "{error}");
    let status = runner::status(&runner::applied(&mut conn).await.unwrap(), &second);
    let State::Partial { steps_done, .. } = status[1].state else {
        panic!("{dialect}: {status:?}");
    };
    assert!(steps_done >= 1 && (steps_done as usize) < steps);

    conn.batch("UPDATE items SET name = 'fixed' WHERE name IS NULL")
        .await
        .unwrap();
    // The steps that ran are not run again (re-adding the NOT VALID check
    // of the first PostgreSQL step would fail).
    let report = runner::apply(url, &second, None).await.unwrap();
    assert_eq!(report.applied, vec!["0002_name_required".to_string()]);
    let status = runner::status(&runner::applied(&mut conn).await.unwrap(), &second);
    assert!(
        status.iter().all(|s| s.state == State::Applied),
        "{status:?}"
    );
    assert!(
        conn.batch("INSERT INTO items (id, name) VALUES (2, NULL)")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_failed_migration_resumes_at_its_failed_step_on_postgres() {
    let db = ScratchDatabase::new("resume");
    resumes(Dialect::Postgres, &db.url).await;
}

#[tokio::test]
async fn a_failed_migration_resumes_at_its_failed_step_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    resumes(
        Dialect::Sqlite,
        &format!("sqlite://{}", dir.path().join("db.sqlite").display()),
    )
    .await;
}

#[tokio::test]
async fn a_failed_migration_resumes_at_its_failed_step_on_mariadb() {
    let db = MysqlScratch::new("resume");
    resumes(Dialect::Mysql, &db.url).await;
}

#[tokio::test]
async fn a_second_runner_waits_for_the_lock_on_mariadb() {
    let db = MysqlScratch::new("lock");
    let dir = tempfile::tempdir().unwrap();
    let migrations = write(dir.path(), Dialect::Mysql, "0001_items", V1);
    let mut holder = db.connection().await;
    holder
        .batch(&format!("SELECT GET_LOCK('{MIGRATIONS_TABLE}', 10)"))
        .await
        .unwrap();
    let url = db.url.clone();
    let runner = tokio::spawn(async move { runner::apply(&url, &migrations, None).await });
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(
        !runner.is_finished(),
        "apply ran while another runner held the lock"
    );
    holder
        .batch(&format!("SELECT RELEASE_LOCK('{MIGRATIONS_TABLE}')"))
        .await
        .unwrap();
    let report = runner.await.unwrap().unwrap();
    assert_eq!(report.applied.len(), 1);
}

#[tokio::test]
async fn a_second_runner_waits_for_the_advisory_lock() {
    let db = ScratchDatabase::new("lock");
    let dir = tempfile::tempdir().unwrap();
    let migrations = write(dir.path(), Dialect::Postgres, "0001_items", V1);
    let mut holder = db.client().await;
    batch(&mut holder, &format!("SELECT pg_advisory_lock({LOCK_KEY})"))
        .await
        .unwrap();
    let url = db.url.clone();
    let runner = tokio::spawn(async move { runner::apply(&url, &migrations, None).await });
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(
        !runner.is_finished(),
        "apply ran while another runner held the lock"
    );
    batch(
        &mut holder,
        &format!("SELECT pg_advisory_unlock({LOCK_KEY})"),
    )
    .await
    .unwrap();
    let report = runner.await.unwrap().unwrap();
    assert_eq!(report.applied.len(), 1);
}
