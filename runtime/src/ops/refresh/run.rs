//! Refreshing a materialized view now: `REFRESH MATERIALIZED VIEW
//! CONCURRENTLY` on PostgreSQL, where materialized views exist.

use crate::handle::{Backend, Handle};
use crate::ops::read::ReadSource;
use crate::ops::view::ViewDelegate;
use crate::schema::error::{Error, Result};
use crate::schema::views::{Materialized, MaterializedView};
use crate::sql::statement::Sql;

/// SQLSTATE `0A000`, feature_not_supported: what PostgreSQL itself
/// reports for an operation it cannot do.
pub(crate) fn unsupported(message: String) -> Error {
    Error::Database {
        sqlstate: Some("0A000".into()),
        message,
    }
}

/// `REFRESH MATERIALIZED VIEW CONCURRENTLY`: readers keep seeing the
/// old rows until the new ones are in place.
pub async fn refresh_materialized(handle: &Handle, view: &MaterializedView) -> Result<()> {
    if handle.backend() != Backend::Postgres {
        return Err(unsupported(format!(
            "cannot refresh materialized view `{}`: materialized views need PostgreSQL",
            view.name
        )));
    }
    let mut statement = Sql::new(handle.dialect());
    statement
        .push("REFRESH MATERIALIZED VIEW CONCURRENTLY ")
        .ident(view.relation);
    handle.execute(&statement).await.map(|_| ())
}

impl<M: Materialized> ViewDelegate<'_, M> {
    /// Recomputes the view from its sources now.
    pub async fn refresh(&self) -> Result<()> {
        refresh_materialized(self.handle(), M::VIEW).await
    }
}
