//! The COSE envelope on a generated router (`rpc-db` on SQLite) over real
//! TCP, called through the runtime's `CoseClient`: Sign1 and Mac0 requests
//! get sealed answers; every tampering (payload, protected header, route,
//! query, a bound header), a replay, a stale issued-at and a key used with
//! another algorithm get the same unsigned 401; `Required`, `Optional` and
//! `Off` on operations of one router; the server's key set is published;
//! under REST (`http-db`) the template and path parameters are bound.

use cstack_codegen_suite::{Scratch, Served};
use cstack_runtime::Context;
use cstack_runtime::http::cose::{
    Algorithm, Claims, Cose, CoseClient, CoseType, InMemoryKeys, Key, Mode, VerifiedKey, seal,
};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use rpc_db::{Db, http};
use std::sync::{Arc, Mutex};

/// What both ends bind: the generated crate's contract digest.
const CONTRACT: [u8; 32] = rpc_db::CONTRACT_DIGEST;
const AUDIENCE: &str = "rpc-db";

fn server_key() -> Key {
    Key::ed25519_signing(b"server".to_vec(), [9; 32])
}

fn client_ed() -> Key {
    Key::ed25519_signing(b"client-ed".to_vec(), [7; 32])
}

fn client_mac() -> Key {
    Key::hmac(b"client-mac".to_vec(), Algorithm::Hmac256_64, vec![4; 32]).unwrap()
}

fn client(key: Key) -> CoseClient {
    let server_keys = InMemoryKeys::new().with(server_key().public().unwrap());
    CoseClient::new(key, server_keys, AUDIENCE, CONTRACT)
}

/// The keys the application's authentication saw verified, in order.
type Seen = Arc<Mutex<Vec<Vec<u8>>>>;

async fn serve() -> (Served, Scratch, Seen) {
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let known = InMemoryKeys::new()
        .with(client_ed().public().unwrap())
        .with(client_mac());
    let cose = Cose::new(known, server_key(), AUDIENCE, CONTRACT)
        .mode("model.Author.delete", Mode::Required)
        .mode("model.Entry.create", Mode::Off);
    let seen = Seen::default();
    let record = seen.clone();
    let options = http::Options::new(move |parts: &http::axum::http::request::Parts| {
        if let Some(key) = parts.extensions.get::<VerifiedKey>() {
            record.lock().unwrap().push(key.kid.clone());
        }
        Ok::<_, String>(Context::anonymous())
    })
    .cose(cose);
    (
        Served::start(http::router(db, options)).await,
        scratch,
        seen,
    )
}

fn cbor(value: &ciborium::Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).unwrap();
    out
}

fn author(name: &str) -> Vec<u8> {
    cbor(&ciborium::Value::Map(vec![
        ("name".into(), name.into()),
        ("email".into(), format!("{name}@example.com").into()),
    ]))
}

