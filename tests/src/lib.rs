//! Shared helpers for the workspace-level test suites: where their inputs
//! are, and walking folders of schemas.

use std::path::{Path, PathBuf};

/// `tests/check/`: one fixture per diagnostic code.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("check")
}

/// The upstream conformance corpus, from `CSTACK_CONFORMANCE_DIR`.
///
/// In CI (`CI` set) a missing variable fails the test; elsewhere the caller
/// is told the corpus is not available and reports that it did not run it.
pub fn corpus_dir() -> Option<PathBuf> {
    match std::env::var_os("CSTACK_CONFORMANCE_DIR") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CSTACK_CONFORMANCE_DIR must point at the upstream corpus in CI"
            );
            eprintln!("CSTACK_CONFORMANCE_DIR is not set: the upstream corpus is not used");
            None
        }
    }
}

/// Every `*.cstack` file below `dir`, sorted.
pub fn schema_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "cstack") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The fixtures and, when available, the upstream corpus.
pub fn fixtures_and_corpus() -> Vec<PathBuf> {
    let mut files = schema_files(&fixtures_dir());
    if let Some(corpus) = corpus_dir() {
        files.extend(schema_files(&corpus));
    }
    files
}
