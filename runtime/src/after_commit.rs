//! The after-commit machinery behind `@@audit`, `@@emit` and
//! `@@materialized(refresh = on_change)`.
//!
//! A write to a tracked model runs in a transaction (an implicit one when
//! the caller has none). In it the runtime writes the audit row
//! (`cratestack_audit`) and the outbox row (`cratestack_event_outbox`) next
//! to the change and queues what happened on the transaction's handle. When
//! the transaction commits the queue is delivered: audit sinks get the
//! records, subscribers get typed events (and their outbox rows are marked
//! delivered), on-change views are scheduled for a debounced refresh. A
//! rollback drops the queue with the transaction. Plain models queue
//! nothing and run no extra statement.
//!
//! Delivery is at least once: an outbox row is marked delivered only after a
//! subscriber received its event; one still pending (a crash between commit
//! and delivery, or nobody subscribed yet) is delivered by
//! [`Handle::deliver_pending`], which applications call once their
//! subscribers are in place (typically at startup).

use crate::delegate::Delegate;
use crate::descriptor::{Model, ModelDescriptor};
use crate::error::{Error, Result};
use crate::events::{AuditRecord, AuditSink, Emits, Event, Operation, REDACTED};
use crate::filter::{CmpOp, Node};
use crate::handle::Handle;
use crate::materialized::{MaterializedView, Refresh};
use crate::sql::{self, Dialect, Sql};
use crate::value::{Kind, Value};
use chrono::{DateTime, SecondsFormat, Utc};
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

const AUDIT_TABLE: &str = cstack_storage::tables::AUDIT.name;
const OUTBOX_TABLE: &str = cstack_storage::tables::OUTBOX.name;
/// Events a subscriber may fall behind by before it sees `Lagged`.
const CHANNEL_CAPACITY: usize = 1024;
/// The default debounce window of on-change refreshes.
#[cfg(feature = "postgres")]
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(250);

/// What a committed transaction delivers, in write order.
pub(crate) enum Committed {
    Audit(AuditRecord),
    Event {
        event_id: uuid::Uuid,
        /// Sends the typed event to its model's subscribers; whether any
        /// received it.
        deliver: Box<dyn FnOnce(&Hooks) -> bool + Send>,
    },
    Touched(&'static str),
}

/// The queue of one transaction, shared by the handles on it.
pub(crate) type Pending = Arc<Mutex<Vec<Committed>>>;

struct Channel {
    /// A `broadcast::Sender<Arc<Event<M>>>` for the model.
    sender: Box<dyn Any + Send + Sync>,
    /// Decodes an outbox payload and publishes it (for redelivery).
    publish_json: fn(&Channel, &str, &serde_json::Value) -> Result<bool>,
}

/// What every clone of a handle shares: audit sinks, event channels, the
/// on-change refresher.
#[derive(Default)]
pub(crate) struct Hooks {
    audit_sinks: RwLock<Vec<Arc<dyn AuditSink>>>,
    channels: Mutex<HashMap<&'static str, Channel>>,
    refresher: OnceLock<Refresher>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicking sink cannot leave the queue half-written: keep going.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Hooks {
    fn send<M: Model>(&self, event: Event<M>) -> bool {
        let channels = lock(&self.channels);
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
        let mut channels = lock(&self.channels);
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
    let event = match Operation::from_event_name(operation) {
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

impl<'a, M: Emits> Delegate<'a, M> {
    /// The events of this model committed from now on (through this handle
    /// or any clone of it), in commit order: only the operations its
    /// `@@emit` lists, never for a rolled-back transaction.
    pub fn subscribe(&self) -> Subscription<M> {
        Subscription {
            receiver: self.handle().hooks.subscribe::<M>(),
        }
    }
}

/// A process-wide timestamp that never repeats or goes back, so outbox
/// rows sort in write order (microseconds, the precision both backends
/// store).
fn next_timestamp() -> DateTime<Utc> {
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = Utc::now().timestamp_micros();
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return DateTime::from_timestamp_micros(next).unwrap_or_else(Utc::now),
            Err(seen) => last = seen,
        }
    }
}

/// One value as JSON: what audit images and outbox payloads hold.
pub(crate) fn value_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Null(_) => J::Null,
        Value::Bool(v) => J::Bool(*v),
        Value::Int(v) => J::from(*v),
        Value::Float(v) => {
            serde_json::Number::from_f64(*v).map_or_else(|| J::String(v.to_string()), J::Number)
        }
        Value::Text(v) => J::String(v.clone()),
        Value::Decimal(v) => J::String(v.normalize().to_string()),
        Value::DateTime(v) => J::String(v.to_rfc3339_opts(SecondsFormat::Micros, true)),
        Value::Uuid(v) => J::String(v.hyphenated().to_string()),
        Value::Json(v) => v.clone(),
        Value::Bytes(v) => {
            use base64::Engine;
            J::String(base64::engine::general_purpose::STANDARD.encode(v))
        }
        Value::Vector(v) => J::Array(
            v.iter()
                .map(|x| serde_json::Number::from_f64(f64::from(*x)).map_or(J::Null, J::Number))
                .collect(),
        ),
        Value::Enum { variant, .. } => J::String((*variant).to_string()),
    }
}

/// The inverse of [`value_json`] for a column.
fn json_to_value(column: &crate::descriptor::Column, json: &serde_json::Value) -> Result<Value> {
    use serde_json::Value as J;
    let kind = column.kind;
    let bad = || Error::Decode {
        message: format!(
            "outbox payload: bad value {json} for column {}",
            column.name
        ),
    };
    if json.is_null() && (column.nullable || kind != Kind::Json) {
        return Ok(Value::Null(kind));
    }
    Ok(match (kind, json) {
        (Kind::Bool, J::Bool(v)) => Value::Bool(*v),
        (Kind::Int, J::Number(n)) => Value::Int(n.as_i64().ok_or_else(bad)?),
        (Kind::Float, J::Number(n)) => Value::Float(n.as_f64().ok_or_else(bad)?),
        (Kind::Float, J::String(s)) => Value::Float(s.parse().map_err(|_| bad())?),
        (Kind::Text | Kind::Enum(_), J::String(s)) => Value::Text(s.clone()),
        (Kind::Decimal, J::String(s)) => Value::Decimal(s.parse().map_err(|_| bad())?),
        (Kind::DateTime, J::String(s)) => Value::DateTime(
            DateTime::parse_from_rfc3339(s)
                .map_err(|_| bad())?
                .with_timezone(&Utc),
        ),
        (Kind::Uuid, J::String(s)) => Value::Uuid(s.parse().map_err(|_| bad())?),
        (Kind::Bytes, J::String(s)) => {
            use base64::Engine;
            Value::Bytes(
                base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|_| bad())?,
            )
        }
        (Kind::Json, other) => Value::Json(other.clone()),
        (Kind::Vector, J::Array(items)) => Value::Vector(
            items
                .iter()
                .map(|x| x.as_f64().map(|x| x as f32).ok_or_else(bad))
                .collect::<Result<_>>()?,
        ),
        _ => return Err(bad()),
    })
}

