//! End-to-end scenarios: each spawns the `cstack-lsp` binary and drives one
//! feature over JSON-RPC on its stdio, as an editor would.

mod support;

use serde_json::{Value, json};
use support::{Client, position_of, utf8_capabilities};

const BLOG: &str = include_str!("../../examples/blog.cstack");

fn started() -> Client {
    let (client, _) = Client::start(utf8_capabilities(), None);
    client
}

/// A client with `text` open and its first diagnostics received.
fn with_open(text: &str) -> (Client, String, Value) {
    let mut client = started();
    let uri = client.uri("schema.cstack");
    client.open(&uri, text);
    let diagnostics = client.diagnostics_at(&uri, 1);
    (client, uri, diagnostics)
}

fn at(uri: &str, text: &str, needle: &str, delta: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position_of(text, needle, delta) })
}

#[test]
fn initialize_negotiates_the_encoding_and_advertises_every_feature() {
    let (client, result) = Client::start(utf8_capabilities(), None);
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    for key in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "completionProvider",
        "renameProvider",
        "semanticTokensProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "inlayHintProvider",
        "codeActionProvider",
        "documentFormattingProvider",
    ] {
        assert!(!capabilities[key].is_null(), "{key} is advertised");
    }
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        capabilities["completionProvider"]["triggerCharacters"],
        json!(["@", ".", "(", "\""])
    );
    client.shutdown();

    let (client, result) = Client::start(json!({}), None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.shutdown();
}

#[test]
fn diagnostics_carry_codes_versions_and_related_information_and_clear_on_close() {
    let text = "model A {\n  id Int @id\n  id String\n  b Bogus\n}\n";
    let (mut client, uri, published) = with_open(text);
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E1006"), "unknown type reported: {codes:?}");
    let duplicate = diagnostics
        .iter()
        .find(|d| d["relatedInformation"].is_array())
        .expect("a diagnostic with related information");
    assert_eq!(
        duplicate["relatedInformation"][0]["location"]["uri"],
        uri.as_str()
    );
    assert_eq!(published["version"], 1);

    // An incremental edit fixes the type; version 2 is published without it.
    let start = position_of(text, "Bogus", 0);
    let end = position_of(text, "Bogus", 5);
    client.change(
        &uri,
        2,
        json!([{ "range": { "start": start, "end": end }, "text": "Int" }]),
    );
    let published = client.diagnostics_at(&uri, 2);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"E1006"), "fixed: {codes:?}");

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = client.diagnostics_where(&uri, |p| {
        p["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(cleared["version"].is_null());
    client.shutdown();
}

#[test]
fn hover_shows_docs_table_names_and_attribute_help_even_with_syntax_errors() {
    let text = BLOG.replace("@@index([authorId])", "@@index([authorId]\n  broken ((");
    let (mut client, uri, published) = with_open(&text);
    assert!(
        published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"].as_str().unwrap().starts_with("E0")),
        "the file has syntax errors"
    );
    let hover = client
        .request("textDocument/hover", at(&uri, &text, "author Author", 8))
        .expect("hover");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("model Author"), "{value}");
    assert!(value.contains("A person who writes posts."), "{value}");
    assert!(value.contains("Table `authors`"), "{value}");

    let hover = client
        .request("textDocument/hover", at(&uri, &text, "@unique", 2))
        .expect("hover");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("unique")
    );
    let hover = client
        .request("textDocument/hover", at(&uri, &text, "Decimal", 1))
        .expect("hover");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Built-in type")
    );
    client.shutdown();
}

