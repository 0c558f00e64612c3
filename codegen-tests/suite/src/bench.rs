//! Generated `find_many` and `create` against hand-written rusqlite and
//! sqlx code doing the same work (same SQL shape, same decoding into the
//! same struct), on SQLite (a file), PostgreSQL and MySQL (scratch
//! databases). Prints the median time per operation of each and their
//! ratio. A MySQL `create` is an INSERT and a read of the row by the id
//! the server generated, by hand as in the runtime, since MySQL has no
//! `RETURNING`.
//!
//! `cargo run --release -p cstack-codegen-suite --bin codegen-bench`

use behaviour_db::runtime::Filter;
use behaviour_db::runtime::chrono::{DateTime, NaiveDateTime, Utc};
use behaviour_db::{CreateMemberInput, Db, Member, Role, member};
use cstack_codegen_suite::{ScratchMysql, ScratchPostgres, mysql_server, postgres_server};
use sqlx_core::row::Row;
use std::time::{Duration, Instant};

const SEED_ROWS: usize = 1_000;
const PAGE: i64 = 100;
const ROUNDS: usize = 15;
const READS_PER_ROUND: usize = 40;
const WRITES_PER_ROUND: usize = 200;

const SELECT_SQLITE: &str = "SELECT t0.\"id\", t0.\"email\", t0.\"name\", t0.\"nickname\", t0.\"role\", t0.\"website\", t0.\"created_at\" \
     FROM \"members\" AS t0 WHERE t0.\"id\" > ?1 ORDER BY t0.\"id\" ASC NULLS LAST LIMIT ?2";
const SELECT_PG: &str = "SELECT t0.\"id\", t0.\"email\", t0.\"name\", t0.\"nickname\", t0.\"role\"::text, t0.\"website\", t0.\"created_at\" \
     FROM \"members\" AS t0 WHERE t0.\"id\" > $1 ORDER BY t0.\"id\" ASC NULLS LAST LIMIT $2";
const INSERT_SQLITE: &str = "INSERT INTO \"members\" (\"email\", \"name\", \"nickname\", \"role\", \"website\", \"created_at\") \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING \"id\", \"email\", \"name\", \"nickname\", \"role\", \"website\", \"created_at\"";
const INSERT_PG: &str = "INSERT INTO \"members\" (\"email\", \"name\", \"nickname\", \"role\", \"website\", \"created_at\") \
     VALUES ($1, $2, $3, $4::\"role\", $5, $6) RETURNING \"id\", \"email\", \"name\", \"nickname\", \"role\"::text, \"website\", \"created_at\"";

const SELECT_MYSQL: &str = "SELECT t0.\"id\", t0.\"email\", t0.\"name\", t0.\"nickname\", t0.\"role\", t0.\"website\", t0.\"created_at\" \
     FROM \"members\" AS t0 WHERE t0.\"id\" > ? ORDER BY t0.\"id\" ASC LIMIT ?";
const INSERT_MYSQL: &str = "INSERT INTO \"members\" (\"email\", \"name\", \"nickname\", \"role\", \"website\", \"created_at\") \
     VALUES (?, ?, ?, ?, ?, ?)";
const READ_BACK_MYSQL: &str = "SELECT t0.\"id\", t0.\"email\", t0.\"name\", t0.\"nickname\", t0.\"role\", t0.\"website\", t0.\"created_at\" \
     FROM \"members\" AS t0 WHERE t0.\"id\" = ?";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn input(n: usize) -> CreateMemberInput {
    CreateMemberInput::builder()
        .email(format!("m{n}@bench.io"))
        .name(format!("Member {n}"))
        .build()
}

/// The generated side of `find_many`: one page of members by id.
async fn generated_page(db: Db) {
    let rows = db
        .member()
        .find_many()
        .filter(member::id().gt(0))
        .order_by(member::id().asc())
        .limit(PAGE)
        .exec()
        .await
        .expect("find");
    assert_eq!(rows.len(), PAGE as usize);
}

/// The generated side of `create`.
async fn generated_create(db: Db, n: usize) {
    db.member().create(input(n)).await.expect("create");
}

