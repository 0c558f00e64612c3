//! The RPC binding: `POST /rpc/{op_id}` with unwrapped bodies, `list`
//! inputs turned into the REST grammar's pairs, and `POST /rpc/batch`:
//! frames `{id, op, input, idem?}` answered `{id, output}` or `{id,
//! error}` in request order, at most [`BATCH_MAX_ITEMS`] (checked before
//! any dispatch), authenticated once, each frame run on its own and its
//! `idem` honoured through the same idempotency store as headers.

use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::idempotency::{Reservation, StoredResponse, is_valid_key, request_fingerprint};
use crate::http::pipeline::{self, Admitted, admit, merge};
use crate::http::render::{self, Buffered, Rendered};
use crate::http::resource::decode;
use crate::http::state::State;
use crate::schema::codec::Format;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The most frames one batch may carry.
pub const BATCH_MAX_ITEMS: usize = 1000;

/// `POST /rpc/{op_id}`.
pub(crate) async fn unary(state: Arc<State>, op: String, request: Request) -> Response {
    match state.ops.get(&op).copied() {
        Some(target) => pipeline::serve(state, target, Envelope::Rpc, None, request).await,
        None => {
            let media = crate::http::media::response_media(
                request.headers(),
                &state.options.formats,
                false,
            );
            match media {
                Err(u) => render::text(u.status, &u.message),
                Ok(media) => render::error(
                    &ApiError::new(ErrorKind::NotFound, format!("unknown RPC op `{op}`")),
                    media.format,
                    Envelope::Rpc,
                )
                .into_response(),
            }
        }
    }
}

/// One frame of a batch, with its input as the codec's own value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Frame<V> {
    id: u64,
    op: String,
    input: Option<V>,
    idem: Option<String>,
    /// The `@version` an update or delete requires (what `If-Match` says
    /// on a single call).
    if_match: Option<i64>,
}

/// `POST /rpc/batch`.
pub(crate) async fn batch(state: Arc<State>, request: Request) -> Response {
    let id = pipeline::RequestId::of(request.headers());
    let span = tracing::info_span!(
        "request",
        id = id.as_str(),
        method = "POST",
        path = "/rpc/batch"
    );
    id.tag(pipeline::traced(span, run_batch_request(state, request)).await)
}

