//! The envelope on the router: a middleware that runs before the pipeline
//! (so before rate limiting, idempotency and authentication), opens a COSE
//! request body into the plain CBOR the operation reads, and seals the
//! answer. Each operation has a [`Mode`]: `Required` (an unsigned request
//! is 401), `Optional` (a signed request is verified and gets a sealed
//! answer, an unsigned one goes through plain) or `Off` (a COSE body is
//! 415). Every verification failure is the same unsigned 401, so a caller
//! learns nothing about which part was wrong.

use crate::http::cose::aad::RequestBinding;
use crate::http::cose::envelope::{CoseType, open, seal};
use crate::http::cose::keys::{Key, KeyResolver};
use crate::http::cose::nonce::{MemoryNonces, NonceStore, fresh};
use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, IF_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

/// How one operation treats the envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Only sealed requests; an unsigned one is 401.
    Required,
    /// Sealed requests are verified and answered sealed; plain ones pass.
    Optional,
    /// No envelope: a COSE body is 415.
    Off,
}

/// The key a request was verified with: what the rate limiter and
/// idempotency key on, and what an application's authentication reads from
/// the request's extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedKey {
    pub kid: Vec<u8>,
}

/// The envelope's configuration.
#[derive(Clone)]
pub struct Cose {
    pub(crate) keys: Arc<dyn KeyResolver>,
    pub(crate) server_key: Arc<Key>,
    pub(crate) audience: String,
    pub(crate) contract: [u8; 32],
    pub(crate) nonces: Arc<dyn NonceStore>,
    pub(crate) skew_seconds: i64,
    pub(crate) default_mode: Mode,
    pub(crate) modes: HashMap<String, Mode>,
}

impl Cose {
    /// An envelope verifying requests with the keys `keys` resolves and
    /// signing Sign1 answers with `server_key` (Mac0 answers use the
    /// request's shared key), for the service named `audience`, built from
    /// the contract with digest `contract`. Every operation is `Optional`
    /// until said otherwise; nonces are kept in memory; the clock skew
    /// allowed is 300 seconds.
    pub fn new(
        keys: impl KeyResolver,
        server_key: Key,
        audience: impl Into<String>,
        contract: [u8; 32],
    ) -> Cose {
        Cose {
            keys: Arc::new(keys),
            server_key: Arc::new(server_key),
            audience: audience.into(),
            contract,
            nonces: Arc::new(MemoryNonces::new()),
            skew_seconds: 300,
            default_mode: Mode::Optional,
            modes: HashMap::new(),
        }
    }

    /// The mode of every operation not named with [`Cose::mode`].
    pub fn default_mode(mut self, mode: Mode) -> Self {
        self.default_mode = mode;
        self
    }

    /// The mode of the operation `op_id` (`model.book.create`, a
    /// procedure's name).
    pub fn mode(mut self, op_id: impl Into<String>, mode: Mode) -> Self {
        self.modes.insert(op_id.into(), mode);
        self
    }

    /// Where nonces are remembered (one store shared by every replica).
    pub fn nonces(mut self, store: impl NonceStore) -> Self {
        self.nonces = Arc::new(store);
        self
    }

    /// How far a request's issued-at may be from the server's clock.
    pub fn skew_seconds(mut self, seconds: i64) -> Self {
        self.skew_seconds = seconds;
        self
    }

    /// The server's public keys as a COSE_KeySet.
    pub(crate) fn key_set(&self) -> Vec<u8> {
        crate::http::cose::keys::key_set([self.server_key.as_ref()])
    }
}

/// What the middleware needs besides the configuration: each route's op id.
pub(crate) struct Envelope {
    pub(crate) cose: Arc<Cose>,
    /// `(method, route template)` to op id.
    pub(crate) ops: HashMap<(String, String), String>,
    pub(crate) body_limit: usize,
}

/// The one answer to every verification failure.
fn unauthenticated() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        "the request's envelope did not verify",
    )
        .into_response()
}

fn plain(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The COSE structure a `Content-Type` names; `Some(None)` for a COSE type
/// this envelope does not take, `None` for a body that is not COSE.
fn cose_type(headers: &HeaderMap) -> Option<Option<CoseType>> {
    let value = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    let (essence, parameters) = value.split_once(';').unwrap_or((value, ""));
    if !essence.trim().eq_ignore_ascii_case("application/cose") {
        return None;
    }
    let kind = parameters.split(';').find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("cose-type")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    Some(match kind.as_deref() {
        Some("cose-sign1") => Some(CoseType::Sign1),
        Some("cose-mac0") => Some(CoseType::Mac0),
        _ => None,
    })
}

/// The route an operation is bound under: the RPC op id, or the REST
/// template; and the path parameters, in the template's order.
fn route_of(template: &str, path: &str, op: &str) -> (String, Vec<String>) {
    if template.starts_with("/rpc/") {
        return (op.to_string(), Vec::new());
    }
    let params = template
        .split('/')
        .zip(path.split('/'))
        .filter(|(t, _)| t.starts_with('{'))
        .map(|(_, p)| p.to_string())
        .collect();
    (template.to_string(), params)
}

/// One bound header's value: absent is `None`; twice, or not UTF-8, is
/// why the request is a 400.
fn bound_header(headers: &HeaderMap, name: &str) -> Result<Option<String>, &'static str> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err("a bound header is given twice");
    }
    value
        .to_str()
        .map(|v| Some(v.to_string()))
        .map_err(|_| "a bound header is not UTF-8")
}

