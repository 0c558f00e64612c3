//! Semantic tokens: declaration keywords, declaration and type names by what
//! they name, fields, enum variants, inputs and attributes.

use crate::index::{Symbol, decl_index, resolve};
use cstack_compiler::{Db, Scalar, SourceFile, item_tree};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{DeclKind, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenType {
    Keyword,
    Class,
    Struct,
    Enum,
    Interface,
    Type,
    Property,
    EnumMember,
    Parameter,
    Decorator,
    Function,
}

/// The legend, in the order of [`TokenType`]: LSP's standard token names.
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",
    "class",
    "struct",
    "enum",
    "interface",
    "type",
    "property",
    "enumMember",
    "parameter",
    "decorator",
    "function",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenType,
    /// The name is being defined here.
    pub is_declaration: bool,
}

fn kind_token(kind: DeclKind) -> TokenType {
    match kind {
        DeclKind::Model | DeclKind::View => TokenType::Class,
        DeclKind::Type | DeclKind::Auth => TokenType::Struct,
        DeclKind::Enum => TokenType::Enum,
        DeclKind::Mixin => TokenType::Interface,
        DeclKind::Procedure => TokenType::Function,
        _ => TokenType::Type,
    }
}

/// The tokens of the declarations overlapping `range` (the whole file when
/// `None`), sorted and not overlapping.
pub fn semantic_tokens(
    db: &dyn Db,
    file: SourceFile,
    range: Option<TextRange>,
) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    for decl in &item_tree(db, file).decls {
        let base = decl.offset(db);
        let syntax = decl.syntax(db);
        let whole = syntax.range.shifted(base);
        if let Some(range) = range
            && (whole.end < range.start || whole.start > range.end)
        {
            continue;
        }
        out.push(SemanticToken {
            range: syntax.keyword.shifted(base),
            kind: TokenType::Keyword,
            is_declaration: false,
        });
        for occurrence in &decl_index(db, *decl).occurrences {
            let kind = match &occurrence.symbol {
                Symbol::Decl(_) => match resolve(db, file, &occurrence.symbol) {
                    Some(found) => kind_token(found.decl.kind(db)),
                    None => continue,
                },
                Symbol::Member { .. } => match resolve(db, file, &occurrence.symbol) {
                    Some(found) => match found.decl.kind(db) {
                        DeclKind::Enum => TokenType::EnumMember,
                        DeclKind::Procedure => TokenType::Parameter,
                        _ => TokenType::Property,
                    },
                    None => continue,
                },
            };
            out.push(SemanticToken {
                range: occurrence.range.shifted(base),
                kind,
                is_declaration: occurrence.is_definition,
            });
        }
        let mut scalars = Vec::new();
        fn scalar_names(ty: &TypeRef, out: &mut Vec<TextRange>) {
            if Scalar::from_name(&ty.name.text).is_some() {
                out.push(ty.name.range);
            }
            for argument in ty.arguments.iter().flatten() {
                scalar_names(argument, out);
            }
        }
        for ty in syntax
            .fields
            .iter()
            .filter_map(|f| f.ty.as_ref())
            .chain(syntax.parameters.iter().filter_map(|p| p.ty.as_ref()))
            .chain(syntax.return_type.as_ref())
        {
            scalar_names(ty, &mut scalars);
        }
        out.extend(scalars.into_iter().map(|r| SemanticToken {
            range: r.shifted(base),
            kind: TokenType::Type,
            is_declaration: false,
        }));
        for attribute in crate::hover::all_attributes(syntax) {
            out.push(SemanticToken {
                range: attribute.head_range().shifted(base),
                kind: TokenType::Decorator,
                is_declaration: false,
            });
        }
    }
    out.sort_by_key(|token| (token.range.start, std::cmp::Reverse(token.range.end)));
    // Keep the first of overlapping tokens.
    let mut kept: Vec<SemanticToken> = Vec::with_capacity(out.len());
    for token in out {
        if token.range.is_empty() {
            continue;
        }
        if kept
            .last()
            .is_none_or(|last| last.range.end <= token.range.start)
        {
            kept.push(token);
        }
    }
    kept
}
