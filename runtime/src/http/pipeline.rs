//! The one path every request takes, in upstream's order of checks:
//! negotiation (406 as `text/plain`, 415), rate limiting (429, or 412 when
//! the caller cannot be told apart), authentication (401), the body (413),
//! `If-Match` (412/400), `Idempotency-Key` (replay, 409, 422), then the
//! operation (whose input is decoded and checked inside). Every answer
//! carries the request's id as `x-request-id` (from `traceparent` when
//! present); once a `tracing` subscriber is installed, each request runs in
//! a span carrying it.

use crate::handle::Handle;
use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::idempotency::{Reservation, StoredResponse, is_valid_key, request_fingerprint};
use crate::http::media::{ResponseMedia, request_format, response_media};
use crate::http::options::{AuthError, StoreFailure};
use crate::http::procedures::{Output, ProcedureRoute};
use crate::http::query::{pairs, parse_list, parse_selection};
use crate::http::ratelimit::RateLimitDecision;
use crate::http::render::{self, Buffered, Rendered};
use crate::http::resource::KeyInput;
use crate::http::state::{State, Target};
use crate::http::store::StoreError;
use crate::schema::codec::Format;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, IF_MATCH, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use futures_util::future::BoxFuture;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tracing::Instrument;

/// Serves one request to `target`.
pub(crate) async fn serve(
    state: Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    request: Request,
) -> Response {
    let id = RequestId::of(request.headers());
    // Until a subscriber is installed there is nothing to record a span
    // in, and building a disabled one still costs a few hundred
    // instructions on every request.
    let span = if tracing::dispatcher::has_been_set() {
        tracing::info_span!(
            "request",
            id = id.as_str(),
            method = %request.method(),
            path = %request.uri().path(),
        )
    } else {
        tracing::Span::none()
    };
    // Boxed once, here: the pipeline's state is a few kilobytes, which
    // every layer of futures above it would otherwise copy.
    let answer = Box::pin(answer(state, target, envelope, key, request));
    id.tag(traced(span, answer).await)
}

/// The request through every check, then the operation: the answer
/// whatever happened.
async fn answer(
    state: Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let admitted = admit(
        &state,
        envelope,
        target.has_body(envelope),
        target.sequence(),
        target.rate_limited(),
        &parts,
        body,
    )
    .await;
    let response = match admitted {
        Ok(admitted) => proceed(&state, target, envelope, key, &parts, &admitted).await,
        Err(response) => response,
    };
    tracing::info!(status = response.status().as_u16(), "answered");
    response
}

/// The answer to a request refused before it reaches an operation (no
/// such route, a path that does not decode): `error`, in the format the
/// client accepts if any, with the request's id.
pub(crate) fn refuse(
    state: &State,
    envelope: Envelope,
    request: &Request,
    error: ApiError,
) -> Response {
    let media = crate::http::media::lenient_media(request.headers(), &state.options.formats);
    let response = render::error(&error, media.format, envelope).into_response();
    RequestId::of(request.headers()).tag(response)
}

/// `future` inside `span`. Without a subscriber the span is disabled and
/// entering it on every poll would only cost time: the future runs bare.
pub(crate) async fn traced<F: Future<Output = Response>>(
    span: tracing::Span,
    future: F,
) -> Response {
    if span.is_disabled() {
        future.await
    } else {
        future.instrument(span).await
    }
}

static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request's id: the trace id of a W3C `traceparent`, else a fresh one
/// (a random prefix drawn once per process and a counter, so minting one
/// costs no system call). Echoed as `x-request-id`.
pub(crate) struct RequestId(HeaderValue);

impl RequestId {
    pub(crate) fn of(headers: &HeaderMap) -> Self {
        static PREFIX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        static TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");
        let traced = headers
            .get(&TRACEPARENT)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split('-').nth(1))
            .filter(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|id| HeaderValue::from_str(id).ok());
        RequestId(traced.unwrap_or_else(|| {
            let prefix = *PREFIX.get_or_init(|| uuid::Uuid::new_v4().as_u64_pair().0);
            let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let id = (u128::from(prefix) << 64) | u128::from(count);
            let mut digits = [0u8; 32];
            for (pair, byte) in digits.chunks_exact_mut(2).zip(id.to_be_bytes()) {
                pair[0] = b"0123456789abcdef"[usize::from(byte >> 4)];
                pair[1] = b"0123456789abcdef"[usize::from(byte & 0xf)];
            }
            // Hex digits are visible ASCII: always a valid header value.
            HeaderValue::from_bytes(&digits).unwrap_or(HeaderValue::from_static("0"))
        }))
    }

    pub(crate) fn as_str(&self) -> &str {
        // Built from visible ASCII only.
        self.0.to_str().unwrap_or_default()
    }

    /// `response` with the id as `x-request-id`.
    pub(crate) fn tag(self, mut response: Response) -> Response {
        response.headers_mut().insert(X_REQUEST_ID.clone(), self.0);
        response
    }
}

