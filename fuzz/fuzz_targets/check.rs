//! Fuzz target: any UTF-8 text through the whole checking pipeline must not
//! panic, every diagnostic range must lie inside the text, and formatting
//! must give text that parses and formats to itself.
//!
//! Run with `cargo fuzz run check` from this folder (cargo-fuzz, nightly).

#![no_main]

use cstack_compiler::{RootDatabase, SourceFile, check_file, schema_model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "fuzz.cstack".to_string(), text.to_string());
    for diagnostic in &check_file(&db, file).diagnostics {
        for label in diagnostic.labels() {
            assert!(label.range.start <= label.range.end);
            assert!(label.range.end as usize <= text.len());
        }
    }
    let _ = schema_model(&db, file);
    if let Ok(formatted) = cstack_fmt::format(text) {
        assert_eq!(cstack_fmt::format(&formatted).as_deref(), Ok(formatted.as_str()));
    }
});
