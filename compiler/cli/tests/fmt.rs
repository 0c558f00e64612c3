//! End-to-end tests of `cstackc fmt`: in place, `--check`, standard input,
//! files with syntax errors left untouched, exit statuses.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

const UNFORMATTED: &str = "model A {\n  id Int @id\n  longName   String   @unique // kept\n}\nmodel B {\n  id Int @id\n}\n";
const FORMATTED: &str = "model A {\n  id       Int    @id\n  longName String @unique // kept\n}\n\nmodel B {\n  id Int @id\n}\n";
const BROKEN: &str = "model A {\n  id Int @id(\n}\n";

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
        fs::write(path, text).expect("write fixture");
    }
    dir
}

fn cstackc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("cstackc runs")
}

fn read(dir: &TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).expect("readable")
}

#[test]
fn formats_files_and_directories_in_place() {
    let dir = project(&[("a.cstack", UNFORMATTED), ("nested/b.cstack", FORMATTED)]);
    let output = cstackc(dir.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(read(&dir, "a.cstack"), FORMATTED);
    assert_eq!(read(&dir, "nested/b.cstack"), FORMATTED);
    assert!(String::from_utf8_lossy(&output.stderr).contains("formatted 2 files, 1 changed"));
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn check_lists_files_that_would_change_and_changes_nothing() {
    let dir = project(&[("a.cstack", UNFORMATTED), ("b.cstack", FORMATTED)]);
    let output = cstackc(dir.path(), &["fmt", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a.cstack\n");
    assert_eq!(read(&dir, "a.cstack"), UNFORMATTED);

    let clean = project(&[("b.cstack", FORMATTED)]);
    let output = cstackc(clean.path(), &["fmt", "--check", "b.cstack"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cstackc runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(UNFORMATTED.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("cstackc finishes");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), FORMATTED);
}

#[test]
fn files_with_syntax_errors_are_left_untouched() {
    let dir = project(&[("bad.cstack", BROKEN), ("good.cstack", UNFORMATTED)]);
    let output = cstackc(dir.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`bad.cstack` has syntax errors and was not formatted"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[E0"),
        "the diagnostics are shown: {stderr}"
    );
    assert_eq!(read(&dir, "bad.cstack"), BROKEN);
    assert_eq!(
        read(&dir, "good.cstack"),
        FORMATTED,
        "other files are still formatted"
    );
}

#[test]
fn usage_and_io_problems_exit_two() {
    let dir = project(&[("a.cstack", FORMATTED)]);
    let missing = cstackc(dir.path(), &["fmt", "nope.cstack"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("`nope.cstack` does not exist"));
    let mixed = cstackc(dir.path(), &["fmt", "-", "a.cstack"]);
    assert_eq!(mixed.status.code(), Some(2));
    let unknown_flag = cstackc(dir.path(), &["fmt", "--frobnicate"]);
    assert_eq!(unknown_flag.status.code(), Some(2));
}