/// What the checks before the operation established.
pub(crate) struct Admitted {
    pub media: ResponseMedia,
    pub format: Format,
    pub handle: Handle,
    pub body: Bytes,
    /// `X-RateLimit-*` for the answer.
    pub headers: HeaderMap,
    /// Who the caller is, for idempotency keys.
    pub caller: Option<String>,
}

/// Negotiation, rate limiting, authentication and the body.
pub(crate) async fn admit(
    state: &State,
    envelope: Envelope,
    has_body: bool,
    sequence: bool,
    rate_limited: bool,
    parts: &Parts,
    body: Body,
) -> Result<Admitted, Response> {
    let options = &state.options;
    let media = response_media(&parts.headers, &options.formats, sequence)
        .map_err(|u| render::text(u.status, &u.message))?;
    let fail = |error: ApiError| render::error(&error, media.format, envelope).into_response();
    let format = if has_body {
        request_format(&parts.headers, &options.formats).map_err(fail)?
    } else {
        media.format
    };
    // Only rate limiting and idempotency need to know who calls.
    let caller = if options.rate_limit.is_some() || options.idempotency.is_some() {
        caller(parts, &options.trusted_proxies)
    } else {
        None
    };
    let headers = if rate_limited {
        rate_limit(options, caller.as_deref())
            .await
            .map_err(|(error, retry_after)| {
                let mut response = fail(error);
                if let Some(seconds) = retry_after {
                    render::insert(response.headers_mut(), "retry-after", &seconds.to_string());
                }
                response
            })?
    } else {
        HeaderMap::new()
    };
    let context = options
        .auth
        .authenticate(parts)
        .await
        .map_err(|AuthError(message)| {
            let mut response = fail(ApiError::new(ErrorKind::Unauthorized, message));
            merge(response.headers_mut(), &headers);
            response
        })?;
    let handle = state.handle.with_context(context);
    let body = if has_body {
        read_body(&parts.headers, body, options.body_limit)
            .await
            .map_err(|e| {
                let mut response = fail(e);
                merge(response.headers_mut(), &headers);
                response
            })?
    } else {
        Bytes::new()
    };
    Ok(Admitted {
        media,
        format,
        handle,
        body,
        headers,
        caller,
    })
}

/// Takes one request from `caller`'s rate limit, when the service has
/// one: the `X-RateLimit-*` headers to answer with, or the refusal and
/// the seconds to wait before trying again. The HTTP routes and the
/// WebSocket's requests are limited through here.
pub(crate) async fn rate_limit(
    options: &crate::http::options::Options,
    caller: Option<&str>,
) -> Result<HeaderMap, (ApiError, Option<u64>)> {
    let mut headers = HeaderMap::new();
    let Some(limit) = &options.rate_limit else {
        return Ok(headers);
    };
    let Some(key) = caller else {
        return Err((unidentified(), None));
    };
    match limit.store.consume(key, limit.config).await {
        Ok(RateLimitDecision::Allowed { remaining }) => {
            render::insert(
                &mut headers,
                "x-ratelimit-limit",
                &limit.config.burst.to_string(),
            );
            render::insert(
                &mut headers,
                "x-ratelimit-remaining",
                &remaining.to_string(),
            );
            Ok(headers)
        }
        Ok(RateLimitDecision::Throttled { retry_after_secs }) => Err((
            ApiError::new(ErrorKind::TooManyRequests, "rate limit exceeded"),
            Some(u64::from(retry_after_secs)),
        )),
        Err(StoreError::Unavailable(cause)) if limit.on_store_failure == StoreFailure::FailOpen => {
            tracing::warn!(%cause, "rate-limit store unreachable: admitting (fail open)");
            Ok(headers)
        }
        Err(cause) => {
            tracing::error!(%cause, "rate-limit store failed: refusing");
            Err((
                ApiError::new(ErrorKind::Unavailable, "the rate limiter is unavailable"),
                None,
            ))
        }
    }
}

