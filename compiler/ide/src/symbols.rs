//! The outline of a file (every declaration with its members) and the
//! workspace-wide symbol search.

use cstack_compiler::{Db, SourceFile, item_tree};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{DeclKind, Declaration};

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

/// The outline, memoised per revision.
#[salsa::tracked(returns(ref))]
pub fn document_symbols(db: &dyn Db, file: SourceFile) -> Vec<DocumentSymbol> {
    let text = file.text(db);
    item_tree(db, file)
        .decls
        .iter()
        .map(|decl| declaration_symbol(text, decl.syntax(db), decl.offset(db)))
        .collect()
}

fn written(text: &str, range: TextRange) -> String {
    text.get(range.to_range()).unwrap_or("").to_string()
}

fn declaration_symbol(text: &str, syntax: &Declaration, offset: u32) -> DocumentSymbol {
    let name = match (&syntax.name, &syntax.style) {
        (Some(name), _) => name.text.clone(),
        (None, Some(style)) => format!("{} {}", syntax.kind.keyword(), style.text),
        (None, None) => syntax.kind.keyword().to_string(),
    };
    let mut children = Vec::new();
    for field in &syntax.fields {
        children.push(DocumentSymbol {
            name: field.name.text.clone(),
            detail: field
                .ty
                .as_ref()
                .map(|ty| written(text, ty.range.shifted(offset))),
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
            detail: parameter
                .ty
                .as_ref()
                .map(|ty| written(text, ty.range.shifted(offset))),
            kind: SymbolKind::Parameter,
            full_range: parameter.range.shifted(offset),
            name_range: parameter.name.range.shifted(offset),
            children: Vec::new(),
        });
    }
    for entry in &syntax.entries {
        children.push(DocumentSymbol {
            name: entry.key.text.clone(),
            detail: Some(written(text, entry.value.range.shifted(offset))),
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
        for symbol in document_symbols(db, file) {
            if matches(&symbol.name) {
                declarations.push(WorkspaceSymbol {
                    file,
                    name: symbol.name.clone(),
                    container: None,
                    kind: symbol.kind,
                    name_range: symbol.name_range,
                });
            }
            for child in &symbol.children {
                if matches(&child.name) {
                    members.push(WorkspaceSymbol {
                        file,
                        name: child.name.clone(),
                        container: Some(symbol.name.clone()),
                        kind: child.kind,
                        name_range: child.name_range,
                    });
                }
            }
        }
    }
    declarations.extend(members);
    declarations.truncate(limit);
    declarations
}
