//! Golden tests of every operation on both dialects. Each case in
//! `tests/golden/ops/<case>/` has `before.cstack` and `after.cstack`; the
//! plan (operations, classes, warnings) and the up/down SQL per dialect are
//! compared with the golden files (`UPDATE_EXPECT=1` rewrites them). A
//! lossy change's `down.sql` must refuse to run. `cstack-migrate-live`'s
//! `ops_apply` suite applies every case for real, on PostgreSQL and SQLite.

mod support;

use cstack_migrate::plan::render_steps;
use cstack_migrate::{Dialect, Risk, lower, plan};
use std::path::{Path, PathBuf};
use support::{golden, model};

fn cases() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ops");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("after.cstack").is_file())
        .collect();
    cases.sort();
    cases
}

fn schema(path: &Path) -> cstack_compiler::SchemaModel {
    match std::fs::read_to_string(path) {
        Ok(text) => model(&text),
        Err(_) => model(""),
    }
}

#[test]
fn every_operation_matches_its_golden_sql() {
    let mut errors = Vec::new();
    let all = cases();
    assert!(all.len() >= 15, "only {} cases", all.len());
    for case in all {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let before = schema(&case.join("before.cstack"));
        let after = schema(&case.join("after.cstack"));
        let mut summary = String::new();
        for dialect in Dialect::ALL {
            let prev = lower(&before, dialect).schema;
            let next = lower(&after, dialect).schema;
            let plan = plan(&prev, &next, dialect);
            summary.push_str(&format!("# {dialect}\n"));
            for op in &plan.ops {
                summary.push_str(&format!("{:8} {}\n", op.risk().name(), op.describe()));
            }
            for warning in &plan.warnings {
                summary.push_str(&format!("warning  {warning}\n"));
            }
            if let Some(pre) = &plan.pre {
                summary.push_str(&format!("up.pre.sql:\n{pre}"));
            }
            let up = render_steps(&plan.up);
            let down = render_steps(&plan.down);
            for (file, text) in [("up", &up), ("down", &down)] {
                let path = case.join(format!("{}.{file}.sql", dialect.name()));
                if let Err(e) = golden::check(&path, text) {
                    errors.push(e);
                }
            }
            if plan.risk() == Risk::Lossy && !down.contains("cannot be reverted") {
                errors.push(format!("{name} {dialect}: a lossy down must fail"));
            }
        }
        if let Err(e) = golden::check(&case.join("plan.txt"), &summary) {
            errors.push(e);
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}
