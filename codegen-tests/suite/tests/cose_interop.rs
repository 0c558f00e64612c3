//! The COSE envelope against an independent implementation: pycose (from
//! PyPI, `scripts/pycose.sh`, on `CSTACK_PYCOSE_PATH`) opens what the
//! runtime seals and the runtime opens what pycose seals, for every
//! algorithm, requests with their claims and responses, over the external
//! AAD of a real binding. A message sealed over another AAD is refused on
//! both sides.

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
