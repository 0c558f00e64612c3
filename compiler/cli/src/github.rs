//! The `github` format: one GitHub Actions workflow command per diagnostic,
//! which the Actions runner turns into an annotation on the pull request,
//! then the summary line (which the runner shows as plain log output).
//!
//! See <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>.

use crate::report::{Report, slash_path};
use cstack_diagnostics::Severity;
use std::io::{self, Write};

pub fn render(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for (file, diagnostic) in report.diagnostics() {
        let span = file.span(diagnostic.primary.range);
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        // The annotation has room for one message, so the help goes on its
        // own line below it rather than being lost.
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&slash_path(file.path)),
            span.start.line,
            span.start.column,
            span.end.line,
            span.end.column,
            escape_property(diagnostic.code.as_str()),
            escape_data(&message),
        )?;
    }
    writeln!(out, "{}", report.totals().summary())?;
    out.flush()
}

/// Escapes the message part of a command, as the runner's own toolkit does
/// (`escapeData` in `@actions/core`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a `key=value` property; `:` and `,` would otherwise end the value
/// (`escapeProperty` in `@actions/core`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50%\r\nok: a,b"), "50%25%0D%0Aok: a,b");
        assert_eq!(escape_property("C:\\a,b%.cstack"), "C%3A\\a%2Cb%25.cstack");
    }
}
