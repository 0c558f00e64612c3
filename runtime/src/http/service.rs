//! The service a generated crate describes ([`Spec`]: its binding, models
//! and procedures) and the axum router built from it: one route per
//! operation under REST; under RPC `/rpc/{op_id}` and `/rpc/batch`, each
//! answered by the one pipeline in `pipeline`, and for subscriptions and
//! the WebSocket binding `/rpc/subscribe/{op_id}` and `/rpc/ws`. The
//! per-route capabilities table comes from the same description.

use crate::handle::Handle;
use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::feed::{Subscribable, Subscribe};
use crate::http::media::{CBOR_SEQ, RouteCapabilities};
use crate::http::options::Options;
use crate::http::pipeline;
use crate::http::procedures::ProcedureRoute;
use crate::http::resource::{ModelOps, Ops, Resource};
use crate::http::state::{State, Target};
use crate::schema::codec::Format;
use crate::schema::model::Emits;
use crate::schema::value::FromValue;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Path, Request, State as AxumState};
use axum::routing::{MethodRouter, get, post};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// A subscription's media type.
const EVENT_STREAM: &str = "text/event-stream";

/// The binding a schema chose with `transport rest` or `transport rpc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Rest,
    Rpc,
}

/// A schema's service, as generated code describes it.
pub struct Spec {
    transport: Transport,
    models: Vec<Arc<dyn ModelOps>>,
    subscriptions: Vec<Arc<dyn Subscribable>>,
    procedures: &'static [ProcedureRoute],
}

impl Spec {
    pub fn new(transport: Transport, procedures: &'static [ProcedureRoute]) -> Self {
        Spec {
            transport,
            models: Vec::new(),
            subscriptions: Vec::new(),
            procedures,
        }
    }

    /// Serves model `M`.
    pub fn model<M: Resource>(&mut self) -> &mut Self
    where
        M::Key: DeserializeOwned + FromValue + 'static,
    {
        self.models.push(Arc::new(Ops::<M>::new()));
        self
    }

    /// Serves the op `model.<M>.subscribe` of an `@@subscribe` model (under
    /// `transport rpc`).
    pub fn subscribable<M: Resource + Emits>(&mut self) -> &mut Self
    where
        M::Key: DeserializeOwned + FromValue + 'static,
    {
        self.subscriptions.push(Arc::new(Subscribe::<M>::new()));
        self
    }

    /// Every operation, with its RPC op id, REST method and path.
    fn operations(&self) -> Vec<(String, &'static str, String, Target)> {
        let mut operations = Vec::new();
        for (index, model) in self.models.iter().enumerate() {
            let name = model.shape().descriptor.name;
            let route = model.route();
            for (op, method, path, target) in [
                ("list", "GET", format!("/{route}"), Target::List(index)),
                ("get", "GET", format!("/{route}/{{id}}"), Target::Get(index)),
                ("create", "POST", format!("/{route}"), Target::Create(index)),
                (
                    "update",
                    "PATCH",
                    format!("/{route}/{{id}}"),
                    Target::Update(index),
                ),
                (
                    "delete",
                    "DELETE",
                    format!("/{route}/{{id}}"),
                    Target::Delete(index),
                ),
            ] {
                operations.push((format!("model.{name}.{op}"), method, path, target));
            }
        }
        for (index, subscription) in self.subscriptions.iter().enumerate() {
            let op = format!("model.{}.subscribe", subscription.model());
            let path = format!("/rpc/subscribe/{op}");
            operations.push((op, "GET", path, Target::Subscribe(index)));
        }
        for route in self.procedures {
            let path = match route.api_version {
                Some(version) => format!("/{version}/$procs/{}", route.name),
                None => format!("/$procs/{}", route.name),
            };
            operations.push((
                format!("procedure.{}", route.name),
                "POST",
                path,
                Target::Procedure(route),
            ));
        }
        operations
    }

    /// The capabilities of every route, offering `formats`.
    pub fn capabilities(&self, formats: &[Format]) -> Vec<RouteCapabilities> {
        let formats = crate::http::media::ordered(formats);
        let types: Vec<&'static str> = formats.iter().map(|f| f.content_type()).collect();
        let envelope = match self.transport {
            Transport::Rest => Envelope::Rest,
            Transport::Rpc => Envelope::Rpc,
        };
        self.operations()
            .into_iter()
            .map(|(op, method, path, target)| {
                let mut response_types = types.clone();
                let sequence = target.sequence() && formats.contains(&Format::Cbor);
                if sequence {
                    response_types.push(CBOR_SEQ);
                }
                if let Target::Subscribe(_) = target {
                    return RouteCapabilities {
                        method,
                        path,
                        op,
                        request_types: Vec::new(),
                        default_response_type: EVENT_STREAM,
                        response_types: vec![EVENT_STREAM],
                        supports_sequence_response: false,
                    };
                }
                let (method, path) = match self.transport {
                    Transport::Rest => (method, path),
                    Transport::Rpc => ("POST", format!("/rpc/{op}")),
                };
                RouteCapabilities {
                    method,
                    path,
                    op,
                    request_types: if target.has_body(envelope) {
                        types.clone()
                    } else {
                        Vec::new()
                    },
                    default_response_type: types.first().copied().unwrap_or("application/cbor"),
                    response_types,
                    supports_sequence_response: sequence,
                }
            })
            .collect()
    }

