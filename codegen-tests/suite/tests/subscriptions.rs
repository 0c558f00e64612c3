//! Subscriptions (`@@subscribe`) of the generated RPC service (`rpc-db`)
//! over real TCP, with a real WebSocket client (tokio-tungstenite) and a
//! real server-sent-events reader: the SSE route as upstream spells it
//! (406 before authentication, 401, 404, `event: message` frames of
//! `ModelEvent`), committed writes only, each event judged by the
//! subscriber's read policy, `@server_only` fields never sent, lag ending
//! one subscription; the WebSocket binding's subprotocols and 1002,
//! interleaved calls, cancel, streams, unknown ops, bad frames, CBOR, and
//! per-frame rate limiting and `idem`; and two service processes on one
//! PostgreSQL database delivering each other's events, one of them
//! restarting.

use cstack_codegen_suite::Served;
use cstack_codegen_suite::rpc_app::{RpcApp, rpc_auth};
use cstack_codegen_suite::streams::{PATIENCE, Replica, Sse, Ws, tungstenite};
use reqwest::StatusCode;
use rpc_db::Db;
use rpc_db::http::{self, Idempotency, Options, RateLimit, StoreFailure};
use rpc_db::procedures::ProcedureDispatcher;
use rpc_db::runtime::Error;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

const JSON: &str = "cratestack.rpc.v1+json";
const CBOR: &str = "cratestack.rpc.v1+cbor";

fn options() -> Options {
    Options::new(rpc_auth)
        .procedures(ProcedureDispatcher::new(RpcApp))
        .idempotency(Idempotency::new(
            http::idempotency::memory::MemoryIdempotencyStore::new(),
        ))
}

/// A fresh SQLite database, and the folder holding it.
async fn sqlite() -> (Db, cstack_codegen_suite::tempfile::TempDir) {
    let folder = cstack_codegen_suite::tempfile::tempdir().expect("a temporary folder");
    let db = Db::open_sqlite(folder.path().join("test.sqlite"))
        .await
        .expect("open SQLite");
    (db, folder)
}

async fn serve(db: &Db, options: Options) -> Served {
    Served::start(http::router(db.clone(), options)).await
}

/// `POST /rpc/{op}` with a JSON body, as `bearer` when given.
async fn call(base: &str, op: &str, input: Value, bearer: Option<u32>) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/rpc/{op}"))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(input.to_string());
    if let Some(user) = bearer {
        request = request.header("authorization", format!("Bearer {user}"));
    }
    let response = request.send().await.expect("the service answers");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn create_author(base: &str, name: &str) -> Value {
    let input = json!({"name": name, "email": format!("{name}@example.com")});
    let (status, author) = call(base, "model.Author.create", input, Some(7)).await;
    assert_eq!(status, StatusCode::CREATED, "{author}");
    author
}

fn author_input(name: impl Into<String>, email: impl Into<String>) -> rpc_db::CreateAuthorInput {
    rpc_db::CreateAuthorInput::builder()
        .name(name)
        .email(email)
        .build()
}

/// The next `message` event of an SSE stream, as `{id, next}`.
async fn next_message(sse: &mut Sse) -> Value {
    let (event, data) = sse.next_event(PATIENCE).await.expect("an event in time");
    assert_eq!(event, "message", "{data}");
    serde_json::from_str(&data).expect("JSON data")
}

