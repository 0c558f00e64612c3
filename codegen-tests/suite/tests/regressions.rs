//! Defects of the consumers of the schema model that the typed model fixed
//! by construction, kept fixed, on PostgreSQL, SQLite and MySQL, through the
//! generated `contract-db` crate:
//!
//! - a table and a column named longer than PostgreSQL's 63-byte limit are
//!   created, written, filtered and read back under one physical name;
//! - `@default(dbgenerated())` columns are filled by the database;
//! - a model named like another model's event type keeps its name at the
//!   crate root, and the event type stays in its model's module.

use contract_db::customer_account_reconciliation_statement_line_item_adjustment_history_entry_record as long;
use contract_db::runtime::Event;
use contract_db::{
    CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput,
    CreatePostEventInput, CreatePostInput, CreateTicketInput, Db, PostEvent, ticket,
};
use cstack_codegen_suite::Scratch;
use cstack_runtime::rust_decimal::Decimal;
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;

type Outcome = Result<(), Box<dyn std::error::Error>>;

async fn backends(scratch: &Scratch) -> Vec<(&'static str, Db)> {
    let postgres = Db::connect_postgres(&scratch.postgres_url())
        .await
        .expect("connect");
    postgres.migrate_postgres().await.expect("migrate");
    let sqlite = Db::open_sqlite(scratch.sqlite_path()).await.expect("open");
    let mysql = Db::connect_mysql(&scratch.mysql_url())
        .await
        .expect("connect");
    mysql.migrate_mysql().await.expect("migrate");
    vec![("postgres", postgres), ("sqlite", sqlite), ("mysql", mysql)]
}

async fn long_names(db: &Db) -> Outcome {
    let records =
        db.customer_account_reconciliation_statement_line_item_adjustment_history_entry_record();
    for (id, text) in [(1, "first"), (2, "second")] {
        records
            .create(
                CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput::builder()
                    .id(id)
                    .reconciliation_statement_line_item_adjustment_history_entry_description_text(text)
                    .amount(Decimal::new(id * 150, 2))
                    .build(),
            )
            .await?;
    }
    let found = records
        .find_many()
        .filter(
            long::reconciliation_statement_line_item_adjustment_history_entry_description_text()
                .eq("second"),
        )
        .exec()
        .await?;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, 2);
    assert_eq!(found[0].amount, Decimal::new(300, 2));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_longer_than_the_identifier_limit_are_one_name_everywhere() {
    let scratch = Scratch::new().await;
    for (backend, db) in backends(&scratch).await {
        if let Err(error) = long_names(&db).await {
            panic!("long names on {backend}: {error}");
        }
    }
    // The database holds the very names the crate queries.
    let descriptor = <contract_db::CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord as cstack_runtime::Model>::DESCRIPTOR;
    assert!(descriptor.table.len() <= 63);
    let mut conn = sqlx_postgres::PgConnection::connect(&scratch.postgres_url())
        .await
        .unwrap();
    let columns: Vec<String> = conn
        .fetch_all(
            format!(
                "SELECT column_name FROM information_schema.columns WHERE table_name = '{}' ORDER BY ordinal_position",
                descriptor.table
            )
            .as_str(),
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    let expected: Vec<&str> = descriptor.columns.iter().map(|c| c.name).collect();
    assert_eq!(columns, expected);
}

async fn generated_columns(db: &Db) -> Outcome {
    let before = cstack_runtime::chrono::Utc::now() - cstack_runtime::chrono::Duration::seconds(5);
    let first = db
        .ticket()
        .create(CreateTicketInput::builder().title("first").build())
        .await?;
    let second = db
        .ticket()
        .create(CreateTicketInput::builder().title("second").build())
        .await?;
    for ticket in [&first, &second] {
        assert_eq!(ticket.code.len(), 36, "a UUID as text: {}", ticket.code);
        assert!(cstack_runtime::uuid::Uuid::parse_str(&ticket.code).is_ok());
        assert!(
            ticket.opened_at > before,
            "filled with the time of the insert"
        );
        assert!(!ticket.r#ref.is_nil());
    }
    assert_ne!(first.code, second.code);
    assert_ne!(first.r#ref, second.r#ref);
    // A value given is kept.
    let chosen = db
        .ticket()
        .create(
            CreateTicketInput::builder()
                .title("chosen")
                .code("T-1")
                .build(),
        )
        .await?;
    assert_eq!(chosen.code, "T-1");
    let found = db
        .ticket()
        .find_many()
        .filter(ticket::code().eq(first.code.clone()))
        .exec()
        .await?;
    assert_eq!(found, [first]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn columns_left_to_the_database_are_filled_by_it() {
    let scratch = Scratch::new().await;
    for (backend, db) in backends(&scratch).await {
        if let Err(error) = generated_columns(&db).await {
            panic!("dbgenerated() on {backend}: {error}");
        }
    }
}

async fn declared_names_win(db: &Db) -> Outcome {
    let mut events = db.post().subscribe();
    db.post()
        .create(CreatePostInput::builder().id(1).title("hello").build())
        .await?;
    // `PostEvent` at the root is the declared model ...
    let note: PostEvent = db
        .post_event()
        .create(
            CreatePostEventInput::builder()
                .id(7)
                .post_id(1)
                .note("seen")
                .build(),
        )
        .await?;
    assert_eq!((note.id, note.post_id), (7, 1));
    // ... and `Post`'s event type is `post::PostEvent`.
    let event: std::sync::Arc<contract_db::post::PostEvent> = events.recv().await?;
    match &*event {
        Event::Created(post) => assert_eq!(post.title, "hello"),
        other => panic!("unexpected event {other:?}"),
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_named_like_an_event_type_keeps_its_name() {
    let scratch = Scratch::new().await;
    for (backend, db) in backends(&scratch).await {
        if let Err(error) = declared_names_win(&db).await {
            panic!("declared names on {backend}: {error}");
        }
    }
}
