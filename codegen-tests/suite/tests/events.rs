//! `@@audit`, `@@emit` and `@@materialized(refresh = on_change)` of the
//! generated `events-db` and `on-change-db` crates: audit rows written with
//! the change (redacted, before and after), rolled back with it, handed to
//! sinks only after commit; events delivered after commit in order, only for
//! the listed operations; outbox redelivery; debounced on-change refreshes.

use cstack_codegen_suite::{ScratchMysql, ScratchPostgres};
use events_db::runtime::{AuditRecord, AuditSink, Error, Event, Operation};
use events_db::{
    CreateArticleInput, CreateCommentInput, CreatePlainInput, Db, Editor, UpdateArticleInput,
    article,
};
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use std::sync::{Arc, Mutex};

/// A database per backend and a way to count rows of a runtime table.
struct Backend {
    name: &'static str,
    db: Db,
    location: Location,
    _keep: Box<dyn std::any::Any>,
}

/// Where a backend's database is, to open it again.
enum Location {
    Postgres(String),
    Sqlite(std::path::PathBuf),
    Mysql(String),
}

impl Backend {
    async fn count(&self, sql: &str) -> i64 {
        match &self.location {
            Location::Postgres(url) => {
                let mut conn = sqlx_postgres::PgConnection::connect(url).await.unwrap();
                conn.fetch_one(sql).await.unwrap().get::<i64, _>(0)
            }
            Location::Sqlite(file) => rusqlite::Connection::open(file)
                .unwrap()
                .query_row(sql, [], |row| row.get(0))
                .unwrap(),
            Location::Mysql(url) => {
                let mut conn = sqlx_mysql::MySqlConnection::connect(url).await.unwrap();
                // Double-quoted identifiers, as on the other backends.
                for setup in events_db::runtime::Dialect::Mysql.session_setup() {
                    conn.execute(*setup).await.unwrap();
                }
                conn.fetch_one(sql).await.unwrap().get::<i64, _>(0)
            }
        }
    }
}

async fn backends() -> Vec<Backend> {
    let scratch = ScratchPostgres::create().await;
    let url = scratch.url();
    let pg = Db::connect_postgres(&url).await.expect("connect");
    pg.migrate_postgres().await.expect("migrate");
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("events.sqlite");
    let lite = Db::open_sqlite(&file).await.expect("open SQLite");
    let mysql = ScratchMysql::create().await;
    let my = Db::connect_mysql(&mysql.url()).await.expect("connect");
    my.migrate_mysql().await.expect("migrate");
    vec![
        Backend {
            name: "postgres",
            db: pg,
            location: Location::Postgres(url),
            _keep: Box::new(scratch),
        },
        Backend {
            name: "sqlite",
            db: lite,
            location: Location::Sqlite(file),
            _keep: Box::new(folder),
        },
        Backend {
            name: "mysql",
            db: my,
            location: Location::Mysql(mysql.url()),
            _keep: Box::new(mysql),
        },
    ]
}

/// A fresh handle on the backend's database, as another process opens it.
async fn reopen(backend: &Backend) -> Db {
    match &backend.location {
        Location::Postgres(url) => Db::connect_postgres(url).await.unwrap(),
        Location::Sqlite(file) => Db::open_sqlite(file).await.unwrap(),
        Location::Mysql(url) => Db::connect_mysql(url).await.unwrap(),
    }
}

fn article_input(id: i64, title: &str) -> CreateArticleInput {
    CreateArticleInput::builder()
        .id(id)
        .title(title)
        .author_email("ada@example.com")
        .note("private")
        .build()
}

#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<AuditRecord>>>);

impl AuditSink for Collect {
    fn committed(&self, records: &[AuditRecord]) {
        self.0.lock().unwrap().extend_from_slice(records);
    }
}

