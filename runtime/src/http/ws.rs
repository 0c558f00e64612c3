//! The WebSocket binding of an RPC service: `GET /rpc/ws`.
//!
//! The subprotocol names the codec: `cratestack.rpc.v1+cbor` (binary
//! messages) or `cratestack.rpc.v1+json` (text messages), the first of
//! the two (in that order) the client offers; a client that offers
//! neither is closed with 1002. The upgrade is authenticated once, before
//! the 101; every request then runs in that context.
//!
//! One frame per message, told apart by their keys: Request `{id, op, in,
//! idem?, if_match?}`, Cancel `{id, cancel}` from the client; Response
//! `{id, out}`, StreamItem `{id, next}`, StreamEnd `{id, end}`, Error
//! `{id, err}` from the server. Ids are the client's, and many calls may
//! be in flight at once: a unary op answers once, a list-returning
//! procedure streams its items then ends, a subscription streams events
//! until it is cancelled, lags or the connection closes. Cancel ends a
//! call with `end`. A frame that cannot be read is answered with an error
//! under its id, or under a null id when it has none; the connection and
//! its other calls go on.
//!
//! Requests run through the framed-call executor (`frames`), which takes
//! a rate-limit token per request and honours `idem`, as the HTTP routes
//! do.

use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::feed::{Feed, Next};
use crate::http::frames::{self, Answer, Call, Session};
use crate::http::options::AuthError;
use crate::http::pipeline::{self, RequestId};
use crate::http::render;
use crate::http::state::{State, Target};
use crate::http::subscription;
use crate::schema::codec::Format;
use axum::extract::Request;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

/// The JSON subprotocol: frames in text messages.
pub const JSON_PROTOCOL: &str = "cratestack.rpc.v1+json";
/// The CBOR subprotocol: frames in binary messages.
pub const CBOR_PROTOCOL: &str = "cratestack.rpc.v1+cbor";
/// The calls one connection may have in flight at once.
pub const MAX_IN_FLIGHT: usize = 256;
/// The bytes a connection reads at a time.
const READ_BUFFER: usize = 4 * 1024;
/// WebSocket close code "protocol error".
const PROTOCOL_ERROR: u16 = 1002;
/// Frames waiting for a slow connection before the calls producing them
/// wait too (and a subscription among them lags).
const OUTGOING: usize = 256;

/// `GET /rpc/ws`.
pub(crate) async fn upgrade(
    state: Arc<State>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    request: Request,
) -> Response {
    let id = RequestId::of(request.headers());
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => return id.tag(rejection.into_response()),
    };
    let (parts, _) = request.into_parts();
    let options = &state.options;
    let context = match options.auth.authenticate(&parts).await {
        Ok(context) => context,
        Err(AuthError(message)) => {
            let error = ApiError::new(ErrorKind::Unauthorized, message);
            let response = render::error(&error, Format::Json, Envelope::Rpc).into_response();
            return id.tag(response);
        }
    };
    // Other processes' events reach this one's subscribers through the
    // relay: listening before the 101, no event committed once the client
    // is connected is missed.
    if !state.subscriptions.is_empty()
        && let Err(error) = state.handle.relay_events().await
    {
        tracing::error!(%error, "WebSocket: the event relay could not start");
        let error = ApiError::new(ErrorKind::Unavailable, "subscriptions are unavailable");
        let response = render::error(&error, Format::Json, Envelope::Rpc).into_response();
        return id.tag(response);
    }
    // Small buffers: a connection mostly waits, and a thousand of them
    // should not each hold the 128 KiB tungstenite reserves by default.
    // A larger message is still read whole, up to the body limit.
    let upgrade = upgrade
        .protocols([CBOR_PROTOCOL, JSON_PROTOCOL])
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_message_size(options.body_limit);
    let format = upgrade.selected_protocol().and_then(|protocol| {
        if protocol == CBOR_PROTOCOL {
            Some(Format::Cbor)
        } else if protocol == JSON_PROTOCOL {
            Some(Format::Json)
        } else {
            None
        }
    });
    let session = Session {
        handle: state.handle.with_context(context),
        caller: pipeline::caller(&parts, &options.trusted_proxies),
        format: format.unwrap_or(Format::Json),
        answer: format.unwrap_or(Format::Json),
        limit_each: true,
    };
    let response = upgrade.on_upgrade(move |mut socket| async move {
        match format {
            Some(format) => {
                Connection {
                    state,
                    session: Arc::new(session),
                    format,
                }
                .run(socket)
                .await
            }
            None => {
                let reason = format!("offer the subprotocol {CBOR_PROTOCOL} or {JSON_PROTOCOL}");
                let close = Message::Close(Some(CloseFrame {
                    code: PROTOCOL_ERROR,
                    reason: reason.into(),
                }));
                let _ = socket.send(close).await;
            }
        }
    });
    id.tag(response)
}