/// A row's values (descriptor order) from its JSON image.
fn values_from_json(model: &ModelDescriptor, object: &serde_json::Value) -> Result<Vec<Value>> {
    model
        .columns
        .iter()
        .map(|column| {
            json_to_value(
                column,
                object.get(column.field).unwrap_or(&serde_json::Value::Null),
            )
        })
        .collect()
}

/// A row as a JSON object of field names; `redacted` fields (non-null)
/// become [`REDACTED`].
fn image(model: &ModelDescriptor, row: &[Value], redacted: &[&str]) -> serde_json::Value {
    let mut object = serde_json::Map::with_capacity(row.len());
    for (column, value) in model.columns.iter().zip(row) {
        let json = if redacted.contains(&column.field) && !value.is_null() {
            serde_json::Value::String(REDACTED.to_string())
        } else {
            value_json(value)
        };
        object.insert(column.field.to_string(), json);
    }
    serde_json::Value::Object(object)
}

fn primary_key_index(model: &ModelDescriptor) -> usize {
    model
        .columns
        .iter()
        .position(|column| column.name == model.primary_key)
        .unwrap_or(0)
}

/// How a tracked write decides each row's operation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteKind {
    Create,
    Update,
    Delete,
    /// An update when the key had a row, a create otherwise.
    Upsert,
}

/// Whether a write to `M` through `handle` must first open a transaction
/// (a tracked model on a handle outside one).
pub(crate) fn needs_transaction<M: Model>(handle: &Handle) -> bool {
    M::TRACKING.active() && handle.pending.is_none()
}

