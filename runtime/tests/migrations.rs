//! `Handle::apply_migrations` on a real SQLite file: in order, each once,
//! recorded in `cstack_migrations`, resumed at a failed step, and refused
//! when an applied migration changed.

use cstack_runtime::{Handle, Migration, MigrationStep};

const CREATE: MigrationStep = MigrationStep::new(
    true,
    &["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"],
);
const TITLE: MigrationStep =
    MigrationStep::new(true, &["ALTER TABLE notes ADD COLUMN title TEXT;"]);
const MIGRATIONS: &[Migration] = &[
    Migration::new("20260101000000_create", "one", &[CREATE]),
    Migration::new("20260102000000_title", "two", &[TITLE]),
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
    const BROKEN: &[Migration] = &[
        MIGRATIONS[0],
        MIGRATIONS[1],
        Migration::new(
            "20260103000000_extra",
            "three",
            &[
                MigrationStep::new(true, &["CREATE TABLE extra (x INTEGER);"]),
                MigrationStep::new(true, &["SELECT * FROM missing_table;"]),
            ],
        ),
    ];
    assert!(handle.apply_migrations(BROKEN).await.is_err());
    assert!(
        !count(&handle, "CREATE TABLE extra (x INTEGER);").await,
        "step 1 committed with its progress"
    );
    const FIXED: &[Migration] = &[
        MIGRATIONS[0],
        MIGRATIONS[1],
        Migration::new(
            "20260103000000_extra",
            "three",
            &[
                MigrationStep::new(true, &["CREATE TABLE extra (x INTEGER);"]),
                MigrationStep::new(true, &["CREATE TABLE extra2 (y INTEGER);"]),
            ],
        ),
    ];
    handle
        .apply_migrations(FIXED)
        .await
        .expect("resumes at step 2, not re-running step 1");

    let changed = [Migration::new("20260101000000_create", "edited", &[CREATE])];
    let refused = handle.apply_migrations(&changed).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("changed after it was applied")));
}

/// Generated crates apply their migrations from any task: the future is
/// `Send` (checked at compile time).
#[test]
fn applying_is_send() {
    fn send<T: Send>(_: &T) {}
    let handle = Handle::open_sqlite_memory().unwrap();
    send(&handle.apply_migrations(MIGRATIONS));
}

/// A step marked `no-transaction` runs its statements one by one, so a
/// failed statement leaves the ones before it in place and the step is
/// retried as a whole.
#[tokio::test]
async fn a_step_outside_a_transaction_runs_statement_by_statement() {
    let handle = Handle::open_sqlite_memory().unwrap();
    const PARTLY: &[Migration] = &[Migration::new(
        "1_no_tx",
        "x",
        &[MigrationStep::new(
            false,
            &[
                "CREATE TABLE IF NOT EXISTS first (x INTEGER)",
                "SELECT * FROM missing_table",
            ],
        )],
    )];
    assert!(handle.apply_migrations(PARTLY).await.is_err());
    assert!(
        !count(&handle, "CREATE TABLE first (x INTEGER);").await,
        "the first statement stayed"
    );
    const FIXED: &[Migration] = &[
        MIGRATIONS[0],
        MIGRATIONS[1],
        Migration::new(
            "1_no_tx",
            "x",
            &[MigrationStep::new(
                false,
                &[
                    "CREATE TABLE IF NOT EXISTS first (x INTEGER)",
                    "CREATE TABLE second (y INTEGER)",
                ],
            )],
        ),
    ];
    handle.apply_migrations(FIXED).await.unwrap();
    assert!(count(&handle, "INSERT INTO second (y) VALUES (1);").await);
}

/// On SQLite a transactional step that leaves a row breaking a foreign key
/// (what a table rebuild with foreign keys off can do) is rolled back.
#[tokio::test]
async fn a_step_breaking_a_foreign_key_is_rolled_back_on_sqlite() {
    let handle = Handle::open_sqlite_memory().unwrap();
    const REBUILD: &[Migration] = &[Migration::new(
        "1_rebuild",
        "x",
        &[
            MigrationStep::new(
                true,
                &["CREATE TABLE parent (id INTEGER PRIMARY KEY);
                   CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));"],
            ),
            MigrationStep::new(false, &["PRAGMA foreign_keys = OFF"]),
            MigrationStep::new(true, &["INSERT INTO child (id, parent_id) VALUES (1, 42);"]),
            MigrationStep::new(false, &["PRAGMA foreign_keys = ON"]),
        ],
    )];
    let error = handle.apply_migrations(REBUILD).await.unwrap_err();
    assert!(
        error.to_string().contains("1_rebuild step 3") && error.to_string().contains("foreign"),
        "{error}"
    );
    assert!(
        count(
            &handle,
            "INSERT INTO child (id, parent_id) VALUES (1, NULL);"
        )
        .await,
        "the orphan row was rolled back"
    );
}