/// What a call hands the connection to send.
enum Outgoing {
    /// A frame of call `id`'s run `run`; dropped once that run is over.
    Frame { id: u64, run: u64, frame: Vec<u8> },
    /// The last frame of call `id`'s run `run`: the call is over.
    Last { id: u64, run: u64, frame: Vec<u8> },
}

/// A call in flight.
struct InFlight {
    /// Tells this run of an id from an earlier, cancelled one.
    run: u64,
    task: AbortHandle,
}

struct Connection {
    state: Arc<State>,
    session: Arc<Session>,
    format: Format,
}

/// A frame from the client.
enum Incoming {
    Request {
        id: u64,
        op: String,
        input: Vec<u8>,
        idem: Option<String>,
        if_match: Option<i64>,
    },
    Cancel(u64),
}

impl Connection {
    async fn run(self, mut socket: WebSocket) {
        let (outgoing, mut queued) = mpsc::channel::<Outgoing>(OUTGOING);
        let mut calls: HashMap<u64, InFlight> = HashMap::new();
        let mut runs: u64 = 0;
        loop {
            let reply = tokio::select! {
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        self.on_message(Format::Json, text.as_bytes(), &mut calls, &mut runs, &outgoing)
                    }
                    Some(Ok(Message::Binary(bytes))) => {
                        self.on_message(Format::Cbor, &bytes, &mut calls, &mut runs, &outgoing)
                    }
                    // Pings are answered by the socket itself.
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => None,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                },
                Some(out) = queued.recv() => match out {
                    Outgoing::Frame { id, run, frame } => {
                        calls.get(&id).is_some_and(|call| call.run == run).then_some(frame)
                    }
                    Outgoing::Last { id, run, frame } => {
                        if calls.get(&id).is_some_and(|call| call.run == run) {
                            calls.remove(&id);
                            Some(frame)
                        } else {
                            None
                        }
                    }
                },
            };
            if let Some(frame) = reply
                && socket.send(self.message(frame)).await.is_err()
            {
                break;
            }
        }
        for call in calls.into_values() {
            call.task.abort();
        }
    }

    /// A frame as the subprotocol's kind of message.
    fn message(&self, frame: Vec<u8>) -> Message {
        match self.format {
            Format::Cbor => Message::Binary(frame.into()),
            // JSON frames are written from UTF-8 only.
            Format::Json => Message::Text(String::from_utf8_lossy(&frame).into_owned().into()),
        }
    }

    /// Handles one message; the frame to answer at once, if any.
    fn on_message(
        &self,
        kind: Format,
        bytes: &[u8],
        calls: &mut HashMap<u64, InFlight>,
        runs: &mut u64,
        outgoing: &mpsc::Sender<Outgoing>,
    ) -> Option<Vec<u8>> {
        if kind != self.format {
            let expected = match self.format {
                Format::Cbor => "binary messages of CBOR",
                Format::Json => "text messages of JSON",
            };
            return Some(self.error(
                None,
                &ApiError::bad_request(format!("this subprotocol carries {expected}")),
            ));
        }
        match self.read(bytes) {
            Err((id, error)) => Some(self.error(id, &error)),
            Ok(Incoming::Cancel(id)) => {
                let call = calls.remove(&id)?;
                call.task.abort();
                Some(render::frame(
                    self.format,
                    Some(id),
                    "end",
                    empty_map(self.format),
                ))
            }
            Ok(Incoming::Request {
                id,
                op,
                input,
                idem,
                if_match,
            }) => {
                if calls.contains_key(&id) {
                    return Some(self.error(
                        Some(id),
                        &ApiError::bad_request(format!("a call with id {id} is in flight")),
                    ));
                }
                if calls.len() >= MAX_IN_FLIGHT {
                    return Some(self.error(
                        Some(id),
                        &ApiError::new(
                            ErrorKind::TooManyRequests,
                            format!("at most {MAX_IN_FLIGHT} calls may be in flight"),
                        ),
                    ));
                }
                *runs += 1;
                let run = *runs;
                let call = Running {
                    state: self.state.clone(),
                    session: self.session.clone(),
                    format: self.format,
                    outgoing: outgoing.clone(),
                    id,
                    run,
                };
                // A subscription is registered as its frame is read, so
                // the answer to any later frame means it is listening.
                let task = match self.state.ops.get(&op).copied() {
                    Some(Target::Subscribe(index)) => {
                        let feed =
                            self.state.subscriptions[index].open(self.session.handle.clone());
                        tokio::spawn(call.subscribe(index, input, feed))
                    }
                    _ => tokio::spawn(call.run(op, input, idem, if_match)),
                };
                calls.insert(
                    id,
                    InFlight {
                        run,
                        task: task.abort_handle(),
                    },
                );
                None
            }
        }
    }

    fn error(&self, id: Option<u64>, error: &ApiError) -> Vec<u8> {
        let body = render::error(error, self.format, Envelope::Rpc).body;
        render::frame(self.format, id, "err", &body)
    }

    /// Reads a client frame; what is wrong with it otherwise, under its id
    /// when it has one.
    fn read(&self, bytes: &[u8]) -> Result<Incoming, (Option<u64>, ApiError)> {
        match self.format {
            Format::Json => {
                let value: serde_json::Value = serde_json::from_slice(bytes)
                    .map_err(|_| (None, ApiError::codec("a frame must be one JSON value")))?;
                let id = value.get("id").and_then(serde_json::Value::as_u64);
                let frame = serde_json::from_value::<Frame<serde_json::Value>>(value)
                    .map_err(|e| (id, frame_error(&e.to_string())))?;
                frame.incoming(self.format).map_err(|e| (id, e))
            }
            Format::Cbor => {
                let value: ciborium::Value = ciborium::from_reader(bytes)
                    .map_err(|_| (None, ApiError::codec("a frame must be one CBOR value")))?;
                let id = match &value {
                    ciborium::Value::Map(entries) => entries
                        .iter()
                        .find(|(key, _)| key.as_text() == Some("id"))
                        .and_then(|(_, id)| id.as_integer())
                        .and_then(|id| u64::try_from(id).ok()),
                    _ => None,
                };
                let frame = value
                    .deserialized::<Frame<ciborium::Value>>()
                    .map_err(|e| (id, frame_error(&e.to_string())))?;
                frame.incoming(self.format).map_err(|e| (id, e))
            }
        }
    }
}

