//! Benchmark of migration planning and verification.
//!
//! `cargo bench -p cstack-migrate --bench migrate -- SCHEMA.cstack` prints
//! the in-process time of `migrate diff` (check, lower, plan from empty,
//! render the SQL) on SCHEMA and of a re-diff against its own snapshot, then
//! `migrate verify` on a generated 100-table schema, including the scratch
//! database spawns, for each scratch provider available: SQLite in memory,
//! a local initdb cluster, and a scratch schema and a scratch database on
//! the server in `CSTACK_BENCH_DATABASE_URL` (default the test server).
//! Without
//! arguments (as under `cargo test --all-targets`) it runs once on the
//! example schema and verifies on SQLite only, so it stays exercised.
//! `bench/migrate.sh` generates the 2000-model schema and also times the
//! `cstackc migrate diff` command.

use cstack_compiler::{RootDatabase, SourceFile, check_file_in_parallel};
use cstack_migrate::files::plan_backend;
use cstack_migrate::plan::render_steps;
use cstack_migrate::spawner::{
    LocalClusterSpawner, SchemaSpawner, ServerSpawner, Spawner, SqliteMemorySpawner,
};
use cstack_migrate::workflow::verify;
use cstack_migrate::{Dialect, PhysicalSchema, files, lower, physical_schema, plan};
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
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let full = !args.is_empty();
    let paths = if full {
        args
    } else {
        vec![concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/blog.cstack").to_string()]
    };
    let runs = if full { 7 } else { 1 };
    for path in &paths {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut cold = Vec::new();
        let mut again = Vec::new();
        let mut phases: [Vec<Duration>; 5] = Default::default();
        let mut summary = String::new();
        for _ in 0..runs {
            let start = Instant::now();
            let db = RootDatabase::default();
            let file = SourceFile::new(&db, path.clone(), text.clone());
            assert!(
                !check_file_in_parallel(&db, file).has_errors(),
                "{path} has errors"
            );
            let checked = start.elapsed();
            let _model = cstack_compiler::schema_model(&db, file);
            let modelled = start.elapsed();
            let lowered = physical_schema(&db, file, Dialect::Postgres)
                .as_ref()
                .unwrap();
            let lowered_at = start.elapsed();
            let planned = plan(
                &PhysicalSchema::default(),
                &lowered.schema,
                Dialect::Postgres,
            );
            let planned_at = start.elapsed();
            let up = render_steps(&planned.up);
            let down = render_steps(&planned.down);
            cold.push(start.elapsed());
            phases[0].push(checked);
            phases[1].push(lowered_at - modelled);
            phases[4].push(modelled - checked);
            phases[2].push(planned_at - lowered_at);
            phases[3].push(start.elapsed() - planned_at);
            summary = format!(
                "{} tables, {} operations, up.sql {} KiB, down.sql {} KiB",
                lowered.schema.tables.len(),
                planned.ops.len(),
                up.len() / 1024,
                down.len() / 1024
            );
            // A re-diff against its own snapshot (read back from JSON).
            let snapshot =
                cstack_migrate::Snapshot::of(&lowered.schema, Dialect::Postgres).to_json();
            let start = Instant::now();
            let prev = cstack_migrate::Snapshot::from_json(&snapshot).unwrap();
            let replanned = plan(&prev.schema, &lowered.schema, Dialect::Postgres);
            again.push(start.elapsed());
            assert!(replanned.is_empty());
            std::mem::forget(db);
        }
        println!("{path}: {summary}");
        println!(
            "  migrate diff from empty (check + lower + plan + SQL), in process: {} (median of {runs})",
            ms(median(cold))
        );
        let [check, lowering, planning, rendering, modelling] = phases.map(median);
        println!(
            "    check {}, schema model {}, lowering {}, planning {}, rendering {}",
            ms(check),
            ms(modelling),
            ms(lowering),
            ms(planning),
            ms(rendering)
        );
        println!(
            "  re-diff against its snapshot (read JSON + plan): {}",
            ms(median(again))
        );
    }

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
            let report = verify(dir.path(), dialect, fresh.as_ref(), Some(&lowered)).unwrap();
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