/// Runs `statement` (a write with `RETURNING` every column) on a tracked
/// model inside the caller's transaction: reads the rows matching `before`
/// first (locked on PostgreSQL), then records one audit row and one outbox
/// row per written row as the model asks, and queues them for delivery.
pub(crate) async fn tracked_write<M: Model>(
    handle: &Handle,
    kind: WriteKind,
    before: Option<&Node>,
    statement: &Sql,
) -> Result<Vec<M>> {
    let model = M::DESCRIPTOR;
    let width = model.columns.len();
    let key = primary_key_index(model);
    let mut images: HashMap<String, Vec<Value>> = HashMap::new();
    if let Some(node) = before {
        let mut select = sql::select(handle.dialect(), model, node, &[], None, None);
        if handle.dialect() == Dialect::Postgres {
            select.push(" FOR UPDATE");
        }
        let rows = handle.fetch(&select, model.kinds()).await?;
        for row in rows.values.chunks(width.max(1)) {
            images.insert(row[key].key(), row.to_vec());
        }
    }
    let rows = handle.fetch(statement, model.kinds()).await?;
    let mut out = Vec::with_capacity(rows.values.len() / width.max(1));
    for row in rows.values.chunks(width.max(1)) {
        let before = images.remove(&row[key].key());
        let operation = match (kind, &before) {
            (WriteKind::Create, _) | (WriteKind::Upsert, None) => Operation::Create,
            (WriteKind::Update, _) | (WriteKind::Upsert, Some(_)) => Operation::Update,
            (WriteKind::Delete, _) => Operation::Delete,
        };
        let after = (operation != Operation::Delete).then_some(row);
        // A hard delete returns the row it removed: that is its before image.
        let before = before.or_else(|| (operation == Operation::Delete).then(|| row.to_vec()));
        record::<M>(handle, operation, &row[key], before.as_deref(), after).await?;
        let mut values: std::vec::IntoIter<Value> = Vec::from(row).into_iter();
        out.push(M::from_row(&mut values)?);
    }
    Ok(out)
}

/// The actor and tenant of the handle's context, as the journal stores them.
fn actor(handle: &Handle) -> (Option<serde_json::Value>, Option<String>) {
    let context = handle.context();
    let Some(principal) = context.auth() else {
        return (
            context
                .is_system()
                .then(|| serde_json::json!({ "system": true })),
            None,
        );
    };
    let id = principal
        .member(&["id"])
        .map_or(serde_json::Value::Null, |v| value_json(&v));
    let mut actor = serde_json::json!({ "id": id });
    if context.is_system() {
        actor["system"] = serde_json::Value::Bool(true);
    }
    let tenant = principal
        .member(&["tenantId"])
        .or_else(|| principal.member(&["tenant", "id"]))
        .and_then(|v| match value_json(&v) {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        });
    (Some(actor), tenant)
}

fn json_param(value: Option<serde_json::Value>) -> Value {
    value.map_or(Value::Null(Kind::Json), Value::Json)
}

/// Writes the audit and outbox rows of one written row and queues them.
async fn record<M: Model>(
    handle: &Handle,
    operation: Operation,
    key: &Value,
    before: Option<&[Value]>,
    after: Option<&[Value]>,
) -> Result<()> {
    let model = M::DESCRIPTOR;
    let tracking = M::TRACKING;
    let dialect = handle.dialect();
    let Some(pending) = handle.pending.clone() else {
        return Err(Error::TransactionClosed);
    };
    if tracking.audit {
        let (actor, tenant) = actor(handle);
        let record = AuditRecord {
            event_id: uuid::Uuid::new_v4(),
            model: model.name,
            operation,
            key: value_json(key),
            actor,
            tenant,
            before: before.map(|row| image(model, row, tracking.redacted)),
            after: after.map(|row| image(model, row, tracking.redacted)),
            occurred_at: next_timestamp(),
        };
        let mut insert = Sql::new(dialect);
        insert.push("INSERT INTO ").ident(AUDIT_TABLE).push(
            " (event_id, schema_name, model, operation, primary_key, actor, tenant, before, after, occurred_at) VALUES (",
        );
        insert.param(Value::Uuid(record.event_id)).push(", ");
        insert.push(match dialect {
            Dialect::Postgres => "current_schema(), ",
            Dialect::Sqlite => "'main', ",
        });
        insert.param(Value::Text(model.name.to_string())).push(", ");
        insert
            .param(Value::Text(operation.as_str().to_string()))
            .push(", ");
        insert.param(Value::Json(record.key.clone())).push(", ");
        insert.param(json_param(record.actor.clone())).push(", ");
        insert
            .param(
                record
                    .tenant
                    .clone()
                    .map_or(Value::Null(Kind::Text), Value::Text),
            )
            .push(", ");
        insert.param(json_param(record.before.clone())).push(", ");
        insert.param(json_param(record.after.clone())).push(", ");
        insert.param(Value::DateTime(record.occurred_at)).push(")");
        handle.execute(&insert).await?;
        lock(&pending).push(Committed::Audit(record));
    }
    if tracking.emits(operation) {
        let decode = |row: &[Value]| {
            let mut values: std::vec::IntoIter<Value> = Vec::from(row).into_iter();
            M::from_row(&mut values)
        };
        let missing = || Error::Decode {
            message: format!("{} event without its row", model.name),
        };
        let event = match operation {
            Operation::Create => Event::Created(decode(after.ok_or_else(missing)?)?),
            Operation::Update => Event::Updated {
                before: decode(before.ok_or_else(missing)?)?,
                after: decode(after.ok_or_else(missing)?)?,
            },
            Operation::Delete => Event::Deleted(decode(before.ok_or_else(missing)?)?),
        };
        let payload = serde_json::json!({
            "before": before.map(|row| image(model, row, &[])),
            "after": after.map(|row| image(model, row, &[])),
        });
        let event_id = uuid::Uuid::new_v4();
        let mut insert = Sql::new(dialect);
        insert
            .push("INSERT INTO ")
            .ident(OUTBOX_TABLE)
            .push(" (event_id, model, operation, payload, occurred_at) VALUES (");
        insert.param(Value::Uuid(event_id)).push(", ");
        insert.param(Value::Text(model.name.to_string())).push(", ");
        insert
            .param(Value::Text(operation.event_name().to_string()))
            .push(", ");
        insert.param(Value::Json(payload)).push(", ");
        insert.param(Value::DateTime(next_timestamp())).push(")");
        handle.execute(&insert).await?;
        lock(&pending).push(Committed::Event {
            event_id,
            deliver: Box::new(move |hooks: &Hooks| hooks.send::<M>(event)),
        });
    }
    touched(handle, model.name);
    Ok(())
}

