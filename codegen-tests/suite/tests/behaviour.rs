//! The generated `behaviour-db` crate against every backend: each scenario
//! runs on a fresh PostgreSQL database, a fresh SQLite file and a fresh
//! MySQL (MariaDB) database and must behave the same on each.

use behaviour_db::{
    Article, CreateArticleInput, CreateMemberInput, CreateSampleInput, CreateSettingInput, Db,
    Member, Principal, Role, UpdateArticleInput, UpdateMemberInput, article, live_article, member,
    setting,
};
use cstack_codegen_suite::{TestDb, every_backend};
use cstack_runtime::chrono::{TimeZone, Utc};
use cstack_runtime::rust_decimal::Decimal;
use cstack_runtime::{Error, Filter, Result};
use std::str::FromStr;

type Outcome = std::result::Result<(), Box<dyn std::error::Error>>;

macro_rules! on_every_backend {
    ($($test:ident => $scenario:ident;)*) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $test() {
            for test in every_backend().await {
                if let Err(error) = $scenario(&test).await {
                    panic!("{} failed on {}: {error}", stringify!($test), test.backend);
                }
            }
        }
    )*};
}

on_every_backend! {
    create_read_update_delete => crud;
    every_filter_operator => filters;
    relation_filters_some_every_none => relation_filters;
    ordering_windows_and_pagination => ordering;
    includes_use_one_query_per_relation => includes;
    transactions_commit_or_roll_back => transactions;
    validators_report_every_field => validators;
    decimal_bounds_are_exact_at_the_edges => decimal_edges;
    soft_delete_hides_rows => soft_delete;
    version_conflicts_are_typed => versions;
    upsert_inserts_then_updates => upsert;
    unique_violations_are_conflicts => unique_violation;
    every_scalar_round_trips => round_trip;
    auth_defaults_need_a_principal => auth_defaults;
    bulk_writes => bulk;
    views_are_read_only_delegates => views;
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal literal")
}

async fn member(db: &Db, email: &str, name: &str) -> Result<Member> {
    db.member()
        .create(CreateMemberInput::builder().email(email).name(name).build())
        .await
}

fn author(db: &Db) -> Db {
    db.with_auth(Principal {
        id: 7,
        name: "editor".into(),
    })
}

async fn article(db: &Db, author: i64, title: &str, price: &str, stars: i64) -> Result<Article> {
    self::author(db)
        .article()
        .create(
            CreateArticleInput::builder()
                .title(title)
                .price(decimal(price))
                .stars(stars)
                .author_id(author)
                .build(),
        )
        .await
}

async fn crud(t: &TestDb) -> Outcome {
    let db = &t.db;
    let ada = member(db, "ada@example.com", "Ada").await?;
    assert!(ada.id > 0);
    assert_eq!(ada.role, Role::Reader, "enum default");
    assert_eq!(ada.nickname, None);
    let found = db.member().find_unique(ada.id).exec().await?;
    assert_eq!(found.as_ref(), Some(&ada));

    let renamed = db
        .member()
        .update(
            ada.id,
            UpdateMemberInput::new()
                .set_name("Ada L")
                .set_nickname("al"),
        )
        .exec()
        .await?;
    assert_eq!(
        (renamed.name.as_str(), renamed.nickname.as_deref()),
        ("Ada L", Some("al"))
    );
    let cleared = db
        .member()
        .update(ada.id, UpdateMemberInput::new().clear_nickname())
        .exec()
        .await?;
    assert_eq!(cleared.nickname, None, "Patch::Null clears");
    assert_eq!(cleared.name, "Ada L", "Patch::Unchanged keeps");

    let deleted = db.member().delete(ada.id).await?;
    assert_eq!(deleted.id, ada.id);
    assert_eq!(db.member().find_unique(ada.id).exec().await?, None);
    let missing = db
        .member()
        .update(ada.id, UpdateMemberInput::new().set_name("x"))
        .exec()
        .await;
    assert!(
        matches!(missing, Err(Error::NotFound { model: "Member" })),
        "{missing:?}"
    );
    assert_eq!(missing.unwrap_err().code(), "not_found");
    Ok(())
}

