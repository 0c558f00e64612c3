//! The upstream conformance corpus: every file `MANIFEST.tsv` marks `valid`
//! checks without errors, every `invalid` file gets at least one error.
//!
//! The corpus folder comes from `CSTACK_CONFORMANCE_DIR`. Without it the test
//! fails in CI (`CI` set) and is reported as not run elsewhere, so it can
//! never pass silently where the corpus is expected.

use cstack_compiler::{RootDatabase, SourceFile, check_file};

#[test]
fn upstream_corpus_matches_manifest() {
    let Some(dir) = cstack_tests::corpus_dir() else {
        return;
    };
    let manifest =
        std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv is readable");
    let mut failures = Vec::new();
    let mut counted = 0;
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut columns = line.split('\t');
        let (Some(file), Some(verdict)) = (columns.next(), columns.next()) else {
            panic!("malformed manifest line: {line}");
        };
        let text =
            std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let db = RootDatabase::default();
        let source = SourceFile::new(&db, file.to_string(), text);
        let result = check_file(&db, source);
        counted += 1;
        match verdict {
            "valid" if result.has_errors() => failures.push(format!(
                "{file}: expected clean, got {:?}",
                result
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}", d.code.as_str(), d.message))
                    .collect::<Vec<_>>()
            )),
            "invalid" if !result.has_errors() => {
                failures.push(format!("{file}: expected an error, got none"))
            }
            "valid" | "invalid" => {}
            other => panic!("unknown verdict {other} for {file}"),
        }
    }
    assert_eq!(counted, 170, "the manifest lists 170 files");
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_valid_file_parses_without_error_nodes() {
    let Some(dir) = cstack_tests::corpus_dir() else {
        return;
    };
    let manifest =
        std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv is readable");
    for line in manifest.lines().skip(1) {
        let mut columns = line.split('\t');
        let (Some(file), Some("valid")) = (columns.next(), columns.next()) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file)).expect("corpus file is readable");
        let tree = cstack_syntax::parse_tree(&text);
        assert!(
            !tree.root_node().has_error(),
            "{file} has ERROR or MISSING nodes"
        );
    }
}
