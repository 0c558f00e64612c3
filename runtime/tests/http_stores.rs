//! The HTTP layer's shared stores against a real Redis at 127.0.0.1:6379
//! (a missing server fails these tests; it never skips them): replicas
//! sharing one rate-limit budget, atomicity under concurrency, refill,
//! an outage answering `Unavailable` promptly (a private `redis-server`
//! that the test kills), a server error answering `Failed`, and the
//! idempotency protocol. The protocol checks run against the memory stores
//! too, so both backends are held to the same behaviour.
//!
//! Every test works under its own key prefix (process id and a counter)
//! and deletes its keys at the end, so runs never see each other's state.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cstack_runtime::http::idempotency::memory::MemoryIdempotencyStore;
use cstack_runtime::http::idempotency::redis::RedisIdempotencyStore;
use cstack_runtime::http::idempotency::{IdempotencyStore, Reservation, StoredResponse};
use cstack_runtime::http::ratelimit::memory::MemoryRateLimitStore;
use cstack_runtime::http::ratelimit::redis::{RedisRateLimitStore, connect_manager};
use cstack_runtime::http::ratelimit::{RateLimitConfig, RateLimitDecision, RateLimitStore};
use cstack_runtime::http::store::StoreError;
use redis::aio::ConnectionManager;

const REDIS_URL: &str = "redis://127.0.0.1:6379/";

/// A prefix no other test (or concurrent run) uses.
fn unique_prefix(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("cstack-test:{}:{n}:{test}", std::process::id())
}

/// A fresh connection to the machine's Redis; its absence fails the test.
async fn manager() -> ConnectionManager {
    match connect_manager(REDIS_URL).await {
        Ok(manager) => manager,
        Err(err) => panic!(
            "these tests need a Redis server at {REDIS_URL} (start one with `redis-server`): {err}"
        ),
    }
}

/// Deletes every key under `prefix`.
async fn clean_up(prefix: &str) {
    let mut connection = manager().await;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}:*"))
        .query_async(&mut connection)
        .await
        .expect("KEYS");
    if !keys.is_empty() {
        let () = redis::cmd("DEL")
            .arg(keys)
            .query_async(&mut connection)
            .await
            .expect("DEL");
    }
}

fn is_allowed(decision: &RateLimitDecision) -> bool {
    matches!(decision, RateLimitDecision::Allowed { .. })
}

#[tokio::test]
async fn two_replicas_share_one_budget() {
    let prefix = unique_prefix("share");
    // Two connection managers: two replicas of the service.
    let first = RedisRateLimitStore::new(manager().await, &prefix);
    let second = RedisRateLimitStore::new(manager().await, &format!("{prefix}:"));
    let config = RateLimitConfig::new(5, 0.0);
    let mut decisions = Vec::new();
    for _ in 0..3 {
        decisions.push(first.consume("user-1", config).await.expect("consume"));
    }
    for _ in 0..3 {
        decisions.push(second.consume("user-1", config).await.expect("consume"));
    }
    assert_eq!(
        decisions,
        [
            RateLimitDecision::Allowed { remaining: 4 },
            RateLimitDecision::Allowed { remaining: 3 },
            RateLimitDecision::Allowed { remaining: 2 },
            RateLimitDecision::Allowed { remaining: 1 },
            RateLimitDecision::Allowed { remaining: 0 },
            RateLimitDecision::Throttled {
                retry_after_secs: 86_400
            },
        ]
    );
    // Another caller has a budget of its own.
    assert_eq!(
        second.consume("user-2", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 4 })
    );
    clean_up(&prefix).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_never_spend_a_token_twice() {
    let prefix = unique_prefix("concurrent");
    let stores: [Arc<dyn RateLimitStore>; 2] = [
        Arc::new(RedisRateLimitStore::new(manager().await, &prefix)),
        Arc::new(RedisRateLimitStore::new(manager().await, &prefix)),
    ];
    let config = RateLimitConfig::new(10, 0.001);
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let store = Arc::clone(&stores[i % 2]);
            tokio::spawn(async move { store.consume("hot-key", config).await })
        })
        .collect();
    let mut decisions = Vec::new();
    for task in tasks {
        decisions.push(task.await.expect("task").expect("consume"));
    }
    assert_eq!(decisions.iter().filter(|d| is_allowed(d)).count(), 10);
    for decision in &decisions {
        if let RateLimitDecision::Throttled { retry_after_secs } = decision {
            assert!(*retry_after_secs >= 1, "{decision:?}");
        }
    }
    clean_up(&prefix).await;
}

