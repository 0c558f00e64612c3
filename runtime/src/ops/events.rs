//! Who hears of committed writes: the audit sinks registered on a handle
//! and the subscribers of each `@@emit` model, shared by the handle's
//! clones ([`Listeners`]); handing them what a commit delivered, and an
//! outbox row redelivered or relayed from another process.
//!
//! A model's subscribers come in two kinds. A [`Subscription`] (what
//! `subscribe()` returns) reads a broadcast channel and, when it falls
//! behind, skips what it missed and goes on. A [`Tap`] (what the service's
//! subscriptions read) has a bounded buffer of its own: the write that
//! would overflow it ends the tap instead, so a slow client is told it
//! lagged and never holds memory for the others.

use crate::handle::Handle;
use crate::ops::image::values_from_json;
use crate::schema::error::{Error, Result};
use crate::schema::events::{AuditRecord, AuditSink, Event, Operation};
use crate::schema::model::{Emits, Model};
use crate::schema::value::Value;
use chrono::{DateTime, Utc};
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use tokio::sync::{broadcast, mpsc};

/// Events a subscriber may fall behind by before it sees `Lagged`.
const CHANNEL_CAPACITY: usize = 1024;

/// One committed event of `M` as its subscribers receive it: the event,
/// its outbox id and time, and the row it carries as values (the row
/// after a create or update, before a delete), for judging policies.
pub struct Notice<M> {
    pub event_id: uuid::Uuid,
    pub occurred_at: DateTime<Utc>,
    pub event: Arc<Event<M>>,
    pub(crate) row: Arc<[Value]>,
}

impl<M> Clone for Notice<M> {
    fn clone(&self) -> Self {
        Notice {
            event_id: self.event_id,
            occurred_at: self.occurred_at,
            event: self.event.clone(),
            row: self.row.clone(),
        }
    }
}

impl<M> Notice<M> {
    /// The notice of `event`; `before` and `after` are the row's values
    /// in column order (as the outbox stores them).
    pub(crate) fn new(
        event_id: uuid::Uuid,
        occurred_at: DateTime<Utc>,
        event: Event<M>,
        before: Option<Vec<Value>>,
        after: Option<Vec<Value>>,
    ) -> Self {
        let row = match event.operation() {
            Operation::Delete => before,
            Operation::Create | Operation::Update => after,
        };
        Notice {
            event_id,
            occurred_at,
            event: Arc::new(event),
            row: row.unwrap_or_default().into(),
        }
    }

    /// The row the event carries, as values in column order.
    #[cfg(feature = "http")]
    pub(crate) fn row(&self) -> &[Value] {
        &self.row
    }
}

/// The sending side of a [`Tap`].
struct TapSender<M> {
    sender: mpsc::Sender<Notice<M>>,
    lagged: Arc<AtomicBool>,
}

/// Every subscriber of one model.
struct Fanout<M> {
    broadcast: broadcast::Sender<Notice<M>>,
    taps: Mutex<Vec<TapSender<M>>>,
}

impl<M> Fanout<M> {
    /// Hands `notice` to every subscriber; whether any took it. A tap
    /// whose buffer is full is ended as lagged, one whose reader is gone
    /// is dropped.
    fn send(&self, notice: Notice<M>) -> bool {
        let mut taken = false;
        self.taps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|tap| match tap.sender.try_send(notice.clone()) {
                Ok(()) => {
                    taken = true;
                    true
                }
                Err(mpsc::error::TrySendError::Full(_)) => {
                    tap.lagged.store(true, Ordering::Release);
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
            });
        self.broadcast.send(notice).is_ok() || taken
    }
}

struct Channel {
    /// The model's `Fanout<M>`.
    fanout: Box<dyn Any + Send + Sync>,
    /// Decodes an outbox payload and publishes it (for redelivery).
    publish_json: fn(&Channel, &Outboxed<'_>) -> Result<bool>,
}

/// An outbox row, as redelivery and the relay read it.
pub(crate) struct Outboxed<'a> {
    pub event_id: uuid::Uuid,
    pub model: &'a str,
    pub operation: &'a str,
    pub payload: &'a serde_json::Value,
    pub occurred_at: DateTime<Utc>,
}