/// A client frame as sent: a request or a cancel, by its keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Frame<V> {
    id: u64,
    op: Option<String>,
    #[serde(rename = "in")]
    input: Option<V>,
    idem: Option<String>,
    if_match: Option<i64>,
    cancel: Option<V>,
}

impl<V: serde::Serialize> Frame<V> {
    fn incoming(self, format: Format) -> Result<Incoming, ApiError> {
        match (self.op, self.cancel) {
            (Some(op), None) => {
                let input = match &self.input {
                    Some(input) => format.encode(input).map_err(ApiError::internal)?,
                    None => Vec::new(),
                };
                Ok(Incoming::Request {
                    id: self.id,
                    op,
                    input,
                    idem: self.idem,
                    if_match: self.if_match,
                })
            }
            (None, Some(_)) if self.input.is_none() && self.idem.is_none() => {
                Ok(Incoming::Cancel(self.id))
            }
            _ => Err(ApiError::codec(
                "a frame is a request {id, op, in} or a cancel {id, cancel}",
            )),
        }
    }
}

/// What is wrong with a frame, naming only the key at fault (serde's
/// messages list the keys expected).
fn frame_error(message: &str) -> ApiError {
    for kind in ["unknown field `", "missing field `"] {
        if let Some(start) = message.find(kind) {
            let rest = &message[start + kind.len()..];
            if let Some(end) = rest.find('`') {
                return ApiError::codec(format!("invalid frame: {kind}{}`", &rest[..end]));
            }
        }
    }
    ApiError::codec("invalid frame")
}

