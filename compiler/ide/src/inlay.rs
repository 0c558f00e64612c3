//! Inlay hints: the table a model maps to, and the column of a renamed field.

use cstack_compiler::{Db, SourceFile, item_tree, table_name, to_snake_case};
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
        if let Some(name) = &syntax.name {
            out.push(InlayHint {
                offset: base + name.range.end,
                label: format!("table {}", table_name(&name.text)),
            });
        }
        for field in &syntax.fields {
            let Some(rename) = field.attribute("rename") else {
                continue;
            };
            let from = rename
                .named("from")
                .and_then(|a| a.value.as_string())
                .map(to_snake_case);
            let label = match from {
                Some(old) => format!("column {} (was {old})", to_snake_case(&field.name.text)),
                None => format!("column {}", to_snake_case(&field.name.text)),
            };
            out.push(InlayHint {
                offset: base + field.name.range.end,
                label,
            });
        }
    }
    out
}
