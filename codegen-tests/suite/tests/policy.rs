//! Model policies of the generated `policy-db` crate on every backend:
//! targeted cases (deny by default, deny beats allow, single-row writes of
//! denied rows, upsert) and a seeded differential test comparing what every
//! read, update, delete and create admits with a reference evaluator of the
//! same policies written directly in Rust.

use policy_db::runtime::{Context, Error, Filter};
use policy_db::{
    CreateCommentInput, CreateDocInput, CreateTeamInput, Db, Doc, UpdateDocInput, Viewer,
    Visibility, doc,
};
use std::collections::BTreeSet;

/// A fresh database of each backend, with what keeps it alive.
async fn databases() -> Vec<(&'static str, Db, Box<dyn std::any::Any>)> {
    cstack_codegen_suite::each_database!(Db)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// splitmix64: a small seeded generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A context as the reference evaluator sees it.
#[derive(Clone, Debug)]
struct Who {
    auth: Option<Viewer>,
    system: bool,
}

impl Who {
    fn context(&self) -> Context {
        match &self.auth {
            Some(viewer) => Context::authenticated(viewer.clone()),
            None => Context::anonymous(),
        }
        .with_system(self.system)
    }
    fn admin(&self) -> bool {
        self.auth.as_ref().is_some_and(|a| a.role == "admin")
    }
    fn is_owner(&self, doc: &Doc) -> bool {
        self.auth.as_ref().is_some_and(|a| a.id == doc.owner_id)
    }
}

/// What the reference evaluator knows about the rows.
struct World {
    tenants: Vec<(i64, String)>,
    docs: Vec<Doc>,
    comments: Vec<(i64, bool)>,
}

impl World {
    fn flags(&self, doc: &Doc) -> Vec<bool> {
        self.comments
            .iter()
            .filter(|(d, _)| *d == doc.id)
            .map(|(_, f)| *f)
            .collect()
    }
    fn tenant(&self, doc: &Doc) -> &str {
        self.tenants
            .iter()
            .find(|(id, _)| *id == doc.team_id)
            .map_or("", |(_, t)| t.as_str())
    }

    /// The schema's read rules, written out by hand.
    fn readable(&self, doc: &Doc, who: &Who) -> bool {
        let flags = self.flags(doc);
        let public = doc.visibility == Visibility::Public;
        let member = who.auth.as_ref().is_some_and(|a| {
            a.id == doc.owner_id
                || (self.tenant(doc) == a.tenant_id
                    && matches!(doc.visibility, Visibility::Public | Visibility::Internal))
        });
        let discussed = (flags.iter().any(|f| *f) && !flags.iter().all(|f| *f))
            || who
                .auth
                .as_ref()
                .and_then(|a| a.level)
                .is_some_and(|level| doc.score > level);
        let denied = doc.archived && !who.system;
        !denied && (public || member || discussed || who.admin())
    }

    fn updatable(&self, doc: &Doc, who: &Who) -> bool {
        let acme = who.auth.as_ref().is_some_and(|a| a.tenant_id == "acme");
        let unflagged = !self.flags(doc).iter().any(|f| *f);
        let denied = doc.score < 0 && !who.admin();
        !denied && (who.is_owner(doc) || (acme && unflagged) || who.admin())
    }

    fn deletable(&self, doc: &Doc, who: &Who) -> bool {
        let denied = doc.score < 0 && !who.admin();
        !denied && ((who.is_owner(doc) && doc.reviewer.is_none()) || who.admin())
    }
}

fn creatable(doc: &Doc, who: &Who) -> bool {
    (who.is_owner(doc) && doc.score >= 0 && doc.visibility != Visibility::Secret) || who.admin()
}

fn visibility(rng: &mut Rng) -> Visibility {
    [Visibility::Public, Visibility::Internal, Visibility::Secret][rng.below(3) as usize]
}

fn random_doc(rng: &mut Rng, id: i64) -> Doc {
    Doc {
        id,
        title: format!("doc {id}"),
        owner_id: 1 + rng.below(5),
        team_id: 1 + rng.below(3),
        visibility: visibility(rng),
        score: rng.below(14) - 3,
        archived: rng.chance(20),
        reviewer: rng.chance(40).then(|| rng.below(5)),
        team: None,
        comments: None,
    }
}

fn input(doc: &Doc) -> CreateDocInput {
    let builder = CreateDocInput::builder()
        .id(doc.id)
        .title(doc.title.clone())
        .owner_id(doc.owner_id)
        .team_id(doc.team_id)
        .visibility(doc.visibility)
        .score(doc.score)
        .archived(doc.archived);
    match doc.reviewer {
        Some(reviewer) => builder.reviewer(reviewer).build(),
        None => builder.build(),
    }
}

fn random_who(rng: &mut Rng) -> Who {
    let auth = (!rng.chance(15)).then(|| Viewer {
        id: 1 + rng.below(5),
        role: if rng.chance(15) { "admin" } else { "reader" }.to_string(),
        tenant_id: ["acme", "beta", "gamma"][rng.below(3) as usize].to_string(),
        level: rng.chance(50).then(|| rng.below(10)),
    });
    Who {
        auth,
        system: rng.chance(15),
    }
}

/// Sees and changes everything the schema lets anyone see and change.
fn root() -> Context {
    Context::authenticated(Viewer {
        id: 0,
        role: "admin".into(),
        tenant_id: "root".into(),
        level: None,
    })
    .with_system(true)
}

async fn seed(db: &Db, rng: &mut Rng) -> World {
    let root = db.with_context(root());
    let tenants: Vec<(i64, String)> =
        vec![(1, "acme".into()), (2, "beta".into()), (3, "gamma".into())];
    for (id, tenant) in &tenants {
        root.team()
            .create(
                CreateTeamInput::builder()
                    .id(*id)
                    .name(format!("team {id}"))
                    .tenant_id(tenant.clone())
                    .build(),
            )
            .await
            .expect("the system creates teams");
    }
    let mut docs = Vec::new();
    let mut comments = Vec::new();
    let mut comment_id = 0;
    for id in 1..=40 {
        let doc = random_doc(rng, id);
        root.doc()
            .create(input(&doc))
            .await
            .expect("an admin creates any doc");
        for _ in 0..rng.below(4) {
            comment_id += 1;
            let flagged = rng.chance(50);
            root.comment()
                .create(
                    CreateCommentInput::builder()
                        .id(comment_id)
                        .doc_id(id)
                        .flagged(flagged)
                        .build(),
                )
                .await
                .expect("comments are unrestricted");
            comments.push((id, flagged));
        }
        docs.push(doc);
    }
    World {
        tenants,
        docs,
        comments,
    }
}

fn ids(docs: &[Doc]) -> BTreeSet<i64> {
    docs.iter().map(|d| d.id).collect()
}

async fn all_ids(db: &Db) -> BTreeSet<i64> {
    ids(&db
        .with_context(root())
        .doc()
        .find_many()
        .exec()
        .await
        .unwrap())
}

/// Rolls a transaction back after `body` has had its look.
const ROLLBACK: &str = "rolled back on purpose";

#[test]
fn every_query_admits_exactly_what_the_reference_evaluator_admits() {
    runtime().block_on(async {
        for (backend, db, _keep) in databases().await {
            let mut rng = Rng(0x5eed_0001);
            let world = seed(&db, &mut rng).await;
            assert!(
                world.docs.iter().any(|d| d.archived) && world.comments.iter().any(|c| c.1),
                "the seed covers archived docs and flagged comments"
            );
            let mut exercised = [0usize; 4];
            for round in 0..24 {
                let who = random_who(&mut rng);
                let scoped = db.with_context(who.context());
                let label = format!("{backend}, round {round}, {who:?}");

                // Reads: find_many, count, find_unique.
                let expected: BTreeSet<i64> = world
                    .docs
                    .iter()
                    .filter(|d| world.readable(d, &who))
                    .map(|d| d.id)
                    .collect();
                let listed = ids(&scoped.doc().find_many().exec().await.unwrap());
                assert_eq!(listed, expected, "find_many: {label}");
                assert_eq!(
                    scoped.doc().count(Filter::all()).await.unwrap(),
                    expected.len() as i64,
                    "count: {label}"
                );
                let probe = &world.docs[round % world.docs.len()];
                let found = scoped.doc().find_unique(probe.id).exec().await.unwrap();
                assert_eq!(
                    found.is_some(),
                    expected.contains(&probe.id),
                    "find_unique {}: {label}",
                    probe.id
                );
                exercised[0] += expected.len();

                // Relation filters written by the caller: they see only the
                // docs this context may read.
                let threshold = rng.below(10);
                let hot = |d: &Doc| d.score > threshold;
                let readable_docs_of = |team: i64| -> Vec<&Doc> {
                    world
                        .docs
                        .iter()
                        .filter(|d| d.team_id == team && world.readable(d, &who))
                        .collect()
                };
                for (quantifier, filter) in [
                    (
                        "some",
                        policy_db::team::docs().some(doc::score().gt(threshold)),
                    ),
                    (
                        "every",
                        policy_db::team::docs().every(doc::score().gt(threshold)),
                    ),
                    (
                        "none",
                        policy_db::team::docs().none(doc::score().gt(threshold)),
                    ),
                ] {
                    let expected: BTreeSet<i64> = world
                        .tenants
                        .iter()
                        .map(|(id, _)| *id)
                        .filter(|team| {
                            let docs = readable_docs_of(*team);
                            match quantifier {
                                "some" => docs.iter().any(|d| hot(d)),
                                "every" => docs.iter().all(|d| hot(d)),
                                _ => !docs.iter().any(|d| hot(d)),
                            }
                        })
                        .collect();
                    let found: BTreeSet<i64> = scoped
                        .team()
                        .find_many()
                        .filter(filter)
                        .exec()
                        .await
                        .unwrap()
                        .iter()
                        .map(|t| t.id)
                        .collect();
                    assert_eq!(found, expected, "team.docs.{quantifier}: {label}");
                }
                for negated in [false, true] {
                    let relation = policy_db::comment::doc();
                    let filter = if negated {
                        relation.is_not(doc::score().gt(threshold))
                    } else {
                        relation.is(doc::score().gt(threshold))
                    };
                    // Comment ids are 1-based positions in `world.comments`.
                    let expected: BTreeSet<i64> = (1..=world.comments.len() as i64)
                        .filter(|id| {
                            let doc_id = world.comments[*id as usize - 1].0;
                            let matched = world
                                .docs
                                .iter()
                                .any(|d| d.id == doc_id && world.readable(d, &who) && hot(d));
                            matched != negated
                        })
                        .collect();
                    let found: BTreeSet<i64> = scoped
                        .comment()
                        .find_many()
                        .filter(filter)
                        .exec()
                        .await
                        .unwrap()
                        .iter()
                        .map(|c| c.id)
                        .collect();
                    assert_eq!(found, expected, "comment.doc (negated {negated}): {label}");
                }

                // Updates: which rows update_many touched, then rolled back.
                let expected: BTreeSet<i64> = world
                    .docs
                    .iter()
                    .filter(|d| world.updatable(d, &who))
                    .map(|d| d.id)
                    .collect();
                let outcome = scoped
                    .transaction(|tx| async move {
                        let count = tx
                            .doc()
                            .update_many(Filter::all(), UpdateDocInput::new().set_title("touched"))
                            .await?;
                        let touched = tx
                            .with_context(root())
                            .doc()
                            .find_many()
                            .filter(doc::title().eq("touched"))
                            .exec()
                            .await?;
                        Err::<(), _>(Error::Forbidden {
                            reason: format!("{ROLLBACK} {count} {:?}", ids(&touched)),
                        })
                    })
                    .await;
                let Err(Error::Forbidden { reason }) = outcome else {
                    panic!("{outcome:?}")
                };
                assert_eq!(
                    reason,
                    format!("{ROLLBACK} {} {expected:?}", expected.len()),
                    "update_many: {label}"
                );
                exercised[1] += expected.len();

                // Deletes: which rows delete_many removed, then rolled back.
                let expected: BTreeSet<i64> = world
                    .docs
                    .iter()
                    .filter(|d| world.deletable(d, &who))
                    .map(|d| d.id)
                    .collect();
                let outcome = scoped
                    .transaction(|tx| async move {
                        tx.doc().delete_many(Filter::all()).await?;
                        let left = ids(&tx.with_context(root()).doc().find_many().exec().await?);
                        Err::<(), _>(Error::Forbidden {
                            reason: format!("{ROLLBACK} {left:?}"),
                        })
                    })
                    .await;
                let Err(Error::Forbidden { reason }) = outcome else {
                    panic!("{outcome:?}")
                };
                let left: BTreeSet<i64> = ids(&world.docs).difference(&expected).copied().collect();
                assert_eq!(
                    reason,
                    format!("{ROLLBACK} {left:?}"),
                    "delete_many: {label}"
                );
                exercised[2] += expected.len();

                // Creates: judged in Rust against the input.
                let candidate = Doc {
                    owner_id: who
                        .auth
                        .as_ref()
                        .map_or(1, |a| if rng.chance(70) { a.id } else { a.id + 1 }),
                    ..random_doc(&mut rng, 1000 + round as i64)
                };
                let outcome = scoped
                    .transaction(|tx| {
                        let candidate = input(&candidate);
                        async move {
                            tx.doc().create(candidate).await?;
                            Err::<(), _>(Error::Forbidden {
                                reason: ROLLBACK.to_string(),
                            })
                        }
                    })
                    .await;
                let Err(Error::Forbidden { reason }) = outcome else {
                    panic!("{outcome:?}")
                };
                let allowed = reason == ROLLBACK;
                assert_eq!(
                    allowed,
                    creatable(&candidate, &who),
                    "create {candidate:?}: {label}"
                );
                exercised[3] += usize::from(allowed);
            }
            assert_eq!(
                all_ids(&db).await,
                ids(&world.docs),
                "{backend}: every write was rolled back"
            );
            assert!(
                exercised.iter().all(|n| *n > 0),
                "{backend}: every action admitted something: {exercised:?}"
            );
        }
    });
}

fn viewer(id: i64, role: &str, tenant: &str) -> Viewer {
    Viewer {
        id,
        role: role.into(),
        tenant_id: tenant.into(),
        level: None,
    }
}

/// Team 1, in tenant `beta`, which the tests' documents belong to.
async fn create_team(root: &Db) {
    root.team()
        .create(
            CreateTeamInput::builder()
                .id(1)
                .name("t")
                .tenant_id("beta")
                .build(),
        )
        .await
        .unwrap();
}

#[test]
fn single_row_writes_of_denied_rows_are_forbidden_and_change_nothing() {
    runtime().block_on(async {
        for (backend, db, _keep) in databases().await {
            let root = db.with_context(root());
            create_team(&root).await;
            let owned = Doc {
                id: 1,
                title: "mine".into(),
                owner_id: 7,
                team_id: 1,
                visibility: Visibility::Secret,
                score: 1,
                archived: false,
                reviewer: None,
                team: None,
                comments: None,
            };
            root.doc().create(input(&owned)).await.unwrap();

            let stranger = db.with_auth(viewer(8, "reader", "beta"));
            let update = stranger
                .doc()
                .update(1, UpdateDocInput::new().set_title("stolen"))
                .exec()
                .await;
            assert!(
                matches!(update, Err(Error::Forbidden { .. })),
                "{backend}: {update:?}"
            );
            let delete = stranger.doc().delete(1).await;
            assert!(
                matches!(delete, Err(Error::Forbidden { .. })),
                "{backend}: {delete:?}"
            );
            assert!(
                stranger
                    .doc()
                    .find_unique(1)
                    .exec()
                    .await
                    .unwrap()
                    .is_none(),
                "{backend}: a secret doc is hidden"
            );
            // A missing row looks the same as a denied one.
            let missing = stranger.doc().delete(99).await;
            assert!(
                matches!(missing, Err(Error::Forbidden { .. })),
                "{backend}: {missing:?}"
            );

            let owner = db.with_auth(viewer(7, "reader", "beta"));
            let updated = owner
                .doc()
                .update(1, UpdateDocInput::new().set_title("renamed"))
                .exec()
                .await
                .unwrap();
            assert_eq!(updated.title, "renamed", "{backend}");

            // Deny beats allow: a negative score blocks even the owner.
            root.doc()
                .update(1, UpdateDocInput::new().set_score(-1))
                .exec()
                .await
                .unwrap();
            let blocked = owner
                .doc()
                .update(1, UpdateDocInput::new().set_title("again"))
                .exec()
                .await;
            assert!(
                matches!(blocked, Err(Error::Forbidden { .. })),
                "{backend}: {blocked:?}"
            );
            let stored = root.doc().find_unique(1).exec().await.unwrap().unwrap();
            assert_eq!(stored.title, "renamed", "{backend}: nothing changed");

            // Anonymous: deny by default for creates; teams only by the system.
            let anonymous = db.with_context(Context::anonymous());
            let created = anonymous
                .doc()
                .create(input(&Doc {
                    id: 2,
                    ..owned.clone()
                }))
                .await;
            assert!(
                matches!(created, Err(Error::Forbidden { .. })),
                "{backend}: {created:?}"
            );
            let team = db
                .with_auth(viewer(7, "admin", "beta"))
                .team()
                .create(
                    CreateTeamInput::builder()
                        .id(2)
                        .name("u")
                        .tenant_id("x")
                        .build(),
                )
                .await;
            assert!(
                matches!(team, Err(Error::Forbidden { .. })),
                "{backend}: only isSystem() creates teams: {team:?}"
            );
            assert_eq!(
                anonymous.team().count(Filter::all()).await.unwrap(),
                1,
                "{backend}: teams are readable by anyone"
            );
            // A model without policies is unrestricted.
            anonymous
                .comment()
                .create(
                    CreateCommentInput::builder()
                        .id(1)
                        .doc_id(1)
                        .flagged(true)
                        .build(),
                )
                .await
                .unwrap();
            assert_eq!(
                anonymous.comment().count(Filter::all()).await.unwrap(),
                1,
                "{backend}"
            );
        }
    });
}

#[test]
fn upsert_needs_the_create_policy_and_updates_only_an_admitted_row() {
    runtime().block_on(async {
        for (backend, db, _keep) in databases().await {
            let root = db.with_context(root());
            create_team(&root).await;
            let theirs = Doc {
                id: 1,
                title: "theirs".into(),
                owner_id: 7,
                team_id: 1,
                visibility: Visibility::Public,
                score: 1,
                archived: false,
                reviewer: None,
                team: None,
                comments: None,
            };
            root.doc().create(input(&theirs)).await.unwrap();
            let me = db.with_auth(viewer(8, "reader", "beta"));
            // The input passes the create policy, but the existing row is not mine.
            let takeover = me
                .doc()
                .upsert(input(&Doc {
                    owner_id: 8,
                    title: "mine now".into(),
                    ..theirs.clone()
                }))
                .await;
            assert!(
                matches!(takeover, Err(Error::Forbidden { .. })),
                "{backend}: {takeover:?}"
            );
            assert_eq!(
                root.doc()
                    .find_unique(1)
                    .exec()
                    .await
                    .unwrap()
                    .unwrap()
                    .title,
                "theirs",
                "{backend}"
            );
            // An input the create policy denies never reaches the database.
            let denied = me
                .doc()
                .upsert(input(&Doc {
                    id: 2,
                    owner_id: 7,
                    ..theirs.clone()
                }))
                .await;
            assert!(
                matches!(denied, Err(Error::Forbidden { .. })),
                "{backend}: {denied:?}"
            );
            // A new row of my own is inserted; upserting it again updates it.
            let mine = Doc {
                id: 3,
                owner_id: 8,
                title: "first".into(),
                ..theirs.clone()
            };
            me.doc().upsert(input(&mine)).await.unwrap();
            let again = me
                .doc()
                .upsert(input(&Doc {
                    title: "second".into(),
                    ..mine
                }))
                .await
                .unwrap();
            assert_eq!(again.title, "second", "{backend}");
        }
    });
}

#[test]
fn a_filter_given_by_the_caller_cannot_widen_the_policy() {
    runtime().block_on(async {
        for (backend, db, _keep) in databases().await {
            let root = db.with_context(root());
            create_team(&root).await;
            for (id, visibility) in [(1, Visibility::Public), (2, Visibility::Secret)] {
                let row = Doc {
                    id,
                    title: format!("d{id}"),
                    owner_id: 7,
                    team_id: 1,
                    visibility,
                    score: 1,
                    archived: false,
                    reviewer: None,
                    team: None,
                    comments: None,
                };
                root.doc().create(input(&row)).await.unwrap();
            }
            let anonymous = db.with_context(Context::anonymous());
            // `id = 2 OR TRUE` must stay inside the policy's parentheses.
            let rows = anonymous
                .doc()
                .find_many()
                .filter(doc::id().eq(2).or(Filter::all()))
                .exec()
                .await
                .unwrap();
            assert_eq!(ids(&rows), BTreeSet::from([1]), "{backend}");
            let page = anonymous.doc().find_many().paginate(1, 10).await.unwrap();
            assert_eq!((page.items.len(), page.total), (1, 1), "{backend}");
            assert!(
                !anonymous.doc().exists(doc::id().eq(2)).await.unwrap(),
                "{backend}"
            );
            // Included rows obey their own model's read policy.
            let teams = anonymous
                .team()
                .find_many()
                .include(policy_db::team::docs())
                .exec()
                .await
                .unwrap();
            let included = teams[0].docs.as_deref().unwrap_or_default();
            assert_eq!(ids(included), BTreeSet::from([1]), "{backend}");
        }
    });
}

#[test]
fn relation_filters_see_only_related_rows_the_context_may_read() {
    runtime().block_on(async {
        for (backend, db, _keep) in databases().await {
            let root = db.with_context(root());
            create_team(&root).await;
            for (id, visibility, title) in [
                (1, Visibility::Public, "open"),
                (2, Visibility::Secret, "secret"),
            ] {
                let row = Doc {
                    id,
                    title: title.into(),
                    owner_id: 7,
                    team_id: 1,
                    visibility,
                    score: 1,
                    archived: false,
                    reviewer: None,
                    team: None,
                    comments: None,
                };
                root.doc().create(input(&row)).await.unwrap();
                root.comment()
                    .create(
                        CreateCommentInput::builder()
                            .id(id)
                            .doc_id(id)
                            .flagged(false)
                            .build(),
                    )
                    .await
                    .unwrap();
            }
            let secret = || doc::title().eq("secret");
            let team_ids =
                |rows: Vec<policy_db::Team>| -> Vec<i64> { rows.iter().map(|t| t.id).collect() };
            let comment_ids =
                |rows: Vec<policy_db::Comment>| -> Vec<i64> { rows.iter().map(|c| c.id).collect() };
            // The system sees the secret doc through every relation filter.
            let found = root
                .team()
                .find_many()
                .filter(policy_db::team::docs().some(secret()))
                .exec()
                .await
                .unwrap();
            assert_eq!(team_ids(found), vec![1], "{backend}");
            let anonymous = db.with_context(Context::anonymous());
            // To-many `some`: the secret doc is not there to match.
            let found = anonymous
                .team()
                .find_many()
                .filter(policy_db::team::docs().some(secret()))
                .exec()
                .await
                .unwrap();
            assert_eq!(team_ids(found), Vec::<i64>::new(), "some: {backend}");
            // `none` and `every` quantify over the readable docs only.
            let found = anonymous
                .team()
                .find_many()
                .filter(policy_db::team::docs().none(secret()))
                .exec()
                .await
                .unwrap();
            assert_eq!(team_ids(found), vec![1], "none: {backend}");
            let found = anonymous
                .team()
                .find_many()
                .filter(policy_db::team::docs().every(doc::title().eq("open")))
                .exec()
                .await
                .unwrap();
            assert_eq!(team_ids(found), vec![1], "every: {backend}");
            assert_eq!(
                anonymous
                    .team()
                    .count(policy_db::team::docs().some(secret()))
                    .await
                    .unwrap(),
                0,
                "count: {backend}"
            );
            // To-one: a comment on the secret doc does not reveal its title,
            // whether asked with `is` or `is_not`, nor through `!`.
            let found = anonymous
                .comment()
                .find_many()
                .filter(policy_db::comment::doc().is(secret()))
                .exec()
                .await
                .unwrap();
            assert_eq!(comment_ids(found), Vec::<i64>::new(), "is: {backend}");
            let found = anonymous
                .comment()
                .find_many()
                .filter(policy_db::comment::doc().is_not(secret()))
                .order_by(policy_db::comment::id().asc())
                .exec()
                .await
                .unwrap();
            assert_eq!(comment_ids(found), vec![1, 2], "is_not: {backend}");
            let found = anonymous
                .comment()
                .find_many()
                .filter(!policy_db::comment::doc().is(doc::title().eq("open")))
                .exec()
                .await
                .unwrap();
            assert_eq!(comment_ids(found), vec![2], "not is: {backend}");
            // Writes filter the same way: deleting comments of the secret
            // doc through its title removes nothing.
            assert_eq!(
                anonymous
                    .comment()
                    .delete_many(policy_db::comment::doc().is(secret()))
                    .await
                    .unwrap(),
                0,
                "delete_many: {backend}"
            );
            assert_eq!(
                root.comment().count(Filter::all()).await.unwrap(),
                2,
                "{backend}"
            );
        }
    });
}