/// One request, running on its own task.
struct Running {
    state: Arc<State>,
    session: Arc<Session>,
    format: Format,
    outgoing: mpsc::Sender<Outgoing>,
    id: u64,
    run: u64,
}

impl Running {
    async fn run(self, op: String, input: Vec<u8>, idem: Option<String>, if_match: Option<i64>) {
        let call = Call {
            op: &op,
            input: input.into(),
            idem: idem.as_deref(),
            if_match,
        };
        match frames::execute(&self.state, &self.session, call, true).await {
            Answer::Done { ok, body } => {
                let member = if ok { "out" } else { "err" };
                self.last(render::frame(self.format, Some(self.id), member, &body))
                    .await;
            }
            Answer::Items(mut items) => {
                while let Some(item) = items.next().await {
                    match item {
                        Ok(item) => {
                            if !self.item(&item).await {
                                return;
                            }
                        }
                        Err(body) => {
                            return self
                                .last(render::frame(self.format, Some(self.id), "err", &body))
                                .await;
                        }
                    }
                }
                self.end().await;
            }
        }
    }

    /// `model.<M>.subscribe`: its events until it lags or is cancelled.
    async fn subscribe(self, index: usize, input: Vec<u8>, mut feed: Box<dyn Feed>) {
        if !no_input(self.format, &input) {
            let error = ApiError::codec("a subscription takes no input");
            return self.fail(&error).await;
        }
        let target = Target::Subscribe(index);
        if self.session.limit_each && target.rate_limited() {
            let limited =
                pipeline::rate_limit(&self.state.options, self.session.caller.as_deref()).await;
            if let Err((error, _)) = limited {
                return self.fail(&error).await;
            }
        }
        loop {
            match feed.next().await {
                Next::Event(event) => match event.encode(self.format) {
                    Ok(item) => {
                        if !self.item(&item).await {
                            return;
                        }
                    }
                    Err(error) => return self.fail(&ApiError::internal(error)).await,
                },
                Next::Lagged => return self.fail(&subscription::lagged()).await,
                Next::Closed => return self.end().await,
            }
        }
    }

    /// Sends `{id, next: item}`; whether the connection is still there.
    async fn item(&self, item: &[u8]) -> bool {
        let frame = render::frame(self.format, Some(self.id), "next", item);
        self.outgoing
            .send(Outgoing::Frame {
                id: self.id,
                run: self.run,
                frame,
            })
            .await
            .is_ok()
    }

    async fn end(&self) {
        let frame = render::frame(self.format, Some(self.id), "end", empty_map(self.format));
        self.last(frame).await;
    }

    async fn fail(&self, error: &ApiError) {
        let body = render::error(error, self.format, Envelope::Rpc).body;
        self.last(render::frame(self.format, Some(self.id), "err", &body))
            .await;
    }

    async fn last(&self, frame: Vec<u8>) {
        let _ = self
            .outgoing
            .send(Outgoing::Last {
                id: self.id,
                run: self.run,
                frame,
            })
            .await;
    }
}

/// An empty map, `{}`, in `format`.
fn empty_map(format: Format) -> &'static [u8] {
    match format {
        Format::Json => b"{}",
        Format::Cbor => &[0xa0],
    }
}

/// Whether a subscription's `in` is absent, null or an empty map.
fn no_input(format: Format, input: &[u8]) -> bool {
    if input.is_empty() {
        return true;
    }
    match format {
        Format::Json => match serde_json::from_slice::<serde_json::Value>(input) {
            Ok(serde_json::Value::Null) => true,
            Ok(serde_json::Value::Object(map)) => map.is_empty(),
            _ => false,
        },
        Format::Cbor => match ciborium::from_reader::<ciborium::Value, _>(input) {
            Ok(ciborium::Value::Null) => true,
            Ok(ciborium::Value::Map(map)) => map.is_empty(),
            _ => false,
        },
    }
}