async fn filters(t: &TestDb) -> Outcome {
    let db = &t.db;
    let a = member(db, "a@example.com", "Alpha").await?;
    let b = member(db, "b@example.com", "Beta").await?;
    let c = member(db, "c@example.com", "alphabet").await?;
    db.member()
        .update(b.id, UpdateMemberInput::new().set_nickname("bee"))
        .exec()
        .await?;
    let ids = |rows: Vec<Member>| rows.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let query = |filter: Filter<Member>| async move {
        db.member()
            .find_many()
            .filter(filter)
            .order_by(member::id().asc())
            .exec()
            .await
            .map(ids)
    };
    assert_eq!(query(member::name().eq("Beta")).await?, [b.id]);
    assert_eq!(query(member::name().ne("Beta")).await?, [a.id, c.id]);
    assert_eq!(query(member::id().lt(b.id)).await?, [a.id]);
    assert_eq!(query(member::id().lte(b.id)).await?, [a.id, b.id]);
    assert_eq!(query(member::id().gt(b.id)).await?, [c.id]);
    assert_eq!(query(member::id().gte(b.id)).await?, [b.id, c.id]);
    assert_eq!(query(member::id().in_([a.id, c.id])).await?, [a.id, c.id]);
    assert_eq!(query(member::id().in_([])).await?, Vec::<i64>::new());
    assert_eq!(query(member::id().not_in([a.id])).await?, [b.id, c.id]);
    // Case-sensitive on both backends.
    assert_eq!(query(member::name().contains("lpha")).await?, [a.id, c.id]);
    assert_eq!(
        query(member::name().contains("ALPHA")).await?,
        Vec::<i64>::new()
    );
    assert_eq!(query(member::name().starts_with("Al")).await?, [a.id]);
    assert_eq!(
        query(member::name().contains("%")).await?,
        Vec::<i64>::new(),
        "no wildcards"
    );
    assert_eq!(query(member::nickname().is_null()).await?, [a.id, c.id]);
    assert_eq!(query(member::nickname().is_not_null()).await?, [b.id]);
    assert_eq!(
        query(member::role().eq(Role::Reader)).await?,
        [a.id, b.id, c.id]
    );
    assert_eq!(
        query(member::name().eq("Alpha").or(member::name().eq("Beta"))).await?,
        [a.id, b.id]
    );
    assert_eq!(
        query(member::name().starts_with("al").and(member::id().gt(a.id))).await?,
        [c.id]
    );
    assert_eq!(query(!member::name().eq("Alpha")).await?, [b.id, c.id]);
    // NOT over a NULL comparison counts the row.
    assert_eq!(query(!member::nickname().eq("bee")).await?, [a.id, c.id]);
    assert_eq!(query(Filter::any_of([])).await?, Vec::<i64>::new());
    assert_eq!(query(Filter::all()).await?.len(), 3);
    Ok(())
}

async fn relation_filters(t: &TestDb) -> Outcome {
    let db = &t.db;
    let writer = member(db, "w@example.com", "Writer").await?;
    let mixed = member(db, "m@example.com", "Mixed").await?;
    let idle = member(db, "i@example.com", "Idle").await?;
    article(db, writer.id, "Good", "10", 5).await?;
    article(db, writer.id, "Great", "10", 4).await?;
    article(db, mixed.id, "Poor", "10", 1).await?;
    article(db, mixed.id, "Fine", "10", 4).await?;
    let ids = |rows: Vec<Member>| rows.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let query = |filter: Filter<Member>| async move {
        db.member()
            .find_many()
            .filter(filter)
            .order_by(member::id().asc())
            .exec()
            .await
            .map(ids)
    };
    let good = || article::stars().gte(4);
    assert_eq!(
        query(member::posts().some(good())).await?,
        [writer.id, mixed.id]
    );
    assert_eq!(
        query(member::posts().every(good())).await?,
        [writer.id, idle.id],
        "vacuous for none"
    );
    assert_eq!(query(member::posts().none(good())).await?, [idle.id]);
    let by_writer = db
        .article()
        .count(article::author().is(member::name().eq("Writer")))
        .await?;
    assert_eq!(by_writer, 2);
    Ok(())
}

