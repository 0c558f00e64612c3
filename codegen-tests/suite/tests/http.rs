//! The generated REST service (`http-db`, `transport rest`) over real TCP
//! with a real HTTP client, on PostgreSQL and SQLite: every route, the
//! list grammar, negotiation, the status table and the order of checks,
//! `ETag`/`If-Match`, procedures (statuses, deprecation, versions,
//! sequences, streams and their failure and disconnect), rate limiting,
//! idempotency and hostile input.

use cstack_codegen_suite::{Scratch, Served};
use http_db::Db;
use http_db::http::{self, Idempotency, Options, RateLimit, StoreFailure};
use http_db::procedures::*;
use http_db::runtime::{Context, Error, ItemStream, Result};
use http_db::types::User;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::Duration;

/// The procedures: a counter of stream items produced shows when a
/// producer stops.
#[derive(Default)]
struct App {
    produced: Arc<AtomicI64>,
    touched: AtomicUsize,
}

impl Procedures for App {
    async fn add(&self, _db: &Db, args: AddArgs) -> Result<i64> {
        Ok(args.a + args.b)
    }

    async fn books_by_status(
        &self,
        db: &Db,
        args: BooksByStatusArgs,
    ) -> Result<Vec<http_db::Book>> {
        db.book()
            .find_many()
            .filter(http_db::book::status().eq(args.status))
            .order_by(http_db::book::id().asc())
            .exec()
            .await
    }

