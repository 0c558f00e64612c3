//! L2, the SQL layer: a statement as text and bound parameters
//! ([`statement::Sql`]) in either dialect, the rendering of a filter tree
//! into it, and the statements of a model.
//!
//! Layer invariant: imports only `schema/` and `query/`. It writes text and
//! never runs it: the backends execute what it wrote.

pub(crate) mod filter;
pub(crate) mod render;
pub(crate) mod statement;
