//! The COSE envelope against an independent implementation: pycose (from
//! PyPI, `scripts/pycose.sh`, on `CSTACK_PYCOSE_PATH`) opens what the
//! runtime seals and the runtime opens what pycose seals, for every
//! algorithm, requests with their claims and responses, over the external
//! AAD of a real binding. A message sealed over another AAD is refused on
//! both sides. Over HTTP, pycose calls a generated service under the
//! envelope and opens its sealed answers.

use cstack_runtime::http::cose::{
    Algorithm, Claims, CoseType, InMemoryKeys, Key, RequestBinding, open, seal,
};
use std::process::Command;

const ALGORITHMS: [&str; 4] = ["ed25519", "esp256", "hmac256_64", "hmac256_256"];

fn secret(alg: &str) -> Vec<u8> {
    match alg {
        "ed25519" => vec![7; 32],
        "esp256" => vec![5; 32],
        _ => vec![3; 32],
    }
}

/// The runtime's key for `alg` (secret half) and what a verifier holds.
fn keys(alg: &str) -> (Key, InMemoryKeys) {
    let kid = format!("kid-{alg}").into_bytes();
    let key = match alg {
        "ed25519" => Key::ed25519_signing(kid, [7; 32]),
        "esp256" => Key::esp256_signing(kid, &secret(alg)).unwrap(),
        "hmac256_64" => Key::hmac(kid, Algorithm::Hmac256_64, secret(alg)).unwrap(),
        _ => Key::hmac(kid, Algorithm::Hmac256_256, secret(alg)).unwrap(),
    };
    let verifier = match key.public() {
        Some(public) => public,
        None => Key::hmac(key.kid().to_vec(), key.algorithm(), secret(alg)).unwrap(),
    };
    (key, InMemoryKeys::new().with(verifier))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// Runs the pycose peer; its stdout lines, or `None` when it refused.
fn peer(args: &[&str]) -> Option<Vec<String>> {
    let path = std::env::var("CSTACK_PYCOSE_PATH").expect(
        "CSTACK_PYCOSE_PATH must name a folder holding pycose \
         (`scripts/test.sh` sets it from `scripts/pycose.sh`)",
    );
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cose/peer.py");
    let output = Command::new("python3")
        .arg(script)
        .args(args)
        .env("PYTHONPATH", path)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.trim() == "invalid",
            "the peer failed rather than refused: {stderr}"
        );
        return None;
    }
    Some(stdout.lines().map(str::to_string).collect())
}

fn binding() -> RequestBinding {
    RequestBinding {
        audience: "books-service".into(),
        method: "POST".into(),
        route: "model.book.create".into(),
        path_params: Vec::new(),
        query: Some("b=2&a=1".into()),
        contract: [0xab; 32],
        idempotency_key: Some("order-17".into()),
        if_match: None,
    }
}

#[test]
fn pycose_opens_what_the_runtime_seals() {
    let binding = binding();
    let aad = binding.request_aad();
    let payload = b"\xa2\x65title\x64Dune\x65price\x63\x39\x2e\x35";
    for alg in ALGORITHMS {
        let (key, _) = keys(alg);
        let claims = Claims::now();
        let sealed = seal(&key, payload, &aad, Some(claims)).unwrap();
        let lines = peer(&["open", alg, &hex(&secret(alg)), &hex(&aad), &hex(&sealed)])
            .unwrap_or_else(|| panic!("pycose refused the runtime's {alg} request"));
        assert_eq!(unhex(&lines[0]), payload, "{alg}");
        assert_eq!(lines[1], claims.issued_at.to_string(), "{alg}");
        assert_eq!(unhex(&lines[2]), claims.nonce, "{alg}");
        // A response, bound to the request's digest and status.
        let response_aad = binding.response_aad(true, &binding.request_digest(&sealed), 201);
        let answer = seal(&key, b"\x01", &response_aad, None).unwrap();
        let lines = peer(&[
            "open",
            alg,
            &hex(&secret(alg)),
            &hex(&response_aad),
            &hex(&answer),
        ])
        .unwrap_or_else(|| panic!("pycose refused the runtime's {alg} response"));
        assert_eq!(lines, vec!["01".to_string()], "{alg}");
        // Over another AAD (another status), pycose refuses it too.
        let other = binding.response_aad(true, &binding.request_digest(&sealed), 200);
        assert!(
            peer(&["open", alg, &hex(&secret(alg)), &hex(&other), &hex(&answer)]).is_none(),
            "{alg}"
        );
    }
}

