//! Incrementality, read off salsa's event log: after an edit, only the
//! declarations it touches are validated again (editing a field, moving
//! declarations, inserting one, renaming one), a comment edit regenerates
//! nothing, and the diagnostics always equal a fresh run's.

use cstack_codegen::{BuildOptions, BuildRequest, RuntimeDependency, Target, generated_crate};
use cstack_compiler::{RootDatabase, SourceFile, check_file, item_tree, schema_model};
use salsa::Setter;
use std::sync::{Arc, Mutex};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model User {
  id Int @id
  email String @unique
  posts Post[] @relation(fields: [id], references: [authorId])
}

model Post {
  id Int @id
  title String @length(min: 1, max: 200)
  authorId Int
  author User @relation(fields: [authorId], references: [id])
}

model Tag {
  id Int @id
  label String
}

enum Status {
  Draft
  Published
}
"#;

/// A database whose salsa events are recorded in the returned log.
fn logging_db() -> (RootDatabase, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let db = RootDatabase::with_event_log(move |event| {
        sink.lock().unwrap().push(format!("{:?}", event.kind));
    });
    (db, log)
}

fn executed(log: &Mutex<Vec<String>>, query: &str) -> Vec<String> {
    log.lock()
        .unwrap()
        .iter()
        .filter(|entry| entry.contains("WillExecute") && entry.contains(&format!("{query}(")))
        .cloned()
        .collect()
}

fn id_of(db: &RootDatabase, file: SourceFile, name: &str) -> String {
    let decl = item_tree(db, file)
        .decls
        .iter()
        .find(|decl| decl.name(db) == name)
        .copied()
        .expect("declaration exists");
    format!("{:?}", salsa::plumbing::AsId::as_id(&decl))
}

#[test]
fn editing_one_field_revalidates_only_its_model() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), SCHEMA.to_string());
    assert!(check_file(&db, file).diagnostics.is_empty());
    assert_eq!(
        executed(&log, "validate_decl").len(),
        5,
        "a cold check validates every declaration"
    );
    let tag_id = id_of(&db, file, "Tag");

    // Change the type of one field of `Tag` (a one-line edit that introduces an error).
    log.lock().unwrap().clear();
    let edited = SCHEMA.replace("  label String\n", "  label Strng\n");
    file.set_text(&mut db).to(edited.clone());
    let incremental = check_file(&db, file).clone();

    let rerun = executed(&log, "validate_decl");
    assert_eq!(
        rerun.len(),
        1,
        "only one declaration re-validated: {rerun:?}"
    );
    assert!(
        rerun[0].contains(&tag_id),
        "the re-validated declaration is `Tag`: {rerun:?}"
    );

    let fresh_db = RootDatabase::default();
    let fresh_file = SourceFile::new(&fresh_db, "schema.cstack".to_string(), edited);
    let fresh = check_file(&fresh_db, fresh_file);
    assert_eq!(
        &incremental, fresh,
        "incremental and fresh diagnostics agree"
    );
    assert_eq!(incremental.diagnostics.len(), 1);
    assert_eq!(incremental.diagnostics[0].code.as_str(), "E1006");
}

#[test]
fn moving_declarations_does_not_revalidate_them() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), SCHEMA.to_string());
    check_file(&db, file);
    log.lock().unwrap().clear();
    // Blank lines and a comment above everything shift every declaration.
    let shifted = format!("// a comment\n\n\n{SCHEMA}");
    file.set_text(&mut db).to(shifted.clone());
    let incremental = check_file(&db, file).clone();
    assert!(
        executed(&log, "validate_decl").is_empty(),
        "no declaration re-validated"
    );

    let fresh_db = RootDatabase::default();
    let fresh_file = SourceFile::new(&fresh_db, "schema.cstack".to_string(), shifted);
    assert_eq!(&incremental, check_file(&fresh_db, fresh_file));
}

#[test]
fn an_error_in_a_moved_declaration_keeps_its_absolute_position() {
    let mut db = RootDatabase::default();
    let broken = SCHEMA.replace("  label String\n", "  label Strng\n");
    let file = SourceFile::new(&db, "schema.cstack".to_string(), broken.clone());
    let before = check_file(&db, file).diagnostics[0].primary.range;
    let shifted = format!("\n\n{broken}");
    file.set_text(&mut db).to(shifted);
    let after = check_file(&db, file).diagnostics[0].primary.range;
    assert_eq!(after.start, before.start + 2);
    assert_eq!(after.end, before.end + 2);
}