/// Alternates the two contenders round by round, so drift hits both.
async fn compare<G, H, GF, HF>(label: &str, per_round: usize, mut generated: G, mut hand: H)
where
    G: FnMut(usize) -> GF,
    H: FnMut(usize) -> HF,
    GF: std::future::Future<Output = ()>,
    HF: std::future::Future<Output = ()>,
{
    let (mut g, mut h) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let start = Instant::now();
        for i in 0..per_round {
            generated(round * per_round + i).await;
        }
        g.push(start.elapsed() / per_round as u32);
        let start = Instant::now();
        for i in 0..per_round {
            hand(round * per_round + i).await;
        }
        h.push(start.elapsed() / per_round as u32);
    }
    let (g, h) = (median(g), median(h));
    println!(
        "{label:<28} generated {:>9.1} µs   hand-written {:>9.1} µs   ratio {:.3}",
        g.as_secs_f64() * 1e6,
        h.as_secs_f64() * 1e6,
        g.as_secs_f64() / h.as_secs_f64()
    );
}

fn parse_role(text: &str) -> Role {
    text.parse().unwrap_or(Role::Reader)
}

fn sqlite_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Member> {
    let created: String = row.get(6)?;
    Ok(Member {
        id: row.get(0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        nickname: row.get(3)?,
        role: parse_role(&row.get::<_, String>(4)?),
        website: row.get(5)?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc)),
        posts: None,
    })
}

fn pg_row(row: &sqlx_postgres::PgRow) -> Member {
    Member {
        id: row.get(0),
        email: row.get(1),
        name: row.get(2),
        nickname: row.get(3),
        role: parse_role(row.get::<&str, _>(4)),
        website: row.get(5),
        created_at: row.get(6),
        posts: None,
    }
}

/// Text columns are binary-collated, which sqlx reports as `VARBINARY`:
/// they are read unchecked, as the runtime reads them.
fn mysql_row(row: &sqlx_mysql::MySqlRow) -> Member {
    Member {
        id: row.get(0),
        email: row.get_unchecked(1),
        name: row.get_unchecked(2),
        nickname: row.get_unchecked(3),
        role: parse_role(row.get_unchecked::<&str, _>(4)),
        website: row.get_unchecked(5),
        created_at: row.get::<NaiveDateTime, _>(6).and_utc(),
        posts: None,
    }
}

async fn sqlite() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("bench.sqlite");
    let db = Db::open_sqlite(&path).await.expect("open");
    db.member()
        .create_many((0..SEED_ROWS).map(input).collect())
        .await
        .expect("seed");
    let conn = rusqlite::Connection::open(&path).expect("open by hand");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")
        .expect("pragmas");
    let conn = std::cell::RefCell::new(conn);
    compare(
        "sqlite find_many (100 rows)",
        READS_PER_ROUND,
        |_| generated_page(db.clone()),
        |_| {
            let conn = conn.borrow();
            let mut statement = conn.prepare_cached(SELECT_SQLITE).expect("prepare");
            let rows: Vec<Member> = statement
                .query_map(rusqlite::params![0_i64, PAGE], sqlite_row)
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            assert_eq!(rows.len(), PAGE as usize);
            async {}
        },
    )
    .await;
    let offset = SEED_ROWS * 10;
    compare(
        "sqlite create",
        WRITES_PER_ROUND,
        |n| generated_create(db.clone(), offset + n),
        |n| {
            let conn = conn.borrow();
            let mut statement = conn.prepare_cached(INSERT_SQLITE).expect("prepare");
            let now = behaviour_db::runtime::defaults::now()
                .format("%Y-%m-%dT%H:%M:%S%.6fZ")
                .to_string();
            let row = statement
                .query_row(
                    rusqlite::params![
                        format!("h{n}@bench.io"),
                        format!("Member {n}"),
                        None::<String>,
                        "Reader",
                        None::<String>,
                        now
                    ],
                    sqlite_row,
                )
                .expect("insert");
            assert!(row.id > 0);
            async {}
        },
    )
    .await;
    assert!(db.member().count(Filter::all()).await.expect("count") > SEED_ROWS as i64);
}