async fn ordering(t: &TestDb) -> Outcome {
    let db = &t.db;
    let mut made = Vec::new();
    for (email, name, nickname) in [
        ("1@x.io", "b", Some("z")),
        ("2@x.io", "a", None),
        ("3@x.io", "C", Some("y")),
        ("4@x.io", "d", None),
        ("5@x.io", "e", Some("x")),
    ] {
        let row = member(db, email, name).await?;
        if let Some(nick) = nickname {
            db.member()
                .update(row.id, UpdateMemberInput::new().set_nickname(nick))
                .exec()
                .await?;
        }
        made.push(row.id);
    }
    let names = |rows: Vec<Member>| rows.into_iter().map(|m| m.name).collect::<Vec<_>>();
    // Bytewise text order on both backends: upper case first.
    let asc = db
        .member()
        .find_many()
        .order_by(member::name().asc())
        .exec()
        .await?;
    assert_eq!(names(asc), ["C", "a", "b", "d", "e"]);
    let nulls_last = db
        .member()
        .find_many()
        .order_by(member::nickname().desc())
        .order_by(member::name().asc())
        .exec()
        .await?;
    assert_eq!(names(nulls_last), ["b", "C", "e", "a", "d"]);
    let nulls_first = db
        .member()
        .find_many()
        .order_by(member::nickname().asc().nulls_first())
        .order_by(member::name().asc())
        .exec()
        .await?;
    assert_eq!(names(nulls_first), ["a", "d", "e", "C", "b"]);
    let window = db
        .member()
        .find_many()
        .order_by(member::id().asc())
        .limit(2)
        .offset(1)
        .exec()
        .await?;
    assert_eq!(window.iter().map(|m| m.id).collect::<Vec<_>>(), made[1..3]);
    let offset_only = db
        .member()
        .find_many()
        .order_by(member::id().asc())
        .offset(3)
        .exec()
        .await?;
    assert_eq!(offset_only.len(), 2);
    let page = db
        .member()
        .find_many()
        .filter(member::id().gt(made[0]))
        .order_by(member::id().asc())
        .paginate(2, 3)
        .await?;
    assert_eq!((page.total, page.items.len(), page.page), (4, 1, 2));
    assert_eq!(page.items[0].id, made[4]);
    assert_eq!(db.member().count(Filter::all()).await?, 5);
    assert!(db.member().exists(member::name().eq("d")).await?);
    assert!(!db.member().exists(member::name().eq("zz")).await?);
    let first = db
        .member()
        .find_first()
        .order_by(member::name().desc())
        .exec()
        .await?;
    assert_eq!(first.map(|m| m.name).as_deref(), Some("e"));
    Ok(())
}

async fn includes(t: &TestDb) -> Outcome {
    let db = &t.db;
    for n in 0..4 {
        let m = member(db, &format!("{n}@inc.io"), &format!("M{n}")).await?;
        for s in 0..n {
            article(db, m.id, &format!("T{n}{s}"), "1", s).await?;
        }
    }
    let before = db.statement_count();
    let members = db
        .member()
        .find_many()
        .order_by(member::id().asc())
        .include(member::posts())
        .exec()
        .await?;
    assert_eq!(
        db.statement_count() - before,
        2,
        "one query for members, one for all posts"
    );
    let counts: Vec<usize> = members
        .iter()
        .map(|m| m.posts.as_ref().map_or(99, Vec::len))
        .collect();
    assert_eq!(counts, [0, 1, 2, 3]);
    let before = db.statement_count();
    let articles = db
        .article()
        .find_many()
        .include(article::author())
        .exec()
        .await?;
    assert_eq!(db.statement_count() - before, 2);
    assert_eq!(articles.len(), 6);
    for a in &articles {
        assert_eq!(a.author.as_ref().map(|m| m.id), Some(a.author_id));
    }
    let one = db
        .member()
        .find_unique(members[3].id)
        .include(member::posts())
        .exec()
        .await?;
    assert_eq!(one.and_then(|m| m.posts).map(|p| p.len()), Some(3));
    Ok(())
}

