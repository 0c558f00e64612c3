//! Data-driven checker fixtures: every `tests/check/*.cstack` file is checked
//! and its diagnostics compared with the expectations written as comments.
//!
//! An expectation is a comment `// error[E1006]: message substring` (or
//! `warning[...]`) on the line directly below the offending line. Several
//! consecutive expectation comments all refer to the line above the first.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cstack_compiler::{RootDatabase, SourceFile};
use cstack_diagnostics::{CATALOGUE, LineIndex};
use cstack_migrate::lint;

#[derive(Debug)]
struct Expectation {
    line: usize,
    severity: String,
    code: String,
    message: String,
}

#[derive(Debug)]
struct Actual {
    line: usize,
    severity: String,
    code: String,
    message: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_files() -> Vec<PathBuf> {
    let dir = cstack_tests::fixtures_dir();
    let files = cstack_tests::schema_files(&dir);
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Parses `// error[CODE]: message` from a line, if it is an expectation.
fn parse_expectation(line: &str) -> Option<(String, String, String)> {
    let rest = line.trim_start().strip_prefix("//")?.trim_start();
    let (severity, rest) = if let Some(rest) = rest.strip_prefix("error[") {
        ("error", rest)
    } else if let Some(rest) = rest.strip_prefix("warning[") {
        ("warning", rest)
    } else {
        return None;
    };
    let (code, rest) = rest.split_once(']')?;
    let message = rest.strip_prefix(':').unwrap_or(rest).trim();
    Some((severity.to_string(), code.to_string(), message.to_string()))
}

fn expectations(text: &str) -> Vec<Expectation> {
    let mut out = Vec::new();
    // 1-based line the current run of expectation comments refers to.
    let mut target = None;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        match parse_expectation(line) {
            Some((severity, code, message)) => {
                let line = target.unwrap_or(line_no - 1);
                target = Some(line);
                out.push(Expectation {
                    line,
                    severity,
                    code,
                    message,
                });
            }
            None => target = None,
        }
    }
    out
}

fn actual(path: &Path, text: &str) -> Vec<Actual> {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, path.display().to_string(), text.to_string());
    let index = LineIndex::new(text);
    // A `<fixture>.migrations/` folder stands for the schema's committed
    // migrations: lossy changes against it are warnings.
    let (snapshots, problems) = lint::read_snapshots(&path.with_extension("migrations"));
    assert!(problems.is_empty(), "{problems:?}");
    let baseline = lint::MigrationBaseline::new(&db, snapshots);
    lint::file_diagnostics(&db, file, baseline)
        .iter()
        .map(|diagnostic| Actual {
            line: index.line_of(diagnostic.primary.range.start) + 1,
            severity: diagnostic.severity.as_str().to_string(),
            code: diagnostic.code.as_str().to_string(),
            message: diagnostic.message.clone(),
        })
        .collect()
}

/// Every mismatch between the expectations and the diagnostics of one file.
fn mismatches(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("read fixture");
    let expected = expectations(&text);
    let mut unmatched: Vec<Option<Actual>> = actual(path, &text).into_iter().map(Some).collect();
    let mut problems = Vec::new();
    for expectation in &expected {
        let found = unmatched.iter_mut().find(|slot| {
            slot.as_ref().is_some_and(|a| {
                a.line == expectation.line
                    && a.severity == expectation.severity
                    && a.code == expectation.code
                    && a.message.contains(&expectation.message)
            })
        });
        match found {
            Some(slot) => *slot = None,
            None => problems.push(format!(
                "line {}: expected {}[{}] containing {:?}, but it was not reported",
                expectation.line, expectation.severity, expectation.code, expectation.message
            )),
        }
    }
    for extra in unmatched.into_iter().flatten() {
        problems.push(format!(
            "line {}: unexpected {}[{}]: {}",
            extra.line, extra.severity, extra.code, extra.message
        ));
    }
    problems
}

#[test]
fn fixtures_match_expectations() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let problems = mismatches(&path);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", path.display(), problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_fixture_has_expectations() {
    let empty: Vec<String> = fixture_files()
        .into_iter()
        .filter(|path| expectations(&fs::read_to_string(path).expect("read fixture")).is_empty())
        .map(|path| path.display().to_string())
        .collect();
    assert!(empty.is_empty(), "fixtures without expectations: {empty:?}");
}

#[test]
fn every_code_has_a_fixture() {
    let mut covered = BTreeSet::new();
    for path in fixture_files() {
        let text = fs::read_to_string(&path).expect("read fixture");
        covered.extend(expectations(&text).into_iter().map(|e| e.code));
    }
    let missing: Vec<&str> = CATALOGUE
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !covered.contains(*code))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn every_code_is_documented() {
    let path = root().join("../docs/diagnostics.md");
    let docs = fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let missing: Vec<&str> = CATALOGUE
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !docs.contains(code))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing from docs/diagnostics.md: {missing:?}"
    );
}
