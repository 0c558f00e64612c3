//! The on-change scheduler: after commits that wrote a source model of a
//! `@@materialized(refresh = on_change)` view, refreshes the view,
//! debounced. PostgreSQL pools only; elsewhere (SQLite has no
//! materialized views) nothing is scheduled.

use crate::handle::Handle;
#[cfg(feature = "postgres")]
use crate::ops::refresh::run::refresh_materialized;
use crate::schema::error::Result;
use crate::schema::views::{MaterializedView, Refresh};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;
use tokio::sync::mpsc;

/// The default debounce window of on-change refreshes.
#[cfg(feature = "postgres")]
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(250);

/// The on-change refresher of a database, once `refresh_on_change` set
/// one, shared by every clone of its handle.
#[derive(Default)]
pub(crate) struct OnChange {
    refresher: OnceLock<Refresher>,
}

impl OnChange {
    pub(crate) fn refresher(&self) -> Option<&Refresher> {
        self.refresher.get()
    }
}

impl Handle {
    /// Refreshes the `refresh = on_change` views among `views` after commits
    /// that wrote one of their source models, debounced (see
    /// [`Handle::set_refresh_debounce`]). PostgreSQL pools only; elsewhere
    /// (SQLite has no materialized views) it does nothing.
    pub fn refresh_on_change(self, views: &'static [MaterializedView]) -> Self {
        let on_change = views.iter().any(|view| view.refresh == Refresh::OnChange);
        #[cfg(feature = "postgres")]
        if let (Some(pool), true) = (self.pg_pool(), on_change) {
            let _ = self
                .shared::<OnChange>()
                .refresher
                .set(Refresher::new(pool.clone(), views));
        }
        #[cfg(not(feature = "postgres"))]
        let _ = on_change;
        self
    }

    /// How long on-change refreshes wait after the first write they follow,
    /// gathering later ones into the same refresh (250 ms unless set).
    pub fn set_refresh_debounce(&self, window: Duration) {
        if let Some(refresher) = self.shared::<OnChange>().refresher() {
            refresher.state.debounce_ms.store(
                u64::try_from(window.as_millis()).unwrap_or(u64::MAX),
                Ordering::Relaxed,
            );
        }
    }

    /// How many on-change refreshes have run, and the error of the last one
    /// that failed (a failed refresh is retried at the next change).
    pub fn on_change_refreshes(&self) -> (u64, Option<String>) {
        match self.shared::<OnChange>().refresher() {
            Some(refresher) => (
                refresher.state.refreshes.load(Ordering::Relaxed),
                refresher
                    .state
                    .last_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone(),
            ),
            None => (0, None),
        }
    }
}

/// Debounced refreshes of on-change views: a write schedules each view
/// that reads the model; the first schedule opens a window, and every view
/// scheduled before it closes is refreshed once.
pub(crate) struct Refresher {
    views: &'static [MaterializedView],
    sender: OnceLock<mpsc::UnboundedSender<&'static MaterializedView>>,
    state: Arc<RefreshState>,
}

struct RefreshState {
    /// A handle of its own on the pool, without on-change hooks: the
    /// refreshes it runs are not writes that could schedule refreshes.
    #[cfg(feature = "postgres")]
    handle: Handle,
    refreshes: AtomicU64,
    last_error: Mutex<Option<String>>,
    debounce_ms: AtomicU64,
}

impl Refresher {
    #[cfg(feature = "postgres")]
    fn new(pool: sqlx_postgres::PgPool, views: &'static [MaterializedView]) -> Self {
        Refresher {
            views,
            sender: OnceLock::new(),
            state: Arc::new(RefreshState {
                handle: Handle::postgres(pool),
                refreshes: AtomicU64::new(0),
                last_error: Mutex::new(None),
                debounce_ms: AtomicU64::new(DEFAULT_DEBOUNCE.as_millis() as u64),
            }),
        }
    }

    /// The on-change views that read `model`.
    fn views_of<'m>(&self, model: &'m str) -> impl Iterator<Item = &'static MaterializedView> + 'm {
        self.views
            .iter()
            .filter(move |view| view.refresh == Refresh::OnChange && view.sources.contains(&model))
    }

    pub(crate) fn watches(&self, model: &str) -> bool {
        self.views_of(model).next().is_some()
    }

    pub(crate) fn notify(&self, model: &str) {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            // The task ends when the last handle (holding the sender) goes.
            tokio::spawn(run_refresher(self.state.clone(), receiver));
            sender
        });
        for view in self.views_of(model) {
            let _ = sender.send(view);
        }
    }
}

async fn run_refresher(
    state: Arc<RefreshState>,
    mut receiver: mpsc::UnboundedReceiver<&'static MaterializedView>,
) {
    while let Some(first) = receiver.recv().await {
        let mut views = vec![first];
        let window = Duration::from_millis(state.debounce_ms.load(Ordering::Relaxed));
        let deadline = tokio::time::Instant::now() + window;
        while let Ok(Some(view)) = tokio::time::timeout_at(deadline, receiver.recv()).await {
            if !views.contains(&view) {
                views.push(view);
            }
        }
        for view in views {
            match refresh(&state, view).await {
                Ok(()) => {
                    state.refreshes.fetch_add(1, Ordering::Relaxed);
                }
                Err(error) => {
                    *state
                        .last_error
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = Some(error.to_string());
                }
            }
        }
    }
}

async fn refresh(state: &RefreshState, view: &'static MaterializedView) -> Result<()> {
    #[cfg(feature = "postgres")]
    {
        refresh_materialized(&state.handle, view).await
    }
    #[cfg(not(feature = "postgres"))]
    {
        let _ = (state, view);
        Ok(())
    }
}
