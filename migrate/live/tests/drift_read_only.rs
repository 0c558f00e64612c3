//! `drift` never writes: on PostgreSQL it works through a role that cannot
//! write at all (every transaction read-only, SELECT-only grants) and leaves
//! catalog, rows and write counters unchanged; on MariaDB likewise through a
//! user granted SELECT and SHOW VIEW only, leaving catalog and table checksums
//! unchanged; on SQLite the database file is byte-for-byte the same
//! afterwards and no journal appears.

mod support;

use cstack_migrate::files::plan_backend;
use cstack_migrate::{Dialect, files, lower};
use cstack_migrate_live::db::{Access, Connection};
use cstack_migrate_live::introspect::introspect;
use cstack_migrate_live::runner;
use cstack_migrate_live::spawner::{MysqlServerSpawner, ServerSpawner, SqliteMemorySpawner};
use cstack_migrate_live::workflow::drift;
use sqlx_postgres::PgConnection;
use support::{
    MYSQL_URL, MysqlScratch, SERVER_URL, ScratchDatabase, batch, connect, fetch_i64, model,
};

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

/// `CHECKSUM TABLE` of the live tables: any written row changes it.
async fn table_sums(conn: &mut Connection) -> Vec<Option<i64>> {
    let Connection::Mysql(conn) = conn else {
        panic!("a MariaDB connection")
    };
    let query =
        sqlx_core::query::query::<sqlx_mysql::MySql>("CHECKSUM TABLE items, cstack_migrations");
    let rows = sqlx_core::executor::Executor::fetch_all(&mut **conn, query)
        .await
        .unwrap();
    rows.iter()
        .map(|row| sqlx_core::row::Row::try_get::<Option<i64>, _>(row, 1).unwrap())
        .collect()
}

#[tokio::test]
async fn drift_on_mariadb_runs_as_a_user_that_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let live = MysqlScratch::new("driftro");
    runner::apply(&live.url, &migrations(dir.path(), Dialect::Mysql), None)
        .await
        .unwrap();
    let mut owner = live.connection().await;
    owner
        .batch("INSERT INTO items (id, name, kind) VALUES (1, 'one', 'B')")
        .await
        .unwrap();
    let user = format!("ro_{}", live.name.rsplit('_').next().unwrap_or("x"));
    let mut admin = Connection::open(MYSQL_URL, Access::ReadWrite)
        .await
        .unwrap();
    admin
        .batch(&format!(
            "DROP USER IF EXISTS '{user}'@'%'; CREATE USER '{user}'@'%'; \
             GRANT SELECT, SHOW VIEW ON \"{}\".* TO '{user}'@'%'",
            live.name
        ))
        .await
        .unwrap();
    let ro_url = format!("mysql://{user}@127.0.0.1:3306/{}", live.name);
    let mut ro = Connection::open(&ro_url, Access::ReadWrite).await.unwrap();
    assert!(
        ro.batch("INSERT INTO items (id, name) VALUES (2, 'x')")
            .await
            .is_err()
    );
    assert!(ro.batch("CREATE TABLE t (a int)").await.is_err());
    ro.close().await;
    let before = introspect(&mut owner).await.unwrap();
    let sums_before = table_sums(&mut owner).await;

    let spawner = MysqlServerSpawner {
        admin_url: MYSQL_URL.into(),
    };
    let report = drift(&ro_url, dir.path(), &spawner).await.unwrap();
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!(report.applied.len(), 1);
    // Drift is still found through the same user.
    owner
        .batch("ALTER TABLE items ADD COLUMN extra longtext")
        .await
        .unwrap();
    let report = drift(&ro_url, dir.path(), &spawner).await.unwrap();
    assert_eq!(report.differences.len(), 1, "{report:#?}");
    assert_eq!(report.differences[0].object, "table items");
    owner
        .batch("ALTER TABLE items DROP COLUMN extra")
        .await
        .unwrap();

    assert_eq!(introspect(&mut owner).await.unwrap(), before);
    assert_eq!(table_sums(&mut owner).await, sums_before);
    // The handle drift uses refuses writes, whatever the grants.
    let mut read_only = Connection::open(&live.url, Access::ReadOnly).await.unwrap();
    assert!(read_only.batch("DELETE FROM items").await.is_err());
    read_only.close().await;
    owner.close().await;
    let _ = admin
        .batch(&format!("DROP USER IF EXISTS '{user}'@'%'"))
        .await;
    admin.close().await;
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
