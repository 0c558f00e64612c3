//! A database failure as an [`Error`]: a unique violation (`23505`) is a
//! conflict, anything else a database error keeping its SQLSTATE. Every
//! backend classifies through here, so they report a violation the same
//! way.

use crate::schema::error::Error;

/// Text holding a NUL character, which PostgreSQL cannot store (SQLSTATE
/// `22021`): the other backends refuse it too, so all store the same values.
#[cfg(any(feature = "sqlite", feature = "mysql"))]
pub(crate) fn nul_in_text() -> Error {
    Error::Database {
        sqlstate: Some("22021".to_string()),
        message: "invalid byte sequence: text cannot contain a NUL character".to_string(),
    }
}

/// Classifies a database failure by SQLSTATE.
pub(crate) fn from_database(
    sqlstate: Option<String>,
    constraint: Option<String>,
    message: String,
) -> Error {
    if sqlstate.as_deref() == Some("23505") {
        Error::Conflict {
            constraint,
            message,
        }
    } else {
        Error::Database { sqlstate, message }
    }
}
