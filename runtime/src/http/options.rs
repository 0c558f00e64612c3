//! How an application configures its service: authentication (a closure
//! or an [`Authenticate`] implementation), the body limit, the codecs
//! offered, rate limiting, idempotency, trusted proxies and the
//! procedures' implementation.

use crate::http::idempotency::IdempotencyStore;
use crate::http::media::ordered;
use crate::http::procedures::ProcedureService;
use crate::http::ratelimit::{RateLimitConfig, RateLimitStore};
use crate::query::context::Context;
use crate::schema::codec::Format;
use axum::http::request::Parts;
use futures_util::future::BoxFuture;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Upstream's default body limit: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Why a request is not authenticated: answered as 401 with this message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError(pub String);

/// What an authentication answers: at once, or later.
pub type AuthFuture<'a> = futures_util::future::Either<
    std::future::Ready<Result<Context, AuthError>>,
    BoxFuture<'a, Result<Context, AuthError>>,
>;

/// An authentication: the request's head to the context its operations
/// run in. An asynchronous provider answers `AuthFuture::Right(boxed)`; a
/// synchronous one `AuthFuture::Left(ready(..))`, which costs no
/// allocation per request.
pub trait Authenticate: Send + Sync + 'static {
    fn authenticate<'a>(&'a self, parts: &'a Parts) -> AuthFuture<'a>;
}

/// A synchronous closure as an [`Authenticate`].
struct Closure<F>(F);

impl<F, E> Authenticate for Closure<F>
where
    F: Fn(&Parts) -> Result<Context, E> + Send + Sync + 'static,
    E: std::fmt::Display,
{
    fn authenticate<'a>(&'a self, parts: &'a Parts) -> AuthFuture<'a> {
        let result = (self.0)(parts).map_err(|e| AuthError(e.to_string()));
        futures_util::future::Either::Left(std::future::ready(result))
    }
}

/// What a rate limiter does when its store cannot answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreFailure {
    /// Admit the request, but only when the store is unreachable (a
    /// transport failure); a store that answers with an error still
    /// refuses (503).
    FailOpen,
    /// Refuse (503) whatever the failure.
    FailClosed,
}

/// Token-bucket rate limiting per caller.
#[derive(Clone)]
pub struct RateLimit {
    pub store: Arc<dyn RateLimitStore>,
    pub config: RateLimitConfig,
    pub on_store_failure: StoreFailure,
}

/// `Idempotency-Key` handling.
#[derive(Clone)]
pub struct Idempotency {
    pub store: Arc<dyn IdempotencyStore>,
    /// How long a first request holds its key while it runs.
    pub lease: Duration,
    /// How long an answer is kept for replays.
    pub retention: Duration,
}

impl Idempotency {
    pub fn new(store: impl IdempotencyStore) -> Self {
        Idempotency {
            store: Arc::new(store),
            lease: Duration::from_secs(30),
            retention: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// The configuration of [`crate::http`]'s router.
#[derive(Clone)]
pub struct Options {
    pub(crate) auth: Arc<dyn Authenticate>,
    pub(crate) body_limit: usize,
    pub(crate) formats: Vec<Format>,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) idempotency: Option<Idempotency>,
    pub(crate) trusted_proxies: Vec<IpAddr>,
    pub(crate) procedures: Option<Arc<dyn ProcedureService>>,
    #[cfg(feature = "cose")]
    pub(crate) cose: Option<Arc<crate::http::cose::Cose>>,
}

impl Options {
    /// A service authenticating each request with `auth`: its `Err`
    /// becomes a 401 carrying the error's text.
    pub fn new<F, E>(auth: F) -> Self
    where
        F: Fn(&Parts) -> Result<Context, E> + Send + Sync + 'static,
        E: std::fmt::Display,
    {
        Self::with_authenticator(Closure(auth))
    }

    /// A service authenticating with an asynchronous provider.
    pub fn with_authenticator(auth: impl Authenticate) -> Self {
        Options {
            auth: Arc::new(auth),
            body_limit: DEFAULT_BODY_LIMIT,
            formats: ordered(Format::AVAILABLE),
            rate_limit: None,
            idempotency: None,
            trusted_proxies: Vec::new(),
            procedures: None,
            #[cfg(feature = "cose")]
            cose: None,
        }
    }

    /// The largest request body, in bytes (413 beyond).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The codecs offered (CBOR stays the default when offered).
    pub fn formats(mut self, formats: &[Format]) -> Self {
        self.formats = ordered(formats);
        self
    }

    pub fn rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = Some(rate_limit);
        self
    }

    pub fn idempotency(mut self, idempotency: Idempotency) -> Self {
        self.idempotency = Some(idempotency);
        self
    }

    /// Proxies whose `X-Forwarded-For` is believed when they are the peer.
    pub fn trusted_proxies(mut self, proxies: impl IntoIterator<Item = IpAddr>) -> Self {
        self.trusted_proxies = proxies.into_iter().collect();
        self
    }

    /// The COSE envelope: signed or MACed bodies, per operation.
    #[cfg(feature = "cose")]
    pub fn cose(mut self, cose: crate::http::cose::Cose) -> Self {
        self.cose = Some(Arc::new(cose));
        self
    }

    /// The procedures' implementation (a generated `ProcedureDispatcher`);
    /// without one, procedure routes answer 404.
    pub fn procedures(mut self, procedures: impl ProcedureService) -> Self {
        self.procedures = Some(Arc::new(procedures));
        self
    }
}
