//! Benchmark of the editor path: a cold check of a large schema and the
//! re-check after a one-line edit, in process.
//!
//! `cargo bench -p cstack-compiler --bench check -- FILE...` prints, per file,
//! the median of several runs. `bench/run.sh` generates the schemas and also
//! measures the cold command-line check.

use cstack_compiler::{RootDatabase, SourceFile, check_file, check_file_in_parallel, parse};
use salsa::Setter;
use std::time::{Duration, Instant};

// The allocator `cstackc` and `cstack-lsp` run on, so the figures are the
// ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 7;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    let mut paths: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if paths.is_empty() {
        // Without arguments (as under `cargo test --all-targets`), measure the
        // example schema so the benchmark itself stays exercised.
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/blog.cstack").to_string());
    }
    for path in paths {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut cold_parse = Vec::new();
        let mut cold_check = Vec::new();
        let mut recheck = Vec::new();
        let mut diagnostics = 0;
        for run in 0..RUNS {
            let mut db = RootDatabase::default();
            let file = SourceFile::new(&db, path.clone(), text.clone());
            let start = Instant::now();
            parse(&db, file);
            cold_parse.push(start.elapsed());
            let start = Instant::now();
            // The one-shot path the command line takes.
            diagnostics = check_file_in_parallel(&db, file).diagnostics.len();
            cold_check.push(start.elapsed() + cold_parse[run]);

            // A one-line edit in the middle of the file: change a field's type.
            let edited = edit_one_line(&text, run);
            file.set_text(&mut db).to(edited);
            let start = Instant::now();
            // The editor path: one query, re-using every unchanged memo.
            check_file(&db, file);
            recheck.push(start.elapsed());
        }
        println!(
            "{path}: {} bytes, {} lines, {diagnostics} diagnostics",
            text.len(),
            text.lines().count()
        );
        println!(
            "  parse (cold, in process):          {}",
            ms(median(cold_parse))
        );
        println!(
            "  check (cold, in process):          {}",
            ms(median(cold_check))
        );
        println!(
            "  re-check after a one-line edit:    {}",
            ms(median(recheck))
        );
    }
}

/// Widens a `max: 200)` bound (a different one per run, from the middle of
/// the file on) to `max: 2000)`: a one-line edit inside one model.
fn edit_one_line(text: &str, run: usize) -> String {
    const NEEDLE: &str = "max: 200)";
    let middle = text.len() / 2;
    let mut positions: Vec<usize> = text.match_indices(NEEDLE).map(|(at, _)| at).collect();
    if positions.iter().any(|&at| at >= middle) {
        positions.retain(|&at| at >= middle);
    }
    match positions.get(run % positions.len().max(1)) {
        Some(&at) => format!("{}max: 2000){}", &text[..at], &text[at + NEEDLE.len()..]),
        None => format!("{text}\n// edited\n"),
    }
}
