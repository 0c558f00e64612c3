//! `check_file`: every diagnostic of a file, with absolute ranges, in a
//! stable order. What the command line prints and the language server
//! publishes.

use crate::validate::{validate_decl, validate_names};
use crate::{Db, RootDatabase, SourceFile, item_tree, parse};
use cstack_diagnostics::{Anchor, Diagnostic, Severity};
use rustc_hash::FxHashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

#[salsa::tracked(returns(ref))]
pub fn check_file(db: &dyn Db, file: SourceFile) -> CheckResult {
    let decls = &item_tree(db, file).decls;
    let offsets: FxHashMap<Anchor, u32> = decls
        .iter()
        .map(|decl| (decl.anchor(), decl.offset(db)))
        .collect();
    let mut diagnostics = parse(db, file).errors();
    let semantic = validate_names(db, file).iter().chain(
        decls
            .iter()
            .flat_map(|decl| validate_decl(db, *decl).diagnostics.iter()),
    );
    for diagnostic in semantic {
        let mut diagnostic = diagnostic.clone();
        diagnostic.resolve(|anchor| offsets.get(&anchor).copied());
        diagnostics.push(diagnostic);
    }
    diagnostics.sort_by(|a, b| {
        (a.primary.range.start, a.primary.range.end, a.code).cmp(&(
            b.primary.range.start,
            b.primary.range.end,
            b.code,
        ))
    });
    diagnostics.dedup();
    CheckResult { diagnostics }
}

/// Below this many declarations, validation stays on one thread.
const PARALLEL_DECLARATIONS: usize = 256;

/// [`check_file`], after validating the declarations on two threads: what a
/// one-shot check of a large schema calls. The work on the second thread goes
/// through a clone of the database, so its results are ordinary memos that
/// `check_file` then reuses.
pub fn check_file_in_parallel(db: &RootDatabase, file: SourceFile) -> &CheckResult {
    let count = item_tree(db, file).decls.len();
    if count >= PARALLEL_DECLARATIONS {
        let other = db.clone();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                validate_names(&other, file);
                for decl in &item_tree(&other, file).decls[count / 2..] {
                    validate_decl(&other, *decl);
                }
            });
            for decl in &item_tree(db, file).decls[..count / 2] {
                validate_decl(db, *decl);
            }
        });
    }
    check_file(db, file)
}
