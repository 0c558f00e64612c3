//! Procedures of the generated `procedures-db` crate on every backend: the
//! dispatcher enforces `@allow`/`@deny` before the implementation runs
//! (counted), mutations run in a transaction, `FindMany`/`Page` arguments
//! and results are typed, and dispatch by name decodes JSON arguments.

use procedures_db::procedures::*;
use procedures_db::runtime::{Error, FindManyArgs, Format, PageInput};
use procedures_db::{CreateNoteInput, Db, Note, Status, User, note};
use std::sync::atomic::{AtomicUsize, Ordering};

async fn databases() -> Vec<(&'static str, Db, Box<dyn std::any::Any>)> {
    cstack_codegen_suite::each_database!(Db)
}

/// An implementation that counts its calls.
#[derive(Default)]
struct App {
    calls: AtomicUsize,
}

impl App {
    fn called(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl Procedures for App {
    async fn my_notes(
        &self,
        db: &Db,
        args: MyNotesArgs,
    ) -> procedures_db::runtime::Result<Vec<Note>> {
        self.called();
        args.query.apply(db.note().find_many())?.exec().await
    }
    async fn note_page(
        &self,
        db: &Db,
        args: NotePageArgs,
    ) -> procedures_db::runtime::Result<NotePageOutput> {
        self.called();
        let (page, per_page) = args.page.resolve(2, 10);
        db.note()
            .find_many()
            .filter(note::owner().eq(args.owner))
            .order_by(note::id().asc())
            .paginate(page, per_page)
            .await
    }
    async fn count_notes(
        &self,
        db: &Db,
        args: CountNotesArgs,
    ) -> procedures_db::runtime::Result<i64> {
        self.called();
        db.note()
            .find_many()
            .filter(note::owner().eq(args.owner))
            .count()
            .await
    }
    async fn create_notes(
        &self,
        db: &Db,
        args: CreateNotesArgs,
    ) -> procedures_db::runtime::Result<Vec<Note>> {
        self.called();
        let mut made = Vec::new();
        for (i, title) in args.titles.iter().enumerate() {
            if args.fail_after == Some(i as i64) {
                return Err(Error::BadRequest {
                    message: "stop".into(),
                });
            }
            made.push(
                db.note()
                    .create(
                        CreateNoteInput::builder()
                            .owner(args.owner.clone())
                            .title(title.clone())
                            .build(),
                    )
                    .await?,
            );
        }
        Ok(made)
    }
    async fn publish(&self, _db: &Db, _args: PublishArgs) -> procedures_db::runtime::Result<bool> {
        self.called();
        Ok(true)
    }
    async fn forbidden(
        &self,
        _db: &Db,
        _args: ForbiddenArgs,
    ) -> procedures_db::runtime::Result<i64> {
        self.called();
        Ok(0)
    }
    async fn by_status(
        &self,
        _db: &Db,
        _args: ByStatusArgs,
    ) -> procedures_db::runtime::Result<i64> {
        self.called();
        Ok(1)
    }
}

fn user(id: &str, role: &str, tenant: Option<&str>) -> User {
    User {
        id: id.into(),
        role: role.into(),
        tenant_id: tenant.map(str::to_string),
    }
}

fn forbidden<T: std::fmt::Debug>(result: procedures_db::runtime::Result<T>) -> bool {
    matches!(result, Err(Error::Forbidden { .. }))
}

#[tokio::test]
async fn policies_gate_calls_and_mutations_roll_back() {
    for (backend, db, _keep) in databases().await {
        let app = ProcedureDispatcher::new(App::default());
        let calls = || app.procedures().calls.load(Ordering::SeqCst);
        let alice = db.with_auth(user("alice", "member", Some("t1")));
        let admin = db.with_auth(user("root", "admin", None));

        // Auth member vs input, inTenant, in one transaction.
        let made = app
            .call_create_notes(
                &alice,
                CreateNotesArgs {
                    owner: "alice".into(),
                    titles: vec!["a".into(), "b".into(), "c".into()],
                    fail_after: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(made.len(), 3, "{backend}");
        // Someone else's owner: denied, never called.
        let before = calls();
        assert!(
            forbidden(
                app.call_create_notes(
                    &alice,
                    CreateNotesArgs {
                        owner: "bob".into(),
                        titles: vec!["x".into()],
                        fail_after: None
                    }
                )
                .await
            ),
            "{backend}"
        );
        // Not in tenant t1.
        let bob = db.with_auth(user("bob", "member", Some("t2")));
        assert!(
            forbidden(
                app.call_create_notes(
                    &bob,
                    CreateNotesArgs {
                        owner: "bob".into(),
                        titles: vec!["x".into()],
                        fail_after: None
                    }
                )
                .await
            ),
            "{backend}"
        );
        assert_eq!(
            calls(),
            before,
            "{backend}: a denied call ran the implementation"
        );

        // An error after writes rolls them back.
        let failed = app
            .call_create_notes(
                &alice,
                CreateNotesArgs {
                    owner: "alice".into(),
                    titles: vec!["d".into(), "e".into()],
                    fail_after: Some(1),
                },
            )
            .await;
        assert!(
            matches!(failed, Err(Error::BadRequest { .. })),
            "{backend}: {failed:?}"
        );
        let count = app
            .call_count_notes(
                &alice,
                CountNotesArgs {
                    owner: "alice".into(),
                    limit: 1,
                },
            )
            .await
            .unwrap();
        assert_eq!(count, 3, "{backend}: the failed mutation left rows");

        // Deny beats allow; anonymous is denied by `auth() != null`.
        assert!(
            forbidden(
                app.call_count_notes(
                    &alice,
                    CountNotesArgs {
                        owner: "alice".into(),
                        limit: 101
                    }
                )
                .await
            ),
            "{backend}"
        );
        assert!(
            forbidden(
                app.call_count_notes(
                    &db,
                    CountNotesArgs {
                        owner: "alice".into(),
                        limit: 1
                    }
                )
                .await
            ),
            "{backend}"
        );
        // No allow rule: always denied, even when the deny does not match.
        let before = calls();
        assert!(
            forbidden(
                app.call_forbidden(&admin, ForbiddenArgs { owner: "y".into() })
                    .await
            ),
            "{backend}"
        );
        assert_eq!(calls(), before, "{backend}");

        // Bare Boolean input through `args`, deny on anonymous.
        assert!(
            app.call_publish(
                &alice,
                PublishArgs {
                    args: procedures_db::Publish {
                        publish_now: true,
                        owner: "a".into()
                    }
                }
            )
            .await
            .unwrap()
        );
        assert!(
            forbidden(
                app.call_publish(
                    &alice,
                    PublishArgs {
                        args: procedures_db::Publish {
                            publish_now: false,
                            owner: "a".into()
                        }
                    }
                )
                .await
            ),
            "{backend}"
        );
        assert!(
            forbidden(
                app.call_publish(
                    &db,
                    PublishArgs {
                        args: procedures_db::Publish {
                            publish_now: true,
                            owner: "a".into()
                        }
                    }
                )
                .await
            ),
            "{backend}"
        );

        // Enum inputs, `in` lists.
        assert_eq!(
            app.call_by_status(
                &db,
                ByStatusArgs {
                    status: Status::Published
                }
            )
            .await
            .unwrap(),
            1
        );
        assert_eq!(
            app.call_by_status(
                &db,
                ByStatusArgs {
                    status: Status::Draft
                }
            )
            .await
            .unwrap(),
            1
        );

        // Typed Page results: owner or hasRole('admin').
        let page = app
            .call_note_page(
                &alice,
                NotePageArgs {
                    page: PageInput {
                        page: Some(2),
                        per_page: None,
                    },
                    owner: "alice".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(
            (page.total, page.page, page.per_page, page.items.len()),
            (3, 2, 2, 1),
            "{backend}"
        );
        assert_eq!(page.items[0].title, "c", "{backend}");
        assert!(
            app.call_note_page(
                &admin,
                NotePageArgs {
                    page: PageInput::default(),
                    owner: "alice".into()
                }
            )
            .await
            .is_ok()
        );
        assert!(
            forbidden(
                app.call_note_page(
                    &bob,
                    NotePageArgs {
                        page: PageInput::default(),
                        owner: "alice".into()
                    }
                )
                .await
            ),
            "{backend}"
        );

        // Typed FindMany arguments.
        let query = FindManyArgs::new()
            .filter_eq("owner", "alice")
            .order_by("title", true)
            .limit(2);
        let notes = app
            .call_my_notes(&alice, MyNotesArgs { query })
            .await
            .unwrap();
        assert_eq!(
            notes.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(),
            ["c", "b"],
            "{backend}"
        );
        let bad = app
            .call_my_notes(
                &alice,
                MyNotesArgs {
                    query: FindManyArgs::new().filter_eq("nope", 1),
                },
            )
            .await;
        assert!(
            matches!(bad, Err(Error::BadRequest { .. })),
            "{backend}: {bad:?}"
        );
    }
}

#[tokio::test]
async fn dispatch_by_name_decodes_json() {
    for (backend, db, _keep) in databases().await {
        let app = ProcedureDispatcher::new(App::default());
        let alice = db.with_auth(user("alice", "member", Some("t1")));
        let out = app
            .dispatch(
                &alice,
                "createNotes",
                Format::Json,
                br#"{"owner":"alice","titles":["x","y"]}"#,
            )
            .await
            .unwrap();
        let notes: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
        assert_eq!(notes.len(), 2, "{backend}");
        let out = app
            .dispatch(
                &alice,
                "myNotes",
                Format::Json,
                br#"{"query":{"filter":{"title":"y"}}}"#,
            )
            .await
            .unwrap();
        let notes: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
        assert_eq!(notes[0]["title"], "y", "{backend}");
        // Bad arguments: a clear error, the implementation not called.
        let before = app.procedures().calls.load(Ordering::SeqCst);
        let bad = app
            .dispatch(&alice, "countNotes", Format::Json, br#"{"owner":1}"#)
            .await
            .unwrap_err();
        assert_eq!(bad.code(), "bad_request", "{backend}");
        assert!(bad.to_string().contains("countNotes"), "{bad}");
        let missing = app
            .dispatch(&alice, "countNotes", Format::Json, br#"{"owner":"a"}"#)
            .await
            .unwrap_err();
        assert!(missing.to_string().contains("limit"), "{missing}");
        let unknown = app
            .dispatch(&alice, "nope", Format::Json, b"{}")
            .await
            .unwrap_err();
        assert_eq!(unknown.code(), "unknown_procedure");
        let denied = app
            .dispatch(
                &db,
                "countNotes",
                Format::Json,
                br#"{"owner":"a","limit":1}"#,
            )
            .await
            .unwrap_err();
        assert_eq!(denied.code(), "forbidden");
        assert_eq!(
            app.procedures().calls.load(Ordering::SeqCst),
            before,
            "{backend}"
        );
    }
}
