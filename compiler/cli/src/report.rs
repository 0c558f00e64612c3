//! The result of a check as every output format sees it: the checked files
//! with their text and diagnostics, positions in the three units the formats
//! need (1-based line, 1-based character column, byte offset), the totals and
//! the summary line. Keeping this in one place means the formats cannot
//! disagree about where a diagnostic is or how many there were.

use cstack_diagnostics::{Diagnostic, LineIndex, Severity, TextRange};
use serde::Serialize;

/// Every checked file, in the order they were found.
pub struct Report<'a> {
    pub files: Vec<CheckedFile<'a>>,
}

/// One file, borrowed from the compiler database that checked it.
pub struct CheckedFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// Sorted by position, as the compiler returns them.
    pub diagnostics: &'a [Diagnostic],
    index: LineIndex,
}

/// A point in a file. Serialised as-is in the JSON format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// A range as a start and an (exclusive) end position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl<'a> CheckedFile<'a> {
    pub fn new(path: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Self {
        Self {
            path,
            text,
            diagnostics,
            index: LineIndex::new(text),
        }
    }

    /// `range` limited to the text and to character boundaries.
    ///
    /// The compiler promises valid ranges, but a range one byte off would make
    /// codespan refuse to render and the positions meaningless; a renderer
    /// should degrade, not fail, on a compiler bug.
    pub fn clamp(&self, range: TextRange) -> TextRange {
        let start = self.floor_boundary(range.start);
        let end = self.floor_boundary(range.end).max(start);
        TextRange::new(start, end)
    }

    pub fn span(&self, range: TextRange) -> Span {
        let range = self.clamp(range);
        Span {
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    fn position(&self, offset: u32) -> Position {
        let line_col = self.index.line_col(self.text, offset);
        Position {
            line: line_col.line,
            column: line_col.column,
            offset,
        }
    }

    fn floor_boundary(&self, offset: u32) -> u32 {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset as u32
    }
}

impl Report<'_> {
    /// Every diagnostic with its file, files in order, each file's in order.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&CheckedFile<'_>, &Diagnostic)> {
        self.files.iter().flat_map(|file| {
            file.diagnostics
                .iter()
                .map(move |diagnostic| (file, diagnostic))
        })
    }

    pub fn totals(&self) -> Totals {
        let mut totals = Totals {
            files: self.files.len(),
            ..Totals::default()
        };
        for (_, diagnostic) in self.diagnostics() {
            match diagnostic.severity {
                Severity::Error => totals.errors += 1,
                Severity::Warning => totals.warnings += 1,
                Severity::Note => totals.notes += 1,
            }
        }
        totals
    }
}

impl Totals {
    /// The last line of the human and GitHub formats, for example
    /// `checked 3 files: 2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.notes, "note"),
        ]
        .into_iter()
        .filter(|&(count, _)| count > 0)
        .map(|(count, noun)| plural(count, noun))
        .collect();
        let problems = if counts.is_empty() {
            "no problems".to_owned()
        } else {
            counts.join(", ")
        };
        format!("checked {}: {problems}", plural(self.files, "file"))
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A path with `/` separators, as GitHub annotations and SARIF URIs expect
/// even when the check ran on Windows.
pub fn slash_path(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_only_what_is_there() {
        let totals = |files, errors, warnings, notes| Totals {
            files,
            errors,
            warnings,
            notes,
        };
        assert_eq!(totals(1, 0, 0, 0).summary(), "checked 1 file: no problems");
        assert_eq!(
            totals(3, 2, 1, 0).summary(),
            "checked 3 files: 2 errors, 1 warning"
        );
        assert_eq!(totals(2, 0, 0, 1).summary(), "checked 2 files: 1 note");
    }

    #[test]
    fn spans_are_one_based_and_count_characters() {
        let text = "é\nab";
        let file = CheckedFile::new("f", text, &[]);
        let span = file.span(TextRange::new(3, 5));
        assert_eq!(
            span.start,
            Position {
                line: 2,
                column: 1,
                offset: 3
            }
        );
        assert_eq!(
            span.end,
            Position {
                line: 2,
                column: 3,
                offset: 5
            }
        );
    }

    #[test]
    fn out_of_range_offsets_are_clamped_to_the_text() {
        let text = "é";
        let file = CheckedFile::new("f", text, &[]);
        // Offset 1 is inside the two-byte "é"; 9 is past the end.
        assert_eq!(file.clamp(TextRange::new(1, 9)), TextRange::new(0, 2));
    }
}
