//! The errors the service answers with: one [`ApiError`] per failure, its
//! HTTP status, and the two upstream envelopes it travels in (REST's
//! `{code, message, details}` with upper-case codes, RPC's `{code,
//! message, details?}` with gRPC-style codes).
//!
//! Messages of server failures are canned ("internal error"); their cause
//! goes to the log, never to the client. Validation errors name the fields
//! and rules that failed, never the values.

use crate::schema::error::Error;
use axum::http::StatusCode;
use serde::Serialize;

/// The kinds of failure of upstream's status table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Codec,
    Unauthorized,
    Forbidden,
    NotFound,
    NotAcceptable,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Validation,
    TooManyRequests,
    Database,
    Internal,
    Unavailable,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::BadRequest | ErrorKind::Codec => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Database | ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The REST envelope's code.
    pub fn rest_code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BAD_REQUEST",
            ErrorKind::Codec => "CODEC_ERROR",
            ErrorKind::Unauthorized => "UNAUTHORIZED",
            ErrorKind::Forbidden => "FORBIDDEN",
            ErrorKind::NotFound => "NOT_FOUND",
            ErrorKind::NotAcceptable => "NOT_ACCEPTABLE",
            ErrorKind::Conflict => "CONFLICT",
            ErrorKind::PreconditionFailed => "PRECONDITION_FAILED",
            ErrorKind::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            ErrorKind::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            ErrorKind::Validation => "VALIDATION_ERROR",
            ErrorKind::TooManyRequests => "TOO_MANY_REQUESTS",
            ErrorKind::Database => "DATABASE_ERROR",
            ErrorKind::Internal => "INTERNAL_ERROR",
            ErrorKind::Unavailable => "UNAVAILABLE",
        }
    }

    /// The RPC envelope's code.
    pub fn rpc_code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest
            | ErrorKind::Codec
            | ErrorKind::NotAcceptable
            | ErrorKind::UnsupportedMediaType
            | ErrorKind::Validation => "invalid_argument",
            ErrorKind::Unauthorized => "unauthenticated",
            ErrorKind::Forbidden => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::PreconditionFailed => "failed_precondition",
            ErrorKind::PayloadTooLarge | ErrorKind::TooManyRequests => "resource_exhausted",
            ErrorKind::Database | ErrorKind::Internal => "internal",
            ErrorKind::Unavailable => "unavailable",
        }
    }
}

/// A failed request: what the client is told.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    /// Structured detail (the fields of a validation error).
    pub details: Option<serde_json::Value>,
}

/// Which envelope an error travels in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Envelope {
    Rest,
    Rpc,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            message: message.into(),
            details: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadRequest, message)
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, message)
    }

    /// A body that does not decode: the message says where, never echoes
    /// the value.
    pub fn codec(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Codec, message)
    }

    /// A server failure: the client gets a canned message, the log the
    /// cause.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(cause = %cause, "internal error");
        Self::new(ErrorKind::Internal, "internal error")
    }

    pub fn status(&self) -> StatusCode {
        self.kind.status()
    }

    /// The envelope as a serializable value.
    pub fn body(&self, envelope: Envelope) -> ErrorBody<'_> {
        ErrorBody {
            code: match envelope {
                Envelope::Rest => self.kind.rest_code(),
                Envelope::Rpc => self.kind.rpc_code(),
            },
            message: &self.message,
            details: match envelope {
                // REST always carries `details`, `null` when absent.
                Envelope::Rest => Some(self.details.as_ref().unwrap_or(&serde_json::Value::Null)),
                Envelope::Rpc => self.details.as_ref(),
            },
        }
    }
}

/// `{code, message, details}` on the wire.
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    pub code: &'static str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<&'a serde_json::Value>,
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        match error {
            Error::NotFound { model } => {
                ApiError::new(ErrorKind::NotFound, format!("{model} not found"))
            }
            Error::Validation(errors) => {
                let fields: Vec<serde_json::Value> = errors
                    .errors
                    .iter()
                    .map(|e| serde_json::json!({"field": e.field, "rule": e.rule, "message": e.message}))
                    .collect();
                let names: Vec<&str> = errors.errors.iter().map(|e| e.field).collect();
                ApiError {
                    kind: ErrorKind::Validation,
                    message: format!("validation failed: {}", names.join(", ")),
                    details: Some(serde_json::json!({ "fields": fields })),
                }
            }
            Error::Conflict { constraint, .. } => ApiError {
                kind: ErrorKind::Conflict,
                message: "the write conflicts with an existing row".to_string(),
                details: constraint.map(|c| serde_json::json!({ "constraint": c })),
            },
            Error::VersionMismatch { .. } => {
                ApiError::new(ErrorKind::PreconditionFailed, "version mismatch")
            }
            Error::Forbidden { reason } => ApiError::new(ErrorKind::Forbidden, reason),
            Error::BadRequest { message } => ApiError::bad_request(message),
            Error::UnknownProcedure { name } => {
                ApiError::new(ErrorKind::NotFound, format!("unknown procedure `{name}`"))
            }
            Error::Database { ref sqlstate, .. } => {
                // A foreign-key, not-null or check violation is the
                // client's doing (a 409 like upstream's typed conflicts);
                // anything else is ours.
                // A data exception (class 22: a NUL in text, a number out of
                // the column's range) is a value of the request the
                // database cannot hold.
                if sqlstate.as_deref().is_some_and(|s| s.starts_with("22")) {
                    tracing::info!(cause = %error, "data exception");
                    return ApiError::bad_request("a value of the request cannot be stored");
                }
                if sqlstate.as_deref().is_some_and(|s| s.starts_with("23")) {
                    tracing::info!(cause = %error, "constraint violation");
                    return ApiError::new(
                        ErrorKind::Conflict,
                        "the write violates a constraint of the schema",
                    );
                }
                tracing::error!(cause = %error, "database error");
                ApiError::new(ErrorKind::Database, "internal error")
            }
            Error::Decode { .. } | Error::TransactionClosed => ApiError::internal(error),
        }
    }
}
