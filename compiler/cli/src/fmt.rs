//! `cstackc fmt`: formats schemas in place (written atomically), checks that
//! they are formatted (`--check`), or formats standard input (`-`). A file
//! with syntax errors is never rewritten; its errors are reported instead.

use crate::check::Status;
use crate::cli::FmtArgs;
use crate::files::{self, Input};
use crate::human;
use crate::report::{CheckedFile, Report};
use codespan_reporting::term::termcolor::StandardStream;
use cstack_diagnostics::Diagnostic;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

pub fn run(args: &FmtArgs) -> Status {
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        if args.paths.len() > 1 {
            eprintln!("error: `-` (standard input) cannot be combined with other paths");
            return Status::Trouble;
        }
        return format_stdin(args);
    }
    let Some(inputs) = files::load_or_report(&args.paths) else {
        return Status::Trouble;
    };

    let mut status = Status::Clean;
    let mut changed = 0;
    for input in &inputs {
        match cstack_fmt::format(&input.text) {
            Ok(formatted) if formatted == input.text => {}
            Ok(formatted) => {
                changed += 1;
                if args.check {
                    println!("{}", input.path);
                    status = worse(status, Status::Failed);
                } else if let Err(error) = write_atomically(Path::new(&input.path), &formatted) {
                    eprintln!("error: cannot write `{}`: {error}", input.path);
                    status = Status::Trouble;
                }
            }
            Err(errors) => {
                report_syntax_errors(args, input, &errors);
                status = worse(status, Status::Failed);
            }
        }
    }
    let files = inputs.len();
    let noun = if files == 1 { "file" } else { "files" };
    if args.check {
        eprintln!("{changed} of {files} {noun} would be reformatted");
    } else {
        eprintln!("formatted {files} {noun}, {changed} changed");
    }
    status
}

/// Keeps the more serious of two outcomes.
fn worse(a: Status, b: Status) -> Status {
    if a.code() >= b.code() { a } else { b }
}

fn format_stdin(args: &FmtArgs) -> Status {
    let mut bytes = Vec::new();
    if let Err(error) = io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: cannot read standard input: {error}");
        return Status::Trouble;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "error: standard input is not valid UTF-8 (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            );
            return Status::Trouble;
        }
    };
    let input = Input {
        path: "<stdin>".to_string(),
        text,
    };
    match cstack_fmt::format(&input.text) {
        Ok(formatted) => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(formatted.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Status::Clean,
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Status::Clean,
                Err(error) => {
                    eprintln!("error: cannot write output: {error}");
                    Status::Trouble
                }
            }
        }
        Err(errors) => {
            report_syntax_errors(args, &input, &errors);
            Status::Failed
        }
    }
}

fn report_syntax_errors(args: &FmtArgs, input: &Input, errors: &[Diagnostic]) {
    eprintln!(
        "error: `{}` has syntax errors and was not formatted",
        input.path
    );
    let choice = human::color_choice(
        args.color,
        io::stderr().is_terminal(),
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    let report = Report {
        files: vec![CheckedFile::new(&input.path, &input.text, errors)],
    };
    let stream = StandardStream::stderr(choice);
    if let Err(error) = human::render_diagnostics(&mut stream.lock(), &report) {
        eprintln!("error: cannot write diagnostics: {error}");
    }
}

/// Writes `text` to a temporary file beside `path` and renames it over
/// `path`, so a failure leaves the original intact; the permissions of the
/// original are kept.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let mut temporary = PathBuf::from(directory);
    temporary.push(format!(
        ".{}.cstackc-fmt.{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let permissions = std::fs::metadata(path)?.permissions();
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::set_permissions(&temporary, permissions)?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
