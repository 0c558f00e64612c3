//! The default, human-readable format: each diagnostic rendered by
//! codespan-reporting as an annotated source snippet, then the summary line.
//! Also owns the decision whether to colour.

use crate::cli::ColorWhen;
use crate::report::Report;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::{self, SimpleFiles};
use codespan_reporting::term::termcolor::{ColorChoice, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io;

/// Whether to colour, decided here rather than by termcolor's `Auto`:
/// termcolor's `Auto` does not check for a terminal and treats an empty
/// `NO_COLOR` as set, where <https://no-color.org> says empty means unset.
pub fn color_choice(
    when: ColorWhen,
    is_terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> ColorChoice {
    let wanted = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
        }
    };
    if wanted {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    }
}

/// Renders every diagnostic of `report`, then the summary line.
pub fn render(out: &mut dyn WriteColor, report: &Report) -> io::Result<()> {
    render_diagnostics(out, report)?;
    writeln!(out, "{}", report.totals().summary())?;
    out.flush()
}

/// Renders every diagnostic of `report` as an annotated snippet.
pub fn render_diagnostics(out: &mut dyn WriteColor, report: &Report) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = report
        .files
        .iter()
        .map(|file| files.add(file.path, file.text))
        .collect();
    let config = Config::default();
    for (id, file) in ids.iter().zip(&report.files) {
        for diagnostic in file.diagnostics {
            let primary = Label::primary(*id, file.clamp(diagnostic.primary.range).to_range())
                .with_message(&diagnostic.primary.message);
            let secondary = diagnostic.secondary.iter().map(|label| {
                Label::secondary(*id, file.clamp(label.range).to_range())
                    .with_message(&label.message)
            });
            let rendered = Diagnostic::new(severity(diagnostic.severity))
                .with_code(diagnostic.code.as_str())
                .with_message(&diagnostic.message)
                .with_labels(std::iter::once(primary).chain(secondary).collect())
                .with_notes(
                    diagnostic
                        .help
                        .iter()
                        .map(|help| format!("help: {help}"))
                        .collect(),
                );
            term::emit_to_write_style(out, &config, &files, &rendered).map_err(into_io)?;
        }
    }
    Ok(())
}

fn severity(severity: cstack_diagnostics::Severity) -> Severity {
    match severity {
        cstack_diagnostics::Severity::Error => Severity::Error,
        cstack_diagnostics::Severity::Warning => Severity::Warning,
        cstack_diagnostics::Severity::Note => Severity::Note,
    }
}

/// codespan fails either on I/O or on a range outside its file; ranges are
/// clamped beforehand, so in practice only I/O errors reach here.
fn into_io(error: files::Error) -> io::Error {
    match error {
        files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::CheckedFile;
    use codespan_reporting::term::termcolor::Buffer;
    use cstack_diagnostics::{Code, Label as CsLabel, TextRange};

    #[test]
    fn auto_colours_only_terminals_without_no_color() {
        let auto = |tty, no_color, term| color_choice(ColorWhen::Auto, tty, no_color, term);
        assert_eq!(auto(true, None, Some("xterm")), ColorChoice::Always);
        assert_eq!(auto(true, Some(""), None), ColorChoice::Always);
        assert_eq!(auto(true, Some("1"), None), ColorChoice::Never);
        assert_eq!(auto(true, None, Some("dumb")), ColorChoice::Never);
        assert_eq!(auto(false, None, None), ColorChoice::Never);
        assert_eq!(
            color_choice(ColorWhen::Always, false, Some("1"), None),
            ColorChoice::Always
        );
        assert_eq!(
            color_choice(ColorWhen::Never, true, None, None),
            ColorChoice::Never
        );
    }

    #[test]
    fn renders_code_labels_help_and_summary() {
        let text = "model A {\n  x Strin\n}\n";
        let at = text.find("Strin").unwrap() as u32;
        let diagnostics = [cstack_diagnostics::Diagnostic::error(
            Code::UnknownType,
            "unknown type `Strin`",
            TextRange::new(at, at + 5),
        )
        .with_label("not a type")
        .with_secondary(CsLabel::new(TextRange::new(6, 7), "in this model"))
        .with_help("did you mean `String`?")];
        let report = Report {
            files: vec![CheckedFile::new("a.cstack", text, &diagnostics)],
        };
        let mut out = Buffer::no_color();
        render(&mut out, &report).unwrap();
        let out = String::from_utf8(out.into_inner()).unwrap();
        assert!(out.contains("error[E1006]: unknown type `Strin`"), "{out}");
        assert!(out.contains("a.cstack:2:5"), "{out}");
        assert!(out.contains("not a type"), "{out}");
        assert!(out.contains("in this model"), "{out}");
        assert!(out.contains("help: did you mean `String`?"), "{out}");
        assert!(out.ends_with("checked 1 file: 1 error\n"), "{out}");
    }
}
