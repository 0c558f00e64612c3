//! `cstackc migrate diff`: plans the next migration of each backend and
//! writes it, or nothing at all when any backend cannot be written.

use super::args::{DiffArgs, OutputFormat};
use super::print_json;
use super::schema::{backends, load, trouble};
use crate::check::Status;
use cstack_migrate::files;
use cstack_migrate::files::{BackendPlan, plan_backend};
use cstack_migrate::plan::render_steps;
use cstack_migrate::{Risk, physical_schema};
use serde_json::json;
use std::io::Write;

pub fn run(args: &DiffArgs) -> Status {
    let schema = match load(&args.schema) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let mut plans: Vec<(BackendPlan, Vec<String>)> = Vec::new();
    for dialect in backends(args.backend, schema.provider) {
        let Ok(lowered) = physical_schema(&schema.db, schema.file, dialect) else {
            return trouble("the schema has errors");
        };
        let backend = files::backend_dir(&schema.dir, dialect);
        let migrations = match files::load(&backend) {
            Ok(m) => m,
            Err(e) => return trouble(&e),
        };
        let problems = files::check_sum(&backend, &migrations);
        if !problems.is_empty() {
            eprintln!("error: the {dialect} migrations history does not match cstack.sum:");
            for p in problems {
                eprintln!("  {p}");
            }
            return Status::Failed;
        }
        let notes: Vec<String> = lowered
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.subject, n.message))
            .collect();
        match plan_backend(lowered, &schema.dir, dialect) {
            Ok(plan) => plans.push((plan, notes)),
            Err(e) => return trouble(&e),
        }
    }
    let lossy = plans.iter().any(|(p, _)| p.plan.risk() == Risk::Lossy);
    let blocked = lossy && !args.allow_destructive;
    let changes = plans.iter().any(|(p, _)| !p.plan.is_empty());
    let write = changes && !blocked && !args.dry_run && !args.check;
    let mut written = Vec::new();
    if write {
        match write_all(&schema.dir, &args.name, &plans) {
            Ok(paths) => written = paths,
            Err(e) => return trouble(&e),
        }
    }
    match args.schema.format {
        OutputFormat::Json => {
            let backends: Vec<serde_json::Value> = plans
                .iter()
                .map(|(p, notes)| {
                    json!({
                        "backend": p.dialect.name(),
                        "risk": p.plan.risk().name(),
                        "operations": p.plan.ops.iter().map(|op| json!({
                            "risk": op.risk().name(),
                            "description": op.describe(),
                            "operation": op,
                        })).collect::<Vec<_>>(),
                        "warnings": p.plan.warnings,
                        "notes": notes,
                        "up": render_steps(&p.plan.up),
                        "down": render_steps(&p.plan.down),
                        "pre": p.plan.pre,
                    })
                })
                .collect();
            print_json(&json!({
                "changes": changes,
                "blocked_by_lossy_changes": blocked,
                "written": written,
                "backends": backends,
            }));
        }
        OutputFormat::Human => {
            // One buffered lock for the whole listing: a plan of thousands
            // of operations would otherwise cost a write call per line.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (p, notes) in &plans {
                if p.plan.is_empty() {
                    let _ = writeln!(out, "{}: no changes", p.dialect);
                    continue;
                }
                let _ = writeln!(out, "{}: {} operations", p.dialect, p.plan.ops.len());
                for op in &p.plan.ops {
                    let _ = writeln!(out, "  [{}] {}", op.risk().name(), op.describe());
                }
                for w in &p.plan.warnings {
                    let _ = writeln!(out, "  warning: {w}");
                }
                for n in notes {
                    let _ = writeln!(out, "  note: {n}");
                }
                if let Some(pre) = &p.plan.pre {
                    let _ = writeln!(out, "  up.pre.sql scaffold:\n{pre}");
                }
                if args.dry_run {
                    let _ = writeln!(out, "-- up.sql\n{}", render_steps(&p.plan.up));
                    let _ = writeln!(out, "-- down.sql\n{}", render_steps(&p.plan.down));
                }
            }
            for path in &written {
                let _ = writeln!(out, "wrote {path}");
            }
            let _ = out.flush();
            if blocked {
                eprintln!(
                    "error: the migration loses data (see [lossy] above); nothing was written. \
                     Add `@rename(from = ...)` where something was renamed, or pass \
                     --allow-destructive"
                );
            }
        }
    }
    // The process exits next; freeing a large schema's database and plans
    // one node at a time would only delay that.
    std::mem::forget(schema);
    std::mem::forget(plans);
    if blocked || (args.check && changes) {
        Status::Failed
    } else {
        Status::Clean
    }
}

/// Writes every backend's migration, or none: a failure removes what the
/// earlier backends wrote and restores their snapshot and sum files.
fn write_all(
    dir: &std::path::Path,
    name: &str,
    plans: &[(BackendPlan, Vec<String>)],
) -> Result<Vec<String>, String> {
    let mut done: Vec<(
        std::path::PathBuf,
        std::path::PathBuf,
        Option<String>,
        Option<String>,
    )> = Vec::new();
    let now = std::time::SystemTime::now();
    for (p, _) in plans {
        if p.plan.is_empty() {
            continue;
        }
        let backend = files::backend_dir(dir, p.dialect);
        let existing = files::load(&backend)?;
        let id = files::next_id(&existing, name, now);
        let old_snapshot = std::fs::read_to_string(backend.join(files::SNAPSHOT_FILE)).ok();
        let old_sum = std::fs::read_to_string(backend.join(files::SUM_FILE)).ok();
        match files::write(&backend, &id, &p.plan, &p.next) {
            Ok(path) => done.push((backend, path, old_snapshot, old_sum)),
            Err(e) => {
                for (backend, path, snapshot, sum) in done {
                    let _ = std::fs::remove_dir_all(&path);
                    restore(&backend.join(files::SNAPSHOT_FILE), snapshot);
                    restore(&backend.join(files::SUM_FILE), sum);
                }
                return Err(e);
            }
        }
    }
    Ok(done
        .into_iter()
        .map(|(_, path, _, _)| path.display().to_string())
        .collect())
}

fn restore(path: &std::path::Path, text: Option<String>) {
    match text {
        Some(text) => {
            let _ = std::fs::write(path, text);
        }
        None => {
            let _ = std::fs::remove_file(path);
        }
    }
}
