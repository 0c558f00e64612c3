//! The op executor of framed calls: a batch's frames and the WebSocket's
//! requests each run one op through [`execute`], with the caller their
//! connection or batch authenticated once. Per frame it takes a token of
//! the caller's rate limit (WebSocket requests; a batch is limited once,
//! as a request), honours `idem` through the idempotency store the
//! `Idempotency-Key` header uses, and runs the op through the pipeline's
//! operations. A list-returning procedure may answer item by item.

use crate::handle::Handle;
use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::idempotency::{Reservation, StoredResponse, is_valid_key, request_fingerprint};
use crate::http::media::ResponseMedia;
use crate::http::pipeline::{self, Admitted};
use crate::http::procedures::Output;
use crate::http::render::{self, Rendered};
use crate::http::state::{State, Target};
use crate::schema::codec::Format;
use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use std::sync::Arc;

/// Who calls, and in which codecs: established once per batch or
/// connection.
pub(crate) struct Session {
    /// In the caller's authenticated context.
    pub handle: Handle,
    /// The rate-limit and idempotency identity.
    pub caller: Option<String>,
    /// The codec frames are read in.
    pub format: Format,
    /// The codec answers are written in.
    pub answer: Format,
    /// Whether each frame takes a token of the rate limit.
    pub limit_each: bool,
}

/// One framed call.
pub(crate) struct Call<'a> {
    pub op: &'a str,
    /// The op's input, in the session's codec.
    pub input: Bytes,
    pub idem: Option<&'a str>,
    /// The `@version` an update or delete requires.
    pub if_match: Option<i64>,
}

/// What a framed call answers.
pub(crate) enum Answer {
    /// One output (`ok`) or error body, in the session's answer codec.
    Done { ok: bool, body: Vec<u8> },
    /// Items, each encoded; an `Err` is an error body and the last item.
    Items(BoxStream<'static, Result<Vec<u8>, Vec<u8>>>),
}

impl Answer {
    fn error(error: &ApiError, format: Format) -> Answer {
        Answer::Done {
            ok: false,
            body: render::error(error, format, Envelope::Rpc).body,
        }
    }
}

/// Runs `call`. With `items`, a list-returning procedure answers item by
/// item; otherwise every op answers once.
pub(crate) async fn execute(
    state: &Arc<State>,
    session: &Session,
    call: Call<'_>,
    items: bool,
) -> Answer {
    let answer = session.answer;
    let Some(target) = state.ops.get(call.op).copied() else {
        return Answer::error(
            &ApiError::new(ErrorKind::NotFound, format!("unknown RPC op `{}`", call.op)),
            answer,
        );
    };
    if session.limit_each && target.rate_limited() {
        let limited = pipeline::rate_limit(&state.options, session.caller.as_deref()).await;
        if let Err((error, _)) = limited {
            return Answer::error(&error, answer);
        }
    }
    let sequence = items && target.sequence();
    let admitted = Admitted {
        media: ResponseMedia {
            format: answer,
            sequence: false,
        },
        format: session.format,
        handle: session.handle.clone(),
        body: call.input.clone(),
        headers: HeaderMap::new(),
        caller: session.caller.clone(),
    };
    let idempotency = match (call.idem, &state.options.idempotency, target.idempotent()) {
        (Some(idem), Some(config), true) => Some((idem, config)),
        _ => None,
    };
    let Some((idem, config)) = idempotency else {
        if sequence && let Target::Procedure(route) = target {
            return stream(state, route.name, &admitted).await;
        }
        let rendered = pipeline::run_frame(state, target, call.if_match, &admitted).await;
        return settle(rendered, answer);
    };
    if !is_valid_key(idem) {
        return Answer::error(
            &ApiError::bad_request("idem must be 1 to 255 visible ASCII characters"),
            answer,
        );
    }
    let Some(caller) = &session.caller else {
        return Answer::error(
            &ApiError::new(
                ErrorKind::PreconditionFailed,
                "the caller cannot be identified for idem",
            ),
            answer,
        );
    };
    let scoped = format!("{caller}:f:{idem}");
    let if_match = call.if_match.map(|v| v.to_string()).unwrap_or_default();
    let fingerprint = request_fingerprint(&[
        call.op.as_bytes(),
        answer.content_type().as_bytes(),
        if_match.as_bytes(),
        &call.input,
    ]);
    let reserved = config
        .store
        .reserve(&scoped, &fingerprint, config.lease)
        .await;
    let refusal = match reserved {
        Ok(Reservation::Started) => None,
        Ok(Reservation::Replay(stored)) => {
            let ok = StatusCode::from_u16(stored.status).is_ok_and(|s| s.is_success());
            return done(ok, stored.body, sequence, answer);
        }
        Ok(Reservation::InFlight) => Some(ApiError::new(
            ErrorKind::Conflict,
            "a frame with this idem is still in progress",
        )),
        Ok(Reservation::Mismatch) => Some(ApiError::validation(
            "this idem was used with a different frame",
        )),
        Err(cause) => {
            tracing::error!(%cause, "idempotency store failed");
            Some(ApiError::new(
                ErrorKind::Unavailable,
                "the idempotency store is unavailable",
            ))
        }
    };
    if let Some(error) = refusal {
        return Answer::error(&error, answer);
    }
    // Under `idem` a list is answered whole, kept, then split into items.
    let rendered = pipeline::run_frame(state, target, call.if_match, &admitted).await;
    let (status, body) = match rendered {
        Ok(Rendered::Buffered(buffered)) => (buffered.status, buffered.body),
        Ok(Rendered::Streamed(_)) => {
            let error = ApiError::internal("a frame streamed");
            let buffered = render::error(&error, answer, Envelope::Rpc);
            (buffered.status, buffered.body)
        }
        Err(error) => {
            let buffered = render::error(&error, answer, Envelope::Rpc);
            (buffered.status, buffered.body)
        }
    };
    let kept = if status.as_u16() < 500 {
        let stored = StoredResponse {
            status: status.as_u16(),
            headers: Vec::new(),
            body: body.clone(),
        };
        config
            .store
            .complete(&scoped, &fingerprint, stored, config.retention)
            .await
    } else {
        config.store.release(&scoped, &fingerprint).await
    };
    if let Err(cause) = kept {
        tracing::error!(%cause, "idempotency store failed to record a frame");
    }
    done(status.is_success(), body, sequence, answer)
}

/// A whole answer; for a sequence, a successful one split into its items.
fn done(ok: bool, body: Vec<u8>, sequence: bool, format: Format) -> Answer {
    if !(ok && sequence) {
        return Answer::Done { ok, body };
    }
    match split_array(format, &body) {
        Ok(items) => Answer::Items(futures_util::stream::iter(items.into_iter().map(Ok)).boxed()),
        Err(error) => Answer::error(&error, format),
    }
}

/// The items of an encoded array, each encoded on its own.
fn split_array(format: Format, body: &[u8]) -> Result<Vec<Vec<u8>>, ApiError> {
    let not_a_list = || ApiError::internal("a list answer is not an array");
    match format {
        Format::Json => match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(serde_json::Value::Array(items)) => items
                .iter()
                .map(|item| format.encode(item).map_err(ApiError::internal))
                .collect(),
            _ => Err(not_a_list()),
        },
        Format::Cbor => match ciborium::from_reader::<ciborium::Value, _>(body) {
            Ok(ciborium::Value::Array(items)) => items
                .iter()
                .map(|item| format.encode(item).map_err(ApiError::internal))
                .collect(),
            _ => Err(not_a_list()),
        },
    }
}

