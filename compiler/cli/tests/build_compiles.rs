//! Generated crates compile without warnings: every valid schema of the
//! upstream corpus (with or without models), this repository's example and
//! behaviour schemas, all generated as members of one scratch Cargo
//! workspace and checked in one `cargo check` sharing one target folder.
//! Then the compile-fail half: a builder missing a required field has no
//! `build()`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace folder")
}

/// The upstream corpus: `CSTACK_CONFORMANCE_DIR`, else `../shared/...`
/// beside the checkout. Missing is a failure, not a skip.
fn corpus() -> PathBuf {
    let dir = std::env::var_os("CSTACK_CONFORMANCE_DIR").map_or_else(
        || workspace().join("../shared/conformance/upstream"),
        PathBuf::from,
    );
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the upstream corpus is required at {} (set CSTACK_CONFORMANCE_DIR)",
        dir.display()
    );
    dir
}

fn valid_corpus_files() -> Vec<PathBuf> {
    let dir = corpus();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let path = columns.next()?;
            (columns.next()? == "valid").then(|| dir.join(path))
        })
        .collect()
}

fn cstackc_build(schema: &Path, out: &Path, name: &str, extra: &[&str]) {
    let runtime = workspace().join("runtime");
    let output = Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .arg("build")
        .arg(schema)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", name, "--color", "never", "--runtime-path"])
        .arg(&runtime)
        .args(extra)
        .output()
        .expect("run cstackc");
    assert!(
        output.status.success(),
        "cstackc build {} failed:\n{}",
        schema.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A persistent target folder so reruns only check what changed; not the
/// test's own target folder, whose lock `cargo test` may hold.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-compile")
}

fn cargo_check(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["check", "--offline", "--message-format", "short"])
        .args(args)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo check")
}

#[test]
fn generated_crates_compile_without_warnings_and_builders_enforce_required_fields() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let mut members = Vec::new();
    let mut schemas: Vec<(PathBuf, Vec<&str>)> = valid_corpus_files()
        .into_iter()
        .map(|p| (p, vec![]))
        .collect();
    let corpus_count = schemas.len();
    schemas.push((
        workspace().join("examples/blog.cstack"),
        vec!["--target", "both"],
    ));
    schemas.push((
        workspace().join("codegen-tests/behaviour.cstack"),
        vec!["--target", "both"],
    ));
    // Server only: it holds materialized views.
    schemas.push((workspace().join("codegen-tests/views.cstack"), vec![]));
    for (index, (schema, extra)) in schemas.iter().enumerate() {
        let name = format!("generated_{index:03}");
        cstackc_build(schema, &root.join(&name), &name, extra);
        members.push(name);
    }
    assert!(
        corpus_count >= 150,
        "only {corpus_count} valid corpus files"
    );
    let blog = format!("generated_{:03}", corpus_count);
    let materialized = format!("generated_{:03}", corpus_count + 2);

    // A crate using a complete builder must compile ...
    let user = |name: &str, body: &str| {
        let folder = root.join(name);
        std::fs::create_dir_all(folder.join("src")).unwrap();
        std::fs::write(
            folder.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\n{blog} = {{ path = \"../{blog}\" }}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            folder.join("src/lib.rs"),
            format!("//! A user of a generated crate.\n{body}\n"),
        )
        .unwrap();
    };
    user(
        "builder_complete",
        &format!(
            "pub fn input() -> {blog}::CreateAuthorInput {{ {blog}::CreateAuthorInput::builder().email(\"a@b.io\").name(\"A\").build() }}"
        ),
    );
    members.push("builder_complete".into());
    // ... and one that forgets `name` must not (kept out of the first check).
    user(
        "builder_missing_field",
        &format!(
            "pub fn input() -> {blog}::CreateAuthorInput {{ {blog}::CreateAuthorInput::builder().email(\"a@b.io\").build() }}"
        ),
    );
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}, \"builder_missing_field\"]\ndefault-members = [{}]\n",
            quoted.join(", "),
            quoted.join(", ")
        ),
    )
    .unwrap();
    // The repository's lock file: the same dependency versions, offline.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    let output = cargo_check(root, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|line| {
            line.starts_with("warning")
                || line.starts_with("error")
                || line.contains(": warning")
                || line.contains(": error")
        })
        .collect();
    assert!(
        output.status.success() && problems.is_empty(),
        "{}",
        problems.join("\n")
    );

    let output = cargo_check(root, &["-p", "builder_missing_field"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "a builder without `name` compiled"
    );
    assert!(
        stderr.contains("E0599") && stderr.contains("build"),
        "expected no method `build` (E0599):\n{stderr}"
    );

    // A crate with a materialized view refuses the `sqlite` feature, naming the view.
    let output = cargo_check(root, &["-p", &materialized, "--features", "sqlite"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "a crate with a materialized view compiled for SQLite"
    );
    assert!(
        stderr.contains("view `CustomerTotal` is @@materialized"),
        "expected the materialized-view guard:\n{stderr}"
    );
}
