//! `physical_schema` is a salsa query: it is memoised per file and dialect,
//! an edit that leaves the schema model equal (a comment) does not lower
//! again, and an edit that changes the model does.

use cstack_compiler::{RootDatabase, SourceFile};
use cstack_migrate::{Dialect, physical_schema};
use salsa::Setter;
use std::sync::{Arc, Mutex};

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id Int @id\n  name String\n}\n";

fn lowerings(log: &Mutex<Vec<String>>) -> usize {
    let count = log
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.contains("WillExecute") && e.contains("physical_schema("))
        .count();
    log.lock().unwrap().clear();
    count
}

#[test]
fn the_physical_schema_is_recomputed_only_when_the_model_changes() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let mut db = RootDatabase::with_event_log(move |event| {
        sink.lock().unwrap().push(format!("{:?}", event.kind));
    });
    let file = SourceFile::new(&db, "s.cstack".into(), SCHEMA.into());
    let columns = |db: &RootDatabase| {
        physical_schema(db, file, Dialect::Postgres)
            .as_ref()
            .unwrap()
            .schema
            .tables[0]
            .columns
            .len()
    };
    assert_eq!(columns(&db), 2);
    assert_eq!(lowerings(&log), 1);
    assert_eq!(columns(&db), 2);
    assert_eq!(lowerings(&log), 0, "memoised");
    physical_schema(&db, file, Dialect::Sqlite)
        .as_ref()
        .unwrap();
    assert_eq!(lowerings(&log), 1, "one memo per dialect");

    file.set_text(&mut db)
        .to(SCHEMA.replace("model User {", "// users\nmodel User {"));
    assert_eq!(columns(&db), 2);
    assert_eq!(lowerings(&log), 0, "a comment does not change the model");

    file.set_text(&mut db)
        .to(SCHEMA.replace("  name String\n", "  name String\n  age Int\n"));
    assert_eq!(columns(&db), 3);
    assert_eq!(lowerings(&log), 1);
}
