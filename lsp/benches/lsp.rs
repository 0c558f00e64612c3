//! Benchmark of the language server over its real protocol: spawns
//! `cstack-lsp`, opens a schema, and prints p50/p95 of keystroke to
//! published diagnostics, document symbols, hover, definition and completion,
//! then resident memory across 10,000 edits. Times run from sending a
//! message to the arrival of the last byte of the answer; the client's own
//! JSON parsing is not counted.
//!
//! `cargo bench -p cstack-lsp --bench lsp -- FILE` measures FILE (the
//! 2000-model schema: `bench/lsp.sh`). Without a file (as under
//! `cargo test --all-targets`) it runs a short pass on the example schema.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use support::Client;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn report(name: &str, samples: &mut [Duration], target_ms: f64) {
    report_with(name, samples, &format!("target < {target_ms} ms"));
}

fn report_with(name: &str, samples: &mut [Duration], note: &str) {
    let p50 = percentile(samples, 0.5).as_secs_f64() * 1000.0;
    let p95 = percentile(samples, 0.95).as_secs_f64() * 1000.0;
    println!(
        "{name:<34} p50 {p50:>8.2} ms   p95 {p95:>8.2} ms   ({note}, n = {})",
        samples.len()
    );
}

fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": offset - start })
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let path = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let (text, rounds, memory_edits) = match &path {
        Some(path) => (
            std::fs::read_to_string(path).expect("the schema is readable"),
            200,
            10_000,
        ),
        None => (
            include_str!("../../examples/blog.cstack").to_string(),
            10,
            200,
        ),
    };
    let (mut client, _) = Client::start(support::utf8_capabilities(), None);
    let pid = client.pid();
    let uri = client.uri("bench.cstack");
    let opened = Instant::now();
    client.open(&uri, &text);
    client.diagnostics_at(&uri, 1);
    println!(
        "schema: {} bytes, {} lines; open to first diagnostics {:.1} ms",
        text.len(),
        text.lines().count(),
        opened.elapsed().as_secs_f64() * 1000.0
    );

    // Keystrokes: type a character into a field name in the middle of the
    // file, then delete it, so every edit changes one declaration.
    let middle = text.len() / 2;
    let find_after_middle = |needle: &str| {
        text[middle..]
            .find(needle)
            .map(|i| middle + i)
            .or_else(|| text.find(needle))
            .unwrap_or_else(|| panic!("`{needle}` is in the schema"))
    };
    let field = find_after_middle("\n  name String") + 7;
    let mut version = 1;
    let mut keystroke = Vec::new();
    let mut symbols = Vec::new();
    let mut hover = Vec::new();
    let mut definition = Vec::new();
    let mut completion = Vec::new();
    let type_position = find_after_middle(" @relation") - 2;
    let completion_position = field + 5;
    for round in 0..rounds {
        version += 1;
        let change = if round % 2 == 0 {
            json!([{ "range": { "start": position(&text, field), "end": position(&text, field) }, "text": "x" }])
        } else {
            let after = position(&text, field);
            let end = json!({ "line": after["line"], "character": after["character"].as_u64().unwrap() + 1 });
            json!([{ "range": { "start": after, "end": end }, "text": "" }])
        };
        let start = Instant::now();
        client.change(&uri, version, change);
        client.diagnostics_at(&uri, version);
        keystroke.push(client.last_arrival - start);

        let timed = |client: &mut Client, method: &str, params: Value| {
            let start = Instant::now();
            client
                .request(method, params)
                .unwrap_or_else(|error| panic!("{method}: {error}"));
            client.last_arrival - start
        };
        // Requests right after an edit: nothing is memoised for this revision yet.
        let at =
            |offset| json!({ "textDocument": { "uri": uri }, "position": position(&text, offset) });
        hover.push(timed(&mut client, "textDocument/hover", at(type_position)));
        definition.push(timed(
            &mut client,
            "textDocument/definition",
            at(type_position),
        ));
        completion.push(timed(
            &mut client,
            "textDocument/completion",
            at(completion_position),
        ));
    }
    // The outline on its own: its answer is large (every field of every
    // model), so it is measured apart from the small requests.
    for round in 0..rounds / 4 {
        version += 1;
        let text_change = if round % 2 == 0 { "x" } else { "" };
        let start = position(&text, field);
        let end = if round % 2 == 0 {
            start.clone()
        } else {
            json!({ "line": start["line"], "character": start["character"].as_u64().unwrap() + 1 })
        };
        client.change(
            &uri,
            version,
            json!([{ "range": { "start": start, "end": end }, "text": text_change }]),
        );
        client.diagnostics_at(&uri, version);
        let sent = Instant::now();
        client
            .request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            )
            .expect("documentSymbol");
        symbols.push(client.last_arrival - sent);
    }
    report("keystroke -> published diagnostics", &mut keystroke, 20.0);
    let mut in_process = outline_in_process(&text, field, rounds / 4);
    report("textDocument/documentSymbol", &mut symbols, 30.0);
    report("  of which computing the outline", &mut in_process, 30.0);
    let mut lint = lossy_lint_in_process(&text, rounds / 4);
    report_with(
        "lossy-change lint (in process)",
        &mut lint,
        "added to each publication when snapshots sit beside the schema",
    );
    report("textDocument/hover", &mut hover, 10.0);
    report("textDocument/definition", &mut definition, 10.0);
    report("textDocument/completion", &mut completion, 10.0);

    // Memory: many edits, waiting for diagnostics every 10 edits.
    let mut samples = vec![(0, rss_kib(pid))];
    for edit in 1..=memory_edits {
        version += 1;
        let insert = edit % 2 == 1;
        let change = if insert {
            json!([{ "range": { "start": position(&text, field), "end": position(&text, field) }, "text": "y" }])
        } else {
            let after = position(&text, field);
            let end = json!({ "line": after["line"], "character": after["character"].as_u64().unwrap() + 1 });
            json!([{ "range": { "start": after, "end": end }, "text": "" }])
        };
        client.change(&uri, version, change);
        if edit % 10 == 0 {
            client.diagnostics_at(&uri, version);
        }
        if edit % (memory_edits / 4) == 0 {
            samples.push((edit, rss_kib(pid)));
        }
    }
    let line: Vec<String> = samples
        .iter()
        .map(|(edits, kib)| format!("{edits}: {:.1} MiB", *kib as f64 / 1024.0))
        .collect();
    println!("resident memory after edits        {}", line.join(", "));
    client.shutdown();
}

