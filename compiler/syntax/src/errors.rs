//! Syntax errors: one diagnostic per ERROR node and per MISSING node of a
//! tree, pointing at the first unexpected token or at the gap.

use cstack_diagnostics::{Code, Diagnostic, TextRange};
use tree_sitter::Node;

/// Collects the syntax errors under `root`, with ranges relative to `text`.
pub fn syntax_errors(root: Node<'_>, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if root.has_error() {
        collect(root, text, &mut out);
    }
    out
}

fn collect(node: Node<'_>, text: &str, out: &mut Vec<Diagnostic>) {
    if node.is_error() {
        out.push(unexpected(node, text));
        return;
    }
    if node.is_missing() {
        out.push(missing(node));
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.has_error() || child.is_missing() {
            collect(child, text, out);
        }
    }
}

fn unexpected(error: Node<'_>, text: &str) -> Diagnostic {
    let token = first_leaf(error);
    let mut range = TextRange::new(token.start_byte() as u32, token.end_byte() as u32);
    if range.is_empty() {
        range = TextRange::new(error.start_byte() as u32, error.end_byte() as u32);
    }
    let snippet = snippet(&text[range.to_range()]);
    let context = context(error);
    let message = if snippet.is_empty() {
        format!("unexpected input{context}")
    } else {
        format!("unexpected `{snippet}`{context}")
    };
    let help = help_for(&text[range.to_range()], error);
    let diagnostic =
        Diagnostic::error(Code::SyntaxUnexpected, message, range).with_label("unexpected here");
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

fn missing(node: Node<'_>) -> Diagnostic {
    // Report the gap right after the last real token, not after comments
    // and line breaks the parser skipped before noticing.
    let mut previous = node.prev_sibling();
    while let Some(sibling) = previous.filter(|sibling| sibling.is_extra()) {
        previous = sibling.prev_sibling();
    }
    let offset = previous.map_or(node.start_byte(), |previous| previous.end_byte()) as u32;
    let parent = node.parent();
    let parent_kind = parent.map_or("", |parent| parent.kind());
    let what = match (node.kind(), parent_kind) {
        ("identifier", "type_reference") | ("type_reference", _) => "a type".to_string(),
        ("identifier", "field_declaration") => "a type after the field name".to_string(),
        ("identifier", _) => "a name".to_string(),
        ("}", _) => "`}` to close the block".to_string(),
        (")", _) => "`)` to close the parentheses".to_string(),
        ("]", _) => "`]` to close the list".to_string(),
        (kind, _) if kind.starts_with('_') || kind.contains('_') => {
            kind.trim_start_matches('_').replace('_', " ")
        }
        (kind, _) => format!("`{kind}`"),
    };
    Diagnostic::error(
        Code::SyntaxMissing,
        format!("expected {what}{}", context_of_kind(parent_kind)),
        TextRange::empty(offset),
    )
    .with_label(format!("expected {what}"))
}

fn first_leaf(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    while let Some(child) = current.child(0) {
        current = child;
    }
    current
}

fn snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 40 {
        let cut: String = line.chars().take(40).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

fn context(error: Node<'_>) -> String {
    error.parent().map_or(String::new(), |parent| {
        context_of_kind(parent.kind()).to_string()
    })
}

fn context_of_kind(kind: &str) -> &'static str {
    match kind {
        "source_file" => " at the top level",
        "field_body" => " in a block body",
        "enum_body" => " in an enum body",
        "config_body" => " in a configuration block",
        "field_declaration" => " in a field",
        "arguments" => " in an argument list",
        "parameter_list" => " in a parameter list",
        "type_reference" => " in a type",
        "attribute" | "block_attribute" => " in an attribute",
        "procedure_declaration" => " in a procedure",
        "view_declaration" => " in a view header",
        "binary_expression" | "in_expression" | "unary_expression" | "parenthesized_expression" => {
            " in an expression"
        }
        _ => "",
    }
}

fn help_for(token: &str, error: Node<'_>) -> Option<String> {
    let parent = error.parent().map_or("", |parent| parent.kind());
    if token.starts_with("/*") {
        return Some("block comments are not supported; use `//` line comments".to_string());
    }
    if parent == "source_file" && token.starts_with('@') {
        return Some(
            "attributes belong on a field, inside a block, or on the lines after a procedure signature"
                .to_string(),
        );
    }
    if parent == "source_file" {
        return Some(
            "expected a declaration: datasource, auth, mixin, model, type, enum, view, procedure, extension, mcp or transport"
                .to_string(),
        );
    }
    if token == "(" {
        return Some(
            "write attribute arguments directly after the name, as in `@default(0)`".to_string(),
        );
    }
    None
}
