//! SQL identifiers and literals, from the storage contract.

pub use cstack_storage::fit_identifier;

/// `name` as a double-quoted SQL identifier (both dialects), so reserved
/// words such as `order`, `end` or `limit` are safe as names.
pub fn quote(name: &str) -> String {
    cstack_storage::quote_ident(name)
}

/// `text` as a single-quoted SQL string literal.
pub fn literal(text: &str) -> String {
    cstack_storage::quote_literal(text)
}

/// A comma-separated list of quoted identifiers.
pub fn quote_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}