/// The middleware: opens, runs the operation, seals.
pub(crate) async fn envelope(state: Arc<Envelope>, request: Request, next: Next) -> Response {
    let template = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let Some(template) = template else {
        return next.run(request).await;
    };
    let method = request.method().as_str().to_string();
    let op = if template.starts_with("/rpc/") {
        request
            .uri()
            .path()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string()
    } else {
        match state.ops.get(&(method.clone(), template.clone())) {
            Some(op) => op.clone(),
            None => return next.run(request).await,
        }
    };
    let cose = &state.cose;
    let mode = cose.modes.get(&op).copied().unwrap_or(cose.default_mode);
    let kind = match (cose_type(request.headers()), mode) {
        (None, Mode::Required) => return unauthenticated(),
        (None, _) => return next.run(request).await,
        (Some(_), Mode::Off) => {
            return plain(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "this operation takes no COSE envelope",
            );
        }
        (Some(None), _) => return unauthenticated(),
        (Some(Some(kind)), _) => kind,
    };
    let (mut parts, body) = request.into_parts();
    let sealed = match to_bytes(body, state.body_limit).await {
        Ok(bytes) => bytes,
        Err(_) => return plain(StatusCode::PAYLOAD_TOO_LARGE, "the body is too large"),
    };
    let (route, path_params) = route_of(&template, parts.uri.path(), &op);
    let bound = bound_header(&parts.headers, "idempotency-key")
        .and_then(|key| Ok((key, bound_header(&parts.headers, IF_MATCH.as_str())?)));
    let (idempotency_key, if_match) = match bound {
        Ok(bound) => bound,
        Err(message) => return plain(StatusCode::BAD_REQUEST, message),
    };
    let binding = RequestBinding {
        audience: cose.audience.clone(),
        method,
        route,
        path_params,
        query: parts.uri.query().map(str::to_string),
        contract: cose.contract,
        idempotency_key,
        if_match,
    };
    let Ok(opened) = open(
        &sealed,
        kind,
        cose.keys.as_ref(),
        &binding.request_aad(),
        true,
    ) else {
        return unauthenticated();
    };
    let Some(claims) = opened.claims else {
        return unauthenticated();
    };
    let now = chrono::Utc::now().timestamp();
    if !fresh(claims.issued_at, now, cose.skew_seconds) {
        return unauthenticated();
    }
    let expires_at = claims.issued_at + cose.skew_seconds;
    match cose
        .nonces
        .first_use(opened.key.kid(), &claims.nonce, expires_at)
        .await
    {
        Ok(true) => {}
        Ok(false) => return unauthenticated(),
        Err(_) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the nonce store did not answer",
            );
        }
    }
    // The operation sees plain CBOR and answers CBOR, which is sealed.
    let cbor = HeaderValue::from_static("application/cbor");
    parts.headers.insert(CONTENT_TYPE, cbor.clone());
    parts.headers.insert(ACCEPT, cbor);
    parts.headers.remove(CONTENT_LENGTH);
    parts.extensions.insert(VerifiedKey {
        kid: opened.key.kid().to_vec(),
    });
    let answer = next
        .run(Request::from_parts(parts, Body::from(opened.payload)))
        .await;
    let (mut head, body) = answer.into_parts();
    let Ok(payload) = to_bytes(body, usize::MAX).await else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer could not be read",
        );
    };
    let signer = match kind {
        CoseType::Mac0 => opened.key.as_ref(),
        CoseType::Sign1 => cose.server_key.as_ref(),
    };
    let aad = binding.response_aad(true, &binding.request_digest(&sealed), head.status.as_u16());
    let Ok(sealed_answer) = seal(signer, &payload, &aad, None) else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer could not be sealed",
        );
    };
    head.headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind.media_type()));
    head.headers.remove(CONTENT_LENGTH);
    Response::from_parts(head, Body::from(sealed_answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_their_cose_structure() {
        let headers = |value: &str| {
            let mut map = HeaderMap::new();
            map.insert(CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
            map
        };
        assert_eq!(
            cose_type(&headers("application/cose; cose-type=\"cose-sign1\"")),
            Some(Some(CoseType::Sign1))
        );
        assert_eq!(
            cose_type(&headers("Application/COSE;cose-type=cose-mac0")),
            Some(Some(CoseType::Mac0))
        );
        assert_eq!(cose_type(&headers("application/cose")), Some(None));
        assert_eq!(cose_type(&headers("application/cbor")), None);
    }

    #[test]
    fn rest_routes_bind_their_template_and_parameters() {
        assert_eq!(
            route_of("/books/{id}", "/books/7", "model.book.update"),
            ("/books/{id}".to_string(), vec!["7".to_string()])
        );
        assert_eq!(
            route_of("/rpc/{op_id}", "/rpc/model.book.get", "model.book.get"),
            ("model.book.get".to_string(), Vec::new())
        );
    }
}
