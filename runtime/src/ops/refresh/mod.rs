//! Refreshing materialized views: now ([`run`], also `refresh()` on a view's
//! delegate), and by the two schedulers that do it for the application:
//! at a fixed interval ([`interval`], `refresh = "5m"`) and after commits
//! that wrote a source model ([`on_change`], `refresh = on_change`).
//! Materialized views exist only on PostgreSQL.

#[cfg(feature = "postgres")]
pub(crate) mod interval;
pub(crate) mod on_change;
#[cfg(feature = "postgres")]
pub(crate) mod run;
