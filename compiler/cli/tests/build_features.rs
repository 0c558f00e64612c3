//! The Cargo features of generated crates: what an embedded build links
//! (`cargo tree`, offline: no sqlx, no PostgreSQL client, no network
//! stack), what a server build links (so the check can tell them apart),
//! and that a crate generated for both backends compiles with each
//! backend and codec switched off.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace folder")
}

/// Generates `schema` into a crate of its own (with the repository's lock
/// file, so resolution is offline and uses the same versions).
fn generate(schema: &str, root: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = root.join(name);
    let output = Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .arg("build")
        .arg(workspace().join(schema))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", name, "--color", "never", "--runtime-path"])
        .arg(workspace().join("runtime"))
        .args(extra)
        .output()
        .expect("run cstackc");
    assert!(
        output.status.success(),
        "cstackc build {schema}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A workspace of its own, so Cargo does not look for a parent one.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    std::fs::write(out.join("Cargo.toml"), format!("{manifest}\n[workspace]\n")).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    out
}

fn cargo(folder: &Path, args: &[&str]) -> Output {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .current_dir(folder)
        // Not the test's own target folder, whose lock `cargo test` holds.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-features"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo")
}

/// `cargo tree -e normal,features`: every package and enabled feature.
fn cargo_tree(folder: &Path, features: &[&str]) -> String {
    let mut args = vec![
        "tree",
        "--offline",
        "-e",
        "normal,features",
        "--prefix",
        "none",
    ];
    args.extend(features);
    let output = cargo(folder, &args);
    assert!(
        output.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The packages of a tree, by name.
fn packages(tree: &str) -> Vec<&str> {
    let mut names: Vec<&str> = tree
        .lines()
        .filter(|line| !line.contains(" feature \""))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Database drivers, HTTP and TLS stacks, socket layers.
const NETWORK: &[&str] = &[
    "sqlx",
    "sqlx-core",
    "sqlx-postgres",
    "tokio-postgres",
    "postgres",
    "postgres-protocol",
    "hyper",
    "reqwest",
    "h2",
    "http",
    "axum",
    "tower",
    "mio",
    "socket2",
    "rustls",
    "tokio-rustls",
    "native-tls",
    "openssl",
    "ciborium",
];

#[test]
fn an_embedded_crate_links_no_database_driver_or_network_stack() {
    let scratch = tempfile::tempdir().unwrap();
    let embedded = generate("examples/blog.cstack", scratch.path(), "blog_embedded", &[]);
    let tree = cargo_tree(&embedded, &[]);
    let names = packages(&tree);
    assert!(names.contains(&"rusqlite"), "{names:?}");
    assert!(names.contains(&"serde_json"), "{names:?}");
    let linked: Vec<&&str> = NETWORK.iter().filter(|n| names.contains(n)).collect();
    assert!(
        linked.is_empty(),
        "an embedded build links {linked:?} (`ciborium` only with the `cbor` feature):\n{tree}"
    );
    // tokio is there for its async mutex; none of its I/O drivers are.
    assert!(names.contains(&"tokio"), "{names:?}");
    for feature in ["net", "process", "signal", "fs"] {
        assert!(
            !tree.contains(&format!("tokio feature \"{feature}\"")),
            "tokio/{feature} is enabled:\n{tree}"
        );
    }
    // The `cbor` feature adds the CBOR encoder and nothing else.
    let with_cbor = cargo_tree(&embedded, &["--features", "cbor"]);
    let with_cbor = packages(&with_cbor);
    assert!(with_cbor.contains(&"ciborium"));
    assert!(!with_cbor.contains(&"sqlx-core"));

    // A server crate does link the driver: the check above can fail.
    let server = generate(
        "examples/blog.cstack",
        scratch.path(),
        "blog_server",
        &["--target", "server"],
    );
    let server_tree = cargo_tree(&server, &[]);
    let names = packages(&server_tree);
    for expected in ["sqlx-core", "sqlx-postgres", "ciborium"] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    assert!(!names.contains(&"rusqlite"), "{names:?}");
}

#[test]
fn a_crate_for_both_backends_compiles_with_each_switched_off() {
    let scratch = tempfile::tempdir().unwrap();
    let both = generate(
        "codegen-tests/behaviour.cstack",
        scratch.path(),
        "behaviour_features",
        &["--target", "both"],
    );
    for features in [
        vec!["--no-default-features", "--features", "sqlite,cbor"],
        vec!["--no-default-features"],
    ] {
        let mut args = vec!["check", "--offline", "--message-format", "short"];
        args.extend(&features);
        let output = cargo(&both, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let problems: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("warning") || line.contains("error"))
            .collect();
        assert!(
            output.status.success() && problems.is_empty(),
            "cargo check {features:?}:\n{stderr}"
        );
    }
}