async fn transactions(t: &TestDb) -> Outcome {
    let db = &t.db;
    let kept = db
        .transaction(|tx| async move {
            let m = member(&tx, "t1@x.io", "One").await?;
            member(&tx, "t2@x.io", "Two").await?;
            Ok(m.id)
        })
        .await?;
    assert_eq!(db.member().count(Filter::all()).await?, 2);
    assert!(db.member().find_unique(kept).exec().await?.is_some());
    let failed: Result<()> = db
        .transaction(|tx| async move {
            member(&tx, "t3@x.io", "Three").await?;
            // A duplicate email fails the transaction: all of it is undone.
            member(&tx, "t1@x.io", "Again").await?;
            Ok(())
        })
        .await;
    assert!(matches!(failed, Err(Error::Conflict { .. })), "{failed:?}");
    assert_eq!(db.member().count(Filter::all()).await?, 2, "rolled back");
    let chosen: Result<()> = db
        .transaction(|tx| async move {
            member(&tx, "t4@x.io", "Four").await?;
            Err(Error::Forbidden {
                reason: "changed my mind".into(),
            })
        })
        .await;
    assert!(chosen.is_err());
    assert!(!db.member().exists(member::email().eq("t4@x.io")).await?);
    Ok(())
}

async fn validators(t: &TestDb) -> Outcome {
    let db = &t.db;
    let bad = CreateMemberInput::builder()
        .email("not-an-email")
        .name("")
        .website("no scheme")
        .build();
    let outcome = db.member().create(bad).await;
    let Err(Error::Validation(errors)) = outcome else {
        panic!("expected a validation error, got {outcome:?}");
    };
    assert!(errors.has("email", "email"));
    assert!(errors.has("name", "length.min"));
    assert!(errors.has("website", "uri"));
    assert_eq!(errors.errors.len(), 3, "{errors}");
    assert!(
        !errors.to_string().contains("not-an-email"),
        "errors never echo values"
    );
    assert_eq!(
        db.member().count(Filter::all()).await?,
        0,
        "nothing written"
    );

    let m = member(db, "v@x.io", "Val").await?;
    let title = article(db, m.id, "lowercase", "1", 1).await;
    assert!(
        matches!(&title, Err(Error::Validation(e)) if e.has("title", "regex")),
        "{title:?}"
    );
    let stars = article(db, m.id, "Stars", "1", 6).await;
    assert!(matches!(&stars, Err(Error::Validation(e)) if e.has("stars", "range.max")));
    let patch = db
        .member()
        .update(m.id, UpdateMemberInput::new().set_name("x".repeat(41)))
        .exec()
        .await;
    assert!(matches!(&patch, Err(Error::Validation(e)) if e.has("name", "length.max")));
    let sample = CreateSampleInput::builder()
        .text("t")
        .count(1)
        .ratio(0.5)
        .flag(true)
        .when(Utc::now())
        .amount(decimal("1"))
        .data(serde_json::json!({}))
        .blob(vec![1])
        .r#ref(cstack_runtime::uuid::Uuid::nil())
        .currency("EURO")
        .secret("s")
        .origin("o")
        .build();
    let currency = db.sample().create(sample).await;
    assert!(matches!(&currency, Err(Error::Validation(e)) if e.has("currency", "iso4217")));
    Ok(())
}