#[tokio::test]
async fn buckets_refill_by_the_server_clock() {
    let prefix = unique_prefix("refill");
    let store = RedisRateLimitStore::new(manager().await, &prefix);
    let config = RateLimitConfig::new(1, 20.0);
    assert_eq!(
        store.consume("k", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 0 })
    );
    assert_eq!(
        store.consume("k", config).await,
        Ok(RateLimitDecision::Throttled {
            retry_after_secs: 1
        })
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        store.consume("k", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 0 })
    );
    // The bucket expires once it would be full again (1/20 s + 60 s).
    let mut connection = manager().await;
    let ttl: i64 = redis::cmd("TTL")
        .arg(store.storage_key("k"))
        .query_async(&mut connection)
        .await
        .expect("TTL");
    assert!((55..=61).contains(&ttl), "ttl {ttl}");
    clean_up(&prefix).await;
}

/// A `redis-server` of this test's own, killed when dropped.
struct PrivateRedis {
    child: Child,
    port: u16,
}

impl PrivateRedis {
    fn start() -> PrivateRedis {
        // A port that was free a moment ago.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string()])
            .args(["--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("`redis-server` must be on PATH for this test");
        let server = PrivateRedis { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.kill();
    }
}

#[tokio::test]
async fn a_dead_server_is_unavailable_promptly() {
    let mut server = PrivateRedis::start();
    let store = RedisRateLimitStore::connect(&server.url(), "outage")
        .await
        .expect("connect to the private redis-server");
    let idempotency = RedisIdempotencyStore::connect(&server.url(), "outage")
        .await
        .expect("connect to the private redis-server");
    let config = RateLimitConfig::new(5, 1.0);
    assert_eq!(
        store.consume("k", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 4 })
    );
    server.kill();
    for attempt in 0..3 {
        let started = Instant::now();
        let result = store.consume("k", config).await;
        let took = started.elapsed();
        assert!(
            matches!(result, Err(StoreError::Unavailable(_))),
            "attempt {attempt}: {result:?}"
        );
        assert!(
            took < Duration::from_millis(2500),
            "attempt {attempt} took {took:?}"
        );
    }
    let started = Instant::now();
    let result = idempotency
        .reserve("k", &[0; 32], Duration::from_secs(5))
        .await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(2500));
}

#[tokio::test]
async fn connecting_to_nothing_is_unavailable() {
    // A port nothing listens on (bound, then released).
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let started = Instant::now();
    let result = RedisRateLimitStore::connect(&format!("redis://127.0.0.1:{port}/"), "x").await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[tokio::test]
async fn a_server_error_is_a_failure() {
    let prefix = unique_prefix("wrongtype");
    let mut connection = manager().await;
    let limiter = RedisRateLimitStore::new(connection.clone(), &prefix);
    let idempotency = RedisIdempotencyStore::new(connection.clone(), &prefix);
    // The keys hold strings, so the scripts' HMGET fails with WRONGTYPE.
    for key in [limiter.storage_key("k"), idempotency.storage_key("k")] {
        let () = redis::cmd("SET")
            .arg(key)
            .arg("not a hash")
            .query_async(&mut connection)
            .await
            .expect("SET");
    }
    let result = limiter.consume("k", RateLimitConfig::new(5, 1.0)).await;
    assert!(matches!(result, Err(StoreError::Failed(_))), "{result:?}");
    let result = idempotency
        .reserve("k", &[0; 32], Duration::from_secs(5))
        .await;
    assert!(matches!(result, Err(StoreError::Failed(_))), "{result:?}");
    clean_up(&prefix).await;
}

fn response() -> StoredResponse {
    StoredResponse {
        status: 201,
        headers: vec![
            ("content-type".to_owned(), "application/cbor".to_owned()),
            ("location".to_owned(), "/users/7".to_owned()),
        ],
        // Every byte value, so nothing is lost to a text encoding.
        body: (0..=255u8).rev().collect(),
    }
}

/// The idempotency protocol, the same for every store.
async fn check_idempotency_protocol(store: &dyn IdempotencyStore) {
    let fp = [7u8; 32];
    let other = [8u8; 32];
    let lease = Duration::from_secs(30);
    let keep = Duration::from_secs(60);

    assert_eq!(
        store.reserve("a", &fp, lease).await,
        Ok(Reservation::Started)
    );
    assert_eq!(
        store.reserve("a", &fp, lease).await,
        Ok(Reservation::InFlight)
    );
    assert_eq!(
        store.reserve("a", &other, lease).await,
        Ok(Reservation::Mismatch)
    );
    // Another request's completion or release does not touch our entry.
    assert_eq!(store.complete("a", &other, response(), keep).await, Ok(()));
    assert_eq!(store.release("a", &other).await, Ok(()));
    assert_eq!(
        store.reserve("a", &fp, lease).await,
        Ok(Reservation::InFlight)
    );

    assert_eq!(store.complete("a", &fp, response(), keep).await, Ok(()));
    let replay = store.reserve("a", &fp, lease).await;
    assert_eq!(replay, Ok(Reservation::Replay(response())));
    if let Ok(Reservation::Replay(stored)) = replay {
        assert_eq!(stored.body, response().body);
    }
    assert_eq!(
        store.reserve("a", &other, lease).await,
        Ok(Reservation::Mismatch)
    );
    // A completed entry is neither released nor overwritten.
    assert_eq!(store.release("a", &fp).await, Ok(()));
    let mut second = response();
    second.status = 500;
    assert_eq!(store.complete("a", &fp, second, keep).await, Ok(()));
    assert_eq!(
        store.reserve("a", &fp, lease).await,
        Ok(Reservation::Replay(response()))
    );

    // Reserved then released: free again, for any request.
    assert_eq!(
        store.reserve("b", &fp, lease).await,
        Ok(Reservation::Started)
    );
    assert_eq!(store.release("b", &fp).await, Ok(()));
    assert_eq!(
        store.reserve("b", &other, lease).await,
        Ok(Reservation::Started)
    );

    // A lease that runs out frees the key; the late completion is dropped.
    let short = Duration::from_millis(200);
    assert_eq!(
        store.reserve("c", &fp, short).await,
        Ok(Reservation::Started)
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(store.complete("c", &fp, response(), keep).await, Ok(()));
    assert_eq!(
        store.reserve("c", &fp, short).await,
        Ok(Reservation::Started)
    );

    // A retention that runs out frees the key too.
    assert_eq!(
        store.reserve("d", &fp, lease).await,
        Ok(Reservation::Started)
    );
    assert_eq!(
        store
            .complete("d", &fp, response(), Duration::from_millis(200))
            .await,
        Ok(())
    );
    assert_eq!(
        store.reserve("d", &fp, lease).await,
        Ok(Reservation::Replay(response()))
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        store.reserve("d", &other, lease).await,
        Ok(Reservation::Started)
    );
}

#[tokio::test]
async fn idempotency_through_redis() {
    let prefix = unique_prefix("idem");
    let store = RedisIdempotencyStore::new(manager().await, &prefix);
    check_idempotency_protocol(&store).await;
    // The entry lives under the hashed key, and expires.
    let mut connection = manager().await;
    let ttl: i64 = redis::cmd("PTTL")
        .arg(store.storage_key("a"))
        .query_async(&mut connection)
        .await
        .expect("PTTL");
    assert!((1..=60_000).contains(&ttl), "pttl {ttl}");
    clean_up(&prefix).await;
}

#[tokio::test]
async fn idempotency_in_memory() {
    check_idempotency_protocol(&MemoryIdempotencyStore::new()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_replicas_start_a_request_once() {
    let prefix = unique_prefix("idem-race");
    let stores: [Arc<dyn IdempotencyStore>; 2] = [
        Arc::new(RedisIdempotencyStore::new(manager().await, &prefix)),
        Arc::new(RedisIdempotencyStore::new(manager().await, &prefix)),
    ];
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = Arc::clone(&stores[i % 2]);
            tokio::spawn(async move {
                store
                    .reserve("shared", &[1; 32], Duration::from_secs(30))
                    .await
            })
        })
        .collect();
    let mut started = 0;
    for task in tasks {
        match task.await.expect("task").expect("reserve") {
            Reservation::Started => started += 1,
            Reservation::InFlight => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(started, 1);
    clean_up(&prefix).await;
}

/// The rate-limit behaviour, the same for every store.
async fn check_rate_limit_protocol(store: &dyn RateLimitStore) {
    let config = RateLimitConfig::new(2, 20.0);
    assert_eq!(
        store.consume("r", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 1 })
    );
    assert_eq!(
        store.consume("r", config).await,
        Ok(RateLimitDecision::Allowed { remaining: 0 })
    );
    assert_eq!(
        store.consume("r", config).await,
        Ok(RateLimitDecision::Throttled {
            retry_after_secs: 1
        })
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(is_allowed(
        &store.consume("r", config).await.expect("consume")
    ));
    // Slow refill: the wait is rounded up to whole seconds.
    let slow = RateLimitConfig::new(1, 0.25);
    assert!(is_allowed(
        &store.consume("s", slow).await.expect("consume")
    ));
    assert_eq!(
        store.consume("s", slow).await,
        Ok(RateLimitDecision::Throttled {
            retry_after_secs: 4
        })
    );
}

#[tokio::test]
async fn rate_limits_through_redis() {
    let prefix = unique_prefix("rl");
    check_rate_limit_protocol(&RedisRateLimitStore::new(manager().await, &prefix)).await;
    clean_up(&prefix).await;
}

#[tokio::test]
async fn rate_limits_in_memory() {
    check_rate_limit_protocol(&MemoryRateLimitStore::new()).await;
}

#[tokio::test]
async fn the_memory_limiter_stays_bounded_under_key_rotation() {
    let store = MemoryRateLimitStore::with_max_buckets(50);
    let config = RateLimitConfig::new(3, 0.0);
    for i in 0..5_000 {
        store
            .consume(&format!("rotating-{i}"), config)
            .await
            .expect("consume");
    }
    assert!(
        store.bucket_count() <= 50,
        "{} buckets",
        store.bucket_count()
    );
}