#[tokio::test]
async fn audit_rows_carry_redacted_before_and_after_in_the_same_transaction() {
    for backend in backends().await {
        let name = backend.name;
        let sink = Collect::default();
        let db = backend
            .db
            .clone()
            .with_audit_sink(sink.clone())
            .with_auth(Editor {
                id: 7,
                role: "editor".into(),
                tenant_id: "acme".into(),
            });
        db.article()
            .create(article_input(1, "first"))
            .await
            .unwrap();
        db.article()
            .update(1, UpdateArticleInput::new().set_title("second"))
            .exec()
            .await
            .unwrap();
        db.article().delete(1).await.unwrap();
        // A plain model writes no journal row.
        db.plain()
            .create(CreatePlainInput::builder().id(1).label("x").build())
            .await
            .unwrap();
        assert_eq!(
            backend.count("SELECT COUNT(*) FROM cratestack_audit").await,
            3,
            "{name}"
        );
        let records = sink.0.lock().unwrap().clone();
        let ops: Vec<Operation> = records.iter().map(|r| r.operation).collect();
        assert_eq!(
            ops,
            [Operation::Create, Operation::Update, Operation::Delete],
            "{name}"
        );
        let created = &records[0];
        assert_eq!(created.model, "Article");
        assert_eq!(created.key, serde_json::json!(1));
        assert_eq!(
            created.actor,
            Some(serde_json::json!({ "id": 7 })),
            "{name}"
        );
        assert_eq!(created.tenant.as_deref(), Some("acme"));
        assert_eq!(created.before, None);
        let after = created.after.as_ref().unwrap();
        assert_eq!(after["title"], "first");
        assert_eq!(
            after["authorEmail"], "[redacted]",
            "{name}: @pii is redacted"
        );
        assert_eq!(
            after["note"], "[redacted]",
            "{name}: @sensitive is redacted"
        );
        assert_eq!(after["views"], 0);
        let updated = &records[1];
        assert_eq!(updated.before.as_ref().unwrap()["title"], "first", "{name}");
        assert_eq!(updated.after.as_ref().unwrap()["title"], "second", "{name}");
        let deleted = &records[2];
        assert_eq!(
            deleted.before.as_ref().unwrap()["title"],
            "second",
            "{name}"
        );
        assert_eq!(deleted.after, None);
        // The stored journal row is redacted too.
        assert_eq!(
            backend
                .count(
                    "SELECT COUNT(*) FROM cratestack_audit WHERE operation = 'create' \
                     AND \"after\" IS NOT NULL AND \"before\" IS NULL"
                )
                .await,
            1,
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_no_audit_row_and_no_sink_call() {
    for backend in backends().await {
        let name = backend.name;
        let sink = Collect::default();
        let db = backend.db.clone().with_audit_sink(sink.clone());
        let outcome: Result<(), Error> = db
            .transaction(|tx| async move {
                tx.article().create(article_input(1, "doomed")).await?;
                assert_eq!(tx.article().count(article::id().eq(1)).await?, 1);
                Err(Error::Forbidden {
                    reason: "roll back".into(),
                })
            })
            .await;
        assert!(outcome.is_err());
        assert_eq!(
            backend.count("SELECT COUNT(*) FROM cratestack_audit").await,
            0,
            "{name}"
        );
        assert_eq!(
            backend.count("SELECT COUNT(*) FROM articles").await,
            0,
            "{name}"
        );
        assert!(
            sink.0.lock().unwrap().is_empty(),
            "{name}: no sink call on rollback"
        );
        // A committed transaction reaches the sink once, after the commit.
        db.transaction(|tx| {
            let sink = sink.clone();
            async move {
                tx.article().create(article_input(2, "kept")).await?;
                tx.article().create(article_input(3, "kept too")).await?;
                assert!(sink.0.lock().unwrap().is_empty(), "not before the commit");
                Ok(())
            }
        })
        .await
        .unwrap();
        assert_eq!(sink.0.lock().unwrap().len(), 2, "{name}");
        assert_eq!(
            backend.count("SELECT COUNT(*) FROM cratestack_audit").await,
            2,
            "{name}"
        );
    }
}

#[tokio::test]
async fn events_arrive_after_commit_in_order_only_for_listed_operations() {
    for backend in backends().await {
        let name = backend.name;
        let db = &backend.db;
        let mut articles = db.article().subscribe();
        let mut comments = db.comment().subscribe();
        let rolled_back: Result<(), Error> = db
            .transaction(|tx| async move {
                tx.article().create(article_input(9, "never")).await?;
                Err(Error::Forbidden {
                    reason: "roll back".into(),
                })
            })
            .await;
        assert!(rolled_back.is_err());
        assert!(
            articles.try_recv().is_none(),
            "{name}: nothing from a rollback"
        );
        db.transaction(|tx| async move {
            tx.article().create(article_input(1, "one")).await?;
            tx.article()
                .update(1, UpdateArticleInput::new().set_views(5))
                .exec()
                .await?;
            Ok(())
        })
        .await
        .unwrap();
        db.article().delete(1).await.unwrap();
        let mut seen = Vec::new();
        while let Some(event) = articles.try_recv() {
            seen.push((*event).clone());
        }
        assert_eq!(seen.len(), 3, "{name}: {seen:?}");
        assert!(matches!(&seen[0], Event::Created(a) if a.id == 1 && a.views == 0));
        assert!(
            matches!(&seen[1], Event::Updated { before, after } if before.views == 0 && after.views == 5),
            "{name}"
        );
        assert!(matches!(&seen[2], Event::Deleted(a) if a.views == 5));
        // Comment emits created and deleted only.
        db.comment()
            .create(CreateCommentInput::builder().id(1).body("hi").build())
            .await
            .unwrap();
        db.comment()
            .update(1, events_db::UpdateCommentInput::new().set_body("edited"))
            .exec()
            .await
            .unwrap();
        db.comment().delete(1).await.unwrap();
        let ops: Vec<Operation> = std::iter::from_fn(|| comments.try_recv())
            .map(|event| event.operation())
            .collect();
        assert_eq!(ops, [Operation::Create, Operation::Delete], "{name}");
        // Delivered events are marked in the outbox.
        assert_eq!(
            backend
                .count("SELECT COUNT(*) FROM cratestack_event_outbox WHERE delivered_at IS NULL")
                .await,
            0,
            "{name}"
        );
    }
}

#[tokio::test]
async fn undelivered_outbox_rows_are_redelivered() {
    for backend in backends().await {
        let name = backend.name;
        // Nobody subscribed: the events stay pending, as after a crash.
        backend
            .db
            .article()
            .create(article_input(1, "a"))
            .await
            .unwrap();
        backend
            .db
            .article()
            .create(article_input(2, "b"))
            .await
            .unwrap();
        assert_eq!(
            backend
                .count("SELECT COUNT(*) FROM cratestack_event_outbox WHERE delivered_at IS NULL")
                .await,
            2,
            "{name}"
        );
        // A new process: a fresh handle on the same database.
        let restarted = reopen(&backend).await;
        let mut events = restarted.article().subscribe();
        assert_eq!(restarted.deliver_pending().await.unwrap(), 2, "{name}");
        let ids: Vec<i64> = std::iter::from_fn(|| events.try_recv())
            .map(|event| match &*event {
                Event::Created(a) => a.id,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(ids, [1, 2], "{name}: oldest first");
        assert_eq!(
            restarted.deliver_pending().await.unwrap(),
            0,
            "{name}: once"
        );
    }
}

#[tokio::test]
async fn concurrent_redeliveries_deliver_each_row_once() {
    for backend in backends().await {
        let name = backend.name;
        for id in 1..=20 {
            backend
                .db
                .article()
                .create(article_input(id, "a"))
                .await
                .unwrap();
        }
        // Two processes starting at once, each with its own connection.
        let (first, second) = (reopen(&backend).await, reopen(&backend).await);
        let (mut first_events, mut second_events) =
            (first.article().subscribe(), second.article().subscribe());
        let (a, b) = tokio::join!(first.deliver_pending(), second.deliver_pending());
        assert_eq!(a.unwrap() + b.unwrap(), 20, "{name}");
        let mut ids: Vec<i64> = std::iter::from_fn(|| first_events.try_recv())
            .chain(std::iter::from_fn(|| second_events.try_recv()))
            .map(|event| match &*event {
                Event::Created(a) => a.id,
                other => panic!("{other:?}"),
            })
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=20).collect::<Vec<_>>(), "{name}: each once");
        assert_eq!(
            backend
                .count("SELECT COUNT(*) FROM cratestack_event_outbox WHERE delivered_at IS NULL")
                .await,
            0,
            "{name}"
        );
    }
}

#[tokio::test]
async fn on_change_views_refresh_after_commits_debounced() {
    use on_change_db::{CreateNoteInput, CreateSaleInput, Db as SalesDb, region_total};
    let scratch = ScratchPostgres::create().await;
    let db = SalesDb::connect_postgres(&scratch.url()).await.unwrap();
    db.migrate_postgres().await.unwrap();
    db.set_refresh_debounce(std::time::Duration::from_millis(300));
    let total = |db: SalesDb| async move {
        db.region_total()
            .find_unique("north".to_string())
            .exec()
            .await
            .unwrap()
            .map(|row| row.total_cents)
    };
    // Writes to a model the view does not read refresh nothing.
    db.note()
        .create(CreateNoteInput::builder().id(1).text("x").build())
        .await
        .unwrap();
    // Five commits within the window: one refresh.
    for id in 1..=5 {
        db.sale()
            .create(
                CreateSaleInput::builder()
                    .id(id)
                    .region("north")
                    .amount_cents(100)
                    .build(),
            )
            .await
            .unwrap();
    }
    assert_eq!(total(db.clone()).await, None, "not refreshed yet");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while db.on_change_refreshes().0 == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(db.on_change_refreshes(), (1, None));
    assert_eq!(total(db.clone()).await, Some(500));
    let _ = region_total::total_cents();
    // A rolled-back transaction refreshes nothing; a committed one does.
    let _ = db
        .transaction(|tx| async move {
            tx.sale()
                .create(
                    CreateSaleInput::builder()
                        .id(9)
                        .region("north")
                        .amount_cents(1)
                        .build(),
                )
                .await?;
            Err::<(), _>(on_change_db::runtime::Error::Forbidden {
                reason: "no".into(),
            })
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(db.on_change_refreshes().0, 1, "no refresh for a rollback");
    db.transaction(|tx| async move {
        tx.sale()
            .create(
                CreateSaleInput::builder()
                    .id(10)
                    .region("north")
                    .amount_cents(50)
                    .build(),
            )
            .await
            .map(drop)
    })
    .await
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while db.on_change_refreshes().0 < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(db.on_change_refreshes(), (2, None));
    assert_eq!(total(db.clone()).await, Some(550));
    // A handle the application made itself, wrapped, refreshes on change too.
    let handle = on_change_db::runtime::Handle::connect_postgres(&scratch.url())
        .await
        .unwrap();
    let wrapped = SalesDb::from_handle(handle);
    wrapped.set_refresh_debounce(std::time::Duration::from_millis(50));
    wrapped
        .sale()
        .create(
            CreateSaleInput::builder()
                .id(11)
                .region("north")
                .amount_cents(25)
                .build(),
        )
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while wrapped.on_change_refreshes().0 < 1 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(wrapped.on_change_refreshes(), (1, None));
    assert_eq!(total(wrapped).await, Some(575));
}
