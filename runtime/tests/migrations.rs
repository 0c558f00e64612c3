//! `Handle::apply_migrations` on a real SQLite file: in order, each once,
//! and a failing migration leaves nothing of itself behind.

use cstack_runtime::Handle;

const FIRST: (&str, &str) = (
    "20260101000000_create",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
);
const SECOND: (&str, &str) = (
    "20260102000000_title",
    "ALTER TABLE notes ADD COLUMN title TEXT;",
);

#[tokio::test]
async fn migrations_apply_in_order_once_and_atomically() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("m.sqlite");
    let handle = Handle::open_sqlite(&path).unwrap();
    handle.apply_migrations(&[FIRST, SECOND]).await.unwrap();
    // Reopening and applying again changes nothing (ALTER would fail twice).
    drop(handle);
    let handle = Handle::open_sqlite(&path).unwrap();
    handle.apply_migrations(&[FIRST, SECOND]).await.unwrap();
    handle
        .execute_script("INSERT INTO notes (body, title) VALUES ('b', 't');")
        .await
        .unwrap();

    let broken = (
        "20260103000000_broken",
        "CREATE TABLE extra (x INTEGER); SELECT * FROM missing_table;",
    );
    assert!(
        handle
            .apply_migrations(&[FIRST, SECOND, broken])
            .await
            .is_err()
    );
    // The failed migration's first statement was rolled back with it.
    let outcome = handle
        .execute_script("CREATE TABLE extra (x INTEGER);")
        .await;
    assert!(outcome.is_ok(), "{outcome:?}");
}
