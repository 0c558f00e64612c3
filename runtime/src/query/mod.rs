//! L1, the query layer: the filter tree (the query IR) and the typed
//! filters, orderings and relations that build it; and the passes over it:
//! policy lowering (a context and a model's policies become a filter),
//! relation scoping, constant folding, and the include plan.
//!
//! Layer invariant: imports only `schema/`. It knows no SQL text, backend,
//! connection or operation: `sql/` renders what is built here. The passes
//! serve statements only, so they are built with a backend; the typed
//! filters exist without one, for generated crates built without a
//! database.

pub(crate) mod context;
pub(crate) mod filter;
pub(crate) mod relation;

#[cfg(database)]
pub(crate) mod compare;
#[cfg(database)]
pub(crate) mod fold;
#[cfg(database)]
pub(crate) mod include;
#[cfg(database)]
pub(crate) mod lower;
#[cfg(database)]
pub(crate) mod scope;