    async fn countdown(&self, _db: &Db, args: CountdownArgs) -> Result<ItemStream<i64>> {
        let produced = self.produced.clone();
        let from = args.from;
        let items = futures_util::stream::unfold(from, move |n| {
            let produced = produced.clone();
            async move {
                if n == 0 {
                    return None;
                }
                // A negative start fails after two items.
                if n == -3 {
                    return Some((
                        Err(Error::BadRequest {
                            message: "countdown failed".into(),
                        }),
                        0,
                    ));
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
                produced.fetch_add(1, Ordering::SeqCst);
                Some((Ok(n.abs()), n - 1))
            }
        });
        Ok(Box::pin(items))
    }

    async fn publish(&self, db: &Db, args: PublishArgs) -> Result<http_db::Book> {
        if args.id == 999 {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        db.book()
            .update(
                args.id,
                http_db::UpdateBookInput::new().set_status(http_db::Status::Published),
            )
            .exec()
            .await
    }

    async fn legacy(&self, _db: &Db, args: LegacyArgs) -> Result<i64> {
        Ok(args.a)
    }

    async fn add_v2(&self, _db: &Db, args: AddV2Args) -> Result<i64> {
        Ok(args.a + args.b + 1000)
    }

    async fn ping(&self, _db: &Db, args: PingArgs) -> Result<i64> {
        Ok(args.n)
    }

    async fn touch(&self, _db: &Db, args: TouchArgs) -> Result<i64> {
        self.touched.fetch_add(1, Ordering::SeqCst);
        if args.n < 0 {
            // A server failure whose text must not reach the client.
            return Err(Error::Database {
                sqlstate: Some("XX000".into()),
                message: "the disk at /secret/path is full".into(),
            });
        }
        Ok(args.n)
    }
}

/// `Authorization: Bearer <id>:<role>`; none is anonymous.
fn authenticate(parts: &http::axum::http::request::Parts) -> std::result::Result<Context, String> {
    let Some(value) = parts.headers.get("authorization") else {
        return Ok(Context::anonymous());
    };
    let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer "));
    let (id, role) = token.and_then(|t| t.split_once(':')).ok_or("bad token")?;
    let id = id.parse().map_err(|_| "bad token")?;
    Ok(Context::authenticated(User {
        id,
        role: role.to_string(),
    }))
}

fn options(app: App) -> Options {
    Options::new(authenticate)
        .body_limit(64 * 1024)
        .procedures(ProcedureDispatcher::new(app))
}

struct Case {
    backend: &'static str,
    served: Served,
    client: reqwest::Client,
    _keep: Box<dyn std::any::Any>,
}

async fn cases(make: impl Fn() -> Options) -> Vec<Case> {
    let mut cases = Vec::new();
    for (backend, db, keep) in cstack_codegen_suite::each_database!(Db) {
        let served = Served::start(http::router(db, make())).await;
        cases.push(Case {
            backend,
            served,
            client: reqwest::Client::new(),
            _keep: keep,
        });
    }
    cases
}

const OWNER: &str = "Bearer 7:user";
const OTHER: &str = "Bearer 8:user";

impl Case {
    fn url(&self, path: &str) -> String {
        self.served.url(path)
    }

    /// A JSON request; answers `(status, headers, body as JSON or text)`.
    async fn json(
        &self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, reqwest::header::HeaderMap, Value) {
        let mut request = self
            .client
            .request(method.parse().unwrap(), self.url(path))
            .header(ACCEPT, "application/json");
        if let Some(auth) = auth {
            request = request.header(AUTHORIZATION, auth);
        }
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.expect("the service answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, headers, value)
    }

    async fn author(&self, name: &str, email: &str) -> Value {
        let (status, _, body) = self
            .json(
                "POST",
                "/authors",
                None,
                Some(json!({"name": name, "email": email, "secret": null})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{}: a @server_only field is not an input",
            self.backend
        );
        assert!(
            body["message"].as_str().unwrap().contains("unknown field"),
            "{body}"
        );
        let (status, _, body) = self
            .json(
                "POST",
                "/authors",
                None,
                Some(json!({"name": name, "email": email})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {body}", self.backend);
        body
    }

    async fn book(&self, auth: &str, title: &str, status: &str, author: i64) -> Value {
        let (code, _, body) = self
            .json(
                "POST",
                "/books",
                Some(auth),
                Some(json!({"title": title, "status": status, "price": "12.50", "ownerId": auth_id(auth), "authorId": author})),
            )
            .await;
        assert_eq!(code, StatusCode::CREATED, "{}: {body}", self.backend);
        body
    }
}

fn auth_id(auth: &str) -> i64 {
    auth.trim_start_matches("Bearer ")
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn crud_routes_answer_with_upstream_shapes_and_statuses() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let author = case.author("Ada", "ada@example.com").await;
        let id = author["id"].as_i64().unwrap();
        assert_eq!(author["name"], "Ada");
        assert!(
            author.get("secret").is_none(),
            "{backend}: @server_only never leaves"
        );

        let (status, _, got) = case
            .json("GET", &format!("/authors/{id}"), None, None)
            .await;
        assert_eq!((status, &got), (StatusCode::OK, &author), "{backend}");

        let (status, _, patched) = case
            .json(
                "PATCH",
                &format!("/authors/{id}"),
                None,
                Some(json!({"name": "Ada L."})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{backend}: {patched}");
        assert_eq!(patched["name"], "Ada L.");

        let (status, _, body) = case
            .json("PATCH", &format!("/authors/{id}"), None, Some(json!({})))
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: empty patch"
        );
        assert_eq!(body["code"], "VALIDATION_ERROR");

        let (status, _, list) = case.json("GET", "/authors", None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{backend}: {list}");

        let (status, _, deleted) = case
            .json("DELETE", &format!("/authors/{id}"), None, None)
            .await;
        assert_eq!(
            (status, deleted["id"].as_i64()),
            (StatusCode::OK, Some(id)),
            "{backend}"
        );
        let (status, _, body) = case
            .json("GET", &format!("/authors/{id}"), None, None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        assert_eq!(
            body,
            json!({"code": "NOT_FOUND", "message": "Author not found", "details": null})
        );

        // Validation names fields, never values.
        let (status, _, body) = case
            .json(
                "POST",
                "/authors",
                None,
                Some(json!({"name": "", "email": "x@example.com"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert_eq!(body["details"]["fields"][0]["field"], "name");
        assert!(
            !body.to_string().contains("x@example.com"),
            "{backend}: {body}"
        );

        // A unique violation is a conflict.
        case.author("Bob", "bob@example.com").await;
        let (status, _, body) = case
            .json(
                "POST",
                "/authors",
                None,
                Some(json!({"name": "B", "email": "bob@example.com"})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("CONFLICT")),
            "{backend}: {body}"
        );
    }
}

#[tokio::test]
async fn policies_hide_rows_and_deny_writes() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let author = case.author("Ada", "ada@example.com").await["id"]
            .as_i64()
            .unwrap();
        let draft = case.book(OWNER, "draft", "Draft", author).await["id"]
            .as_i64()
            .unwrap();
        let published = case.book(OWNER, "out", "Published", author).await["id"]
            .as_i64()
            .unwrap();
        // Another caller sees only the published book; the draft is a 404.
        let (_, _, list) = case.json("GET", "/books", Some(OTHER), None).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "{backend}: {list}");
        let (status, _, _) = case
            .json("GET", &format!("/books/{draft}"), Some(OTHER), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        // Denied writes are 403, with or without a principal.
        let (status, _, body) = case
            .json(
                "PATCH",
                &format!("/books/{published}"),
                Some(OTHER),
                Some(json!({"title": "x"})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("FORBIDDEN")),
            "{backend}"
        );
        let (status, _, _) = case
            .json(
                "POST",
                "/books",
                None,
                Some(json!({"title": "t", "price": "1", "ownerId": 1, "authorId": author})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{backend}");
        // A bad token is a 401.
        let (status, _, body) = case.json("GET", "/books", Some("Bearer nope"), None).await;
        assert_eq!(
            (status, body["message"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("bad token")),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_list_grammar_filters_sorts_projects_and_pages() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let ada = case.author("Ada", "ada@example.com").await["id"]
            .as_i64()
            .unwrap();
        let bob = case.author("Bob", "bob@example.com").await["id"]
            .as_i64()
            .unwrap();
        for (title, status, author) in [
            ("alpha", "Published", ada),
            ("beta", "Draft", ada),
            ("gamma", "Published", bob),
            ("delta", "Published", bob),
        ] {
            case.book(OWNER, title, status, author).await;
        }
        let titles = |list: &Value| -> Vec<String> {
            list.as_array()
                .unwrap_or_else(|| panic!("{backend}: {list}"))
                .iter()
                .map(|b| b["title"].as_str().unwrap().to_string())
                .collect()
        };
        let get = async |query: &str| {
            case.json("GET", &format!("/books?{query}"), Some(OWNER), None)
                .await
        };
        let (_, _, list) = get("status=Published&sort=-title").await;
        assert_eq!(titles(&list), ["gamma", "delta", "alpha"], "{backend}");
        let (_, _, list) = get("title__startsWith=a&or=title=beta|title=gamma&sort=title").await;
        assert_eq!(
            titles(&list),
            Vec::<String>::new(),
            "{backend}: a AND (b OR c)"
        );
        let (_, _, list) =
            get("where=not(status=Draft),(title__contains=amm|title=alpha)&orderBy=title").await;
        assert_eq!(titles(&list), ["alpha", "gamma"], "{backend}");
        let (_, _, list) = get(&format!(
            "authorId__in={ada},{bob}&title__gte=beta&sort=title&limit=2&offset=1"
        ))
        .await;
        assert_eq!(titles(&list), ["delta", "gamma"], "{backend}");
        let (_, _, list) =
            get("fields=title,author&include=author&includeFields[author]=name&sort=title&limit=1")
                .await;
        assert_eq!(
            list,
            json!([{"title": "alpha", "author": {"name": "Ada"}}]),
            "{backend}"
        );
        let (_, _, one) = case
            .json(
                "GET",
                "/authors?include=books&fields=name,books&includeFields[books]=title",
                None,
                None,
            )
            .await;
        // Included rows pass their own read policy: Ada's draft stays hidden.
        assert_eq!(
            one,
            json!([{"name": "Ada", "books": [{"title": "alpha"}]},
                   {"name": "Bob", "books": [{"title": "gamma"}, {"title": "delta"}]}]),
            "{backend}"
        );

        // Errors: unknown or hidden filters 400, unknown sorts 422, windows.
        for (query, status) in [
            ("nope=1", 400),
            ("title__isNull=true", 400),
            ("price__contains=1", 400),
            ("sort=nope", 422),
            ("limit=1001", 400),
            ("limit=-1", 400),
            ("offset=x", 400),
            ("include=nothing", 400),
            ("includeFields[author]=name", 400),
            ("where=((((", 400),
            ("status=Unknown", 400),
            ("id=%FF", 400),
            ("id=%zz", 400),
        ] {
            let (got, _, body) = get(query).await;
            assert_eq!(got.as_u16(), status, "{backend}: {query}: {body}");
        }
        let (status, _, body) = case.json("GET", "/authors?secret=x", None, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            body["message"], "unsupported query filter 'secret' for Author",
            "{backend}"
        );
        let (status, _, _) = case
            .json("GET", "/books/1?status=Draft", Some(OWNER), None)
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{backend}: get takes a selection only"
        );
        let (status, _, _) = case.json("GET", "/books/abc", Some(OWNER), None).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{backend}: a key of the wrong type"
        );

        // @@paged answers upstream's Page.
        for n in 0..5 {
            let (status, _, _) = case
                .json("POST", "/entries", None, Some(json!({"n": n})))
                .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (_, _, page) = case
            .json("GET", "/entries?limit=2&offset=2&sort=n", None, None)
            .await;
        assert_eq!(page["totalCount"], 5, "{backend}: {page}");
        assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            page["pageInfo"],
            json!({"limit": 2, "offset": 2, "hasNextPage": true, "hasPreviousPage": true})
        );
    }
}

#[tokio::test]
async fn negotiation_and_the_order_of_checks() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let get = |accept: Option<&'static str>| {
            let mut request = case.client.get(case.url("/authors"));
            if let Some(accept) = accept {
                request = request.header(ACCEPT, accept);
            }
            request.send()
        };
        // No Accept: CBOR, upstream's default.
        let response = get(None).await.unwrap();
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/cbor",
            "{backend}"
        );
        let items: Vec<ciborium::Value> =
            ciborium::from_reader(&response.bytes().await.unwrap()[..]).unwrap();
        assert!(items.is_empty());
        for (accept, expected) in [
            ("application/json", "application/json"),
            (
                "application/json;q=0.5, application/cbor",
                "application/cbor",
            ),
            ("application/cbor;q=0, */*", "application/json"),
            ("*/*", "application/cbor"),
        ] {
            let response = get(Some(accept)).await.unwrap();
            assert_eq!(
                response.headers()[CONTENT_TYPE],
                expected,
                "{backend}: {accept}"
            );
        }
        // Nothing acceptable: 406 as text/plain, before authentication.
        let response = case
            .client
            .get(case.url("/authors"))
            .header(ACCEPT, "text/html")
            .header(AUTHORIZATION, "Bearer nope")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE, "{backend}");
        assert!(
            response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/plain")
        );
        // A body route without Content-Type: 415, before authentication, in the negotiated codec.
        for content_type in [None, Some("text/plain")] {
            let mut request = case
                .client
                .post(case.url("/authors"))
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, "Bearer nope")
                .body("{}");
            if let Some(content_type) = content_type {
                request = request.header(CONTENT_TYPE, content_type);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{backend}"
            );
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["code"], "UNSUPPORTED_MEDIA_TYPE");
        }
        // CBOR in, CBOR out; an error in CBOR when CBOR was negotiated.
        let mut body = Vec::new();
        ciborium::into_writer(&json!({"name": "Cy", "email": "cy@example.com"}), &mut body)
            .unwrap();
        let response = case
            .client
            .post(case.url("/authors"))
            .header(CONTENT_TYPE, "application/cbor")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{backend}");
        let row: Value = ciborium::from_reader(&response.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(row["email"], "cy@example.com");
        let response = case
            .client
            .get(case.url("/authors/999"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let error: Value = ciborium::from_reader(&response.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(error["code"], "NOT_FOUND", "{backend}");
        // Malformed bodies and oversized ones: 400 and 413, nothing written.
        for (content_type, body) in [
            ("application/json", b"{\"name\":".to_vec()),
            ("application/json", b"[1,2,3]".to_vec()),
            (
                "application/json",
                br#"{"name": 5, "email": "x@y.z"}"#.to_vec(),
            ),
            ("application/cbor", vec![0xff, 0x00]),
        ] {
            let response = case
                .client
                .post(case.url("/authors"))
                .header(CONTENT_TYPE, content_type)
                .header(ACCEPT, "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{backend}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["code"], "CODEC_ERROR");
        }
        let huge = json!({"name": "x".repeat(70 * 1024), "email": "h@example.com"});
        let (status, _, body) = case.json("POST", "/authors", None, Some(huge)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{backend}: {body}");
        let (_, _, list) = case.json("GET", "/authors", None, None).await;
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(1),
            "{backend}: nothing else was written"
        );
        // Unknown routes are 404 in the envelope; request ids come from traceparent.
        let response = case
            .client
            .get(case.url("/nothing"))
            .header(ACCEPT, "application/json")
            .header(
                "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            response.headers()["x-request-id"],
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["code"], "NOT_FOUND", "{backend}");
        // An id segment that is not UTF-8 once decoded: a 400 in the
        // envelope, on every keyed method.
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let response = case
                .client
                .request(method.clone(), case.url("/authors/%FF%FE"))
                .header(ACCEPT, "application/json")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{method}");
            assert!(response.headers().contains_key("x-request-id"));
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["code"], "BAD_REQUEST", "{backend} {method}: {error}");
        }
        let response = case
            .client
            .get(case.url("/authors"))
            .header(
                "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["x-request-id"],
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
    }
}

#[tokio::test]
async fn versions_travel_as_etags() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let (status, _, doc) = case
            .json("POST", "/docs", None, Some(json!({"body": "v1"})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{backend}: {doc}");
        let id = doc["id"].as_str().unwrap().to_string();
        let (_, headers, _) = case.json("GET", &format!("/docs/{id}"), None, None).await;
        let etag = headers["etag"].to_str().unwrap().to_string();
        assert_eq!(etag, format!("\"{}\"", doc["version"]), "{backend}");
        let patch = |if_match: Option<&'static str>| {
            let mut request = case
                .client
                .patch(case.url(&format!("/docs/{id}")))
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .body(json!({"body": "v2"}).to_string());
            if let Some(value) = if_match {
                request = request.header("if-match", value);
            }
            request.send()
        };
        assert_eq!(
            patch(None).await.unwrap().status(),
            StatusCode::PRECONDITION_FAILED,
            "{backend}"
        );
        assert_eq!(
            patch(Some("*")).await.unwrap().status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            patch(Some("W/\"1\"")).await.unwrap().status(),
            StatusCode::BAD_REQUEST
        );
        let stale = patch(Some("\"41\"")).await.unwrap();
        assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED, "{backend}");
        let fresh = case
            .client
            .patch(case.url(&format!("/docs/{id}")))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .header("if-match", &etag)
            .body(json!({"body": "v2"}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(fresh.status(), StatusCode::OK, "{backend}");
        let new_etag = fresh.headers()["etag"].to_str().unwrap().to_string();
        assert_ne!(new_etag, etag);
        let delete = |tag: String| {
            case.client
                .delete(case.url(&format!("/docs/{id}")))
                .header(ACCEPT, "application/json")
                .header("if-match", tag)
                .send()
        };
        assert_eq!(
            delete(etag).await.unwrap().status(),
            StatusCode::PRECONDITION_FAILED,
            "{backend}"
        );
        assert_eq!(
            delete(new_etag).await.unwrap().status(),
            StatusCode::OK,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn procedures_answer_values_sequences_and_streams() {
    let produced = Arc::new(AtomicI64::new(0));
    let counter = produced.clone();
    for case in cases(move || {
        options(App {
            produced: counter.clone(),
            ..App::default()
        })
    })
    .await
    {
        let backend = case.backend;
        let (status, _, sum) = case
            .json("POST", "/$procs/add", None, Some(json!({"a": 2, "b": 3})))
            .await;
        assert_eq!((status, sum), (StatusCode::OK, json!(5)), "{backend}");
        let (status, _, body) = case
            .json("POST", "/$procs/add", None, Some(json!({"a": 2})))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");
        let (status, _, sum) = case
            .json(
                "POST",
                "/v2/$procs/addV2",
                None,
                Some(json!({"a": 1, "b": 1})),
            )
            .await;
        assert_eq!((status, sum), (StatusCode::OK, json!(1002)), "{backend}");
        let (status, _, _) = case
            .json("POST", "/$procs/addV2", None, Some(json!({"a": 1, "b": 1})))
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{backend}: only the versioned path"
        );
        let (_, headers, _) = case
            .json("POST", "/$procs/legacy", None, Some(json!({"a": 1})))
            .await;
        assert_eq!(
            (&headers["deprecation"], &headers["x-deprecation"]),
            (&"true".parse().unwrap(), &"use add".parse().unwrap())
        );

        let author = case.author("Ada", "ada@example.com").await["id"]
            .as_i64()
            .unwrap();
        let book = case.book(OWNER, "t", "Draft", author).await["id"]
            .as_i64()
            .unwrap();
        let (status, _, published) = case
            .json(
                "POST",
                "/$procs/publish",
                Some(OWNER),
                Some(json!({"id": book})),
            )
            .await;
        assert_eq!(
            (status, &published["status"]),
            (StatusCode::ACCEPTED, &json!("Published")),
            "{backend}: {published}"
        );
        let (status, _, _) = case
            .json("POST", "/$procs/publish", None, Some(json!({"id": book})))
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{backend}: anonymous is denied, not unauthenticated"
        );

        // A list procedure: an array, or a CBOR sequence when asked.
        let (_, _, books) = case
            .json(
                "POST",
                "/$procs/booksByStatus",
                None,
                Some(json!({"status": "Published"})),
            )
            .await;
        assert_eq!(
            books.as_array().map(Vec::len),
            Some(1),
            "{backend}: {books}"
        );
        let sequence = |procedure: &str, body: Value| {
            case.client
                .post(case.url(&format!("/$procs/{procedure}")))
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/cbor-seq, application/cbor;q=0.5")
                .body(body.to_string())
                .send()
        };
        let response = sequence("booksByStatus", json!({"status": "Published"}))
            .await
            .unwrap();
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/cbor-seq",
            "{backend}"
        );
        let bytes = response.bytes().await.unwrap();
        let first: Value = ciborium::from_reader(&bytes[..]).unwrap();
        assert_eq!(first["title"], "t");
        // cbor-seq is refused where nothing is a list.
        let response = case
            .client
            .post(case.url("/$procs/add"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/cbor-seq")
            .body(json!({"a": 1, "b": 2}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE);

        // A stream: items as produced; JSON drains it into one array.
        let (_, _, all) = case
            .json("POST", "/$procs/countdown", None, Some(json!({"from": 3})))
            .await;
        assert_eq!(all, json!([3, 2, 1]), "{backend}");
        let bytes = sequence("countdown", json!({"from": 3}))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(
            read_sequence(&bytes),
            vec![ciborium::Value::from(3), 2.into(), 1.into()],
            "{backend}"
        );
        // A failure mid-stream ends it with the tagged error item.
        let bytes = sequence("countdown", json!({"from": -1}))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let items = read_sequence(&bytes);
        assert_eq!(
            &items[..2],
            &[ciborium::Value::from(1), 2.into()],
            "{backend}"
        );
        match &items[2] {
            ciborium::Value::Tag(48900, inner) => {
                let error: Value = inner.deserialized().unwrap();
                assert_eq!(error["code"], "invalid_argument");
            }
            other => panic!("{backend}: expected the error item, got {other:?}"),
        }
        assert_eq!(items.len(), 3);
        // A client that goes away stops the producer.
        let before = produced.load(Ordering::SeqCst);
        let mut response = sequence("countdown", json!({"from": 1000})).await.unwrap();
        let _ = response.chunk().await.unwrap();
        drop(response);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let after_drop = produced.load(Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            produced.load(Ordering::SeqCst),
            after_drop,
            "{backend}: the producer stopped"
        );
        assert!(
            after_drop - before < 100,
            "{backend}: {}",
            after_drop - before
        );
    }
}

fn read_sequence(mut bytes: &[u8]) -> Vec<ciborium::Value> {
    let mut items = Vec::new();
    while !bytes.is_empty() {
        items.push(ciborium::from_reader(&mut bytes).expect("a CBOR item"));
    }
    items
}

#[tokio::test]
async fn rate_limits_admit_a_burst_per_caller() {
    let limited = || {
        options(App::default()).rate_limit(RateLimit {
            store: Arc::new(http::ratelimit::memory::MemoryRateLimitStore::new()),
            config: http::ratelimit::RateLimitConfig::new(3, 0.001),
            on_store_failure: StoreFailure::FailClosed,
        })
    };
    for case in cases(limited).await {
        let backend = case.backend;
        for remaining in [2, 1, 0] {
            let (status, headers, _) = case.json("GET", "/authors", Some(OWNER), None).await;
            assert_eq!(status, StatusCode::OK, "{backend}");
            assert_eq!(headers["x-ratelimit-limit"], "3");
            assert_eq!(
                headers["x-ratelimit-remaining"],
                remaining.to_string().as_str()
            );
        }
        let (status, headers, body) = case.json("GET", "/authors", Some(OWNER), None).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        assert!(
            headers["retry-after"]
                .to_str()
                .unwrap()
                .parse::<u32>()
                .unwrap()
                >= 1
        );
        assert_eq!(body["code"], "TOO_MANY_REQUESTS");
        // Another caller has its own budget; the peer address stands for an anonymous one.
        let (status, _, _) = case.json("GET", "/authors", Some(OTHER), None).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let (status, _, _) = case.json("GET", "/authors", None, None).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        // @no_rate_limit is exempt.
        for _ in 0..5 {
            let (status, _, _) = case
                .json("POST", "/$procs/ping", Some(OWNER), Some(json!({"n": 1})))
                .await;
            assert_eq!(status, StatusCode::OK, "{backend}");
        }
    }
    // Without Authorization and without a peer address nobody can be told apart: 412.
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let served = Served::start_with(http::router(db, limited()), false).await;
    let response = reqwest::Client::new()
        .get(served.url("/authors"))
        .header(ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn idempotency_keys_replay_refuse_and_wait() {
    let with_keys = || {
        options(App::default()).idempotency(Idempotency::new(
            http::idempotency::memory::MemoryIdempotencyStore::new(),
        ))
    };
    for case in cases(with_keys).await {
        let backend = case.backend;
        let post = |key: &'static str, email: &'static str| {
            case.client
                .post(case.url("/authors"))
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, OWNER)
                .header("idempotency-key", key)
                .body(json!({"name": "A", "email": email}).to_string())
                .send()
        };
        let first = post("k1", "a@example.com").await.unwrap();
        assert_eq!(first.status(), StatusCode::CREATED, "{backend}");
        assert!(first.headers().get("idempotency-replayed").is_none());
        let first: Value = first.json().await.unwrap();
        let again = post("k1", "a@example.com").await.unwrap();
        assert_eq!(again.status(), StatusCode::CREATED, "{backend}");
        assert_eq!(again.headers()["idempotency-replayed"], "true");
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        let (_, _, list) = case.json("GET", "/authors", None, None).await;
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(1),
            "{backend}: the replay wrote nothing"
        );
        let other = post("k1", "b@example.com").await.unwrap();
        assert_eq!(
            other.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let bad = post("k\u{7f}", "c@example.com").await;
        assert!(bad.is_err() || bad.unwrap().status() == StatusCode::BAD_REQUEST);

        // A duplicate while the first still runs: 409 with Retry-After.
        let author = first["id"].as_i64().unwrap();
        let book = case.book(OWNER, "t", "Draft", author).await["id"]
            .as_i64()
            .unwrap();
        let _ = book;
        let slow = |key: &'static str| {
            case.client
                .post(case.url("/$procs/publish"))
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, OWNER)
                .header("idempotency-key", key)
                .body(json!({"id": 999}).to_string())
                .send()
        };
        let (a, b) = tokio::join!(slow("k2"), async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            slow("k2").await
        });
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(b.status(), StatusCode::CONFLICT, "{backend}");
        assert_eq!(b.headers()["retry-after"], "1");
        assert_ne!(a.status(), StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn the_capabilities_table_describes_every_route() {
    let routes = http::capabilities();
    let find = |op: &str| {
        routes
            .iter()
            .find(|r| r.op == op)
            .unwrap_or_else(|| panic!("{op}"))
    };
    let get = find("model.Book.get");
    assert_eq!((get.method, get.path.as_str()), ("GET", "/books/{id}"));
    assert!(get.request_types.is_empty());
    assert_eq!(get.default_response_type, "application/cbor");
    let create = find("model.Book.create");
    assert_eq!(
        create.request_types,
        ["application/cbor", "application/json"]
    );
    assert!(find("procedure.countdown").supports_sequence_response);
    assert!(!find("procedure.add").supports_sequence_response);
    assert_eq!(find("procedure.addV2").path, "/v2/$procs/addV2");
    assert!(
        routes
            .iter()
            .all(|r| !r.op.contains("Doc.") || r.path.starts_with("/docs"))
    );
}

#[tokio::test]
async fn server_failures_are_canned_and_no_idempotency_is_honoured() {
    let app = Arc::new(AtomicUsize::new(0));
    let _ = app;
    for case in cases(|| {
        options(App::default()).idempotency(Idempotency::new(
            http::idempotency::memory::MemoryIdempotencyStore::new(),
        ))
    })
    .await
    {
        let backend = case.backend;
        let (status, _, body) = case
            .json("POST", "/$procs/touch", None, Some(json!({"n": -1})))
            .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{backend}");
        assert_eq!(
            body,
            json!({"code": "DATABASE_ERROR", "message": "internal error", "details": null})
        );
        // `@no_idempotency`: the key is ignored and the call runs each time.
        for _ in 0..2 {
            let response = case
                .client
                .post(case.url("/$procs/touch"))
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, OWNER)
                .header("idempotency-key", "same")
                .body(json!({"n": 1}).to_string())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{backend}");
            assert!(
                response.headers().get("idempotency-replayed").is_none(),
                "{backend}"
            );
        }
        // While `add` (not exempt) replays.
        let add = || {
            case.client
                .post(case.url("/$procs/add"))
                .header(CONTENT_TYPE, "application/json")
                .header(AUTHORIZATION, OWNER)
                .header("idempotency-key", "sum")
                .body(json!({"a": 1, "b": 1}).to_string())
                .send()
        };
        assert!(
            add()
                .await
                .unwrap()
                .headers()
                .get("idempotency-replayed")
                .is_none()
        );
        assert_eq!(
            add().await.unwrap().headers()["idempotency-replayed"],
            "true",
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_json_only_router_offers_json_only() {
    for case in cases(|| options(App::default()).formats(&[http_db::runtime::Format::Json])).await {
        let response = case.client.get(case.url("/authors")).send().await.unwrap();
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/json",
            "{}",
            case.backend
        );
        let response = case
            .client
            .get(case.url("/authors"))
            .header(ACCEPT, "application/cbor")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE);
        let response = case
            .client
            .post(case.url("/authors"))
            .header(CONTENT_TYPE, "application/cbor")
            .body(vec![0xa0])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}

#[tokio::test]
async fn forwarded_addresses_count_only_through_trusted_proxies() {
    let limited = |trusted: bool| {
        let options = options(App::default()).rate_limit(RateLimit {
            store: Arc::new(http::ratelimit::memory::MemoryRateLimitStore::new()),
            config: http::ratelimit::RateLimitConfig::new(1, 0.001),
            on_store_failure: StoreFailure::FailClosed,
        });
        if trusted {
            options.trusted_proxies(["127.0.0.1".parse().unwrap()])
        } else {
            options
        }
    };
    for trusted in [false, true] {
        let scratch = Scratch::new().await;
        let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
        let served = Served::start(http::router(db, limited(trusted))).await;
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for forwarded in ["203.0.113.1", "203.0.113.2"] {
            let response = client
                .get(served.url("/authors"))
                .header(ACCEPT, "application/json")
                .header("x-forwarded-for", forwarded)
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
        // Untrusted, both are the loopback peer: one budget. Trusted, two callers.
        let expected = if trusted { [200, 200] } else { [200, 429] };
        assert_eq!(statuses, expected, "trusted proxies: {trusted}");
    }
}

/// A small deterministic generator for hostile input.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn text(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

#[tokio::test]
async fn hostile_input_is_a_4xx_and_writes_nothing() {
    for case in cases(|| options(App::default())).await {
        let backend = case.backend;
        let author = case.author("Ada", "ada@example.com").await["id"]
            .as_i64()
            .unwrap();
        let mut noise = Noise(0x9e3779b97f4a7c15);
        let alphabet = b"abtitlesusidname_=&,|()%+-.;[]0123456789 \"'*!~";
        let mut fixed: Vec<String> = [
            "where=not(not(not(",
            "where=)))",
            "where=title=%00",
            "sort=-",
            "limit=99999999999999999999",
            "offset=-0",
            "title__in=",
            "id__in=1,x",
            "price__gt=1e999",
            "status__isNull=maybe",
            "fields=",
            "includeFields[]=x",
            "includeFields[author=x",
            "%",
            "&&&&",
            "=",
            "title__contains",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        fixed.push(format!("where={}", "not(".repeat(5000)));
        fixed.push(format!("title__in={}", vec!["a"; 5000].join(",")));
        for _ in 0..300 {
            let len = (noise.next() % 40) as usize;
            fixed.push(noise.text(alphabet, len));
        }
        for query in &fixed {
            let response = case
                .client
                .get(format!("{}?{query}", case.url("/books")))
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, OWNER)
                .send()
                .await;
            // Some strings are not valid URLs for the client; those never reach the server.
            let Ok(response) = response else { continue };
            let status = response.status().as_u16();
            assert!(
                status == 200 || (400..500).contains(&status),
                "{backend}: {query} -> {status}"
            );
        }
        // Bodies: random bytes, wrong types, deep nesting, in both codecs.
        let mut bodies: Vec<(&str, Vec<u8>)> = vec![
            ("application/json", b"null".to_vec()),
            ("application/json", b"\"x\"".to_vec()),
            (
                "application/json",
                br#"{"title": ["x"], "price": "1", "ownerId": 7, "authorId": 1}"#.to_vec(),
            ),
            (
                "application/json",
                br#"{"title": "x", "price": "NaN-ish", "ownerId": 7, "authorId": 1}"#.to_vec(),
            ),
            (
                "application/json",
                br#"{"title": "x", "price": "1", "ownerId": 7e99, "authorId": 1}"#.to_vec(),
            ),
            (
                "application/json",
                br#"{"title": "x", "price": "1", "ownerId": 7, "authorId": 1, "status": "Nope"}"#
                    .to_vec(),
            ),
            ("application/json", "[".repeat(100_000).into_bytes()),
            (
                "application/json",
                br#"{"title": "a\u0000b", "price": "1", "ownerId": 7, "authorId": 1}"#.to_vec(),
            ),
            (
                "application/json",
                br#"{"title": "x", "price": "1e30", "ownerId": 7, "authorId": 1}"#.to_vec(),
            ),
            ("application/cbor", vec![0x9f; 100_000]),
            ("application/cbor", vec![0xbf, 0x61, 0x61]),
        ];
        for _ in 0..100 {
            let len = (noise.next() % 64) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| noise.next() as u8).collect();
            bodies.push(("application/cbor", bytes.clone()));
            bodies.push(("application/json", bytes));
        }
        for (content_type, body) in bodies {
            for path in ["/books", "/books/1"] {
                let method = if path == "/books" { "POST" } else { "PATCH" };
                let response = case
                    .client
                    .request(method.parse().unwrap(), case.url(path))
                    .header(CONTENT_TYPE, content_type)
                    .header(ACCEPT, "application/json")
                    .header(AUTHORIZATION, OWNER)
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                assert!(
                    (400..500).contains(&status),
                    "{backend}: {method} {path} {content_type} {:?} -> {status}",
                    String::from_utf8_lossy(&body[..body.len().min(80)])
                );
            }
        }
        let (_, _, books) = case.json("GET", "/books", Some(OWNER), None).await;
        assert_eq!(books, json!([]), "{backend}: nothing was written");
        let _ = author;
    }
}
