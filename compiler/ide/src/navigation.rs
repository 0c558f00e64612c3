//! Go to definition and find references.

use crate::index::{Symbol, decl_at, occurrence_at, occurrences_of, resolve};
use cstack_compiler::{Db, SourceFile};
use cstack_diagnostics::TextRange;

/// A place to jump to: the whole definition and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub file: SourceFile,
    pub full_range: TextRange,
    pub focus_range: TextRange,
}

/// The symbol whose name is under `offset`, with the name's absolute range.
pub fn symbol_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(Symbol, TextRange)> {
    let (_, decl) = decl_at(db, file, offset)?;
    let occurrence = occurrence_at(db, decl, offset)?;
    Some((
        occurrence.symbol.clone(),
        occurrence.range.shifted(decl.offset(db)),
    ))
}

/// Where the name under `offset` is defined.
pub fn definition(db: &dyn Db, file: SourceFile, offset: u32) -> Option<NavTarget> {
    let (symbol, _) = symbol_at(db, file, offset)?;
    let found = resolve(db, file, &symbol)?;
    Some(NavTarget {
        file,
        full_range: found.full_range,
        focus_range: found.name_range,
    })
}

/// Every occurrence of the name under `offset`: its uses, and its
/// definition when `include_definition`.
pub fn references(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
    include_definition: bool,
) -> Vec<TextRange> {
    let Some((symbol, _)) = symbol_at(db, file, offset) else {
        return Vec::new();
    };
    occurrences_of(db, file, &symbol)
        .into_iter()
        .filter(|&(_, is_definition)| include_definition || !is_definition)
        .map(|(range, _)| range)
        .collect()
}
