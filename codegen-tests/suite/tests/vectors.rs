//! pgvector `Vector(n)` fields through the generated `vectors-db` crate, on
//! a PostgreSQL that has the extension: a private cluster started from the
//! build `scripts/pgvector.sh` installs (the machine's server has none).
//! The migration creates `vector(3)` columns and an ivfflat index; values
//! are bound and read in the extension's binary form and come back equal,
//! null included, and the column type is the storage table's.

use cstack_migrate_live::spawner::{LocalClusterSpawner, Spawner};
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use vectors_db::{CreatePassageInput, Db, UpdatePassageInput, passage};

/// The cluster binaries with pgvector: `CSTACK_PGVECTOR_BINDIR`, which
/// `scripts/test.sh` sets. Missing, the test fails: it never skips.
fn bindir() -> std::path::PathBuf {
    let dir = std::env::var_os("CSTACK_PGVECTOR_BINDIR").expect(
        "CSTACK_PGVECTOR_BINDIR must name a PostgreSQL bin directory with pgvector \
         (run `scripts/pgvector.sh`, which prints it)",
    );
    std::path::PathBuf::from(dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vectors_round_trip_in_the_column_their_migration_creates() {
    let spawner = LocalClusterSpawner::new(bindir());
    let scratch = spawner
        .spawn()
        .await
        .expect("a scratch database with pgvector");
    let url = scratch.url().to_string();
    let db = Db::connect_postgres(&url).await.expect("connect");
    db.migrate_postgres()
        .await
        .expect("migrate: creates the extension");

    let a = db
        .passage()
        .create(
            CreatePassageInput::builder()
                .id(1)
                .text("first")
                .embedding(vec![0.25_f32, -1.5, 3.0e-8])
                .build(),
        )
        .await
        .expect("create");
    assert_eq!(a.embedding, [0.25, -1.5, 3.0e-8]);
    assert_eq!(a.draft, None);
    let b = db
        .passage()
        .create(
            CreatePassageInput::builder()
                .id(2)
                .text("second")
                .embedding(vec![f32::MAX, f32::MIN_POSITIVE, 0.0])
                .draft(vec![1.0_f32, 2.0, 3.0])
                .build(),
        )
        .await
        .expect("create with a nullable vector");
    for expected in [&a, &b] {
        let read = db
            .passage()
            .find_unique(expected.id)
            .exec()
            .await
            .expect("read")
            .expect("the row");
        assert_eq!(&read, expected);
    }
    let updated = db
        .passage()
        .update(2, UpdatePassageInput::new().clear_draft())
        .exec()
        .await
        .expect("clear the nullable vector");
    assert_eq!(updated.draft, None);
    let found = db
        .passage()
        .find_many()
        .filter(passage::text().eq("first"))
        .exec()
        .await
        .expect("filter beside a vector column");
    assert_eq!(found, [a]);

    // The column is the storage table's `vector(3)`.
    let mut conn = sqlx_postgres::PgConnection::connect(&url).await.unwrap();
    let declared: String = conn
        .fetch_one(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute \
             WHERE attrelid = 'passages'::regclass AND attname = 'embedding'",
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(declared, "vector(3)");
    let _ = conn.close().await;
    // A vector of the wrong dimension is the database's error, not a panic.
    let wrong = db
        .passage()
        .create(
            CreatePassageInput::builder()
                .id(3)
                .text("wrong")
                .embedding(vec![1.0_f32, 2.0])
                .build(),
        )
        .await;
    assert!(wrong.is_err(), "{wrong:?}");
}
