//! Materialized views: what a generated crate declares about each one
//! (its relation, refresh policy and source models), `refresh()` on its
//! delegate, and the scheduler that refreshes `@@materialized(refresh =
//! "5m")` views at their interval while the application runs it.
//!
//! Materialized views exist only on PostgreSQL; a generated crate holding
//! one refuses to compile with the `sqlite` feature.

use crate::descriptor::Model;
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

#[cfg(feature = "postgres")]
pub use server::{RefreshScheduler, SchedulerOptions, refresh_materialized};

#[cfg(feature = "postgres")]
mod server {
    use super::{Materialized, MaterializedView, Refresh};
    use crate::delegate::ViewDelegate;
    use crate::error::{Error, Result};
    use crate::handle::{Backend, Handle};
    use crate::read::ReadSource;
    use crate::sql::Sql;
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::sync::watch;
    use tokio::task::JoinHandle;

    /// SQLSTATE `0A000`, feature_not_supported: what PostgreSQL itself
    /// reports for an operation it cannot do.
    fn unsupported(message: String) -> Error {
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

    type Report = dyn Fn(&'static MaterializedView, &Result<()>) + Send + Sync;
    type Interval = dyn Fn(&MaterializedView) -> Option<Duration> + Send + Sync;

    /// How a [`RefreshScheduler`] runs: which views at what interval, and
    /// who hears of each refresh.
    pub struct SchedulerOptions {
        interval: Box<Interval>,
        report: Arc<Report>,
    }

    impl Default for SchedulerOptions {
        /// Each `refresh = "…"` view at its declared interval; failed
        /// refreshes are written to standard error and retried at the next
        /// tick.
        fn default() -> Self {
            SchedulerOptions {
                interval: Box::new(|view| match view.refresh {
                    Refresh::Every(every) => Some(every),
                    Refresh::Manual | Refresh::OnChange => None,
                }),
                report: Arc::new(|view, outcome| {
                    if let Err(error) = outcome {
                        eprintln!(
                            "refreshing materialized view `{}` failed: {error}",
                            view.name
                        );
                    }
                }),
            }
        }
    }

    impl SchedulerOptions {
        /// Chooses each view's interval (`None`: not scheduled), for
        /// example to refresh faster in tests than the schema declares.
        pub fn interval(
            mut self,
            interval: impl Fn(&MaterializedView) -> Option<Duration> + Send + Sync + 'static,
        ) -> Self {
            self.interval = Box::new(interval);
            self
        }

        /// Called after every scheduled refresh with its outcome.
        pub fn on_refresh(
            mut self,
            report: impl Fn(&'static MaterializedView, &Result<()>) + Send + Sync + 'static,
        ) -> Self {
            self.report = Arc::new(report);
            self
        }
    }

    /// Refreshes scheduled materialized views on a timer until stopped (or
    /// dropped). One task per view, so a slow refresh of one never delays
    /// another; a failed refresh is reported and tried again at the next
    /// tick.
    pub struct RefreshScheduler {
        stop: watch::Sender<bool>,
        tasks: Vec<JoinHandle<()>>,
    }

    impl RefreshScheduler {
        /// Starts refreshing `views` on `handle`'s PostgreSQL database. Must
        /// be called inside a Tokio runtime.
        pub fn start(
            handle: Handle,
            views: &'static [MaterializedView],
            options: SchedulerOptions,
        ) -> Result<RefreshScheduler> {
            if handle.backend() != Backend::Postgres {
                return Err(unsupported(
                    "a refresh scheduler needs PostgreSQL: materialized views exist only there"
                        .into(),
                ));
            }
            let runtime = tokio::runtime::Handle::try_current().map_err(|_| {
                unsupported("a refresh scheduler must be started inside a Tokio runtime".into())
            })?;
            let (stop, stopped) = watch::channel(false);
            let mut tasks = Vec::new();
            for view in views {
                let Some(every) = (options.interval)(view).filter(|d| !d.is_zero()) else {
                    continue;
                };
                let handle = handle.clone();
                let report = options.report.clone();
                let mut stopped = stopped.clone();
                tasks.push(runtime.spawn(async move {
                    let mut ticks =
                        tokio::time::interval_at(tokio::time::Instant::now() + every, every);
                    // A refresh that overruns its interval is not followed by
                    // a burst of catch-up refreshes.
                    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                    loop {
                        tokio::select! {
                            _ = ticks.tick() => {
                                let outcome = refresh_materialized(&handle, view).await;
                                report(view, &outcome);
                            }
                            // Stopped, or the scheduler was dropped.
                            _ = stopped.changed() => break,
                        }
                    }
                }));
            }
            Ok(RefreshScheduler { stop, tasks })
        }

        /// How many views it refreshes.
        pub fn scheduled(&self) -> usize {
            self.tasks.len()
        }

        /// Stops every refresh task and waits until each has ended (a
        /// refresh in flight is cancelled at its next await point).
        pub async fn stop(mut self) {
            let _ = self.stop.send(true);
            for task in std::mem::take(&mut self.tasks) {
                let _ = task.await;
            }
        }
    }
}
