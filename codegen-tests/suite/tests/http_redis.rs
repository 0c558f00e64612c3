//! The generated service with Redis stores, against the machine's Redis
//! (127.0.0.1:6379; missing is a failure): two routers standing for two
//! replicas share one rate-limit budget exactly, an idempotent request
//! replays through the other replica, and a Redis that stops makes the
//! chosen failure policy hold (a private `redis-server`, killed mid-test).

use cstack_codegen_suite::{Scratch, Served};
use http_db::Db;
use http_db::http::idempotency::redis::RedisIdempotencyStore;
use http_db::http::ratelimit::RateLimitConfig;
use http_db::http::ratelimit::redis::{RedisRateLimitStore, connect_manager};
use http_db::http::{self, Idempotency, Options, RateLimit, StoreFailure};
use http_db::runtime::Context;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

const REDIS: &str = "redis://127.0.0.1:6379";

fn prefix(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("cstack-suite:{test}:{}:{nanos}", std::process::id())
}

fn anonymous(_: &http::axum::http::request::Parts) -> Result<Context, String> {
    Ok(Context::anonymous())
}

async fn limited(db: &Db, url: &str, prefix: &str, burst: u32, failure: StoreFailure) -> Served {
    let manager = connect_manager(url)
        .await
        .unwrap_or_else(|e| panic!("these tests need Redis at {url}: {e}"));
    let store = RedisRateLimitStore::new(manager, prefix).with_timeout(Duration::from_millis(500));
    let options = Options::new(anonymous).rate_limit(RateLimit {
        store: Arc::new(store),
        config: RateLimitConfig::new(burst, 0.001),
        on_store_failure: failure,
    });
    Served::start(http::router(db.clone(), options)).await
}

#[tokio::test]
async fn two_replicas_share_one_budget() {
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let prefix = prefix("budget");
    let replicas = [
        limited(&db, REDIS, &prefix, 10, StoreFailure::FailClosed).await,
        limited(&db, REDIS, &prefix, 10, StoreFailure::FailClosed).await,
    ];
    let client = reqwest::Client::new();
    let requests = (0..50).map(|i| {
        let request = client
            .get(replicas[i % 2].url("/authors"))
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, "Bearer shared");
        async move { request.send().await.expect("an answer").status() }
    });
    let statuses = futures_util::future::join_all(requests).await;
    let admitted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((admitted, throttled), (10, 40), "{statuses:?}");
}

#[tokio::test]
async fn an_idempotent_request_replays_through_another_replica() {
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let prefix = prefix("idempotency");
    let mut replicas = Vec::new();
    for _ in 0..2 {
        let manager = connect_manager(REDIS)
            .await
            .expect("Redis at 127.0.0.1:6379");
        let options = Options::new(anonymous).idempotency(Idempotency::new(
            RedisIdempotencyStore::new(manager, &prefix),
        ));
        replicas.push(Served::start(http::router(db.clone(), options)).await);
    }
    let client = reqwest::Client::new();
    let post = |replica: &Served, email: &str| {
        client
            .post(replica.url("/authors"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, "Bearer one")
            .header("idempotency-key", "create-ada")
            .body(json!({"name": "Ada", "email": email}).to_string())
            .send()
    };
    let first = post(&replicas[0], "ada@example.com").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = first.text().await.unwrap();
    let again = post(&replicas[1], "ada@example.com").await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotency-replayed"], "true");
    assert_eq!(again.text().await.unwrap(), first);
    let other = post(&replicas[1], "bob@example.com").await.unwrap();
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        db.author()
            .count(http_db::runtime::Filter::all())
            .await
            .unwrap(),
        1
    );
}

/// A private `redis-server`, killed when dropped.
struct PrivateRedis {
    child: std::process::Child,
    port: u16,
}

impl PrivateRedis {
    async fn start() -> PrivateRedis {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server is installed");
        // Killed by `Drop` whichever way this returns.
        let redis = PrivateRedis { child, port };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return redis;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the private redis-server did not start");
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

#[tokio::test]
async fn a_stopped_redis_fails_open_or_closed_as_chosen() {
    let scratch = Scratch::new().await;
    let db = Db::open_sqlite(scratch.sqlite_path()).await.unwrap();
    let mut redis = PrivateRedis::start().await;
    let prefix = prefix("outage");
    let open = limited(&db, &redis.url(), &prefix, 100, StoreFailure::FailOpen).await;
    let closed = limited(&db, &redis.url(), &prefix, 100, StoreFailure::FailClosed).await;
    let client = reqwest::Client::new();
    let get = |served: &Served| {
        client
            .get(served.url("/authors"))
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, "Bearer x")
            .send()
    };
    assert_eq!(get(&open).await.unwrap().status(), StatusCode::OK);
    assert_eq!(get(&closed).await.unwrap().status(), StatusCode::OK);
    redis.stop();
    let started = std::time::Instant::now();
    let response = get(&open).await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "fail open admits on a transport failure"
    );
    assert!(response.headers().get("x-ratelimit-remaining").is_none());
    let response = get(&closed).await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "fail closed refuses"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "UNAVAILABLE");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