/// A list-returning procedure, item by item as it produces them.
async fn stream(state: &Arc<State>, name: &str, admitted: &Admitted) -> Answer {
    let format = admitted.media.format;
    let Some(procedures) = &state.options.procedures else {
        return Answer::error(
            &ApiError::new(ErrorKind::NotFound, format!("unknown procedure `{name}`")),
            format,
        );
    };
    let called = procedures
        .call(
            admitted.handle.clone(),
            name,
            admitted.format,
            &admitted.body,
        )
        .await;
    let error_body = move |error: ApiError| render::error(&error, format, Envelope::Rpc).body;
    let items = match called {
        Err(error) => return Answer::error(&error, format),
        Ok(Output::Value(value)) => {
            return match value.encode(format) {
                Ok(body) => Answer::Done { ok: true, body },
                Err(error) => Answer::error(&ApiError::internal(error), format),
            };
        }
        Ok(Output::Items(items)) => futures_util::stream::iter(items.into_iter().map(Ok)).boxed(),
        Ok(Output::Stream(stream)) => stream.map(|item| item.map_err(ApiError::from)).boxed(),
    };
    Answer::Items(
        items
            .scan(false, move |ended, item| {
                if *ended {
                    return std::future::ready(None);
                }
                let encoded = item.and_then(|item| item.encode(format).map_err(ApiError::internal));
                if encoded.is_err() {
                    *ended = true;
                }
                std::future::ready(Some(encoded.map_err(error_body)))
            })
            .boxed(),
    )
}

/// A rendered answer as a frame's outcome.
fn settle(rendered: Result<Rendered, ApiError>, format: Format) -> Answer {
    match rendered {
        Ok(Rendered::Buffered(buffered)) => Answer::Done {
            ok: buffered.status.is_success(),
            body: buffered.body,
        },
        // Frames run with a media that has no sequence framing.
        Ok(Rendered::Streamed(_)) => Answer::error(&ApiError::internal("a frame streamed"), format),
        Err(error) => Answer::error(&error, format),
    }
}
