//! The incremental `.cstack` compiler: a salsa database whose queries take a
//! source file to a validated, resolved [`SchemaModel`] and to the complete
//! list of diagnostics.
//!
//! Architecture invariant: no file I/O here. Files enter as [`SourceFile`]
//! inputs; only the binaries read the disk.
//!
//! The query pipeline, each step memoised:
//!
//! ```text
//! SourceFile ─▶ parse ─▶ item_tree (one `Decl` per declaration, position-independent)
//!            ─▶ scope (names) and settings (datasource, transport, extensions)
//!            ─▶ validate_decl (one per declaration) + validate_names (schema-wide)
//!            ─▶ check_file (all diagnostics, absolute ranges, sorted)
//!            ─▶ schema_model (the validated, typed model later stages consume)
//! ```
//!
//! Beside the pipeline: [`lang`], the catalogue of the language's
//! vocabulary; [`storage`](Storage), the storage table; [`names`], every
//! physical name; [`generated`], the names a generated crate defines.
//!
//! Terminology: a *declaration* is a top-level block (`model`, `view`, ...);
//! a *decl* is its salsa identity; an *anchor* names the declaration a
//! diagnostic range is relative to.

mod builtins;
mod check;
mod db;
pub mod generated;
mod input;
mod items;
pub mod lang;
pub mod model;
pub mod names;
mod parsing;
mod resolution;
mod schema_settings;
mod storage;
mod validate;

pub use builtins::Scalar;
pub use check::{CheckResult, check_file, check_file_in_parallel};
pub use db::{Db, RootDatabase};
pub use input::SourceFile;
pub use items::{Decl, ItemTree, item_tree};
pub use model::{ErrorsReported, SchemaModel, schema_model};
pub use names::{pluralize, table_name, to_snake_case};
pub use parsing::parse;
pub use resolution::{Name, Resolved, Scope, auth_decl, resolve_type, scope};
pub use schema_settings::{Provider, Settings, Transport, settings};
pub use storage::{Generated, RustType, Storage, stored_examples};
pub use validate::{Item, Validated, emits, validate_decl};

pub use cstack_diagnostics as diagnostics;
pub use cstack_storage as storage_contract;
pub use cstack_syntax as syntax;
