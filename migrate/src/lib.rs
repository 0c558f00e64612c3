//! Migration planning for `.cstack` schemas.
//!
//! A validated [`SchemaModel`] is lowered to a [`PhysicalSchema`] per
//! [`Dialect`] (real SQL types, constraints, indexes, views); DDL, snapshots,
//! diffs and verification all work on that physical model.
//!
//! The storage mapping (what SQL type each `.cstack` type becomes, and how
//! values are represented) is documented in `docs/migrations.md`; the
//! generated runtime binds values in exactly those representations.

pub mod db;
mod ddl;
pub mod diff;
pub mod files;
pub mod introspect;
pub mod lint;
pub mod lower;
pub mod names;
pub mod ops;
pub mod physical;
pub mod plan;
mod queries;
pub mod runner;
pub mod snapshot;
pub mod spawner;
pub mod sql;
pub mod workflow;

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
