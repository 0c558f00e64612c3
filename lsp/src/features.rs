//! The read requests: each turns a [`Snapshot`] and LSP parameters into an
//! LSP result by asking `cstack-ide` in byte offsets and converting back.
//! They run on a blocking thread, never on the protocol loop.

use crate::convert::{self, Lines};
use crate::world::Snapshot;
use cstack_compiler::SourceFile;
use cstack_ide as ide;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{self as lsp, Uri};

/// Runs `work` with the snapshot's text and line index.
pub fn with_lines<T>(snapshot: &Snapshot, work: impl FnOnce(&Lines<'_>) -> T) -> T {
    let text = snapshot.file.text(&snapshot.db);
    let index = ide::line_index(&snapshot.db, snapshot.file);
    work(&Lines {
        text,
        index,
        encoding: snapshot.encoding,
    })
}

/// Every diagnostic of the snapshot's file: the compiler's and, with
/// committed migration snapshots beside it, the changes that would lose
/// data in the next migration (W8001), from one memoised query.
pub fn diagnostics(snapshot: &Snapshot) -> Vec<lsp::Diagnostic> {
    let diagnostics =
        cstack_migrate::lint::file_diagnostics(&snapshot.db, snapshot.file, snapshot.baseline);
    with_lines(snapshot, |lines| {
        diagnostics
            .iter()
            .map(|diagnostic| convert::diagnostic(lines, &snapshot.uri, diagnostic))
            .collect()
    })
}

pub fn hover(snapshot: &Snapshot, position: lsp::Position) -> Option<lsp::Hover> {
    with_lines(snapshot, |lines| {
        let found = ide::hover(&snapshot.db, snapshot.file, lines.offset(position))?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: found.markdown,
            }),
            range: Some(lines.range(found.range)),
        })
    })
}

pub fn definition(
    snapshot: &Snapshot,
    position: lsp::Position,
) -> Option<lsp::GotoDefinitionResponse> {
    with_lines(snapshot, |lines| {
        let target = ide::definition(&snapshot.db, snapshot.file, lines.offset(position))?;
        Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
            snapshot.uri.clone(),
            lines.range(target.focus_range),
        )))
    })
}

pub fn references(
    snapshot: &Snapshot,
    position: lsp::Position,
    include_declaration: bool,
) -> Vec<lsp::Location> {
    with_lines(snapshot, |lines| {
        ide::references(
            &snapshot.db,
            snapshot.file,
            lines.offset(position),
            include_declaration,
        )
        .into_iter()
        .map(|range| lsp::Location::new(snapshot.uri.clone(), lines.range(range)))
        .collect()
    })
}

fn symbol_kind(kind: ide::SymbolKind) -> lsp::SymbolKind {
    use ide::SymbolKind as K;
    match kind {
        K::Datasource | K::Config => lsp::SymbolKind::NAMESPACE,
        K::Auth | K::Type => lsp::SymbolKind::STRUCT,
        K::Mixin => lsp::SymbolKind::INTERFACE,
        K::Model | K::View => lsp::SymbolKind::CLASS,
        K::Enum => lsp::SymbolKind::ENUM,
        K::Procedure => lsp::SymbolKind::FUNCTION,
        K::Field => lsp::SymbolKind::FIELD,
        K::Variant => lsp::SymbolKind::ENUM_MEMBER,
        K::Parameter => lsp::SymbolKind::VARIABLE,
        K::Entry => lsp::SymbolKind::PROPERTY,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn document_symbol(
    lines: &Lines<'_>,
    offset: u32,
    symbol: &ide::DocumentSymbol,
) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: if symbol.name.is_empty() {
            "(unnamed)".to_string()
        } else {
            symbol.name.clone()
        },
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: lines.range(symbol.full_range.shifted(offset)),
        selection_range: lines.range(symbol.name_range.shifted(offset)),
        children: (!symbol.children.is_empty()).then(|| {
            symbol
                .children
                .iter()
                .map(|child| document_symbol(lines, offset, child))
                .collect()
        }),
    }
}

