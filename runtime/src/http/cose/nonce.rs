//! Replay protection: each request's `(kid, nonce)` is accepted once within
//! the clock-skew window around its issued-at time. A request issued
//! outside the window is refused outright, so the store only has to
//! remember nonces for the window's length.

use std::collections::HashMap;
use std::sync::Mutex;

/// Remembers the nonces seen, per key.
pub trait NonceStore: Send + Sync + 'static {
    /// Records `(kid, nonce)` until `expires_at` (Unix seconds) and says
    /// whether it was new. `Err` when the store cannot answer (the request
    /// is then refused with a server error, not let through).
    fn first_use(
        &self,
        kid: &[u8],
        nonce: &[u8],
        expires_at: i64,
    ) -> impl std::future::Future<Output = Result<bool, String>> + Send;
}

/// When each `(kid, nonce)` seen may be forgotten.
type Seen = HashMap<(Vec<u8>, Vec<u8>), i64>;

/// Nonces in this process's memory: for a single replica.
#[derive(Default)]
pub struct MemoryNonces {
    seen: Mutex<Seen>,
}

impl MemoryNonces {
    pub fn new() -> Self {
        Self::default()
    }
}

impl NonceStore for MemoryNonces {
    async fn first_use(&self, kid: &[u8], nonce: &[u8], expires_at: i64) -> Result<bool, String> {
        let now = chrono::Utc::now().timestamp();
        let mut seen = self
            .seen
            .lock()
            .map_err(|_| "the nonce store is poisoned")?;
        // Forget what has expired, so the map holds one window's nonces.
        if seen.len() > 1024 {
            seen.retain(|_, expiry| *expiry >= now);
        }
        let key = (kid.to_vec(), nonce.to_vec());
        match seen.get(&key) {
            Some(expiry) if *expiry >= now => Ok(false),
            _ => {
                seen.insert(key, expires_at);
                Ok(true)
            }
        }
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
}
