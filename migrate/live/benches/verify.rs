//! Benchmark of `migrate verify` on a generated 100-table schema,
//! including the scratch database spawns, for each scratch provider
//! available: SQLite in memory, a local initdb cluster, a scratch schema
//! and a scratch database on the server in `CSTACK_BENCH_DATABASE_URL`
//! (default the test server), and a scratch database on the MySQL or
//! MariaDB server in `CSTACK_BENCH_MYSQL_URL` (default the MariaDB test
//! server).
//!
//! `cargo bench -p cstack-migrate-live --bench verify -- --full` measures
//! every provider; without arguments (as under `cargo test --all-targets`)
//! it verifies once on SQLite only, so it stays exercised.

use cstack_compiler::{RootDatabase, SourceFile};
use cstack_migrate::files::{self, plan_backend};
use cstack_migrate::lower;
use cstack_migrate_live::spawner::{
    LocalClusterSpawner, MysqlServerSpawner, SchemaSpawner, ServerSpawner, Spawner,
    SqliteMemorySpawner,
};
use cstack_migrate_live::workflow::verify;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn hundred_tables() -> String {
    let mut out = String::from(
        "datasource db {\n  provider = \"postgresql\"\n}\n\nenum Level {\n  Low\n  High\n}\n\n",
    );
    for i in 0..100 {
        out.push_str(&format!("model Thing{i} {{\n  id Int @id\n  name String @unique\n  level Level @default(Low)\n  amount Decimal @range(min: 0, max: 1000) @db_enforce\n  note String?\n  createdAt DateTime @default(now())\n"));
        if i > 0 {
            let p = i - 1;
            out.push_str(&format!("  parentId Int?\n  parent Thing{p} @relation(fields: [parentId], references: [id], onDelete: SetNull)\n"));
        }
        if i + 1 < 100 {
            let c = i + 1;
            out.push_str(&format!(
                "  children Thing{c}[] @relation(fields: [id], references: [parentId])\n"
            ));
        }
        out.push_str("\n  @@index([level, createdAt])\n}\n\n");
    }
    out
}

fn main() {
    let full = std::env::args().skip(1).any(|a| a == "--full");
    // As the command line runs it: one thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let text = hundred_tables();
    let model = {
        let db = RootDatabase::default();
        let file = SourceFile::new(&db, "bench.cstack".into(), text.clone());
        (**cstack_compiler::schema_model(&db, file)
            .as_ref()
            .expect("valid"))
        .clone()
    };
    // Each sample gets a fresh spawner, so a local cluster is started (from
    // its cached template) inside the measured time.
    type MakeSpawner = Box<dyn Fn() -> Box<dyn Spawner>>;
    let mut makers: Vec<MakeSpawner> = vec![Box::new(|| Box::new(SqliteMemorySpawner))];
    if full {
        if LocalClusterSpawner::find().is_some() {
            makers.push(Box::new(|| Box::new(LocalClusterSpawner::find().unwrap())));
        }
        let url = std::env::var("CSTACK_BENCH_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let schema_url = url.clone();
        makers.push(Box::new(move || {
            Box::new(SchemaSpawner {
                url: schema_url.clone(),
            })
        }));
        makers.push(Box::new(move || {
            Box::new(ServerSpawner {
                admin_url: url.clone(),
            })
        }));
        let mysql_url = std::env::var("CSTACK_BENCH_MYSQL_URL")
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
        makers.push(Box::new(move || {
            Box::new(MysqlServerSpawner {
                admin_url: mysql_url.clone(),
            })
        }));
    }
    for make in makers {
        let spawner = make();
        let dialect = spawner.dialect();
        let dir = tempfile::tempdir().unwrap();
        let lowered = lower(&model, dialect);
        let planned = plan_backend(&lowered, dir.path(), dialect).unwrap();
        files::write(
            &files::backend_dir(dir.path(), dialect),
            "00000000000001_init",
            &planned.plan,
            &planned.next,
        )
        .unwrap();
        let mut samples = Vec::new();
        for _ in 0..if full { 5 } else { 1 } {
            let start = Instant::now();
            let fresh = make();
            let report = runtime
                .block_on(verify(dir.path(), dialect, fresh.as_ref(), Some(&lowered)))
                .unwrap();
            drop(fresh);
            samples.push(start.elapsed());
            assert!(report.is_clean(), "{report:#?}");
        }
        println!(
            "migrate verify, 100 tables, {} (scratch spawned, history replayed and snapshot built side by side, both introspected and compared, scratch removed): {} (median of {})",
            spawner.describe(),
            ms(median(samples.clone())),
            samples.len()
        );
    }
}
