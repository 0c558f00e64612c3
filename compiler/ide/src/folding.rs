//! Folding ranges: declarations, multi-line attributes and `///` doc blocks.

use cstack_compiler::{Db, SourceFile, item_tree};
use cstack_diagnostics::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub range: TextRange,
    pub is_comment: bool,
}

pub fn folding_ranges(db: &dyn Db, file: SourceFile) -> Vec<Fold> {
    let text = file.text(db);
    let spans_lines = |range: TextRange| {
        text.get(range.to_range())
            .is_some_and(|t| t.trim_end().contains('\n'))
    };
    let mut out = Vec::new();
    for decl in &item_tree(db, file).decls {
        let base = decl.offset(db);
        let syntax = decl.syntax(db);
        let range = syntax.range.shifted(base);
        if spans_lines(range) {
            out.push(Fold {
                range,
                is_comment: false,
            });
        }
        for attribute in crate::hover::all_attributes(syntax) {
            let range = attribute.range.shifted(base);
            if spans_lines(range) {
                out.push(Fold {
                    range,
                    is_comment: false,
                });
            }
        }
    }
    // Runs of two or more `///` or `//` lines.
    let mut run: Option<(usize, usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let is_comment = line.trim_start().starts_with("//");
        let end = offset + line.trim_end().len();
        run = match (run, is_comment) {
            (Some((start, _, count)), true) => Some((start, end, count + 1)),
            (None, true) => Some((offset, end, 1)),
            (Some((start, last, count)), false) => {
                if count > 1 {
                    out.push(Fold {
                        range: TextRange::new(start as u32, last as u32),
                        is_comment: true,
                    });
                }
                None
            }
            (None, false) => None,
        };
        offset += line.len();
    }
    if let Some((start, last, count)) = run
        && count > 1
    {
        out.push(Fold {
            range: TextRange::new(start as u32, last as u32),
            is_comment: true,
        });
    }
    out.sort_by_key(|fold| fold.range.start);
    out
}
