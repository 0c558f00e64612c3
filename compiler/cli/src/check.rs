//! `cstackc check`: loads the schemas, checks each in one compiler database,
//! prints the diagnostics in the chosen format and decides the exit status.

use crate::cli::{CheckArgs, Format};
use crate::files::{self, Input};
use crate::report::{CheckedFile, Report};
use crate::{github, human, json, sarif};
use codespan_reporting::term::termcolor::StandardStream;
use cstack_compiler::{RootDatabase, SourceFile, check_file_in_parallel};
use cstack_migrate::lint;
use std::io::{self, IsTerminal, Write};

/// How a command ended; the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No errors (and no warnings under `--deny-warnings`).
    Clean,
    /// Problems were found in the schemas.
    Failed,
    /// The command could not do its job: bad usage, missing or unreadable
    /// input, or output that could not be written.
    Trouble,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Failed => 1,
            Status::Trouble => 2,
        }
    }
}

pub fn run(args: &CheckArgs) -> Status {
    let Some(inputs) = files::load_or_report(&args.paths) else {
        return Status::Trouble;
    };

    // One database for the whole run: each file is its own schema, but they
    // share the database's interning and caches. It is never dropped: the
    // process exits right after, and freeing a large schema's trees and
    // memos one by one would only delay the exit.
    let db = std::mem::ManuallyDrop::new(RootDatabase::default());
    let db: &RootDatabase = &db;
    let sources: Vec<SourceFile> = inputs
        .into_iter()
        .map(|Input { path, text }| SourceFile::new(db, path, text))
        .collect();
    // With a `migrations/` folder beside a schema, changes that would lose
    // data in the next migration are warnings too.
    let diagnostics: Vec<&[cstack_diagnostics::Diagnostic]> = sources
        .iter()
        .map(|&file| {
            check_file_in_parallel(db, file);
            let dir =
                cstack_migrate::files::migrations_dir_beside(std::path::Path::new(file.path(db)));
            let (snapshots, problems) =
                dir.as_deref().map(lint::read_snapshots).unwrap_or_default();
            for problem in problems {
                eprintln!("warning: {problem}; lossy changes are not checked against it");
            }
            let baseline = lint::MigrationBaseline::new(db, snapshots);
            lint::file_diagnostics(db, file, baseline).as_slice()
        })
        .collect();
    let report = Report {
        files: sources
            .iter()
            .zip(&diagnostics)
            .map(|(&file, diagnostics)| CheckedFile::new(file.path(db), file.text(db), diagnostics))
            .collect(),
    };

    if let Err(error) = print(args, &report) {
        // A closed pipe (`cstackc check | head`) is the reader's choice, not
        // a failure to report; the status still says what was found.
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {error}");
            return Status::Trouble;
        }
    }

    let totals = report.totals();
    if totals.errors > 0 || (args.deny_warnings && totals.warnings > 0) {
        Status::Failed
    } else {
        Status::Clean
    }
}

fn print(args: &CheckArgs, report: &Report) -> io::Result<()> {
    let render: fn(&mut dyn Write, &Report) -> io::Result<()> = match args.format {
        Format::Human => return print_human(args, report),
        Format::Json => json::render,
        Format::Github => github::render,
        Format::Sarif => sarif::render,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render(&mut out, report)?;
    out.flush()
}

fn print_human(args: &CheckArgs, report: &Report) -> io::Result<()> {
    let choice = human::color_choice(
        args.color,
        io::stdout().is_terminal(),
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    // termcolor's stream, not a plain stdout, so that colour also works on
    // Windows consoles without ANSI support.
    let stream = StandardStream::stdout(choice);
    human::render(&mut stream.lock(), report)
}
