//! The dependency rule: the compiler, the editor crates, code generation and
//! migration planning link no database driver. Only the runtime and
//! `cstack-migrate-live` (and what is built on them: the command line, the
//! generated crates) talk to databases. Checked on the resolved graph of
//! normal dependencies, `cargo tree --offline -e normal -p <crate>`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The crates that must stay free of database drivers.
const DRIVER_FREE: &[&str] = &[
    "cstack-compiler",
    "cstack-ide",
    "cstack-lsp",
    "cstack-codegen",
    "cstack-migrate",
];

/// Whether `package` is a database driver (or a piece of one).
fn is_driver(package: &str) -> bool {
    package.starts_with("sqlx")
        || matches!(
            package,
            "rusqlite" | "libsqlite3-sys" | "postgres" | "tokio-postgres"
        )
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the workspace folder")
}

fn cargo_tree(args: &[&str]) -> String {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["tree", "--offline", "-e", "normal", "--prefix", "none"])
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The database drivers among the normal dependencies of `krate`, by name.
fn drivers(krate: &str) -> Vec<String> {
    let mut found: Vec<String> = cargo_tree(&["-p", krate])
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|package| is_driver(package))
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_compiler_editor_codegen_and_planning_crates_link_no_database_driver() {
    let mut violations = Vec::new();
    for krate in DRIVER_FREE {
        for driver in drivers(krate) {
            // How the driver is reached, for the message.
            let path = cargo_tree(&["-p", krate, "-i", &driver]);
            violations.push(format!(
                "{krate} links the database driver {driver}:\n{path}"
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "database drivers belong in cstack-migrate-live and the runtime:\n\n{}",
        violations.join("\n")
    );
}

/// The check sees drivers where they are: the live migrations crate links
/// the PostgreSQL client and SQLite, and the workspace has one PostgreSQL
/// client.
#[test]
fn the_live_migrations_crate_links_the_one_postgres_client_and_sqlite() {
    let live = drivers("cstack-migrate-live");
    for expected in ["sqlx-core", "sqlx-postgres", "rusqlite", "libsqlite3-sys"] {
        assert!(live.iter().any(|d| d == expected), "{expected} in {live:?}");
    }
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).unwrap();
    for other in ["postgres", "tokio-postgres"] {
        assert!(
            !lock.contains(&format!("name = \"{other}\"\n")),
            "Cargo.lock still has {other}: the workspace links one PostgreSQL client (sqlx)"
        );
    }
}
