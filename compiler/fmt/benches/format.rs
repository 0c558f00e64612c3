//! Benchmark of the formatter: the median time to format a schema from its
//! text (parse and format), as `cstackc fmt` and format-on-save do.
//!
//! `cargo bench -p cstack-fmt --bench format -- FILE...`; without files it
//! formats the example schema.

use std::time::{Duration, Instant};

const RUNS: usize = 11;

fn main() {
    let mut paths: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if paths.is_empty() {
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/blog.cstack").to_string());
    }
    for path in paths {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut samples: Vec<Duration> = Vec::new();
        let mut changed = false;
        for _ in 0..RUNS {
            let start = Instant::now();
            let formatted = cstack_fmt::format(&text).expect("the schema has no syntax errors");
            samples.push(start.elapsed());
            changed = formatted != text;
        }
        samples.sort();
        println!(
            "{path}: {} bytes; format (parse and print): {:.2} ms median, {:.2} ms min{}",
            text.len(),
            samples[RUNS / 2].as_secs_f64() * 1000.0,
            samples[0].as_secs_f64() * 1000.0,
            if changed { "" } else { " (already formatted)" }
        );
    }
}
