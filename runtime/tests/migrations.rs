//! `Handle::apply_migrations` on a real SQLite file: in order, each once,
//! recorded in `cstack_migrations`, resumed at a failed step, and refused
//! when an applied migration changed.

use cstack_runtime::{Handle, Migration, MigrationStep};

const CREATE: MigrationStep = MigrationStep {
    transactional: true,
    sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
};
const TITLE: MigrationStep = MigrationStep {
    transactional: true,
    sql: "ALTER TABLE notes ADD COLUMN title TEXT;",
};
const MIGRATIONS: &[Migration] = &[
    Migration {
        id: "20260101000000_create",
        checksum: "one",
        steps: &[CREATE],
    },
    Migration {
        id: "20260102000000_title",
        checksum: "two",
        steps: &[TITLE],
    },
];

async fn count(handle: &Handle, sql: &str) -> bool {
    handle.execute_script(sql).await.is_ok()
}

#[tokio::test]
async fn migrations_apply_in_order_once_resume_and_detect_changes() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("m.sqlite");
    let handle = Handle::open_sqlite(&path).unwrap();
    handle.apply_migrations(MIGRATIONS).await.unwrap();
    drop(handle);
    // Reopened and applied again: nothing runs twice (ALTER would fail).
    let handle = Handle::open_sqlite(&path).unwrap();
    handle.apply_migrations(MIGRATIONS).await.unwrap();
    assert!(
        count(
            &handle,
            "INSERT INTO notes (body, title) VALUES ('b', 't');"
        )
        .await
    );

    // A failing step leaves nothing of itself and is retried next time.
    const BROKEN: &[Migration] = &[Migration {
        id: "20260103000000_extra",
        checksum: "three",
        steps: &[
            MigrationStep {
                transactional: true,
                sql: "CREATE TABLE extra (x INTEGER);",
            },
            MigrationStep {
                transactional: true,
                sql: "SELECT * FROM missing_table;",
            },
        ],
    }];
    assert!(handle.apply_migrations(BROKEN).await.is_err());
    assert!(
        !count(&handle, "CREATE TABLE extra (x INTEGER);").await,
        "step 1 committed with its progress"
    );
    const FIXED: &[Migration] = &[Migration {
        id: "20260103000000_extra",
        checksum: "three",
        steps: &[
            MigrationStep {
                transactional: true,
                sql: "CREATE TABLE extra (x INTEGER);",
            },
            MigrationStep {
                transactional: true,
                sql: "CREATE TABLE extra2 (y INTEGER);",
            },
        ],
    }];
    handle
        .apply_migrations(FIXED)
        .await
        .expect("resumes at step 2, not re-running step 1");

    let changed = [Migration {
        id: "20260101000000_create",
        checksum: "edited",
        steps: &[CREATE],
    }];
    let refused = handle.apply_migrations(&changed).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("changed after it was applied")));
}
