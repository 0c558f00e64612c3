//! Test fixtures: a schema with a `$0` cursor marker, loaded into a fresh
//! database.

use cstack_compiler::{RootDatabase, SourceFile};

pub struct Fixture {
    pub db: RootDatabase,
    pub file: SourceFile,
    pub offset: u32,
}

/// `text` with its `$0` removed; the offset is where it was (0 without one).
pub fn fixture(text: &str) -> Fixture {
    let offset = text.find("$0").unwrap_or(0);
    let clean = text.replacen("$0", "", 1);
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "fixture.cstack".to_string(), clean);
    Fixture {
        db,
        file,
        offset: offset as u32,
    }
}

impl Fixture {
    pub fn text(&self) -> &str {
        self.file.text(&self.db)
    }

    /// The text a range covers.
    pub fn slice(&self, range: cstack_diagnostics::TextRange) -> &str {
        &self.text()[range.to_range()]
    }

    /// The text with the edits applied.
    pub fn apply(&self, edits: &[crate::TextEdit]) -> String {
        let mut text = self.text().to_string();
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for edit in edits {
            text.replace_range(edit.range.to_range(), &edit.new_text);
        }
        text
    }
}
