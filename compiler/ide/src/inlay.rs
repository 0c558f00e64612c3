//! Inlay hints: the table a model maps to, and the column of a renamed
//! field, as the model the checker established says (the physical names
//! of `cstack_compiler::names`, fitted like the migrations' own).

use cstack_compiler::names::column_name;
use cstack_compiler::{Db, Item, SourceFile, item_tree, validate_decl};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::DeclKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown (after the name).
    pub offset: u32,
    pub label: String,
}

/// The hints of the declarations that overlap `range`.
pub fn inlay_hints(db: &dyn Db, file: SourceFile, range: TextRange) -> Vec<InlayHint> {
    let mut out = Vec::new();
    for decl in &item_tree(db, file).decls {
        let base = decl.offset(db);
        let syntax = decl.syntax(db);
        let whole = syntax.range.shifted(base);
        if whole.end < range.start || whole.start > range.end || syntax.kind != DeclKind::Model {
            continue;
        }
        let Some(Item::Model(model)) = &validate_decl(db, *decl).item else {
            continue;
        };
        if let Some(name) = &syntax.name {
            out.push(InlayHint {
                offset: base + name.range.end,
                label: format!("table {}", model.table),
            });
        }
        // The model's own renamed fields (a mixin's are written elsewhere).
        for field in model.fields.iter().filter(|f| f.origin.is_none()) {
            let (Some(from), Some(written)) = (&field.renamed_from, syntax.field(&field.name))
            else {
                continue;
            };
            out.push(InlayHint {
                offset: base + written.name.range.end,
                label: format!("column {} (was {})", field.column, column_name(from)),
            });
        }
    }
    out
}
