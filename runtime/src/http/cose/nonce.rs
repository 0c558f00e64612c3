//! Replay protection: each request's `(kid, nonce)` is accepted once within
//! the clock-skew window around its issued-at time. A request issued
//! outside the window is refused outright, so the store only has to
//! remember nonces for the window's length.

use futures_util::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Mutex;

/// Remembers the nonces seen, per key.
pub trait NonceStore: Send + Sync + 'static {
    /// Records `(kid, nonce)` until `expires_at` (Unix seconds) and says
    /// whether it was new. `Err` when the store cannot answer (the request
    /// is then refused with a server error, not let through).
    fn first_use<'a>(
        &'a self,
        kid: &'a [u8],
        nonce: &'a [u8],
        expires_at: i64,
    ) -> BoxFuture<'a, Result<bool, String>>;
}

/// When each `(kid, nonce)` seen may be forgotten.
type Seen = HashMap<(Vec<u8>, Vec<u8>), i64>;

/// Nonces in this process's memory: for a single replica.
#[derive(Default)]
pub struct MemoryNonces {
    state: Mutex<Remembered>,
}

#[derive(Default)]
struct Remembered {
    seen: Seen,
    /// When expired nonces were last forgotten (Unix seconds).
    swept_at: i64,
}

impl MemoryNonces {
    pub fn new() -> Self {
        Self::default()
    }

    fn record(&self, kid: &[u8], nonce: &[u8], expires_at: i64) -> Result<bool, String> {
        let now = chrono::Utc::now().timestamp();
        let mut state = self
            .state
            .lock()
            .map_err(|_| "the nonce store is poisoned")?;
        // Forget what has expired at most once a second: the map holds one
        // window's nonces, and a request costs O(1) however many there are.
        if state.swept_at < now {
            state.seen.retain(|_, expiry| *expiry >= now);
            state.swept_at = now;
        }
        let key = (kid.to_vec(), nonce.to_vec());
        match state.seen.get(&key) {
            Some(expiry) if *expiry >= now => Ok(false),
            _ => {
                state.seen.insert(key, expires_at);
                Ok(true)
            }
        }
    }
}

impl NonceStore for MemoryNonces {
    fn first_use<'a>(
        &'a self,
        kid: &'a [u8],
        nonce: &'a [u8],
        expires_at: i64,
    ) -> BoxFuture<'a, Result<bool, String>> {
        Box::pin(std::future::ready(self.record(kid, nonce, expires_at)))
    }
}

/// Nonces in Redis, shared by every replica using the same server and
/// prefix: `SET key 1 NX EXAT expires_at` records a nonce and says whether
/// it was new in one atomic step. Keys are `<prefix>:nonce:<sha256 hex of
/// kid and nonce>`.
#[cfg(feature = "redis")]
#[derive(Clone)]
pub struct RedisNonces {
    manager: ::redis::aio::ConnectionManager,
    prefix: String,
}

#[cfg(feature = "redis")]
impl RedisNonces {
    /// A store over an existing connection manager (which may be shared
    /// with the rate-limit and idempotency stores).
    pub fn new(manager: ::redis::aio::ConnectionManager, prefix: &str) -> Self {
        RedisNonces {
            manager,
            prefix: crate::http::ratelimit::redis::normalize_prefix(prefix),
        }
    }

    /// Connects to `url` and builds a store over that connection.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self, crate::http::store::StoreError> {
        let manager = crate::http::ratelimit::redis::connect_manager(url).await?;
        Ok(Self::new(manager, prefix))
    }
}

#[cfg(feature = "redis")]
impl NonceStore for RedisNonces {
    fn first_use<'a>(
        &'a self,
        kid: &'a [u8],
        nonce: &'a [u8],
        expires_at: i64,
    ) -> BoxFuture<'a, Result<bool, String>> {
        use crate::http::ratelimit::redis::{
            DEFAULT_CALL_TIMEOUT, hex, storage_key, store_error, within,
        };
        let key = storage_key(
            &self.prefix,
            "nonce",
            &format!("{}:{}", hex(kid), hex(nonce)),
        );
        let mut manager = self.manager.clone();
        Box::pin(async move {
            let set: Option<String> = within(DEFAULT_CALL_TIMEOUT, async {
                ::redis::cmd("SET")
                    .arg(&key)
                    .arg(1)
                    .arg("NX")
                    .arg("EXAT")
                    .arg(expires_at.max(1))
                    .query_async(&mut manager)
                    .await
                    .map_err(|err| store_error(&err))
            })
            .await
            .map_err(|err| err.to_string())?;
            Ok(set.is_some())
        })
    }
}

/// Whether `issued_at` is within `skew` seconds of `now`.
pub fn fresh(issued_at: i64, now: i64, skew: i64) -> bool {
    (now - issued_at).abs() <= skew
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_nonce_is_accepted_once_per_key() {
        let store = MemoryNonces::new();
        let later = chrono::Utc::now().timestamp() + 300;
        assert!(store.first_use(b"a", b"n", later).await.unwrap());
        assert!(!store.first_use(b"a", b"n", later).await.unwrap());
        assert!(store.first_use(b"b", b"n", later).await.unwrap());
        assert!(fresh(100, 130, 60) && !fresh(100, 161, 60) && !fresh(161, 100, 60));
    }

    /// On the Redis test server (127.0.0.1:6379), which `.ci/run` starts.
    #[cfg(feature = "redis")]
    #[tokio::test]
    async fn redis_nonces_are_shared_by_stores_on_one_prefix() {
        let url = "redis://127.0.0.1:6379";
        let prefix = format!("cstack-test-nonce-{}", uuid::Uuid::new_v4());
        let one = RedisNonces::connect(url, &prefix)
            .await
            .expect("Redis on 127.0.0.1:6379 is required by this test");
        let other = RedisNonces::connect(url, &prefix).await.unwrap();
        let later = chrono::Utc::now().timestamp() + 60;
        assert!(one.first_use(b"k", b"n", later).await.unwrap());
        assert!(!other.first_use(b"k", b"n", later).await.unwrap());
        assert!(other.first_use(b"k", b"m", later).await.unwrap());
        // An unreachable server is an error, never a pass.
        let dead = RedisNonces::connect("redis://127.0.0.1:1", &prefix).await;
        assert!(dead.is_err());
    }
}