/// The names of the declarations whose validation ran, from the log.
fn validated(db: &RootDatabase, file: SourceFile, log: &Mutex<Vec<String>>) -> Vec<String> {
    let runs = executed(log, "validate_decl");
    item_tree(db, file)
        .decls
        .iter()
        .filter(|decl| {
            let id = format!("{:?}", salsa::plumbing::AsId::as_id(*decl));
            runs.iter().any(|run| run.contains(&id))
        })
        .map(|decl| decl.name(db).clone())
        .collect()
}

/// A fresh database's diagnostics for `text`.
fn fresh_check(text: &str) -> cstack_compiler::CheckResult {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), text.to_string());
    check_file(&db, file).clone()
}

#[test]
fn inserting_a_declaration_validates_only_it() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), SCHEMA.to_string());
    check_file(&db, file);
    log.lock().unwrap().clear();
    let inserted = SCHEMA.replace(
        "model Tag {",
        "model Comment {\n  id Int @id\n  body String\n}\n\nmodel Tag {",
    );
    file.set_text(&mut db).to(inserted.clone());
    let incremental = check_file(&db, file).clone();
    assert_eq!(validated(&db, file, &log), ["Comment"]);
    assert_eq!(incremental, fresh_check(&inserted));
}

#[test]
fn removing_a_declaration_validates_only_its_users() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), SCHEMA.to_string());
    check_file(&db, file);
    log.lock().unwrap().clear();
    // `User` goes: `Post` uses it; `Tag` and `Status` do not.
    let start = SCHEMA.find("model User {").unwrap();
    let end = SCHEMA.find("model Post {").unwrap();
    let removed = format!("{}{}", &SCHEMA[..start], &SCHEMA[end..]);
    file.set_text(&mut db).to(removed.clone());
    let incremental = check_file(&db, file).clone();
    assert_eq!(validated(&db, file, &log), ["Post"]);
    assert_eq!(incremental, fresh_check(&removed));
    assert!(incremental.has_errors(), "`Post.author` no longer resolves");
}

#[test]
fn renaming_a_declaration_validates_it_and_its_users_only() {
    let (mut db, log) = logging_db();
    let text = format!("{SCHEMA}\nmodel Label {{\n  id Int @id\n  status Status\n}}\n");
    let file = SourceFile::new(&db, "schema.cstack".to_string(), text.clone());
    assert!(check_file(&db, file).diagnostics.is_empty());
    log.lock().unwrap().clear();
    // `Status` becomes `State`: `Label` uses it, nothing else does.
    let renamed = text.replace("enum Status {", "enum State {");
    file.set_text(&mut db).to(renamed.clone());
    let incremental = check_file(&db, file).clone();
    let mut again = validated(&db, file, &log);
    again.sort();
    assert_eq!(again, ["Label", "State"]);
    assert_eq!(incremental, fresh_check(&renamed));
}

#[test]
fn a_comment_edit_regenerates_nothing() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "schema.cstack".to_string(), SCHEMA.to_string());
    let request = BuildRequest::new(
        &db,
        BuildOptions {
            crate_name: "app-data".into(),
            target: Target::Server,
            runtime: RuntimeDependency::Path("../runtime".into()),
            migrations: Vec::new(),
            source_name: "schema.cstack".into(),
        },
    );
    let before = generated_crate(&db, file, request).clone();
    assert!(before.is_ok());
    log.lock().unwrap().clear();
    // A comment inside a model and one between declarations.
    let commented = SCHEMA
        .replace(
            "  label String\n",
            "  // shown on the tag\n  label String\n",
        )
        .replace("enum Status {", "// the states of a post\nenum Status {");
    file.set_text(&mut db).to(commented);
    let after = generated_crate(&db, file, request).clone();
    assert_eq!(before, after);
    assert_eq!(
        validated(&db, file, &log),
        ["Tag"],
        "only the declaration with the comment inside it is checked again"
    );
    assert!(
        executed(&log, "generated_crate").is_empty(),
        "the crate is not regenerated"
    );
    assert!(schema_model(&db, file).is_ok());
}
