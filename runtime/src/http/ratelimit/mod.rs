//! Rate limiting: the store contract every limiter backend implements
//! ([`RateLimitStore`]), its inputs and answers ([`RateLimitConfig`],
//! [`RateLimitDecision`]), and the token-bucket arithmetic ([`take_token`])
//! that the in-memory store runs and the Redis store's Lua script mirrors
//! line for line, so both backends throttle identically.
//!
//! The algorithm is upstream's lazy-refill token bucket: a bucket nobody has
//! touched is full (`burst` tokens); on each request it first gains
//! `elapsed_seconds * refill_per_second` tokens (never more than `burst`),
//! then a request is let through if at least one whole token is left, which
//! it spends. A throttled request is told how many whole seconds until one
//! token is back.
//!
//! The backends are the child modules [`memory`] and `redis` (feature
//! `redis`). They are not re-exported here: they import this module, and
//! the runtime's module graph must stay free of cycles.

use std::sync::Arc;

use futures_util::future::BoxFuture;

use crate::http::store::StoreError;

pub mod memory;
#[cfg(feature = "redis")]
pub mod redis;

/// The longest wait a throttled answer names, and the longest a Redis bucket
/// lives: a day. It bounds the answer when the bucket never refills
/// (`refill_per_second == 0`) or refills so slowly that the exact wait would
/// be meaningless (and the Redis bucket expires, full again, by then anyway).
pub const MAX_RETRY_AFTER_SECS: u32 = 86_400;

/// The fastest refill taken literally; faster (or infinite) rates are
/// clamped to it so the arithmetic, and the text passed to Lua, stay finite.
const MAX_REFILL_PER_SECOND: f64 = 1e9;

/// How one bucket behaves: its capacity and how fast it fills back up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimitConfig {
    /// The most tokens a bucket holds, and what a new bucket starts with:
    /// how many requests a quiet caller may send at once.
    pub burst: u32,
    /// Tokens regained per second, fractions allowed (0.5 = one every two
    /// seconds). Zero (or negative, or NaN) never refills.
    pub refill_per_second: f64,
}

impl RateLimitConfig {
    pub const fn new(burst: u32, refill_per_second: f64) -> Self {
        RateLimitConfig {
            burst,
            refill_per_second,
        }
    }

    /// The refill rate the arithmetic uses: NaN and negative rates are 0,
    /// and rates above a billion per second are a billion (so no product
    /// overflows to infinity and the Lua side parses the same number).
    pub(crate) fn effective_refill(&self) -> f64 {
        let refill = self.refill_per_second;
        if refill.is_nan() || refill <= 0.0 {
            0.0
        } else {
            refill.min(MAX_REFILL_PER_SECOND)
        }
    }

    /// How long an untouched bucket must live in a store that forgets keys
    /// by expiry: until it has surely refilled to full (then forgetting it
    /// changes nothing, a new bucket starts full), plus a minute of slack;
    /// within [60 s, 1 day]. A bucket that never refills lives a day.
    pub fn bucket_ttl_secs(&self) -> u64 {
        let refill = self.effective_refill();
        if refill <= 0.0 {
            return u64::from(MAX_RETRY_AFTER_SECS);
        }
        let fill_secs = (f64::from(self.burst) / refill).ceil() + 60.0;
        // `as` saturates, and the clamp keeps the result in range anyway.
        (fill_secs.clamp(60.0, f64::from(MAX_RETRY_AFTER_SECS))) as u64
    }
}

/// The answer to one request against a bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateLimitDecision {
    /// Let through; `remaining` whole tokens are left after this one (the
    /// `X-RateLimit-Remaining` header).
    Allowed { remaining: u32 },
    /// Refused; one token is back in `retry_after_secs` seconds (at least
    /// 1; the `Retry-After` header).
    Throttled { retry_after_secs: u32 },
}

