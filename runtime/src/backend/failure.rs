//! A database failure as an [`Error`]: a unique violation (`23505`) is a
//! conflict, anything else a database error keeping its SQLSTATE. Both
//! backends classify through here, so they report a violation the same way.

use crate::schema::error::Error;

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
