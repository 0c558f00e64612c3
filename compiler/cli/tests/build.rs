//! `cstackc build` from the outside: exit statuses, the all-or-nothing
//! output folder, files it did not generate, `--check`, and that the crates
//! committed in this repository are what the build writes today.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cstackc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .args(args)
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .output()
        .expect("run cstackc")
}

fn runtime() -> String {
    workspace().join("runtime").display().to_string()
}

fn build_blog(out: &Path, extra: &[&str]) -> Output {
    let out = out.display().to_string();
    let runtime = runtime();
    let mut args = vec![
        "build",
        "examples/blog.cstack",
        "--out",
        &out,
        "--runtime-path",
        &runtime,
    ];
    args.extend_from_slice(extra);
    cstackc(&args)
}

#[test]
fn a_schema_with_errors_gets_diagnostics_and_no_output() {
    let folder = tempfile::tempdir().unwrap();
    let schema = folder.path().join("bad.cstack");
    std::fs::write(&schema, "model A {\n  id Int @id\n  b Nope\n}\n").unwrap();
    let out = folder.path().join("out");
    let output = cstackc(&[
        "build",
        &schema.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Nope"), "{stderr}");
    assert!(!out.exists(), "no output folder for a schema with errors");
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no staging folder left behind: {leftovers:?}"
    );
}

#[test]
fn a_missing_schema_or_bad_name_is_a_usage_error() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("out").display().to_string();
    let missing = cstackc(&["build", "no/such.cstack", "--out", &out]);
    assert_eq!(missing.status.code(), Some(2));
    let bad_name = cstackc(&[
        "build",
        "examples/blog.cstack",
        "--out",
        &out,
        "--crate-name",
        "1x",
    ]);
    assert_eq!(bad_name.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_name.stderr).contains("not a valid package name"));
    assert!(!Path::new(&out).exists());
}

#[test]
fn builds_then_checks_clean_and_keeps_foreign_files() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("blog-data");
    assert!(build_blog(&out, &[]).status.success());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"blog-data\""), "{manifest}");
    assert!(
        manifest.contains("default = [\"sqlite\", \"json\"]"),
        "sqlite datasource -> embedded"
    );
    assert!(out.join("src/post.rs").is_file());

    assert_eq!(build_blog(&out, &["--check"]).status.code(), Some(0));

    // A file the build did not write survives a rebuild.
    std::fs::write(out.join("NOTES.md"), "mine").unwrap();
    std::fs::write(out.join("src/post.rs"), "// edited").unwrap();
    let check = build_blog(&out, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("post.rs"));
    assert_eq!(
        std::fs::read_to_string(out.join("src/post.rs")).unwrap(),
        "// edited",
        "--check writes nothing"
    );
    assert!(build_blog(&out, &[]).status.success());
    assert_eq!(
        std::fs::read_to_string(out.join("NOTES.md")).unwrap(),
        "mine"
    );
    assert_ne!(
        std::fs::read_to_string(out.join("src/post.rs")).unwrap(),
        "// edited"
    );
    assert_eq!(build_blog(&out, &["--check"]).status.code(), Some(0));

    // A file the build generated before but no longer does is removed.
    let manifest_path = out.join(".cstack-generated");
    let mut listed = std::fs::read_to_string(&manifest_path).unwrap();
    listed.push_str("src/old_model.rs\n");
    std::fs::write(&manifest_path, listed).unwrap();
    std::fs::write(out.join("src/old_model.rs"), "// stale").unwrap();
    assert!(build_blog(&out, &[]).status.success());
    assert!(!out.join("src/old_model.rs").exists());
    assert!(out.join("NOTES.md").exists());
}

#[test]
fn the_target_and_the_runtime_dependency_follow_the_flags() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("both");
    let output = cstackc(&[
        "build",
        "examples/blog.cstack",
        "--out",
        &out.display().to_string(),
        "--target",
        "both",
        "--crate-name",
        "blog_both",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"blog_both\""));
    assert!(
        manifest.contains("default = [\"postgres\", \"sqlite\", \"json\", \"cbor\", \"http\"]"),
        "{manifest}"
    );
    assert!(manifest.contains(&format!("version = \"{}\"", env!("CARGO_PKG_VERSION"))));
    assert!(
        !manifest.contains("path ="),
        "registry dependency without --runtime-path"
    );
    let database = std::fs::read_to_string(out.join("src/database.rs")).unwrap();
    assert!(database.contains("connect_postgres") && database.contains("open_sqlite"));
}

