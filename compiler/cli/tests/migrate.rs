//! `cstackc migrate` end to end on SQLite files and on MariaDB: diff writes
//! a migration (and nothing when blocked), apply and status, verify, drift,
//! exit codes and JSON output.

use std::path::Path;
use std::process::{Command, Output};

fn cstackc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cstackc"))
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("CSTACK_SCRATCH_DATABASE_URL")
        .args(args)
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const V1: &str = r#"datasource db {
  provider = "sqlite"
}

model Note {
  id Int @id
  title String
  body String?
}
"#;

const V2: &str = r#"datasource db {
  provider = "sqlite"
}

model Note {
  id Int @id
  headline String @rename(from = "title")
  stars Int @default(0)
}
"#;

#[test]
fn diff_apply_status_verify_and_drift_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("app.cstack"), V1).unwrap();
    let out = cstackc(d, &["migrate", "diff", "--name", "init"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert!(text(&out).contains("create table `notes`"));
    let again = cstackc(d, &["migrate", "diff", "--check"]);
    assert_eq!(code(&again), 0, "{}", text(&again));
    assert!(text(&again).contains("no changes"));

    let url = format!("sqlite://{}", d.join("app.db").display());
    let status = cstackc(d, &["migrate", "status", "--database-url", &url]);
    assert_eq!(
        code(&status),
        2,
        "a missing database file: {}",
        text(&status)
    );
    let apply = cstackc(d, &["migrate", "apply", "--database-url", &url]);
    assert_eq!(code(&apply), 0, "{}", text(&apply));
    let conn = rusqlite::Connection::open(d.join("app.db")).unwrap();
    conn.execute(
        "INSERT INTO notes (id, title, body) VALUES (1, 'kept', 'dropped')",
        [],
    )
    .unwrap();

    // Dropping `body` is lossy: nothing is written without the flag.
    std::fs::write(d.join("app.cstack"), V2).unwrap();
    let blocked = cstackc(d, &["migrate", "diff", "--name", "second"]);
    assert_eq!(code(&blocked), 1, "{}", text(&blocked));
    assert!(text(&blocked).contains("[lossy] drop column `notes.body`"));
    assert_eq!(
        std::fs::read_dir(d.join("migrations/sqlite"))
            .unwrap()
            .count(),
        3
    );
    let json = cstackc(d, &["migrate", "diff", "--dry-run", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["blocked_by_lossy_changes"], true);
    assert_eq!(value["backends"][0]["risk"], "lossy");
    let written = cstackc(
        d,
        &["migrate", "diff", "--name", "second", "--allow-destructive"],
    );
    assert_eq!(code(&written), 0, "{}", text(&written));

    let pending = cstackc(d, &["migrate", "status", "--database-url", &url]);
    assert_eq!(code(&pending), 1);
    assert!(text(&pending).contains("pending"));
    let apply = cstackc(d, &["migrate", "apply", "--database-url", &url]);
    assert_eq!(code(&apply), 0, "{}", text(&apply));
    let kept: String = conn
        .query_row("SELECT headline FROM notes WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "kept");

    let verify = cstackc(d, &["migrate", "verify"]);
    assert_eq!(code(&verify), 0, "{}", text(&verify));
    let drift = cstackc(d, &["migrate", "drift", "--database-url", &url]);
    assert_eq!(code(&drift), 0, "{}", text(&drift));
    conn.execute("CREATE INDEX by_hand ON notes (stars)", [])
        .unwrap();
    let drift = cstackc(
        d,
        &[
            "migrate",
            "drift",
            "--database-url",
            &url,
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&drift), 1, "{}", text(&drift));
    let value: serde_json::Value = serde_json::from_slice(&drift.stdout).unwrap();
    assert_eq!(value["clean"], false);
    assert_eq!(value["report"]["differences"][0]["object"], "table notes");

    // Editing an applied migration is caught by the sum file.
    let first = std::fs::read_dir(d.join("migrations/sqlite"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .min()
        .unwrap();
    std::fs::write(first.join("up.sql"), "-- edited\n").unwrap();
    let verify = cstackc(d, &["migrate", "verify"]);
    assert_eq!(code(&verify), 1, "{}", text(&verify));
    assert!(text(&verify).contains("was edited"));
    // `migrate hash` accepts the edit; the replay then shows what it changed.
    let hash = cstackc(d, &["migrate", "hash"]);
    assert_eq!(code(&hash), 0, "{}", text(&hash));
    let verify = cstackc(d, &["migrate", "verify"]);
    assert!(!text(&verify).contains("was edited"), "{}", text(&verify));
    assert_ne!(code(&verify), 0, "{}", text(&verify));
}

#[test]
fn usage_and_schema_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(code(&cstackc(d, &["migrate", "diff"])), 2, "no schema");
    std::fs::write(d.join("bad.cstack"), "model {").unwrap();
    let out = cstackc(d, &["migrate", "diff"]);
    assert_eq!(code(&out), 2, "{}", text(&out));
    assert!(!d.join("migrations").exists());
    let out = cstackc(
        d,
        &[
            "migrate",
            "apply",
            "--dir",
            "m",
            "--database-url",
            "mysql://x",
        ],
    );
    assert_eq!(code(&out), 2, "{}", text(&out));
}

#[test]
fn check_warns_about_lossy_changes_when_a_migrations_folder_exists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("app.cstack"), V1).unwrap();
    let clean = cstackc(d, &["check", "--deny-warnings", "app.cstack"]);
    assert_eq!(code(&clean), 0, "{}", text(&clean));
    assert_eq!(code(&cstackc(d, &["migrate", "diff"])), 0);
    std::fs::write(d.join("app.cstack"), V2).unwrap();
    let out = cstackc(d, &["check", "--deny-warnings", "app.cstack"]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert!(
        text(&out).contains("removing `body` drops column `notes.body` and its data"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("W8001"));
}

/// A database that cannot be reached is a usage problem (exit 2) reported
/// with the server's reason, not a pool timing out after retrying.
#[test]
fn an_unreachable_or_refusing_database_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("app.cstack"), V1).unwrap();
    let out = cstackc(
        d,
        &["migrate", "diff", "--name", "init", "--backend", "postgres"],
    );
    assert_eq!(code(&out), 0, "{}", text(&out));
    // Port 1 on loopback: nothing listens there.
    let refused = cstackc(
        d,
        &[
            "migrate",
            "apply",
            "--database-url",
            "postgres://postgres@127.0.0.1:1/test",
        ],
    );
    assert_eq!(code(&refused), 2, "{}", text(&refused));
    assert!(text(&refused).contains("refused"), "{}", text(&refused));
    // The server answers, and refuses the login.
    let no_role = cstackc(
        d,
        &[
            "migrate",
            "apply",
            "--database-url",
            "postgres://no_such_role@127.0.0.1:5432/test",
        ],
    );
    assert_eq!(code(&no_role), 2, "{}", text(&no_role));
    assert!(
        text(&no_role).contains("no_such_role"),
        "{}",
        text(&no_role)
    );
}

const MYSQL_V1: &str = r#"datasource db {
  provider = "mysql"
}

enum Mood {
  Calm
  Busy
}

model Note {
  id Int @id @default(autoincrement())
  title String @unique
  mood Mood @default(Calm)
  body String?
}
"#;

const MYSQL_V2: &str = r#"datasource db {
  provider = "mysql"
}

