//! The one diagnostic type every stage of the toolchain reports with (with
//! its fix, when one is certain), the catalogue of stable diagnostic codes,
//! and conversions between byte offsets and line/column positions.
//!
//! Renderers live at the edges (the CLI renders with codespan-reporting, the
//! language server converts to LSP); this crate knows neither.

mod codes;
mod diagnostic;
mod fix;
mod line_index;
mod range;

pub use codes::{CATALOGUE, Code, Phase};
pub use diagnostic::{Anchor, Diagnostic, Label, Severity};
pub use fix::{Edit, Fix};
pub use line_index::{LineCol, LineIndex};
pub use range::TextRange;
