//! Hover: what the name, attribute, type or keyword under the cursor is.
//! The words of the language are described by the compiler's catalogue
//! ([`cstack_compiler::lang`]); names by what they resolve to.

use crate::index::{Symbol, decl_at, resolve, resolve_type_name, type_decl};
use crate::navigation::symbol_at;
use cstack_compiler::lang::{self, Position};
use cstack_compiler::names::column_name;
use cstack_compiler::{Db, Resolved, Scalar, SourceFile, auth_decl, table_name};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{Attribute, DeclKind, Declaration, Expr, ExprKind, TypeRef};

/// Markdown to show, and the range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

pub fn hover(db: &dyn Db, file: SourceFile, offset: u32) -> Option<Hover> {
    let (_, decl) = decl_at(db, file, offset)?;
    let base = decl.offset(db);
    let syntax = decl.syntax(db);
    let relative = offset - base;
    if let Some((symbol, range)) = symbol_at(db, file, offset) {
        return Some(Hover {
            range,
            markdown: describe_symbol(db, file, &symbol)?,
        });
    }
    if let Some((attribute, position)) = attribute_at(syntax, relative) {
        let spec = lang::attribute_named(&attribute.name.text, attribute.is_block, position)?;
        let markdown = format!(
            "```cstack\n{}{}\n```\n\n{}",
            spec.display(),
            plain_snippet(spec.snippet),
            spec.summary
        );
        return Some(Hover {
            range: attribute.head_range().shifted(base),
            markdown,
        });
    }
    if let Some((owner, name, range)) = argument_at(syntax, relative)
        && let Some(summary) = lang::argument_summary(owner, name)
    {
        return Some(Hover {
            range: range.shifted(base),
            markdown: format!("`{name}`: {summary}"),
        });
    }
    if let Some(ty) = type_at(syntax, relative)
        && let Some(scalar) = Scalar::from_name(&ty.name.text)
    {
        return Some(Hover {
            range: ty.name.range.shifted(base),
            markdown: format!(
                "```cstack\n{}\n```\n\nBuilt-in type. {}",
                scalar.name(),
                lang::scalar_summary(scalar)
            ),
        });
    }
    if let Some(range) = auth_call_at(syntax, relative) {
        let summary = lang::POLICY_FUNCTIONS
            .iter()
            .find(|(name, _, _)| *name == "auth")
            .map_or("", |(_, _, summary)| summary);
        let markdown = match auth_decl(db, file) {
            Some(auth) => format!(
                "```cstack\nauth() : {}?\n```\n\n{summary} Members: {}",
                auth.name(db),
                auth.syntax(db)
                    .fields
                    .iter()
                    .map(|field| format!("`{}`", field.name.text))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!(
                "```cstack\nauth()\n```\n\n{summary} The schema declares no `auth` block, so it has no members."
            ),
        };
        return Some(Hover {
            range: range.shifted(base),
            markdown,
        });
    }
    if syntax.keyword.touches(relative) {
        return Some(Hover {
            range: syntax.keyword.shifted(base),
            markdown: format!(
                "```cstack\n{}\n```\n\n{}",
                syntax.kind.keyword(),
                lang::keyword_summary(syntax.kind)
            ),
        });
    }
    None
}

/// A snippet with its placeholders replaced by their default text.
pub fn plain_snippet(snippet: &str) -> String {
    let mut out = String::new();
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            if chars.peek() == Some(&'{') {
                chars.next();
                while let Some(&d) = chars.peek() {
                    chars.next();
                    if d == ':' || d == '}' {
                        break;
                    }
                }
                // Copy the default text up to the closing brace.
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    out.push(d);
                }
            } else {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn describe_symbol(db: &dyn Db, file: SourceFile, symbol: &Symbol) -> Option<String> {
    let found = resolve(db, file, symbol)?;
    let text = file.text(db);
    let syntax = found.decl.syntax(db);
    let owner_kind = syntax.kind;
    let mut markdown = String::from("```cstack\n");
    let docs_text;
    match symbol {
        Symbol::Decl(name) => {
            let name = &name.name;
            markdown.push_str(&declaration_head(syntax, name));
            markdown.push_str("\n```");
            docs_text = syntax.docs.clone();
            if let Some(docs) = &docs_text {
                markdown.push_str("\n\n");
                markdown.push_str(docs);
            }
            match owner_kind {
                DeclKind::Model => markdown.push_str(&format!("\n\nTable `{}`", table_name(name))),
                DeclKind::View => markdown.push_str(&format!("\n\nView `{}`", table_name(name))),
                DeclKind::Enum => markdown.push_str(&format!(
                    "\n\nVariants: {}",
                    syntax
                        .variants
                        .iter()
                        .map(|v| format!("`{}`", v.name.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                DeclKind::Mixin | DeclKind::Type | DeclKind::Auth => markdown.push_str(&format!(
                    "\n\nFields: {}",
                    syntax
                        .fields
                        .iter()
                        .map(|f| format!("`{}`", f.name.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                _ => {}
            }
        }
        Symbol::Member { member, .. } => {
            let owner = syntax.name_text();
            if let Some(field) = syntax.field(member) {
                let written = &text[field.range.shifted(found.decl.offset(db)).to_range()];
                markdown.push_str(&format!(
                    "{} {owner}\n{}",
                    owner_kind.keyword(),
                    written.trim()
                ));
                markdown.push_str("\n```");
                if let Some(docs) = &field.docs {
                    markdown.push_str("\n\n");
                    markdown.push_str(docs);
                }
                if let Some(ty) = &field.ty
                    && let Some(target) = type_decl(db, file, &ty.name.text)
                {
                    markdown.push_str(&format!(
                        "\n\nType: {} `{}`",
                        target.kind(db).keyword(),
                        ty.name.text
                    ));
                }
                if matches!(owner_kind, DeclKind::Model | DeclKind::Mixin)
                    && !is_relation(db, file, field.ty.as_ref())
                {
                    markdown.push_str(&format!("\n\nColumn `{}`", column_name(member)));
                }
            } else if let Some(variant) = syntax.variants.iter().find(|v| &v.name.text == member) {
                markdown.push_str(&format!("enum {owner}\n{}", variant.name.text));
                markdown.push_str("\n```");
                if let Some(docs) = &variant.docs {
                    markdown.push_str("\n\n");
                    markdown.push_str(docs);
                }
            } else if let Some(parameter) =
                syntax.parameters.iter().find(|p| &p.name.text == member)
            {
                let written = &text[parameter.range.shifted(found.decl.offset(db)).to_range()];
                markdown.push_str(&format!("procedure {owner}\nargs.{}", written.trim()));
                markdown.push_str("\n```");
                if let Some(docs) = &parameter.docs {
                    markdown.push_str("\n\n");
                    markdown.push_str(docs);
                }
            } else {
                return None;
            }
        }
    }
    Some(markdown)
}

fn is_relation(db: &dyn Db, file: SourceFile, ty: Option<&TypeRef>) -> bool {
    ty.is_some_and(|ty| {
        matches!(
            resolve_type_name(db, file, &ty.name.text),
            Some(Resolved::Model(_))
        )
    })
}

fn declaration_head(syntax: &Declaration, name: &str) -> String {
    let mut head = String::new();
    if syntax.mutation {
        head.push_str("mutation ");
    }
    head.push_str(syntax.kind.keyword());
    head.push(' ');
    head.push_str(name);
    if !syntax.sources.is_empty() {
        head.push_str(" from ");
        head.push_str(
            &syntax
                .sources
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    head
}

/// The attribute whose head (sigil and name) is under `relative`, and
/// where it is written.
pub(crate) fn attribute_at(
    syntax: &Declaration,
    relative: u32,
) -> Option<(&Attribute, Option<Position>)> {
    let hit = |attribute: &&Attribute| attribute.head_range().touches(relative);
    syntax
        .fields
        .iter()
        .flat_map(|field| &field.attributes)
        .chain(
            syntax
                .variants
                .iter()
                .flat_map(|variant| &variant.attributes),
        )
        .find(hit)
        .map(|a| (a, Position::of_member(syntax.kind)))
        .or_else(|| {
            syntax
                .block_attributes
                .iter()
                .find(hit)
                .map(|a| (a, Position::of_block(syntax.kind)))
        })
        .or_else(|| {
            syntax
                .attributes
                .iter()
                .find(hit)
                .map(|a| (a, Position::of_line(syntax.kind)))
        })
}

/// The type reference whose name is under `relative`.
pub(crate) fn type_at(syntax: &Declaration, relative: u32) -> Option<&TypeRef> {
    fn find(ty: &TypeRef, relative: u32) -> Option<&TypeRef> {
        if ty.name.range.touches(relative) {
            return Some(ty);
        }
        ty.arguments
            .iter()
            .flatten()
            .find_map(|argument| find(argument, relative))
    }
    syntax
        .fields
        .iter()
        .filter_map(|field| field.ty.as_ref())
        .chain(syntax.parameters.iter().filter_map(|p| p.ty.as_ref()))
        .chain(syntax.return_type.as_ref())
        .find_map(|ty| find(ty, relative))
}

/// The range of an `auth` callee under `relative`, in any attribute argument.
fn auth_call_at(syntax: &Declaration, relative: u32) -> Option<TextRange> {
    fn find(expr: &Expr, relative: u32) -> Option<TextRange> {
        if !expr.range.touches(relative) {
            return None;
        }
        match &expr.kind {
            ExprKind::Call { callee, arguments } => {
                if callee.as_ident() == Some("auth") && callee.range.touches(relative) {
                    return Some(callee.range);
                }
                arguments
                    .items
                    .iter()
                    .find_map(|a| find(&a.value, relative))
            }
            ExprKind::Binary { left, right, .. } | ExprKind::In { left, right, .. } => {
                find(left, relative).or_else(|| find(right, relative))
            }
            ExprKind::Not(inner) | ExprKind::Paren(inner) => find(inner, relative),
            ExprKind::Member { object, .. } => find(object, relative),
            ExprKind::Array(items) => items.iter().find_map(|item| find(item, relative)),
            _ => None,
        }
    }
    all_attributes(syntax)
        .flat_map(|attribute| attribute.args())
        .find_map(|argument| find(&argument.value, relative))
}

pub(crate) fn all_attributes(syntax: &Declaration) -> impl Iterator<Item = &Attribute> {
    syntax
        .attributes
        .iter()
        .chain(&syntax.block_attributes)
        .chain(syntax.fields.iter().flat_map(|field| &field.attributes))
        .chain(
            syntax
                .variants
                .iter()
                .flat_map(|variant| &variant.attributes),
        )
}

/// A named attribute argument or configuration key under `relative`: the
/// attribute name (or block keyword), the key and its range.
fn argument_at(syntax: &Declaration, relative: u32) -> Option<(&str, &str, TextRange)> {
    for entry in &syntax.entries {
        if entry.key.range.touches(relative) {
            return Some((
                syntax.kind.keyword(),
                entry.key.text.as_str(),
                entry.key.range,
            ));
        }
    }
    all_attributes(syntax).find_map(|attribute| {
        attribute.args().iter().find_map(|argument| {
            let name = argument.name.as_ref()?;
            name.range.touches(relative).then_some((
                attribute.name.text.as_str(),
                name.text.as_str(),
                name.range,
            ))
        })
    })
}
