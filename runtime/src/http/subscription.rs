//! The server-sent-events route of subscriptions, `GET
//! /rpc/subscribe/{op_id}`, as upstream serves it: `Accept` first, then
//! the op, the rate limit and authentication, then one `event: message`
//! per event of the subscriber's feed (`feed`), and `event: error` when it
//! lags.

use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::feed::Next;
use crate::http::pipeline::{self, RequestId};
use crate::http::render;
use crate::http::state::{State, Target};
use crate::schema::codec::Format;
use axum::extract::Request;
use axum::http::header::ACCEPT;
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Whether `Accept` admits an event stream: `text/event-stream` or `*/*`
/// as a whole element of the list, as upstream checks it.
fn accepts_event_stream(request: &Request) -> bool {
    request
        .headers()
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|element| element == "text/event-stream" || element == "*/*")
}

/// `GET /rpc/subscribe/{op_id}`: `Accept` (406 before anything else), the
/// op (404), the rate limit, authentication, then the stream.
pub(crate) async fn serve(state: Arc<State>, op: String, request: Request) -> Response {
    let id = RequestId::of(request.headers());
    id.tag(open(state, op, request).await)
}

async fn open(state: Arc<State>, op: String, request: Request) -> Response {
    let refuse =
        |error: ApiError| render::error(&error, Format::Json, Envelope::Rpc).into_response();
    if !accepts_event_stream(&request) {
        return refuse(ApiError::new(
            ErrorKind::NotAcceptable,
            "a subscription answers text/event-stream: send Accept: text/event-stream",
        ));
    }
    let Some(Target::Subscribe(index)) = state.ops.get(&op).copied() else {
        return refuse(ApiError::new(
            ErrorKind::NotFound,
            format!("unknown subscription op `{op}`"),
        ));
    };
    let (parts, _) = request.into_parts();
    let options = &state.options;
    let caller = pipeline::caller(&parts, &options.trusted_proxies);
    let limited = pipeline::rate_limit(options, caller.as_deref()).await;
    let headers = match limited {
        Ok(headers) => headers,
        Err((error, retry_after)) => {
            let mut response = refuse(error);
            if let Some(seconds) = retry_after {
                render::insert(response.headers_mut(), "retry-after", &seconds.to_string());
            }
            return response;
        }
    };
    let context = match options.auth.authenticate(&parts).await {
        Ok(context) => context,
        Err(crate::http::options::AuthError(message)) => {
            return refuse(ApiError::new(ErrorKind::Unauthorized, message));
        }
    };
    let handle = state.handle.with_context(context);
    // Other processes' events reach this one's subscribers through the
    // relay; a database without one (SQLite, MySQL) needs none.
    if let Err(error) = handle.relay_events().await {
        tracing::error!(%error, "subscription: the event relay could not start");
        return refuse(ApiError::new(
            ErrorKind::Unavailable,
            "subscriptions are unavailable",
        ));
    }
    // Registered before the answer starts: an event committed once the
    // client has the headers reaches it.
    let feed = state.subscriptions[index].open(handle);
    let events = futures_util::stream::unfold(Some((feed, 1u64)), |state| async move {
        let (mut feed, id) = state?;
        match feed.next().await {
            Next::Event(event) => {
                let data = match event.encode(Format::Json) {
                    Ok(body) => render::frame(Format::Json, Some(id), "next", &body),
                    Err(error) => {
                        tracing::error!(%error, "subscription: an event did not encode");
                        let data = error_frame(id, internal());
                        return Some((
                            Ok::<_, std::convert::Infallible>(sse_event("error", &data)),
                            None,
                        ));
                    }
                };
                Some((Ok(sse_event("message", &data)), Some((feed, id + 1))))
            }
            Next::Lagged => Some((Ok(sse_event("error", &error_frame(id, lagged()))), None)),
            Next::Closed => None,
        }
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response();
    pipeline::merge(response.headers_mut(), &headers);
    response
}

fn sse_event(name: &str, data: &[u8]) -> sse::Event {
    // JSON has no raw line breaks outside strings, and escapes them inside.
    sse::Event::default()
        .event(name)
        .data(String::from_utf8_lossy(data))
}

/// `{"id": id, "err": body}` of `error`, in JSON.
fn error_frame(id: u64, error: ApiError) -> Vec<u8> {
    let body = render::error(&error, Format::Json, Envelope::Rpc).body;
    render::frame(Format::Json, Some(id), "err", &body)
}

/// What a subscription that fell behind ends with.
pub(crate) fn lagged() -> ApiError {
    ApiError::new(ErrorKind::Unavailable, "subscription lagged")
}

fn internal() -> ApiError {
    ApiError::internal("an event did not encode")
}