#[tokio::test]
async fn server_sent_events_carry_committed_model_events_as_upstream_spells_them() {
    for (backend, db, _keep) in cstack_codegen_suite::each_database!(Db) {
        let served = serve(&db, options()).await;
        let base = served.base.clone();
        let op = "model.Author.subscribe";

        // Accept is checked first: before authentication, before the op.
        for accept in [
            None,
            Some("application/json"),
            Some("text/event-stream;q=1"),
        ] {
            let mut refused = Sse::open(&base, op, accept, Some("Basic nope"), None).await;
            assert_eq!(refused.status, 406, "{backend}: {accept:?}");
            let body: Value = serde_json::from_str(&refused.text().await).unwrap();
            assert_eq!(body["code"], "invalid_argument", "{backend}: {body}");
        }
        let mut unknown = Sse::open(&base, "model.Nope.subscribe", Some("*/*"), None, None).await;
        assert_eq!(unknown.status, 404, "{backend}");
        assert_eq!(
            serde_json::from_str::<Value>(&unknown.text().await).unwrap()["code"],
            "not_found"
        );
        let not_a_subscription = Sse::open(
            &base,
            "model.Author.list",
            Some("text/event-stream"),
            None,
            None,
        )
        .await;
        assert_eq!(not_a_subscription.status, 404, "{backend}");
        let mut unauthenticated =
            Sse::open(&base, op, Some("text/event-stream"), Some("Basic x"), None).await;
        assert_eq!(unauthenticated.status, 401, "{backend}");
        assert_eq!(
            serde_json::from_str::<Value>(&unauthenticated.text().await).unwrap()["code"],
            "unauthenticated"
        );
        // Subscribing by a unary call is refused with the routes to use.
        let (status, body) = call(&base, op, json!({}), Some(7)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");

        let mut sse = Sse::open(
            &base,
            op,
            Some("application/json, text/event-stream"),
            Some("Bearer 7"),
            None,
        )
        .await;
        assert_eq!(sse.status, 200, "{backend}");
        assert!(
            sse.headers.contains("content-type: text/event-stream"),
            "{backend}: {}",
            sse.headers
        );

        let author = create_author(&base, "ada").await;
        let key = author["id"].as_i64().unwrap();
        let first = next_message(&mut sse).await;
        assert_eq!(first["id"], 1, "{backend}: {first}");
        let event = &first["next"];
        assert_eq!(event["model"], "Author", "{backend}");
        assert_eq!(event["operation"], "Created", "{backend}");
        assert_eq!(event["data"], author, "{backend}");
        assert!(
            event["event_id"]
                .as_str()
                .is_some_and(|id| id.parse::<uuid_like::Id>().is_ok()),
            "{backend}: {event}"
        );
        assert!(
            rpc_db::runtime::chrono::DateTime::parse_from_rfc3339(
                event["occurred_at"].as_str().unwrap()
            )
            .is_ok(),
            "{backend}: {event}"
        );
        assert_eq!(
            event.as_object().unwrap().len(),
            5,
            "{backend}: only upstream's keys"
        );

        // A hidden field set by the application never leaves the server.
        db.author()
            .update(key, rpc_db::UpdateAuthorInput::new().set_secret("s3cret"))
            .exec()
            .await
            .unwrap();
        let updated = next_message(&mut sse).await;
        assert_eq!(
            (&updated["id"], &updated["next"]["operation"]),
            (&json!(2), &json!("Updated")),
            "{backend}: {updated}"
        );
        assert!(
            !updated.to_string().contains("s3cret")
                && updated["next"]["data"].get("secret").is_none(),
            "{backend}: {updated}"
        );

        // A rolled-back write publishes nothing; the next commit does.
        let rolled_back: Result<(), Error> = db
            .transaction(|tx| async move {
                tx.author()
                    .create(author_input("doomed", "doomed@example.com"))
                    .await?;
                Err(Error::Forbidden {
                    reason: "roll back".into(),
                })
            })
            .await;
        assert!(rolled_back.is_err());
        let (status, _) = call(&base, "model.Author.delete", json!({"id": key}), Some(7)).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let deleted = next_message(&mut sse).await;
        assert_eq!(deleted["id"], 3, "{backend}: {deleted}");
        assert_eq!(deleted["next"]["operation"], "Deleted", "{backend}");
        assert_eq!(deleted["next"]["data"]["name"], "ada", "{backend}");
        assert!(
            sse.next_event(Duration::from_millis(300)).await.is_none(),
            "{backend}: nothing else, the rolled-back create least of all"
        );
    }
}

/// A tiny stand-in for a UUID parser: 36 characters, hex and dashes.
mod uuid_like {
    pub struct Id;
    impl std::str::FromStr for Id {
        type Err = ();
        fn from_str(s: &str) -> Result<Self, ()> {
            let shape = s.len() == 36
                && s.char_indices().all(|(i, c)| {
                    if [8, 13, 18, 23].contains(&i) {
                        c == '-'
                    } else {
                        c.is_ascii_hexdigit()
                    }
                });
            if shape { Ok(Id) } else { Err(()) }
        }
    }
}

/// Reads `{id, next}` frames of the WebSocket subscription `id` until one
/// carries a book titled `last`; the operation and title of each.
async fn ws_books_until(ws: &mut Ws, id: u64, last: &str) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    loop {
        let frame = ws.next_json().await;
        assert_eq!(frame["id"], id, "{frame}");
        let event = &frame["next"];
        let title = event["data"]["title"].as_str().unwrap().to_string();
        seen.push((
            event["operation"].as_str().unwrap().to_string(),
            title.clone(),
        ));
        if title == last {
            return seen;
        }
    }
}