/// One step of the token bucket, the single definition of the arithmetic.
///
/// `tokens` is the bucket's level when it was last written (pass
/// `config.burst` for a bucket that does not exist yet, with
/// `elapsed_secs` 0), `elapsed_secs` the time since then. Returns the level
/// to write back and the decision:
///
/// - `tokens = min(burst, tokens + elapsed_secs * refill)`;
/// - if `tokens >= 1`: spend one, `Allowed { remaining: floor(tokens) }`;
/// - else `Throttled { retry_after_secs: max(1, ceil((1 - tokens) / refill)) }`
///   (at most [`MAX_RETRY_AFTER_SECS`], which is also the answer when
///   `refill` is 0).
///
/// Inputs a store might hand over damaged are made safe rather than
/// trusted: a NaN or infinite level counts as a full bucket, a negative one
/// as empty, a negative or NaN elapsed time as none (a clock that stepped
/// back grants nothing). The Redis script does the same.
pub fn take_token(
    tokens: f64,
    elapsed_secs: f64,
    config: RateLimitConfig,
) -> (f64, RateLimitDecision) {
    let burst = f64::from(config.burst);
    let refill = config.effective_refill();
    let mut level = if tokens.is_finite() {
        tokens.clamp(0.0, burst)
    } else {
        burst
    };
    // Skipping the product when nothing refills also avoids `inf * 0`.
    if refill > 0.0 && elapsed_secs > 0.0 {
        level = (level + elapsed_secs * refill).min(burst);
    }
    if level >= 1.0 {
        let left = level - 1.0;
        // `as` saturates: a burst near u32::MAX cannot wrap.
        (
            left,
            RateLimitDecision::Allowed {
                remaining: left.floor() as u32,
            },
        )
    } else {
        let max = f64::from(MAX_RETRY_AFTER_SECS);
        let wait = if refill > 0.0 {
            ((1.0 - level) / refill).ceil()
        } else {
            max
        };
        let retry_after_secs = wait.clamp(1.0, max) as u32;
        (level, RateLimitDecision::Throttled { retry_after_secs })
    }
}

/// Where buckets live. Object safe (`Arc<dyn RateLimitStore>`), so the
/// service picks the backend at run time: [`memory::MemoryRateLimitStore`] for one
/// process, [`redis::RedisRateLimitStore`] (feature `redis`) for replicas that must
/// share one budget per caller.
pub trait RateLimitStore: Send + Sync + 'static {
    /// Takes one token from the bucket `key` (created full if it does not
    /// exist) under `config`, atomically with respect to every other caller
    /// of the same store: concurrent requests never spend the same token.
    ///
    /// `Err(StoreError::Unavailable)` means the store could not be reached
    /// (the only error a fail-open policy may let through);
    /// `Err(StoreError::Failed)` means it answered with an error.
    fn consume<'a>(
        &'a self,
        key: &'a str,
        config: RateLimitConfig,
    ) -> BoxFuture<'a, Result<RateLimitDecision, StoreError>>;
}