async fn postgres() {
    let scratch = ScratchPostgres::create().await;
    let db = Db::connect_postgres(&scratch.url()).await.expect("connect");
    db.migrate_postgres().await.expect("migrate");
    db.member()
        .create_many((0..SEED_ROWS).map(input).collect())
        .await
        .expect("seed");
    let pool = sqlx_postgres::PgPoolOptions::new()
        .max_connections(8)
        .connect(&scratch.url())
        .await
        .expect("pool");
    compare(
        "postgres find_many (100 rows)",
        READS_PER_ROUND,
        |_| generated_page(db.clone()),
        |_| {
            let pool = pool.clone();
            async move {
                let rows = sqlx_core::query::query::<sqlx_postgres::Postgres>(SELECT_PG)
                    .bind(0_i64)
                    .bind(PAGE)
                    .fetch_all(&pool)
                    .await
                    .expect("query");
                let rows: Vec<Member> = rows.iter().map(pg_row).collect();
                assert_eq!(rows.len(), PAGE as usize);
            }
        },
    )
    .await;
    let offset = SEED_ROWS * 10;
    compare(
        "postgres create",
        WRITES_PER_ROUND,
        |n| generated_create(db.clone(), offset + n),
        |n| {
            let pool = pool.clone();
            async move {
                let row = sqlx_core::query::query::<sqlx_postgres::Postgres>(INSERT_PG)
                    .bind(format!("h{n}@bench.io"))
                    .bind(format!("Member {n}"))
                    .bind(None::<String>)
                    .bind("Reader")
                    .bind(None::<String>)
                    .bind(behaviour_db::runtime::defaults::now())
                    .fetch_one(&pool)
                    .await
                    .expect("insert");
                assert!(pg_row(&row).id > 0);
            }
        },
    )
    .await;
    pool.close().await;
    drop(db);
    drop(scratch);
}

async fn mysql() {
    let scratch = ScratchMysql::create().await;
    let db = Db::connect_mysql(&scratch.url()).await.expect("connect");
    db.migrate_mysql().await.expect("migrate");
    db.member()
        .create_many((0..SEED_ROWS).map(input).collect())
        .await
        .expect("seed");
    // The hand-written side's connections run the same session setup.
    let pool = sqlx_mysql::MySqlPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                for setup in behaviour_db::runtime::Dialect::Mysql.session_setup() {
                    sqlx_core::executor::Executor::execute(&mut *conn, *setup).await?;
                }
                Ok(())
            })
        })
        .connect(&scratch.url())
        .await
        .expect("pool");
    compare(
        "mysql find_many (100 rows)",
        READS_PER_ROUND,
        |_| generated_page(db.clone()),
        |_| {
            let pool = pool.clone();
            async move {
                let rows = sqlx_core::query::query::<sqlx_mysql::MySql>(SELECT_MYSQL)
                    .bind(0_i64)
                    .bind(PAGE)
                    .fetch_all(&pool)
                    .await
                    .expect("query");
                let rows: Vec<Member> = rows.iter().map(mysql_row).collect();
                assert_eq!(rows.len(), PAGE as usize);
            }
        },
    )
    .await;
    let offset = SEED_ROWS * 10;
    compare(
        "mysql create",
        WRITES_PER_ROUND,
        |n| generated_create(db.clone(), offset + n),
        |n| {
            let pool = pool.clone();
            async move {
                let done = sqlx_core::query::query::<sqlx_mysql::MySql>(INSERT_MYSQL)
                    .bind(format!("h{n}@bench.io"))
                    .bind(format!("Member {n}"))
                    .bind(None::<String>)
                    .bind("Reader")
                    .bind(None::<String>)
                    .bind(behaviour_db::runtime::defaults::now().naive_utc())
                    .execute(&pool)
                    .await
                    .expect("insert");
                let row = sqlx_core::query::query::<sqlx_mysql::MySql>(READ_BACK_MYSQL)
                    .bind(done.last_insert_id())
                    .fetch_one(&pool)
                    .await
                    .expect("read back");
                assert!(mysql_row(&row).id > 0);
            }
        },
    )
    .await;
    pool.close().await;
    drop(db);
    drop(scratch);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!(
        "median per operation over {ROUNDS} rounds; PostgreSQL at {}, MySQL at {}",
        postgres_server(),
        mysql_server()
    );
    // `CODEGEN_BENCH=sqlite`, `=postgres` or `=mysql` runs one backend only.
    let only = std::env::var("CODEGEN_BENCH").unwrap_or_default();
    if only.is_empty() || only == "sqlite" {
        sqlite().await;
    }
    if only.is_empty() || only == "postgres" {
        postgres().await;
    }
    if only.is_empty() || only == "mysql" {
        mysql().await;
    }
}
