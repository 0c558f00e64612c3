//! L3, the backends: PostgreSQL over sqlx (feature `postgres`), SQLite
//! over rusqlite (feature `sqlite`) and MySQL or MariaDB over sqlx (feature
//! `mysql`). Each runs a statement on a connection
//! and returns its rows as values by kind (SQLite and MySQL also straight
//! into generated structs, a column at a time), and begins, commits and
//! rolls back transactions. All answer the same calls with the same
//! results.
//!
//! Layer invariant: imports only `schema/` (values, kinds, errors) and the
//! statement type of `sql/`. A backend knows no model, policy, event or
//! filter: it executes what the layers above built.

#[cfg(any(feature = "sqlite", feature = "mysql"))]
pub(crate) mod columns;
pub(crate) mod failure;
#[cfg(feature = "mysql")]
pub(crate) mod mysql;
#[cfg(feature = "mysql")]
pub(crate) mod mysql_row;
#[cfg(feature = "postgres")]
pub(crate) mod postgres;
#[cfg(feature = "sqlite")]
pub(crate) mod sqlite;
#[cfg(feature = "sqlite")]
pub(crate) mod sqlite_row;
#[cfg(any(feature = "postgres", feature = "mysql"))]
pub(crate) mod sqlx_tx;
