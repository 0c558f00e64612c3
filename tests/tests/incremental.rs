//! Incrementality: after editing one field of one model, only that model's
//! validation re-runs, and the diagnostics equal a fresh run's.

use cstack_compiler::{RootDatabase, SourceFile, check_file, item_tree};
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
