//! The syntax layer: parses `.cstack` text with the tree-sitter grammar and
//! lowers it to a position-independent syntax tree ([`ast`]).
//!
//! Architecture invariant: this crate knows nothing of salsa, of files on
//! disk or of the language server. Parsing never fails; it returns
//! declarations plus syntax errors.
//!
//! A source is split into segments of whole declarations ([`segment`]) that
//! are parsed independently: in parallel on a cold parse, and only where the
//! text changed on a re-parse (through a [`SegmentCache`]).

pub mod ast;
mod errors;
mod kinds;
mod lower;
pub mod segment;

use cstack_diagnostics::Diagnostic;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use tree_sitter::{Parser, Tree};

pub use lower::unquote;

/// One parsed segment: its declarations and its syntax errors, with offsets
/// relative to the segment's start. The concrete tree is dropped once
/// lowered: nothing reads it again, and it is most of a parse's memory
/// (consumers of the tree itself use [`parse_tree`] or [`map_segments`]).
pub struct ParsedSegment {
    /// Declarations with their start offsets within the segment.
    pub declarations: Vec<(u32, Arc<ast::Declaration>)>,
    pub errors: Vec<Diagnostic>,
}

/// A parsed source: its segments with their start offsets.
#[derive(Clone, Default)]
pub struct ParsedSource {
    pub segments: Vec<(u32, Arc<ParsedSegment>)>,
}

impl ParsedSource {
    /// Every declaration with its absolute start offset, in source order.
    pub fn declarations(&self) -> impl Iterator<Item = (u32, &Arc<ast::Declaration>)> {
        self.segments.iter().flat_map(|(segment_start, segment)| {
            segment
                .declarations
                .iter()
                .map(move |(offset, decl)| (segment_start + offset, decl))
        })
    }

    /// Every syntax error, with absolute ranges.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (segment_start, segment) in &self.segments {
            for error in &segment.errors {
                let mut error = error.clone();
                error.resolve(|_| None);
                error.shift(*segment_start);
                out.push(error);
            }
        }
        out
    }

    pub fn has_errors(&self) -> bool {
        self.segments
            .iter()
            .any(|(_, segment)| !segment.errors.is_empty())
    }
}

/// The segments of the previous parse of one text, reused by text equality.
#[derive(Default)]
pub struct SegmentCache {
    segments: FxHashMap<Arc<str>, Arc<ParsedSegment>>,
}

/// Below this many bytes of new text a parse stays on one thread.
const PARALLEL_THRESHOLD: usize = 128 * 1024;

/// The byte range of every segment of `text`, in order.
fn segment_bounds(text: &str) -> Vec<(usize, usize)> {
    let starts = segment::segment_starts(text);
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| (start, starts.get(i + 1).copied().unwrap_or(text.len())))
        .collect()
}

/// Parses each piece of `text` and hands its tree to `work`, on two threads
/// with the piece's text and start, on two threads when there is enough
/// text; results come back in the order of `pieces`.
fn parse_pieces<T: Send>(
    text: &str,
    pieces: &[(usize, usize)],
    work: impl Fn(Tree, &str, usize) -> T + Sync,
) -> Vec<T> {
    let run = |pieces: &[(usize, usize)]| -> Vec<T> {
        let mut parser = new_parser();
        pieces
            .iter()
            .map(|&(start, end)| {
                let piece = &text[start..end];
                let tree = parser
                    .parse(piece, None)
                    .expect("parsing has no timeout or cancellation set");
                work(tree, piece, start)
            })
            .collect()
    };
    let total: usize = pieces.iter().map(|(start, end)| end - start).sum();
    if total < PARALLEL_THRESHOLD || pieces.len() < 2 {
        return run(pieces);
    }
    // Split the work in two halves of about equal size.
    let mut acc = 0;
    let split = pieces
        .iter()
        .position(|(start, end)| {
            acc += end - start;
            acc * 2 >= total
        })
        .map_or(pieces.len() / 2, |p| p + 1)
        .min(pieces.len() - 1);
    let (first, second) = pieces.split_at(split);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(second));
        let mut mine = run(first);
        mine.extend(
            other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        mine
    })
}

