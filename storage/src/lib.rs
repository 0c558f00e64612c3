//! The storage contract: what the compiler, the migration planner and the
//! runtime must agree on to meet at a database.
//!
//! - [`Dialect`]: the SQL dialects, how they quote identifiers and literals,
//!   and their generators for "now" and random UUIDs;
//! - [`Kind`]: how a value is stored, and the column type of each kind per
//!   dialect;
//! - [`fit_identifier`]: every physical name fitted to one identifier limit;
//! - [`tables`]: the tables the runtime owns (migration bookkeeping, the
//!   audit journal, the event outbox), which migrations create and the
//!   runtime reads and writes.
//!
//! Architecture invariant: no dependencies (serde only with the `serde`
//! feature). The compiler links this crate
//! without linking the runtime, and the runtime without the compiler.

mod dialect;
mod kind;
mod names;
pub mod tables;

pub use dialect::{Dialect, quote_ident, quote_literal};
pub use kind::{Kind, MYSQL_KEYED_TEXT};
pub use names::{IDENTIFIER_LIMIT, fit_identifier};