    /// The router serving this schema on `handle`.
    pub fn router(self, handle: Handle, options: Options) -> Router {
        let operations = self.operations();
        let transport = self.transport;
        #[cfg(feature = "cose")]
        let envelope = options.cose.clone().map(|cose| {
            Arc::new(crate::http::cose::layer::Envelope {
                cose,
                ops: operations
                    .iter()
                    .map(|(op, method, path, _)| ((method.to_string(), path.clone()), op.clone()))
                    .collect(),
                body_limit: options.body_limit,
            })
        });
        let state = Arc::new(State {
            handle,
            options,
            models: self.models,
            subscriptions: self.subscriptions,
            ops: operations
                .iter()
                .map(|(op, _, _, target)| (op.clone(), *target))
                .collect(),
        });
        let router = match transport {
            Transport::Rest => rest_router(operations),
            Transport::Rpc => rpc_router(),
        };
        // The state is given last, once: axum then turns every handler
        // into its service here rather than on each request.
        let router = router
            .fallback(
                move |AxumState(state): AxumState<Arc<State>>, request: Request| async move {
                    let envelope = match transport {
                        Transport::Rest => Envelope::Rest,
                        Transport::Rpc => Envelope::Rpc,
                    };
                    let error = ApiError::new(ErrorKind::NotFound, "no such route");
                    pipeline::refuse(&state, envelope, &request, error)
                },
            )
            .with_state(state);
        #[cfg(feature = "cose")]
        if let Some(envelope) = envelope {
            return with_envelope(router, envelope);
        }
        router
    }
}

fn rest_router(operations: Vec<(String, &'static str, String, Target)>) -> Router<Arc<State>> {
    let mut paths: Vec<(String, MethodRouter<Arc<State>>)> = Vec::new();
    for (_, method, path, target) in operations {
        // Only keyed routes extract the path: an extractor that finds
        // nothing still costs its work on every request.
        let method_router = if path.ends_with("/{id}") {
            on(
                method,
                move |AxumState(state): AxumState<Arc<State>>,
                      key: Result<Path<String>, PathRejection>,
                      request: Request| async move {
                    match key {
                        Ok(Path(key)) => {
                            pipeline::serve(state, target, Envelope::Rest, Some(key), request).await
                        }
                        // A segment that does not decode as UTF-8.
                        Err(_) => pipeline::refuse(
                            &state,
                            Envelope::Rest,
                            &request,
                            ApiError::bad_request("the path's id is not valid UTF-8"),
                        ),
                    }
                },
            )
        } else {
            on(
                method,
                move |AxumState(state): AxumState<Arc<State>>, request: Request| async move {
                    pipeline::serve(state, target, Envelope::Rest, None, request).await
                },
            )
        };
        match paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, existing)) => {
                let merged = std::mem::take(existing).merge(method_router);
                *existing = merged;
            }
            None => paths.push((path, method_router)),
        }
    }
    paths
        .into_iter()
        .fold(Router::new(), |router, (path, method_router)| {
            router.route(&path, method_router)
        })
}

/// `handler` under the REST `method`.
fn on<H, T>(method: &str, handler: H) -> MethodRouter<Arc<State>>
where
    H: axum::handler::Handler<T, Arc<State>>,
    T: 'static,
{
    match method {
        "GET" => get(handler),
        "POST" => post(handler),
        "PATCH" => axum::routing::patch(handler),
        _ => axum::routing::delete(handler),
    }
}

fn rpc_router() -> Router<Arc<State>> {
    Router::new()
        .route(
            "/rpc/subscribe/{op_id}",
            get(
                |AxumState(state): AxumState<Arc<State>>,
                 Path(op): Path<String>,
                 request: Request| async move {
                    crate::http::subscription::serve(state, op, request).await
                },
            ),
        )
        .route(
            "/rpc/ws",
            get(
                |AxumState(state): AxumState<Arc<State>>,
                 upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
                 request: Request| async move {
                    crate::http::ws::upgrade(state, upgrade, request).await
                },
            ),
        )
        .route(
            "/rpc/batch",
            post(
                |AxumState(state): AxumState<Arc<State>>, request: Request| async move {
                    crate::http::rpc::batch(state, request).await
                },
            ),
        )
        .route(
            "/rpc/{op_id}",
            post(
                |AxumState(state): AxumState<Arc<State>>,
                 Path(op): Path<String>,
                 request: Request| async move {
                    crate::http::rpc::unary(state, op, request).await
                },
            ),
        )
}

/// The router under the COSE envelope: the middleware on every route (it
/// runs before the pipeline), and the server's public keys at
/// `/.well-known/cratestack/cose-keys`.
#[cfg(feature = "cose")]
fn with_envelope(router: Router, envelope: Arc<crate::http::cose::layer::Envelope>) -> Router {
    let key_set = envelope.cose.key_set();
    router
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::http::cose::layer::envelope(envelope.clone(), request, next)
        }))
        .route(
            "/.well-known/cratestack/cose-keys",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/cose-key-set")],
                    key_set,
                )
            }),
        )
}
