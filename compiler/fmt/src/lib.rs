//! The `.cstack` formatter.
//!
//! It works from the concrete syntax tree, so every comment (own-line,
//! trailing, `///` docs) stays where it was written, and `"""` SQL bodies are
//! copied byte for byte. The layout: one blank line between top-level
//! declarations, runs of blank lines inside a block collapsed to one,
//! two-space indentation, field names, types and first attributes aligned in
//! columns within a block, and one consistent spacing in attributes,
//! argument lists and policy expressions.
//!
//! A text with syntax errors is never formatted: [`format`] returns the
//! errors instead, so nothing the parser did not understand is rewritten.
//! Any construct with a comment inside it (between two tokens of an
//! attribute, say) is kept exactly as written.

mod block;
mod fields;
mod render;

use cstack_diagnostics::Diagnostic;
use render::Printer;

/// A top-level item: a declaration or a comment, rendered, with its
/// absolute byte range in the source.
struct TopItem {
    text: String,
    is_declaration: bool,
    start: usize,
    end: usize,
}

/// Formats a whole `.cstack` text, or returns its syntax errors.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    let segments = cstack_syntax::map_segments(text, |tree, segment, offset| {
        let errors = cstack_syntax::syntax_errors(tree, segment);
        if !errors.is_empty() {
            return Err(errors
                .into_iter()
                .map(|mut error| {
                    error.shift(offset);
                    error
                })
                .collect::<Vec<_>>());
        }
        let printer = Printer::new(segment);
        let root = tree.root_node();
        let mut cursor = root.walk();
        let items: Vec<TopItem> = root
            .named_children(&mut cursor)
            .map(|node| TopItem {
                text: printer.top_level(node),
                is_declaration: !node.is_extra(),
                start: offset as usize + node.start_byte(),
                end: offset as usize + node.end_byte(),
            })
            .collect();
        Ok(items)
    });

    let mut errors = Vec::new();
    let mut items = Vec::new();
    for segment in segments {
        match segment {
            Ok(segment_items) => items.extend(segment_items),
            Err(segment_errors) => errors.extend(segment_errors),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(join(text, &items))
}

/// Joins top-level items: declarations are separated by one blank line; a
/// comment stays on the line of what precedes it, or right above what
/// follows it, as written, with blank-line runs collapsed to one.
fn join(text: &str, items: &[TopItem]) -> String {
    let mut out = String::with_capacity(text.len());
    // The end of what precedes, and whether it ends a declaration (a comment
    // trailing a declaration on its line still counts as that declaration).
    let mut previous: Option<(usize, bool)> = None;
    for item in items {
        let trailing = match previous {
            None => false,
            Some((end, ends_declaration)) => {
                let newlines = text[end..item.start].matches('\n').count();
                let trailing = newlines == 0 && !item.is_declaration;
                out.push_str(if trailing {
                    " "
                } else if newlines >= 2 || (ends_declaration && item.is_declaration) {
                    "\n\n"
                } else {
                    "\n"
                });
                trailing
            }
        };
        out.push_str(&item.text);
        let ends_declaration =
            item.is_declaration || (trailing && previous.is_some_and(|(_, d)| d));
        previous = Some((item.end, ends_declaration));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
