//! The RPC binding: `POST /rpc/{op_id}` with unwrapped bodies, `list`
//! inputs turned into the REST grammar's pairs, and `POST /rpc/batch`:
//! frames `{id, op, input, idem?}` answered `{id, output}` or `{id,
//! error}` in request order, at most [`BATCH_MAX_ITEMS`] (checked before
//! any dispatch), authenticated once, each frame run on its own through
//! the framed-call executor (`frames`), its `idem` honoured through the
//! same idempotency store as headers.

use crate::http::error::{ApiError, Envelope, ErrorKind};
use crate::http::frames::{self, Answer, Call, Session};
use crate::http::pipeline::{self, Admitted, admit, merge};
use crate::http::render::{self, Buffered};
use crate::http::resource::decode;
use crate::http::state::State;
use crate::schema::codec::Format;
use axum::extract::Request;
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
        Format::Json => run_batch::<serde_json::Value>(&state, &admitted).await,
        Format::Cbor => run_batch::<ciborium::Value>(&state, &admitted).await,
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

async fn run_batch<V: Tree>(state: &Arc<State>, admitted: &Admitted) -> Result<Vec<u8>, ApiError> {
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
    let session = Session {
        handle: admitted.handle.clone(),
        caller: admitted.caller.clone(),
        format,
        answer: admitted.media.format,
        limit_each: false,
    };
    let mut answers = Vec::with_capacity(frames_typed.len());
    for frame in frames_typed {
        let input = match frame.input.as_ref().map(|input| format.encode(input)) {
            Some(Ok(bytes)) => bytes,
            None => Vec::new(),
            // A frame whose input does not encode again fails alone.
            Some(Err(error)) => {
                let error = ApiError::internal(error);
                let body = render::error(&error, session.answer, Envelope::Rpc).body;
                answers.push((frame.id, false, body));
                continue;
            }
        };
        let call = Call {
            op: &frame.op,
            input: input.into(),
            idem: frame.idem.as_deref(),
            if_match: frame.if_match,
        };
        let (ok, body) = match frames::execute(state, &session, call, false).await {
            Answer::Done { ok, body } => (ok, body),
            // Without items asked for, every op answers once.
            Answer::Items(_) => {
                let error = ApiError::internal("a batch frame answered items");
                (
                    false,
                    render::error(&error, session.answer, Envelope::Rpc).body,
                )
            }
        };
        answers.push((frame.id, ok, body));
    }
    Ok(render::batch_answers(admitted.media.format, &answers))
}