/// Parses `text`, reusing unchanged segments from `cache` and refilling it
/// with this parse's segments.
pub fn parse(text: &str, cache: &mut SegmentCache) -> ParsedSource {
    let bounds = segment_bounds(text);
    let mut results: Vec<Option<Arc<ParsedSegment>>> = bounds
        .iter()
        .map(|&(start, end)| cache.segments.get(&text[start..end]).cloned())
        .collect();
    let missing: Vec<usize> = (0..bounds.len())
        .filter(|&i| results[i].is_none())
        .collect();
    let pieces: Vec<(usize, usize)> = missing.iter().map(|&i| bounds[i]).collect();
    let parsed = parse_pieces(text, &pieces, |tree, piece, _| {
        Arc::new(lower_segment(tree, piece))
    });
    for (i, segment) in missing.into_iter().zip(parsed) {
        results[i] = Some(segment);
    }

    cache.segments.clear();
    let mut segments = Vec::with_capacity(bounds.len());
    for (&(start, end), segment) in bounds.iter().zip(results) {
        let segment = segment.expect("every segment is parsed or reused");
        cache
            .segments
            .insert(Arc::from(&text[start..end]), segment.clone());
        segments.push((start as u32, segment));
    }
    ParsedSource { segments }
}

/// Parses every segment of `text` (in parallel when large) and hands each
/// tree, with the segment's text and start offset, to `work`: for consumers
/// of the concrete syntax tree, such as the formatter, that need no lowering.
pub fn map_segments<T: Send>(text: &str, work: impl Fn(&Tree, &str, u32) -> T + Sync) -> Vec<T> {
    parse_pieces(text, &segment_bounds(text), |tree, piece, start| {
        work(&tree, piece, start as u32)
    })
}

/// Syntax errors under a tree, relative to the text it was parsed from.
pub fn syntax_errors(tree: &Tree, text: &str) -> Vec<Diagnostic> {
    errors::syntax_errors(tree.root_node(), text)
}

/// Parses `text` as one piece, without segmenting or caching: the reference
/// the segmented parse is tested against.
pub fn parse_whole(text: &str) -> ParsedSegment {
    lower_segment(parse_tree(text), text)
}

/// The concrete syntax tree of `text`, parsed as one piece.
pub fn parse_tree(text: &str) -> Tree {
    new_parser()
        .parse(text, None)
        .expect("parsing has no timeout or cancellation set")
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_cstack::LANGUAGE.into())
        .expect("the grammar's ABI matches the tree-sitter runtime");
    parser
}

fn lower_segment(tree: Tree, text: &str) -> ParsedSegment {
    let root = tree.root_node();
    let declarations = lower::lower_source(root, text)
        .into_iter()
        .map(|lowered| (lowered.offset, Arc::new(lowered.decl)))
        .collect();
    let errors = errors::syntax_errors(root, text);
    ParsedSegment {
        declarations,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> ParsedSource {
        parse(text, &mut SegmentCache::default())
    }

    #[test]
    fn docs_attach_to_the_next_member_and_blank_lines_reset_them() {
        let source = parse_text(
            "/// A user.\n/// Two lines.\nmodel User {\n/// The key.\n  id Int @id\n/// dropped\n\n  name String\n}\n",
        );
        let (_, user) = source.declarations().next().expect("one declaration");
        assert_eq!(user.docs.as_deref(), Some("A user.\nTwo lines."));
        assert_eq!(user.fields[0].docs.as_deref(), Some("The key."));
        assert_eq!(user.fields[1].docs, None);
    }

    #[test]
    fn a_missing_parenthesis_is_reported_after_the_last_token() {
        let text = "model A {\n  n String @length(min: 1\n  // note\n}\n";
        let errors = parse_text(text).errors();
        let missing = errors
            .iter()
            .find(|error| error.code == cstack_diagnostics::Code::SyntaxMissing)
            .expect("a missing-token error");
        let after_one = text.find("1\n").expect("the bound") as u32 + 1;
        assert_eq!(missing.primary.range.start, after_one);
    }

    #[test]
    fn segmented_and_whole_parses_agree() {
        let text = "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel A {\n  id Int @id\n}\n\n/// B\nmodel B {\n  id Int @id\n  a A @relation(fields: [id], references: [id])\n}\n";
        let segmented: Vec<_> = parse_text(text)
            .declarations()
            .map(|(offset, decl)| (offset, (**decl).clone()))
            .collect();
        let whole = parse_whole(text);
        let whole: Vec<_> = whole
            .declarations
            .iter()
            .map(|(offset, decl)| (*offset, (**decl).clone()))
            .collect();
        assert_eq!(segmented.len(), 3);
        assert_eq!(segmented, whole);
    }
}