/// The outline computed in process after a one-character edit, without the
/// protocol: what the server's own work costs, apart from serialising and
/// sending the answer.
fn outline_in_process(text: &str, field: usize, rounds: usize) -> Vec<Duration> {
    use cstack_compiler::{RootDatabase, SourceFile, check_file};
    use salsa::Setter;
    let mut db = RootDatabase::default();
    let file = SourceFile::new(&db, "bench.cstack".to_string(), text.to_string());
    check_file(&db, file);
    cstack_ide::relative_document_symbols(&db, file);
    let mut samples = Vec::new();
    for round in 0..rounds.max(1) {
        let mut edited = text.to_string();
        if round % 2 == 0 {
            edited.insert(field, 'x');
        }
        file.set_text(&mut db).to(edited);
        let start = Instant::now();
        let index = cstack_ide::line_index(&db, file);
        let outline = cstack_ide::relative_document_symbols(&db, file);
        let mut ranges = 0usize;
        for (offset, symbol) in &outline {
            ranges += index.line_of(symbol.full_range.start + offset);
            for child in &symbol.children {
                ranges += index.line_of(child.full_range.start + offset);
            }
        }
        std::hint::black_box(ranges);
        samples.push(start.elapsed());
    }
    samples
}

/// The lossy-change lint (W8001) the server computes with the diagnostics
/// of a keystroke, in the same publication, when migration snapshots sit
/// beside the schema: both backends' physical schemas lowered again and
/// diffed against snapshots of the unedited schema. The edit renames a field added for the purpose,
/// so the schema stays valid and every round changes the model.
fn lossy_lint_in_process(text: &str, rounds: usize) -> Vec<Duration> {
    use cstack_compiler::{RootDatabase, SourceFile};
    use cstack_migrate::{Dialect, Snapshot, physical_schema};
    use salsa::Setter;
    let model = text.find("\nmodel ").map_or(0, |i| i + 1);
    let body = model + text[model..].find('{').expect("a model body") + 1;
    let mut db = RootDatabase::default();
    let file = SourceFile::new(&db, "bench.cstack".to_string(), text.to_string());
    let snapshots: Vec<Snapshot> = Dialect::ALL
        .into_iter()
        .map(|dialect| {
            let lowered = physical_schema(&db, file, dialect)
                .as_ref()
                .expect("the schema is valid");
            Snapshot::of(&lowered.schema, dialect)
        })
        .collect();
    let baseline = cstack_migrate::lint::MigrationBaseline::new(&db, snapshots);
    let mut samples = Vec::new();
    for round in 0..rounds.max(1) {
        let name = if round % 2 == 0 {
            "benchNote"
        } else {
            "benchNotex"
        };
        let mut edited = text.to_string();
        edited.insert_str(body, &format!("\n  {name} String?"));
        file.set_text(&mut db).to(edited);
        cstack_compiler::check_file(&db, file);
        let start = Instant::now();
        let warnings = cstack_migrate::lint::lossy_changes(&db, file, baseline).len();
        std::hint::black_box(warnings);
        samples.push(start.elapsed());
    }
    samples
}