#[test]
fn definition_jumps_to_types_fields_and_policy_names() {
    let (mut client, uri, _) = with_open(BLOG);
    let location = client
        .request(
            "textDocument/definition",
            at(&uri, BLOG, "author Author", 8),
        )
        .expect("definition");
    assert_eq!(location["uri"], uri.as_str());
    assert_eq!(location["range"]["start"], position_of(BLOG, "Author {", 0));
    // `authorId` in `references: [...]` of Author.posts names Post.authorId.
    let location = client
        .request(
            "textDocument/definition",
            at(&uri, BLOG, "references: [authorId]", 14),
        )
        .expect("definition");
    assert_eq!(
        location["range"]["start"],
        position_of(BLOG, "authorId Int", 0)
    );
    // `auth().id` names the auth block's field.
    let location = client
        .request(
            "textDocument/definition",
            at(&uri, BLOG, "auth().id == id", 7),
        )
        .expect("definition");
    assert_eq!(
        location["range"]["start"],
        position_of(BLOG, "id Int\n  role", 0)
    );
    client.shutdown();
}

#[test]
fn references_find_every_use() {
    let (mut client, uri, _) = with_open(BLOG);
    let locations = client
        .request("textDocument/references", json!({ "textDocument": { "uri": uri }, "position": position_of(BLOG, "enum PostStatus", 5), "context": { "includeDeclaration": true } }))
        .expect("references");
    assert_eq!(
        locations.as_array().unwrap().len(),
        2,
        "the declaration and the field type: {locations}"
    );
    let locations = client
        .request("textDocument/references", json!({ "textDocument": { "uri": uri }, "position": position_of(BLOG, "Published\n", 0), "context": { "includeDeclaration": false } }))
        .expect("references");
    assert_eq!(
        locations.as_array().unwrap().len(),
        2,
        "in both policies: {locations}"
    );
    client.shutdown();
}

#[test]
fn document_symbols_are_hierarchical_for_every_declaration_kind() {
    let (mut client, uri, _) = with_open(BLOG);
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("symbols");
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "db",
            "Session",
            "Timestamps",
            "PostStatus",
            "Author",
            "Post",
            "PublishedPost"
        ]
    );
    let post = &symbols[5];
    assert_eq!(post["kind"], 5, "a class");
    assert!(
        post["children"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "authorId")
    );
    assert_eq!(
        symbols[3]["children"].as_array().unwrap().len(),
        3,
        "enum variants"
    );
    client.shutdown();
}

