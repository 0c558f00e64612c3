//! The `json` format: exactly one JSON object on stdout, for tools.
//!
//! Shape (a public contract):
//! `{"files", "errors", "warnings", "diagnostics": [{"file", "severity",
//! "code", "message", "start", "end", "labels": [{"message", "start",
//! "end"}], "help", "fix"}]}`, where positions are `{"line", "column",
//! "offset"}` with 1-based lines, 1-based columns counted in characters and
//! byte offsets. `start`/`end` are the primary label's range (end
//! exclusive). `labels` holds every label, the primary one first (always,
//! even when its message is empty, so `labels[0]` is always the primary),
//! then the secondary ones in order. `fix` is `null`, or the change that
//! resolves the diagnostic: `{"title", "edits": [{"start", "end", "text"}]}`,
//! each edit replacing `start..end` (empty to insert) with `text`.

use crate::report::{CheckedFile, Position, Report};
use cstack_diagnostics::{Diagnostic, Fix, Label};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    start: Position,
    end: Position,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: Position,
    end: Position,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    start: Position,
    end: Position,
}

pub fn render(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let totals = report.totals();
    let json = JsonReport {
        files: totals.files,
        errors: totals.errors,
        warnings: totals.warnings,
        diagnostics: report
            .diagnostics()
            .map(|(file, diagnostic)| json_diagnostic(file, diagnostic))
            .collect(),
    };
    // Compact, on one line: consumers parse it, and one line per run keeps
    // it greppable in CI logs.
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)?;
    out.flush()
}

fn json_diagnostic<'a>(file: &CheckedFile<'a>, diagnostic: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let span = file.span(diagnostic.primary.range);
    JsonDiagnostic {
        file: file.path,
        severity: diagnostic.severity.as_str(),
        code: diagnostic.code.as_str(),
        message: &diagnostic.message,
        start: span.start,
        end: span.end,
        labels: diagnostic
            .labels()
            .map(|label| json_label(file, label))
            .collect(),
        help: diagnostic.help.as_deref(),
        fix: diagnostic.fix.as_ref().map(|fix| json_fix(file, fix)),
    }
}

fn json_fix<'a>(file: &CheckedFile<'_>, fix: &'a Fix) -> JsonFix<'a> {
    JsonFix {
        title: &fix.title,
        edits: fix
            .edits
            .iter()
            .map(|edit| {
                let span = file.span(edit.range);
                JsonEdit {
                    start: span.start,
                    end: span.end,
                    text: &edit.new_text,
                }
            })
            .collect(),
    }
}

fn json_label<'a>(file: &CheckedFile<'_>, label: &'a Label) -> JsonLabel<'a> {
    let span = file.span(label.range);
    JsonLabel {
        message: &label.message,
        start: span.start,
        end: span.end,
    }
}
