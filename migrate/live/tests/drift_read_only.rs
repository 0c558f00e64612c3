//! `drift` never writes: on PostgreSQL it works through a role that cannot
//! write at all (every transaction read-only, SELECT-only grants) and leaves
//! catalog, rows and write counters unchanged; on SQLite the database file
//! is byte-for-byte the same afterwards and no journal appears.

mod support;

use cstack_migrate::files::plan_backend;
use cstack_migrate::{Dialect, files, lower};
use cstack_migrate_live::db::{Access, Connection};
use cstack_migrate_live::introspect::introspect;
use cstack_migrate_live::runner;
use cstack_migrate_live::spawner::{ServerSpawner, SqliteMemorySpawner};
use cstack_migrate_live::workflow::drift;
use sqlx_postgres::PgConnection;
use support::{SERVER_URL, ScratchDatabase, batch, connect, fetch_i64, model};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

enum Kind {
  A
  B
}

model Item {
  id Int @id
  name String @unique
  kind Kind @default(A)
}

view ItemName from Item {
  id Int @id
  name String

  @@sql("SELECT id, name FROM items")
}
"#;

fn migrations(dir: &std::path::Path, dialect: Dialect) -> Vec<files::Migration> {
    let lowered = lower(&model(SCHEMA), dialect);
    let planned = plan_backend(&lowered, dir, dialect).unwrap();
    let backend = files::backend_dir(dir, dialect);
    files::write(
        &backend,
        "00000000000001_init",
        &planned.plan,
        &planned.next,
    )
    .unwrap();
    files::load(&backend).unwrap()
}

async fn write_counters(client: &mut PgConnection) -> i64 {
    fetch_i64(
        client,
        "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables",
    )
    .await
}

#[tokio::test]
async fn drift_on_postgres_runs_as_a_role_that_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let live = ScratchDatabase::new("driftro");
    let mut conn = Connection::open(&live.url, Access::ReadWrite)
        .await
        .unwrap();
    runner::apply(&live.url, &migrations(dir.path(), Dialect::Postgres), None)
        .await
        .unwrap();
    conn.batch("INSERT INTO items (id, name, kind) VALUES (1, 'one', 'B')")
        .await
        .unwrap();
    let before = introspect(&mut conn).await.unwrap();
    drop(conn);
    let role = format!("{}_ro", live.name);
    let mut admin = connect(SERVER_URL).await;
    batch(
        &mut admin,
        &format!(
            "CREATE ROLE \"{role}\" LOGIN; \
             ALTER ROLE \"{role}\" SET default_transaction_read_only = on; \
             GRANT CONNECT ON DATABASE \"{db}\" TO \"{role}\"",
            db = live.name
        ),
    )
    .await
    .unwrap();
    let mut owner = live.client().await;
    batch(
        &mut owner,
        &format!(
            "GRANT USAGE ON SCHEMA public TO \"{role}\"; \
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{role}\""
        ),
    )
    .await
    .unwrap();
    let ro_url = format!("postgres://{role}@127.0.0.1:5432/{}", live.name);
    // The role really cannot write.
    let mut ro = connect(&ro_url).await;
    assert!(
        batch(&mut ro, "INSERT INTO items (id, name) VALUES (2, 'x')")
            .await
            .is_err()
    );
    assert!(batch(&mut ro, "CREATE TABLE t (a int)").await.is_err());
    drop(ro);
    let counters = write_counters(&mut owner).await;

    let spawner = ServerSpawner {
        admin_url: SERVER_URL.into(),
    };
    let report = drift(&ro_url, dir.path(), &spawner).await.unwrap();
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!(report.applied.len(), 1);

    // Drift is still found through the same role.
    batch(&mut owner, "ALTER TABLE items ADD COLUMN extra text")
        .await
        .unwrap();
    let report = drift(&ro_url, dir.path(), &spawner).await.unwrap();
    assert_eq!(report.differences.len(), 1, "{report:#?}");
    assert_eq!(report.differences[0].object, "table items");
    batch(&mut owner, "ALTER TABLE items DROP COLUMN extra")
        .await
        .unwrap();

    let mut conn = Connection::open(&live.url, Access::ReadWrite)
        .await
        .unwrap();
    assert_eq!(introspect(&mut conn).await.unwrap(), before);
    drop(conn);
    assert_eq!(write_counters(&mut owner).await, counters);
    drop(owner);
    drop(live);
    let _ = batch(&mut admin, &format!("DROP ROLE IF EXISTS \"{role}\"")).await;
}

#[tokio::test]
async fn drift_on_sqlite_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let url = format!("sqlite://{}", db.display());
    let mut conn = Connection::open(&url, Access::ReadWrite).await.unwrap();
    runner::apply(&url, &migrations(dir.path(), Dialect::Sqlite), None)
        .await
        .unwrap();
    conn.batch("INSERT INTO items (id, name, kind) VALUES (1, 'one', 'B')")
        .await
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(&db).unwrap();
    let modified = std::fs::metadata(&db).unwrap().modified().unwrap();
    let report = drift(&url, dir.path(), &SqliteMemorySpawner).await.unwrap();
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&db).unwrap().modified().unwrap(),
        modified
    );
    assert!(!dir.path().join("live.db-journal").exists());
    // The database is in WAL mode, as the runtime opens it: a reader may
    // create the log, but no frame (no write) reaches it.
    let wal = dir.path().join("live.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "drift wrote to the write-ahead log"
    );
    // The handle drift uses refuses writes.
    let mut ro = Connection::open(&url, Access::ReadOnly).await.unwrap();
    assert!(ro.batch("DELETE FROM items").await.is_err());
}
