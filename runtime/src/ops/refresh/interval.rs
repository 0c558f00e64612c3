//! The interval scheduler: refreshes each `@@materialized(refresh = "5m")`
//! view at its interval while the application runs it.

use crate::handle::{Backend, Handle};
use crate::ops::refresh::run::{refresh_materialized, unsupported};
use crate::schema::error::Result;
use crate::schema::views::{MaterializedView, Refresh};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

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
                "a refresh scheduler needs PostgreSQL: materialized views exist only there".into(),
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
