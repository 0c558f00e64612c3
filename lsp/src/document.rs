//! An open document: its text as a rope, edited in place by incremental
//! changes, and the version the client gave it.

use crate::convert::Encoding;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

pub struct Document {
    pub rope: Rope,
    pub version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Self {
            rope: Rope::from_str(text),
            version,
        }
    }

    /// The char index of `position` in the rope, clamped to the text.
    fn char_index(&self, position: Position, encoding: Encoding) -> usize {
        let rope = &self.rope;
        let line = position.line as usize;
        if line >= rope.len_lines() {
            return rope.len_chars();
        }
        let line_start = rope.line_to_char(line);
        let line_slice = rope.line(line);
        // The line without its break.
        let mut line_chars = line_slice.len_chars();
        while line_chars > 0 && matches!(line_slice.char(line_chars - 1), '\n' | '\r') {
            line_chars -= 1;
        }
        let column = match encoding {
            Encoding::Utf8 => {
                let line_bytes = line_slice.slice(..line_chars).len_bytes();
                let byte = (position.character as usize).min(line_bytes);
                line_slice.byte_to_char(byte)
            }
            Encoding::Utf16 => {
                let units = line_slice.slice(..line_chars).len_utf16_cu();
                let unit = (position.character as usize).min(units);
                line_slice.utf16_cu_to_char(unit)
            }
        };
        line_start + column.min(line_chars)
    }

    /// Applies the changes of one `didChange`, in order.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = self.char_index(range.start, encoding);
                    let end = self.char_index(range.end, encoding).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn change(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0.0, range.0.1),
                Position::new(range.1.0, range.1.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_either_encoding() {
        let mut doc = Document::new("model A {\n  ñ String\n}\n", 1);
        // Replace "String" (after "ñ " = 2 UTF-16 units, 3 bytes + indent).
        doc.apply(
            vec![
                change(((1, 4), (1, 10)), "Int"),
                change(((0, 6), (0, 7)), "B"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "model B {\n  ñ Int\n}\n");
        doc.apply(vec![change(((1, 5), (1, 8)), "Float")], Encoding::Utf8);
        assert_eq!(doc.text(), "model B {\n  ñ Float\n}\n");
        // Only `\n` breaks lines: a U+2028 inside a comment does not.
        let mut doc = Document::new("// a\u{2028}b\nmodel A {}\n", 1);
        doc.apply(vec![change(((1, 6), (1, 7)), "B")], Encoding::Utf16);
        assert_eq!(doc.text(), "// a\u{2028}b\nmodel B {}\n");
        let mut doc = Document::new("model B {\n  ñ Float\n}\n", 1);
        // Past the end of the text clamps.
        doc.apply(vec![change(((9, 0), (9, 0)), "x")], Encoding::Utf8);
        assert_eq!(doc.text(), "model B {\n  ñ Float\n}\nx");
    }
}
