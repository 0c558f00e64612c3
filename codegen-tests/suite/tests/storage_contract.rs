//! The storage contract, end to end: every kind of value a model column
//! holds, bound and decoded by the runtime of the generated `contract-db`
//! crate against the column its embedded migration created, on PostgreSQL,
//! SQLite and MySQL; the column types are the storage table's; and the contract
//! schema keeps a column of every kind the storage table has.

use contract_db::{CreateSampleInput, Db, Mood, Sample, sample};
use cstack_codegen_suite::Scratch;
use cstack_compiler::storage_contract::{Dialect, Kind};
use cstack_compiler::{RootDatabase, SourceFile, schema_model, stored_examples};
use cstack_runtime::chrono::{TimeZone, Utc};
use cstack_runtime::rust_decimal::Decimal;
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use std::collections::BTreeMap;
use std::str::FromStr;

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// The schema model of `codegen-tests/contract.cstack`.
fn contract_model() -> std::sync::Arc<cstack_compiler::SchemaModel> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../contract.cstack");
    let db = RootDatabase::default();
    let text = std::fs::read_to_string(path).expect("the contract schema");
    let file = SourceFile::new(&db, path.to_string(), text);
    schema_model(&db, file)
        .clone()
        .expect("the contract schema checks clean")
}

#[test]
fn the_contract_schema_has_a_column_of_every_stored_kind() {
    let model = contract_model();
    let sample = model.model("Sample").expect("model Sample");
    let kind_names = |kinds: Vec<Kind<String>>| -> std::collections::BTreeSet<&'static str> {
        kinds.iter().map(|kind| kind.variant_name()).collect()
    };
    let covered = kind_names(sample.fields.iter().map(|f| f.storage().kind).collect());
    // Vectors need pgvector, and have their own test.
    let stored = kind_names(
        stored_examples()
            .into_iter()
            .map(|(_, storage)| storage.kind)
            .filter(|kind| *kind != Kind::Vector)
            .collect(),
    );
    let missing: Vec<_> = stored.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "no column of kinds {missing:?} in model Sample"
    );
    let nullable: Vec<&str> = sample
        .fields
        .iter()
        .filter(|f| !f.is_id && !f.is_optional())
        .filter(|f| {
            !sample
                .fields
                .iter()
                .any(|twin| twin.is_optional() && twin.storage().kind == f.storage().kind)
        })
        .map(|f| f.name.as_str())
        .collect();
    assert!(nullable.is_empty(), "no nullable twin of {nullable:?}");
}

fn full_sample(id: i64) -> CreateSampleInput {
    let at = Utc.with_ymd_and_hms(2026, 12, 4, 23, 59, 58).unwrap()
        + cstack_runtime::chrono::Duration::microseconds(654_321);
    CreateSampleInput::builder()
        .id(id)
        .text("héllo \"quoted\" 'single' \\ end")
        .cuid("ckx0example0000000000000")
        .count(i64::MIN + 1)
        .ratio(-1.5e-300)
        .flag(false)
        .at(at)
        .amount(Decimal::from_str("-98765432109876543.2109876543").unwrap())
        .doc(serde_json::json!({"list": [1, 2.5, "x", null, true], "nested": {"a": []}}))
        .blob((0..=255).collect::<Vec<u8>>())
        .uid(cstack_runtime::uuid::Uuid::from_u128(
            0xfedc_ba98_7654_3210_fedc_ba98_7654_3210,
        ))
        .mood(Mood::Stormy)
        .maybe_text("set")
        .maybe_cuid("ckx0example0000000000001")
        .maybe_count(i64::MAX)
        .maybe_ratio(f64::MAX)
        .maybe_flag(true)
        .maybe_at(at)
        .maybe_amount(Decimal::from_str("0.0000000000000000000000000001").unwrap())
        .maybe_doc(serde_json::json!("a JSON string"))
        .maybe_blob(Vec::<u8>::new())
        .maybe_uid(cstack_runtime::uuid::Uuid::nil())
        .maybe_mood(Mood::Calm)
        .build()
}

fn empty_sample(id: i64) -> CreateSampleInput {
    let at = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap();
    CreateSampleInput::builder()
        .id(id)
        .text("")
        .cuid("c")
        .count(0)
        .ratio(0.0)
        .flag(true)
        .at(at)
        .amount(Decimal::ZERO)
        .doc(serde_json::json!(null))
        .blob(Vec::<u8>::new())
        .uid(cstack_runtime::uuid::Uuid::max())
        .mood(Mood::Calm)
        .build()
}

