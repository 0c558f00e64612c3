//! Answers to bytes: errors in their envelope and the negotiated codec (or
//! `text/plain` when no codec could be negotiated), replies with their
//! headers, and procedure outputs as one value, an array, or an
//! `application/cbor-seq` body, streamed item by item for `@stream`, a
//! failure mid-stream ending it with the tagged error item.

use crate::http::encode::{Encode, Reply};
use crate::http::error::{ApiError, Envelope};
use crate::http::idempotency::StoredResponse;
use crate::http::media::ResponseMedia;
use crate::http::procedures::Output;
use crate::schema::codec::Format;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, ETAG, HeaderName, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::StreamExt;

/// The CBOR tag of the error item that ends a failed sequence (upstream's
/// `RPC_STREAM_ERROR_TAG`).
pub const STREAM_ERROR_TAG: u64 = 48900;

/// A response whose body is in memory (what idempotency can store).
pub struct Buffered {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Buffered {
    /// What idempotency keeps of it for a replay (headers whose value is
    /// not text are left out).
    pub fn stored(&self) -> StoredResponse {
        StoredResponse {
            status: self.status.as_u16(),
            headers: self
                .headers
                .iter()
                .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())))
                .collect(),
            body: self.body.clone(),
        }
    }

    pub fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// An answer: in memory, or streamed.
pub enum Rendered {
    Buffered(Buffered),
    Streamed(Response),
}

impl Rendered {
    pub fn into_response(self) -> Response {
        match self {
            Rendered::Buffered(buffered) => buffered.into_response(),
            Rendered::Streamed(response) => response,
        }
    }
}

pub fn text(status: StatusCode, message: &str) -> Response {
    let mut response = Response::new(Body::from(message.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// `error` in `envelope`, encoded with `format`.
pub fn error(error: &ApiError, format: Format, envelope: Envelope) -> Buffered {
    let mut headers = HeaderMap::new();
    let body = match format.encode(&error.body(envelope)) {
        Ok(body) => {
            headers.insert(CONTENT_TYPE, format_type(format));
            body
        }
        Err(_) => {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            error.message.clone().into_bytes()
        }
    };
    Buffered {
        status: error.status(),
        headers,
        body,
    }
}

fn content_type(media: ResponseMedia) -> HeaderValue {
    if media.sequence {
        HeaderValue::from_static(crate::http::media::CBOR_SEQ)
    } else {
        format_type(media.format)
    }
}

/// `Content-Type` for `format`, from constants: `from_static` checks its
/// bytes when called at run time, and this is on every answer.
pub(crate) fn format_type(format: Format) -> HeaderValue {
    static JSON: HeaderValue = HeaderValue::from_static("application/json");
    static CBOR: HeaderValue = HeaderValue::from_static("application/cbor");
    let value = match format {
        Format::Json => &JSON,
        Format::Cbor => &CBOR,
    };
    debug_assert_eq!(value, format.content_type());
    value.clone()
}

/// A model operation's reply.
pub fn reply<T: Encode>(reply: &Reply<T>, media: ResponseMedia) -> Result<Buffered, ApiError> {
    let format = media.format;
    let body = reply.encode(format).map_err(ApiError::internal)?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, format_type(format));
    if let Some(version) = reply.version
        && let Ok(value) = HeaderValue::from_str(&format!("\"{version}\""))
    {
        headers.insert(ETAG, value);
    }
    Ok(Buffered {
        status: reply.status,
        headers,
        body,
    })
}

/// Items as one encoded array, without decoding them again: JSON's
/// brackets and commas, or a CBOR array head.
fn array(items: &[Box<dyn Encode>], format: Format) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    match format {
        Format::Json => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend(item.encode(format).map_err(ApiError::internal)?);
            }
            out.push(b']');
        }
        Format::Cbor => {
            cbor_head(&mut out, 4, items.len() as u64);
            for item in items {
                out.extend(item.encode(format).map_err(ApiError::internal)?);
            }
        }
    }
    Ok(out)
}