#[test]
fn workspace_folders_are_loaded_and_searched_and_kept_current() {
    let dir = tempdir();
    std::fs::write(dir.join("one.cstack"), "model Alpha {\n  id Int @id\n}\n").unwrap();
    std::fs::create_dir(dir.join("nested")).unwrap();
    std::fs::write(
        dir.join("nested/two.cstack"),
        "model Beta {\n  id Int @id\n}\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(utf8_capabilities(), Some(&dir));
    let symbols = client
        .request("workspace/symbol", json!({ "query": "eta" }))
        .expect("symbols");
    assert_eq!(symbols[0]["name"], "Beta");
    assert!(
        symbols[0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("nested/two.cstack")
    );

    std::fs::write(dir.join("three.cstack"), "model Gamma {\n  id Int @id\n}\n").unwrap();
    let uri = format!("file://{}", dir.join("three.cstack").display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": 1 }] }),
    );
    let symbols = client
        .request("workspace/symbol", json!({ "query": "Gamma" }))
        .expect("symbols");
    assert_eq!(symbols.as_array().unwrap().len(), 1, "{symbols}");
    std::fs::remove_file(dir.join("three.cstack")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": 3 }] }),
    );
    let symbols = client
        .request("workspace/symbol", json!({ "query": "Gamma" }))
        .expect("symbols");
    assert_eq!(symbols.as_array().unwrap().len(), 0, "{symbols}");
    // A folder added later is loaded too.
    let other = tempdir();
    std::fs::write(
        other.join("four.cstack"),
        "model Delta {\n  id Int @id\n}\n",
    )
    .unwrap();
    let folder = format!("file://{}", other.display());
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [{ "uri": folder, "name": "other" }], "removed": [] } }),
    );
    let symbols = client
        .request("workspace/symbol", json!({ "query": "Delta" }))
        .expect("symbols");
    assert_eq!(symbols.as_array().unwrap().len(), 1, "{symbols}");
    client.shutdown();
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&other).unwrap();
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "cstack-lsp-e2e-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn labels(completion: &Value) -> Vec<String> {
    completion["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn completion_depends_on_the_position() {
    let text = "model User {\n  id Int @id\n  name Str\n  posts Post[] @relation(fields: [], references: [])\n  @@\n}\n\nmodel Post {\n  id Int @id\n  authorId Int\n}\n\n";
    let (mut client, uri, _) = with_open(text);
    let items = client
        .request("textDocument/completion", at(&uri, text, "Str\n", 3))
        .expect("completion");
    assert!(
        labels(&items).contains(&"String".to_string()),
        "types in a type position"
    );
    assert!(
        !labels(&items).contains(&"Post".to_string()),
        "narrowed to the typed word"
    );
    assert_eq!(items["isIncomplete"], true, "so the editor asks again");
    let items = client
        .request("textDocument/completion", at(&uri, text, "Str\n", 0))
        .expect("completion");
    assert!(labels(&items).contains(&"Post".to_string()));
    let items = client
        .request("textDocument/completion", at(&uri, text, "@@\n", 2))
        .expect("completion");
    let names = labels(&items);
    assert!(
        names.contains(&"@@index".to_string()) && !names.contains(&"@id".to_string()),
        "{names:?}"
    );
    let replaced = &items["items"][0]["textEdit"]["range"];
    assert_eq!(
        replaced["start"],
        position_of(text, "@@\n", 0),
        "the sigils are replaced"
    );
    let items = client
        .request("textDocument/completion", at(&uri, text, "fields: []", 9))
        .expect("completion");
    assert!(labels(&items).contains(&"name".to_string()));
    let items = client
        .request(
            "textDocument/completion",
            at(&uri, text, "references: []", 13),
        )
        .expect("completion");
    assert!(labels(&items).contains(&"authorId".to_string()));
    let end = text.len();
    let items = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": position_of(text, "", end) }),
        )
        .expect("completion");
    assert!(
        labels(&items).contains(&"model".to_string()),
        "keywords at top level"
    );
    client.shutdown();
}

#[test]
fn rename_updates_references_and_adds_rename_attributes() {
    let (mut client, uri, _) = with_open(BLOG);
    let prepared = client
        .request(
            "textDocument/prepareRename",
            at(&uri, BLOG, "model Post", 7),
        )
        .expect("prepare");
    assert_eq!(prepared["placeholder"], "Post");
    let edit = client
        .request("textDocument/rename", json!({ "textDocument": { "uri": uri }, "position": position_of(BLOG, "model Post", 7), "newName": "Article" }))
        .expect("rename");
    let edits = edit["changes"][uri.as_str()].as_array().unwrap();
    assert!(edits.iter().any(|e| {
        e["newText"]
            .as_str()
            .unwrap()
            .contains("@@rename(from = \"Post\")")
    }));
    assert!(
        edits.iter().filter(|e| e["newText"] == "Article").count() >= 4,
        "{edits:?}"
    );
    let error = client
        .request("textDocument/rename", json!({ "textDocument": { "uri": uri }, "position": position_of(BLOG, "model Post", 7), "newName": "not valid" }))
        .expect_err("an invalid name is refused");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("not a valid name")
    );
    client.shutdown();
}

#[test]
fn semantic_tokens_full_and_range() {
    let (mut client, uri, _) = with_open(BLOG);
    let full = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("tokens");
    let data = full["data"].as_array().unwrap();
    assert!(data.len() > 100 && data.len() % 5 == 0);
    let range = client
        .request("textDocument/semanticTokens/range", json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 5, "character": 0 } } }))
        .expect("tokens");
    let partial = range["data"].as_array().unwrap();
    assert!(!partial.is_empty() && partial.len() < data.len());
    client.shutdown();
}

