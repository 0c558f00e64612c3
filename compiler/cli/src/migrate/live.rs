//! The commands that talk to databases: apply, status, verify and drift.
//! They are `async` (the database clients are); [`block_on`] runs one on a
//! runtime of its own.

use super::args::{
    Backend, DatabaseArgs, DriftArgs, HashArgs, OutputFormat, SchemaArgs, VerifyArgs,
};
use super::print_json;
use super::schema::{backends, database_url, load, migrations_dir, schema_path, trouble};
use crate::check::Status;
use cstack_migrate::{Dialect, files, physical_schema};
use cstack_migrate_live::db::{Access, Connection, dialect_of};
use cstack_migrate_live::runner::{self, State};
use cstack_migrate_live::spawner::default_spawner;
use cstack_migrate_live::workflow;
use serde_json::json;
use std::future::Future;
use std::path::PathBuf;

/// Runs a command on a single-threaded runtime built for it.
pub fn block_on(command: impl Future<Output = Status>) -> Status {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(command),
        Err(e) => trouble(&format!("cannot start the async runtime: {e}")),
    }
}

/// The migrations folder without needing a valid schema.
fn folder(args: &SchemaArgs) -> Result<PathBuf, String> {
    if args.dir.is_some() {
        return Ok(migrations_dir(args, None));
    }
    let schema = schema_path(args)?;
    Ok(migrations_dir(args, Some(&schema)))
}

fn url_and_migrations(
    args: &DatabaseArgs,
) -> Result<(String, Dialect, Vec<files::Migration>, PathBuf), Status> {
    let Some(url) = database_url(&args.database_url) else {
        return Err(trouble("pass --database-url URL or set DATABASE_URL"));
    };
    let dialect = dialect_of(&url).map_err(|e| trouble(&e))?;
    let dir = folder(&args.schema).map_err(|e| trouble(&e))?;
    let backend = files::backend_dir(&dir, dialect);
    let migrations = files::load(&backend).map_err(|e| trouble(&e))?;
    Ok((url, dialect, migrations, backend))
}

pub async fn apply(args: &DatabaseArgs) -> Status {
    let (url, _, migrations, backend) = match url_and_migrations(args) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let problems = files::check_sum(&backend, &migrations);
    if !problems.is_empty() {
        eprintln!("error: the migrations history does not match cstack.sum; nothing applied:");
        for p in &problems {
            eprintln!("  {p}");
        }
        return Status::Failed;
    }
    let handle = match runner::open(&url).await {
        Ok(handle) => handle,
        Err(e) => return trouble(&e),
    };
    let result = runner::apply_on(&handle, &migrations, None).await;
    if let Some(pool) = handle.pg_pool() {
        pool.close().await;
    }
    match args.schema.format {
        OutputFormat::Json => print_json(&match &result {
            Ok(report) => json!({ "ok": true, "applied": report.applied }),
            Err(e) => json!({ "ok": false, "error": e }),
        }),
        OutputFormat::Human => match &result {
            Ok(report) if report.applied.is_empty() => println!("nothing to apply"),
            Ok(report) => {
                for id in &report.applied {
                    println!("applied {id}");
                }
            }
            Err(e) => eprintln!("error: {e}"),
        },
    }
    if result.is_ok() {
        Status::Clean
    } else {
        Status::Failed
    }
}

pub async fn status(args: &DatabaseArgs) -> Status {
    let (url, _, migrations, _) = match url_and_migrations(args) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut conn = match Connection::open(&url, Access::ReadOnly).await {
        Ok(c) => c,
        Err(e) => return trouble(&e),
    };
    let rows = runner::applied(&mut conn).await;
    conn.close().await;
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => return trouble(&e),
    };
    let statuses = runner::status(&rows, &migrations);
    let clean = statuses.iter().all(|s| s.state == State::Applied);
    match args.schema.format {
        OutputFormat::Json => print_json(&json!({ "clean": clean, "migrations": statuses })),
        OutputFormat::Human => {
            for s in &statuses {
                let state = match &s.state {
                    State::Applied => "applied".to_string(),
                    State::Pending => "pending".to_string(),
                    State::Partial { steps_done, steps } => {
                        format!("partial ({steps_done} of {steps} steps; run apply to resume)")
                    }
                    State::Tampered => "tampered (changed after it was applied)".to_string(),
                    State::Missing => "missing from the folder".to_string(),
                };
                println!("{}  {state}", s.id);
            }
            if statuses.is_empty() {
                println!("no migrations");
            }
        }
    }
    if clean { Status::Clean } else { Status::Failed }
}

fn scratch_url(flag: &Option<String>) -> Option<String> {
    flag.clone()
        .or_else(|| std::env::var("CSTACK_SCRATCH_DATABASE_URL").ok())
        .filter(|u| !u.is_empty())
}

