//! Idempotency: the store contract behind `Idempotency-Key`
//! ([`IdempotencyStore`]), the stored answer ([`StoredResponse`]), what a
//! reservation finds ([`Reservation`]), and two helpers for the layer that
//! uses them ([`is_valid_key`], [`request_fingerprint`]).
//!
//! Upstream's protocol: the first write carrying a key runs, and its answer
//! is kept; a repeat with the same key and the same request (fingerprint)
//! gets that answer replayed; the same key with a different request is a
//! conflict (422); a repeat while the first is still running is told to
//! come back (409 with `Retry-After`). A store makes each of the three
//! steps (reserve, complete, release) one atomic operation, so two replicas
//! racing on one key cannot both run the request.
//!
//! The backends are the child modules [`memory`] and `redis` (feature
//! `redis`). They are not re-exported here: they import this module, and
//! the runtime's module graph must stay free of cycles.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::http::store::StoreError;

pub mod memory;
#[cfg(feature = "redis")]
pub mod redis;

/// The longest `Idempotency-Key` accepted (upstream's limit).
pub const MAX_KEY_LEN: usize = 255;

/// An answer kept for replay: status, headers and body as sent.
///
/// Serialized (JSON for Redis) with the body in standard base64, so any
/// bytes survive a text format. Header values are strings: a response
/// header that is not valid UTF-8 cannot be kept, and the layer should not
/// store such an answer (or drop that header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    #[serde(with = "base64_bytes")]
    pub body: Vec<u8>,
}

/// How the Redis store keeps an answer.
#[cfg(feature = "redis")]
impl StoredResponse {
    /// The stored form (JSON).
    pub(crate) fn encode(&self) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(self)
            .map_err(|err| StoreError::Failed(format!("cannot encode a stored response: {err}")))
    }

    /// Reads [`Self::encode`]'s output back.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Self, StoreError> {
        serde_json::from_slice(bytes)
            .map_err(|err| StoreError::Failed(format!("stored response is damaged: {err}")))
    }
}

/// What [`IdempotencyStore::reserve`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// The key was free and is now ours, in flight: run the request, then
    /// [`IdempotencyStore::complete`] or [`IdempotencyStore::release`].
    Started,
    /// The same request already ran: send this answer again (upstream
    /// marks it `idempotency-replayed: true`).
    Replay(StoredResponse),
    /// The same request is running now (409, `Retry-After: 1`).
    InFlight,
    /// The key was used for a different request (422,
    /// `idempotency_key_conflict`).
    Mismatch,
}

/// Where idempotency entries live. Object safe (`Arc<dyn
/// IdempotencyStore>`): [`memory::MemoryIdempotencyStore`] for one process,
/// [`redis::RedisIdempotencyStore`] (feature `redis`) for replicas.
///
/// Keys arrive already namespaced by the caller (principal and
/// `Idempotency-Key`); a fingerprint is a digest of the request (see
/// [`request_fingerprint`]). Each entry belongs to the request whose
/// fingerprint it holds: `complete` and `release` do nothing to an entry
/// that is not in flight with their fingerprint.
///
/// Errors: `Unavailable` = the store could not be reached or timed out;
/// `Failed` = it answered with an error.
pub trait IdempotencyStore: Send + Sync + 'static {
    /// Atomically: no live entry → create one in flight holding
    /// `fingerprint`, expiring after `lease` (so a request that crashed
    /// frees its key), and answer [`Reservation::Started`]; an entry with
    /// another fingerprint → [`Reservation::Mismatch`]; in flight →
    /// [`Reservation::InFlight`]; completed → [`Reservation::Replay`].
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        lease: Duration,
    ) -> BoxFuture<'a, Result<Reservation, StoreError>>;

    /// Keeps `response` for `retention`, if the entry is still ours (same
    /// fingerprint, in flight, its lease not run out); otherwise nothing.
    fn complete<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        response: StoredResponse,
        retention: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Forgets an in-flight entry that is ours (the request failed in a way
    /// that must not be replayed: a 5xx, a client that went away), so the
    /// key can be used again at once; otherwise nothing (a completed entry
    /// stays).
    fn release<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
    ) -> BoxFuture<'a, Result<(), StoreError>>;
}

