//! What a generated crate declares about each materialized view: its
//! relation, when it is refreshed and the models it reads. Refreshing one,
//! and the two schedulers that do it for the application, are
//! `ops::refresh`.
//!
//! Materialized views exist only on PostgreSQL; a generated crate holding
//! one refuses to compile with the `sqlite` feature.

use crate::schema::model::Model;
use std::time::Duration;

/// When a materialized view is refreshed besides explicit `refresh()` calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    /// `@@materialized`: only when the application calls `refresh()`.
    Manual,
    /// `@@materialized(refresh = "5m")`: by the refresh scheduler.
    Every(Duration),
    /// `@@materialized(refresh = on_change)`: after committed writes to a
    /// source model.
    OnChange,
}

/// One materialized view of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaterializedView {
    /// The schema's view name.
    pub name: &'static str,
    /// The PostgreSQL relation.
    pub relation: &'static str,
    pub refresh: Refresh,
    /// The models the view reads (`view V from A, B`).
    pub sources: &'static [&'static str],
}

/// A generated materialized view struct.
pub trait Materialized: Model {
    const VIEW: &'static MaterializedView;
}