pub async fn verify(args: &VerifyArgs) -> Status {
    let schema = match load(&args.schema) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let scratch = scratch_url(&args.scratch_url);
    let fallback = database_url(&args.database_url);
    let mut reports = Vec::new();
    for dialect in backends(args.backend, schema.provider) {
        let spawner = match default_spawner(dialect, scratch.as_deref(), fallback.as_deref()) {
            Ok(s) => s,
            Err(e) => return trouble(&e),
        };
        let current = physical_schema(&schema.db, schema.file, dialect)
            .as_ref()
            .ok()
            .map(|l| &**l);
        match workflow::verify(&schema.dir, dialect, spawner.as_ref(), current).await {
            Ok(report) => reports.push((dialect, spawner.describe(), report)),
            Err(e) => return trouble(&format!("{dialect}: {e}")),
        }
    }
    let clean = reports.iter().all(|(_, _, r)| r.is_clean());
    match args.schema.format {
        OutputFormat::Json => print_json(&json!({
            "clean": clean,
            "backends": reports.iter().map(|(d, scratch, r)| json!({
                "backend": d.name(),
                "scratch": scratch,
                "clean": r.is_clean(),
                "report": r,
            })).collect::<Vec<_>>(),
        })),
        OutputFormat::Human => {
            for (dialect, scratch, r) in &reports {
                println!(
                    "{dialect}: replayed {} migrations on {scratch}: {}",
                    r.migrations,
                    if r.is_clean() { "clean" } else { "NOT clean" }
                );
                for p in &r.checksum_problems {
                    println!("  history: {p}");
                }
                if r.schema_ahead_of_snapshot {
                    println!(
                        "  the schema has changes no migration holds; run `cstackc migrate diff`"
                    );
                }
                for d in &r.differences {
                    println!("  {}", d.describe());
                }
            }
        }
    }
    if clean { Status::Clean } else { Status::Failed }
}

pub async fn drift(args: &DriftArgs) -> Status {
    let Some(url) = database_url(&args.database_url) else {
        return trouble("pass --database-url URL or set DATABASE_URL");
    };
    let dialect = match dialect_of(&url) {
        Ok(d) => d,
        Err(e) => return trouble(&e),
    };
    let dir = match folder(&args.schema) {
        Ok(d) => d,
        Err(e) => return trouble(&e),
    };
    // The live server may host the scratch database, never the live one.
    let fallback = match dialect {
        Dialect::Postgres => Some(cstack_migrate_live::spawner::with_database(
            &url, "postgres",
        )),
        // A scratch database of its own on the same server, created with
        // the URL's credentials.
        Dialect::Mysql => Some(url.clone()),
        Dialect::Sqlite => None,
    };
    let spawner = match default_spawner(
        dialect,
        scratch_url(&args.scratch_url).as_deref(),
        fallback.as_deref(),
    ) {
        Ok(s) => s,
        Err(e) => return trouble(&e),
    };
    let report = match workflow::drift(&url, &dir, spawner.as_ref()).await {
        Ok(r) => r,
        Err(e) => return trouble(&e),
    };
    match args.schema.format {
        OutputFormat::Json => print_json(&json!({
            "clean": report.is_clean(),
            "report": report,
        })),
        OutputFormat::Human => {
            println!(
                "{} applied, {} pending: {}",
                report.applied.len(),
                report.pending.len(),
                if report.is_clean() {
                    "no drift"
                } else {
                    "DRIFT"
                }
            );
            for p in &report.history_problems {
                println!("  history: {p}");
            }
            for d in &report.differences {
                println!("  {}", d.describe());
            }
        }
    }
    if report.is_clean() {
        Status::Clean
    } else {
        Status::Failed
    }
}

pub fn hash(args: &HashArgs) -> Status {
    let dir = match folder(&args.schema) {
        Ok(d) => d,
        Err(e) => return trouble(&e),
    };
    let dialects: Vec<Dialect> = match args.backend {
        Some(Backend::Postgres) => vec![Dialect::Postgres],
        Some(Backend::Sqlite) => vec![Dialect::Sqlite],
        Some(Backend::Mysql) => vec![Dialect::Mysql],
        _ => Dialect::ALL
            .into_iter()
            .filter(|d| files::backend_dir(&dir, *d).is_dir())
            .collect(),
    };
    let mut written = Vec::new();
    for dialect in dialects {
        let backend = files::backend_dir(&dir, dialect);
        let migrations = match files::load(&backend) {
            Ok(m) => m,
            Err(e) => return trouble(&e),
        };
        let path = backend.join(files::SUM_FILE);
        if let Err(e) = std::fs::write(&path, files::sum_text(&migrations)) {
            return trouble(&format!("cannot write {}: {e}", path.display()));
        }
        written.push(path.display().to_string());
    }
    match args.schema.format {
        OutputFormat::Json => print_json(&json!({ "written": written })),
        OutputFormat::Human => {
            for path in &written {
                println!("wrote {path}");
            }
        }
    }
    Status::Clean
}