// A shared store is a store (`Arc<dyn IdempotencyStore>` included).
impl<S: IdempotencyStore + ?Sized> IdempotencyStore for Arc<S> {
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        lease: Duration,
    ) -> BoxFuture<'a, Result<Reservation, StoreError>> {
        (**self).reserve(key, fingerprint, lease)
    }

    fn complete<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        response: StoredResponse,
        retention: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        (**self).complete(key, fingerprint, response, retention)
    }

    fn release<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        (**self).release(key, fingerprint)
    }
}

/// Whether `key` is an acceptable `Idempotency-Key`: 1 to 255 visible ASCII
/// characters (`!` to `~`; no spaces or control characters).
pub fn is_valid_key(key: &str) -> bool {
    (1..=MAX_KEY_LEN).contains(&key.len()) && key.bytes().all(|byte| byte.is_ascii_graphic())
}

/// A digest of a request: SHA-256 over the parts that make it the same
/// request (for the service: method, path, query, content type, the
/// negotiated answer type, `If-Match` and body), each length-prefixed so no
/// two different requests run together into the same bytes. Upstream
/// hashes the body alone; including the rest makes a key reused on another
/// route, or asking for another answer, a conflict rather than a replay of
/// an unrelated answer.
pub fn request_fingerprint(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// A `Duration` from now as an `Instant`, saturating at a century instead
/// of overflowing (`Duration::MAX` means "for as long as the process
/// lives").
pub(crate) fn deadline(now: std::time::Instant, after: Duration) -> std::time::Instant {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);
    const DAY: Duration = Duration::from_secs(24 * 3600);
    now.checked_add(after.min(CENTURY))
        .or_else(|| now.checked_add(after.min(DAY)))
        .unwrap_or(now)
}

/// Serde for a body as a standard-base64 string.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_255_visible_ascii_characters() {
        assert!(is_valid_key("a"));
        assert!(is_valid_key("3f2c-9a!~"));
        assert!(is_valid_key(&"k".repeat(255)));
        assert!(!is_valid_key(""));
        assert!(!is_valid_key(&"k".repeat(256)));
        assert!(!is_valid_key("with space"));
        assert!(!is_valid_key("tab\t"));
        assert!(!is_valid_key("é"));
    }

    #[test]
    fn fingerprints_tell_requests_apart() {
        let base = request_fingerprint(&["POST", "/users", "{}"].map(str::as_bytes));
        assert_eq!(
            base,
            request_fingerprint(&["POST", "/users", "{}"].map(str::as_bytes))
        );
        assert_ne!(
            base,
            request_fingerprint(&["PATCH", "/users", "{}"].map(str::as_bytes))
        );
        assert_ne!(
            base,
            request_fingerprint(&["POST", "/users/1", "{}"].map(str::as_bytes))
        );
        assert_ne!(
            base,
            request_fingerprint(&["POST", "/users", "{ }"].map(str::as_bytes))
        );
        // Length prefixes: moving bytes between parts changes the digest.
        assert_ne!(
            request_fingerprint(&["POST", "/ab", "c"].map(str::as_bytes)),
            request_fingerprint(&["POST", "/a", "bc"].map(str::as_bytes))
        );
    }

    #[test]
    fn stored_responses_round_trip_any_bytes() {
        let response = StoredResponse {
            status: 201,
            headers: vec![("content-type".to_owned(), "application/cbor".to_owned())],
            body: (0..=255).collect(),
        };
        let encoded = response.encode().expect("encodes");
        let text = String::from_utf8(encoded.clone()).expect("JSON text");
        assert!(text.contains("\"body\":\"AAECAw"), "{text}");
        assert_eq!(StoredResponse::decode(&encoded), Ok(response));
        assert!(matches!(
            StoredResponse::decode(b"{\"status\":200"),
            Err(StoreError::Failed(_))
        ));
    }

    #[test]
    fn deadlines_saturate() {
        let now = std::time::Instant::now();
        assert!(deadline(now, Duration::MAX) > now);
        assert_eq!(
            deadline(now, Duration::from_secs(1)),
            now + Duration::from_secs(1)
        );
    }
}
