//! Views of generated crates: a view with a read policy on every backend,
//! read through the same `ReadSource` trait as a model, and materialized
//! views on PostgreSQL (`views-db`): stale until refreshed, `refresh()`,
//! the refresh scheduler, and the refusal to build them for SQLite.

use cstack_codegen_suite::ScratchPostgres;
use cstack_runtime::{Model, ReadSource, Refresh, Result, SchedulerOptions};
use policy_db::runtime::{Context, Filter};
use policy_db::{CreateDocInput, CreateTeamInput, Doc, OwnedDoc, Viewer, Visibility};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use views_db::{CreateSaleInput, CustomerTotal, customer_total};

fn viewer(id: i64, role: &str) -> Context {
    Context::authenticated(Viewer {
        id,
        role: role.into(),
        tenant_id: "acme".into(),
        level: None,
    })
}

/// A fresh `policy-db` database of each backend, with what keeps it alive.
async fn policy_databases() -> Vec<(&'static str, policy_db::Db, Box<dyn std::any::Any>)> {
    cstack_codegen_suite::each_database!(policy_db::Db)
}

/// Generic over models and views alike: the titles of the rows with a
/// score of at least `min`, best first, one page of `per_page`.
async fn titles<'a, S>(source: &S, filter: Filter<S::Row>, per_page: u64) -> Result<Vec<String>>
where
    S: ReadSource<'a>,
    S::Row: Titled,
{
    let page = source
        .find_many()
        .filter(filter)
        .paginate(1, per_page)
        .await?;
    Ok(page
        .items
        .iter()
        .map(|row| row.title().to_string())
        .collect())
}

trait Titled: Model {
    fn title(&self) -> &str;
}

impl Titled for Doc {
    fn title(&self) -> &str {
        &self.title
    }
}

