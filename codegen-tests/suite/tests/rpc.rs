//! The generated RPC service (`rpc-db`, `transport rpc`) over real TCP on
//! PostgreSQL, SQLite and MySQL: every model op and procedure under
//! `POST /rpc/{op_id}` with unwrapped bodies, unknown ops, sequences, and
//! batches (order, isolation, the frame cap checked before any dispatch,
//! one authentication per batch, per-frame `idem`).

use cstack_codegen_suite::Served;
use cstack_codegen_suite::rpc_app::RpcApp;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use rpc_db::Db;
use rpc_db::http::{self, Idempotency, Options};
use rpc_db::procedures::*;
use rpc_db::runtime::Context;
use rpc_db::types::User;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Case {
    backend: &'static str,
    served: Served,
    client: reqwest::Client,
    authentications: Arc<AtomicUsize>,
    _keep: Box<dyn std::any::Any>,
}

async fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (backend, db, keep) in cstack_codegen_suite::each_database!(Db) {
        let authentications = Arc::new(AtomicUsize::new(0));
        let counter = authentications.clone();
        let options = Options::new(move |parts: &http::axum::http::request::Parts| {
            counter.fetch_add(1, Ordering::SeqCst);
            match parts
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
            {
                None => Ok(Context::anonymous()),
                Some("Bearer 7") => Ok(Context::authenticated(User {
                    id: 7,
                    role: "user".into(),
                })),
                Some(_) => Err("bad token"),
            }
        })
        .procedures(ProcedureDispatcher::new(RpcApp))
        .idempotency(Idempotency::new(
            http::idempotency::memory::MemoryIdempotencyStore::new(),
        ));
        let served = Served::start(http::router(db, options)).await;
        cases.push(Case {
            backend,
            served,
            client: reqwest::Client::new(),
            authentications,
            _keep: keep,
        });
    }
    cases
}

