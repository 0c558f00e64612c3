//! What a committed transaction delivers: the audit records, events and
//! writes to on-change view sources its writes queued, in write order.
//! Once it commits the handle runs the queue ([`Delivery`]): audit sinks
//! get the records, subscribers the events (and their outbox rows are
//! marked delivered), on-change views are scheduled for a refresh. A
//! rollback drops the queue with the transaction.

use crate::handle::{AfterCommit, Handle};
use crate::ops::events::Listeners;
use crate::ops::outbox::mark_delivered;
use crate::ops::refresh::on_change::OnChange;
use crate::schema::events::AuditRecord;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

/// One thing a committed transaction delivers.
pub(crate) enum Committed {
    Audit(AuditRecord),
    Event {
        event_id: uuid::Uuid,
        /// Sends the typed event to its model's subscribers; whether any
        /// received it.
        deliver: Box<dyn FnOnce(&Listeners) -> bool + Send>,
    },
    /// A write to this model, which on-change views may read.
    Touched(&'static str),
}

/// The queue of one transaction, shared by the handles on it.
#[derive(Default)]
pub(crate) struct Delivery(Mutex<Vec<Committed>>);

impl Delivery {
    pub(crate) fn push(&self, item: Committed) {
        // A panicking sink cannot leave the queue half-written: keep going.
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(item);
    }
}

impl AfterCommit for Delivery {
    fn run(self: Arc<Self>, handle: &Handle) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(deliver(handle, self))
    }
}

/// Notes a write to `model` for on-change views: queued in a transaction,
/// scheduled at once outside one. Free when no view refreshes on change.
pub(crate) fn touched(handle: &Handle, model: &'static str) {
    let on_change = handle.shared::<OnChange>();
    let Some(refresher) = on_change.refresher() else {
        return;
    };
    if !refresher.watches(model) {
        return;
    }
    match handle.after_commit::<Delivery>() {
        Some(queue) => queue.push(Committed::Touched(model)),
        None => refresher.notify(model),
    }
}

/// Delivers what a committed transaction queued. The commit already
/// happened, so nothing here fails the caller: an outbox row left
/// unmarked is delivered again by `deliver_pending`.
async fn deliver(handle: &Handle, queue: Arc<Delivery>) {
    let items = std::mem::take(&mut *queue.0.lock().unwrap_or_else(PoisonError::into_inner));
    if items.is_empty() {
        return;
    }
    let listeners = handle.shared::<Listeners>();
    let on_change = handle.shared::<OnChange>();
    let mut records = Vec::new();
    let mut delivered = Vec::new();
    for item in items {
        match item {
            Committed::Audit(record) => records.push(record),
            Committed::Event { event_id, deliver } => {
                if deliver(&listeners) {
                    delivered.push(event_id);
                }
            }
            Committed::Touched(model) => {
                if let Some(refresher) = on_change.refresher() {
                    refresher.notify(model);
                }
            }
        }
    }
    if !records.is_empty() {
        listeners.audited(&records);
    }
    let _ = mark_delivered(handle, &delivered).await;
}
