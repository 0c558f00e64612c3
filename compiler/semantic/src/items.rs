//! The item tree: one tracked [`Decl`] per declaration.
//!
//! A `Decl` is identified by its file, kind and name; its syntax and its
//! offset are separately tracked fields. Validation reads only the syntax,
//! whose ranges are relative to the declaration, so an edit that shifts a
//! declaration, or changes another one, does not re-validate it.

use crate::{Db, SourceFile, parse};
use cstack_diagnostics::{Anchor, TextRange};
use cstack_syntax::ast::{DeclKind, Declaration};
use salsa::plumbing::AsId;
use std::sync::Arc;

#[salsa::tracked(debug)]
pub struct Decl<'db> {
    #[returns(copy)]
    pub file: SourceFile,
    #[returns(copy)]
    pub kind: DeclKind,
    #[returns(ref)]
    pub name: String,
    /// The declaration's syntax, with ranges relative to its start.
    #[tracked]
    #[returns(ref)]
    pub syntax: Arc<Declaration>,
    /// The name (or, without one, the keyword), relative to the declaration:
    /// all that schema-wide name checks read, so they do not depend on the
    /// rest of the syntax.
    #[tracked]
    #[returns(copy)]
    pub name_range: TextRange,
    /// Where the declaration starts in the file.
    #[tracked]
    #[returns(copy)]
    pub offset: u32,
}

impl<'db> Decl<'db> {
    /// The anchor that diagnostics relative to this declaration carry.
    pub fn anchor(self) -> Anchor {
        Anchor(self.as_id().as_bits())
    }
}

/// The declarations of a file, in source order.
#[derive(Clone, Debug, PartialEq, Eq, salsa::SalsaValue)]
pub struct ItemTree<'db> {
    pub decls: Vec<Decl<'db>>,
}

#[salsa::tracked(returns(ref))]
pub fn item_tree(db: &dyn Db, file: SourceFile) -> ItemTree<'_> {
    let parsed = parse(db, file);
    let decls = parsed
        .declarations()
        .map(|(offset, syntax)| {
            Decl::new(
                db,
                file,
                syntax.kind,
                syntax.name_text().to_string(),
                syntax.clone(),
                syntax.name_range(),
                offset,
            )
        })
        .collect();
    ItemTree { decls }
}
