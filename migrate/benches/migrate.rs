//! Benchmark of migration planning.
//!
//! `cargo bench -p cstack-migrate --bench migrate -- SCHEMA.cstack` prints
//! the in-process time of `migrate diff` (check, lower, plan from empty,
//! render the SQL) on SCHEMA and of a re-diff against its own snapshot.
//! Without arguments (as under `cargo test --all-targets`) it runs once on
//! the example schema, so it stays exercised. `bench/migrate.sh` generates
//! the 2000-model schema and also times the `cstackc migrate diff` command;
//! `migrate verify` is benchmarked in `cstack-migrate-live`.

use cstack_compiler::{RootDatabase, SourceFile, check_file_in_parallel};
use cstack_migrate::plan::render_steps;
use cstack_migrate::{Dialect, PhysicalSchema, physical_schema, plan};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
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
}
