//! The in-process rate-limit store: token buckets in a mutex-guarded map,
//! timed by the monotonic clock. Right for a single replica; replicas that
//! must share a budget use the Redis store.
//!
//! Unlike upstream's unbounded map, this one has a ceiling
//! ([`MemoryRateLimitStore::with_max_buckets`]): a caller rotating keys
//! (fresh tokens, spoofed addresses) would otherwise grow it without end.
//! When a new key would pass the ceiling, buckets that have refilled to
//! full are dropped first (a full bucket and a missing one behave the same,
//! so that loses nothing); if that is not enough, the buckets closest to
//! full go next, so the callers who are actually being throttled keep their
//! state longest.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use futures_util::future::{self, BoxFuture};

use super::{RateLimitConfig, RateLimitDecision, RateLimitStore, take_token};
use crate::http::store::StoreError;

/// Rate-limit buckets held in this process.
#[derive(Debug)]
pub struct MemoryRateLimitStore {
    buckets: Mutex<HashMap<String, Bucket>>,
    max_buckets: usize,
}

/// One caller's bucket as last written.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
    /// The configuration of the last request, needed to tell, at eviction
    /// time, how full the bucket has become since.
    config: RateLimitConfig,
}

impl Bucket {
    /// Tokens missing from a full bucket at `now` (0 = full).
    fn deficit_at(&self, now: Instant) -> f64 {
        let burst = f64::from(self.config.burst);
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        let refill = self.config.effective_refill();
        let level = if refill > 0.0 {
            (self.tokens + elapsed * refill).min(burst)
        } else {
            self.tokens.min(burst)
        };
        (burst - level).max(0.0)
    }
}

impl MemoryRateLimitStore {
    /// The default ceiling on the number of buckets: 100 000 (a few MB).
    pub const DEFAULT_MAX_BUCKETS: usize = 100_000;

    /// An empty store holding at most [`Self::DEFAULT_MAX_BUCKETS`] buckets.
    pub fn new() -> Self {
        Self::with_max_buckets(Self::DEFAULT_MAX_BUCKETS)
    }

    /// An empty store holding at most `max_buckets` buckets (at least 1).
    pub fn with_max_buckets(max_buckets: usize) -> Self {
        MemoryRateLimitStore {
            buckets: Mutex::new(HashMap::new()),
            max_buckets: max_buckets.max(1),
        }
    }

    /// How many buckets the store holds now.
    pub fn bucket_count(&self) -> usize {
        self.lock().len()
    }

    /// The map, even if a thread panicked while holding it: every write to
    /// a bucket is a single assignment, so a poisoned map is still coherent.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Bucket>> {
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`RateLimitStore::consume`] at a given instant (tests step the clock
    /// by passing later instants).
    fn consume_at(&self, key: &str, config: RateLimitConfig, now: Instant) -> RateLimitDecision {
        let mut buckets = self.lock();
        if let Some(bucket) = buckets.get_mut(key) {
            let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
            let (tokens, decision) = take_token(bucket.tokens, elapsed, config);
            *bucket = Bucket {
                tokens,
                last: now,
                config,
            };
            return decision;
        }
        if buckets.len() >= self.max_buckets {
            make_room(&mut buckets, now, self.max_buckets);
        }
        let (tokens, decision) = take_token(f64::from(config.burst), 0.0, config);
        buckets.insert(
            key.to_owned(),
            Bucket {
                tokens,
                last: now,
                config,
            },
        );
        decision
    }
}

impl Default for MemoryRateLimitStore {
    fn default() -> Self {
        Self::new()
    }
}

/// Shrinks a map that reached `max` buckets to at most `max - 1 - max/10`,
/// so the next sweep is a tenth of `max` inserts away (the O(n) sweep is
/// paid once per n/10 new keys, O(1) per request on average). Full buckets
/// go first, then the fullest of the rest.
fn make_room(buckets: &mut HashMap<String, Bucket>, now: Instant, max: usize) {
    let keep = max.saturating_sub(1 + max / 10);
    buckets.retain(|_, bucket| bucket.deficit_at(now) > 0.0);
    if buckets.len() <= keep {
        return;
    }
    let excess = buckets.len() - keep;
    let mut deficits: Vec<f64> = buckets
        .values()
        .map(|bucket| bucket.deficit_at(now))
        .collect();
    // The `excess`-th smallest deficit: everything at or below it goes
    // (ties may take a few more, which only leaves more room).
    let (_, threshold, _) = deficits.select_nth_unstable_by(excess - 1, f64::total_cmp);
    let threshold = *threshold;
    buckets.retain(|_, bucket| bucket.deficit_at(now) > threshold);
}

