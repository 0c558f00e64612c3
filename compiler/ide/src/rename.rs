//! Rename: every occurrence of a declaration or member, plus the
//! `@rename(from = "old")` / `@@rename(from = "Old")` a stored model or
//! field needs so a migration renames in place and keeps the data.

use crate::format::TextEdit;
use crate::index::{Symbol, occurrences_of, resolve};
use crate::navigation::symbol_at;
use cstack_compiler::{Db, SourceFile};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::DeclKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    NothingToRename,
    InvalidName(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NothingToRename => {
                f.write_str("there is no declaration, field, variant or input here to rename")
            }
            RenameError::InvalidName(name) => write!(f, "`{name}` is not a valid name"),
        }
    }
}

/// The name under `offset` that can be renamed, and its current text.
pub fn prepare_rename(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
) -> Result<(TextRange, String), RenameError> {
    let (symbol, range) = symbol_at(db, file, offset).ok_or(RenameError::NothingToRename)?;
    resolve(db, file, &symbol).ok_or(RenameError::NothingToRename)?;
    Ok((range, symbol.name().to_string()))
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The edits renaming the name under `offset` to `new_name`.
pub fn rename(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
    new_name: &str,
) -> Result<Vec<TextEdit>, RenameError> {
    if !is_identifier(new_name) {
        return Err(RenameError::InvalidName(new_name.to_string()));
    }
    let (symbol, _) = symbol_at(db, file, offset).ok_or(RenameError::NothingToRename)?;
    let definition = resolve(db, file, &symbol).ok_or(RenameError::NothingToRename)?;
    let mut edits: Vec<TextEdit> = occurrences_of(db, file, &symbol)
        .into_iter()
        .map(|(range, _)| TextEdit {
            range,
            new_text: new_name.to_string(),
        })
        .collect();
    let syntax = definition.decl.syntax(db);
    let base = definition.decl.offset(db);
    let text = file.text(db);
    match &symbol {
        Symbol::Decl(old)
            if syntax.kind == DeclKind::Model
                && syntax.block_attributes_named("rename").next().is_none() =>
        {
            // At the end of the line of the body's opening brace.
            if let Some(body) = syntax.body {
                let open = (base + body.start + 1) as usize;
                let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
                edits.push(TextEdit {
                    range: TextRange::empty(line_end as u32),
                    new_text: format!("\n  @@rename(from = \"{}\")", old.name),
                });
            }
        }
        Symbol::Member { member: old, .. }
            if matches!(syntax.kind, DeclKind::Model | DeclKind::Mixin) =>
        {
            if let Some(field) = syntax.field(old)
                && !field.has_attribute("rename")
            {
                edits.push(TextEdit {
                    range: TextRange::empty(base + field.range.end),
                    new_text: format!(" @rename(from = \"{old}\")"),
                });
            }
        }
        _ => {}
    }
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    Ok(edits)
}