#[test]
fn folding_ranges_cover_declarations() {
    let (mut client, uri, _) = with_open(BLOG);
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("folds");
    let folds = folds.as_array().unwrap();
    assert!(folds.len() >= 7, "{folds:?}");
    let post = position_of(BLOG, "model Post", 0)["line"].clone();
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == post && f["kind"] == "region")
    );
    client.shutdown();
}

#[test]
fn selection_ranges_grow_outwards() {
    let (mut client, uri, _) = with_open(BLOG);
    let selection = client
        .request("textDocument/selectionRange", json!({ "textDocument": { "uri": uri }, "positions": [position_of(BLOG, "authorId])", 2)] }))
        .expect("selection");
    let mut depth = 0;
    let mut current = &selection[0];
    while !current.is_null() {
        depth += 1;
        current = &current["parent"];
    }
    assert!(
        depth >= 5,
        "name, list, argument, attribute, field, declaration, file: {selection}"
    );
    assert_eq!(
        selection[0]["range"]["start"],
        position_of(BLOG, "authorId])", 0)
    );
    client.shutdown();
}

#[test]
fn inlay_hints_show_tables_and_renamed_columns() {
    let text = BLOG.replace(
        "  title String @length(min: 1, max: 200)",
        "  title String @length(min: 1, max: 200) @rename(from = \"heading\")",
    );
    let (mut client, uri, _) = with_open(&text);
    let hints = client
        .request("textDocument/inlayHint", json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 999, "character": 0 } } }))
        .expect("hints");
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"table posts") && labels.contains(&"column title (was heading)"),
        "{labels:?}"
    );
    client.shutdown();
}

#[test]
fn code_actions_fix_names_and_create_declarations() {
    let text = "model A {\n  id Int @uniqe\n  b Missing\n}\n";
    let (mut client, uri, _) = with_open(text);
    let all =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 4, "character": 0 } });
    let actions = client
        .request("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": all, "context": { "diagnostics": [] } }))
        .expect("actions");
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Change to `@unique`"), "{titles:?}");
    assert!(titles.contains(&"Create model `Missing`"), "{titles:?}");
    client.shutdown();
}

/// The quick fix of a diagnostic is the fix the checker attached to it: its
/// title, and its edit over the diagnostic's range; applied, the file
/// checks clean.
#[test]
fn a_misspelled_attribute_is_fixed_by_its_diagnostics_fix() {
    let text = "model A {\n  id Int @idd\n}\n";
    let (mut client, uri, published) = with_open(text);
    let diagnostic = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E3001")
        .expect("an unknown attribute")
        .clone();
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `@id`?"),
        "{diagnostic}"
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic] },
            }),
        )
        .expect("actions");
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred action");
    assert_eq!(fix["title"], "Change to `@id`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "E3001");
    assert_eq!(fix["diagnostics"][0]["range"], diagnostic["range"]);
    let edits = fix["edit"]["changes"][uri.as_str()]
        .as_array()
        .expect("edits of this file");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], diagnostic["range"]);
    assert_eq!(edits[0]["newText"], "@id");

    client.change(
        &uri,
        2,
        json!([{ "range": edits[0]["range"], "text": edits[0]["newText"] }]),
    );
    let published = client.diagnostics_at(&uri, 2);
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // A fix no help text spells out: the misspelled action is corrected
    // inside its string, the other actions kept.
    let text = "model B {\n  id Int @id\n  @@allow(\"read, craete\", true)\n}\n";
    client.change(&uri, 3, json!([{ "text": text }]));
    let published = client.diagnostics_at(&uri, 3);
    let diagnostic = published["diagnostics"][0].clone();
    assert_eq!(diagnostic["code"], "E5001", "{published}");
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic] },
            }),
        )
        .expect("actions");
    let fix = &actions[0];
    assert_eq!(fix["title"], "Change to `create`");
    assert_eq!(
        fix["edit"]["changes"][uri.as_str()][0]["newText"],
        "\"read, create\""
    );
    client.shutdown();
}

