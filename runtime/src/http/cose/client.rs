//! The calling side of the envelope: seals a request for a service and
//! opens the service's sealed answer, so Rust services can call each other
//! through the envelope. The request's binding (route, path parameters,
//! query, bound headers) must be what the request carries: the server
//! rebuilds it from the request and the signature covers it.

use crate::http::cose::aad::RequestBinding;
use crate::http::cose::envelope::{Claims, CoseType, Refused, SealError, open, seal};
use crate::http::cose::keys::{Key, KeyResolver};
use std::sync::Arc;

/// A client of one service: its own key, and the keys that verify the
/// service's signed answers.
pub struct CoseClient {
    key: Arc<Key>,
    server_keys: Arc<dyn KeyResolver>,
    audience: String,
    contract: [u8; 32],
}

/// A sealed request: its body and media type, and what its answer is
/// checked against.
pub struct SealedRequest {
    pub body: Vec<u8>,
    pub content_type: &'static str,
    binding: RequestBinding,
}

/// A resolver of the client's own key: a Mac0 answer is tagged with it.
struct Own(Arc<Key>);

impl KeyResolver for Own {
    fn resolve(&self, kid: &[u8]) -> Option<Arc<Key>> {
        (kid == self.0.kid()).then(|| self.0.clone())
    }
}

impl CoseClient {
    /// A client sealing with `key` (a signing key or a shared HMAC secret)
    /// for the service `audience` built from the contract `contract`;
    /// `server_keys` verifies its Sign1 answers (its published key set).
    pub fn new(
        key: Key,
        server_keys: impl KeyResolver,
        audience: impl Into<String>,
        contract: [u8; 32],
    ) -> CoseClient {
        CoseClient {
            key: Arc::new(key),
            server_keys: Arc::new(server_keys),
            audience: audience.into(),
            contract,
        }
    }

    /// The binding of a call of `route` (the RPC op id or the REST
    /// template) with `method`, for the caller to complete with the path
    /// parameters, query and bound headers it sends.
    pub fn binding(&self, method: &str, route: &str) -> RequestBinding {
        RequestBinding {
            audience: self.audience.clone(),
            method: method.to_string(),
            route: route.to_string(),
            path_params: Vec::new(),
            query: None,
            contract: self.contract,
            idempotency_key: None,
            if_match: None,
        }
    }

    /// Seals `payload` (the CBOR body) for the call `binding` describes,
    /// with fresh claims.
    pub fn seal(
        &self,
        binding: RequestBinding,
        payload: &[u8],
    ) -> Result<SealedRequest, SealError> {
        let body = seal(
            &self.key,
            payload,
            &binding.request_aad(),
            Some(Claims::now()),
        )?;
        Ok(SealedRequest {
            body,
            content_type: CoseType::of(&self.key).media_type(),
            binding,
        })
    }

    /// The CBOR payload of the sealed answer to `request`, checked against
    /// the request it answers and its `status`.
    pub fn open(
        &self,
        request: &SealedRequest,
        status: u16,
        body: &[u8],
    ) -> Result<Vec<u8>, Refused> {
        let binding = &request.binding;
        let aad = binding.response_aad(true, &binding.request_digest(&request.body), status);
        let kind = CoseType::of(&self.key);
        let opened = match kind {
            CoseType::Mac0 => open(body, kind, &Own(self.key.clone()), &aad, false),
            CoseType::Sign1 => open(body, kind, self.server_keys.as_ref(), &aad, false),
        }?;
        Ok(opened.payload)
    }
}