enum Mood {
  Calm
  Busy
}

model Note {
  id Int @id @default(autoincrement())
  title String @unique
  mood Mood @default(Calm)
  body String?
  stars Int @default(0)
  score Float

  @@index([mood, stars])
}
"#;

/// Runs `sql` on the MariaDB test server (127.0.0.1:3306, root), which
/// `.ci/run` starts.
fn mariadb(url: &str, sql: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = cstack_migrate_live::db::Connection::open(
            url,
            cstack_migrate_live::db::Access::ReadWrite,
        )
        .await
        .unwrap_or_else(|e| panic!("MariaDB at {url} is required by this test: {e}"));
        conn.batch(sql).await.unwrap();
        conn.close().await;
    });
}

#[test]
fn diff_apply_status_verify_and_drift_on_mariadb() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let database = format!("cstack_cli_{}", std::process::id());
    let server = "mysql://root@127.0.0.1:3306/test";
    mariadb(
        server,
        &format!("DROP DATABASE IF EXISTS \"{database}\"; CREATE DATABASE \"{database}\""),
    );
    let url = format!("mysql://root@127.0.0.1:3306/{database}");

    std::fs::write(d.join("app.cstack"), MYSQL_V1).unwrap();
    let out = cstackc(d, &["migrate", "diff", "--name", "init"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert!(text(&out).contains("mysql: 1 operations"), "{}", text(&out));
    assert!(d.join("migrations/mysql/snapshot.json").is_file());
    assert!(!d.join("migrations/postgres").exists());
    let apply = cstackc(d, &["migrate", "apply", "--database-url", &url]);
    assert_eq!(code(&apply), 0, "{}", text(&apply));
    mariadb(&url, "INSERT INTO notes (title, body) VALUES ('kept', 'b')");

    // The new columns are added instantly (no copy of the table), the new
    // index is built online.
    std::fs::write(d.join("app.cstack"), MYSQL_V2).unwrap();
    let planned = cstackc(d, &["migrate", "diff", "--name", "second"]);
    assert_eq!(code(&planned), 0, "{}", text(&planned));
    let up = std::fs::read_dir(d.join("migrations/mysql"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .max()
        .unwrap()
        .join("up.sql");
    let up = std::fs::read_to_string(up).unwrap();
    assert!(up.contains("ALGORITHM = INPLACE LOCK = NONE"), "{up}");
    assert!(
        up.contains("ADD COLUMN \"stars\" bigint NOT NULL DEFAULT 0, ALGORITHM = INSTANT"),
        "{up}"
    );
    let status = cstackc(d, &["migrate", "status", "--database-url", &url]);
    assert_eq!(code(&status), 1, "{}", text(&status));
    assert!(text(&status).contains("pending"));
    let apply = cstackc(d, &["migrate", "apply", "--database-url", &url]);
    assert_eq!(code(&apply), 0, "{}", text(&apply));

    let verify = cstackc(d, &["migrate", "verify", "--scratch-url", server]);
    assert_eq!(code(&verify), 0, "{}", text(&verify));
    assert!(text(&verify).contains("clean"), "{}", text(&verify));
    let drift = cstackc(d, &["migrate", "drift", "--database-url", &url]);
    assert_eq!(code(&drift), 0, "{}", text(&drift));
    assert!(text(&drift).contains("no drift"), "{}", text(&drift));
    mariadb(&url, "CREATE INDEX by_hand ON notes (score)");
    let drift = cstackc(
        d,
        &[
            "migrate",
            "drift",
            "--database-url",
            &url,
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&drift), 1, "{}", text(&drift));
    let value: serde_json::Value = serde_json::from_slice(&drift.stdout).unwrap();
    assert_eq!(value["report"]["differences"][0]["object"], "table notes");

    // `build` on a mysql schema gives a crate on the MySQL backend.
    let out = d.join("crate");
    let build = cstackc(d, &["build", "app.cstack", "--out", out.to_str().unwrap()]);
    assert_eq!(code(&build), 0, "{}", text(&build));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"default = ["mysql", "json", "cbor", "http"]"#),
        "{manifest}"
    );
    let db_module = std::fs::read_to_string(out.join("src/database.rs")).unwrap();
    assert!(db_module.contains("pub async fn connect_mysql"));
    assert!(db_module.contains("pub async fn migrate_mysql"));
    assert!(db_module.contains("MYSQL_MIGRATIONS"));
    assert!(!db_module.contains("connect_postgres"));
    mariadb(server, &format!("DROP DATABASE \"{database}\""));
}
