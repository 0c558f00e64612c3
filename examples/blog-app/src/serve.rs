//! `blog-app serve`: the schema's REST API over the generated router, on
//! an SQLite file. A request acts for the author its
//! `Authorization: Bearer <id>` (or `Bearer <id>:<role>`) names, or
//! anonymously without one; rate limiting and idempotency use the
//! in-memory stores. `RUST_LOG`-style filtering is not wired: every
//! request's span and answer are logged at `info`.

use blog_data::http::idempotency::memory::MemoryIdempotencyStore;
use blog_data::http::ratelimit::RateLimitConfig;
use blog_data::http::ratelimit::memory::MemoryRateLimitStore;
use blog_data::http::{self, Idempotency, Options, RateLimit, StoreFailure, axum};
use blog_data::runtime::Context;
use blog_data::{Db, Session};
use std::net::SocketAddr;
use std::sync::Arc;

/// The principal a request acts for.
fn authenticate(parts: &axum::http::request::Parts) -> Result<Context, &'static str> {
    let Some(header) = parts.headers.get(axum::http::header::AUTHORIZATION) else {
        return Ok(Context::anonymous());
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or("expected `Authorization: Bearer <author id>`")?;
    let (id, role) = token.split_once(':').unwrap_or((token, "author"));
    let id = id
        .parse()
        .map_err(|_| "the bearer token is not an author id")?;
    Ok(Context::authenticated(Session {
        id,
        role: role.to_string(),
    }))
}

pub async fn run(arguments: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let address: SocketAddr = arguments
        .first()
        .map_or("127.0.0.1:8080", String::as_str)
        .parse()?;
    let path = arguments.get(1).map_or_else(
        || std::env::temp_dir().join("blog.sqlite"),
        std::path::PathBuf::from,
    );
    tracing_subscriber::fmt().with_target(false).init();
    let db = Db::open_sqlite(&path).await?;
    let options = Options::new(authenticate)
        .rate_limit(RateLimit {
            store: Arc::new(MemoryRateLimitStore::new()),
            config: RateLimitConfig::new(100, 20.0),
            on_store_failure: StoreFailure::FailClosed,
        })
        .idempotency(Idempotency::new(MemoryIdempotencyStore::new()));
    let router = http::router(db, options);
    let listener = tokio::net::TcpListener::bind(address).await?;
    println!(
        "serving {} on http://{} (try: curl -H 'Accept: application/json' http://{}/posts)",
        path.display(),
        listener.local_addr()?,
        listener.local_addr()?
    );
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
