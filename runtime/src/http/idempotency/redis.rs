//! The Redis idempotency store (feature `redis`): one hash per key
//! (`<prefix>:idem:<sha256 hex>`, fields `fp`, `state`, `resp`), changed
//! only by three Lua scripts (reserve, complete, release) so each step is
//! one atomic operation however many replicas race on a key. Expiry is
//! Redis's own (`PEXPIRE`): the lease while in flight, the retention once
//! complete.
//!
//! Connection handling, key hashing, the per-call deadline and the error
//! mapping are shared with the rate-limit store
//! ([`crate::http::ratelimit::redis`]).

use std::time::Duration;

use ::redis::aio::ConnectionManager;
use ::redis::{RedisError, Script};
use futures_util::future::BoxFuture;

use super::{IdempotencyStore, Reservation, StoredResponse};
use crate::http::ratelimit::redis::{
    DEFAULT_CALL_TIMEOUT, connect_manager, hex, normalize_prefix, storage_key, store_error, within,
};
use crate::http::store::StoreError;

/// KEYS[1] the entry; ARGV[1] fingerprint (hex); ARGV[2] lease in ms.
/// Returns `{'started'}`, `{'mismatch'}`, `{'inflight'}` or `{'replay',
/// response}`. A hash without a fingerprint (not written by these scripts)
/// is replaced, as if absent.
const RESERVE_SCRIPT: &str = r"
local entry = redis.call('HMGET', KEYS[1], 'fp', 'state', 'resp')
if not entry[1] then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'inflight')
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {'started'}
end
if entry[1] ~= ARGV[1] then
  return {'mismatch'}
end
if entry[2] == 'done' then
  return {'replay', entry[3]}
end
return {'inflight'}
";

/// KEYS[1] the entry; ARGV[1] fingerprint; ARGV[2] the encoded response;
/// ARGV[3] retention in ms. Stores the response only over our own
/// in-flight entry; returns 1 if it did, else 0.
const COMPLETE_SCRIPT: &str = r"
local entry = redis.call('HMGET', KEYS[1], 'fp', 'state')
if entry[1] == ARGV[1] and entry[2] == 'inflight' then
  redis.call('HSET', KEYS[1], 'state', 'done', 'resp', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0
";

/// KEYS[1] the entry; ARGV[1] fingerprint. Deletes our own in-flight
/// entry; returns 1 if it did, else 0.
const RELEASE_SCRIPT: &str = r"
local entry = redis.call('HMGET', KEYS[1], 'fp', 'state')
if entry[1] == ARGV[1] and entry[2] == 'inflight' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
";

/// Idempotency entries in Redis, shared by every replica using the same
/// server and prefix. Cheap to clone.
#[derive(Clone)]
pub struct RedisIdempotencyStore {
    manager: ConnectionManager,
    prefix: String,
    timeout: Duration,
    reserve: Script,
    complete: Script,
    release: Script,
}

impl std::fmt::Debug for RedisIdempotencyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisIdempotencyStore")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl RedisIdempotencyStore {
    /// A store over an existing connection manager (which may be shared
    /// with the rate-limit store). Keys are `<prefix>:idem:<sha256 hex>`;
    /// trailing colons of `prefix` are trimmed, and an empty prefix is
    /// `cstack`.
    pub fn new(manager: ConnectionManager, prefix: &str) -> Self {
        RedisIdempotencyStore {
            manager,
            prefix: normalize_prefix(prefix),
            timeout: DEFAULT_CALL_TIMEOUT,
            reserve: Script::new(RESERVE_SCRIPT),
            complete: Script::new(COMPLETE_SCRIPT),
            release: Script::new(RELEASE_SCRIPT),
        }
    }

    /// Connects to `url` with [`connect_manager`] and builds a store over
    /// that connection.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self, StoreError> {
        Ok(Self::new(connect_manager(url).await?, prefix))
    }

    /// Bounds each call by `timeout` (default 500 ms); past it the call is
    /// `Err(StoreError::Unavailable)`. Calls are never retried: a reserve
    /// that ran but whose answer was lost would find its own entry.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The Redis key holding the entry of the (namespaced) key `key`.
    pub fn storage_key(&self, key: &str) -> String {
        storage_key(&self.prefix, "idem", key)
    }
}

