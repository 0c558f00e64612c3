//! No panic on any input: every line-prefix of the corpus files and of the
//! fixtures, and seeded random mutations, go through the whole pipeline
//! (parse, validation, `check_file`, `schema_model`), and the formatter's
//! output re-parses cleanly and is stable.

use cstack_compiler::{RootDatabase, SourceFile, check_file, schema_model};

fn check(text: &str) {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "input.cstack".to_string(), text.to_string());
    let result = check_file(&db, file);
    for diagnostic in &result.diagnostics {
        for label in diagnostic.labels() {
            assert!(
                label.range.start <= label.range.end && label.range.end as usize <= text.len(),
                "label range {:?} outside the text ({} bytes) for {}",
                label.range,
                text.len(),
                diagnostic.message
            );
        }
    }
    let _ = schema_model(&db, file);
    if let Ok(formatted) = cstack_fmt::format(text) {
        match cstack_fmt::format(&formatted) {
            Ok(again) => assert_eq!(
                again, formatted,
                "formatting is not idempotent for {text:?}"
            ),
            Err(errors) => {
                panic!("formatting {text:?} produced syntax errors: {errors:?}\n{formatted}")
            }
        }
    }
}

#[test]
fn every_line_prefix_checks_without_panicking() {
    let files = cstack_tests::fixtures_and_corpus();
    assert!(!files.is_empty(), "no inputs found");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            check(&text[..end]);
            // Also the prefix cut inside the line, mid-token.
            let mid = end - line.len() / 2;
            if text.is_char_boundary(mid) {
                check(&text[..mid]);
            }
        }
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@",
    "@@",
    "\"",
    "'",
    "\"\"\"",
    "//",
    "///",
    "\n",
    " ",
    ",",
    ":",
    "=",
    "?",
    "[]",
    "<",
    ">",
    "!",
    "&&",
    "||",
    "==",
    "model",
    "view",
    "from",
    "auth()",
    ".",
    "some",
    "@id",
    "@relation(fields: [a], references: [b])",
    "@@allow(\"read\", ",
    "Int",
    "String",
    "é",
    "\u{0}",
    "-0.5",
];

#[test]
fn random_mutations_check_without_panicking() {
    let files = cstack_tests::fixtures_and_corpus();
    let mut rng = Rng(0x5eed_cafe_f00d);
    for path in files.iter().take(60) {
        let text = std::fs::read_to_string(path).expect("readable");
        for _ in 0..25 {
            let mut mutated = text.clone();
            for _ in 0..1 + rng.below(4) {
                let mut at = rng.below(mutated.len() + 1);
                while !mutated.is_char_boundary(at) {
                    at -= 1;
                }
                match rng.below(3) {
                    0 => mutated.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
                    1 => {
                        let mut end = (at + 1 + rng.below(12)).min(mutated.len());
                        while !mutated.is_char_boundary(end) {
                            end += 1;
                        }
                        mutated.replace_range(at..end, "");
                    }
                    _ => {
                        let mut end = (at + rng.below(40)).min(mutated.len());
                        while !mutated.is_char_boundary(end) {
                            end += 1;
                        }
                        let copy = mutated[at..end].to_string();
                        mutated.insert_str(at, &copy);
                    }
                }
            }
            check(&mutated);
        }
    }
}
