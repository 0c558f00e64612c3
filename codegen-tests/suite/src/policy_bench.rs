//! The cost of policies: a policy-filtered `find_many` on `Doc` (its full
//! read policy: deny on `archived`, allows on columns, `auth()` members and
//! relation `EXISTS` subqueries) against the same query on `PlainDoc`, the
//! same columns, rows and indexes (the primary key only) without any
//! policy. The comparison is like for like: the viewer owns every row, so
//! both queries return the same 100 rows (checked on every query, rows and
//! ids), and the ratio is the price of the policy predicate alone. Prints
//! the median per query and the ratio per backend, on SQLite (a file) and
//! PostgreSQL (a scratch database).
//!
//! `cargo run --release -p cstack-codegen-suite --bin policy-bench`

use cstack_codegen_suite::ScratchPostgres;
use policy_db::runtime::Context;
use policy_db::{CreateDocInput, CreatePlainDocInput, CreateTeamInput, Db, Viewer, Visibility};
use std::time::{Duration, Instant};

const SEED_ROWS: i64 = 2_000;
const PAGE: i64 = 100;
const ROUNDS: usize = 25;
const READS_PER_ROUND: usize = 40;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn visibility(n: i64) -> Visibility {
    [Visibility::Public, Visibility::Internal, Visibility::Secret][(n % 3) as usize]
}

async fn seed(db: &Db) {
    let root = db.with_context(
        Context::authenticated(Viewer {
            id: 1,
            role: "admin".into(),
            tenant_id: "acme".into(),
            level: None,
        })
        .with_system(true),
    );
    root.team()
        .create(
            CreateTeamInput::builder()
                .id(1)
                .name("t")
                .tenant_id("beta")
                .build(),
        )
        .await
        .expect("team");
    let docs = (1..=SEED_ROWS)
        .map(|n| {
            CreateDocInput::builder()
                .id(n)
                .title(format!("doc {n}"))
                .owner_id(1)
                .team_id(1)
                .visibility(visibility(n))
                .score(n % 10)
                .archived(false)
                .build()
        })
        .collect();
    root.doc().create_many(docs).await.expect("docs");
    let plain = (1..=SEED_ROWS)
        .map(|n| {
            CreatePlainDocInput::builder()
                .id(n)
                .title(format!("doc {n}"))
                .owner_id(1)
                .team_id(1)
                .visibility(visibility(n))
                .score(n % 10)
                .archived(false)
                .build()
        })
        .collect();
    root.plain_doc()
        .create_many(plain)
        .await
        .expect("plain docs");
}

async fn run(backend: &str, db: Db) {
    seed(&db).await;
    // A reader who owns every row: the owner branch admits them all. An
    // admin's allows fold to TRUE, leaving the `archived` deny.
    for role in ["reader", "admin"] {
        let viewer = db.with_auth(Viewer {
            id: 1,
            role: role.into(),
            tenant_id: "beta".into(),
            level: None,
        });
        measure(backend, role, &viewer).await;
    }
}

async fn measure(backend: &str, role: &str, viewer: &Db) {
    // One query with policies, then the same without, alternating, each
    // timed on its own: a burst of load elsewhere on the machine then hits
    // both sides alike instead of one block of queries.
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        for i in 0..READS_PER_ROUND {
            let after = ((round * READS_PER_ROUND + i) as i64 * 37) % (SEED_ROWS - PAGE);
            let start = Instant::now();
            let rows = viewer
                .doc()
                .find_many()
                .filter(policy_db::doc::id().gt(after))
                .order_by(policy_db::doc::id().asc())
                .limit(PAGE)
                .exec()
                .await
                .expect("find");
            with.push(start.elapsed());
            assert_eq!(rows.len(), PAGE as usize);
            assert!(rows.iter().zip(after + 1..).all(|(row, id)| row.id == id));
            let start = Instant::now();
            let rows = viewer
                .plain_doc()
                .find_many()
                .filter(policy_db::plain_doc::id().gt(after))
                .order_by(policy_db::plain_doc::id().asc())
                .limit(PAGE)
                .exec()
                .await
                .expect("find");
            without.push(start.elapsed());
            assert_eq!(rows.len(), PAGE as usize);
            assert!(rows.iter().zip(after + 1..).all(|(row, id)| row.id == id));
        }
    }
    let (with, without) = (median(with), median(without));
    println!(
        "{backend:<8} find_many (100 rows, {role:<6})  with policies {:>9.1} µs   without {:>9.1} µs   ratio {:.3}",
        with.as_secs_f64() * 1e6,
        without.as_secs_f64() * 1e6,
        with.as_secs_f64() / without.as_secs_f64()
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!(
        "median of {} queries per side, alternating; both sides return the same {PAGE} rows of {SEED_ROWS}",
        ROUNDS * READS_PER_ROUND
    );
    let folder = tempfile::tempdir().expect("a temporary folder");
    let lite = Db::open_sqlite(folder.path().join("bench.sqlite"))
        .await
        .expect("open SQLite");
    run("sqlite", lite).await;
    let scratch = ScratchPostgres::create().await;
    let pg = Db::connect_postgres(&scratch.url()).await.expect("connect");
    pg.migrate_postgres().await.expect("migrate");
    run("postgres", pg).await;
}
