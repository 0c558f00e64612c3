//! Encoding and decoding generated types: JSON (`serde_json`, feature
//! `json`) and CBOR (`ciborium`, feature `cbor`), behind one [`Codec`] trait
//! so a transport picks one from [`negotiate()`](crate::negotiate())'s answer.
//!
//! The wire format of every generated type is the same in both (see
//! `docs/wire-format.md`): the schema's field names, absent for an
//! untouched `Patch` field, `null` for `Patch::Null` and for an empty
//! optional field of a model; `Decimal` and `DateTime` as text; `Uuid` and
//! `Bytes` as text in JSON and as byte strings in CBOR.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// The buffer an encoding starts in when its size is not guessed better:
/// most single values fit, and a larger one grows by doubling.
const SMALL_BODY: usize = 128;

/// A wire format.
pub trait Codec {
    /// The media type this codec reads and writes.
    const CONTENT_TYPE: &'static str;
    /// Appends `value`'s encoding to `out`.
    fn encode_into<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), CodecError>;
    fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CodecError> {
        let mut out = Vec::with_capacity(SMALL_BODY);
        Self::encode_into(value, &mut out)?;
        Ok(out)
    }
    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError>;
}

/// A value could not be encoded, or bytes did not decode into the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    /// `application/json` or `application/cbor`.
    pub content_type: &'static str,
    pub message: String,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.content_type, self.message)
    }
}

impl std::error::Error for CodecError {}

/// JSON through `serde_json`.
#[cfg(feature = "json")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json;

#[cfg(feature = "json")]
impl Codec for Json {
    const CONTENT_TYPE: &'static str = "application/json";

    fn encode_into<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), CodecError> {
        serde_json::to_writer(out, value).map_err(error_of::<Self>)
    }

    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
        serde_json::from_slice(bytes).map_err(error_of::<Self>)
    }
}

/// CBOR (RFC 8949) through `ciborium`.
#[cfg(feature = "cbor")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cbor;

#[cfg(feature = "cbor")]
impl Codec for Cbor {
    const CONTENT_TYPE: &'static str = "application/cbor";

    fn encode_into<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), CodecError> {
        ciborium::into_writer(value, out).map_err(error_of::<Self>)
    }

    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
        ciborium::from_reader(bytes).map_err(error_of::<Self>)
    }
}

#[cfg(any(feature = "json", feature = "cbor"))]
fn error_of<C: Codec>(error: impl fmt::Display) -> CodecError {
    CodecError {
        content_type: C::CONTENT_TYPE,
        message: error.to_string(),
    }
}

/// A format chosen at run time (from `Accept` or `Content-Type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Json,
    Cbor,
}

impl Format {
    /// Every format this build of the runtime can encode, in the server's
    /// order of preference (JSON first).
    pub const AVAILABLE: &'static [Format] = &[
        #[cfg(feature = "json")]
        Format::Json,
        #[cfg(feature = "cbor")]
        Format::Cbor,
    ];

    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Cbor => "application/cbor",
        }
    }

    /// The format of a request body's `Content-Type` (parameters such as
    /// `charset` are ignored); `None` for an unsupported type (a 415).
    pub fn from_content_type(content_type: &str) -> Option<Format> {
        let essence = content_type.split(';').next()?.trim();
        Format::AVAILABLE
            .iter()
            .copied()
            .find(|format| format.content_type().eq_ignore_ascii_case(essence))
    }

    /// Encodes with this format.
    pub fn encode<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<u8>, CodecError> {
        let mut out = Vec::with_capacity(SMALL_BODY);
        self.encode_into(value, &mut out)?;
        Ok(out)
    }

    /// Appends `value`'s encoding in this format to `out`.
    pub fn encode_into<T: Serialize + ?Sized>(
        self,
        value: &T,
        out: &mut Vec<u8>,
    ) -> Result<(), CodecError> {
        match self {
            #[cfg(feature = "json")]
            Format::Json => Json::encode_into(value, out),
            #[cfg(feature = "cbor")]
            Format::Cbor => Cbor::encode_into(value, out),
            #[allow(unreachable_patterns)]
            other => {
                let _ = (value, out);
                Err(not_built(other))
            }
        }
    }

    /// Decodes with this format.
    pub fn decode<T: DeserializeOwned>(self, bytes: &[u8]) -> Result<T, CodecError> {
        match self {
            #[cfg(feature = "json")]
            Format::Json => Json::decode(bytes),
            #[cfg(feature = "cbor")]
            Format::Cbor => Cbor::decode(bytes),
            #[allow(unreachable_patterns)]
            other => {
                let _ = bytes;
                Err(not_built(other))
            }
        }
    }
}

#[allow(dead_code)]
fn not_built(format: Format) -> CodecError {
    CodecError {
        content_type: format.content_type(),
        message: "this build of cstack-runtime does not include this format (Cargo feature)"
            .to_string(),
    }
}
