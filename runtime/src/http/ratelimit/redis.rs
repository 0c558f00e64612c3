//! The Redis rate-limit store (feature `redis`): one bucket per caller in a
//! Redis hash, updated by one Lua script so replicas sharing the server
//! share one budget and concurrent requests never spend the same token.
//!
//! It also holds the Redis plumbing the idempotency store reuses: opening a
//! [`ConnectionManager`] with bounded timeouts ([`connect_manager`]),
//! storage keys (`<prefix>:<kind>:<sha256 hex of the caller's key>`),
//! the per-call deadline, and the mapping of Redis errors onto
//! [`StoreError`] (transport trouble is `Unavailable`, an error the server
//! answered with is `Failed`).
//!
//! Upstream passes the app server's clock to its script; ours reads the
//! Redis server's `TIME`, so replicas with skewed clocks still agree on how
//! much a bucket has refilled.

use std::future::Future;
use std::time::Duration;

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::{RedisError, Script};
use futures_util::future::BoxFuture;
use sha2::{Digest, Sha256};

use super::{MAX_RETRY_AFTER_SECS, RateLimitConfig, RateLimitDecision, RateLimitStore};
use crate::http::store::StoreError;

/// The key prefix used when none (or only colons) is given.
pub const DEFAULT_PREFIX: &str = "cstack";

/// How long one store call may take, connection trouble included, unless
/// [`RedisRateLimitStore::with_timeout`] says otherwise.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_millis(500);

/// [`connect_manager`]'s bound on one connection attempt and on one reply.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// [`connect_manager`]'s bound on the whole first connection, retries
/// included: a service starting against an unreachable Redis fails fast.
const CONNECT_DEADLINE: Duration = Duration::from_secs(5);

/// The token bucket of [`super::take_token`], in Lua, as one atomic step.
///
/// KEYS[1] the bucket; ARGV[1] burst; ARGV[2] refill per second (text, read
/// with `tonumber`: Redis would truncate a number argument); ARGV[3] the
/// expiry in seconds; ARGV[4] the longest retry-after. Returns `{1,
/// remaining}` or `{0, retry_after_secs}`.
///
/// The clock is the server's (`TIME`); `replicate_commands` (a no-op on
/// Redis 7, required on 3.2 to 4) lets a script that read the clock write.
/// A level that does not parse (or is NaN) is a new, full bucket, as in
/// Rust. The level is written as `%.17g` so it round-trips exactly.
const CONSUME_SCRIPT: &str = r"
if redis.replicate_commands then redis.replicate_commands() end
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local max_wait = tonumber(ARGV[4])
local clock = redis.call('TIME')
local now_ms = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'last_ms')
local tokens = tonumber(state[1])
local last_ms = tonumber(state[2])
if tokens == nil or tokens ~= tokens or tokens == math.huge or tokens == -math.huge
   or last_ms == nil then
  tokens = burst
  last_ms = now_ms
end
if tokens < 0 then tokens = 0 end
if tokens > burst then tokens = burst end
local elapsed = (now_ms - last_ms) / 1000
if refill > 0 and elapsed > 0 then
  tokens = math.min(burst, tokens + elapsed * refill)
end
local allowed
local value
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
  value = math.floor(tokens)
else
  allowed = 0
  if refill > 0 then
    value = math.ceil((1 - tokens) / refill)
  else
    value = max_wait
  end
  if value < 1 then value = 1 end
  if value > max_wait then value = max_wait end
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
  'last_ms', string.format('%.0f', now_ms))
redis.call('EXPIRE', KEYS[1], ttl)
return {allowed, value}
";

/// Rate-limit buckets in Redis, shared by every replica using the same
/// server and prefix. Cheap to clone (the connection manager is shared).
#[derive(Clone)]
pub struct RedisRateLimitStore {
    manager: ConnectionManager,
    prefix: String,
    timeout: Duration,
    script: Script,
}

impl std::fmt::Debug for RedisRateLimitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisRateLimitStore")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl RedisRateLimitStore {
    /// A store over an existing connection manager (which may be shared
    /// with other stores). Keys are `<prefix>:rl:<sha256 hex>`; trailing
    /// colons of `prefix` are trimmed, and an empty prefix is
    /// [`DEFAULT_PREFIX`].
    pub fn new(manager: ConnectionManager, prefix: &str) -> Self {
        RedisRateLimitStore {
            manager,
            prefix: normalize_prefix(prefix),
            timeout: DEFAULT_CALL_TIMEOUT,
            script: Script::new(CONSUME_SCRIPT),
        }
    }

    /// Connects to `url` (`redis://host:port/db`) with [`connect_manager`]
    /// and builds a store over that connection.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self, StoreError> {
        Ok(Self::new(connect_manager(url).await?, prefix))
    }

    /// Bounds each [`RateLimitStore::consume`] (reconnection included) by
    /// `timeout`; past it the call is `Err(StoreError::Unavailable)`.
    /// Default [`DEFAULT_CALL_TIMEOUT`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The Redis key holding the bucket of the caller key `key`.
    pub fn storage_key(&self, key: &str) -> String {
        storage_key(&self.prefix, "rl", key)
    }

    async fn run_script(
        &self,
        key: &str,
        config: RateLimitConfig,
    ) -> Result<(u8, u32), RedisError> {
        let mut connection = self.manager.clone();
        self.script
            .key(key)
            .arg(config.burst)
            .arg(config.effective_refill().to_string())
            .arg(config.bucket_ttl_secs())
            .arg(MAX_RETRY_AFTER_SECS)
            .invoke_async(&mut connection)
            .await
    }
}