#[test]
fn formatting_returns_edits() {
    let text = "model A {\n      id    Int @id\n}\n";
    let (mut client, uri, _) = with_open(text);
    let edits = client
        .request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }))
        .expect("formatting");
    assert_eq!(edits.as_array().unwrap().len(), 1);
    client.shutdown();
}

#[test]
fn a_panicking_handler_answers_with_an_error_and_the_server_keeps_serving() {
    let (mut client, _) =
        Client::start_with_env(utf8_capabilities(), None, &[("CSTACK_LSP_TEST_HOOKS", "1")]);
    let uri = client.uri("schema.cstack");
    client.open(&uri, BLOG);
    client.diagnostics_at(&uri, 1);
    let error = client
        .request("cstack/debugPanic", json!({ "uri": uri }))
        .expect_err("an error response");
    assert_eq!(error["code"], -32603);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("deliberate panic")
    );
    let hover = client
        .request("textDocument/hover", at(&uri, BLOG, "model Post", 7))
        .expect("still serving");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("model Post")
    );
    client.shutdown();
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled() {
    let (mut client, _) =
        Client::start_with_env(utf8_capabilities(), None, &[("CSTACK_LSP_TEST_HOOKS", "1")]);
    // Held for a minute unless cancelled: only a cancellation answers it
    // within the test's timeout.
    let sent = std::time::Instant::now();
    let id = client.send_request("cstack/debugSlow", json!({ "ms": 60_000 }));
    client.notify("$/cancelRequest", json!({ "id": id }));
    let response = client.response(id);
    assert_eq!(response["error"]["code"], -32800, "{response}");
    assert!(sent.elapsed() < std::time::Duration::from_secs(30));
    // A request not cancelled is answered with its result.
    let id = client.send_request("cstack/debugSlow", json!({ "ms": 1 }));
    assert!(client.response(id)["result"].is_null());
    client.shutdown();
}

#[test]
fn a_cancelled_outline_is_answered_as_cancelled() {
    // The outline is answered by the server's own transport, not the
    // library: its cancellation is its own too. The hook holds the answer
    // for a minute, so only the cancellation can answer in time.
    let (mut client, _) = Client::start_with_env(
        utf8_capabilities(),
        None,
        &[
            ("CSTACK_LSP_TEST_HOOKS", "1"),
            ("CSTACK_LSP_TEST_OUTLINE_HOLD_MS", "60000"),
        ],
    );
    let uri = client.uri("schema.cstack");
    client.open(&uri, BLOG);
    client.diagnostics_at(&uri, 1);
    let id = client.send_request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    client.notify("$/cancelRequest", json!({ "id": id }));
    let response = client.response(id);
    assert_eq!(response["error"]["code"], -32800, "{response}");
    // The server goes on: other requests are answered.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(hover.is_ok(), "{hover:?}");
    client.shutdown();
}

/// Writes `migrations/postgres/snapshot.json` beside `dir`'s schema as
/// `cstackc migrate diff` would after migrating to `schema`.
fn commit_snapshot(dir: &std::path::Path, schema: &str) {
    use cstack_compiler::{RootDatabase, SourceFile};
    use cstack_migrate::{Dialect, Snapshot, physical_schema};
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), schema.to_string());
    let lowered = physical_schema(&db, file, Dialect::Postgres)
        .as_ref()
        .expect("the committed schema is valid");
    let backend = dir.join("migrations/postgres");
    std::fs::create_dir_all(&backend).unwrap();
    std::fs::write(
        backend.join("snapshot.json"),
        Snapshot::of(&lowered.schema, Dialect::Postgres).to_json(),
    )
    .unwrap();
}