async fn post(
    served: &Served,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
    headers: &[(&str, &str)],
) -> (StatusCode, String, Vec<u8>) {
    let mut request = reqwest::Client::new()
        .post(served.url(path))
        .header(CONTENT_TYPE, content_type)
        .header(ACCEPT, "application/cbor");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.body(body).send().await.unwrap();
    let status = response.status();
    let media = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, media, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn sign1_and_mac0_requests_get_sealed_answers() {
    let (served, _keep, seen) = serve().await;
    for (name, key) in [("ed", client_ed()), ("mac", client_mac())] {
        let kind = CoseType::of(&key);
        let client = client(key);
        let sealed = client
            .seal(client.binding("POST", "model.Author.create"), &author(name))
            .unwrap();
        let (status, media, body) = post(
            &served,
            "/rpc/model.Author.create",
            sealed.content_type,
            sealed.body.clone(),
            &[],
        )
        .await;
        assert_eq!(
            status,
            StatusCode::CREATED,
            "{name}: {}",
            String::from_utf8_lossy(&body)
        );
        assert_eq!(media, kind.media_type(), "{name}");
        let payload = client
            .open(&sealed, status.as_u16(), &body)
            .expect("the answer opens");
        let value: ciborium::Value = ciborium::from_reader(&payload[..]).unwrap();
        let fields = value.as_map().unwrap();
        assert!(
            fields
                .iter()
                .any(|(k, v)| k.as_text() == Some("name") && v.as_text() == Some(name)),
            "{name}: {value:?}"
        );
        // Checked against another status, the answer does not open.
        assert!(client.open(&sealed, 200, &body).is_err(), "{name}");
        // A handler's error is sealed too.
        let missing = cbor(&ciborium::Value::Map(vec![("id".into(), 999.into())]));
        let sealed = client
            .seal(client.binding("POST", "model.Author.get"), &missing)
            .unwrap();
        let (status, media, body) = post(
            &served,
            "/rpc/model.Author.get",
            sealed.content_type,
            sealed.body.clone(),
            &[],
        )
        .await;
        assert_eq!(
            (status, media.as_str()),
            (StatusCode::NOT_FOUND, kind.media_type())
        );
        assert!(client.open(&sealed, 404, &body).is_ok(), "{name}");
    }
    // The application's authentication saw each verified key.
    assert!(seen.lock().unwrap().contains(&b"client-ed".to_vec()));
    assert!(seen.lock().unwrap().contains(&b"client-mac".to_vec()));
}

#[tokio::test]
async fn every_tampering_is_the_same_401() {
    let (served, _keep, _) = serve().await;
    let client = client(client_ed());
    let fresh = || {
        client
            .seal(client.binding("POST", "model.Author.create"), &author("t"))
            .unwrap()
    };
    let mut refusals = Vec::new();
    // A flipped bit in the payload's last byte and in the protected header.
    for at in [None, Some(8)] {
        let sealed = fresh();
        let mut body = sealed.body.clone();
        let index = at.unwrap_or(body.len() - 70);
        body[index] ^= 1;
        refusals.push(
            post(
                &served,
                "/rpc/model.Author.create",
                sealed.content_type,
                body,
                &[],
            )
            .await,
        );
    }
    // Another route, a query, a bound header the signature did not cover.
    let unsigned: [(&str, &[(&str, &str)]); 3] = [
        ("/rpc/model.Author.list", &[]),
        ("/rpc/model.Author.create?x=1", &[]),
        ("/rpc/model.Author.create", &[("idempotency-key", "k1")]),
    ];
    for (path, headers) in unsigned {
        let sealed = fresh();
        refusals.push(post(&served, path, sealed.content_type, sealed.body, headers).await);
    }
    // A replay of a request that was accepted.
    let sealed = fresh();
    let (status, _, _) = post(
        &served,
        "/rpc/model.Author.create",
        sealed.content_type,
        sealed.body.clone(),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    refusals.push(
        post(
            &served,
            "/rpc/model.Author.create",
            sealed.content_type,
            sealed.body.clone(),
            &[],
        )
        .await,
    );
    // An issued-at outside the skew window.
    let binding = client.binding("POST", "model.Author.create");
    let stale = Claims {
        issued_at: chrono_now() - 3600,
        ..Claims::now()
    };
    let body = seal(
        &client_ed(),
        &author("old"),
        &binding.request_aad(),
        Some(stale),
    )
    .unwrap();
    refusals.push(
        post(
            &served,
            "/rpc/model.Author.create",
            CoseType::Sign1.media_type(),
            body,
            &[],
        )
        .await,
    );
    // The MAC key used with the other HMAC algorithm.
    let wide = Key::hmac(b"client-mac".to_vec(), Algorithm::Hmac256_256, vec![4; 32]).unwrap();
    let body = seal(
        &wide,
        &author("w"),
        &binding.request_aad(),
        Some(Claims::now()),
    )
    .unwrap();
    refusals.push(
        post(
            &served,
            "/rpc/model.Author.create",
            CoseType::Mac0.media_type(),
            body,
            &[],
        )
        .await,
    );
    let first = refusals[0].clone();
    assert_eq!(first.0, StatusCode::UNAUTHORIZED);
    for (index, refusal) in refusals.iter().enumerate() {
        assert_eq!(refusal, &first, "refusal {index} differs");
    }
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn modes_apply_per_operation() {
    let (served, _keep, _) = serve().await;
    let client = client(client_mac());
    let id_input = cbor(&ciborium::Value::Map(vec![("id".into(), 1.into())]));
    // Required: unsigned is 401.
    let (status, _, _) = post(
        &served,
        "/rpc/model.Author.delete",
        "application/cbor",
        id_input.clone(),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Optional: unsigned passes plain, signed is sealed.
    let (status, media, _) = post(
        &served,
        "/rpc/model.Author.create",
        "application/cbor",
        author("plain"),
        &[],
    )
    .await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::CREATED, "application/cbor")
    );
    // Off: a COSE body is 415.
    let entry = cbor(&ciborium::Value::Map(vec![("n".into(), 1.into())]));
    let sealed = client
        .seal(client.binding("POST", "model.Entry.create"), &entry)
        .unwrap();
    let (status, _, _) = post(
        &served,
        "/rpc/model.Entry.create",
        sealed.content_type,
        sealed.body.clone(),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _, _) = post(
        &served,
        "/rpc/model.Entry.create",
        "application/cbor",
        entry,
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // A bound header given twice is a 400, before any verification.
    let sealed = client
        .seal(
            client.binding("POST", "model.Author.create"),
            &author("twice"),
        )
        .unwrap();
    let (status, _, _) = post(
        &served,
        "/rpc/model.Author.create",
        sealed.content_type,
        sealed.body.clone(),
        &[("idempotency-key", "a"), ("idempotency-key", "b")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_server_publishes_its_public_keys() {
    use coset::CborSerializable as _;
    let (served, _keep, _) = serve().await;
    let response = reqwest::get(served.url("/.well-known/cratestack/cose-keys"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let set = coset::CoseKeySet::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(set.0.len(), 1);
    assert_eq!(set.0[0].key_id, b"server");
}

/// Under REST (`http-db`), the route is the template and the path
/// parameters are bound: a sealed `PATCH /authors/{id}` moved to another id
/// is refused, and a `GET` is sealed with an empty payload.
#[tokio::test]
async fn rest_requests_bind_their_template_and_path_parameters() {
    let scratch = Scratch::new().await;
    let db = http_db::Db::open_sqlite(scratch.sqlite_path())
        .await
        .unwrap();
    let known = InMemoryKeys::new().with(client_mac());
    let cose = Cose::new(known, server_key(), AUDIENCE, CONTRACT);
    let options = http_db::http::Options::new(|_: &http::axum::http::request::Parts| {
        Ok::<_, String>(Context::anonymous())
    })
    .cose(cose);
    let served = Served::start(http_db::http::router(db, options)).await;
    let client = client(client_mac());
    let mut ids = Vec::new();
    for name in ["first", "second"] {
        let sealed = client
            .seal(client.binding("POST", "/authors"), &author(name))
            .unwrap();
        let (status, _, body) = post(
            &served,
            "/authors",
            sealed.content_type,
            sealed.body.clone(),
            &[],
        )
        .await;
        assert_eq!(
            status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&body)
        );
        let value: ciborium::Value =
            ciborium::from_reader(&client.open(&sealed, 201, &body).unwrap()[..]).unwrap();
        let id = value
            .as_map()
            .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some("id")))
            .and_then(|(_, v)| v.as_integer())
            .map(|id| i64::try_from(id).unwrap())
            .unwrap();
        ids.push(id);
    }
    let send =
        |method: &'static str, path: String, sealed: &cstack_runtime::http::cose::SealedRequest| {
            reqwest::Client::new()
                .request(method.parse().unwrap(), served.url(&path))
                .header(CONTENT_TYPE, sealed.content_type)
                .header(ACCEPT, "application/cbor")
                .body(sealed.body.clone())
                .send()
        };
    let patch = cbor(&ciborium::Value::Map(vec![(
        "name".into(),
        "renamed".into(),
    )]));
    let mut binding = client.binding("PATCH", "/authors/{id}");
    binding.path_params = vec![ids[0].to_string()];
    let sealed = client.seal(binding.clone(), &patch).unwrap();
    // Moved to the other author: the path parameter is bound.
    let moved = send("PATCH", format!("/authors/{}", ids[1]), &sealed)
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::UNAUTHORIZED);
    let response = send("PATCH", format!("/authors/{}", ids[0]), &sealed)
        .await
        .unwrap();
    let status = response.status();
    let body = response.bytes().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert!(client.open(&sealed, 200, &body).is_ok());
    // A GET, sealed with an empty payload.
    let mut binding = client.binding("GET", "/authors/{id}");
    binding.path_params = vec![ids[0].to_string()];
    let sealed = client.seal(binding, &[]).unwrap();
    let response = send("GET", format!("/authors/{}", ids[0]), &sealed)
        .await
        .unwrap();
    let status = response.status();
    let body = response.bytes().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let value: ciborium::Value =
        ciborium::from_reader(&client.open(&sealed, 200, &body).unwrap()[..]).unwrap();
    assert!(format!("{value:?}").contains("renamed"), "{value:?}");
}

/// The verified key is the caller the rate limiter counts: two signers
/// from one address (and no `Authorization`) have a bucket each, and a
/// 429 is sealed like any answer.
#[tokio::test]
async fn the_rate_limiter_counts_per_verified_key() {
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let known = InMemoryKeys::new()
        .with(client_ed().public().unwrap())
        .with(client_mac());
    let options = http::Options::new(|_: &http::axum::http::request::Parts| {
        Ok::<_, String>(Context::anonymous())
    })
    .rate_limit(http::RateLimit {
        store: Arc::new(http::ratelimit::memory::MemoryRateLimitStore::new()),
        config: http::ratelimit::RateLimitConfig::new(1, 0.001),
        on_store_failure: http::StoreFailure::FailClosed,
    })
    .cose(Cose::new(known, server_key(), AUDIENCE, CONTRACT));
    let served = Served::start(http::router(db, options)).await;
    let list = cbor(&ciborium::Value::Map(Vec::new()));
    for (name, key) in [("ed", client_ed()), ("mac", client_mac())] {
        let client = client(key);
        let mut statuses = Vec::new();
        for _ in 0..2 {
            let sealed = client
                .seal(client.binding("POST", "model.Author.list"), &list)
                .unwrap();
            let (status, _, body) = post(
                &served,
                "/rpc/model.Author.list",
                sealed.content_type,
                sealed.body.clone(),
                &[],
            )
            .await;
            assert!(
                client.open(&sealed, status.as_u16(), &body).is_ok(),
                "{name}"
            );
            statuses.push(status);
        }
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::TOO_MANY_REQUESTS],
            "{name}: a bucket of its own"
        );
    }
}
