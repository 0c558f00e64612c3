//! The feeds of `@@subscribe` models: a model's committed events from
//! now on, as one subscriber may read them. A feed is a bounded tap on
//! the model's event fanout ([`BUFFER`] events; the write that would
//! overflow it ends the feed as lagged). Each event passes the
//! subscriber's read policy, judged against the row it carries (the row
//! after a create or update, before a delete), before it is encoded as
//! upstream's `ModelEvent` (`event_id`, `model`, `operation`,
//! `occurred_at`, `data`) through the model's own serializer, which leaves
//! `@server_only` fields out. Server-sent events (`subscription`) and the
//! WebSocket (`ws`) read the same feeds.

use crate::handle::Handle;
use crate::http::encode::Encode;
use crate::http::resource::Resource;
use crate::ops::create_check::readable;
use crate::ops::events::{Notice, SubscriptionError, Tap, tap};
use crate::schema::events::{Event, Operation};
use crate::schema::model::Emits;
use crate::schema::value::FromValue;
use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::marker::PhantomData;

/// The events a subscriber may have waiting before it lags.
pub const BUFFER: usize = 64;

/// What a subscription yields next.
pub(crate) enum Next {
    /// A `ModelEvent` the subscriber may read.
    Event(Box<dyn Encode>),
    /// The subscriber fell [`BUFFER`] events behind: the subscription ends.
    Lagged,
    /// The database's handles are gone.
    Closed,
}

/// The events of one subscription, erased over its model.
pub(crate) trait Feed: Send {
    fn next(&mut self) -> BoxFuture<'_, Next>;
}

/// An `@@subscribe` model, erased.
pub(crate) trait Subscribable: Send + Sync {
    fn model(&self) -> &'static str;
    /// The committed events from now on that `handle`'s context may read.
    fn open(&self, handle: Handle) -> Box<dyn Feed>;
}

/// [`Subscribable`] for model `M`.
pub(crate) struct Subscribe<M>(PhantomData<fn() -> M>);

impl<M> Subscribe<M> {
    pub(crate) fn new() -> Self {
        Subscribe(PhantomData)
    }
}

impl<M: Resource + Emits> Subscribable for Subscribe<M>
where
    M::Key: DeserializeOwned + FromValue + 'static,
{
    fn model(&self) -> &'static str {
        M::DESCRIPTOR.name
    }

    fn open(&self, handle: Handle) -> Box<dyn Feed> {
        Box::new(ModelFeed {
            tap: tap::<M>(&handle, BUFFER),
            handle,
        })
    }
}

struct ModelFeed<M> {
    tap: Tap<M>,
    /// In the subscriber's context: what its read policy is judged in.
    handle: Handle,
}

impl<M: Resource + Emits> Feed for ModelFeed<M>
where
    M::Key: DeserializeOwned + FromValue + 'static,
{
    fn next(&mut self) -> BoxFuture<'_, Next> {
        Box::pin(async move {
            loop {
                let notice = match self.tap.recv().await {
                    Ok(notice) => notice,
                    Err(SubscriptionError::Lagged(_)) => return Next::Lagged,
                    Err(SubscriptionError::Closed) => return Next::Closed,
                };
                match readable::<M>(&self.handle, notice.row()).await {
                    Ok(true) => return Next::Event(Box::new(ModelEvent(notice))),
                    Ok(false) => continue,
                    // What cannot be shown readable is not sent.
                    Err(error) => {
                        tracing::warn!(%error, "subscription: the read policy could not be judged");
                        continue;
                    }
                }
            }
        })
    }
}

/// Upstream's `ModelEvent<M>` on the wire.
struct ModelEvent<M>(Notice<M>);

impl<M: Serialize + Emits> Serialize for ModelEvent<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let notice = &self.0;
        let (operation, data) = match &*notice.event {
            Event::Created(row) => (Operation::Create, row),
            Event::Updated { after, .. } => (Operation::Update, after),
            Event::Deleted(row) => (Operation::Delete, row),
        };
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("event_id", &notice.event_id.to_string())?;
        map.serialize_entry("model", M::DESCRIPTOR.name)?;
        map.serialize_entry("operation", operation_name(operation))?;
        map.serialize_entry(
            "occurred_at",
            &notice
                .occurred_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        )?;
        map.serialize_entry("data", data)?;
        map.end()
    }
}

/// Upstream's spelling of an event's operation.
fn operation_name(operation: Operation) -> &'static str {
    match operation {
        Operation::Create => "Created",
        Operation::Update => "Updated",
        Operation::Delete => "Deleted",
    }
}