impl Case {
    async fn call(&self, op: &str, input: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.served.url(&format!("/rpc/{op}")))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, "Bearer 7")
            .body(input.to_string())
            .send()
            .await
            .expect("the service answers");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn batch(&self, frames: Value, headers: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut request = self
            .client
            .post(self.served.url("/rpc/batch"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, "Bearer 7");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.body(frames.to_string()).send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn model_ops_take_unwrapped_bodies() {
    for case in cases().await {
        let backend = case.backend;
        let (status, author) = case
            .call(
                "model.Author.create",
                json!({"name": "Ada", "email": "a@example.com"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{backend}: {author}");
        let id = author["id"].as_i64().unwrap();
        let (status, got) = case.call("model.Author.get", json!({"id": id})).await;
        assert_eq!((status, &got), (StatusCode::OK, &author), "{backend}");
        let (status, got) = case
            .call("model.Author.get", json!({"id": id, "fields": ["name"]}))
            .await;
        assert_eq!(
            (status, got),
            (StatusCode::OK, json!({"name": "Ada"})),
            "{backend}"
        );
        let (status, updated) = case
            .call(
                "model.Author.update",
                json!({"id": id, "patch": {"name": "Ada L."}}),
            )
            .await;
        assert_eq!(
            (status, &updated["name"]),
            (StatusCode::OK, &json!("Ada L.")),
            "{backend}"
        );
        let (status, _) = case
            .call(
                "model.Author.update",
                json!({"id": id, "patch": {"secret": "x"}}),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{backend}: @server_only is not an input"
        );
        for n in 0..3 {
            case.call("model.Book.create", json!({"title": format!("b{n}"), "status": "Published", "price": "1", "ownerId": 7, "authorId": id}))
                .await;
        }
        let (status, list) = case
            .call("model.Book.list", json!({"limit": 2, "sort": "-title", "filters": [{"key": "title__startsWith", "value": "b"}], "fields": ["title"]}))
            .await;
        assert_eq!(
            (status, list),
            (StatusCode::OK, json!([{"title": "b2"}, {"title": "b1"}])),
            "{backend}"
        );
        let (status, list) = case
            .call(
                "model.Book.list",
                json!({"include": ["author"], "include_fields": {"author": ["name"]}, "limit": 1}),
            )
            .await;
        assert_eq!(
            (status, &list[0]["author"]),
            (StatusCode::OK, &json!({"name": "Ada L."})),
            "{backend}: {list}"
        );
        let (status, body) = case
            .call(
                "model.Book.list",
                json!({"filters": [{"key": "limit", "value": "5"}]}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");
        let (status, body) = case.call("model.Book.list", json!({"unknown": 1})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");
        let (status, page) = case.call("model.Entry.list", json!({})).await;
        assert_eq!(
            (status, &page["totalCount"]),
            (StatusCode::OK, &json!(0)),
            "{backend}: {page}"
        );
        let (status, deleted) = case.call("model.Author.delete", json!({"id": id})).await;
        assert_eq!(
            (status, deleted["id"].as_i64()),
            (StatusCode::OK, Some(id)),
            "{backend}"
        );
        let (status, error) = case.call("model.Author.get", json!({"id": id})).await;
        assert_eq!(
            (status, error),
            (
                StatusCode::NOT_FOUND,
                json!({"code": "not_found", "message": "Author not found"})
            ),
            "{backend}"
        );
        let (status, error) = case.call("model.Nothing.get", json!({"id": 1})).await;
        assert_eq!(
            (status, error),
            (
                StatusCode::NOT_FOUND,
                json!({"code": "not_found", "message": "unknown RPC op `model.Nothing.get`"})
            ),
            "{backend}"
        );
        let (status, error) = case.call("procedure.add", json!({"a": 1})).await;
        assert_eq!(
            (status, &error["code"]),
            (StatusCode::BAD_REQUEST, &json!("invalid_argument")),
            "{backend}"
        );
        let (status, sum) = case.call("procedure.add", json!({"a": 1, "b": 2})).await;
        assert_eq!((status, sum), (StatusCode::OK, json!(3)), "{backend}");
        // A list procedure answers a CBOR sequence when asked.
        let response = case
            .client
            .post(case.served.url("/rpc/procedure.countdown"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/cbor-seq")
            .body(json!({"from": 2}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_TYPE], "application/cbor-seq");
        assert_eq!(
            &response.bytes().await.unwrap()[..],
            &[0x02, 0x01],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn batches_keep_order_isolate_frames_and_authenticate_once() {
    for case in cases().await {
        let backend = case.backend;
        let before = case.authentications.load(Ordering::SeqCst);
        let (status, answers) = case
            .batch(
                json!([
                    {"id": 3, "op": "procedure.add", "input": {"a": 1, "b": 2}},
                    {"id": 1, "op": "model.Author.create", "input": {"name": "", "email": "x@example.com"}},
                    {"id": 2, "op": "nothing.here", "input": {}},
                    {"id": 9, "op": "model.Author.create", "input": {"name": "Ada", "email": "a@example.com"}},
                ]),
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{backend}: {answers}");
        assert_eq!(
            case.authentications.load(Ordering::SeqCst) - before,
            1,
            "{backend}: one authentication per batch"
        );
        let ids: Vec<i64> = answers
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [3, 1, 2, 9], "{backend}: request order");
        assert_eq!(answers[0]["output"], 3);
        assert_eq!(
            answers[1]["error"]["code"], "invalid_argument",
            "{backend}: {answers}"
        );
        assert_eq!(answers[2]["error"]["code"], "not_found");
        assert_eq!(
            answers[3]["output"]["name"], "Ada",
            "{backend}: a failed frame does not poison the others"
        );

        // Over the cap: refused whole, before any frame runs.
        let frames: Vec<Value> = (0..1001)
            .map(|i| json!({"id": i, "op": "model.Author.create", "input": {"name": "n", "email": format!("{i}@example.com")}}))
            .collect();
        let (status, error) = case.batch(Value::Array(frames), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert_eq!(error["message"], "batch size 1001 exceeds maximum of 1000");
        let (_, list) = case.call("model.Author.list", json!({})).await;
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(1),
            "{backend}: nothing dispatched"
        );

        // The header is refused; per-frame idem replays without writing again.
        let (status, _) = case.batch(json!([]), &[("idempotency-key", "k")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}");
        let frame = json!([{"id": 1, "op": "model.Author.create", "input": {"name": "Bo", "email": "bo@example.com"}, "idem": "once"}]);
        let (_, first) = case.batch(frame.clone(), &[]).await;
        let (_, again) = case.batch(frame, &[]).await;
        assert_eq!(first, again, "{backend}");
        let (_, list) = case.call("model.Author.list", json!({})).await;
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(2),
            "{backend}: the replay wrote nothing"
        );
        let other = json!([{"id": 1, "op": "model.Author.create", "input": {"name": "Bo", "email": "other@example.com"}, "idem": "once"}]);
        let (_, answers) = case.batch(other, &[]).await;
        assert_eq!(
            answers[0]["error"]["code"], "invalid_argument",
            "{backend}: {answers}"
        );

        // A frame writing an @version model carries its version.
        let (_, doc) = case.call("model.Doc.create", json!({"body": "v1"})).await;
        let (id, version) = (doc["id"].clone(), doc["version"].as_i64().unwrap());
        let (_, answers) = case
            .batch(
                json!([
                    {"id": 1, "op": "model.Doc.update", "input": {"id": id, "patch": {"body": "v2"}}},
                    {"id": 2, "op": "model.Doc.update", "input": {"id": id, "patch": {"body": "v2"}}, "if_match": version + 7},
                    {"id": 3, "op": "model.Doc.update", "input": {"id": id, "patch": {"body": "v2"}}, "if_match": version},
                ]),
                &[],
            )
            .await;
        assert_eq!(
            answers[0]["error"]["code"], "failed_precondition",
            "{backend}: {answers}"
        );
        assert_eq!(
            answers[1]["error"]["code"], "failed_precondition",
            "{backend}: {answers}"
        );
        assert_eq!(answers[2]["output"]["body"], "v2", "{backend}: {answers}");

        // Frames are answered in the negotiated codec: CBOR without Accept.
        let response = case
            .client
            .post(case.served.url("/rpc/batch"))
            .header(CONTENT_TYPE, "application/json")
            .body(json!([{"id": 5, "op": "procedure.add", "input": {"a": 2, "b": 2}}]).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/cbor",
            "{backend}"
        );
        let answers: Value = ciborium::from_reader(&response.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(answers, json!([{"id": 5, "output": 4}]), "{backend}");

        // Malformed envelopes are 400s.
        for body in [
            json!({"id": 1}),
            json!([{"id": 1}]),
            json!([{"id": "x", "op": "procedure.add"}]),
            json!([{"id": 1, "op": "procedure.add", "extra": 1}]),
        ] {
            let (status, _) = case.batch(body.clone(), &[]).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");
        }
    }
}