async fn decimal_edges(t: &TestDb) -> Outcome {
    let db = &t.db;
    let m = member(db, "d@x.io", "Dec").await?;
    for ok in ["0.01", "999.99", "500"] {
        let row = article(db, m.id, "Edge", ok, 1).await?;
        assert_eq!(row.price, decimal(ok));
    }
    for (bad, rule) in [
        ("0.009", "range.min"),
        ("0", "range.min"),
        ("999.991", "range.max"),
    ] {
        let outcome = article(db, m.id, "Edge", bad, 1).await;
        assert!(
            matches!(&outcome, Err(Error::Validation(e)) if e.has("price", rule)),
            "{bad}: {outcome:?}"
        );
    }
    let cheap = db
        .article()
        .count(article::price().lt(decimal("1.5")))
        .await?;
    assert_eq!(cheap, 1, "decimals compare as numbers");
    let exact = db
        .article()
        .count(article::price().eq(decimal("500.00")))
        .await?;
    assert_eq!(exact, 1, "decimal equality is numeric");
    Ok(())
}

async fn soft_delete(t: &TestDb) -> Outcome {
    let db = &t.db;
    let m = member(db, "s@x.io", "Soft").await?;
    let a = article(db, m.id, "Gone", "1", 1).await?;
    let b = article(db, m.id, "Kept", "1", 1).await?;
    let deleted = db.article().delete(a.id).await?;
    assert!(deleted.deleted_at.is_some());
    assert_eq!(db.article().find_unique(a.id).exec().await?, None);
    assert_eq!(db.article().count(Filter::all()).await?, 1);
    let update = db
        .article()
        .update(a.id, UpdateArticleInput::new().set_stars(2))
        .exec()
        .await;
    assert!(
        matches!(update, Err(Error::NotFound { .. })),
        "a deleted row cannot be updated"
    );
    let again = db.article().delete(a.id).await;
    assert!(matches!(again, Err(Error::NotFound { .. })));
    let hidden = db
        .member()
        .count(member::posts().some(article::title().eq("Gone")))
        .await?;
    assert_eq!(hidden, 0, "relation filters skip deleted rows");
    assert_eq!(db.article().delete_many(article::id().eq(b.id)).await?, 1);
    assert_eq!(db.article().count(Filter::all()).await?, 0);
    Ok(())
}

async fn versions(t: &TestDb) -> Outcome {
    let db = &t.db;
    let m = member(db, "ver@x.io", "Ver").await?;
    let a = article(db, m.id, "Versioned", "1", 1).await?;
    assert_eq!(a.version, 0);
    let once = db
        .article()
        .update(a.id, UpdateArticleInput::new().set_stars(2))
        .if_version(0)
        .exec()
        .await?;
    assert_eq!((once.version, once.stars), (1, 2));
    let stale = db
        .article()
        .update(a.id, UpdateArticleInput::new().set_stars(3))
        .if_version(0)
        .exec()
        .await;
    assert!(
        matches!(
            stale,
            Err(Error::VersionMismatch {
                expected: 0,
                actual: 1,
                ..
            })
        ),
        "{stale:?}"
    );
    assert_eq!(stale.unwrap_err().code(), "version_mismatch");
    let unconditional = db
        .article()
        .update(a.id, UpdateArticleInput::new().set_stars(4))
        .exec()
        .await?;
    assert_eq!(unconditional.version, 2);
    Ok(())
}

async fn upsert(t: &TestDb) -> Outcome {
    let db = &t.db;
    let input = |value: &str| {
        CreateSettingInput::builder()
            .key("theme")
            .value(value)
            .build()
    };
    let inserted = db.setting().upsert(input("dark")).await?;
    assert_eq!(inserted.value, "dark");
    let updated = db.setting().upsert(input("light")).await?;
    assert_eq!(updated.value, "light");
    assert_eq!(db.setting().count(Filter::all()).await?, 1);
    let found = db.setting().find_unique("theme".to_string()).exec().await?;
    assert_eq!(found.map(|s| s.value).as_deref(), Some("light"));
    assert!(db.setting().exists(setting::note().is_null()).await?);
    Ok(())
}

