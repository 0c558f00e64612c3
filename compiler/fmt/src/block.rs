//! The layout of a `{ ... }` body: one member per line, two-space indent,
//! blank-line runs collapsed to one, comments kept where they are, and
//! field names, types and first attributes aligned in columns.

use crate::fields::fields;
use crate::render::Printer;
use tree_sitter::Node;

/// One line of a body, before alignment.
enum Member {
    /// `name Type @attributes`; `attributes` is empty when there are none.
    Field {
        name: String,
        ty: String,
        attributes: String,
    },
    /// `key = value` in a configuration block.
    Entry { key: String, value: String },
    /// Anything else: a block attribute, a comment, a field kept as written.
    Plain(String),
}

struct Line {
    member: Member,
    /// A `//` comment after the member on the same line.
    trailing: Option<String>,
    blank_before: bool,
}

impl Printer<'_> {
    /// `header {`, the body's lines, `}`.
    pub fn block(&self, header: &str, body: Node<'_>) -> String {
        let mut open_end = body.start_byte();
        let mut cursor = body.walk();
        let children: Vec<Node<'_>> = body.children(&mut cursor).collect();
        if let Some(open) = children.iter().find(|child| child.kind() == "{") {
            open_end = open.end_byte();
        }
        let mut header_comment = None;
        let mut lines: Vec<Line> = Vec::new();
        let mut previous_end = open_end;
        for child in children.iter().filter(|child| child.is_named()) {
            let gap = &self.text[previous_end..child.start_byte()];
            let newlines = gap.matches('\n').count();
            previous_end = child.end_byte();
            if child.is_extra() && newlines == 0 {
                let comment = Some(self.comment(*child));
                match lines.last_mut() {
                    Some(line) if line.trailing.is_none() => line.trailing = comment,
                    None if header_comment.is_none() => header_comment = comment,
                    // Not reachable: a line comment runs to the end of its line.
                    _ => lines.push(Line {
                        member: Member::Plain(self.comment(*child)),
                        trailing: None,
                        blank_before: false,
                    }),
                }
                continue;
            }
            lines.push(Line {
                member: self.member(*child),
                trailing: None,
                blank_before: newlines >= 2 && !lines.is_empty(),
            });
        }

        let mut out = String::with_capacity(64 + lines.len() * 48);
        out.push_str(header);
        out.push_str(" {");
        if let Some(comment) = header_comment {
            out.push(' ');
            out.push_str(&comment);
        }
        out.push('\n');
        let widths = Widths::of(&lines);
        for line in &lines {
            if line.blank_before {
                out.push('\n');
            }
            out.push_str("  ");
            let start = out.len();
            widths.render(&line.member, &mut out);
            if let Some(comment) = &line.trailing {
                if out.len() > start {
                    out.push(' ');
                }
                out.push_str(comment);
            }
            out.push('\n');
        }
        out.push('}');
        out
    }

    fn member(&self, node: Node<'_>) -> Member {
        if node.is_extra() {
            return Member::Plain(self.comment(node));
        }
        match node.kind() {
            // A comment between the tokens of the field itself keeps the
            // line as written; one inside an attribute keeps only that.
            "field_declaration" | "enum_variant" if !has_comment_child(node) => {
                let name = node
                    .child_by_field_id(fields().name.get())
                    .map_or("", |name| self.source(name))
                    .to_string();
                let ty = node
                    .child_by_field_id(fields().type_.get())
                    .map(|ty| self.type_reference(ty))
                    .unwrap_or_default();
                let mut cursor = node.walk();
                let attributes: Vec<String> = node
                    .children_by_field_id(fields().attribute, &mut cursor)
                    .map(|attribute| self.attribute(attribute))
                    .collect();
                Member::Field {
                    name,
                    ty,
                    attributes: attributes.join(" "),
                }
            }
            "config_entry" if !self.contains_comment(node) => Member::Entry {
                key: node
                    .child_by_field_id(fields().key.get())
                    .map_or("", |key| self.source(key))
                    .to_string(),
                value: node
                    .child_by_field_id(fields().value.get())
                    .map(|value| self.expression(value))
                    .unwrap_or_default(),
            },
            "attribute" | "block_attribute" => Member::Plain(self.attribute(node)),
            _ => Member::Plain(self.source(node).to_string()),
        }
    }
}

/// Column widths of a body, in characters.
struct Widths {
    name: usize,
    /// Of types followed by attributes (an enum variant has an empty type).
    ty: usize,
    key: usize,
}

impl Widths {
    fn of(lines: &[Line]) -> Self {
        let mut widths = Widths {
            name: 0,
            ty: 0,
            key: 0,
        };
        for line in lines {
            match &line.member {
                Member::Field {
                    name,
                    ty,
                    attributes,
                } => {
                    widths.name = widths.name.max(name.chars().count());
                    if !attributes.is_empty() {
                        widths.ty = widths.ty.max(ty.chars().count());
                    }
                }
                Member::Entry { key, .. } => widths.key = widths.key.max(key.chars().count()),
                Member::Plain(_) => {}
            }
        }
        widths
    }

    fn render(&self, member: &Member, out: &mut String) {
        match member {
            Member::Field {
                name,
                ty,
                attributes,
            } => {
                out.push_str(name);
                let rest = match (ty.is_empty(), attributes.is_empty()) {
                    (_, true) => ty.clone(),
                    // An enum variant: attributes start after the names.
                    (true, false) => attributes.clone(),
                    (false, false) => format!("{} {attributes}", pad(ty, self.ty)),
                };
                if !rest.is_empty() {
                    out.push_str(&" ".repeat(self.name - name.chars().count() + 1));
                    out.push_str(&rest);
                }
            }
            Member::Entry { key, value } => {
                out.push_str(&pad(key, self.key));
                out.push_str(" = ");
                out.push_str(value);
            }
            Member::Plain(text) => out.push_str(text),
        }
    }
}

fn has_comment_child(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|child| child.is_extra())
}

fn pad(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}