async fn run_batch_request(state: Arc<State>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let admitted = match admit(&state, Envelope::Rpc, true, false, true, &parts, body).await {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
    let fail = |error: ApiError| {
        let mut response =
            render::error(&error, admitted.media.format, Envelope::Rpc).into_response();
        merge(response.headers_mut(), &admitted.headers);
        response
    };
    if parts.headers.contains_key("idempotency-key") {
        return fail(ApiError::bad_request(
            "a batch takes no Idempotency-Key header: use the per-frame idem field",
        ));
    }
    // Frames are read in the request's codec and answered in the
    // negotiated one.
    let answer = match admitted.format {
        Format::Json => run_batch::<serde_json::Value>(&state, &parts, &admitted).await,
        Format::Cbor => run_batch::<ciborium::Value>(&state, &parts, &admitted).await,
    };
    let mut response = match answer {
        Ok(body) => {
            let mut headers = HeaderMap::new();
            headers.insert(
                axum::http::header::CONTENT_TYPE,
                crate::http::render::format_type(admitted.media.format),
            );
            Buffered {
                status: StatusCode::OK,
                headers,
                body,
            }
            .into_response()
        }
        Err(error) => return fail(error),
    };
    merge(response.headers_mut(), &admitted.headers);
    response
}

/// A value of one codec: what a frame's input and output are held as.
trait Tree: Serialize + for<'de> Deserialize<'de> + Send + Sync {}
impl Tree for serde_json::Value {}
impl Tree for ciborium::Value {}

async fn run_batch<V: Tree>(
    state: &Arc<State>,
    parts: &Parts,
    admitted: &Admitted,
) -> Result<Vec<u8>, ApiError> {
    // The frame count is checked on the outer array before any frame is
    // decoded into its type.
    let frames: Vec<V> = decode(admitted.format, &admitted.body)?;
    if frames.len() > BATCH_MAX_ITEMS {
        return Err(ApiError::validation(format!(
            "batch size {} exceeds maximum of {BATCH_MAX_ITEMS}",
            frames.len()
        )));
    }
    let format = admitted.format;
    let mut frames_typed = Vec::with_capacity(frames.len());
    for frame in frames {
        let bytes = format.encode(&frame).map_err(ApiError::internal)?;
        frames_typed.push(decode::<Frame<V>>(format, &bytes)?);
    }
    let mut answers = Vec::with_capacity(frames_typed.len());
    for frame in frames_typed {
        let (status, body) = run_one::<V>(state, parts, admitted, &frame).await;
        answers.push((frame.id, status.is_success(), body));
    }
    Ok(render::batch_answers(admitted.media.format, &answers))
}

/// One frame: its status and its output or error body, in the batch's
/// answer format.
async fn run_one<V: Tree>(
    state: &Arc<State>,
    parts: &Parts,
    admitted: &Admitted,
    frame: &Frame<V>,
) -> (StatusCode, Vec<u8>) {
    let format = admitted.format;
    let answer_format = admitted.media.format;
    let error = |error: ApiError| {
        let buffered = render::error(&error, answer_format, Envelope::Rpc);
        (buffered.status, buffered.body)
    };
    let Some(target) = state.ops.get(&frame.op).copied() else {
        return error(ApiError::new(
            ErrorKind::NotFound,
            format!("unknown RPC op `{}`", frame.op),
        ));
    };
    let input = match &frame.input {
        Some(input) => match format.encode(input) {
            Ok(bytes) => bytes,
            Err(e) => return error(ApiError::internal(e)),
        },
        None => Vec::new(),
    };
    let framed = Admitted {
        media: crate::http::media::ResponseMedia {
            format: answer_format,
            sequence: false,
        },
        format,
        handle: admitted.handle.clone(),
        body: input.into(),
        headers: HeaderMap::new(),
        caller: admitted.caller.clone(),
    };
    let idempotency = match (&frame.idem, &state.options.idempotency, target.idempotent()) {
        (Some(idem), Some(config), true) => Some((idem, config)),
        _ => None,
    };
    let Some((idem, config)) = idempotency else {
        let rendered = pipeline::run_frame(state, target, frame.if_match, parts, &framed).await;
        return settle(rendered, answer_format);
    };
    if !is_valid_key(idem) {
        return error(ApiError::bad_request(
            "idem must be 1 to 255 visible ASCII characters",
        ));
    }
    let Some(caller) = &admitted.caller else {
        return error(ApiError::new(
            ErrorKind::PreconditionFailed,
            "the caller cannot be identified for idem",
        ));
    };
    let scoped = format!("{caller}:f:{idem}");
    let if_match = frame.if_match.map(|v| v.to_string()).unwrap_or_default();
    let fingerprint = request_fingerprint(&[
        frame.op.as_bytes(),
        answer_format.content_type().as_bytes(),
        if_match.as_bytes(),
        &framed.body,
    ]);
    match config
        .store
        .reserve(&scoped, &fingerprint, config.lease)
        .await
    {
        Ok(Reservation::Started) => {}
        Ok(Reservation::Replay(stored)) => {
            return (
                StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                stored.body,
            );
        }
        Ok(Reservation::InFlight) => {
            return error(ApiError::new(
                ErrorKind::Conflict,
                "a frame with this idem is still in progress",
            ));
        }
        Ok(Reservation::Mismatch) => {
            return error(ApiError::validation(
                "this idem was used with a different frame",
            ));
        }
        Err(cause) => {
            tracing::error!(%cause, "idempotency store failed");
            return error(ApiError::new(
                ErrorKind::Unavailable,
                "the idempotency store is unavailable",
            ));
        }
    }
    let rendered = pipeline::run_frame(state, target, frame.if_match, parts, &framed).await;
    let (status, body) = settle(rendered, answer_format);
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
    (status, body)
}

fn settle(rendered: Result<Rendered, ApiError>, format: Format) -> (StatusCode, Vec<u8>) {
    match rendered {
        Ok(Rendered::Buffered(buffered)) => (buffered.status, buffered.body),
        // Frames never stream: their media has no sequence framing.
        Ok(Rendered::Streamed(_)) => {
            let error = render::error(
                &ApiError::internal("a frame streamed"),
                format,
                Envelope::Rpc,
            );
            (error.status, error.body)
        }
        Err(error) => {
            let buffered = render::error(&error, format, Envelope::Rpc);
            (buffered.status, buffered.body)
        }
    }
}
