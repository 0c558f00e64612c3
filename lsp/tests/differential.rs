//! Differential test: hundreds of seeded random incremental edits go to the
//! server; after each burst the diagnostics it publishes for the last
//! version must equal a from-scratch `check_file` of the same text, and
//! requests at random positions must keep being answered.

mod support;

use cstack_compiler::{RootDatabase, SourceFile, check_file};
use serde_json::{Value, json};
use support::Client;

/// xorshift64*: a small deterministic generator, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const INSERTS: &[&str] = &[
    "",
    " ",
    "\n",
    "}",
    "{",
    "(",
    ")",
    "\"",
    "@",
    "@@",
    "x",
    "Int",
    "String?",
    "Post[]",
    "é",
    "😀",
    "model Extra {\n  id Int @id\n}\n",
    "  name String @length(min: 1)\n",
    "@@index([id])",
    "auth().",
    "@relation(fields: [",
    "enum E {\n  A\n}\n",
    "/// docs\n",
    "@default(",
    "view V from Post {\n",
    "procedure p(a: Int): Int\n",
];

/// Line and UTF-16 column of a byte offset: written independently of the
/// server's conversion, which it checks.
fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": before[line_start..].encode_utf16().count() })
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What the server must publish for `text`: code, range, severity, message.
fn expected(text: &str) -> Vec<Value> {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "expected.cstack".to_string(), text.to_string());
    check_file(&db, file)
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let severity = match diagnostic.severity {
                cstack_diagnostics::Severity::Error => 1,
                cstack_diagnostics::Severity::Warning => 2,
                cstack_diagnostics::Severity::Note => 3,
            };
            json!({
                "code": diagnostic.code.as_str(),
                "start": utf16_position(text, diagnostic.primary.range.start as usize),
                "end": utf16_position(text, diagnostic.primary.range.end as usize),
                "severity": severity,
                "message": message,
            })
        })
        .collect()
}

fn published(diagnostics: &Value) -> Vec<Value> {
    diagnostics
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            json!({
                "code": d["code"],
                "start": d["range"]["start"],
                "end": d["range"]["end"],
                "severity": d["severity"],
                "message": d["message"],
            })
        })
        .collect()
}

#[test]
fn published_diagnostics_equal_a_fresh_check_after_random_edits() {
    let (mut client, _) = Client::start(json!({}), None);
    let uri = client.uri("random.cstack");
    let mut text = include_str!("../../examples/blog.cstack").to_string();
    client.open(&uri, &text);
    assert_eq!(
        published(&client.diagnostics_at(&uri, 1)["diagnostics"]),
        expected(&text)
    );

    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let mut version = 1;
    let mut edits = 0;
    while edits < 400 {
        // A burst of edits sent back to back, as fast typing does.
        let burst = 1 + rng.below(5);
        for _ in 0..burst {
            let start = floor_boundary(&text, rng.below(text.len() + 1));
            let end = floor_boundary(&text, (start + rng.below(12)).min(text.len()));
            let insert = INSERTS[rng.below(INSERTS.len())];
            let range =
                json!({ "start": utf16_position(&text, start), "end": utf16_position(&text, end) });
            text.replace_range(start..end, insert);
            version += 1;
            edits += 1;
            client.change(&uri, version, json!([{ "range": range, "text": insert }]));
        }
        let diagnostics = client.diagnostics_at(&uri, version);
        assert_eq!(
            published(&diagnostics["diagnostics"]),
            expected(&text),
            "after {edits} edits, text:\n{text}"
        );

        // Requests anywhere must be answered, never fail.
        let offset = floor_boundary(&text, rng.below(text.len() + 1));
        let position = utf16_position(&text, offset);
        let params = json!({ "textDocument": { "uri": uri }, "position": position });
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            client
                .request(method, params.clone())
                .unwrap_or_else(|error| panic!("{method} failed at {position}: {error}"));
        }
        client
            .request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            )
            .unwrap_or_else(|error| panic!("documentSymbol failed: {error}"));
    }
    client.shutdown();
}