/// The audit sinks and event channels of a database, shared by every
/// clone of its handle.
pub(crate) struct Listeners {
    audit_sinks: RwLock<Vec<Arc<dyn AuditSink>>>,
    channels: Mutex<HashMap<&'static str, Channel>>,
    /// Names the events written through these handles in the relay's
    /// notifications, so a relay passes over its own.
    pub(crate) origin: uuid::Uuid,
    /// The events published here lately, so an event is published once
    /// however many ways it arrives (its commit, the relay, a catch-up).
    recent: Mutex<Recent>,
}

impl Default for Listeners {
    fn default() -> Self {
        Listeners {
            audit_sinks: RwLock::default(),
            channels: Mutex::default(),
            origin: uuid::Uuid::new_v4(),
            recent: Mutex::default(),
        }
    }
}

/// The most recent event ids, at most [`Recent::KEPT`].
#[derive(Default)]
struct Recent {
    ids: std::collections::HashSet<uuid::Uuid>,
    order: std::collections::VecDeque<uuid::Uuid>,
}

impl Recent {
    const KEPT: usize = 16_384;

    /// Notes `id`; whether it was new.
    fn note(&mut self, id: uuid::Uuid) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > Self::KEPT
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        true
    }
}

impl Listeners {
    fn channels(&self) -> MutexGuard<'_, HashMap<&'static str, Channel>> {
        // A panicking subscriber cannot leave the map half-written: keep going.
        self.channels.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes that event `id` is being published here; whether it had not
    /// been.
    pub(crate) fn first_time(&self, id: uuid::Uuid) -> bool {
        self.recent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .note(id)
    }

    /// Whether event `id` was published here lately.
    #[cfg(feature = "postgres")]
    pub(crate) fn published(&self, id: uuid::Uuid) -> bool {
        self.recent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .ids
            .contains(&id)
    }

    /// Sends `notice` to the subscribers of `M`; whether any received it.
    pub(crate) fn send<M: Model>(&self, notice: Notice<M>) -> bool {
        self.first_time(notice.event_id);
        let channels = self.channels();
        channels
            .get(M::DESCRIPTOR.name)
            .and_then(|channel| channel.fanout.downcast_ref::<Fanout<M>>())
            .is_some_and(|fanout| fanout.send(notice))
    }

    /// Runs `with` on the fanout of `M`, made on first use; `None` when
    /// another type holds the name (two schemas' models of one name).
    fn with_fanout<M: Emits, T>(&self, with: impl FnOnce(&Fanout<M>) -> T) -> Option<T> {
        let mut channels = self.channels();
        let channel = channels
            .entry(M::DESCRIPTOR.name)
            .or_insert_with(|| Channel {
                fanout: Box::new(Fanout::<M> {
                    broadcast: broadcast::channel(CHANNEL_CAPACITY).0,
                    taps: Mutex::new(Vec::new()),
                }),
                publish_json: publish_json::<M>,
            });
        channel.fanout.downcast_ref::<Fanout<M>>().map(with)
    }

    fn subscribe<M: Emits>(&self) -> broadcast::Receiver<Notice<M>> {
        self.with_fanout::<M, _>(|fanout| fanout.broadcast.subscribe())
            // A second schema's model gets a channel that never fires.
            .unwrap_or_else(|| broadcast::channel(1).1)
    }

    #[cfg(feature = "http")]
    fn tap<M: Emits>(&self, capacity: usize) -> Tap<M> {
        let (sender, receiver) = mpsc::channel(capacity.max(1));
        let lagged = Arc::new(AtomicBool::new(false));
        let tap = TapSender {
            sender,
            lagged: lagged.clone(),
        };
        self.with_fanout::<M, _>(|fanout| {
            fanout
                .taps
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(tap)
        });
        Tap { receiver, lagged }
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
    pub(crate) fn publish_json(&self, row: &Outboxed<'_>) -> Result<bool> {
        self.first_time(row.event_id);
        let channels = self.channels();
        match channels.get(row.model) {
            Some(channel) => (channel.publish_json)(channel, row),
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

/// Decodes an outbox payload into a notice of `M` and sends it.
fn publish_json<M: Model>(channel: &Channel, row: &Outboxed<'_>) -> Result<bool> {
    let operation = row.operation;
    let values = |side: &str| -> Result<Option<Vec<Value>>> {
        match row.payload.get(side) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(object) => values_from_json(M::DESCRIPTOR, object).map(Some),
        }
    };
    let (before, after) = (values("before")?, values("after")?);
    let decode = |values: &Option<Vec<Value>>| -> Result<M> {
        match values {
            Some(values) => M::from_row(&mut values.clone().into_iter()),
            None => Err(Error::Decode {
                message: format!(
                    "outbox event {operation} of {} lacks its row",
                    M::DESCRIPTOR.name
                ),
            }),
        }
    };
    let event = match operation_named(operation) {
        Some(Operation::Create) => Event::Created(decode(&after)?),
        Some(Operation::Update) => Event::Updated {
            before: decode(&before)?,
            after: decode(&after)?,
        },
        Some(Operation::Delete) => Event::Deleted(decode(&before)?),
        None => {
            return Err(Error::Decode {
                message: format!("unknown outbox operation `{operation}`"),
            });
        }
    };
    let notice = Notice::new(row.event_id, row.occurred_at, event, before, after);
    Ok(channel
        .fanout
        .downcast_ref::<Fanout<M>>()
        .is_some_and(|fanout| fanout.send(notice)))
}

/// The committed events of `M` from now on, through `handle` or any clone
/// of it.
pub(crate) fn subscribe<M: Emits>(handle: &Handle) -> Subscription<M> {
    Subscription {
        receiver: handle.shared::<Listeners>().subscribe::<M>(),
    }
}

/// The committed events of `M` from now on, buffered up to `capacity`
/// events: one more ends the tap as lagged.
#[cfg(feature = "http")]
pub(crate) fn tap<M: Emits>(handle: &Handle, capacity: usize) -> Tap<M> {
    handle.shared::<Listeners>().tap::<M>(capacity)
}

/// A stream of the committed events of one model.
pub struct Subscription<M> {
    receiver: broadcast::Receiver<Notice<M>>,
}

/// A bounded stream of the committed events of one model, ended when its
/// buffer overflows.
#[cfg(feature = "http")]
pub(crate) struct Tap<M> {
    receiver: mpsc::Receiver<Notice<M>>,
    lagged: Arc<AtomicBool>,
}

#[cfg(feature = "http")]
impl<M> Tap<M> {
    /// The next notice; `Lagged` once the buffer overflowed and what it
    /// held is read.
    pub(crate) async fn recv(&mut self) -> std::result::Result<Notice<M>, SubscriptionError> {
        match self.receiver.recv().await {
            Some(notice) => Ok(notice),
            None if self.lagged.load(Ordering::Acquire) => Err(SubscriptionError::Lagged(0)),
            None => Err(SubscriptionError::Closed),
        }
    }
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
        self.recv_notice().await.map(|notice| notice.event)
    }

    /// The next event with its outbox id and time, waiting for one.
    pub async fn recv_notice(&mut self) -> std::result::Result<Notice<M>, SubscriptionError> {
        self.receiver.recv().await.map_err(|error| match error {
            broadcast::error::RecvError::Lagged(n) => SubscriptionError::Lagged(n),
            broadcast::error::RecvError::Closed => SubscriptionError::Closed,
        })
    }

    /// The next event if one is waiting.
    pub fn try_recv(&mut self) -> Option<Arc<Event<M>>> {
        loop {
            match self.receiver.try_recv() {
                Ok(notice) => return Some(notice.event),
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
