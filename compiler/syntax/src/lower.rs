//! Lowers a tree-sitter tree into [`Declaration`]s with ranges relative to
//! each declaration's start.
//!
//! Lowering never fails: a part the parser could not build is left out (or
//! becomes [`ExprKind::Error`]); the syntax errors themselves are collected by
//! [`crate::errors`].

use crate::ast::*;
use crate::kinds::{Ids, ids};
use cstack_diagnostics::TextRange;
use tree_sitter::Node;

/// A declaration and its start offset within the lowered text.
pub struct LoweredDecl {
    pub offset: u32,
    pub decl: Declaration,
}

/// Lowers every declaration under `root` (a `source_file`).
pub fn lower_source(root: Node<'_>, text: &str) -> Vec<LoweredDecl> {
    let mut lowerer = Lowerer {
        ids: ids(),
        text,
        base: 0,
    };
    let mut out = Vec::new();
    lowerer.lower_container(root, &mut out);
    out
}

struct Lowerer<'t> {
    ids: &'static Ids,
    text: &'t str,
    /// Start of the declaration being lowered; ranges are made relative to it.
    base: u32,
}

/// Pending `///` lines and the row of the last one.
#[derive(Default)]
struct Docs {
    lines: Vec<String>,
    last_row: usize,
}

impl Docs {
    fn push(&mut self, node: Node<'_>, text: &str) {
        let row = node.start_position().row;
        if !self.lines.is_empty() && row != self.last_row + 1 {
            self.lines.clear();
        }
        let raw = &text[node.byte_range()];
        let body = raw.strip_prefix("///").unwrap_or(raw);
        self.lines.push(body.trim().to_string());
        self.last_row = node.end_position().row;
    }

    /// The docs for a member starting at `node`, if they end on the line above.
    fn take(&mut self, node: Node<'_>) -> Option<String> {
        if self.lines.is_empty() {
            return None;
        }
        let lines = std::mem::take(&mut self.lines);
        (node.start_position().row == self.last_row + 1).then(|| lines.join("\n"))
    }

    fn clear(&mut self) {
        self.lines.clear();
    }
}

impl<'t> Lowerer<'t> {
    fn range(&self, node: Node<'_>) -> TextRange {
        TextRange::new(
            node.start_byte() as u32 - self.base,
            node.end_byte() as u32 - self.base,
        )
    }

    fn node_text(&self, node: Node<'_>) -> &'t str {
        &self.text[node.byte_range()]
    }

    fn ident(&self, node: Node<'_>) -> Option<Ident> {
        // A MISSING identifier has no text: treat it as absent.
        if node.is_missing() || node.kind_id() != self.ids.kinds.identifier {
            return None;
        }
        Some(Ident {
            text: self.node_text(node).to_string(),
            range: self.range(node),
        })
    }

    fn field_ident(&self, node: Node<'_>, field: u16) -> Option<Ident> {
        node.child_by_field_id(field)
            .and_then(|child| self.ident(child))
    }

    /// Lowers the declarations directly under `node`, and those the parser
    /// wrapped in an ERROR node while recovering.
    fn lower_container(&mut self, node: Node<'_>, out: &mut Vec<LoweredDecl>) {
        let mut docs = Docs::default();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            let kind = child.kind_id();
            if kind == self.ids.kinds.doc_comment {
                docs.push(child, self.text);
            } else if kind == self.ids.kinds.comment {
                docs.clear();
            } else if child.is_error() {
                docs.clear();
                self.lower_container(child, out);
            } else if let Some(decl_kind) = self.decl_kind(kind) {
                let doc = docs.take(child);
                let offset = child.start_byte() as u32;
                self.base = offset;
                let mut decl = self.lower_declaration(child, decl_kind);
                decl.docs = doc;
                self.base = 0;
                out.push(LoweredDecl { offset, decl });
            }
        }
    }

    fn decl_kind(&self, kind: u16) -> Option<DeclKind> {
        let k = &self.ids.kinds;
        Some(match kind {
            _ if kind == k.datasource_declaration => DeclKind::Datasource,
            _ if kind == k.auth_declaration => DeclKind::Auth,
            _ if kind == k.mixin_declaration => DeclKind::Mixin,
            _ if kind == k.model_declaration => DeclKind::Model,
            _ if kind == k.type_declaration => DeclKind::Type,
            _ if kind == k.enum_declaration => DeclKind::Enum,
            _ if kind == k.view_declaration => DeclKind::View,
            _ if kind == k.procedure_declaration => DeclKind::Procedure,
            _ if kind == k.extension_declaration => DeclKind::Extension,
            _ if kind == k.mcp_declaration => DeclKind::Mcp,
            _ if kind == k.transport_declaration => DeclKind::Transport,
            _ => return None,
        })
    }