fn lossy_warnings(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W8001")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn changes_that_lose_data_against_the_committed_snapshot_are_warned() {
    let dir = tempdir();
    let committed = "model User {\n  id Int @id\n  name String\n  email String\n}\n";
    let edited = "model User {\n  id Int @id\n  name String\n}\n";
    std::fs::write(dir.join("schema.cstack"), committed).unwrap();
    commit_snapshot(&dir, committed);
    let (mut client, _) = Client::start(utf8_capabilities(), Some(&dir));
    let uri = format!("file://{}", dir.join("schema.cstack").display());
    client.open(&uri, edited);
    // One publication per version, the compiler's diagnostics and the
    // lossy-change warnings together: the first publication of a version
    // is its whole answer.
    let at_version = |version: i64| move |params: &Value| params["version"] == version;
    let first = client.diagnostics_where(&uri, at_version(1));
    let warnings = lossy_warnings(&first);
    assert_eq!(warnings.len(), 1, "{first}");
    assert!(
        warnings[0].contains("drops column `users.email`"),
        "{warnings:?}"
    );
    let warning = first["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W8001")
        .unwrap();
    assert_eq!(warning["severity"], 2, "a warning");
    assert_eq!(
        warning["range"]["start"]["line"], 0,
        "on the model that lost the field"
    );

    // Putting the field back clears the warning in that version's one
    // publication.
    client.change(&uri, 2, json!([{ "text": committed }]));
    let second = client.diagnostics_where(&uri, at_version(2));
    assert!(lossy_warnings(&second).is_empty(), "{second}");

    // The migration is made: the snapshot moves on, the watcher reports
    // it, and the removal is no longer a loss.
    client.change(&uri, 3, json!([{ "text": edited }]));
    let third = client.diagnostics_where(&uri, at_version(3));
    assert_eq!(lossy_warnings(&third).len(), 1, "{third}");
    commit_snapshot(&dir, edited);
    let snapshot_uri = format!(
        "file://{}",
        dir.join("migrations/postgres/snapshot.json").display()
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": snapshot_uri, "type": 2 }] }),
    );
    client.diagnostics_where(&uri, |params| {
        params["version"] == 3 && lossy_warnings(params).is_empty()
    });
    client.shutdown();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn workspace_files_that_are_not_open_get_diagnostics_until_deleted() {
    let dir = tempdir();
    let broken = "model Alpha {\n  id Int @id\n  owner Missing\n}\n";
    let fixed = "model Alpha {\n  id Int @id\n}\n";
    std::fs::write(dir.join("one.cstack"), broken).unwrap();
    let (mut client, _) = Client::start(utf8_capabilities(), Some(&dir));
    let uri = format!("file://{}", dir.join("one.cstack").display());
    let errors = |params: &Value| params["diagnostics"].as_array().unwrap().len();
    let loaded = client.diagnostics_where(&uri, |params| errors(params) > 0);
    assert!(loaded["version"].is_null(), "not open: no version");
    assert!(
        loaded["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Missing"),
        "{loaded}"
    );

    // Fixed on disk: the watcher's report brings an empty set.
    std::fs::write(dir.join("one.cstack"), fixed).unwrap();
    let changed = |kind: i64| json!({ "changes": [{ "uri": uri, "type": kind }] });
    client.notify("workspace/didChangeWatchedFiles", changed(2));
    client.diagnostics_where(&uri, |params| errors(params) == 0);

    // Opened, edited and closed without saving: back to the disk's text
    // and its diagnostics, not cleared.
    client.open(&uri, broken);
    let open = client.diagnostics_at(&uri, 1);
    assert!(errors(&open) > 0, "{open}");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let closed = client.diagnostics_where(&uri, |params| params["version"].is_null());
    assert_eq!(errors(&closed), 0, "the disk's text is valid: {closed}");

    // Broken again on disk, then deleted: the set is cleared.
    std::fs::write(dir.join("one.cstack"), broken).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(2));
    client.diagnostics_where(&uri, |params| errors(params) > 0);
    std::fs::remove_file(dir.join("one.cstack")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(3));
    client.diagnostics_where(&uri, |params| errors(params) == 0);
    client.shutdown();
    std::fs::remove_dir_all(&dir).unwrap();
}
