//! Whole-file formatting through the formatter.

use cstack_compiler::{Db, SourceFile};
use cstack_diagnostics::{Diagnostic, TextRange};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// One edit replacing the text with its formatted form, none when it is
/// already formatted, or the syntax errors that prevent formatting.
pub fn format_file(db: &dyn Db, file: SourceFile) -> Result<Vec<TextEdit>, Vec<Diagnostic>> {
    let text = file.text(db);
    let formatted = cstack_fmt::format(text)?;
    if &formatted == text {
        return Ok(Vec::new());
    }
    // Replace only the differing middle, so the editor keeps its cursor and
    // marks outside it.
    let prefix = text
        .bytes()
        .zip(formatted.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut prefix = prefix;
    while !text.is_char_boundary(prefix) || !formatted.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = text.len().min(formatted.len()) - prefix;
    let mut suffix = text
        .bytes()
        .rev()
        .zip(formatted.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !text.is_char_boundary(text.len() - suffix)
        || !formatted.is_char_boundary(formatted.len() - suffix)
    {
        suffix -= 1;
    }
    Ok(vec![TextEdit {
        range: TextRange::new(prefix as u32, (text.len() - suffix) as u32),
        new_text: formatted[prefix..formatted.len() - suffix].to_string(),
    }])
}
