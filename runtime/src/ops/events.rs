//! Who hears of committed writes: the audit sinks registered on a handle
//! and the subscribers of each `@@emit` model, shared by the handle's
//! clones ([`Listeners`]); handing them what a commit delivered, and an
//! outbox row redelivered.

use crate::handle::Handle;
use crate::ops::image::values_from_json;
use crate::schema::error::{Error, Result};
use crate::schema::events::{AuditRecord, AuditSink, Event, Operation};
use crate::schema::model::{Emits, Model};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use tokio::sync::broadcast;

/// Events a subscriber may fall behind by before it sees `Lagged`.
const CHANNEL_CAPACITY: usize = 1024;

struct Channel {
    /// A `broadcast::Sender<Arc<Event<M>>>` for the model.
    sender: Box<dyn Any + Send + Sync>,
    /// Decodes an outbox payload and publishes it (for redelivery).
    publish_json: fn(&Channel, &str, &serde_json::Value) -> Result<bool>,
}

/// The audit sinks and event channels of a database, shared by every
/// clone of its handle.
#[derive(Default)]
pub(crate) struct Listeners {
    audit_sinks: RwLock<Vec<Arc<dyn AuditSink>>>,
    channels: Mutex<HashMap<&'static str, Channel>>,
}

impl Listeners {
    fn channels(&self) -> MutexGuard<'_, HashMap<&'static str, Channel>> {
        // A panicking subscriber cannot leave the map half-written: keep going.
        self.channels.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends `event` to the subscribers of `M`; whether any received it.
    pub(crate) fn send<M: Model>(&self, event: Event<M>) -> bool {
        let channels = self.channels();
        let Some(channel) = channels.get(M::DESCRIPTOR.name) else {
            return false;
        };
        match channel
            .sender
            .downcast_ref::<broadcast::Sender<Arc<Event<M>>>>()
        {
            Some(sender) => sender.send(Arc::new(event)).is_ok(),
            None => false,
        }
    }

    fn subscribe<M: Emits>(&self) -> broadcast::Receiver<Arc<Event<M>>> {
        let mut channels = self.channels();
        let channel = channels
            .entry(M::DESCRIPTOR.name)
            .or_insert_with(|| Channel {
                sender: Box::new(broadcast::channel::<Arc<Event<M>>>(CHANNEL_CAPACITY).0),
                publish_json: publish_json::<M>,
            });
        match channel
            .sender
            .downcast_ref::<broadcast::Sender<Arc<Event<M>>>>()
        {
            Some(sender) => sender.subscribe(),
            // Two model types with one name cannot come from one schema;
            // a second schema's model gets a channel that never fires.
            None => broadcast::channel(1).1,
        }
    }

    /// Hands the audit records of one committed transaction to every sink.
    pub(crate) fn audited(&self, records: &[AuditRecord]) {
        let sinks = self
            .audit_sinks
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        for sink in sinks {
            sink.committed(records);
        }
    }

    /// Publishes an outbox row's event to the subscribers of its model;
    /// whether any received it. A payload that no longer decodes is an error.
    pub(crate) fn publish_json(
        &self,
        model: &str,
        operation: &str,
        payload: &serde_json::Value,
    ) -> Result<bool> {
        let channels = self.channels();
        match channels.get(model) {
            Some(channel) => (channel.publish_json)(channel, operation, payload),
            None => Ok(false),
        }
    }
}

/// The operation an outbox row names: the inverse of
/// [`Operation::event_name`].
fn operation_named(name: &str) -> Option<Operation> {
    [Operation::Create, Operation::Update, Operation::Delete]
        .into_iter()
        .find(|operation| operation.event_name() == name)
}

/// Decodes an outbox payload into `Event<M>` and sends it.
fn publish_json<M: Model>(
    channel: &Channel,
    operation: &str,
    payload: &serde_json::Value,
) -> Result<bool> {
    let image = |side: &str| -> Result<Option<M>> {
        match payload.get(side) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(object) => {
                let values = values_from_json(M::DESCRIPTOR, object)?;
                M::from_row(&mut values.into_iter()).map(Some)
            }
        }
    };
    let missing = || Error::Decode {
        message: format!(
            "outbox event {operation} of {} lacks its row",
            M::DESCRIPTOR.name
        ),
    };
    let event = match operation_named(operation) {
        Some(Operation::Create) => Event::Created(image("after")?.ok_or_else(missing)?),
        Some(Operation::Update) => Event::Updated {
            before: image("before")?.ok_or_else(missing)?,
            after: image("after")?.ok_or_else(missing)?,
        },
        Some(Operation::Delete) => Event::Deleted(image("before")?.ok_or_else(missing)?),
        None => {
            return Err(Error::Decode {
                message: format!("unknown outbox operation `{operation}`"),
            });
        }
    };
    Ok(channel
        .sender
        .downcast_ref::<broadcast::Sender<Arc<Event<M>>>>()
        .is_some_and(|sender| sender.send(Arc::new(event)).is_ok()))
}

/// The committed events of `M` from now on, through `handle` or any clone
/// of it.
pub(crate) fn subscribe<M: Emits>(handle: &Handle) -> Subscription<M> {
    Subscription {
        receiver: handle.shared::<Listeners>().subscribe::<M>(),
    }
}

/// A stream of the committed events of one model.
pub struct Subscription<M> {
    receiver: broadcast::Receiver<Arc<Event<M>>>,
}

/// Why [`Subscription::recv`] returned no event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubscriptionError {
    /// The subscriber fell this many events behind; they are skipped, the
    /// next call returns the oldest one still held.
    Lagged(u64),
    /// Every handle on the database is gone.
    Closed,
}

impl std::fmt::Display for SubscriptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SubscriptionError::Lagged(n) => write!(f, "subscriber lagged behind by {n} events"),
            SubscriptionError::Closed => f.write_str("the database handle is closed"),
        }
    }
}

impl std::error::Error for SubscriptionError {}

impl<M> Subscription<M> {
    /// The next event, waiting for one.
    pub async fn recv(&mut self) -> std::result::Result<Arc<Event<M>>, SubscriptionError> {
        self.receiver.recv().await.map_err(|error| match error {
            broadcast::error::RecvError::Lagged(n) => SubscriptionError::Lagged(n),
            broadcast::error::RecvError::Closed => SubscriptionError::Closed,
        })
    }

    /// The next event if one is waiting.
    pub fn try_recv(&mut self) -> Option<Arc<Event<M>>> {
        loop {
            match self.receiver.try_recv() {
                Ok(event) => return Some(event),
                Err(broadcast::error::TryRecvError::Lagged(_)) => continue,
                Err(_) => return None,
            }
        }
    }
}

impl Handle {
    /// Registers `sink`, called after every commit with the audit records
    /// of the transaction (on this handle and every clone of it).
    pub fn with_audit_sink(self, sink: impl AuditSink) -> Self {
        self.shared::<Listeners>()
            .audit_sinks
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Arc::new(sink));
        self
    }
}
