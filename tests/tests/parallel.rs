//! The parallel one-shot check reports exactly what the sequential query does.

use cstack_compiler::{RootDatabase, SourceFile, check_file, check_file_in_parallel};

/// A schema large enough to take the parallel path, with errors spread over
/// both halves and across declarations.
fn large_schema() -> String {
    let mut text = String::from("datasource db {\n  provider = \"postgresql\"\n}\n\n");
    for i in 0..400 {
        let broken_type = if i % 97 == 0 { "Strng" } else { "String" };
        text.push_str(&format!(
            "model M{i} {{\n  id Int @id\n  name {broken_type} @length(min: 1, max: 20)\n  parentId Int\n  parent M{} @relation(fields: [parentId], references: [id])\n}}\n\n",
            if i % 131 == 0 { i + 1000 } else { (i + 1) % 400 }
        ));
    }
    text
}

#[test]
fn parallel_and_sequential_checks_agree() {
    let text = large_schema();
    let sequential_db = RootDatabase::default();
    let sequential_file = SourceFile::new(&sequential_db, "s.cstack".to_string(), text.clone());
    let sequential = check_file(&sequential_db, sequential_file);

    let parallel_db = RootDatabase::default();
    let parallel_file = SourceFile::new(&parallel_db, "s.cstack".to_string(), text);
    let parallel = check_file_in_parallel(&parallel_db, parallel_file);

    assert!(
        sequential.diagnostics.len() >= 8,
        "the schema has errors in both halves"
    );
    assert_eq!(sequential, parallel);
}
