//! What the rate limiter and the idempotency layer need of a shared store,
//! whichever it is (memory or Redis): how it fails.

use std::fmt;

/// A store that could not answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store could not be reached (connection refused or lost, a
    /// timeout): the only failure a fail-open policy lets through.
    Unavailable(String),
    /// The store answered with an error (a script error, out of memory,
    /// no permission): never let through.
    Failed(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(message) => write!(f, "store unavailable: {message}"),
            StoreError::Failed(message) => write!(f, "store failed: {message}"),
        }
    }
}

impl std::error::Error for StoreError {}