pub(crate) fn unidentified() -> ApiError {
    ApiError::new(
        ErrorKind::PreconditionFailed,
        "the caller cannot be identified: send Authorization, or serve with connect info",
    )
}

pub(crate) fn merge(into: &mut HeaderMap, from: &HeaderMap) {
    for (name, value) in from {
        into.insert(name.clone(), value.clone());
    }
}

/// The rate-limit and idempotency identity of a caller: the key its COSE
/// envelope verified with, else a hash of its `Authorization`, else its
/// address (through trusted proxies only).
pub(crate) fn caller(parts: &Parts, trusted: &[IpAddr]) -> Option<String> {
    #[cfg(feature = "cose")]
    if let Some(key) = parts.extensions.get::<crate::http::cose::VerifiedKey>() {
        return Some(format!("cose:{}", hex(&key.kid)));
    }
    if let Some(authorization) = parts.headers.get(AUTHORIZATION) {
        return Some(format!(
            "auth:{}",
            hex(&Sha256::digest(authorization.as_bytes()))
        ));
    }
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
    let mut address = peer;
    if trusted.contains(&peer) {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        // Right to left: the first hop no trusted proxy vouches for.
        for hop in forwarded.iter().rev() {
            address = *hop;
            if !trusted.contains(hop) {
                break;
            }
        }
    }
    Some(format!("ip:{address}"))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)]);
        out.push(DIGITS[usize::from(byte & 0xf)]);
    }
    // Hex digits are ASCII: this never fails.
    String::from_utf8(out).unwrap_or_default()
}

async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("the request body is larger than {limit} bytes"),
        )
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(_) => Err(ApiError::bad_request("the request body could not be read")),
    }
}

/// `If-Match: "<version>"` on writes to an `@version` model: required.
fn if_match(headers: &HeaderMap, versioned: bool) -> Result<Option<i64>, ApiError> {
    if !versioned {
        return Ok(None);
    }
    let Some(value) = headers.get(IF_MATCH) else {
        return Err(ApiError::new(
            ErrorKind::PreconditionFailed,
            "If-Match header required",
        ));
    };
    let text = value.to_str().unwrap_or_default().trim();
    let unquoted = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    unquoted
        .parse::<i64>()
        .map(Some)
        .map_err(|_| ApiError::bad_request("If-Match must be a strong ETag of a version"))
}

/// An admitted request: its preconditions, then the operation, under its
/// `Idempotency-Key` when it has one.
async fn proceed(
    state: &Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    parts: &Parts,
    admitted: &Admitted,
) -> Response {
    let media = admitted.media;
    let fail = |error: ApiError| finish(Err(error), admitted, envelope);
    let version = match if_match_for(state, target, &parts.headers) {
        Ok(version) => version,
        Err(error) => return fail(error),
    };
    let idempotency = match &state.options.idempotency {
        Some(config) if target.idempotent() => match idempotency_key(&parts.headers) {
            Ok(Some(key)) => Some((config, key)),
            Ok(None) => None,
            Err(error) => return fail(error),
        },
        _ => None,
    };
    if let Some((config, idempotency_key)) = idempotency {
        let call = Call {
            state,
            target,
            envelope,
            key,
            version,
            parts,
            admitted,
        };
        // Boxed: the rarer path keeps its state out of every request's
        // future.
        return Box::pin(idempotent(call, config, idempotency_key)).await;
    }
    let query = parts.uri.query();
    let rendered = match start(state, target, envelope, key, version, query, admitted) {
        // A model operation, awaited here rather than through `run`: one
        // future fewer on the path most requests take.
        Ok(Started::Model(future)) => future.await.map(Rendered::Buffered),
        Ok(started) => Box::pin(complete(started, media)).await,
        Err(error) => Err(error),
    };
    finish(rendered, admitted, envelope)
}

/// One admitted request, for the idempotent path.
struct Call<'a> {
    state: &'a Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    version: Option<i64>,
    parts: &'a Parts,
    admitted: &'a Admitted,
}