impl RateLimitStore for MemoryRateLimitStore {
    fn consume<'a>(
        &'a self,
        key: &'a str,
        config: RateLimitConfig,
    ) -> BoxFuture<'a, Result<RateLimitDecision, StoreError>> {
        let decision = self.consume_at(key, config, Instant::now());
        Box::pin(future::ready(Ok(decision)))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    fn allowed(remaining: u32) -> RateLimitDecision {
        RateLimitDecision::Allowed { remaining }
    }

    #[test]
    fn buckets_start_full_run_dry_and_refill() {
        let store = MemoryRateLimitStore::new();
        let config = RateLimitConfig::new(2, 4.0);
        let t0 = Instant::now();
        assert_eq!(store.consume_at("a", config, t0), allowed(1));
        assert_eq!(store.consume_at("a", config, t0), allowed(0));
        assert_eq!(
            store.consume_at("a", config, t0),
            RateLimitDecision::Throttled {
                retry_after_secs: 1
            }
        );
        // Another key has its own bucket.
        assert_eq!(store.consume_at("b", config, t0), allowed(1));
        // 250 ms at 4/s brings one token back.
        let t1 = t0 + Duration::from_millis(250);
        assert_eq!(store.consume_at("a", config, t1), allowed(0));
        // A long pause fills the bucket to its burst, no further.
        let t2 = t1 + Duration::from_secs(3600);
        assert_eq!(store.consume_at("a", config, t2), allowed(1));
    }

    #[test]
    fn an_earlier_instant_grants_nothing() {
        let store = MemoryRateLimitStore::new();
        let config = RateLimitConfig::new(1, 1.0);
        let t0 = Instant::now() + Duration::from_secs(10);
        assert_eq!(store.consume_at("a", config, t0), allowed(0));
        let before = t0 - Duration::from_secs(5);
        assert!(matches!(
            store.consume_at("a", config, before),
            RateLimitDecision::Throttled { .. }
        ));
    }

    #[test]
    fn rotating_keys_cannot_grow_the_map_past_its_ceiling() {
        let store = MemoryRateLimitStore::with_max_buckets(100);
        // Refill 0: no bucket ever becomes full again, the worst case.
        let config = RateLimitConfig::new(5, 0.0);
        let now = Instant::now();
        for i in 0..10_000 {
            store.consume_at(&format!("attacker-{i}"), config, now);
            assert!(
                store.bucket_count() <= 100,
                "{} buckets after {i}",
                store.bucket_count()
            );
        }
    }

    #[test]
    fn full_buckets_are_dropped_first_and_throttled_callers_are_kept() {
        let store = MemoryRateLimitStore::with_max_buckets(10);
        let config = RateLimitConfig::new(3, 1.0);
        let t0 = Instant::now();
        // One caller spends its whole budget.
        for _ in 0..4 {
            store.consume_at("victim", config, t0);
        }
        // Nine others spend one token each: the map is at its ceiling.
        for i in 0..9 {
            store.consume_at(&format!("k{i}"), config, t0);
        }
        assert_eq!(store.bucket_count(), 10);
        // 1.5 s later the nine have refilled to full (deficit 1 - 1.5 < 0),
        // the throttled caller has not (1.5 of 3).
        let t1 = t0 + Duration::from_millis(1500);
        store.consume_at("newcomer", config, t1);
        assert_eq!(store.bucket_count(), 2);
        assert_eq!(store.consume_at("victim", config, t1), allowed(0));
    }

    #[test]
    fn without_full_buckets_the_fullest_go_first() {
        let store = MemoryRateLimitStore::with_max_buckets(10);
        let config = RateLimitConfig::new(5, 0.0);
        let now = Instant::now();
        for _ in 0..6 {
            store.consume_at("heavy", config, now);
        }
        for i in 0..9 {
            store.consume_at(&format!("light{i}"), config, now);
        }
        store.consume_at("newcomer", config, now);
        assert!(store.bucket_count() <= 10);
        // The heavy user is still throttled: its state survived.
        assert!(matches!(
            store.consume_at("heavy", config, now),
            RateLimitDecision::Throttled { .. }
        ));
    }

    #[test]
    fn a_poisoned_lock_is_recovered() {
        let store = Arc::new(MemoryRateLimitStore::new());
        let config = RateLimitConfig::new(2, 0.0);
        store.consume_at("a", config, Instant::now());
        let poisoner = Arc::clone(&store);
        let joined = std::thread::spawn(move || {
            let _guard = poisoner.buckets.lock();
            panic!("poison the lock");
        })
        .join();
        assert!(joined.is_err());
        assert!(store.buckets.is_poisoned());
        assert_eq!(store.consume_at("a", config, Instant::now()), allowed(0));
    }

    #[tokio::test]
    async fn the_trait_object_consumes() {
        let store: Arc<dyn RateLimitStore> = Arc::new(MemoryRateLimitStore::new());
        let config = RateLimitConfig::new(1, 0.0);
        assert_eq!(store.consume("k", config).await, Ok(allowed(0)));
        assert_eq!(
            store.consume("k", config).await,
            Ok(RateLimitDecision::Throttled {
                retry_after_secs: super::super::MAX_RETRY_AFTER_SECS
            })
        );
    }
}