#[test]
fn the_runtime_opens_what_pycose_seals() {
    let aad = binding().request_aad();
    let payload = b"\x83\x01\x02\x03";
    for alg in ALGORITHMS {
        let (key, resolver) = keys(alg);
        let nonce = [0x5a; 16];
        let sealed = peer(&[
            "seal",
            alg,
            &hex(key.kid()),
            &hex(&secret(alg)),
            &hex(&aad),
            &hex(payload),
            "1764806400",
            &hex(&nonce),
        ])
        .unwrap();
        let sealed = unhex(&sealed[0]);
        let cose_type = CoseType::of(&key);
        let opened = open(&sealed, cose_type, &resolver, &aad, true)
            .unwrap_or_else(|_| panic!("the runtime refused pycose's {alg} request"));
        assert_eq!(opened.payload, payload, "{alg}");
        let claims = opened.claims.expect("claims");
        assert_eq!(
            (claims.issued_at, claims.nonce),
            (1764806400, nonce),
            "{alg}"
        );
        // The same message over another binding (another route) is refused.
        let mut moved = binding();
        moved.route = "model.book.delete".into();
        assert!(
            open(&sealed, cose_type, &resolver, &moved.request_aad(), true).is_err(),
            "{alg}"
        );
        // A response from pycose (no claims) opens as a response only.
        let answer = peer(&[
            "seal",
            alg,
            &hex(key.kid()),
            &hex(&secret(alg)),
            &hex(&aad),
            "a0",
        ])
        .unwrap();
        let answer = unhex(&answer[0]);
        assert!(
            open(&answer, cose_type, &resolver, &aad, false).is_ok(),
            "{alg}"
        );
        assert!(
            open(&answer, cose_type, &resolver, &aad, true).is_err(),
            "{alg}"
        );
    }
}

/// Over HTTP: pycose seals requests to a generated router under the
/// envelope (`rpc-db` on SQLite) and opens its sealed answers.
#[tokio::test]
async fn pycose_calls_a_generated_service_through_the_envelope() {
    use cstack_runtime::Context;
    use cstack_runtime::http::cose::Cose;
    use rpc_db::{Db, http};
    let scratch = cstack_codegen_suite::Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let server = Key::ed25519_signing(b"server".to_vec(), [9; 32]);
    let known = InMemoryKeys::new()
        .with(keys("ed25519").0.public().unwrap())
        .with(keys("hmac256_64").0);
    let contract = [0xab; 32];
    let cose = Cose::new(known, server, "books-service", contract);
    let options = http::Options::new(|_: &http::axum::http::request::Parts| {
        Ok::<_, String>(Context::anonymous())
    })
    .cose(cose);
    let served = cstack_codegen_suite::Served::start(http::router(db, options)).await;
    for alg in ["ed25519", "hmac256_64"] {
        let (key, _) = keys(alg);
        let binding = RequestBinding {
            route: "model.Author.create".into(),
            query: None,
            idempotency_key: None,
            contract,
            ..binding()
        };
        let mut payload = Vec::new();
        let author = ciborium::Value::Map(vec![
            ("name".into(), alg.into()),
            ("email".into(), format!("{alg}@example.com").into()),
        ]);
        ciborium::into_writer(&author, &mut payload).unwrap();
        let claims = Claims::now();
        let sealed = peer(&[
            "seal",
            alg,
            &hex(key.kid()),
            &hex(&secret(alg)),
            &hex(&binding.request_aad()),
            &hex(&payload),
            &claims.issued_at.to_string(),
            &hex(&claims.nonce),
        ])
        .unwrap();
        let sealed = unhex(&sealed[0]);
        let response = reqwest::Client::new()
            .post(served.url("/rpc/model.Author.create"))
            .header("content-type", CoseType::of(&key).media_type())
            .body(sealed.clone())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.bytes().await.unwrap();
        assert_eq!(status, 201, "{alg}: {}", String::from_utf8_lossy(&body));
        let aad = binding.response_aad(true, &binding.request_digest(&sealed), status);
        // The answer's key: the server's signing key, or the shared secret.
        let answer_key = if alg == "ed25519" {
            vec![9; 32]
        } else {
            secret(alg)
        };
        let lines = peer(&["open", alg, &hex(&answer_key), &hex(&aad), &hex(&body)])
            .unwrap_or_else(|| panic!("pycose refused the service's {alg} answer"));
        let answer: ciborium::Value = ciborium::from_reader(&unhex(&lines[0])[..]).unwrap();
        let name = answer
            .as_map()
            .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some("name")))
            .and_then(|(_, v)| v.as_text());
        assert_eq!(name, Some(alg));
    }
}
