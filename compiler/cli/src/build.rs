//! `cstackc build`: checks the schema, asks the compiler database for the
//! generated crate, and writes it (or, with `--check`, compares it).
//!
//! Writing is atomic per build: every file is first written into a staging
//! folder beside the output; a new output folder is then renamed into place
//! whole, and an existing one gets each staged file renamed over its
//! counterpart. A manifest (`.cstack-generated`) lists the files the build
//! owns, so files it no longer generates are removed and files it never
//! generated are left alone.

use crate::check::Status;
use crate::cli::{BuildArgs, BuildTarget};
use crate::human;
use crate::report::{CheckedFile, Report};
use codespan_reporting::term::termcolor::StandardStream;
use cstack_codegen::{
    BuildError, BuildOptions, BuildRequest, GeneratedFile, Migration, RuntimeDependency, Target,
    generated_crate,
};
use cstack_compiler::{RootDatabase, SourceFile, check_file, schema_model};
use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Component, Path, PathBuf};

const MANIFEST: &str = ".cstack-generated";

pub fn run(args: &BuildArgs) -> Status {
    match build(args) {
        Ok(status) => status,
        Err(message) => {
            eprintln!("error: {message}");
            Status::Trouble
        }
    }
}

fn build(args: &BuildArgs) -> Result<Status, String> {
    let text = fs::read_to_string(&args.schema)
        .map_err(|e| format!("cannot read `{}`: {e}", args.schema.display()))?;
    let db = RootDatabase::default();
    let path = args.schema.display().to_string();
    let file = SourceFile::new(&db, path.clone(), text);
    let checked = check_file(&db, file);
    if checked.has_errors() {
        print_diagnostics(args, &path, file.text(&db), &checked.diagnostics);
        return Ok(Status::Failed);
    }
    let model = schema_model(&db, file)
        .as_ref()
        .map_err(|_| "the schema has errors".to_string())?;
    let provider = model.provider;
    let options = BuildOptions {
        crate_name: crate_name(args)?,
        target: match args.target {
            Some(BuildTarget::Server) => Target::Server,
            Some(BuildTarget::Embedded) => Target::Embedded,
            Some(BuildTarget::Both) => Target::Both,
            Some(BuildTarget::Mysql) => Target::Mysql,
            Some(BuildTarget::All) => Target::All,
            None => Target::for_provider(provider),
        },
        runtime: match &args.runtime_path {
            Some(runtime) => RuntimeDependency::Path(relative_path(&args.out, runtime)?),
            None => RuntimeDependency::Version(cstack_codegen::RUNTIME_VERSION.to_string()),
        },
        migrations: read_migrations(&args.schema)?,
        source_name: args
            .schema
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
    };
    let request = BuildRequest::new(&db, options);
    let generated = match generated_crate(&db, file, request) {
        Ok(generated) => generated,
        Err(BuildError::ServerOnly(reasons)) => {
            for reason in reasons {
                eprintln!("error: {reason}; build with --target server");
            }
            return Ok(Status::Failed);
        }
        Err(BuildError::NotOnMysql(reasons)) => {
            for reason in reasons {
                eprintln!("error: {reason}; build without the MySQL target");
            }
            return Ok(Status::Failed);
        }
        Err(error) => return Err(error.to_string()),
    };
    let mut files = generated.files.clone();
    files.push(GeneratedFile {
        path: MANIFEST.to_string(),
        contents: manifest(&files),
    });
    let out = absolute(&args.out)?;
    let staging =
        stage(&out, &files).map_err(|e| format!("cannot write `{}`: {e}", args.out.display()))?;
    if args.check {
        return Ok(compare(&out, staging.path(), &files));
    }
    install(&out, staging, &files)
        .map_err(|e| format!("cannot write `{}`: {e}", args.out.display()))?;
    Ok(Status::Clean)
}

fn print_diagnostics(
    args: &BuildArgs,
    path: &str,
    text: &str,
    diagnostics: &[cstack_compiler::diagnostics::Diagnostic],
) {
    let report = Report {
        files: vec![CheckedFile::new(path, text, diagnostics)],
    };
    let choice = human::color_choice(
        args.color,
        io::stderr().is_terminal(),
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    let stream = StandardStream::stderr(choice);
    // Nothing more can be done if standard error is closed.
    let _ = human::render(&mut stream.lock(), &report);
}

/// The package name: given, or the output folder's name.
fn crate_name(args: &BuildArgs) -> Result<String, String> {
    let name = match &args.crate_name {
        Some(name) => name.clone(),
        None => args
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                format!(
                    "`{}` has no folder name; pass --crate-name",
                    args.out.display()
                )
            })?,
    };
    let valid = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name)
    } else {
        Err(format!(
            "`{name}` is not a valid package name (letters, digits, `-` and `_`, starting with a letter); pass --crate-name"
        ))
    }
}

