//! Conversions between the compiler's byte offsets and LSP positions, in the
//! negotiated encoding (UTF-8 code units or UTF-16 code units), and from the
//! compiler's diagnostics to LSP diagnostics.

use cstack_diagnostics::{Diagnostic, LineIndex, Severity, TextRange};
use tower_lsp_server::ls_types::{self as lsp, Position, Uri};

/// How LSP `character` offsets count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// One revision's text with its line index: what positions convert against.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Lines<'_> {
    /// The byte offset of `position`, clamped to the line and the text.
    pub fn offset(&self, position: Position) -> u32 {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len() as u32;
        }
        let range = self.index.line_range(line, self.text);
        let line_text = &self.text[range.to_range()];
        let column = match self.encoding {
            Encoding::Utf8 => {
                let mut column = (position.character as usize).min(line_text.len());
                while !line_text.is_char_boundary(column) {
                    column -= 1;
                }
                column
            }
            Encoding::Utf16 => {
                let mut units = 0usize;
                let mut bytes = line_text.len();
                for (index, c) in line_text.char_indices() {
                    if units >= position.character as usize {
                        bytes = index;
                        break;
                    }
                    units += c.len_utf16();
                }
                bytes
            }
        };
        range.start + column as u32
    }

    pub fn position(&self, offset: u32) -> Position {
        let offset = offset.min(self.text.len() as u32);
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line) as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &self.text[start..end.max(start)];
        let character = match self.encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, range: TextRange) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    pub fn text_range(&self, range: lsp::Range) -> TextRange {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        TextRange::new(start, end)
    }
}

/// A compiler diagnostic as LSP shows it: code, severity, related
/// information from the secondary labels, help appended to the message.
pub fn diagnostic(lines: &Lines<'_>, uri: &Uri, diagnostic: &Diagnostic) -> lsp::Diagnostic {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .secondary
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(label.range)),
            message: if label.message.is_empty() {
                "related".to_string()
            } else {
                label.message.clone()
            },
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.primary.range),
        severity: Some(match diagnostic.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(
            diagnostic.code.as_str().to_string(),
        )),
        code_description: None,
        source: Some("cstack".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_round_trip() {
        let text = "ab\ncafé 😀 x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        let utf16 = Lines {
            text,
            index: &index,
            encoding: Encoding::Utf16,
        };
        let utf8 = Lines {
            text,
            index: &index,
            encoding: Encoding::Utf8,
        };
        assert_eq!(utf16.position(x), Position::new(1, 8));
        assert_eq!(utf8.position(x), Position::new(1, 11));
        assert_eq!(utf16.offset(Position::new(1, 8)), x);
        assert_eq!(utf8.offset(Position::new(1, 11)), x);
        // Past the end of a line clamps to the line end.
        assert_eq!(utf8.offset(Position::new(0, 99)), 2);
        assert_eq!(utf8.offset(Position::new(9, 0)), text.len() as u32);
    }
}
