//! Migrations against live databases: this is the crate that touches
//! databases. Planning (lowering, diffs, plans, SQL, migration files) is in
//! `cstack-migrate`, which links no database driver; everything here opens
//! connections, on PostgreSQL and SQLite.
//!
//! The modules, from the connection up:
//!
//! - [`db`]: a [`Connection`](db::Connection) from a URL (`postgres://`,
//!   `sqlite://`), read-write or read-only;
//! - [`runner`]: applying a migrations folder with the runtime's runner
//!   (the one generated crates use) and reporting its status;
//! - [`introspect`]: reading a live catalog into canonical JSON, and
//!   comparing two catalogs;
//! - [`spawner`]: scratch databases (a server database or schema, a private
//!   local cluster, SQLite in memory);
//! - [`workflow`]: `verify` (history replayed against the snapshot) and
//!   `drift` (a live database against the migrations it applied), built
//!   from the four above.

pub mod db;
pub mod introspect;
pub mod runner;
pub mod spawner;
pub mod workflow;
