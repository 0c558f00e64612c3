//! What the COSE envelope adds to a request: the time per call and the
//! bytes on the wire of `model.Author.get` (one row) through `rpc-db`'s
//! router, in plain CBOR, as COSE_Sign1 with Ed25519 and as COSE_Mac0 with
//! HMAC 256/64. Each call goes through the router in process (no network),
//! and a sealed call includes what its caller does: sealing the request
//! with fresh claims and opening the answer. Rounds alternate the three
//! variants; the median of the rounds is printed.
//!
//! `cargo run --release -p cstack-codegen-suite --bin cose-bench`

use cstack_runtime::Context;
use cstack_runtime::http::cose::{Algorithm, Cose, CoseClient, InMemoryKeys, Key};
use rpc_db::http::axum;
use rpc_db::{CreateAuthorInput, Db, http};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const ROUNDS: usize = 15;
const CALLS: usize = 400;
const CONTRACT: [u8; 32] = [0x42; 32];

fn cbor(value: &ciborium::Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("encodes");
    out
}

/// One call; the answer's status and the bytes sent and received.
async fn call(
    router: &axum::Router,
    client: Option<&CoseClient>,
    input: &[u8],
) -> (u16, usize, usize) {
    let (body, content_type, sealed) = match client {
        Some(client) => {
            let sealed = client
                .seal(client.binding("POST", "model.Author.get"), input)
                .expect("seals");
            (sealed.body.clone(), sealed.content_type, Some(sealed))
        }
        None => (input.to_vec(), "application/cbor", None),
    };
    let sent = body.len();
    let request = axum::http::Request::post("/rpc/model.Author.get")
        .header("content-type", content_type)
        .header("accept", "application/cbor")
        .body(axum::body::Body::from(body))
        .expect("a request");
    let response = router.clone().oneshot(request).await.expect("an answer");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    if let (Some(client), Some(sealed)) = (client, sealed) {
        client
            .open(&sealed, status, &bytes)
            .expect("the answer opens");
    }
    (status, sent, bytes.len())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let db = Db::open_sqlite_memory().await.expect("a database");
    db.author()
        .create(
            CreateAuthorInput::builder()
                .name("Ada")
                .email("ada@example.com")
                .build(),
        )
        .await
        .expect("an author");
    let server = Key::ed25519_signing(b"server".to_vec(), [9; 32]);
    let ed = Key::ed25519_signing(b"client-ed".to_vec(), [7; 32]);
    let mac = || Key::hmac(b"client-mac".to_vec(), Algorithm::Hmac256_64, vec![4; 32]).unwrap();
    let known = InMemoryKeys::new().with(ed.public().unwrap()).with(mac());
    let server_keys = || InMemoryKeys::new().with(server.public().unwrap());
    let cose = Cose::new(
        known,
        Key::ed25519_signing(b"server".to_vec(), [9; 32]),
        "rpc-db",
        CONTRACT,
    );
    let options =
        http::Options::new(|_: &axum::http::request::Parts| Ok::<_, String>(Context::anonymous()))
            .cose(cose);
    let router = http::router(db, options);
    let sign1 = CoseClient::new(ed, server_keys(), "rpc-db", CONTRACT);
    let mac0 = CoseClient::new(mac(), server_keys(), "rpc-db", CONTRACT);
    let input = cbor(&ciborium::Value::Map(vec![("id".into(), 1.into())]));
    let variants: [(&str, Option<&CoseClient>); 3] = [
        ("plain CBOR", None),
        ("COSE_Sign1 Ed25519", Some(&sign1)),
        ("COSE_Mac0 HMAC 256/64", Some(&mac0)),
    ];
    let mut times = vec![Vec::new(); variants.len()];
    let mut sizes = vec![(0, 0); variants.len()];
    for _ in 0..ROUNDS {
        for (index, (_, client)) in variants.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..CALLS {
                let (status, sent, received) = call(&router, *client, &input).await;
                assert_eq!(status, 200);
                sizes[index] = (sent, received);
            }
            times[index].push(start.elapsed() / CALLS as u32);
        }
    }
    let plain = median(times[0].clone());
    println!("median per call over {ROUNDS} rounds of {CALLS}, in process:");
    for (index, (name, _)) in variants.iter().enumerate() {
        let time = median(times[index].clone());
        let (sent, received) = sizes[index];
        println!(
            "{name:<24} {:>7.1} µs (+{:>5.1} µs)   request {sent:>3} B (+{:>3})   answer {received:>3} B (+{:>3})",
            time.as_secs_f64() * 1e6,
            (time.as_secs_f64() - plain.as_secs_f64()) * 1e6,
            sent - sizes[0].0,
            received - sizes[0].1,
        );
    }
}