pub fn document_symbols(snapshot: &Snapshot) -> lsp::DocumentSymbolResponse {
    with_lines(snapshot, |lines| {
        lsp::DocumentSymbolResponse::Nested(
            ide::relative_document_symbols(&snapshot.db, snapshot.file)
                .into_iter()
                .map(|(offset, symbol)| document_symbol(lines, offset, symbol))
                .collect(),
        )
    })
}

/// The outline as JSON text, written straight from the compiler's symbols:
/// the same answer as serialising [`document_symbols`], without building
/// the LSP structs (a copy of every name and detail) first.
pub fn document_symbols_json(snapshot: &Snapshot) -> serde_json::Result<String> {
    with_lines(snapshot, |lines| {
        let symbols = ide::relative_document_symbols(&snapshot.db, snapshot.file);
        let outline: Vec<OutlineEntry<'_, '_>> = symbols
            .iter()
            .map(|&(offset, symbol)| OutlineEntry {
                lines,
                offset,
                symbol,
            })
            .collect();
        serde_json::to_string(&outline)
    })
}

/// One `DocumentSymbol` as the protocol spells it, serialised on the fly.
struct OutlineEntry<'l, 's> {
    lines: &'l Lines<'l>,
    offset: u32,
    symbol: &'s ide::DocumentSymbol,
}

impl serde::Serialize for OutlineEntry<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let symbol = self.symbol;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(
            "name",
            if symbol.name.is_empty() {
                "(unnamed)"
            } else {
                &symbol.name
            },
        )?;
        if let Some(detail) = &symbol.detail {
            map.serialize_entry("detail", detail)?;
        }
        map.serialize_entry("kind", &symbol_kind(symbol.kind))?;
        map.serialize_entry(
            "range",
            &self.lines.range(symbol.full_range.shifted(self.offset)),
        )?;
        map.serialize_entry(
            "selectionRange",
            &self.lines.range(symbol.name_range.shifted(self.offset)),
        )?;
        if !symbol.children.is_empty() {
            let children: Vec<OutlineEntry<'_, '_>> = symbol
                .children
                .iter()
                .map(|child| OutlineEntry {
                    lines: self.lines,
                    offset: self.offset,
                    symbol: child,
                })
                .collect();
            map.serialize_entry("children", &children)?;
        }
        map.end()
    }
}

pub fn workspace_symbols(
    db: &cstack_compiler::RootDatabase,
    files: &[(Uri, SourceFile)],
    encoding: convert::Encoding,
    query: &str,
) -> Vec<lsp::WorkspaceSymbol> {
    let uris: HashMap<SourceFile, &Uri> = files.iter().map(|(uri, file)| (*file, uri)).collect();
    let only: Vec<SourceFile> = files.iter().map(|(_, file)| *file).collect();
    ide::workspace_symbols(db, &only, query, 500)
        .into_iter()
        .map(|symbol| {
            let text = symbol.file.text(db);
            let index = ide::line_index(db, symbol.file);
            let lines = Lines {
                text,
                index,
                encoding,
            };
            lsp::WorkspaceSymbol {
                name: symbol.name,
                kind: symbol_kind(symbol.kind),
                tags: None,
                container_name: symbol.container,
                location: lsp::OneOf::Left(lsp::Location::new(
                    uris[&symbol.file].clone(),
                    lines.range(symbol.name_range),
                )),
                data: None,
            }
        })
        .collect()
}

fn completion_kind(kind: ide::CompletionKind) -> lsp::CompletionItemKind {
    use ide::CompletionKind as K;
    match kind {
        K::Keyword => lsp::CompletionItemKind::KEYWORD,
        K::Type => lsp::CompletionItemKind::TYPE_PARAMETER,
        K::Attribute => lsp::CompletionItemKind::PROPERTY,
        K::Field => lsp::CompletionItemKind::FIELD,
        K::Variant => lsp::CompletionItemKind::ENUM_MEMBER,
        K::Function => lsp::CompletionItemKind::FUNCTION,
        K::Value => lsp::CompletionItemKind::VALUE,
        K::Declaration => lsp::CompletionItemKind::CLASS,
    }
}

