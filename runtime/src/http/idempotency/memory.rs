//! The in-process idempotency store: entries in a mutex-guarded map, each
//! with a deadline on the monotonic clock. Right for a single replica.
//!
//! An entry past its deadline counts as absent at once; the map itself is
//! swept of such entries when it has doubled since the last sweep, so the
//! cost stays O(1) per request on average and the map holds little beyond
//! the live entries (those in flight or within their retention).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::{self, BoxFuture};

use super::{IdempotencyStore, Reservation, StoredResponse, deadline};
use crate::http::store::StoreError;

/// The map size below which no sweep happens.
const MIN_SWEEP_AT: usize = 1024;

/// Idempotency entries held in this process.
#[derive(Debug)]
pub struct MemoryIdempotencyStore {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    entries: HashMap<String, Entry>,
    /// The size at which the next insert sweeps expired entries.
    sweep_at: usize,
}

#[derive(Debug)]
struct Entry {
    fingerprint: [u8; 32],
    progress: Progress,
    expires: Instant,
}

#[derive(Debug)]
enum Progress {
    InFlight,
    Done(StoredResponse),
}

impl MemoryIdempotencyStore {
    pub fn new() -> Self {
        MemoryIdempotencyStore {
            state: Mutex::new(State {
                entries: HashMap::new(),
                sweep_at: MIN_SWEEP_AT,
            }),
        }
    }

    /// How many entries the map holds (expired ones not yet swept included).
    pub fn entry_count(&self) -> usize {
        self.lock().entries.len()
    }

    /// The state, even if a thread panicked while holding it: every change
    /// is a single insert, assignment or removal, so it is still coherent.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The live entry under `key` and whether it is ours (same fingerprint,
    /// in flight).
    fn is_ours_in_flight(entry: &Entry, fingerprint: &[u8; 32], now: Instant) -> bool {
        entry.expires > now
            && entry.fingerprint == *fingerprint
            && matches!(entry.progress, Progress::InFlight)
    }

    fn reserve_at(
        &self,
        key: &str,
        fingerprint: &[u8; 32],
        lease: Duration,
        now: Instant,
    ) -> Reservation {
        let mut state = self.lock();
        if let Some(entry) = state.entries.get(key).filter(|entry| entry.expires > now) {
            return if entry.fingerprint != *fingerprint {
                Reservation::Mismatch
            } else {
                match &entry.progress {
                    Progress::InFlight => Reservation::InFlight,
                    Progress::Done(response) => Reservation::Replay(response.clone()),
                }
            };
        }
        if state.entries.len() >= state.sweep_at {
            state.entries.retain(|_, entry| entry.expires > now);
            state.sweep_at = MIN_SWEEP_AT.max(state.entries.len() * 2);
        }
        state.entries.insert(
            key.to_owned(),
            Entry {
                fingerprint: *fingerprint,
                progress: Progress::InFlight,
                expires: deadline(now, lease),
            },
        );
        Reservation::Started
    }

    fn complete_at(
        &self,
        key: &str,
        fingerprint: &[u8; 32],
        response: StoredResponse,
        retention: Duration,
        now: Instant,
    ) {
        let mut state = self.lock();
        if let Some(entry) = state.entries.get_mut(key)
            && Self::is_ours_in_flight(entry, fingerprint, now)
        {
            entry.progress = Progress::Done(response);
            entry.expires = deadline(now, retention);
        }
    }

    fn release_at(&self, key: &str, fingerprint: &[u8; 32], now: Instant) {
        let mut state = self.lock();
        if state
            .entries
            .get(key)
            .is_some_and(|entry| Self::is_ours_in_flight(entry, fingerprint, now))
        {
            state.entries.remove(key);
        }
    }
}

impl Default for MemoryIdempotencyStore {
    fn default() -> Self {
        Self::new()
    }
}