async fn sse_books_until(sse: &mut Sse, last: &str) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    loop {
        let event = next_message(sse).await["next"].clone();
        let title = event["data"]["title"].as_str().unwrap().to_string();
        seen.push((
            event["operation"].as_str().unwrap().to_string(),
            title.clone(),
        ));
        if title == last {
            return seen;
        }
    }
}

fn ops(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(op, title)| (op.to_string(), title.to_string()))
        .collect()
}

#[tokio::test]
async fn each_event_passes_the_subscribers_read_policy() {
    for (backend, db, _keep) in cstack_codegen_suite::each_database!(Db) {
        let served = serve(&db, options()).await;
        let base = served.base.clone();
        let author = create_author(&base, "writer").await["id"].clone();
        let op = "model.Book.subscribe";
        // Book: read when Published or owned.
        let mut as_seven = Ws::connect(&base, &[JSON], Some("Bearer 7"), None)
            .await
            .unwrap();
        as_seven
            .send_json(json!({"id": 1, "op": op, "in": {}}))
            .await;
        let mut anonymous = Sse::open(&base, op, Some("text/event-stream"), None, None).await;
        let mut as_eight =
            Sse::open(&base, op, Some("text/event-stream"), Some("Bearer 8"), None).await;
        assert_eq!((anonymous.status, as_eight.status), (200, 200));
        // The WebSocket subscription is registered once a later frame is answered.
        as_seven
            .send_json(json!({"id": 2, "op": "procedure.add", "in": {"a": 1, "b": 1}}))
            .await;
        assert_eq!(as_seven.next_json().await, json!({"id": 2, "out": 2}));

        let book = |title: &str, status: &str, owner: u32| json!({"title": title, "status": status, "price": "1", "ownerId": owner, "authorId": author});
        let create = |title: &'static str, status: &'static str, owner: u32| {
            let base = base.clone();
            let input = book(title, status, owner);
            async move {
                let (status, row) = call(&base, "model.Book.create", input, Some(owner)).await;
                assert_eq!(status, StatusCode::CREATED, "{row}");
                row["id"].clone()
            }
        };
        let draft_of_eight = create("d8", "Draft", 8).await;
        create("d7", "Draft", 7).await;
        let published = create("p8", "Published", 8).await;
        let (status, _) = call(
            &base,
            "model.Book.update",
            json!({"id": published, "patch": {"status": "Draft", "title": "p8-hidden"}}),
            Some(8),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let (status, _) = call(
            &base,
            "model.Book.delete",
            json!({"id": draft_of_eight}),
            Some(8),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        create("end", "Published", 7).await;

        assert_eq!(
            ws_books_until(&mut as_seven, 1, "end").await,
            ops(&[("Created", "d7"), ("Created", "p8"), ("Created", "end")]),
            "{backend}: user 7 reads its own drafts and what is published"
        );
        assert_eq!(
            sse_books_until(&mut anonymous, "end").await,
            ops(&[("Created", "p8"), ("Created", "end")]),
            "{backend}: anonymous reads what is published"
        );
        assert_eq!(
            sse_books_until(&mut as_eight, "end").await,
            ops(&[
                ("Created", "d8"),
                ("Created", "p8"),
                ("Updated", "p8-hidden"),
                ("Deleted", "d8"),
                ("Created", "end"),
            ]),
            "{backend}: user 8 reads its own rows whatever their status"
        );
    }
}

#[tokio::test]
async fn the_websocket_chooses_a_subprotocol_or_closes_with_1002() {
    let (db, _folder) = sqlite().await;
    let served = serve(&db, options()).await;
    let base = served.base.clone();
    for (offered, chosen) in [
        (vec![JSON], JSON),
        (vec![CBOR], CBOR),
        (vec![JSON, CBOR], CBOR),
        (vec!["graphql-ws", JSON], JSON),
    ] {
        let ws = Ws::connect(&base, &offered, None, None).await.unwrap();
        assert_eq!(ws.protocol.as_deref(), Some(chosen), "{offered:?}");
    }
    // Offering none: upgraded, then closed as a protocol error.
    let mut ws = Ws::connect(&base, &[], None, None).await.unwrap();
    let close = ws.close_frame().await.expect("a close frame");
    assert_eq!(u16::from(close.code), 1002);
    assert!(
        close.reason.contains(JSON) && close.reason.contains(CBOR),
        "{}",
        close.reason
    );
    // Offering only unknown ones: never served (the client refuses an
    // answer without one, or the server closes).
    if let Ok(mut ws) = Ws::connect(&base, &["graphql-ws"], None, None).await {
        assert_eq!(u16::from(ws.close_frame().await.unwrap().code), 1002);
    }
    // Authentication happens once, before the 101.
    match Ws::connect(&base, &[JSON], Some("Basic nope"), None).await {
        Err(error) => match *error {
            tungstenite::Error::Http(response) => assert_eq!(response.status(), 401),
            other => panic!("expected a 401, got {other}"),
        },
        Ok(_) => panic!("an unauthenticated upgrade was accepted"),
    }
}

/// Reads frames until `want` of them arrived; grouped by id.
async fn frames_by_id(ws: &mut Ws, want: usize) -> BTreeMap<u64, Vec<Value>> {
    let mut by_id: BTreeMap<u64, Vec<Value>> = BTreeMap::new();
    for _ in 0..want {
        let frame = ws.next_json().await;
        let id = frame["id"].as_u64().expect("an id");
        by_id.entry(id).or_default().push(frame);
    }
    by_id
}

#[tokio::test]
async fn calls_interleave_on_one_connection_and_cancel_ends_only_its_own() {
    for (backend, db, _keep) in cstack_codegen_suite::each_database!(Db) {
        let served = serve(&db, options()).await;
        let mut ws = Ws::connect(&served.base, &[JSON], Some("Bearer 7"), None)
            .await
            .unwrap();
        let big = u64::MAX - 1;
        ws.send_json(json!({"id": 1, "op": "model.Author.subscribe"}))
            .await;
        ws.send_json(json!({"id": big, "op": "model.Author.subscribe", "in": null}))
            .await;
        ws.send_json(json!({"id": 3, "op": "procedure.countdown", "in": {"from": 3}}))
            .await;
        ws.send_json(json!({"id": 4, "op": "model.Author.create", "in": {"name": "ada", "email": "ada@example.com"}}))
            .await;
        ws.send_json(json!({"id": 5, "op": "model.Nope.get", "in": {"id": 1}}))
            .await;
        ws.send_json(
            json!({"id": 6, "op": "procedure.booksByStatus", "in": {"status": "Published"}}),
        )
        .await;
        // 3 items and an end, an answer, two events, an error, an empty list's end.
        let by_id = frames_by_id(&mut ws, 9).await;
        let countdown: Vec<Value> = by_id[&3]
            .iter()
            .map(|f| f.get("next").or(f.get("end")).cloned().unwrap())
            .collect();
        assert_eq!(
            countdown,
            vec![json!(3), json!(2), json!(1), json!({})],
            "{backend}"
        );
        let author = by_id[&4][0]["out"].clone();
        assert_eq!(author["name"], "ada", "{backend}: {author}");
        for id in [1, big] {
            assert_eq!(by_id[&id].len(), 1, "{backend}");
            assert_eq!(by_id[&id][0]["next"]["data"], author, "{backend}");
        }
        assert_eq!(by_id[&5][0]["err"]["code"], "not_found", "{backend}");
        assert!(
            by_id[&5][0]["err"]["message"]
                .as_str()
                .unwrap()
                .contains("model.Nope.get"),
            "{backend}"
        );
        assert_eq!(by_id[&6], vec![json!({"id": 6, "end": {}})], "{backend}");

        ws.send_json(json!({"id": 1, "cancel": {}})).await;
        assert_eq!(
            ws.next_json().await,
            json!({"id": 1, "end": {}}),
            "{backend}"
        );
        // An id that is not in flight: nothing to cancel, nothing said.
        ws.send_json(json!({"id": 77, "cancel": {}})).await;
        ws.send_json(json!({"id": 7, "op": "model.Author.create", "in": {"name": "bob", "email": "bob@example.com"}}))
            .await;
        let by_id = frames_by_id(&mut ws, 2).await;
        assert_eq!(by_id[&7][0]["out"]["name"], "bob", "{backend}");
        assert_eq!(by_id[&big][0]["next"]["data"]["name"], "bob", "{backend}");
        assert!(
            ws.next_message(Duration::from_millis(300)).await.is_none(),
            "{backend}: the cancelled subscription sends nothing more"
        );
        // A cancelled id may be used again.
        ws.send_json(json!({"id": 1, "op": "procedure.add", "in": {"a": 2, "b": 3}}))
            .await;
        assert_eq!(
            ws.next_json().await,
            json!({"id": 1, "out": 5}),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn bad_frames_get_an_error_and_the_connection_goes_on() {
    let (db, _folder) = sqlite().await;
    let served = serve(&db, options()).await;
    let mut ws = Ws::connect(&served.base, &[JSON], Some("Bearer 7"), None)
        .await
        .unwrap();
    ws.send_json(json!({"id": 1, "op": "model.Author.subscribe"}))
        .await;
    let null_id =
        |frame: &Value| frame["id"].is_null() && frame["err"]["code"] == "invalid_argument";
    ws.send(tungstenite::Message::Text("not json".into())).await;
    let frame = ws.next_json().await;
    assert!(null_id(&frame), "{frame}");
    ws.send_json(json!([1, 2])).await;
    let frame = ws.next_json().await;
    assert!(null_id(&frame), "{frame}");
    ws.send_json(json!({"op": "procedure.add", "in": {"a": 1, "b": 2}}))
        .await;
    let frame = ws.next_json().await;
    assert!(null_id(&frame), "missing id: {frame}");
    ws.send(tungstenite::Message::Binary(vec![0xa0].into()))
        .await;
    let frame = ws.next_json().await;
    assert!(null_id(&frame), "binary on the JSON subprotocol: {frame}");

    ws.send_json(json!({"id": 7, "op": "procedure.add", "in": {"a": 1, "b": 2}, "bogus": 1}))
        .await;
    let frame = ws.next_json().await;
    assert_eq!(frame["id"], 7, "{frame}");
    assert_eq!(frame["err"]["code"], "invalid_argument", "{frame}");
    assert!(
        frame["err"]["message"].as_str().unwrap().contains("bogus"),
        "{frame}"
    );
    ws.send_json(json!({"id": 8, "op": "procedure.add", "cancel": {}}))
        .await;
    assert_eq!(ws.next_json().await["err"]["code"], "invalid_argument");
    ws.send_json(json!({"id": 9, "op": "procedure.add", "in": {"a": "x"}}))
        .await;
    assert_eq!(ws.next_json().await["err"]["code"], "invalid_argument");
    ws.send_json(json!({"id": 10, "op": "model.Author.subscribe", "in": {"filter": 1}}))
        .await;
    let frame = ws.next_json().await;
    assert_eq!(
        (frame["id"].clone(), frame["err"]["code"].clone()),
        (json!(10), json!("invalid_argument")),
        "{frame}"
    );
    // An id already in flight is refused; the call holding it goes on.
    ws.send_json(json!({"id": 1, "op": "procedure.add", "in": {"a": 1, "b": 2}}))
        .await;
    let frame = ws.next_json().await;
    assert_eq!(frame["id"], 1, "{frame}");
    assert!(
        frame["err"]["message"]
            .as_str()
            .unwrap()
            .contains("in flight"),
        "{frame}"
    );

    ws.send_json(json!({"id": 11, "op": "model.Author.create", "in": {"name": "ada", "email": "ada@example.com"}}))
        .await;
    let by_id = frames_by_id(&mut ws, 2).await;
    assert_eq!(by_id[&11][0]["out"]["name"], "ada");
    assert_eq!(
        by_id[&1][0]["next"]["data"]["name"], "ada",
        "the first subscription still runs"
    );
}

#[tokio::test]
async fn the_cbor_subprotocol_speaks_binary_frames() {
    use ciborium::Value as Cbor;
    let (db, _folder) = sqlite().await;
    let served = serve(&db, options()).await;
    let mut ws = Ws::connect(&served.base, &[CBOR], Some("Bearer 7"), None)
        .await
        .unwrap();
    let text = |s: &str| Cbor::Text(s.into());
    let map = |entries: Vec<(&str, Cbor)>| {
        Cbor::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())
    };
    ws.send_cbor(&map(vec![
        ("id", 1.into()),
        ("op", text("model.Author.subscribe")),
    ]))
    .await;
    ws.send_cbor(&map(vec![
        ("id", 2.into()),
        ("op", text("model.Author.create")),
        (
            "in",
            map(vec![
                ("name", text("ada")),
                ("email", text("ada@example.com")),
            ]),
        ),
    ]))
    .await;
    let member = |value: &Cbor, name: &str| match value {
        Cbor::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_text() == Some(name))
            .map(|(_, v)| v.clone()),
        _ => None,
    };
    let mut seen = BTreeMap::new();
    for _ in 0..2 {
        let frame = ws.next_cbor().await;
        let id = member(&frame, "id")
            .and_then(|v| v.as_integer())
            .map(i128::from)
            .unwrap();
        seen.insert(id, frame);
    }
    let out = member(&seen[&2], "out").expect("an answer");
    assert_eq!(member(&out, "name"), Some(text("ada")));
    let event = member(&seen[&1], "next").expect("an event");
    assert_eq!(member(&event, "operation"), Some(text("Created")));
    let data = member(&event, "data").unwrap();
    assert_eq!(data, out);
    assert!(member(&data, "secret").is_none());
    // A text message on the CBOR subprotocol is a bad frame.
    ws.send(tungstenite::Message::Text("{}".into())).await;
    let frame = ws.next_cbor().await;
    assert_eq!(member(&frame, "id"), Some(Cbor::Null));
    assert!(member(&frame, "err").is_some());
}

/// Writes `count` authors in transactions of 500 through `db`.
async fn burst(db: &Db, count: usize) {
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let chunk = chunk.to_vec();
        db.transaction(|tx| async move {
            for n in chunk {
                tx.author()
                    .create(author_input(
                        format!("burst {n}"),
                        format!("burst{n}@example.com"),
                    ))
                    .await?;
            }
            Ok(())
        })
        .await
        .expect("the burst commits");
    }
}

#[tokio::test]
async fn a_subscriber_that_falls_behind_is_told_it_lagged_and_only_its_stream_ends() {
    let (db, _folder) = sqlite().await;
    let served = serve(&db, options()).await;
    // Small receive buffers: a client that stops reading fills up fast.
    let mut ws = Ws::connect(&served.base, &[JSON], Some("Bearer 7"), Some(4096))
        .await
        .unwrap();
    ws.send_json(json!({"id": 1, "op": "model.Author.subscribe"}))
        .await;
    ws.send_json(json!({"id": 2, "op": "procedure.add", "in": {"a": 1, "b": 1}}))
        .await;
    assert_eq!(ws.next_json().await, json!({"id": 2, "out": 2}));
    let mut sse = Sse::open(
        &served.base,
        "model.Author.subscribe",
        Some("text/event-stream"),
        Some("Bearer 7"),
        Some(4096),
    )
    .await;
    assert_eq!(sse.status, 200);

    burst(&db, 3000).await;

    let mut events = 0;
    let ended = loop {
        let frame = ws.next_json().await;
        assert_eq!(frame["id"], 1, "{frame}");
        if frame.get("next").is_some() {
            events += 1;
            continue;
        }
        break frame;
    };
    assert_eq!(
        ended,
        json!({"id": 1, "err": {"code": "unavailable", "message": "subscription lagged"}}),
        "after {events} events"
    );
    assert!(events < 3000, "{events} events: nothing lagged");
    // The connection's other calls are unaffected.
    ws.send_json(json!({"id": 3, "op": "procedure.add", "in": {"a": 2, "b": 2}}))
        .await;
    assert_eq!(ws.next_json().await, json!({"id": 3, "out": 4}));

    let mut messages = 0u64;
    let (event, data) = loop {
        let (event, data) = sse
            .next_event(PATIENCE)
            .await
            .expect("the stream goes on to its end");
        if event == "message" {
            messages += 1;
            continue;
        }
        break (event, data);
    };
    assert_eq!(event, "error");
    assert_eq!(
        serde_json::from_str::<Value>(&data).unwrap(),
        json!({"id": messages + 1, "err": {"code": "unavailable", "message": "subscription lagged"}})
    );
    assert!(
        sse.next_event(Duration::from_secs(2)).await.is_none(),
        "the stream ended"
    );
}

#[tokio::test]
async fn websocket_requests_are_rate_limited_and_honour_idem_per_frame() {
    let (db, _folder) = sqlite().await;
    let limited = options().rate_limit(RateLimit {
        store: Arc::new(http::ratelimit::memory::MemoryRateLimitStore::new()),
        config: http::ratelimit::RateLimitConfig::new(4, 0.001),
        on_store_failure: StoreFailure::FailClosed,
    });
    let served = serve(&db, limited).await;
    let mut ws = Ws::connect(&served.base, &[JSON], Some("Bearer 7"), None)
        .await
        .unwrap();
    let create = json!({"name": "ada", "email": "ada@example.com"});
    ws.send_json(json!({"id": 1, "op": "model.Author.create", "in": create, "idem": "k-1"}))
        .await;
    let first = ws.next_json().await;
    assert_eq!(first["out"]["name"], "ada", "{first}");
    ws.send_json(json!({"id": 2, "op": "model.Author.create", "in": create, "idem": "k-1"}))
        .await;
    let replayed = ws.next_json().await;
    assert_eq!(replayed["out"], first["out"], "the same answer, replayed");
    ws.send_json(json!({"id": 3, "op": "model.Author.create", "in": {"name": "bob", "email": "b@example.com"}, "idem": "k-1"}))
        .await;
    assert_eq!(
        ws.next_json().await["err"]["code"],
        "invalid_argument",
        "another frame under the same idem"
    );
    assert_eq!(
        db.author().count(rpc_db::author::id().gt(0)).await.unwrap(),
        1
    );
    // Four tokens: three spent above; one more, then refused.
    ws.send_json(json!({"id": 4, "op": "procedure.add", "in": {"a": 1, "b": 1}}))
        .await;
    assert_eq!(ws.next_json().await, json!({"id": 4, "out": 2}));
    ws.send_json(json!({"id": 5, "op": "procedure.add", "in": {"a": 1, "b": 1}}))
        .await;
    assert_eq!(ws.next_json().await["err"]["code"], "resource_exhausted");
    // `@no_rate_limit` ops are not.
    ws.send_json(json!({"id": 6, "op": "procedure.ping", "in": {"n": 9}}))
        .await;
    assert_eq!(ws.next_json().await, json!({"id": 6, "out": 9}));
}

async fn replica(url: &str) -> Replica {
    Replica::start(std::path::Path::new(env!("CARGO_BIN_EXE_rpc-serve")), url).await
}

#[tokio::test]
async fn two_processes_on_one_database_deliver_each_others_events() {
    let scratch = cstack_codegen_suite::ScratchPostgres::create().await;
    let url = scratch.url();
    let writer = Db::connect_postgres(&url).await.unwrap();
    writer.migrate_postgres().await.unwrap();
    let first = replica(&url).await;
    let second = replica(&url).await;

    let mut on_second = Ws::connect(&second.base, &[JSON], Some("Bearer 7"), None)
        .await
        .unwrap();
    on_second
        .send_json(json!({"id": 1, "op": "model.Author.subscribe"}))
        .await;
    on_second
        .send_json(json!({"id": 2, "op": "model.Author.count", "in": {}}))
        .await;
    // An unknown op's answer: the subscription is registered.
    assert_eq!(on_second.next_json().await["id"], 2);
    let mut on_first = Sse::open(
        &first.base,
        "model.Author.subscribe",
        Some("text/event-stream"),
        Some("Bearer 7"),
        None,
    )
    .await;
    assert_eq!(on_first.status, 200);

    let next_name = |frame: Value| frame["next"]["data"]["name"].as_str().unwrap().to_string();
    // Written through the first, heard on both.
    create_author(&first.base, "via-first").await;
    assert_eq!(next_name(on_second.next_json().await), "via-first");
    assert_eq!(next_name(next_message(&mut on_first).await), "via-first");
    // Written through the second: its own subscriber hears it once.
    create_author(&second.base, "via-second").await;
    assert_eq!(next_name(on_second.next_json().await), "via-second");
    assert_eq!(next_name(next_message(&mut on_first).await), "via-second");
    // Written by a third process-like writer (its own pool and listeners).
    writer
        .author()
        .create(author_input("via-writer", "w@example.com"))
        .await
        .unwrap();
    assert_eq!(next_name(on_second.next_json().await), "via-writer");
    assert_eq!(next_name(next_message(&mut on_first).await), "via-writer");

    // The first process dies and comes back: nothing committed is lost
    // for the second's subscriber.
    drop(on_first);
    drop(first);
    create_author(&second.base, "while-first-is-down").await;
    assert_eq!(
        next_name(on_second.next_json().await),
        "while-first-is-down"
    );
    let restarted = replica(&url).await;
    create_author(&restarted.base, "via-restarted").await;
    assert_eq!(next_name(on_second.next_json().await), "via-restarted");

    // The listening connections are cut: what is committed while they
    // reconnect is read from the outbox, once.
    let admin = sqlx_postgres::PgPool::connect(&url).await.unwrap();
    let cut: Vec<(bool,)> = sqlx_core::query_as::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(!cut.is_empty(), "the relays listen");
    writer
        .author()
        .create(author_input("while-cut", "cut@example.com"))
        .await
        .unwrap();
    assert_eq!(next_name(on_second.next_json().await), "while-cut");
    assert!(
        on_second
            .next_message(Duration::from_millis(500))
            .await
            .is_none(),
        "each event once"
    );
}
