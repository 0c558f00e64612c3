//! Editor features of the `.cstack` language, computed from the compiler's
//! salsa database: hover, navigation, symbols, completion, rename, semantic
//! tokens, folding, selection, inlay hints, code actions and formatting.
//!
//! Positions are byte offsets and [`TextRange`]s into one file's text; this
//! crate knows nothing of the language server protocol (the `cstack-lsp`
//! crate converts). Every feature reads the lowered syntax the compiler
//! recovered, so it keeps working while the file has syntax errors.
//!
//! The crate keeps no knowledge of the language of its own: the words it
//! offers and describes come from the compiler's catalogue
//! ([`cstack_compiler::lang`]), names resolve through the compiler's
//! resolution, and quick fixes are the ones diagnostics carry.

mod actions;
mod completion;
mod folding;
mod format;
mod hover;
mod index;
mod inlay;
mod lines;
mod navigation;
mod rename;
mod selection;
mod symbols;
mod tokens;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

pub use actions::{ActionKind, CodeAction, code_actions};
pub use completion::{CompletionItem, CompletionKind, Completions, completions};
pub use cstack_diagnostics::TextRange;
pub use folding::{Fold, folding_ranges};
pub use format::{TextEdit, format_file};
pub use hover::{Hover, hover};
pub use index::{
    DeclIndex, DeclName, Definition, Namespace, Occurrence, Symbol, decl_at, decl_index, resolve,
};
pub use inlay::{InlayHint, inlay_hints};
pub use lines::line_index;
pub use navigation::{NavTarget, definition, references};
pub use rename::{RenameError, prepare_rename, rename};
pub use selection::selection_ranges;
pub use symbols::{
    DocumentSymbol, SymbolKind, WorkspaceSymbol, document_symbols, relative_document_symbols,
    workspace_symbols,
};
pub use tokens::{SemanticToken, TOKEN_TYPES, TokenType, semantic_tokens};
