//! Golden tests of every operation on both dialects. Each case in
//! `tests/golden/ops/<case>/` has `before.cstack` and `after.cstack`; the
//! plan (operations, classes, warnings) and the up/down SQL per dialect are
//! compared with the golden files (`UPDATE_EXPECT=1` rewrites them). Each
//! migration is also applied for real, on PostgreSQL and SQLite: after `up`
//! the database must equal one built from scratch for `after`, and after
//! `down` (when the change is reversible) one built for `before`.

mod support;

use cstack_migrate::db::{Access, Connection};
use cstack_migrate::introspect::{compare, introspect};
use cstack_migrate::plan::render_steps;
use cstack_migrate::{Dialect, Risk, create_statements, lower, plan, script};
use std::path::{Path, PathBuf};
use support::{ScratchDatabase, golden, model};

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

fn fresh(dialect: Dialect, scratch: &ScratchDatabase) -> Connection {
    match dialect {
        Dialect::Postgres => {
            let mut conn = Connection::open(&scratch.url, Access::ReadWrite).unwrap();
            conn.batch("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
                .unwrap();
            conn
        }
        Dialect::Sqlite => Connection::open("sqlite::memory:", Access::ReadWrite).unwrap(),
    }
}

fn run(conn: &mut Connection, steps: &[cstack_migrate::Step]) -> Result<(), String> {
    let migration = cstack_migrate::files::Migration {
        id: "1_case".into(),
        up: render_steps(steps),
        down: None,
        pre: None,
    };
    cstack_migrate::runner::apply(conn, &[migration], None).map(|_| ())
}

#[test]
fn every_operation_matches_its_golden_sql_and_applies() {
    let scratch = ScratchDatabase::new("ops");
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
            // Apply: before from scratch, then up; compare with after.
            let mut conn = fresh(dialect, &scratch);
            if let Err(e) = conn.batch(&script(&create_statements(&prev, dialect))) {
                errors.push(format!("{name} {dialect}: before does not build: {e}"));
                continue;
            }
            if let Err(e) = run(&mut conn, &plan.up) {
                errors.push(format!("{name} {dialect}: up failed: {e}\n{up}"));
                continue;
            }
            let migrated = introspect(&mut conn).unwrap();
            let mut reference = fresh(dialect, &scratch);
            reference
                .batch(&script(&create_statements(&next, dialect)))
                .unwrap();
            let expected = introspect(&mut reference).unwrap();
            let differences = compare(&expected, &migrated);
            if !differences.is_empty() {
                let lines: Vec<String> = differences.iter().map(|d| d.describe()).collect();
                errors.push(format!(
                    "{name} {dialect}: after up the database differs:\n{}\n{up}",
                    lines.join("\n")
                ));
            }
            if plan.risk() != Risk::Lossy {
                let mut conn = fresh(dialect, &scratch);
                conn.batch(&script(&create_statements(&next, dialect)))
                    .unwrap();
                if let Err(e) = run(&mut conn, &plan.down) {
                    errors.push(format!("{name} {dialect}: down failed: {e}\n{down}"));
                    continue;
                }
                let mut reference = fresh(dialect, &scratch);
                reference
                    .batch(&script(&create_statements(&prev, dialect)))
                    .unwrap();
                let differences = compare(
                    &introspect(&mut reference).unwrap(),
                    &introspect(&mut conn).unwrap(),
                );
                if !differences.is_empty() {
                    let lines: Vec<String> = differences.iter().map(|d| d.describe()).collect();
                    errors.push(format!(
                        "{name} {dialect}: after down the database differs:\n{}\n{down}",
                        lines.join("\n")
                    ));
                }
            } else if !down.contains("cannot be reverted") {
                errors.push(format!("{name} {dialect}: a lossy down must fail"));
            }
        }
        if let Err(e) = golden::check(&case.join("plan.txt"), &summary) {
            errors.push(e);
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}
