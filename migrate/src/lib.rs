//! Migration planning for `.cstack` schemas, with no database driver.
//!
//! A validated [`SchemaModel`] is lowered to a [`PhysicalSchema`] per
//! [`Dialect`] (real SQL types, constraints, indexes, views); DDL, snapshots,
//! diffs and plans all work on that physical model.
//!
//! The storage mapping (what SQL type each `.cstack` type becomes, and how
//! values are represented) is documented in `docs/migrations.md`; the
//! generated runtime binds values in exactly those representations.
//!
//! The modules, in pipeline order:
//!
//! - **The physical model**: [`physical`] (tables, columns, constraints,
//!   views in SQL terms), [`lower`] (schema model → physical schema),
//!   [`names`] (identifiers and literals), and the salsa query
//!   [`physical_schema`].
//! - **Planning**: [`diff`] (two physical schemas → [`ops`], each classified
//!   safe, blocking or lossy), [`plan`] (operations → transactional and
//!   non-transactional steps per dialect, the `-- cstack:step` markers),
//!   [`sql`] (the statements themselves) and the initial DDL
//!   ([`create_statements`], [`initial_ddl`]).
//! - **What is committed**: [`snapshot`] (`snapshot.json`) and [`files`]
//!   (the migrations folder, `cstack.sum`, the next plan of a backend, the
//!   steps a runner executes). These read and write files; nothing here
//!   opens a database.
//! - **Diagnostics**: [`lint`] (W8001, changes that would lose data).
//!
//! Applying migrations, reading live catalogs, scratch databases, `verify`
//! and `drift` are in `cstack-migrate-live`, the crate that touches
//! databases.
//!
//! Architecture invariant: this crate links no database driver, so the
//! compiler, code generation and the language server can depend on it
//! (tested by `tests/tests/dependency_rule.rs`).

// The physical model.
pub mod lower;
pub mod names;
pub mod physical;
mod queries;

// Planning.
mod ddl;
pub mod diff;
pub mod ops;
pub mod plan;
pub mod sql;

// What is committed: files only, no database.
pub mod files;
pub mod snapshot;

// Diagnostics.
pub mod lint;

pub use cstack_storage::Dialect;
pub use ddl::{create_statements, script, views_in_dependency_order};
pub use lower::{Lowered, lower};
pub use ops::{Op, Risk};
pub use physical::PhysicalSchema;
pub use plan::{Plan, Step, plan};
pub use queries::physical_schema;
pub use snapshot::Snapshot;

use cstack_compiler::SchemaModel;

/// The complete script that creates `model`'s schema in an empty database
/// of `dialect`.
pub fn initial_ddl(model: &SchemaModel, dialect: Dialect) -> String {
    let lowered = lower(model, dialect);
    script(&create_statements(&lowered.schema, dialect))
}