#[test]
fn committed_generated_crates_are_up_to_date() {
    for (schema, out, extra) in [
        (
            "examples/blog.cstack",
            "examples/blog-app/blog-data",
            vec![],
        ),
        (
            "codegen-tests/behaviour.cstack",
            "codegen-tests/behaviour-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/policy.cstack",
            "codegen-tests/policy-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/views.cstack",
            "codegen-tests/views-db",
            vec![],
        ),
        (
            "codegen-tests/procedures.cstack",
            "codegen-tests/procedures-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/events.cstack",
            "codegen-tests/events-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/on_change.cstack",
            "codegen-tests/on-change-db",
            vec!["--target", "server"],
        ),
        (
            "codegen-tests/contract.cstack",
            "codegen-tests/contract-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/vectors.cstack",
            "codegen-tests/vectors-db",
            vec![],
        ),
        (
            "codegen-tests/http.cstack",
            "codegen-tests/http-db",
            vec!["--target", "all"],
        ),
        (
            "codegen-tests/rpc.cstack",
            "codegen-tests/rpc-db",
            vec!["--target", "all"],
        ),
    ] {
        let mut args = vec![
            "build",
            schema,
            "--out",
            out,
            "--runtime-path",
            "runtime",
            "--check",
        ];
        args.extend(extra);
        let output = cstackc(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{out} is stale; rerun `cstackc build {schema} --out {out} ...`:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn the_embedded_target_refuses_what_sqlite_cannot_hold() {
    let folder = tempfile::tempdir().unwrap();
    let schema = folder.path().join("vectors.cstack");
    std::fs::write(
        &schema,
        "datasource db {\n  provider = \"postgresql\"\n}\n\nextension pgvector {}\n\n\
         model Doc {\n  id Int @id\n  embedding Vector(3)\n}\n",
    )
    .unwrap();
    let out = folder.path().join("out");
    let schema = schema.display().to_string();
    let out_arg = out.display().to_string();
    let embedded = cstackc(&["build", &schema, "--out", &out_arg, "--target", "embedded"]);
    assert_eq!(
        embedded.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&embedded.stderr)
    );
    assert!(String::from_utf8_lossy(&embedded.stderr).contains("Doc.embedding"));
    assert!(!out.exists());
    let server = cstackc(&["build", &schema, "--out", &out_arg]);
    assert!(
        server.status.success(),
        "{}",
        String::from_utf8_lossy(&server.stderr)
    );
    // `extension pgvector` alone (upstream's `pgvector_extension_embedded`
    // fixture): server-only, so an embedded build fails and writes nothing.
    let extension = folder.path().join("extension.cstack");
    std::fs::write(&extension, "extension pgvector {\n}\n").unwrap();
    let refused = cstackc(&[
        "build",
        &extension.display().to_string(),
        "--out",
        &out_arg,
        "--target",
        "embedded",
    ]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("pgvector"), "{stderr}");
    // A materialized view: refused for `embedded` and for `both`, by name.
    let views = format!(
        "{}/../../codegen-tests/views.cstack",
        env!("CARGO_MANIFEST_DIR")
    );
    for target in ["embedded", "both"] {
        let refused = cstackc(&["build", &views, "--out", &out_arg, "--target", target]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("view `CustomerTotal`"), "{stderr}");
    }
}

#[test]
fn a_migrations_folder_is_embedded_in_order_instead_of_the_initial_ddl() {
    let folder = tempfile::tempdir().unwrap();
    let schema = folder.path().join("app.cstack");
    std::fs::write(
        &schema,
        "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel Note {\n  id Int @id\n}\n",
    )
    .unwrap();
    for (name, sql) in [
        (
            "20260102000000_second",
            "ALTER TABLE notes ADD COLUMN x TEXT;",
        ),
        (
            "20260101000000_first",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY);",
        ),
    ] {
        let dir = folder.path().join("migrations/sqlite").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("up.sql"), sql).unwrap();
    }
    let out = folder.path().join("app-data");
    let output = cstackc(&[
        "build",
        &schema.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let database = std::fs::read_to_string(out.join("src/database.rs")).unwrap();
    let first = database
        .find("20260101000000_first")
        .expect("first migration");
    let second = database
        .find("20260102000000_second")
        .expect("second migration");
    assert!(first < second, "in folder-name order");
    assert!(!database.contains("00000000000000_initial"));
}