// A shared store is a store, so `Arc<MemoryRateLimitStore>` and
// `Arc<dyn RateLimitStore>` can be handed wherever a store is wanted.
impl<S: RateLimitStore + ?Sized> RateLimitStore for Arc<S> {
    fn consume<'a>(
        &'a self,
        key: &'a str,
        config: RateLimitConfig,
    ) -> BoxFuture<'a, Result<RateLimitDecision, StoreError>> {
        (**self).consume(key, config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn allowed(remaining: u32) -> RateLimitDecision {
        RateLimitDecision::Allowed { remaining }
    }

    const fn throttled(retry_after_secs: u32) -> RateLimitDecision {
        RateLimitDecision::Throttled { retry_after_secs }
    }

    #[test]
    fn a_new_bucket_starts_full() {
        let config = RateLimitConfig::new(5, 1.0);
        let (left, decision) = take_token(f64::from(config.burst), 0.0, config);
        assert_eq!(decision, allowed(4));
        assert_eq!(left, 4.0);
    }

    #[test]
    fn a_bucket_runs_dry_after_burst_requests() {
        let config = RateLimitConfig::new(3, 0.0);
        let mut tokens = 3.0;
        let mut decisions = Vec::new();
        for _ in 0..5 {
            let (left, decision) = take_token(tokens, 0.0, config);
            tokens = left;
            decisions.push(decision);
        }
        assert_eq!(
            decisions,
            [
                allowed(2),
                allowed(1),
                allowed(0),
                throttled(MAX_RETRY_AFTER_SECS),
                throttled(MAX_RETRY_AFTER_SECS)
            ]
        );
        assert_eq!(tokens, 0.0);
    }

    #[test]
    fn time_refills_the_bucket() {
        let config = RateLimitConfig::new(2, 10.0);
        // Empty, then 150 ms later 1.5 tokens are back: one request passes.
        let (left, decision) = take_token(0.0, 0.15, config);
        assert_eq!(decision, allowed(0));
        assert!((left - 0.5).abs() < 1e-9);
        // Half a token is not enough.
        let (left, decision) = take_token(left, 0.0, config);
        assert_eq!(decision, throttled(1));
        assert!((left - 0.5).abs() < 1e-9);
    }

    #[test]
    fn refill_stops_at_burst() {
        let config = RateLimitConfig::new(4, 100.0);
        let (left, decision) = take_token(0.0, 3600.0, config);
        assert_eq!(decision, allowed(3));
        assert_eq!(left, 3.0);
        // A level above the burst (the burst was lowered) is capped too.
        let (left, _) = take_token(50.0, 0.0, config);
        assert_eq!(left, 3.0);
        // Even an infinite gap.
        let (_, decision) = take_token(0.0, f64::INFINITY, config);
        assert_eq!(decision, allowed(3));
    }

    #[test]
    fn retry_after_rounds_up_and_is_at_least_one_second() {
        // 0.5 tokens missing at 0.1/s: 5 s.
        assert_eq!(
            take_token(0.5, 0.0, RateLimitConfig::new(1, 0.1)).1,
            throttled(5)
        );
        // 0.9 missing at 0.4/s = 2.25 s: 3.
        assert_eq!(
            take_token(0.1, 0.0, RateLimitConfig::new(1, 0.4)).1,
            throttled(3)
        );
        // 0.01 s away: still 1, never 0.
        assert_eq!(
            take_token(0.99, 0.0, RateLimitConfig::new(1, 1.0)).1,
            throttled(1)
        );
        // Fast refill: a whole token missing at 1000/s is still 1 s.
        assert_eq!(
            take_token(0.0, 0.0, RateLimitConfig::new(1, 1000.0)).1,
            throttled(1)
        );
        // Very slow refill is capped at a day.
        assert_eq!(
            take_token(0.0, 0.0, RateLimitConfig::new(1, 1e-9)).1,
            throttled(MAX_RETRY_AFTER_SECS)
        );
    }

    #[test]
    fn no_refill_never_divides_by_zero() {
        for refill in [0.0, -1.0, f64::NAN] {
            let (left, decision) = take_token(0.0, 10.0, RateLimitConfig::new(1, refill));
            assert_eq!(decision, throttled(MAX_RETRY_AFTER_SECS), "refill {refill}");
            assert_eq!(left, 0.0);
        }
    }

    #[test]
    fn a_zero_burst_refuses_everything() {
        let config = RateLimitConfig::new(0, 5.0);
        assert_eq!(take_token(0.0, 100.0, config).1, throttled(1));
    }

    #[test]
    fn damaged_levels_and_clocks_are_made_safe() {
        let config = RateLimitConfig::new(3, 1.0);
        assert_eq!(take_token(f64::NAN, 0.0, config).1, allowed(2));
        assert_eq!(take_token(-4.0, 0.0, config).1, throttled(1));
        // A clock that went back grants nothing.
        assert_eq!(take_token(0.0, -100.0, config).1, throttled(1));
        assert_eq!(take_token(0.0, f64::NAN, config).1, throttled(1));
    }

    #[test]
    fn the_bucket_ttl_covers_a_full_refill() {
        assert_eq!(RateLimitConfig::new(10, 1.0).bucket_ttl_secs(), 70);
        assert_eq!(RateLimitConfig::new(1, 100.0).bucket_ttl_secs(), 61);
        assert_eq!(RateLimitConfig::new(0, 100.0).bucket_ttl_secs(), 60);
        assert_eq!(RateLimitConfig::new(10, 0.0).bucket_ttl_secs(), 86_400);
        assert_eq!(RateLimitConfig::new(10, 0.0001).bucket_ttl_secs(), 86_400);
        assert_eq!(RateLimitConfig::new(3, 0.7).bucket_ttl_secs(), 65);
    }
}