pub fn completion(snapshot: &Snapshot, position: lsp::Position) -> lsp::CompletionResponse {
    with_lines(snapshot, |lines| {
        let found = ide::completions(&snapshot.db, snapshot.file, lines.offset(position));
        let items = found
            .items
            .into_iter()
            .map(|item| lsp::CompletionItem {
                label: item.label,
                kind: Some(completion_kind(item.kind)),
                detail: item.detail,
                documentation: item.documentation.map(|value| {
                    lsp::Documentation::MarkupContent(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value,
                    })
                }),
                insert_text_format: Some(if item.is_snippet {
                    lsp::InsertTextFormat::SNIPPET
                } else {
                    lsp::InsertTextFormat::PLAIN_TEXT
                }),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    lines.range(item.replace),
                    item.insert,
                ))),
                ..Default::default()
            })
            .collect();
        lsp::CompletionResponse::List(lsp::CompletionList {
            is_incomplete: found.is_incomplete,
            items,
        })
    })
}

fn text_edits(lines: &Lines<'_>, edits: Vec<ide::TextEdit>) -> Vec<lsp::TextEdit> {
    edits
        .into_iter()
        .map(|edit| lsp::TextEdit::new(lines.range(edit.range), edit.new_text))
        .collect()
}

pub fn prepare_rename(
    snapshot: &Snapshot,
    position: lsp::Position,
) -> Option<lsp::PrepareRenameResponse> {
    with_lines(snapshot, |lines| {
        let (range, placeholder) =
            ide::prepare_rename(&snapshot.db, snapshot.file, lines.offset(position)).ok()?;
        Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
            range: lines.range(range),
            placeholder,
        })
    })
}

pub fn rename(
    snapshot: &Snapshot,
    position: lsp::Position,
    new_name: &str,
) -> Result<lsp::WorkspaceEdit, ide::RenameError> {
    with_lines(snapshot, |lines| {
        let edits = ide::rename(
            &snapshot.db,
            snapshot.file,
            lines.offset(position),
            new_name,
        )?;
        let mut changes = HashMap::new();
        changes.insert(snapshot.uri.clone(), text_edits(lines, edits));
        Ok(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        })
    })
}

pub fn semantic_tokens(snapshot: &Snapshot, range: Option<lsp::Range>) -> lsp::SemanticTokens {
    with_lines(snapshot, |lines| {
        let range = range.map(|range| lines.text_range(range));
        let tokens = ide::semantic_tokens(&snapshot.db, snapshot.file, range);
        let mut data = Vec::with_capacity(tokens.len());
        let (mut last_line, mut last_start) = (0u32, 0u32);
        for token in tokens {
            let start = lines.position(token.range.start);
            let end = lines.position(token.range.end);
            if end.line != start.line {
                continue;
            }
            let delta_line = start.line - last_line;
            let delta_start = if delta_line == 0 {
                start.character - last_start
            } else {
                start.character
            };
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type: token.kind as u32,
                token_modifiers_bitset: u32::from(token.is_declaration),
            });
            last_line = start.line;
            last_start = start.character;
        }
        lsp::SemanticTokens {
            result_id: None,
            data,
        }
    })
}

pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: ide::TOKEN_TYPES
            .iter()
            .map(|name| lsp::SemanticTokenType::new(name))
            .collect(),
        token_modifiers: vec![lsp::SemanticTokenModifier::DECLARATION],
    }
}