    fn lower_declaration(&mut self, node: Node<'_>, kind: DeclKind) -> Declaration {
        let f = &self.ids.fields;
        let keyword = self.keyword_range(node, kind);
        let mut decl = Declaration::new(kind, self.range(node), keyword);
        decl.name = self.field_ident(node, f.name);
        match kind {
            DeclKind::Transport => decl.style = self.field_ident(node, f.style),
            DeclKind::Procedure => {
                decl.mutation = node.child_by_field_id(f.mutation).is_some();
                if let Some(list) = node.child_by_field_id(f.parameters) {
                    decl.parameters = self.lower_parameters(list);
                }
                decl.return_type = node
                    .child_by_field_id(f.return_type)
                    .and_then(|ty| self.lower_type(ty));
                let mut cursor = node.walk();
                decl.attributes = node
                    .children_by_field_id(nz(f.attribute), &mut cursor)
                    .map(|attribute| self.lower_attribute(attribute, false))
                    .collect();
            }
            _ => {}
        }
        if kind == DeclKind::View
            && let Some(sources) = node.child_by_field_id(f.sources)
        {
            let mut cursor = sources.walk();
            decl.sources = sources
                .children_by_field_id(nz(f.source), &mut cursor)
                .filter_map(|source| self.ident(source))
                .collect();
        }
        if let Some(body) = node.child_by_field_id(f.body) {
            let opens = body
                .child(0)
                .is_some_and(|brace| brace.kind() == "{" && !brace.is_missing());
            decl.body = opens.then(|| self.range(body));
            self.lower_body(body, &mut decl);
            decl.fields.shrink_to_fit();
            decl.block_attributes.shrink_to_fit();
            decl.attributes.shrink_to_fit();
            decl.variants.shrink_to_fit();
        }
        decl
    }

    /// The keyword range; for `mutation procedure`, both words.
    fn keyword_range(&self, node: Node<'_>, kind: DeclKind) -> TextRange {
        let mut cursor = node.walk();
        let keyword = kind.keyword();
        let found = node
            .children(&mut cursor)
            .find(|child| !child.is_named() && child.kind() == keyword);
        match found {
            Some(word) => TextRange::new(
                node.start_byte() as u32 - self.base,
                word.end_byte() as u32 - self.base,
            ),
            None => self.range(node),
        }
    }

    fn lower_body(&mut self, body: Node<'_>, decl: &mut Declaration) {
        let k = &self.ids.kinds;
        let mut docs = Docs::default();
        let mut cursor = body.walk();
        for child in body.named_children(&mut cursor) {
            let kind = child.kind_id();
            if kind == k.doc_comment {
                docs.push(child, self.text);
            } else if kind == k.comment {
                docs.clear();
            } else if kind == k.field_declaration {
                let doc = docs.take(child);
                if let Some(mut field) = self.lower_field(child) {
                    field.docs = doc;
                    decl.fields.push(field);
                }
            } else if kind == k.enum_variant {
                let doc = docs.take(child);
                if let Some(mut variant) = self.lower_variant(child) {
                    variant.docs = doc;
                    decl.variants.push(variant);
                }
            } else if kind == k.block_attribute {
                docs.clear();
                decl.block_attributes
                    .push(self.lower_attribute(child, true));
            } else if kind == k.attribute {
                docs.clear();
                decl.attributes.push(self.lower_attribute(child, false));
            } else if kind == k.config_entry {
                docs.clear();
                if let Some(entry) = self.lower_entry(child) {
                    decl.entries.push(entry);
                }
            } else if child.is_error() {
                docs.clear();
                // Salvage members the parser kept inside the error.
                self.lower_body(child, decl);
            }
        }
    }

    fn lower_field(&self, node: Node<'_>) -> Option<Field> {
        let f = &self.ids.fields;
        let name = self.field_ident(node, f.name)?;
        let ty = node
            .child_by_field_id(f.type_)
            .and_then(|ty| self.lower_type(ty));
        let mut cursor = node.walk();
        let attributes = exact(
            node.children_by_field_id(nz(f.attribute), &mut cursor)
                .map(|attribute| self.lower_attribute(attribute, false))
                .collect(),
        );
        Some(Field {
            name,
            ty,
            attributes,
            docs: None,
            range: self.range(node),
        })
    }