/// The head of a CBOR data item of `major` type with argument `n`.
fn cbor_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    match n {
        0..=23 => out.push(major | n as u8),
        24..=0xff => out.extend([major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend((n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend((n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend(n.to_be_bytes());
        }
    }
}

/// A batch's answers, `{id, output}` or `{id, error}` each, in order, from
/// their bodies already encoded in `format` (spliced in, not re-encoded).
pub fn batch_answers(format: Format, answers: &[(u64, bool, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Json => out.push(b'['),
        Format::Cbor => cbor_head(&mut out, 4, answers.len() as u64),
    }
    for (i, (id, ok, body)) in answers.iter().enumerate() {
        if i > 0 && format == Format::Json {
            out.push(b',');
        }
        let member = if *ok { "output" } else { "error" };
        frame_into(&mut out, format, Some(*id), member, body);
    }
    if format == Format::Json {
        out.push(b']');
    }
    out
}

/// One frame `{"id": id, member: body}` from a body already encoded in
/// `format` (spliced in, not re-encoded); a `None` id is null (a frame
/// that could not be told apart).
pub fn frame(format: Format, id: Option<u64>, member: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 24);
    frame_into(&mut out, format, id, member, body);
    out
}

fn frame_into(out: &mut Vec<u8>, format: Format, id: Option<u64>, member: &str, body: &[u8]) {
    match format {
        Format::Json => {
            out.extend(b"{\"id\":");
            match id {
                Some(id) => out.extend(id.to_string().as_bytes()),
                None => out.extend(b"null"),
            }
            out.extend(b",\"");
            out.extend(member.as_bytes());
            out.extend(b"\":");
            out.extend(body);
            out.push(b'}');
        }
        Format::Cbor => {
            cbor_head(out, 5, 2);
            cbor_text(out, "id");
            match id {
                Some(id) => cbor_head(out, 0, id),
                None => out.push(0xf6),
            }
            cbor_text(out, member);
            out.extend(body);
        }
    }
}

fn cbor_text(out: &mut Vec<u8>, text: &str) {
    cbor_head(out, 3, text.len() as u64);
    out.extend(text.as_bytes());
}

/// The item that ends a sequence that failed: `Tag(48900, {code,
/// message, details?})` in RPC codes.
pub fn stream_error_item(error: &ApiError) -> Vec<u8> {
    let mut out = Vec::new();
    cbor_head(&mut out, 6, STREAM_ERROR_TAG);
    match Format::Cbor.encode(&error.body(Envelope::Rpc)) {
        Ok(body) => out.extend(body),
        // An error body always encodes; keep the sequence well-formed.
        Err(_) => out.push(0xf6),
    }
    out
}

/// A procedure's output.
pub async fn output(
    output: Output,
    status: StatusCode,
    media: ResponseMedia,
    extra: HeaderMap,
) -> Result<Rendered, ApiError> {
    let format = media.format;
    let mut headers = extra;
    headers.insert(CONTENT_TYPE, content_type(media));
    let body = match output {
        Output::Value(value) => value.encode(format).map_err(ApiError::internal)?,
        Output::Items(items) if media.sequence => {
            let mut out = Vec::new();
            for item in &items {
                out.extend(item.encode(format).map_err(ApiError::internal)?);
            }
            out
        }
        Output::Items(items) => array(&items, format)?,
        Output::Stream(stream) if media.sequence => {
            let body = stream
                .scan(false, |ended, item| {
                    if *ended {
                        return std::future::ready(None);
                    }
                    let bytes = match item
                        .map_err(ApiError::from)
                        .and_then(|item| item.encode(Format::Cbor).map_err(ApiError::internal))
                    {
                        Ok(bytes) => bytes,
                        Err(error) => {
                            *ended = true;
                            stream_error_item(&error)
                        }
                    };
                    std::future::ready(Some(Ok::<_, std::convert::Infallible>(bytes::Bytes::from(
                        bytes,
                    ))))
                })
                .boxed();
            let mut response = Response::new(Body::from_stream(body));
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            return Ok(Rendered::Streamed(response));
        }
        Output::Stream(mut stream) => {
            let mut items = Vec::new();
            while let Some(item) = stream.next().await {
                items.push(item?);
            }
            array(&items, format)?
        }
    };
    Ok(Rendered::Buffered(Buffered {
        status,
        headers,
        body,
    }))
}

pub fn insert(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(HeaderName::from_static(name), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_match_the_encoders() {
        let items: Vec<Box<dyn Encode>> = (0..30).map(|i| Box::new(i) as Box<dyn Encode>).collect();
        let all: Vec<i32> = (0..30).collect();
        assert_eq!(
            array(&items, Format::Json).unwrap(),
            Format::Json.encode(&all).unwrap()
        );
        assert_eq!(
            array(&items, Format::Cbor).unwrap(),
            Format::Cbor.encode(&all).unwrap()
        );
    }

    #[test]
    fn batch_answers_are_well_formed() {
        let answers = vec![
            (3, true, Format::Cbor.encode(&5).unwrap()),
            (1, false, Format::Cbor.encode(&"x").unwrap()),
        ];
        let value: ciborium::Value =
            ciborium::from_reader(batch_answers(Format::Cbor, &answers).as_slice()).unwrap();
        let member = |name: &str, value: ciborium::Value| (ciborium::Value::from(name), value);
        let expected = ciborium::Value::Array(vec![
            ciborium::Value::Map(vec![member("id", 3.into()), member("output", 5.into())]),
            ciborium::Value::Map(vec![member("id", 1.into()), member("error", "x".into())]),
        ]);
        assert_eq!(value, expected);
        let answers = vec![(3, true, b"5".to_vec()), (1, false, b"\"x\"".to_vec())];
        let json: serde_json::Value =
            serde_json::from_slice(&batch_answers(Format::Json, &answers)).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{"id": 3, "output": 5}, {"id": 1, "error": "x"}])
        );
    }

    #[test]
    fn the_error_item_is_tag_48900() {
        let item = stream_error_item(&ApiError::internal("x"));
        let value: ciborium::Value = ciborium::from_reader(item.as_slice()).unwrap();
        match value {
            ciborium::Value::Tag(tag, inner) => {
                assert_eq!(tag, STREAM_ERROR_TAG);
                assert!(inner.is_map());
            }
            other => panic!("{other:?}"),
        }
    }
}
