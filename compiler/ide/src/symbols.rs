//! The outline of a file (every declaration with its members) and the
//! workspace-wide symbol search.

use cstack_compiler::{Db, Decl, SourceFile, item_tree};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{Arity, DeclKind, Declaration, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Datasource,
    Auth,
    Mixin,
    Model,
    Type,
    Enum,
    View,
    Procedure,
    Config,
    Field,
    Variant,
    Parameter,
    Entry,
}

impl SymbolKind {
    fn of(kind: DeclKind) -> Self {
        match kind {
            DeclKind::Datasource => SymbolKind::Datasource,
            DeclKind::Auth => SymbolKind::Auth,
            DeclKind::Mixin => SymbolKind::Mixin,
            DeclKind::Model => SymbolKind::Model,
            DeclKind::Type => SymbolKind::Type,
            DeclKind::Enum => SymbolKind::Enum,
            DeclKind::View => SymbolKind::View,
            DeclKind::Procedure => SymbolKind::Procedure,
            DeclKind::Extension | DeclKind::Mcp | DeclKind::Transport => SymbolKind::Config,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub full_range: TextRange,
    pub name_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

impl DocumentSymbol {
    fn shifted(&self, offset: u32) -> DocumentSymbol {
        DocumentSymbol {
            name: self.name.clone(),
            detail: self.detail.clone(),
            kind: self.kind,
            full_range: self.full_range.shifted(offset),
            name_range: self.name_range.shifted(offset),
            children: self
                .children
                .iter()
                .map(|child| child.shifted(offset))
                .collect(),
        }
    }
}

/// The outline of one declaration, relative to its start: memoised per
/// declaration, so an edit rebuilds only the declaration it touched.
#[salsa::tracked(returns(ref))]
fn decl_symbol<'db>(db: &'db dyn Db, decl: Decl<'db>) -> DocumentSymbol {
    declaration_symbol(decl.syntax(db), 0)
}

/// The outline of a file, in source order.
pub fn document_symbols(db: &dyn Db, file: SourceFile) -> Vec<DocumentSymbol> {
    relative_document_symbols(db, file)
        .into_iter()
        .map(|(offset, symbol)| symbol.shifted(offset))
        .collect()
}

/// The outline as each declaration's memoised symbol with the offset its
/// ranges are relative to: what a caller converting every range anyway
/// uses, so nothing is copied twice.
pub fn relative_document_symbols(db: &dyn Db, file: SourceFile) -> Vec<(u32, &DocumentSymbol)> {
    item_tree(db, file)
        .decls
        .iter()
        .map(|decl| (decl.offset(db), decl_symbol(db, *decl)))
        .collect()
}

/// A type as written, rebuilt from the syntax: `Post[]`, `Page<Post>`,
/// `Vector(3)?`.
fn render_type(ty: &TypeRef) -> String {
    let mut out = ty.name.text.clone();
    if let Some(arguments) = &ty.arguments {
        out.push('<');
        out.push_str(
            &arguments
                .iter()
                .map(render_type)
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push('>');
    }
    if let Some(parameters) = &ty.parameters {
        out.push('(');
        out.push_str(
            &parameters
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push(')');
    }
    match ty.arity {
        Arity::Required => {}
        Arity::Optional => out.push('?'),
        Arity::List => out.push_str("[]"),
    }
    out
}

fn render_value(value: &cstack_syntax::ast::Expr) -> Option<String> {
    use cstack_syntax::ast::ExprKind;
    match &value.kind {
        ExprKind::String { value, .. } => Some(format!("\"{value}\"")),
        ExprKind::Ident(name) => Some(name.clone()),
        ExprKind::Number(number) => Some(number.clone()),
        ExprKind::Bool(value) => Some(value.to_string()),
        _ => None,
    }
}

fn declaration_symbol(syntax: &Declaration, offset: u32) -> DocumentSymbol {
    let name = match (&syntax.name, &syntax.style) {
        (Some(name), _) => name.text.clone(),
        (None, Some(style)) => format!("{} {}", syntax.kind.keyword(), style.text),
        (None, None) => syntax.kind.keyword().to_string(),
    };
    let mut children = Vec::new();
    for field in &syntax.fields {
        children.push(DocumentSymbol {
            name: field.name.text.clone(),
            detail: field.ty.as_ref().map(render_type),
            kind: SymbolKind::Field,
            full_range: field.range.shifted(offset),
            name_range: field.name.range.shifted(offset),
            children: Vec::new(),
        });
    }
    for variant in &syntax.variants {
        children.push(DocumentSymbol {
            name: variant.name.text.clone(),
            detail: None,
            kind: SymbolKind::Variant,
            full_range: variant.range.shifted(offset),
            name_range: variant.name.range.shifted(offset),
            children: Vec::new(),
        });
    }
    for parameter in &syntax.parameters {
        children.push(DocumentSymbol {
            name: parameter.name.text.clone(),
            detail: parameter.ty.as_ref().map(render_type),
            kind: SymbolKind::Parameter,
            full_range: parameter.range.shifted(offset),
            name_range: parameter.name.range.shifted(offset),
            children: Vec::new(),
        });
    }
    for entry in &syntax.entries {
        children.push(DocumentSymbol {
            name: entry.key.text.clone(),
            detail: render_value(&entry.value),
            kind: SymbolKind::Entry,
            full_range: entry.range.shifted(offset),
            name_range: entry.key.range.shifted(offset),
            children: Vec::new(),
        });
    }
    let detail = match syntax.kind {
        DeclKind::Procedure => Some(
            if syntax.mutation {
                "mutation procedure"
            } else {
                "procedure"
            }
            .to_string(),
        ),
        kind => Some(kind.keyword().to_string()),
    };
    DocumentSymbol {
        name,
        detail,
        kind: SymbolKind::of(syntax.kind),
        full_range: syntax.range.shifted(offset),
        name_range: syntax.name_range().shifted(offset),
        children,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub file: SourceFile,
    pub name: String,
    pub container: Option<String>,
    pub kind: SymbolKind,
    pub name_range: TextRange,
}

/// Declarations and members of `files` whose name contains the characters
/// of `query` in order (case-insensitive), declarations first.
pub fn workspace_symbols(
    db: &dyn Db,
    files: &[SourceFile],
    query: &str,
    limit: usize,
) -> Vec<WorkspaceSymbol> {
    let query: Vec<char> = query.to_lowercase().chars().collect();
    let matches = |name: &str| {
        let mut wanted = query.iter().peekable();
        for c in name.chars().flat_map(char::to_lowercase) {
            if wanted.peek() == Some(&&c) {
                wanted.next();
            }
        }
        wanted.peek().is_none()
    };
    let mut declarations = Vec::new();
    let mut members = Vec::new();
    for &file in files {
        for (offset, symbol) in relative_document_symbols(db, file) {
            if matches(&symbol.name) {
                declarations.push(WorkspaceSymbol {
                    file,
                    name: symbol.name.clone(),
                    container: None,
                    kind: symbol.kind,
                    name_range: symbol.name_range.shifted(offset),
                });
            }
            for child in &symbol.children {
                if matches(&child.name) {
                    members.push(WorkspaceSymbol {
                        file,
                        name: child.name.clone(),
                        container: Some(symbol.name.clone()),
                        kind: child.kind,
                        name_range: child.name_range.shifted(offset),
                    });
                }
            }
        }
    }
    declarations.extend(members);
    declarations.truncate(limit);
    declarations
}
