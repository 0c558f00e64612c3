//! Renders declarations, types, attributes and expressions from the
//! concrete syntax tree of one segment.

use crate::fields::fields;
use tree_sitter::Node;

/// Renders nodes of one segment's tree; `text` is the segment's text.
pub struct Printer<'t> {
    pub text: &'t str,
}

impl<'t> Printer<'t> {
    pub fn new(text: &'t str) -> Self {
        Self { text }
    }

    /// The source text of `node`.
    pub fn source(&self, node: Node<'_>) -> &'t str {
        &self.text[node.byte_range()]
    }

    /// A comment as written, without trailing whitespace.
    pub fn comment(&self, node: Node<'_>) -> String {
        self.source(node).trim_end().to_string()
    }

    /// Whether a comment sits anywhere inside `node`: such a node is kept
    /// exactly as written rather than re-spaced.
    pub fn contains_comment(&self, node: Node<'_>) -> bool {
        // Most nodes have no `//` in their text at all, and then no comment.
        if !self.source(node).contains("//") {
            return false;
        }
        let mut cursor = node.walk();
        let mut descend = cursor.goto_first_child();
        while descend {
            let child = cursor.node();
            if child.is_extra() || (child.child_count() > 0 && self.contains_comment(child)) {
                return true;
            }
            descend = cursor.goto_next_sibling();
        }
        false
    }

    /// A top-level declaration or comment.
    pub fn top_level(&self, node: Node<'_>) -> String {
        if node.is_extra() {
            return self.comment(node);
        }
        if node.kind() == "procedure_declaration" {
            return self.procedure(node);
        }
        let Some(body) = node.child_by_field_id(fields().body.get()) else {
            // `transport rpc`: a one-line directive.
            return self.words(node);
        };
        let header_has_comment = {
            let mut cursor = node.walk();
            node.children(&mut cursor)
                .take_while(|child| child.id() != body.id())
                .any(|child| child.is_extra() || self.contains_comment(child))
        };
        if header_has_comment {
            return self.source(node).to_string();
        }
        let header = self.header(node, body);
        self.block(&header, body)
    }

    /// The words of a declaration header up to its body, single-spaced, with
    /// view sources as `from A, B`.
    fn header(&self, node: Node<'_>, body: Node<'_>) -> String {
        let mut out = String::new();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.id() == body.id() {
                break;
            }
            if child.kind() == "view_sources" {
                let mut sources = child.walk();
                let names: Vec<&str> = child
                    .children_by_field_id(fields().source, &mut sources)
                    .map(|source| self.source(source))
                    .collect();
                push_word(&mut out, &names.join(", "));
            } else {
                push_word(&mut out, self.source(child));
            }
        }
        out
    }