impl RateLimitStore for RedisRateLimitStore {
    fn consume<'a>(
        &'a self,
        key: &'a str,
        config: RateLimitConfig,
    ) -> BoxFuture<'a, Result<RateLimitDecision, StoreError>> {
        Box::pin(within(self.timeout, async move {
            let storage_key = self.storage_key(key);
            let reply = match self.run_script(&storage_key, config).await {
                // One retry when an open connection broke: the manager has
                // begun reconnecting, and a Redis restart or failover should
                // not fail the first request of every replica. Spending a
                // token twice (if the first try did run) is the worst
                // outcome. A refused connection is not retried: the server
                // is down, and waiting on the manager's backoff would only
                // make every request slower during the outage.
                Err(err) if err.is_connection_dropped() && !err.is_connection_refusal() => {
                    self.run_script(&storage_key, config).await
                }
                other => other,
            };
            match reply.map_err(|err| store_error(&err))? {
                (1, remaining) => Ok(RateLimitDecision::Allowed { remaining }),
                (0, retry_after_secs) => Ok(RateLimitDecision::Throttled {
                    retry_after_secs: retry_after_secs.max(1),
                }),
                (flag, _) => Err(StoreError::Failed(format!(
                    "rate-limit script answered with flag {flag}"
                ))),
            }
        }))
    }
}

/// Opens a [`ConnectionManager`] to `url`, waiting for the first connection
/// (so a wrong address fails at start-up, not on the first request).
///
/// Each connection attempt and each reply is bounded by
/// [`CONNECT_TIMEOUT`]; the manager reconnects by itself when the
/// connection breaks (a few attempts with backoff per break). The first
/// connection, retries included, must be up within 5 s. One manager may be
/// shared by the rate-limit and idempotency stores.
pub async fn connect_manager(url: &str) -> Result<ConnectionManager, StoreError> {
    let client = ::redis::Client::open(url).map_err(|err| store_error(&err))?;
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(CONNECT_TIMEOUT))
        .set_response_timeout(Some(CONNECT_TIMEOUT))
        .set_number_of_retries(3)
        .set_max_delay(Duration::from_secs(1));
    within(CONNECT_DEADLINE, async {
        ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|err| store_error(&err))
    })
    .await
}

/// Whether `err` is transport trouble (the server could not be reached or
/// did not answer in time) rather than an answer.
pub(crate) fn is_transport_error(err: &RedisError) -> bool {
    err.is_io_error()
        || err.is_timeout()
        || err.is_connection_dropped()
        || err.is_connection_refusal()
}

/// A Redis error as a [`StoreError`]: transport trouble is `Unavailable`,
/// everything else (script errors, WRONGTYPE, OOM, NOPERM, a reply of the
/// wrong shape, a bad URL) is `Failed`.
pub(crate) fn store_error(err: &RedisError) -> StoreError {
    if is_transport_error(err) {
        StoreError::Unavailable(err.to_string())
    } else {
        StoreError::Failed(err.to_string())
    }
}

/// Runs `call`, or answers `Unavailable("timed out")` once `timeout` has
/// passed (the call is dropped: nothing waits on a dead server).
pub(crate) async fn within<T>(
    timeout: Duration,
    call: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    match tokio::time::timeout(timeout, call).await {
        Ok(result) => result,
        Err(_) => Err(StoreError::Unavailable("timed out".to_owned())),
    }
}

/// `prefix` without trailing colons, or [`DEFAULT_PREFIX`] if nothing is
/// left.
pub(crate) fn normalize_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_end_matches(':');
    if trimmed.is_empty() {
        DEFAULT_PREFIX.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `<prefix>:<kind>:<sha256 hex of key>`: callers' keys (tokens, addresses)
/// never reach Redis in the clear, and every key has the same short length.
pub(crate) fn storage_key(prefix: &str, kind: &str, key: &str) -> String {
    format!("{prefix}:{kind}:{}", hex(&Sha256::digest(key.as_bytes())))
}

/// Lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_lose_trailing_colons_and_default_when_empty() {
        assert_eq!(normalize_prefix("app:"), "app");
        assert_eq!(normalize_prefix("app::"), "app");
        assert_eq!(normalize_prefix("a:b"), "a:b");
        assert_eq!(normalize_prefix(""), "cstack");
        assert_eq!(normalize_prefix(":::"), "cstack");
    }

    #[test]
    fn storage_keys_hash_the_caller_key() {
        // sha256("abc"), a published test vector.
        assert_eq!(
            storage_key("app", "rl", "abc"),
            "app:rl:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[tokio::test]
    async fn a_bad_url_is_a_failure_not_an_outage() {
        assert!(matches!(
            connect_manager("not a url").await,
            Err(StoreError::Failed(_))
        ));
    }

    #[tokio::test]
    async fn the_deadline_answers_unavailable() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(())
        };
        assert_eq!(
            within(Duration::from_millis(10), slow).await,
            Err(StoreError::Unavailable("timed out".to_owned()))
        );
    }
}