pub fn folding_ranges(snapshot: &Snapshot) -> Vec<lsp::FoldingRange> {
    with_lines(snapshot, |lines| {
        ide::folding_ranges(&snapshot.db, snapshot.file)
            .into_iter()
            .filter_map(|fold| {
                let start = lines.position(fold.range.start).line;
                let end = lines.position(fold.range.end).line;
                (end > start).then(|| lsp::FoldingRange {
                    start_line: start,
                    end_line: end,
                    kind: Some(if fold.is_comment {
                        lsp::FoldingRangeKind::Comment
                    } else {
                        lsp::FoldingRangeKind::Region
                    }),
                    ..Default::default()
                })
            })
            .collect()
    })
}

pub fn selection_ranges(
    snapshot: &Snapshot,
    positions: &[lsp::Position],
) -> Vec<lsp::SelectionRange> {
    with_lines(snapshot, |lines| {
        positions
            .iter()
            .map(|&position| {
                let ranges =
                    ide::selection_ranges(&snapshot.db, snapshot.file, lines.offset(position));
                let mut current: Option<lsp::SelectionRange> = None;
                for range in ranges.into_iter().rev() {
                    current = Some(lsp::SelectionRange {
                        range: lines.range(range),
                        parent: current.map(Box::new),
                    });
                }
                current.unwrap_or(lsp::SelectionRange {
                    range: lsp::Range::new(position, position),
                    parent: None,
                })
            })
            .collect()
    })
}

pub fn inlay_hints(snapshot: &Snapshot, range: lsp::Range) -> Vec<lsp::InlayHint> {
    with_lines(snapshot, |lines| {
        ide::inlay_hints(&snapshot.db, snapshot.file, lines.text_range(range))
            .into_iter()
            .map(|hint| lsp::InlayHint {
                position: lines.position(hint.offset),
                label: lsp::InlayHintLabel::String(hint.label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect()
    })
}

pub fn code_actions(snapshot: &Snapshot, range: lsp::Range) -> lsp::CodeActionResponse {
    with_lines(snapshot, |lines| {
        ide::code_actions(&snapshot.db, snapshot.file, lines.text_range(range))
            .into_iter()
            .map(|action| {
                let mut changes = HashMap::new();
                changes.insert(snapshot.uri.clone(), text_edits(lines, action.edits));
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: action.title,
                    kind: Some(match action.kind {
                        ide::ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
                        ide::ActionKind::Refactor => lsp::CodeActionKind::REFACTOR,
                    }),
                    diagnostics: action.fixes.map(|diagnostic| {
                        vec![convert::diagnostic(lines, &snapshot.uri, &diagnostic)]
                    }),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(changes),
                        ..Default::default()
                    }),
                    command: None,
                    is_preferred: Some(action.is_preferred),
                    disabled: None,
                    data: None,
                })
            })
            .collect()
    })
}

/// The formatting edits, or `None` when the text has syntax errors.
pub fn formatting(snapshot: &Snapshot) -> Option<Vec<lsp::TextEdit>> {
    with_lines(snapshot, |lines| {
        let edits = ide::format_file(&snapshot.db, snapshot.file).ok()?;
        Some(text_edits(lines, edits))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::World;

    /// The outline written straight to JSON is the one the LSP types give.
    #[test]
    fn the_direct_outline_equals_the_typed_one() {
        for encoding in [convert::Encoding::Utf8, convert::Encoding::Utf16] {
            let mut world = World::default();
            world.encoding = encoding;
            let uri: Uri = "file:///outline.cstack".parse().expect("a URI");
            let text = format!(
                "{}\nmodel Ünïcode {{\n  id Int @id\n  naïve String\n}}\n",
                include_str!("../../examples/blog.cstack")
            );
            world.open(uri.clone(), text, 1);
            let snapshot = world.snapshot(&uri).expect("open");
            let typed = serde_json::to_value(document_symbols(&snapshot)).expect("serialises");
            let direct: serde_json::Value =
                serde_json::from_str(&document_symbols_json(&snapshot).expect("serialises"))
                    .expect("valid JSON");
            assert!(typed.as_array().is_some_and(|symbols| symbols.len() > 3));
            assert_eq!(direct, typed);
        }
    }
}
