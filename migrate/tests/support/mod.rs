//! Helpers shared by the migration planning tests: schemas from text and
//! golden files.
#![allow(dead_code)]

pub mod golden;

use cstack_compiler::{RootDatabase, SchemaModel, SourceFile, schema_model};

pub fn model(text: &str) -> SchemaModel {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "test.cstack".into(), text.into());
    match schema_model(&db, file) {
        Ok(model) => (**model).clone(),
        Err(_) => {
            let result = cstack_compiler::check_file(&db, file);
            panic!("schema has errors: {:#?}\n{text}", result.diagnostics);
        }
    }
}
