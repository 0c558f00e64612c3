//! Golden initial DDL per dialect for the schemas in `tests/golden/initial`.
//! `cstack-migrate-live`'s `initial_applies` suite applies the same DDL to
//! real databases, so the golden text is valid SQL.

mod support;

use cstack_migrate::{Dialect, initial_ddl};
use std::path::PathBuf;
use support::{golden, model};

#[test]
fn initial_ddl_matches_the_golden_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/initial");
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "cstack"))
        .collect();
    schemas.sort();
    assert!(!schemas.is_empty());
    let mut errors = Vec::new();
    for path in schemas {
        let model = model(&std::fs::read_to_string(&path).unwrap());
        for dialect in Dialect::ALL {
            let ddl = initial_ddl(&model, dialect);
            let expected = path.with_extension(format!("{}.sql", dialect.name()));
            if let Err(e) = golden::check(&expected, &ddl) {
                errors.push(e);
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}