    /// The node's tokens joined by single spaces.
    fn words(&self, node: Node<'_>) -> String {
        let mut out = String::new();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            push_word(&mut out, self.source(child));
        }
        out
    }

    /// `[mutation] procedure name(params): Type` and its attribute lines.
    fn procedure(&self, node: Node<'_>) -> String {
        let mut out = String::new();
        if node.child_by_field_id(fields().mutation.get()).is_some() {
            out.push_str("mutation ");
        }
        out.push_str("procedure ");
        if let Some(name) = node.child_by_field_id(fields().name.get()) {
            out.push_str(self.source(name));
        }
        if let Some(parameters) = node.child_by_field_id(fields().parameters.get()) {
            out.push_str(&self.parameters(parameters));
        }
        out.push_str(": ");
        let return_type = node.child_by_field_id(fields().return_type.get());
        if let Some(ty) = return_type {
            out.push_str(&self.type_reference(ty));
        }
        // Attribute lines and the comments among them, in order.
        let mut previous_end = return_type.map_or(node.end_byte(), |ty| ty.end_byte());
        let mut cursor = node.walk();
        let tail = node
            .children(&mut cursor)
            .filter(|child| child.start_byte() >= previous_end && child.is_named());
        let tail: Vec<Node<'_>> = tail.collect();
        for child in tail {
            let gap = &self.text[previous_end..child.start_byte()];
            let newlines = gap.matches('\n').count();
            let line = if child.is_extra() {
                self.comment(child)
            } else {
                self.attribute(child)
            };
            if newlines == 0 && child.is_extra() {
                out.push(' ');
            } else {
                out.push_str(if newlines >= 2 { "\n\n  " } else { "\n  " });
            }
            out.push_str(&line);
            previous_end = child.end_byte();
        }
        out
    }

    fn parameters(&self, node: Node<'_>) -> String {
        if self.contains_comment(node) {
            return self.source(node).to_string();
        }
        let mut cursor = node.walk();
        let parameters: Vec<String> = node
            .named_children(&mut cursor)
            .map(|parameter| {
                let name = parameter
                    .child_by_field_id(fields().name.get())
                    .map_or("", |name| self.source(name));
                let ty = parameter
                    .child_by_field_id(fields().type_.get())
                    .map(|ty| self.type_reference(ty))
                    .unwrap_or_default();
                format!("{name}: {ty}")
            })
            .collect();
        format!("({})", parameters.join(", "))
    }

    /// `Name`, `Name?`, `Name[]`, `Page<T>`, `Vector(3)`, without spaces.
    pub fn type_reference(&self, node: Node<'_>) -> String {
        if self.contains_comment(node) {
            return self.source(node).to_string();
        }
        let mut out = String::new();
        if let Some(name) = node.child_by_field_id(fields().name.get()) {
            out.push_str(self.source(name));
        }
        if let Some(arguments) = node.child_by_field_id(fields().arguments.get()) {
            let mut cursor = arguments.walk();
            let inner: Vec<String> = arguments
                .named_children(&mut cursor)
                .map(|argument| self.type_reference(argument))
                .collect();
            out.push_str(&format!("<{}>", inner.join(", ")));
        }
        if let Some(parameters) = node.child_by_field_id(fields().parameters.get()) {
            let mut cursor = parameters.walk();
            let inner: Vec<&str> = parameters
                .named_children(&mut cursor)
                .map(|parameter| self.source(parameter))
                .collect();
            out.push_str(&format!("({})", inner.join(", ")));
        }
        if let Some(modifier) = node.child_by_field_id(fields().modifier.get()) {
            out.push_str(if modifier.kind() == "list_modifier" {
                "[]"
            } else {
                "?"
            });
        }
        out
    }

    /// `@name`, `@@name(arguments)`.
    pub fn attribute(&self, node: Node<'_>) -> String {
        if self.contains_comment(node) {
            return self.source(node).to_string();
        }
        let sigil = if node.kind() == "block_attribute" {
            "@@"
        } else {
            "@"
        };
        let name = node
            .child_by_field_id(fields().name.get())
            .map_or("", |name| self.source(name));
        let arguments = node
            .child_by_field_id(fields().arguments.get())
            .map(|arguments| self.arguments(arguments))
            .unwrap_or_default();
        format!("{sigil}{name}{arguments}")
    }

    /// `(a, key: b, key = c)`.
    fn arguments(&self, node: Node<'_>) -> String {
        let mut cursor = node.walk();
        let items: Vec<String> = node
            .named_children(&mut cursor)
            .map(|argument| {
                if argument.kind() != "named_argument" {
                    return self.expression(argument);
                }
                let name = argument
                    .child_by_field_id(fields().name.get())
                    .map_or("", |name| self.source(name));
                let separator = argument
                    .child_by_field_id(fields().separator.get())
                    .map_or(":", |separator| self.source(separator));
                let value = argument
                    .child_by_field_id(fields().value.get())
                    .map(|value| self.expression(value))
                    .unwrap_or_default();
                if separator == "=" {
                    format!("{name} = {value}")
                } else {
                    format!("{name}: {value}")
                }
            })
            .collect();
        format!("({})", items.join(", "))
    }

    /// An attribute value or policy expression, consistently spaced.
    pub fn expression(&self, node: Node<'_>) -> String {
        let field = |id: std::num::NonZeroU16| {
            node.child_by_field_id(id.get())
                .map(|child| self.expression(child))
                .unwrap_or_default()
        };
        match node.kind() {
            "binary_expression" => {
                let operator = node
                    .child_by_field_id(fields().operator.get())
                    .map_or("", |operator| self.source(operator));
                format!(
                    "{} {operator} {}",
                    field(fields().left),
                    field(fields().right)
                )
            }
            "in_expression" => {
                let not = if node.child_by_field_id(fields().negated.get()).is_some() {
                    " not"
                } else {
                    ""
                };
                format!("{}{not} in {}", field(fields().left), field(fields().right))
            }
            "unary_expression" => format!("!{}", field(fields().operand)),
            "member_expression" => {
                let property = node
                    .child_by_field_id(fields().property.get())
                    .map_or("", |property| self.source(property));
                format!("{}.{property}", field(fields().object))
            }
            "call_expression" => {
                let arguments = node
                    .child_by_field_id(fields().arguments.get())
                    .map(|arguments| self.arguments(arguments))
                    .unwrap_or_default();
                format!("{}{arguments}", field(fields().function))
            }
            "parenthesized_expression" => {
                let mut cursor = node.walk();
                let inner = node
                    .named_children(&mut cursor)
                    .next()
                    .map(|inner| self.expression(inner))
                    .unwrap_or_default();
                format!("({inner})")
            }
            "array" => {
                let mut cursor = node.walk();
                let items: Vec<String> = node
                    .named_children(&mut cursor)
                    .map(|item| self.expression(item))
                    .collect();
                format!("[{}]", items.join(", "))
            }
            // Identifiers and literals, strings (and their SQL) byte for byte.
            _ => self.source(node).to_string(),
        }
    }
}

/// Appends `word`, separated from what is there by one space.
fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}