/// `migrations/<backend>/<timestamp>_<slug>/up.sql` beside the schema, in
/// folder-name order.
fn read_migrations(schema: &Path) -> Result<Vec<Migration>, String> {
    let root = schema.parent().unwrap_or(Path::new(".")).join("migrations");
    let mut migrations = Vec::new();
    for dialect in cstack_migrate::Dialect::ALL {
        let backend = dialect.name();
        // The same reader `cstackc migrate` uses, so checksums agree.
        for found in cstack_migrate::files::load(&root.join(backend))? {
            migrations.push(Migration {
                backend: backend.to_string(),
                name: found.id,
                sql: found.up,
                pre: found.pre,
                down: found.down,
            });
        }
    }
    Ok(migrations)
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    let joined = std::path::absolute(path).map_err(|e| format!("`{}`: {e}", path.display()))?;
    // Lexically normalise `.` and `..` (the output may not exist yet).
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// `to` relative to the folder `from`, with `/` separators.
fn relative_path(from: &Path, to: &Path) -> Result<String, String> {
    if !to.join("Cargo.toml").is_file() {
        return Err(format!(
            "--runtime-path `{}` is not a crate folder",
            to.display()
        ));
    }
    let from = absolute(from)?;
    let to = absolute(to)?;
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

fn manifest(files: &[GeneratedFile]) -> String {
    let mut text = String::from(
        "# Files written by `cstackc build`; the next build replaces or removes them.\n",
    );
    for file in files {
        text.push_str(&file.path);
        text.push('\n');
    }
    text.push_str(MANIFEST);
    text.push('\n');
    text
}

/// `--check`: lists what differs from the staged build; exit 1 when
/// anything does.
fn compare(out: &Path, staged: &Path, files: &[GeneratedFile]) -> Status {
    let mut stale = Vec::new();
    for file in files {
        let wanted = fs::read(staged.join(&file.path)).ok();
        let found = fs::read(out.join(&file.path)).ok();
        if wanted.is_none() || wanted != found {
            stale.push(file.path.as_str());
        }
    }
    let owned: Vec<String> = previously_generated(out);
    for path in &owned {
        if !files.iter().any(|f| &f.path == path) && out.join(path).exists() {
            stale.push(path);
        }
    }
    if stale.is_empty() {
        return Status::Clean;
    }
    for path in stale {
        println!("would change: {}", out.join(path).display());
    }
    Status::Failed
}

fn previously_generated(out: &Path) -> Vec<String> {
    fs::read_to_string(out.join(MANIFEST))
        .map(|text| {
            text.lines()
                .filter(|line| !line.starts_with('#') && !line.is_empty())
                // Only plain relative paths: a manifest cannot point outside.
                .filter(|line| {
                    Path::new(line)
                        .components()
                        .all(|c| matches!(c, Component::Normal(_)))
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes every file into a staging folder beside `out` and formats the
/// Rust files there with `rustfmt` (one run), so the output is exactly what
/// `cargo fmt` keeps.
fn stage(out: &Path, files: &[GeneratedFile]) -> io::Result<tempfile::TempDir> {
    let parent = out
        .parent()
        .ok_or_else(|| io::Error::other("the output has no parent folder"))?;
    fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.cstack-"))
        .tempdir_in(parent)?;
    let mut rust_files = Vec::new();
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(&path, &file.contents)?;
        if file.path.ends_with(".rs") {
            rust_files.push(path);
        }
    }
    rustfmt(&rust_files);
    Ok(staging)
}

/// Formats with `rustfmt` when it is installed. The files are already
/// pretty-printed valid Rust, so without it the build still succeeds.
fn rustfmt(paths: &[PathBuf]) {
    if paths.is_empty() {
        return;
    }
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    // rustfmt given a file also formats the modules it declares, so the
    // crate root goes through standard input alone; two processes must
    // never write the same module.
    let (roots, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.ends_with("src/lib.rs"));
    for root in roots {
        if let Err(problem) = rustfmt_stdin(&rustfmt, root) {
            eprintln!("warning: {problem}; files left as pretty-printed");
            return;
        }
    }
    // One rustfmt per core, each on its share of the other files.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(workers).max(1);
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|batch| {
                let rustfmt = &rustfmt;
                scope.spawn(move || {
                    match std::process::Command::new(rustfmt)
                        .args(["--edition", "2024"])
                        .args(batch)
                        .stdin(std::process::Stdio::null())
                        .status()
                    {
                        Ok(status) if status.success() => String::new(),
                        Ok(status) => format!("rustfmt exited with {status}"),
                        Err(error) => format!("cannot run rustfmt ({error})"),
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| "rustfmt thread failed".into()))
            .collect()
    });
    if let Some(problem) = outcomes.into_iter().find(|o| !o.is_empty()) {
        eprintln!("warning: {problem}; files left as pretty-printed");
    }
}

/// Formats one file through standard input, so its modules are not touched.
fn rustfmt_stdin(rustfmt: &std::ffi::OsStr, path: &Path) -> Result<(), String> {
    use std::io::Write;
    let text = fs::read(path).map_err(|e| e.to_string())?;
    let mut child = std::process::Command::new(rustfmt)
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt ({e})"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&text).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("rustfmt exited with {}", output.status));
    }
    fs::write(path, output.stdout).map_err(|e| e.to_string())
}

fn install(out: &Path, staging: tempfile::TempDir, files: &[GeneratedFile]) -> io::Result<()> {
    if !out.exists() {
        // A new folder appears whole or not at all.
        let staged = staging.keep();
        return fs::rename(&staged, out).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staged);
        });
    }
    if !out.is_dir() {
        return Err(io::Error::other("exists and is not a folder"));
    }
    let old = previously_generated(out);
    for file in files {
        let staged = staging.path().join(&file.path);
        let target = out.join(&file.path);
        if fs::read(&staged).ok() == fs::read(&target).ok() {
            continue;
        }
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::rename(staged, &target)?;
    }
    for path in old {
        if !files.iter().any(|f| f.path == path) {
            let _ = fs::remove_file(out.join(path));
        }
    }
    Ok(())
}
