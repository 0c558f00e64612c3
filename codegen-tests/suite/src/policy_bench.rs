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
//! `cargo run --release -p cstack-codegen-suite --bin policy-bench [sqlite|postgres]`
//! (both backends when none is named).

use cstack_codegen_suite::ScratchPostgres;
use policy_db::runtime::Context;
use policy_db::{CreateDocInput, CreatePlainDocInput, CreateTeamInput, Db, Viewer, Visibility};
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use std::time::{Duration, Instant};

const SEED_ROWS: i64 = 2_000;
const PAGE: i64 = 100;
const TRIALS: usize = 9;
const QUERIES_PER_TRIAL: usize = 1_000;

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
    // Trials of alternating queries: one with policies, then the same
    // without, each timed on its own, so a burst of load elsewhere on the
    // machine hits both sides alike. The ratio is taken per trial; the
    // median trial is the figure, the spread shows how steady it was.
    let mut ratios = Vec::new();
    let (mut all_with, mut all_without) = (Vec::new(), Vec::new());
    for trial in 0..TRIALS {
        let (mut with, mut without) = (Vec::new(), Vec::new());
        for i in 0..QUERIES_PER_TRIAL {
            let after = ((trial * QUERIES_PER_TRIAL + i) as i64 * 37) % (SEED_ROWS - PAGE);
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
        all_with.extend_from_slice(&with);
        all_without.extend_from_slice(&without);
        ratios.push(median(with).as_secs_f64() / median(without).as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let (with, without) = (median(all_with), median(all_without));
    println!(
        "{backend:<8} find_many (100 rows, {role:<6})  with policies {:>7.1} µs   without {:>7.1} µs   \
         ratio {:.3} (trials {:.3}–{:.3})",
        with.as_secs_f64() * 1e6,
        without.as_secs_f64() * 1e6,
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1],
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!(
        "{TRIALS} trials of {QUERIES_PER_TRIAL} queries per side, alternating; \
         both sides return the same {PAGE} rows of {SEED_ROWS}; ratio: the median trial's"
    );
    let named: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |backend: &str| named.is_empty() || named.iter().any(|n| n == backend);
    if let Some(unknown) = named
        .iter()
        .find(|n| !["sqlite", "postgres"].contains(&n.as_str()))
    {
        eprintln!("policy-bench: unknown backend `{unknown}` (expected sqlite or postgres)");
        std::process::exit(2);
    }
    if wanted("sqlite") {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let lite = Db::open_sqlite(folder.path().join("bench.sqlite"))
            .await
            .expect("open SQLite");
        seed(&lite).await;
        run("sqlite", lite).await;
    }
    if wanted("postgres") {
        let scratch = ScratchPostgres::create().await;
        let pg = Db::connect_postgres(&scratch.url()).await.expect("connect");
        pg.migrate_postgres().await.expect("migrate");
        seed(&pg).await;
        // The statistics a running database has once autovacuum has seen
        // the rows; without them the planner guesses at every filter.
        let mut admin = sqlx_postgres::PgConnection::connect(&scratch.url())
            .await
            .expect("connect");
        admin.execute("ANALYZE").await.expect("analyze");
        run("postgres", pg).await;
    }
}
