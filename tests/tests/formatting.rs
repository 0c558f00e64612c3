//! The formatter: golden files (`tests/fmt/*.input.cstack` against
//! `*.expected.cstack`), and over the upstream corpus and every fixture:
//! formatting is idempotent, keeps every comment, and lowers to the same
//! validated schema (or the same diagnostics) as the original.

use cstack_compiler::{RootDatabase, SourceFile, check_file, schema_model};
use std::path::{Path, PathBuf};

/// Every comment's text, in order.
fn comments(text: &str) -> Vec<String> {
    let tree = cstack_syntax::parse_tree(text);
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        if node.is_extra() {
            out.push(text[node.byte_range()].trim().to_string());
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}

/// What a text means: its validated model, or its diagnostics without
/// positions when it has errors.
fn meaning(text: &str) -> String {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), text.to_string());
    match schema_model(&db, file) {
        Ok(model) => format!("{model:?}"),
        Err(_) => check_file(&db, file)
            .diagnostics
            .iter()
            .map(|d| format!("{} {}\n", d.code.as_str(), d.message))
            .collect(),
    }
}

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fmt");
    let inputs: Vec<PathBuf> = cstack_tests::schema_files(&dir)
        .into_iter()
        .filter(|path| path.to_string_lossy().ends_with(".input.cstack"))
        .collect();
    assert!(inputs.len() >= 5, "golden inputs are missing");
    let mut failures = Vec::new();
    for input in inputs {
        let expected_path = PathBuf::from(
            input
                .to_string_lossy()
                .replace(".input.cstack", ".expected.cstack"),
        );
        let text = std::fs::read_to_string(&input).expect("readable input");
        let expected =
            std::fs::read_to_string(&expected_path).expect("every input has an expected file");
        let formatted = cstack_fmt::format(&text).expect("golden inputs have no syntax errors");
        if formatted != expected {
            if std::env::var_os("UPDATE_EXPECT").is_some() {
                std::fs::write(&expected_path, &formatted).expect("writable expected file");
            } else {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}\n--- got\n{formatted}",
                    input.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn formatting_is_idempotent_keeps_comments_and_meaning() {
    let files = cstack_tests::fixtures_and_corpus();
    assert!(files.len() > 60, "inputs are missing");
    let mut failures = Vec::new();
    let mut formatted_count = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let Ok(once) = cstack_fmt::format(&text) else {
            // Only files with syntax errors are refused.
            assert!(
                !cstack_syntax::parse_whole(&text).errors.is_empty(),
                "{} was refused without syntax errors",
                path.display()
            );
            continue;
        };
        formatted_count += 1;
        let twice = cstack_fmt::format(&once).expect("formatted output parses");
        if once != twice {
            failures.push(format!(
                "{}: not idempotent\n{once}\n---\n{twice}",
                path.display()
            ));
        }
        if comments(&text) != comments(&once) {
            failures.push(format!("{}: comments changed", path.display()));
        }
        if meaning(&text) != meaning(&once) {
            failures.push(format!("{}: meaning changed\n{once}", path.display()));
        }
    }
    assert!(formatted_count > 60);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn syntax_errors_are_returned_not_formatted() {
    let errors = cstack_fmt::format("model A {\n  id Int @id(\n}\n").expect_err("syntax error");
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|e| e.code.as_str().starts_with("E0")));
}