async fn unique_violation(t: &TestDb) -> Outcome {
    let db = &t.db;
    member(db, "u@x.io", "One").await?;
    let duplicate = member(db, "u@x.io", "Two").await;
    let Err(error) = duplicate else {
        panic!("a duplicate email was accepted");
    };
    assert_eq!(error.code(), "conflict", "{error}");
    assert_eq!(error.sqlstate(), Some("23505"));
    Ok(())
}

async fn round_trip(t: &TestDb) -> Outcome {
    let db = &t.db;
    let when = Utc.with_ymd_and_hms(2026, 12, 1, 17, 50, 23).unwrap()
        + cstack_runtime::chrono::Duration::microseconds(123_456);
    let data = serde_json::json!({"a": [1, 2.5, "x", null], "b": {"c": true}});
    let reference =
        cstack_runtime::uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    let input = CreateSampleInput::builder()
        .text("héllo \"quoted\" 'single'")
        .count(-9_007_199_254_740_993)
        .ratio(-1.25e-3)
        .flag(true)
        .when(when)
        .amount(decimal("12345678901234.56789"))
        .data(data.clone())
        .blob(vec![0, 255, 10, 13])
        .r#ref(reference)
        .currency("EUR")
        .secret("hidden")
        .origin("import")
        .build();
    let created = db.sample().create(input).await?;
    let read = db
        .sample()
        .find_unique(created.id)
        .exec()
        .await?
        .expect("the sample row");
    assert_eq!(read, created);
    assert_eq!(read.text, "héllo \"quoted\" 'single'");
    assert_eq!(read.count, -9_007_199_254_740_993);
    assert_eq!(read.ratio, -1.25e-3);
    assert!(read.flag);
    assert_eq!(read.when, when);
    assert_eq!(
        read.amount.to_string(),
        "12345678901234.56789",
        "decimal exact"
    );
    assert_eq!(read.data, data);
    assert_eq!(read.blob, [0, 255, 10, 13]);
    assert_eq!(read.r#ref, reference);
    assert_eq!(read.maybe, None);
    assert_ne!(read.id, cstack_runtime::uuid::Uuid::nil(), "uuid() default");
    let json = serde_json::to_value(&read)?;
    assert!(
        json.get("secret").is_none(),
        "@server_only is never serialised"
    );
    assert_eq!(json["ref"], serde_json::json!(reference.to_string()));
    assert_eq!(
        json["when"],
        serde_json::json!("2026-12-01T17:50:23.123456Z")
    );
    Ok(())
}

async fn auth_defaults(t: &TestDb) -> Outcome {
    let db = &t.db;
    let m = member(db, "auth@x.io", "Auth").await?;
    let anonymous = db
        .article()
        .create(
            CreateArticleInput::builder()
                .title("Anon")
                .price(decimal("1"))
                .stars(1)
                .author_id(m.id)
                .build(),
        )
        .await;
    assert!(
        matches!(anonymous, Err(Error::Forbidden { .. })),
        "{anonymous:?}"
    );
    let signed = article(db, m.id, "Signed", "1", 1).await?;
    assert_eq!(signed.created_by, 7, "@default(auth().id)");
    Ok(())
}

async fn bulk(t: &TestDb) -> Outcome {
    let db = &t.db;
    let created = db
        .member()
        .create_many(
            (0..5)
                .map(|n| {
                    CreateMemberInput::builder()
                        .email(format!("{n}@bulk.io"))
                        .name(format!("N{n}"))
                        .build()
                })
                .collect(),
        )
        .await?;
    assert_eq!(created.len(), 5);
    let invalid = db
        .member()
        .create_many(vec![
            CreateMemberInput::builder()
                .email("ok@bulk.io")
                .name("ok")
                .build(),
            CreateMemberInput::builder()
                .email("bad")
                .name("bad")
                .build(),
        ])
        .await;
    assert!(matches!(invalid, Err(Error::Validation(_))));
    assert_eq!(
        db.member().count(Filter::all()).await?,
        5,
        "nothing of a failed batch"
    );
    let changed = db
        .member()
        .update_many(
            member::name().starts_with("N"),
            UpdateMemberInput::new().set_role(Role::Admin),
        )
        .await?;
    assert_eq!(changed, 5);
    assert_eq!(db.member().count(member::role().eq(Role::Admin)).await?, 5);
    let removed = db
        .member()
        .delete_many(member::id().in_(created[..2].iter().map(|m| m.id)))
        .await?;
    assert_eq!(removed, 2);
    assert_eq!(db.member().count(Filter::all()).await?, 3);
    Ok(())
}

async fn views(t: &TestDb) -> Outcome {
    let db = &t.db;
    let m = member(db, "view@x.io", "View").await?;
    let kept = article(db, m.id, "Kept", "1", 4).await?;
    let gone = article(db, m.id, "Gone", "1", 2).await?;
    db.article().delete(gone.id).await?;
    let live = db
        .live_article()
        .find_many()
        .order_by(live_article::id().asc())
        .exec()
        .await?;
    assert_eq!(live.len(), 1);
    assert_eq!(
        (live[0].id, live[0].title.as_str(), live[0].stars),
        (kept.id, "Kept", 4)
    );
    assert_eq!(
        db.live_article()
            .count(live_article::stars().gte(3))
            .await?,
        1
    );
    let found = db.live_article().find_unique(kept.id).exec().await?;
    assert_eq!(found.map(|v| v.title).as_deref(), Some("Kept"));
    Ok(())
}

/// The generated crate and `cstackc migrate` keep one migrations table: a
/// database migrated by the migrations runner opens without re-applying,
/// and one migrated by the generated crate shows as applied to the runner.
#[test]
fn the_generated_crate_and_the_migrations_runner_share_their_records() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let schema =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../behaviour.cstack"))
            .unwrap();
    let db = cstack_compiler::RootDatabase::default();
    let file = cstack_compiler::SourceFile::new(&db, "behaviour.cstack".into(), schema);
    let model = cstack_compiler::schema_model(&db, file)
        .as_ref()
        .expect("a valid schema")
        .clone();
    let initial = cstack_migrate::files::Migration {
        id: "00000000000000_initial".into(),
        up: cstack_migrate::initial_ddl(&model, cstack_migrate::Dialect::Sqlite),
        down: None,
        pre: None,
    };
    let folder = tempfile::tempdir().unwrap();

    let by_runner = folder.path().join("runner.sqlite");
    runtime
        .block_on(cstack_migrate_live::runner::apply(
            &format!("sqlite://{}", by_runner.display()),
            std::slice::from_ref(&initial),
            None,
        ))
        .expect("the runner applies");
    runtime.block_on(async {
        let db = Db::open_sqlite(&by_runner)
            .await
            .expect("opens without applying again");
        member(&db, "r@x.io", "Runner")
            .await
            .expect("the schema is there");
    });

    let by_crate = folder.path().join("crate.sqlite");
    runtime.block_on(async { Db::open_sqlite(&by_crate).await.expect("the crate applies") });
    let mut conn =
        cstack_migrate_live::db::Connection::Sqlite(rusqlite::Connection::open(&by_crate).unwrap());
    let rows = runtime
        .block_on(cstack_migrate_live::runner::applied(&mut conn))
        .expect("the runner reads the records");
    let status = cstack_migrate_live::runner::status(&rows, std::slice::from_ref(&initial));
    assert_eq!(status.len(), 1);
    assert_eq!(
        status[0].state,
        cstack_migrate_live::runner::State::Applied,
        "{status:?}"
    );
    let report = runtime
        .block_on(cstack_migrate_live::runner::apply(
            &format!("sqlite://{}", by_crate.display()),
            &[initial],
            None,
        ))
        .expect("nothing to apply");
    assert!(report.applied.is_empty(), "{report:?}");
}
