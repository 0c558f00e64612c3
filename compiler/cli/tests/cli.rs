//! End-to-end tests of the `cstackc` binary: each runs the built executable on
//! a temporary directory and checks its exit status and output, since the
//! output formats and exit codes are the contract CI scripts rely on.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

const CLEAN: &str = "datasource db {\n  provider = \"postgresql\"\n}\nmodel A {\n  id Int @id\n}\n";
const UNKNOWN_TYPE: &str = "model A {\n  id Int @id\n  x Strin\n}\n";
/// A view field typed `String` whose `@from` field is an `Int`: W6001.
const VIEW_TYPE_MISMATCH: &str = "datasource db {\n  provider = \"postgresql\"\n}\nmodel A {\n  id Int @id\n  n Int\n}\nview V from A {\n  id Int @id @from(A.id)\n  n String @from(A.n)\n  @@sql(\"SELECT id, n FROM as_\")\n}\n";

/// A temporary directory holding `files` (paths relative to it).
fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("create temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `cstackc` in `dir` with a colour-neutral environment.
fn cstackc(dir: &Path, args: &[&str]) -> Output {
    cstackc_with_env(dir, args, &[])
}

fn cstackc_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cstackc"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run cstackc")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|error| {
        panic!(
            "stdout is not one JSON value ({error}):\n{}",
            stdout(output)
        )
    })
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

fn position(value: &Value) -> (u64, u64, u64) {
    assert_eq!(keys(value), set(&["line", "column", "offset"]));
    (
        value["line"].as_u64().unwrap(),
        value["column"].as_u64().unwrap(),
        value["offset"].as_u64().unwrap(),
    )
}

/// The E1006 diagnostic of a JSON report of `UNKNOWN_TYPE`.
fn unknown_type_diagnostic(report: &Value) -> &Value {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "E1006")
        .unwrap_or_else(|| panic!("no E1006 in {report:#}"))
}

#[test]
fn a_clean_schema_exits_zero() {
    let dir = project(&[("a.cstack", CLEAN)]);
    let output = cstackc(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "checked 1 file: no problems\n");
    assert_eq!(stderr(&output), "");
}

#[test]
fn an_unknown_type_exits_one_with_a_human_diagnostic() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "a.cstack"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("error[E1006]"), "{out}");
    assert!(out.contains("a.cstack:3:5"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "piped output is not coloured:\n{out}"
    );
    let summary = out.lines().last().unwrap();
    assert!(summary.starts_with("checked 1 file: "), "{out}");
    assert!(summary.contains("error"), "{out}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "");
    let report = json(&output);
    assert_eq!(
        keys(&report),
        set(&["files", "errors", "warnings", "diagnostics"])
    );
    assert_eq!(report["files"], 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(report["errors"].as_u64().unwrap() as usize, count("error"));
    assert_eq!(
        report["warnings"].as_u64().unwrap() as usize,
        count("warning")
    );
    for diagnostic in diagnostics {
        assert_eq!(
            keys(diagnostic),
            set(&[
                "file", "severity", "code", "message", "start", "end", "labels", "help", "fix"
            ])
        );
        assert!(diagnostic["help"].is_string() || diagnostic["help"].is_null());
        assert!(diagnostic["fix"].is_object() || diagnostic["fix"].is_null());
        for label in diagnostic["labels"].as_array().unwrap() {
            assert_eq!(keys(label), set(&["message", "start", "end"]));
        }
    }

    let diagnostic = unknown_type_diagnostic(&report);
    assert_eq!(diagnostic["file"], "a.cstack");
    assert_eq!(diagnostic["severity"], "error");
    assert!(!diagnostic["message"].as_str().unwrap().is_empty());
    // `Strin` is on line 3 at column 5, bytes 27..32.
    assert_eq!(position(&diagnostic["start"]), (3, 5, 27));
    assert_eq!(position(&diagnostic["end"]), (3, 10, 32));
    let labels = diagnostic["labels"].as_array().unwrap();
    assert_eq!(
        labels[0]["start"], diagnostic["start"],
        "the primary label comes first"
    );
    assert_eq!(labels[0]["end"], diagnostic["end"]);
}

#[test]
fn json_output_carries_the_fix_of_a_diagnostic() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "json"]);
    let report = json(&output);
    let diagnostic = unknown_type_diagnostic(&report);
    let fix = &diagnostic["fix"];
    assert_eq!(keys(fix), set(&["title", "edits"]));
    assert_eq!(fix["title"], "Change to `String`");
    let edits = fix["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(keys(&edits[0]), set(&["start", "end", "text"]));
    // `Strin` (line 3, columns 5..10, bytes 27..32) becomes `String`.
    assert_eq!(position(&edits[0]["start"]), (3, 5, 27));
    assert_eq!(position(&edits[0]["end"]), (3, 10, 32));
    assert_eq!(edits[0]["text"], "String");
}

#[test]
fn json_is_a_single_object_even_when_clean() {
    let dir = project(&[("a.cstack", CLEAN)]);
    let output = cstackc(dir.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert_eq!(report["files"], 1);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
}

#[test]
fn github_output_is_one_workflow_command_per_diagnostic_then_the_summary() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    let (summary, commands) = lines.split_last().unwrap();
    assert!(summary.starts_with("checked 1 file: "), "{out}");
    assert!(!commands.is_empty());
    for command in commands {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|prefix| command.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("not a workflow command: {command}"));
        let (properties, message) = rest.split_once("::").expect("`::` before the message");
        assert!(!message.is_empty() && !message.contains('\n'));
        let names: Vec<&str> = properties
            .split(',')
            .map(|property| property.split_once('=').expect("key=value").0)
            .collect();
        assert_eq!(
            names,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
    }
    let expected = "::error file=a.cstack,line=3,col=5,endLine=3,endColumn=10,title=E1006::";
    assert!(
        commands.iter().any(|command| command.starts_with(expected)),
        "{out}"
    );
}