/// Notes a write to `model` for on-change views: queued in a transaction,
/// scheduled at once outside one. Free when no view refreshes on change.
pub(crate) fn touched(handle: &Handle, model: &'static str) {
    let Some(refresher) = handle.hooks.refresher.get() else {
        return;
    };
    if !refresher.watches(model) {
        return;
    }
    match &handle.pending {
        Some(pending) => lock(pending).push(Committed::Touched(model)),
        None => refresher.notify(model),
    }
}

/// Delivers what a committed transaction queued. The commit already
/// happened, so nothing here fails the caller: an outbox row left
/// unmarked is delivered again by `deliver_pending`.
pub(crate) async fn deliver(handle: &Handle, pending: Pending) {
    let items = std::mem::take(&mut *lock(&pending));
    if items.is_empty() {
        return;
    }
    let hooks = &handle.hooks;
    let mut records = Vec::new();
    let mut delivered = Vec::new();
    for item in items {
        match item {
            Committed::Audit(record) => records.push(record),
            Committed::Event { event_id, deliver } => {
                if deliver(hooks) {
                    delivered.push(event_id);
                }
            }
            Committed::Touched(model) => {
                if let Some(refresher) = hooks.refresher.get() {
                    refresher.notify(model);
                }
            }
        }
    }
    if !records.is_empty() {
        let sinks = hooks
            .audit_sinks
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        for sink in sinks {
            sink.committed(&records);
        }
    }
    let _ = mark_delivered(handle, &delivered).await;
}

async fn mark_delivered(handle: &Handle, ids: &[uuid::Uuid]) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let dialect = handle.dialect();
    let mut update = Sql::new(dialect);
    update
        .push("UPDATE ")
        .ident(OUTBOX_TABLE)
        .push(" SET delivered_at = ");
    update.param(Value::DateTime(crate::defaults::now()));
    update.push(", attempts = attempts + 1 WHERE event_id IN (");
    for (index, id) in ids.iter().enumerate() {
        if index > 0 {
            update.push(", ");
        }
        update.param(Value::Uuid(*id));
    }
    update.push(")");
    handle.execute(&update).await
}

impl Handle {
    /// Registers `sink`, called after every commit with the audit records
    /// of the transaction (on this handle and every clone of it).
    pub fn with_audit_sink(self, sink: impl AuditSink) -> Self {
        self.hooks
            .audit_sinks
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(Arc::new(sink));
        self
    }

