//! The HTTP service of a generated crate (feature `http`): REST and RPC
//! routes over axum, driven by the descriptors generated code hands in
//! ([`Spec`]), wire-compatible with upstream CrateStack 0.8.6's clients:
//! per-route codec negotiation, the upstream error envelopes and statuses,
//! rate limiting and idempotency with in-memory or Redis stores.
//!
//! - `service`: the description, the router and the capabilities table;
//!   `state`: what a router's routes share;
//! - `pipeline`: the checks every request passes, in order, and the
//!   operations; `rpc`: the RPC binding and its batches, `inputs` its
//!   `list` input; `frames`: the executor of framed calls (batch frames
//!   and WebSocket requests); `ws`: the WebSocket binding;
//!   `feed`: the events of `@@subscribe` models, `subscription`: their
//!   server-sent events;
//! - `resource`: a model's operations, `procedures`: procedures';
//! - `query`: the list grammar; `media`: negotiation; `encode` and
//!   `render`: answers to bytes; `error`: the envelopes;
//! - `ratelimit`, `idempotency`, `store`: the stores behind them.

#[cfg(feature = "cose")]
pub mod cose;
mod encode;
pub(crate) mod error;
mod feed;
mod frames;
pub mod idempotency;
mod inputs;
mod media;
mod options;
mod pipeline;
pub(crate) mod procedures;
pub(crate) mod query;
pub mod ratelimit;
mod render;
pub(crate) mod resource;
mod rpc;
pub(crate) mod service;
mod state;
pub mod store;
mod subscription;
mod ws;

pub use error::{ApiError, Envelope, ErrorKind};
pub use feed::BUFFER as SUBSCRIPTION_BUFFER;
pub use media::{CBOR_SEQ, RouteCapabilities};
pub use options::{
    AuthError, AuthFuture, Authenticate, DEFAULT_BODY_LIMIT, Idempotency, Options, RateLimit,
    StoreFailure,
};
pub use procedures::{Output, ProcedureRoute, ProcedureService};
pub use query::MAX_LIST_LIMIT;
pub use render::STREAM_ERROR_TAG;
pub use rpc::BATCH_MAX_ITEMS;
pub use service::Transport;
pub use ws::{CBOR_PROTOCOL, JSON_PROTOCOL, MAX_IN_FLIGHT};

/// The HTTP stack the router is built on, re-exported so applications and
/// generated crates use the versions the runtime binds.
pub use axum;