/// Runs `call` under an `Idempotency-Key`: reserve, run, keep or release.
async fn idempotent(
    call: Call<'_>,
    config: &crate::http::options::Idempotency,
    idempotency_key: String,
) -> Response {
    let (admitted, envelope) = (call.admitted, call.envelope);
    let media = admitted.media;
    let fail = |error: ApiError| finish(Err(error), admitted, envelope);
    let Some(caller) = &admitted.caller else {
        return fail(unidentified());
    };
    // Header keys and batch frames' `idem` live in separate namespaces.
    let scoped = format!("{caller}:h:{idempotency_key}");
    let fingerprint = fingerprint(call.parts, media, &admitted.body);
    match config
        .store
        .reserve(&scoped, &fingerprint, config.lease)
        .await
    {
        Ok(Reservation::Started) => {}
        Ok(Reservation::Replay(stored)) => return replayed(stored, &admitted.headers),
        Ok(Reservation::InFlight) => {
            let mut response = fail(ApiError::new(
                ErrorKind::Conflict,
                "a request with this Idempotency-Key is still in progress",
            ));
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            return response;
        }
        Ok(Reservation::Mismatch) => {
            return fail(ApiError::validation(
                "this Idempotency-Key was used with a different request",
            ));
        }
        Err(cause) => {
            tracing::error!(%cause, "idempotency store failed");
            return fail(ApiError::new(
                ErrorKind::Unavailable,
                "the idempotency store is unavailable",
            ));
        }
    }
    let rendered = run(
        call.state,
        call.target,
        envelope,
        call.key,
        call.version,
        call.parts.uri.query(),
        admitted,
    )
    .await;
    let outcome = match &rendered {
        Ok(Rendered::Buffered(buffered)) if buffered.status.as_u16() < 500 => {
            Some(buffered.stored())
        }
        Err(error) if error.status().as_u16() < 500 => {
            Some(render::error(error, media.format, envelope).stored())
        }
        // Server failures and streams are not kept: a retry runs again.
        _ => None,
    };
    let kept = match outcome {
        Some(stored) => {
            config
                .store
                .complete(&scoped, &fingerprint, stored, config.retention)
                .await
        }
        None => config.store.release(&scoped, &fingerprint).await,
    };
    if let Err(cause) = kept {
        tracing::error!(%cause, "idempotency store failed to record an answer");
    }
    finish(rendered, admitted, envelope)
}

fn finish(
    rendered: Result<Rendered, ApiError>,
    admitted: &Admitted,
    envelope: Envelope,
) -> Response {
    let mut response = match rendered {
        Ok(rendered) => rendered.into_response(),
        Err(error) => render::error(&error, admitted.media.format, envelope).into_response(),
    };
    merge(response.headers_mut(), &admitted.headers);
    response
}

fn replayed(stored: StoredResponse, extra: &HeaderMap) -> Response {
    let mut headers = HeaderMap::new();
    for (name, value) in &stored.headers {
        if let (Ok(name), Ok(value)) = (
            axum::http::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    merge(&mut headers, extra);
    render::insert(&mut headers, "idempotency-replayed", "true");
    Buffered {
        status: StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
        headers,
        body: stored.body,
    }
    .into_response()
}

/// `Idempotency-Key`: 1 to 255 visible ASCII characters.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if is_valid_key(key) => Ok(Some(key.to_string())),
        _ => Err(ApiError::bad_request(
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )),
    }
}

/// What makes two requests "the same" for idempotency: the route, the
/// body and its type, the answer asked for, and the version required.
fn fingerprint(parts: &Parts, media: ResponseMedia, body: &[u8]) -> [u8; 32] {
    let header = |name| {
        parts
            .headers
            .get(name)
            .map(|v: &HeaderValue| v.as_bytes())
            .unwrap_or_default()
    };
    request_fingerprint(&[
        parts.method.as_str().as_bytes(),
        parts.uri.path().as_bytes(),
        parts.uri.query().unwrap_or_default().as_bytes(),
        header(CONTENT_TYPE),
        media.content_type().as_bytes(),
        header(IF_MATCH),
        body,
    ])
}

/// The `If-Match` version an update or delete of an `@version` model
/// requires, checked before anything is reserved or run.
fn if_match_for(
    state: &State,
    target: Target,
    headers: &HeaderMap,
) -> Result<Option<i64>, ApiError> {
    match target {
        Target::Update(index) | Target::Delete(index) => if_match(
            headers,
            state.models[index].shape().descriptor.version.is_some(),
        ),
        _ => Ok(None),
    }
}