/// A duration in whole milliseconds for `PEXPIRE`: at least 1 (0 would
/// delete the key at once), at most `i64::MAX` (Redis's limit).
fn millis(duration: Duration) -> u64 {
    let max = u128::from(i64::MAX.unsigned_abs());
    // After the clamp the value fits a u64.
    u64::try_from(duration.as_millis().clamp(1, max)).unwrap_or(u64::MAX >> 1)
}

/// Reads the reserve script's reply.
fn reservation(reply: Vec<Vec<u8>>) -> Result<Reservation, StoreError> {
    match reply.as_slice() {
        [tag] if tag == b"started" => Ok(Reservation::Started),
        [tag] if tag == b"inflight" => Ok(Reservation::InFlight),
        [tag] if tag == b"mismatch" => Ok(Reservation::Mismatch),
        [tag, response] if tag == b"replay" => {
            StoredResponse::decode(response).map(Reservation::Replay)
        }
        _ => Err(StoreError::Failed(
            "idempotency reserve script answered with an unexpected reply".to_owned(),
        )),
    }
}

impl IdempotencyStore for RedisIdempotencyStore {
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        lease: Duration,
    ) -> BoxFuture<'a, Result<Reservation, StoreError>> {
        Box::pin(within(self.timeout, async move {
            let mut connection = self.manager.clone();
            let reply: Result<Vec<Vec<u8>>, RedisError> = self
                .reserve
                .key(self.storage_key(key))
                .arg(hex(fingerprint))
                .arg(millis(lease))
                .invoke_async(&mut connection)
                .await;
            reservation(reply.map_err(|err| store_error(&err))?)
        }))
    }

    fn complete<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        response: StoredResponse,
        retention: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(within(self.timeout, async move {
            let encoded = response.encode()?;
            let mut connection = self.manager.clone();
            let stored: i64 = self
                .complete
                .key(self.storage_key(key))
                .arg(hex(fingerprint))
                .arg(encoded)
                .arg(millis(retention))
                .invoke_async(&mut connection)
                .await
                .map_err(|err| store_error(&err))?;
            if stored == 0 {
                tracing::debug!("idempotency entry no longer ours; response not stored");
            }
            Ok(())
        }))
    }

    fn release<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(within(self.timeout, async move {
            let mut connection = self.manager.clone();
            let _released: i64 = self
                .release
                .key(self.storage_key(key))
                .arg(hex(fingerprint))
                .invoke_async(&mut connection)
                .await
                .map_err(|err| store_error(&err))?;
            Ok(())
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_millis_are_never_zero() {
        assert_eq!(millis(Duration::ZERO), 1);
        assert_eq!(millis(Duration::from_micros(10)), 1);
        assert_eq!(millis(Duration::from_millis(250)), 250);
        assert_eq!(millis(Duration::MAX), i64::MAX.unsigned_abs());
    }

    #[test]
    fn replies_are_read_strictly() {
        assert_eq!(
            reservation(vec![b"started".to_vec()]),
            Ok(Reservation::Started)
        );
        assert_eq!(
            reservation(vec![b"inflight".to_vec()]),
            Ok(Reservation::InFlight)
        );
        assert_eq!(
            reservation(vec![b"mismatch".to_vec()]),
            Ok(Reservation::Mismatch)
        );
        assert!(matches!(
            reservation(vec![b"replay".to_vec()]),
            Err(StoreError::Failed(_))
        ));
        assert!(matches!(
            reservation(vec![b"replay".to_vec(), b"not json".to_vec()]),
            Err(StoreError::Failed(_))
        ));
        assert!(matches!(
            reservation(Vec::new()),
            Err(StoreError::Failed(_))
        ));
    }
}