#[test]
fn sarif_output_is_a_sarif_2_1_0_log() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log = json(&output);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "cstackc");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert!(rule_ids.contains(&"E1006"), "{rule_ids:?}");
    assert!(
        rules
            .iter()
            .all(|rule| rule["shortDescription"]["text"].is_string())
    );

    let results = runs[0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|result| result["ruleId"] == "E1006")
        .expect("an E1006 result");
    assert_eq!(result["level"], "error");
    assert!(result["message"]["text"].is_string());
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "E1006");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "a.cstack");
    let region = &location["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 5);
    assert_eq!(region["endLine"], 3);
    assert_eq!(region["endColumn"], 10);
    assert_eq!(region["byteOffset"], 27);

    // The did-you-mean fix, as SARIF 2.1.0 `fixes`.
    let fixes = result["fixes"].as_array().expect("fixes");
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0]["description"]["text"], "Change to `String`");
    let change = &fixes[0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "a.cstack");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 3);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 5);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 10);
    assert_eq!(replacement["deletedRegion"]["byteOffset"], 27);
    assert_eq!(replacement["deletedRegion"]["byteLength"], 5);
    assert_eq!(replacement["insertedContent"]["text"], "String");
}

#[test]
fn a_missing_path_exits_two() {
    let dir = project(&[("a.cstack", CLEAN)]);
    let output = cstackc(dir.path(), &["check", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("error: path `nope` does not exist"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_directory_without_schemas_exits_two() {
    let dir = project(&[("README.md", "no schemas here\n")]);
    let output = cstackc(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no `.cstack` files found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_that_is_not_utf8_exits_two() {
    let dir = project(&[]);
    fs::write(dir.path().join("bad.cstack"), b"model A {\xff}\n").unwrap();
    let output = cstackc(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`bad.cstack` is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn directories_are_searched_recursively_in_sorted_order() {
    let dir = project(&[
        ("schemas/z.cstack", UNKNOWN_TYPE),
        ("schemas/nested/deeper/b.cstack", UNKNOWN_TYPE),
        ("schemas/a.cstack", CLEAN),
        ("schemas/notes.txt", UNKNOWN_TYPE),
        ("schemas/.hidden/c.cstack", UNKNOWN_TYPE),
        ("schemas/target/d.cstack", UNKNOWN_TYPE),
        ("schemas/node_modules/e.cstack", UNKNOWN_TYPE),
    ]);
    let output = cstackc(dir.path(), &["check", "--format", "json", "schemas"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["files"], 3);
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "E1006")
        .map(|diagnostic| diagnostic["file"].as_str().unwrap())
        .collect();
    let nested = Path::new("schemas")
        .join("nested")
        .join("deeper")
        .join("b.cstack");
    let z = Path::new("schemas").join("z.cstack");
    assert_eq!(files, [nested.to_str().unwrap(), z.to_str().unwrap()]);
}

#[test]
fn the_current_directory_is_the_default_and_paths_are_shown_relative() {
    let dir = project(&[("sub/a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "json"]);
    let report = json(&output);
    let file = Path::new("sub").join("a.cstack");
    assert_eq!(
        unknown_type_diagnostic(&report)["file"],
        file.to_str().unwrap()
    );
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let output = cstackc(dir.path(), &["check", "--format", "json", "a.cstack", "."]);
    assert_eq!(json(&output)["files"], 1);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let dir = project(&[("v.cstack", VIEW_TYPE_MISMATCH)]);
    let output = cstackc(dir.path(), &["check", "--format", "json"]);
    let report = json(&output);
    assert_eq!(report["errors"], 0, "{report:#}");
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|diagnostic| diagnostic["code"] == "W6001" && diagnostic["severity"] == "warning"),
        "{report:#}"
    );
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail");

    let output = cstackc(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("warning[W6001]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn deny_warnings_keeps_a_clean_schema_clean() {
    let dir = project(&[("a.cstack", CLEAN)]);
    let output = cstackc(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn color_always_colours_and_no_color_disables_auto() {
    let dir = project(&[("a.cstack", UNKNOWN_TYPE)]);
    let always = cstackc(dir.path(), &["check", "--color", "always"]);
    assert!(stdout(&always).contains("\x1b["), "{}", stdout(&always));

    let forced_off = cstackc_with_env(
        dir.path(),
        &["check", "--color", "auto"],
        &[("NO_COLOR", "1")],
    );
    assert!(!stdout(&forced_off).contains('\x1b'));

    let never = cstackc(dir.path(), &["check", "--color", "never"]);
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn usage_errors_exit_two() {
    let dir = project(&[("a.cstack", CLEAN)]);
    let output = cstackc(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let output = cstackc(dir.path(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let dir = project(&[]);
    let version = cstackc(dir.path(), &["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        stdout(&version),
        format!("cstackc {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = cstackc(dir.path(), &["check", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = stdout(&help);
    for flag in ["--format", "--color", "--deny-warnings", "Exit status"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}
