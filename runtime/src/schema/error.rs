//! The one error type of the runtime and of generated crates, with stable
//! codes. Database failures keep their SQLSTATE; SQLite's constraint errors
//! are given the PostgreSQL SQLSTATE of the same constraint class so both
//! backends report a violation the same way.

use crate::schema::validate::ValidationErrors;
use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No row with that key (or it is soft-deleted).
    NotFound { model: &'static str },
    /// Input failed `validate()`; nothing was written.
    Validation(ValidationErrors),
    /// A unique or primary-key constraint refused the write.
    Conflict {
        constraint: Option<String>,
        message: String,
    },
    /// `@version` did not match: someone else updated the row first.
    VersionMismatch {
        model: &'static str,
        expected: i64,
        actual: i64,
    },
    /// The operation needs something the context does not give (for
    /// example an authenticated principal for `@default(auth().x)`).
    Forbidden { reason: String },
    /// Any other database failure.
    Database {
        sqlstate: Option<String>,
        message: String,
    },
    /// A column could not be decoded into its Rust type.
    Decode { message: String },
    /// The handle was used after its transaction ended.
    TransactionClosed,
    /// A request could not be understood, for example procedure arguments
    /// that do not decode into the procedure's argument type.
    BadRequest { message: String },
    /// A procedure name the schema does not declare.
    UnknownProcedure { name: String },
}

impl Error {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Validation(_) => "validation",
            Error::Conflict { .. } => "conflict",
            Error::VersionMismatch { .. } => "version_mismatch",
            Error::Forbidden { .. } => "forbidden",
            Error::Database { .. } => "database",
            Error::Decode { .. } => "decode",
            Error::TransactionClosed => "transaction_closed",
            Error::BadRequest { .. } => "bad_request",
            Error::UnknownProcedure { .. } => "unknown_procedure",
        }
    }

    /// The SQLSTATE of a database error (`23505` for a conflict).
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            Error::Conflict { .. } => Some("23505"),
            Error::Database { sqlstate, .. } => sqlstate.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound { model } => write!(f, "{model} not found"),
            Error::Validation(errors) => write!(f, "validation failed: {errors}"),
            Error::Conflict { message, .. } => write!(f, "conflict: {message}"),
            Error::VersionMismatch {
                model,
                expected,
                actual,
            } => write!(
                f,
                "{model} version mismatch: expected {expected}, found {actual}"
            ),
            Error::Forbidden { reason } => write!(f, "forbidden: {reason}"),
            Error::Database { sqlstate, message } => match sqlstate {
                Some(state) => write!(f, "database error {state}: {message}"),
                None => write!(f, "database error: {message}"),
            },
            Error::Decode { message } => write!(f, "decode error: {message}"),
            Error::TransactionClosed => write!(f, "the transaction has already ended"),
            Error::BadRequest { message } => write!(f, "bad request: {message}"),
            Error::UnknownProcedure { name } => write!(f, "unknown procedure `{name}`"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ValidationErrors> for Error {
    fn from(errors: ValidationErrors) -> Self {
        Error::Validation(errors)
    }
}
