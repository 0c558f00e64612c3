//! Finding and checking the schema a migrate command works on, and its
//! migrations folder.

use super::args::{Backend, SchemaArgs};
use crate::check::Status;
use crate::human;
use crate::report::{CheckedFile, Report};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use cstack_compiler::{Provider, RootDatabase, SourceFile, check_file_in_parallel};
use cstack_migrate::Dialect;
use std::path::{Path, PathBuf};

pub struct LoadedSchema {
    pub db: RootDatabase,
    pub file: SourceFile,
    pub dir: PathBuf,
    pub provider: Option<Provider>,
}

/// `--schema`, or the only `*.cstack` file in the current directory.
pub fn schema_path(args: &SchemaArgs) -> Result<PathBuf, String> {
    if let Some(path) = &args.schema {
        return Ok(path.clone());
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(".")
        .map_err(|e| format!("cannot read the current directory: {e}"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "cstack"))
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err("no `*.cstack` file in the current directory; pass --schema FILE".into()),
        _ => Err(format!(
            "{} `*.cstack` files in the current directory; pass --schema FILE",
            found.len()
        )),
    }
}

/// The migrations folder: `--dir`, or `migrations/` beside the schema.
pub fn migrations_dir(args: &SchemaArgs, schema: Option<&Path>) -> PathBuf {
    if let Some(dir) = &args.dir {
        return dir.clone();
    }
    schema
        .and_then(Path::parent)
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."))
        .join("migrations")
}

/// Reads and checks the schema; errors are printed, and the command exits 2.
pub fn load(args: &SchemaArgs) -> Result<LoadedSchema, Status> {
    let path = schema_path(args).map_err(|e| trouble(&e))?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| trouble(&format!("cannot read `{}`: {e}", path.display())))?;
    let db = RootDatabase::default();
    let display = path.display().to_string();
    let file = SourceFile::new(&db, display.clone(), text.clone());
    let result = check_file_in_parallel(&db, file);
    if result.has_errors() {
        let report = Report {
            files: vec![CheckedFile::new(&display, &text, &result.diagnostics)],
        };
        let mut err = StandardStream::stderr(ColorChoice::Never);
        let _ = human::render(&mut err, &report);
        eprintln!("error: the schema has errors; fix them before planning migrations");
        return Err(Status::Trouble);
    }
    let provider = cstack_compiler::schema_model(&db, file)
        .as_ref()
        .ok()
        .and_then(|m| m.provider);
    Ok(LoadedSchema {
        dir: migrations_dir(args, Some(&path)),
        db,
        file,
        provider,
    })
}

pub fn trouble(message: &str) -> Status {
    eprintln!("error: {message}");
    Status::Trouble
}

/// The backends a command works on: `--backend`, else the datasource's,
/// else PostgreSQL and SQLite.
pub fn backends(flag: Option<Backend>, provider: Option<Provider>) -> Vec<Dialect> {
    match flag {
        Some(Backend::Postgres) => vec![Dialect::Postgres],
        Some(Backend::Sqlite) => vec![Dialect::Sqlite],
        Some(Backend::Mysql) => vec![Dialect::Mysql],
        // PostgreSQL and SQLite, the two a schema without a datasource
        // targets.
        Some(Backend::Both) => vec![Dialect::Postgres, Dialect::Sqlite],
        None => match provider {
            Some(Provider::Postgresql) => vec![Dialect::Postgres],
            Some(Provider::Sqlite) => vec![Dialect::Sqlite],
            Some(Provider::Mysql) => vec![Dialect::Mysql],
            _ => vec![Dialect::Postgres, Dialect::Sqlite],
        },
    }
}

/// `--database-url`, else `DATABASE_URL`.
pub fn database_url(flag: &Option<String>) -> Option<String> {
    flag.clone()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| !u.is_empty())
}