    /// Delivers the outbox rows not yet delivered (committed before a crash,
    /// or while the model had no subscriber), oldest first, to the
    /// subscribers present now; marks those delivered. Returns how many
    /// were. Call it once subscribers are in place, e.g. at startup.
    ///
    /// Safe to run in several processes at once: it runs in a transaction
    /// that claims the rows it delivers (`FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL, so another caller takes the rest or nothing; SQLite's
    /// write lock serialises callers), so each pending row is delivered by
    /// one of them. Delivery stays at least once: a row whose transaction
    /// fails to commit after its subscribers got it is delivered again.
    pub async fn deliver_pending(&self) -> Result<u64> {
        self.transaction(|tx| async move { tx.deliver_claimed().await })
            .await
    }

    async fn deliver_claimed(&self) -> Result<u64> {
        let mut select = Sql::new(self.dialect());
        select.push("SELECT event_id, model, operation, payload FROM ");
        select.ident(OUTBOX_TABLE);
        select.push(" WHERE delivered_at IS NULL ORDER BY occurred_at, event_id");
        if self.dialect() == Dialect::Postgres {
            select.push(" FOR UPDATE SKIP LOCKED");
        }
        let kinds = [Kind::Uuid, Kind::Text, Kind::Text, Kind::Json];
        let rows = self.fetch(&select, &kinds).await?;
        let mut delivered = Vec::new();
        for row in rows.values.chunks(kinds.len()) {
            let [
                Value::Uuid(id),
                Value::Text(model),
                Value::Text(operation),
                Value::Json(payload),
            ] = row
            else {
                continue;
            };
            let outcome = {
                let channels = lock(&self.hooks.channels);
                match channels.get(model.as_str()) {
                    Some(channel) => (channel.publish_json)(channel, operation, payload),
                    None => Ok(false),
                }
            };
            match outcome {
                Ok(true) => delivered.push(*id),
                Ok(false) => {}
                Err(error) => {
                    // A payload that no longer decodes (the model changed)
                    // stays pending with the reason, for an operator.
                    let mut update = Sql::new(self.dialect());
                    update.push("UPDATE ").ident(OUTBOX_TABLE);
                    update.push(" SET attempts = attempts + 1, last_error = ");
                    update.param(Value::Text(error.to_string()));
                    update.push(" WHERE event_id = ").param(Value::Uuid(*id));
                    self.execute(&update).await?;
                }
            }
        }
        mark_delivered(self, &delivered).await
    }

    /// Refreshes the `refresh = on_change` views among `views` after commits
    /// that wrote one of their source models, debounced (see
    /// [`Handle::set_refresh_debounce`]). PostgreSQL pools only; elsewhere
    /// (SQLite has no materialized views) it does nothing.
    pub fn refresh_on_change(self, views: &'static [MaterializedView]) -> Self {
        let on_change = views.iter().any(|view| view.refresh == Refresh::OnChange);
        #[cfg(feature = "postgres")]
        if let (crate::handle::Conn::Postgres(pool), true) = (&self.conn, on_change) {
            let _ = self
                .hooks
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
        if let Some(refresher) = self.hooks.refresher.get() {
            refresher.state.debounce_ms.store(
                u64::try_from(window.as_millis()).unwrap_or(u64::MAX),
                Ordering::Relaxed,
            );
        }
    }

    /// How many on-change refreshes have run, and the error of the last one
    /// that failed (a failed refresh is retried at the next change).
    pub fn on_change_refreshes(&self) -> (u64, Option<String>) {
        match self.hooks.refresher.get() {
            Some(refresher) => (
                refresher.state.refreshes.load(Ordering::Relaxed),
                lock(&refresher.state.last_error).clone(),
            ),
            None => (0, None),
        }
    }
}

/// A key filter on the primary key of `M` (the upsert's before image).
pub(crate) fn key_node(model: &ModelDescriptor, values: &[(&'static str, Value)]) -> Option<Node> {
    let column = model.column(model.primary_key)?;
    let (_, value) = values.iter().find(|(name, _)| *name == model.primary_key)?;
    Some(Node::Compare {
        column: column.name,
        kind: column.kind,
        op: CmpOp::Eq,
        value: value.clone(),
    })
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

    fn watches(&self, model: &str) -> bool {
        self.views_of(model).next().is_some()
    }

    fn notify(&self, model: &str) {
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
                Err(error) => *lock(&state.last_error) = Some(error.to_string()),
            }
        }
    }
}

async fn refresh(state: &RefreshState, view: &'static MaterializedView) -> Result<()> {
    #[cfg(feature = "postgres")]
    {
        crate::materialized::refresh_materialized(&state.handle, view).await
    }
    #[cfg(not(feature = "postgres"))]
    {
        let _ = (state, view);
        Ok(())
    }
}