    fn lower_variant(&self, node: Node<'_>) -> Option<EnumVariant> {
        let f = &self.ids.fields;
        let name = self.field_ident(node, f.name)?;
        let mut cursor = node.walk();
        let attributes = exact(
            node.children_by_field_id(nz(f.attribute), &mut cursor)
                .map(|attribute| self.lower_attribute(attribute, false))
                .collect(),
        );
        Some(EnumVariant {
            name,
            attributes,
            docs: None,
            range: self.range(node),
        })
    }

    fn lower_entry(&self, node: Node<'_>) -> Option<ConfigEntry> {
        let f = &self.ids.fields;
        let key = self.field_ident(node, f.key)?;
        let value = node
            .child_by_field_id(f.value)
            .map_or_else(|| self.error_expr(node), |value| self.lower_expr(value));
        Some(ConfigEntry {
            key,
            value,
            range: self.range(node),
        })
    }

    fn lower_parameters(&self, list: Node<'_>) -> Vec<Parameter> {
        let f = &self.ids.fields;
        let mut docs = Docs::default();
        let mut out = Vec::new();
        let mut cursor = list.walk();
        for child in list.named_children(&mut cursor) {
            if child.kind_id() == self.ids.kinds.doc_comment {
                docs.push(child, self.text);
            } else if child.kind_id() == self.ids.kinds.parameter {
                let doc = docs.take(child);
                if let Some(name) = self.field_ident(child, f.name) {
                    out.push(Parameter {
                        name,
                        ty: child
                            .child_by_field_id(f.type_)
                            .and_then(|ty| self.lower_type(ty)),
                        docs: doc,
                        range: self.range(child),
                    });
                }
            } else {
                docs.clear();
            }
        }
        out
    }

    fn lower_type(&self, node: Node<'_>) -> Option<TypeRef> {
        let f = &self.ids.fields;
        let k = &self.ids.kinds;
        if node.kind_id() != k.type_reference {
            return None;
        }
        let name = self.field_ident(node, f.name)?;
        let arguments = node.child_by_field_id(f.arguments).map(|args| {
            let mut cursor = args.walk();
            args.named_children(&mut cursor)
                .filter_map(|arg| self.lower_type(arg))
                .collect()
        });
        let parameters = node.child_by_field_id(f.parameters).map(|params| {
            let mut cursor = params.walk();
            params
                .named_children(&mut cursor)
                .filter(|param| !param.is_extra() && !param.is_missing())
                .map(|param| TypeParameter {
                    text: self.node_text(param).to_string(),
                    is_number: param.kind_id() == k.number,
                    range: self.range(param),
                })
                .collect()
        });
        let arity = match node.child_by_field_id(f.modifier) {
            Some(modifier) if modifier.kind_id() == k.optional_modifier => Arity::Optional,
            Some(modifier) if modifier.kind_id() == k.list_modifier => Arity::List,
            _ => Arity::Required,
        };
        Some(TypeRef {
            name,
            arguments,
            parameters,
            arity,
            range: self.range(node),
        })
    }

    fn lower_attribute(&self, node: Node<'_>, is_block: bool) -> Attribute {
        let f = &self.ids.fields;
        let range = self.range(node);
        let sigil = if is_block { 2 } else { 1 };
        let name = self.field_ident(node, f.name).unwrap_or(Ident {
            text: String::new(),
            range: TextRange::new(range.start + sigil, range.start + sigil),
        });
        let arguments = node
            .child_by_field_id(f.arguments)
            .map(|args| self.lower_arguments(args));
        Attribute {
            name,
            is_block,
            arguments,
            range,
        }
    }

