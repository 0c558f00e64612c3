//! Codec negotiation on one route: `Content-Type` picks the decoder (415
//! when it is missing or not offered), `Accept` the encoder and framing
//! (RFC 9110: quality, then specificity, then the client's order, then the
//! server's, which puts CBOR first; 406 when nothing fits). A route's offer is its
//! [`RouteCapabilities`] narrowed to the codecs the service was built with.

use crate::http::error::{ApiError, ErrorKind};
use crate::schema::codec::Format;
use crate::schema::negotiate::choose_media_type;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use serde::Serialize;

/// The framing of a sequence of items (RFC 8742): concatenated CBOR items.
pub const CBOR_SEQ: &str = "application/cbor-seq";

/// What one route reads and writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteCapabilities {
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// The path template (`/posts/{id}`, `/rpc/{op_id}` with the op id).
    pub path: String,
    /// The RPC op id of the route (`model.Post.get`, `procedure.name`).
    pub op: String,
    /// Body media types accepted; empty for routes without a body.
    pub request_types: Vec<&'static str>,
    /// Response media types, in the server's order of preference.
    pub response_types: Vec<&'static str>,
    /// The answer without an `Accept` header.
    pub default_response_type: &'static str,
    /// Whether the route can answer `application/cbor-seq`.
    pub supports_sequence_response: bool,
}

/// The formats offered, CBOR first (upstream's default response type).
pub(crate) fn ordered(formats: &[Format]) -> Vec<Format> {
    let mut formats = formats.to_vec();
    formats.sort_by_key(|f| match f {
        Format::Cbor => 0,
        Format::Json => 1,
    });
    formats.dedup();
    formats
}

/// How a response is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseMedia {
    pub format: Format,
    /// `application/cbor-seq`: items one after the other.
    pub sequence: bool,
}

impl ResponseMedia {
    pub fn content_type(self) -> &'static str {
        if self.sequence {
            CBOR_SEQ
        } else {
            self.format.content_type()
        }
    }
}

/// A failure to pick a response type: answered as `text/plain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unacceptable {
    pub status: axum::http::StatusCode,
    pub message: String,
}

/// The response media for `headers` among `formats` (plus `cbor-seq`
/// when `sequence` and CBOR is offered).
pub fn response_media(
    headers: &HeaderMap,
    formats: &[Format],
    sequence: bool,
) -> Result<ResponseMedia, Unacceptable> {
    let accept = headers.get(ACCEPT);
    // The common case, `Accept` naming one offered codec exactly: no parse.
    if let Some(value) = accept
        && let Some(&format) = formats.iter().take(2).find(|f| {
            value
                .as_bytes()
                .eq_ignore_ascii_case(f.content_type().as_bytes())
        })
    {
        return Ok(ResponseMedia {
            format,
            sequence: false,
        });
    }
    let accept = match accept {
        None => None,
        Some(value) => Some(value.to_str().map_err(|_| Unacceptable {
            status: axum::http::StatusCode::BAD_REQUEST,
            message: "the Accept header is not ASCII".to_string(),
        })?),
    };
    // At most the two formats and the sequence framing: kept on the stack,
    // since this runs on every request.
    let mut types = [""; 3];
    let mut media = [ResponseMedia {
        format: Format::Cbor,
        sequence: false,
    }; 3];
    let mut count = 0;
    for &format in formats.iter().take(2) {
        types[count] = format.content_type();
        media[count] = ResponseMedia {
            format,
            sequence: false,
        };
        count += 1;
    }
    if sequence && formats.contains(&Format::Cbor) {
        types[count] = CBOR_SEQ;
        media[count] = ResponseMedia {
            format: Format::Cbor,
            sequence: true,
        };
        count += 1;
    }
    match choose_media_type(accept, &types[..count]) {
        Ok(index) => Ok(media[index]),
        Err(_) => Err(Unacceptable {
            status: axum::http::StatusCode::NOT_ACCEPTABLE,
            message: format!(
                "this route only serves {} responses",
                types[..count].join(", ")
            ),
        }),
    }
}

/// The media for an error answered before (or despite) negotiation: the
/// negotiated one when there is one, else CBOR, else what is offered.
pub fn lenient_media(headers: &HeaderMap, formats: &[Format]) -> ResponseMedia {
    response_media(headers, formats, false).unwrap_or(ResponseMedia {
        format: if formats.contains(&Format::Cbor) || formats.is_empty() {
            Format::Cbor
        } else {
            formats[0]
        },
        sequence: false,
    })
}

/// The decoder for a request body: its `Content-Type` (parameters
/// ignored) among `formats`.
pub fn request_format(headers: &HeaderMap, formats: &[Format]) -> Result<Format, ApiError> {
    let offered = || {
        formats
            .iter()
            .map(|f| f.content_type())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Err(ApiError::new(
            ErrorKind::UnsupportedMediaType,
            format!("a Content-Type is required: one of {}", offered()),
        ));
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::bad_request("the Content-Type header is not ASCII"))?;
    Format::from_content_type(text)
        .filter(|format| formats.contains(format))
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::UnsupportedMediaType,
                format!("unsupported Content-Type; this route reads {}", offered()),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: Option<&str>, sequence: bool) -> Result<&'static str, u16> {
        let mut headers = HeaderMap::new();
        if let Some(value) = value {
            headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        response_media(&headers, &[Format::Cbor, Format::Json], sequence)
            .map(ResponseMedia::content_type)
            .map_err(|e| e.status.as_u16())
    }

    #[test]
    fn cbor_is_the_default_and_wildcards_keep_server_order() {
        assert_eq!(accept(None, false), Ok("application/cbor"));
        assert_eq!(accept(Some("*/*"), false), Ok("application/cbor"));
        assert_eq!(
            accept(Some("application/json"), false),
            Ok("application/json")
        );
        assert_eq!(accept(Some("text/html"), false), Err(406));
    }

    #[test]
    fn a_q0_type_stays_excluded_under_a_wildcard() {
        // RFC 9110: the most specific range decides; upstream would pick CBOR.
        assert_eq!(
            accept(Some("application/cbor;q=0, */*"), false),
            Ok("application/json")
        );
    }

    #[test]
    fn sequences_are_offered_only_where_the_route_streams() {
        assert_eq!(
            accept(Some("application/cbor-seq, application/cbor;q=0.5"), true),
            Ok(CBOR_SEQ)
        );
        assert_eq!(accept(Some("application/cbor-seq"), false), Err(406));
    }

    #[test]
    fn content_type_picks_the_decoder() {
        let mut headers = HeaderMap::new();
        let formats = [Format::Cbor, Format::Json];
        assert_eq!(
            request_format(&headers, &formats).unwrap_err().kind,
            ErrorKind::UnsupportedMediaType
        );
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert_eq!(request_format(&headers, &formats), Ok(Format::Json));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(request_format(&headers, &formats).is_err());
    }
}