/// An operation under way: what [`start`] set running.
enum Started<'a> {
    Model(BoxFuture<'static, Result<Buffered, ApiError>>),
    Procedure(
        BoxFuture<'a, Result<Output, ApiError>>,
        &'static ProcedureRoute,
    ),
}

/// Decodes what the operation needs from the request and sets it running.
/// Not `async`: the parsing happens on the stack, and only the started
/// future is kept across the await.
fn start<'a>(
    state: &'a Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    version: Option<i64>,
    query: Option<&str>,
    admitted: &'a Admitted,
) -> Result<Started<'a>, ApiError> {
    let handle = admitted.handle.clone();
    let format = admitted.format;
    let media = admitted.media;
    let body = &admitted.body;
    let key_input = |key: Option<String>| match key {
        Some(key) => KeyInput::Path(key),
        None => KeyInput::Body(format, body.clone()),
    };
    Ok(Started::Model(match target {
        Target::List(index) => {
            let model = &state.models[index];
            let query = match envelope {
                Envelope::Rest => parse_list(model.shape(), &pairs(query)?)?,
                Envelope::Rpc => crate::http::inputs::list_query(model.shape(), format, body)?,
            };
            model.list(handle, query, media)
        }
        Target::Get(index) => {
            let model = &state.models[index];
            let selection = match (envelope, query) {
                (Envelope::Rest, Some(query)) => {
                    parse_selection(model.shape(), &pairs(Some(query))?)?
                }
                _ => Default::default(),
            };
            model.get(handle, key_input(key), selection, media)
        }
        Target::Create(index) => state.models[index].create(handle, format, body.clone(), media),
        Target::Update(index) => {
            state.models[index].update(handle, key, format, body.clone(), version, media)
        }
        Target::Delete(index) => state.models[index].delete(handle, key_input(key), version, media),
        Target::Subscribe(index) => {
            return Err(ApiError::bad_request(format!(
                "`model.{}.subscribe` is a subscription: open it with GET /rpc/subscribe/{{op_id}} \
                 or over the WebSocket at /rpc/ws",
                state.subscriptions[index].model()
            )));
        }
        Target::Procedure(route) => {
            let Some(procedures) = &state.options.procedures else {
                return Err(ApiError::new(
                    ErrorKind::NotFound,
                    format!("unknown procedure `{}`", route.name),
                ));
            };
            return Ok(Started::Procedure(
                procedures.call(handle, route.name, format, body),
                route,
            ));
        }
    }))
}

/// Runs the operation and renders its answer.
async fn run(
    state: &Arc<State>,
    target: Target,
    envelope: Envelope,
    key: Option<String>,
    version: Option<i64>,
    query: Option<&str>,
    admitted: &Admitted,
) -> Result<Rendered, ApiError> {
    complete(
        start(state, target, envelope, key, version, query, admitted)?,
        admitted.media,
    )
    .await
}

/// Awaits a started operation and renders its answer.
async fn complete(started: Started<'_>, media: ResponseMedia) -> Result<Rendered, ApiError> {
    match started {
        Started::Model(future) => future.await.map(Rendered::Buffered),
        Started::Procedure(future, route) => {
            let output = future.await?;
            let status = route
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::OK);
            let mut headers = HeaderMap::new();
            if let Some(message) = route.deprecated {
                render::insert(&mut headers, "deprecation", "true");
                if let Some(message) = message {
                    render::insert(&mut headers, "x-deprecation", message);
                }
            }
            // Boxed: a stream's rendering is large, and rare.
            Box::pin(render::output(output, status, media, headers)).await
        }
    }
}

/// Runs one RPC op for a batch frame: everything after admission. A
/// frame's version comes from the frame (`if_match`), never from the
/// batch's headers: an update or delete of an `@version` model needs it.
pub(crate) async fn run_frame(
    state: &Arc<State>,
    target: Target,
    if_match: Option<i64>,
    admitted: &Admitted,
) -> Result<Rendered, ApiError> {
    let version = match target {
        Target::Update(index) | Target::Delete(index)
            if state.models[index].shape().descriptor.version.is_some() =>
        {
            Some(if_match.ok_or_else(|| {
                ApiError::new(
                    ErrorKind::PreconditionFailed,
                    "a frame writing an @version model needs if_match",
                )
            })?)
        }
        _ => None,
    };
    run(state, target, Envelope::Rpc, None, version, None, admitted).await
}