    fn lower_arguments(&self, node: Node<'_>) -> Arguments {
        let f = &self.ids.fields;
        let mut items = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.is_extra() {
                continue;
            }
            if child.kind_id() == self.ids.kinds.named_argument {
                let name = self.field_ident(child, f.name);
                let value = child
                    .child_by_field_id(f.value)
                    .map_or_else(|| self.error_expr(child), |value| self.lower_expr(value));
                items.push(Argument {
                    name,
                    value,
                    range: self.range(child),
                });
            } else {
                items.push(Argument {
                    name: None,
                    value: self.lower_expr(child),
                    range: self.range(child),
                });
            }
        }
        items.shrink_to_fit();
        Arguments {
            items,
            range: self.range(node),
        }
    }

    fn error_expr(&self, node: Node<'_>) -> Expr {
        Expr {
            kind: ExprKind::Error,
            range: TextRange::empty(self.range(node).end),
        }
    }

    fn lower_expr(&self, node: Node<'_>) -> Expr {
        let k = &self.ids.kinds;
        let f = &self.ids.fields;
        let range = self.range(node);
        let sub = |field: u16| -> Box<Expr> {
            Box::new(
                node.child_by_field_id(field)
                    .map_or_else(|| self.error_expr(node), |child| self.lower_expr(child)),
            )
        };
        let kind = node.kind_id();
        let expr_kind = if node.is_missing() || node.is_error() {
            ExprKind::Error
        } else if kind == k.identifier {
            ExprKind::Ident(self.node_text(node).to_string())
        } else if kind == k.string {
            let (value, quote) = unquote(self.node_text(node));
            ExprKind::String { value, quote }
        } else if kind == k.number {
            ExprKind::Number(self.node_text(node).to_string())
        } else if kind == k.true_ {
            ExprKind::Bool(true)
        } else if kind == k.false_ {
            ExprKind::Bool(false)
        } else if kind == k.null {
            ExprKind::Null
        } else if kind == k.binary_expression {
            let op = node
                .child_by_field_id(f.operator)
                .map_or(BinaryOp::Eq, |op| binary_op(op.kind()));
            ExprKind::Binary {
                op,
                left: sub(f.left),
                right: sub(f.right),
            }
        } else if kind == k.in_expression {
            ExprKind::In {
                negated: node.child_by_field_id(f.negated).is_some(),
                left: sub(f.left),
                right: sub(f.right),
            }
        } else if kind == k.unary_expression {
            ExprKind::Not(sub(f.operand))
        } else if kind == k.member_expression {
            match self.field_ident(node, f.property) {
                Some(property) => ExprKind::Member {
                    object: sub(f.object),
                    property,
                },
                None => ExprKind::Error,
            }
        } else if kind == k.call_expression {
            let arguments = node.child_by_field_id(f.arguments).map_or_else(
                || Arguments {
                    items: Vec::new(),
                    range: TextRange::empty(range.end),
                },
                |args| self.lower_arguments(args),
            );
            ExprKind::Call {
                callee: sub(f.function),
                arguments,
            }
        } else if kind == k.parenthesized_expression {
            match first_named(node) {
                Some(inner) => ExprKind::Paren(Box::new(self.lower_expr(inner))),
                None => ExprKind::Error,
            }
        } else if kind == k.array {
            let mut cursor = node.walk();
            ExprKind::Array(exact(
                node.named_children(&mut cursor)
                    .filter(|child| !child.is_extra())
                    .map(|child| self.lower_expr(child))
                    .collect(),
            ))
        } else {
            ExprKind::Error
        };
        Expr {
            kind: expr_kind,
            range,
        }
    }
}

fn first_named(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|child| !child.is_extra())
}

fn binary_op(text: &str) -> BinaryOp {
    match text {
        "||" => BinaryOp::Or,
        "&&" => BinaryOp::And,
        "!=" => BinaryOp::Ne,
        "<" => BinaryOp::Lt,
        "<=" => BinaryOp::Le,
        ">" => BinaryOp::Gt,
        ">=" => BinaryOp::Ge,
        _ => BinaryOp::Eq,
    }
}

/// The value of a string literal and its quoting.
///
/// `"..."` and `'...'` process `\\` and an escaped quote; any other backslash
/// is kept as written, so regular expressions read naturally. `"""..."""` is
/// taken verbatim.
pub fn unquote(raw: &str) -> (String, QuoteStyle) {
    if raw.len() >= 6 && raw.starts_with("\"\"\"") && raw.ends_with("\"\"\"") {
        return (raw[3..raw.len() - 3].to_string(), QuoteStyle::Triple);
    }
    let quote = if raw.starts_with('\'') {
        QuoteStyle::Single
    } else {
        QuoteStyle::Double
    };
    let quote_char = if quote == QuoteStyle::Single {
        '\''
    } else {
        '"'
    };
    let inner = raw
        .strip_prefix(quote_char)
        .map(|rest| rest.strip_suffix(quote_char).unwrap_or(rest))
        .unwrap_or(raw);
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) if next == '\\' || next == quote_char => value.push(next),
                Some(next) => {
                    value.push('\\');
                    value.push(next);
                }
                None => value.push('\\'),
            }
        } else {
            value.push(c);
        }
    }
    (value, quote)
}

fn nz(field: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(field).expect("field ids are non-zero")
}

/// `items` without spare capacity. A lowered tree lives as long as its
/// file, and a vector collected from a tree-sitter iterator (which gives no
/// size hint) or pushed to one member at a time keeps room for more: on a
/// large schema, a tenth of the lowered tree's memory.
fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}