/// Writes two rows (every value set; every optional one null), reads them
/// back equal, and finds each by a filter on every comparable column.
async fn round_trip(db: &Db) -> Outcome {
    let full = db.sample().create(full_sample(1)).await?;
    let empty = db.sample().create(empty_sample(2)).await?;
    for (created, id) in [(&full, 1), (&empty, 2)] {
        let read: Sample = db
            .sample()
            .find_unique(id)
            .exec()
            .await?
            .ok_or("the row reads back")?;
        assert_eq!(&read, created);
    }
    assert_eq!(full.blob.len(), 256);
    assert_eq!(empty.maybe_text, None);
    assert_eq!(empty.maybe_mood, None);
    assert_eq!(empty.doc, serde_json::Value::Null);
    let by = |filter| async { db.sample().find_many().filter(filter).exec().await };
    for (what, rows) in [
        ("text", by(sample::text().eq(full.text.clone())).await?),
        ("cuid", by(sample::cuid().eq(full.cuid.clone())).await?),
        ("count", by(sample::count().eq(full.count)).await?),
        ("ratio", by(sample::ratio().eq(full.ratio)).await?),
        ("flag", by(sample::flag().eq(full.flag)).await?),
        ("at", by(sample::at().eq(full.at)).await?),
        ("amount", by(sample::amount().eq(full.amount)).await?),
        ("blob", by(sample::blob().eq(full.blob.clone())).await?),
        ("uid", by(sample::uid().eq(full.uid)).await?),
        ("mood", by(sample::mood().eq(full.mood)).await?),
        ("maybe", by(sample::maybe_count().is_null()).await?),
    ] {
        let expected = if what == "maybe" { 2 } else { 1 };
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        assert_eq!(ids, [expected], "filter on {what}");
    }
    Ok(())
}

/// The declared type of each column of `samples`, as the database reports it.
async fn postgres_columns(url: &str) -> BTreeMap<String, String> {
    let mut conn = sqlx_postgres::PgConnection::connect(url).await.unwrap();
    conn.fetch_all(
        "SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END \
         FROM information_schema.columns WHERE table_name = 'samples'",
    )
    .await
    .unwrap()
    .iter()
    .map(|row| (row.get::<String, _>(0), row.get::<String, _>(1)))
    .collect()
}

/// MySQL's column types, without the display widths MariaDB adds to
/// integers (`bigint(20)`) and with MariaDB's `json` (an alias of
/// `longtext` checked by `json_valid`) under its declared name.
async fn mysql_columns(url: &str) -> BTreeMap<String, String> {
    let mut conn = sqlx_mysql::MySqlConnection::connect(url).await.unwrap();
    let checked_json: Vec<String> = conn
        .fetch_all(
            "SELECT constraint_name FROM information_schema.check_constraints \
             WHERE constraint_schema = DATABASE() AND check_clause LIKE 'json_valid(%'",
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>(0))
        .collect();
    conn.fetch_all(
        "SELECT column_name, column_type FROM information_schema.columns \
         WHERE table_schema = DATABASE() AND table_name = 'samples'",
    )
    .await
    .unwrap()
    .iter()
    .map(|row| {
        let name = row.get::<String, _>(0);
        let declared = row.get::<String, _>(1);
        let declared = match declared.split_once('(') {
            Some((int, _)) if ["bigint", "int", "smallint"].contains(&int) => int.to_string(),
            _ if declared == "longtext" && checked_json.contains(&name) => "json".to_string(),
            _ => declared,
        };
        (name, declared)
    })
    .collect()
}

fn sqlite_columns(path: &std::path::Path) -> BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT name, type FROM pragma_table_info('samples')")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_round_trips_in_the_column_its_migration_creates() {
    let scratch = Scratch::new().await;
    let url = scratch.postgres_url();
    let postgres = Db::connect_postgres(&url).await.expect("connect");
    postgres.migrate_postgres().await.expect("migrate");
    let sqlite = Db::open_sqlite(scratch.sqlite_path()).await.expect("open");
    let mysql_url = scratch.mysql_url();
    let mysql = Db::connect_mysql(&mysql_url).await.expect("connect");
    mysql.migrate_mysql().await.expect("migrate");
    for (backend, db) in [
        ("postgres", &postgres),
        ("sqlite", &sqlite),
        ("mysql", &mysql),
    ] {
        if let Err(error) = round_trip(db).await {
            panic!("round trip on {backend}: {error}");
        }
    }
    let model = contract_model();
    let sample = model.model("Sample").unwrap();
    for (dialect, columns) in [
        (Dialect::Postgres, postgres_columns(&url).await),
        (Dialect::Sqlite, sqlite_columns(&scratch.sqlite_path())),
        (Dialect::Mysql, mysql_columns(&mysql_url).await),
    ] {
        for field in &sample.fields {
            let expected = field.storage().column_type(dialect).unwrap();
            assert_eq!(
                columns.get(&field.column),
                Some(&expected),
                "{dialect} column of `{}`",
                field.name
            );
        }
    }
}
