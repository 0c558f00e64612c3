//! The external AAD of the envelope: what a signature or tag covers besides
//! the payload, never sent. A request binds its audience, method, route
//! (the REST template or the RPC op id), path parameters, canonical query,
//! the contract digest, the inner content type and the idempotency and
//! `If-Match` headers; a response adds whether the request was signed, the
//! request's digest and the status. Binding version 1: the contract digest
//! is the whole schema's.

use ciborium::Value;
use sha2::{Digest, Sha256};

/// The binding version the AAD starts with.
pub const BINDING_VERSION: u64 = 1;

/// The content type the payload is, bound rather than sent.
const INNER_TYPE: &str = "application/cbor";

/// What one request is bound to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestBinding {
    /// Who the request is for: the service's name.
    pub audience: String,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The REST route template (`/books/{id}`) or the RPC op id.
    pub route: String,
    /// The path parameters, in the template's order.
    pub path_params: Vec<String>,
    /// The query string as given (canonicalised when bound).
    pub query: Option<String>,
    /// SHA-256 of the schema contract both sides were built from.
    pub contract: [u8; 32],
    pub idempotency_key: Option<String>,
    pub if_match: Option<String>,
}

impl RequestBinding {
    /// The request's external AAD: a CBOR array of nine elements.
    pub fn request_aad(&self) -> Vec<u8> {
        encode(Value::Array(self.elements()))
    }

    /// A response's external AAD: the request's nine elements, then
    /// whether the request was signed, the request's digest (SHA-256 of the
    /// request AAD and body) and the status.
    pub fn response_aad(
        &self,
        request_signed: bool,
        request_digest: &[u8; 32],
        status: u16,
    ) -> Vec<u8> {
        let mut elements = self.elements();
        elements.push(Value::from(u64::from(request_signed)));
        elements.push(Value::Bytes(request_digest.to_vec()));
        elements.push(Value::from(u64::from(status)));
        encode(Value::Array(elements))
    }

    /// The digest a response binds: SHA-256 over the request AAD and the
    /// request body as received.
    pub fn request_digest(&self, body: &[u8]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(self.request_aad());
        hasher.update(body);
        hasher.finalize().into()
    }

    fn elements(&self) -> Vec<Value> {
        let text_or_null = |text: &Option<String>| {
            text.as_ref()
                .map_or(Value::Null, |t| Value::Text(t.clone()))
        };
        vec![
            Value::from(BINDING_VERSION),
            Value::Text(self.audience.clone()),
            Value::Text(self.method.clone()),
            Value::Text(self.route.clone()),
            Value::Array(self.path_params.iter().cloned().map(Value::Text).collect()),
            self.query
                .as_deref()
                .and_then(canonical_query)
                .map_or(Value::Null, Value::Text),
            Value::Bytes(self.contract.to_vec()),
            Value::Text(INNER_TYPE.to_string()),
            Value::Array(vec![
                text_or_null(&self.idempotency_key),
                text_or_null(&self.if_match),
            ]),
        ]
    }
}

/// The query's `&`-separated pairs sorted bytewise and joined again, so
/// the order a client wrote them in does not matter; `None` when there are
/// none.
pub fn canonical_query(query: &str) -> Option<String> {
    let mut pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty()).collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_unstable();
    Some(pairs.join("&"))
}

fn encode(value: Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(&value, &mut out).expect("a CBOR value encodes into memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding() -> RequestBinding {
        RequestBinding {
            audience: "books".into(),
            method: "PATCH".into(),
            route: "/books/{id}".into(),
            path_params: vec!["7".into()],
            query: Some("b=2&a=1".into()),
            contract: [9; 32],
            idempotency_key: Some("k".into()),
            if_match: None,
        }
    }

    #[test]
    fn the_request_aad_is_nine_elements_and_the_response_aad_twelve() {
        let request: Value = ciborium::from_reader(&binding().request_aad()[..]).unwrap();
        let Value::Array(elements) = request else {
            panic!("an array")
        };
        assert_eq!(elements.len(), 9);
        assert_eq!(elements[0], Value::from(1u64));
        assert_eq!(elements[5], Value::Text("a=1&b=2".into()));
        assert_eq!(
            elements[8],
            Value::Array(vec![Value::Text("k".into()), Value::Null])
        );
        let response: Value =
            ciborium::from_reader(&binding().response_aad(true, &[1; 32], 200)[..]).unwrap();
        let Value::Array(elements) = response else {
            panic!("an array")
        };
        assert_eq!(elements.len(), 12);
        assert_eq!(elements[11], Value::from(200u64));
    }

    #[test]
    fn every_bound_part_changes_the_aad() {
        let base = binding().request_aad();
        type Change = Box<dyn Fn(&mut RequestBinding)>;
        let changes: Vec<Change> = vec![
            Box::new(|b| b.audience.push('x')),
            Box::new(|b| b.method = "POST".into()),
            Box::new(|b| b.route = "/authors/{id}".into()),
            Box::new(|b| b.path_params[0] = "8".into()),
            Box::new(|b| b.query = Some("a=1&b=3".into())),
            Box::new(|b| b.contract[0] = 0),
            Box::new(|b| b.idempotency_key = None),
            Box::new(|b| b.if_match = Some("\"v1\"".into())),
        ];
        for change in changes {
            let mut changed = binding();
            change(&mut changed);
            assert_ne!(changed.request_aad(), base, "{changed:?}");
        }
        // The order of the query's pairs does not matter.
        let mut reordered = binding();
        reordered.query = Some("a=1&b=2".into());
        assert_eq!(reordered.request_aad(), base);
    }
}