impl Titled for OwnedDoc {
    fn title(&self) -> &str {
        &self.title
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_view_reads_through_read_source_under_its_read_policy() {
    for (backend, db, _keep) in policy_databases().await {
        let root = db.with_context(viewer(0, "admin").with_system(true));
        root.team()
            .create(
                CreateTeamInput::builder()
                    .id(1)
                    .name("t")
                    .tenant_id("acme")
                    .build(),
            )
            .await
            .expect("the system creates a team");
        for (id, owner, score) in [(1, 7, 5), (2, 7, 9), (3, 8, 7), (4, 7, 1)] {
            root.doc()
                .create(
                    CreateDocInput::builder()
                        .id(id)
                        .title(format!("doc {id}"))
                        .owner_id(owner)
                        .team_id(1)
                        .visibility(Visibility::Public)
                        .score(score)
                        .archived(false)
                        .build(),
                )
                .await
                .expect("the system creates docs");
        }
        let owner = db.with_context(viewer(7, "member"));
        let views = owner.owned_doc();
        let best = || Filter::<OwnedDoc>::all().and(policy_db::owned_doc::score().gte(2));
        // The view's policy admits only the owner's rows; ordering and
        // pagination apply on top.
        let page = views
            .find_many()
            .filter(best())
            .order_by(policy_db::owned_doc::score().desc())
            .paginate(1, 1)
            .await
            .unwrap();
        assert_eq!(
            (page.items.len(), page.total),
            (1, 2),
            "{backend}: one page of the owner's two docs scoring 2 or more"
        );
        assert_eq!(page.items[0].title, "doc 2", "{backend}");
        assert_eq!(views.count(Filter::all()).await.unwrap(), 3, "{backend}");
        assert!(
            views.find_unique(3).exec().await.unwrap().is_none(),
            "{backend}: another owner's row is hidden"
        );
        assert!(
            views.find_unique(1).exec().await.unwrap().is_some(),
            "{backend}"
        );
        let stranger = db.with_context(viewer(9, "member"));
        assert!(
            !stranger.owned_doc().exists(Filter::all()).await.unwrap(),
            "{backend}: a stranger sees no row of the view"
        );
        assert_eq!(
            db.with_context(Context::anonymous())
                .owned_doc()
                .count(Filter::all())
                .await
                .unwrap(),
            0,
            "{backend}: deny by default"
        );
        let admin = db.with_context(viewer(1, "admin"));
        assert_eq!(
            admin.owned_doc().count(Filter::all()).await.unwrap(),
            4,
            "{backend}"
        );

        // One generic function over a model delegate and a view delegate.
        let mut from_view = titles(&owner.owned_doc(), best(), 10).await.unwrap();
        let mut from_model = titles(
            &owner.doc(),
            policy_db::doc::owner_id()
                .eq(7)
                .and(policy_db::doc::score().gte(2)),
            10,
        )
        .await
        .unwrap();
        from_view.sort();
        from_model.sort();
        assert_eq!(from_view, vec!["doc 1", "doc 2"], "{backend}");
        assert_eq!(from_view, from_model, "{backend}");
    }
}

async fn views_db() -> (views_db::Db, ScratchPostgres) {
    let scratch = ScratchPostgres::create().await;
    let db = views_db::Db::connect_postgres(&scratch.url())
        .await
        .expect("connect");
    db.migrate_postgres().await.expect("migrate");
    (db, scratch)
}

async fn sell(db: &views_db::Db, id: i64, customer: &str, amount: i64) {
    db.sale()
        .create(
            CreateSaleInput::builder()
                .id(id)
                .customer(customer)
                .amount(amount)
                .build(),
        )
        .await
        .expect("insert a sale");
}

async fn total_of(db: &views_db::Db, customer: &str) -> Option<i64> {
    db.customer_total()
        .find_unique(customer.to_string())
        .exec()
        .await
        .expect("read the view")
        .map(|t: CustomerTotal| t.total)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_materialized_view_is_stale_until_refreshed() {
    let (db, _scratch) = views_db().await;
    sell(&db, 1, "ada", 10).await;
    assert_eq!(total_of(&db, "ada").await, None, "not refreshed yet");
    db.customer_total().refresh().await.expect("refresh");
    assert_eq!(total_of(&db, "ada").await, Some(10));
    sell(&db, 2, "ada", 5).await;
    sell(&db, 3, "bob", 1).await;
    assert_eq!(total_of(&db, "ada").await, Some(10), "stale again");
    db.customer_total().refresh().await.expect("refresh");
    assert_eq!(total_of(&db, "ada").await, Some(15));
    let totals = db
        .customer_total()
        .find_many()
        .order_by(customer_total::customer().asc())
        .exec()
        .await
        .unwrap();
    assert_eq!(
        totals
            .iter()
            .map(|t| (t.customer.as_str(), t.total, t.sales))
            .collect::<Vec<_>>(),
        vec![("ada", 15, 2), ("bob", 1, 1)]
    );
    // A refresh inside a transaction sees the transaction's writes.
    db.transaction(|tx| async move {
        sell(&tx, 4, "cy", 3).await;
        tx.customer_total().refresh().await?;
        assert_eq!(total_of(&tx, "cy").await, Some(3));
        Ok(())
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_refreshes_scheduled_views_until_stopped() {
    assert_eq!(
        views_db::MATERIALIZED_VIEWS
            .iter()
            .map(|v| (v.name, v.refresh))
            .collect::<Vec<_>>(),
        vec![
            ("CustomerTotal", Refresh::Manual),
            ("ScheduledTotal", Refresh::Every(Duration::from_secs(60))),
        ]
    );
    let (db, _scratch) = views_db().await;
    sell(&db, 1, "ada", 10).await;
    let refreshes = Arc::new(AtomicUsize::new(0));
    let counted = refreshes.clone();
    let scheduler = db
        .start_refresh_scheduler_with(
            SchedulerOptions::default()
                .interval(|view| match view.refresh {
                    Refresh::Every(_) => Some(Duration::from_millis(100)),
                    _ => None,
                })
                .on_refresh(move |view, outcome| {
                    assert_eq!(view.name, "ScheduledTotal");
                    assert!(outcome.is_ok(), "{outcome:?}");
                    counted.fetch_add(1, Ordering::SeqCst);
                }),
        )
        .expect("start the scheduler");
    assert_eq!(scheduler.scheduled(), 1, "only the scheduled view");
    let scheduled = |db: views_db::Db| async move {
        db.scheduled_total()
            .find_unique("ada".to_string())
            .exec()
            .await
            .unwrap()
            .map(|t| t.total)
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while scheduled(views_db::Db::from_handle(db.handle().clone())).await != Some(10) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the scheduler refreshed within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The manual view is not the scheduler's.
    assert_eq!(total_of(&db, "ada").await, None);
    scheduler.stop().await;
    let after_stop = refreshes.load(Ordering::SeqCst);
    assert!(after_stop >= 1);
    sell(&db, 2, "ada", 5).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        refreshes.load(Ordering::SeqCst),
        after_stop,
        "no refresh after stop"
    );
    assert_eq!(
        scheduled(views_db::Db::from_handle(db.handle().clone())).await,
        Some(10)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn materialized_views_are_refused_on_sqlite() {
    let lite = cstack_runtime::Handle::open_sqlite_memory().expect("an SQLite database");
    let error = cstack_runtime::refresh_materialized(&lite, &customer_total::MATERIALIZED)
        .await
        .expect_err("SQLite has no materialized views");
    assert_eq!(error.sqlstate(), Some("0A000"));
    assert!(error.to_string().contains("CustomerTotal"), "{error}");
    let scheduler = cstack_runtime::RefreshScheduler::start(
        lite,
        views_db::MATERIALIZED_VIEWS,
        SchedulerOptions::default(),
    );
    assert!(scheduler.is_err());
}