impl IdempotencyStore for MemoryIdempotencyStore {
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        lease: Duration,
    ) -> BoxFuture<'a, Result<Reservation, StoreError>> {
        let reservation = self.reserve_at(key, fingerprint, lease, Instant::now());
        Box::pin(future::ready(Ok(reservation)))
    }

    fn complete<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
        response: StoredResponse,
        retention: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.complete_at(key, fingerprint, response, retention, Instant::now());
        Box::pin(future::ready(Ok(())))
    }

    fn release<'a>(
        &'a self,
        key: &'a str,
        fingerprint: &'a [u8; 32],
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.release_at(key, fingerprint, Instant::now());
        Box::pin(future::ready(Ok(())))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const FP: [u8; 32] = [1; 32];
    const OTHER: [u8; 32] = [2; 32];
    const LEASE: Duration = Duration::from_secs(30);
    const KEEP: Duration = Duration::from_secs(3600);

    fn response() -> StoredResponse {
        StoredResponse {
            status: 201,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: b"{\"id\":1}\x00\xff".to_vec(),
        }
    }

    #[test]
    fn the_protocol_runs_reserve_complete_replay() {
        let store = MemoryIdempotencyStore::new();
        let now = Instant::now();
        assert_eq!(store.reserve_at("k", &FP, LEASE, now), Reservation::Started);
        assert_eq!(
            store.reserve_at("k", &FP, LEASE, now),
            Reservation::InFlight
        );
        assert_eq!(
            store.reserve_at("k", &OTHER, LEASE, now),
            Reservation::Mismatch
        );
        // Someone else's completion does not count.
        store.complete_at("k", &OTHER, response(), KEEP, now);
        assert_eq!(
            store.reserve_at("k", &FP, LEASE, now),
            Reservation::InFlight
        );
        store.complete_at("k", &FP, response(), KEEP, now);
        assert_eq!(
            store.reserve_at("k", &FP, LEASE, now),
            Reservation::Replay(response())
        );
        assert_eq!(
            store.reserve_at("k", &OTHER, LEASE, now),
            Reservation::Mismatch
        );
        // A completed entry is neither released nor completed again.
        store.release_at("k", &FP, now);
        let mut changed = response();
        changed.status = 500;
        store.complete_at("k", &FP, changed, KEEP, now);
        assert_eq!(
            store.reserve_at("k", &FP, LEASE, now),
            Reservation::Replay(response())
        );
        // Retention over: the key is free.
        let later = now + KEEP + Duration::from_secs(1);
        assert_eq!(
            store.reserve_at("k", &OTHER, LEASE, later),
            Reservation::Started
        );
    }

    #[test]
    fn release_frees_only_our_in_flight_entry() {
        let store = MemoryIdempotencyStore::new();
        let now = Instant::now();
        assert_eq!(store.reserve_at("k", &FP, LEASE, now), Reservation::Started);
        store.release_at("k", &OTHER, now);
        assert_eq!(
            store.reserve_at("k", &FP, LEASE, now),
            Reservation::InFlight
        );
        store.release_at("k", &FP, now);
        assert_eq!(store.reserve_at("k", &FP, LEASE, now), Reservation::Started);
    }

    #[test]
    fn a_lease_that_ran_out_frees_the_key() {
        let store = MemoryIdempotencyStore::new();
        let now = Instant::now();
        let lease = Duration::from_millis(200);
        assert_eq!(store.reserve_at("k", &FP, lease, now), Reservation::Started);
        let later = now + Duration::from_millis(400);
        // The late completion of the crashed request is not kept.
        store.complete_at("k", &FP, response(), KEEP, later);
        assert_eq!(
            store.reserve_at("k", &OTHER, lease, later),
            Reservation::Started
        );
    }

    #[test]
    fn expired_entries_are_swept_as_the_map_grows() {
        let store = MemoryIdempotencyStore::new();
        let now = Instant::now();
        let short = Duration::from_millis(1);
        for i in 0..MIN_SWEEP_AT {
            store.reserve_at(&format!("k{i}"), &FP, short, now);
        }
        assert_eq!(store.entry_count(), MIN_SWEEP_AT);
        let later = now + Duration::from_secs(1);
        store.reserve_at("fresh", &FP, LEASE, later);
        assert_eq!(store.entry_count(), 1);
    }

    #[tokio::test]
    async fn the_trait_object_runs_the_protocol() {
        let store: Arc<dyn IdempotencyStore> = Arc::new(MemoryIdempotencyStore::new());
        assert_eq!(
            store.reserve("k", &FP, LEASE).await,
            Ok(Reservation::Started)
        );
        assert_eq!(store.complete("k", &FP, response(), KEEP).await, Ok(()));
        assert_eq!(
            store.reserve("k", &FP, LEASE).await,
            Ok(Reservation::Replay(response()))
        );
        assert_eq!(store.release("k", &FP).await, Ok(()));
        assert_eq!(
            store.reserve("k", &FP, LEASE).await,
            Ok(Reservation::Replay(response()))
        );
    }
}
