//! Writes to tracked models (`@@audit`, `@@emit`): run in the caller's
//! transaction (an implicit one when it has none), they read the rows'
//! before images, write an audit row and an outbox row per written row
//! next to the change, and queue what happened for delivery after the
//! commit. Plain models queue nothing and run no extra statement.

use crate::handle::Handle;
use crate::ops::commit::{Committed, Delivery, touched};
use crate::ops::events::{Listeners, Notice};
use crate::ops::image::{image, value_json};
use crate::ops::journal;
use crate::ops::relay;
use crate::ops::write::{Write, rows_written};
use crate::query::filter::Node;
use crate::schema::descriptor::ModelDescriptor;
use crate::schema::error::{Error, Result};
use crate::schema::events::{AuditRecord, Event, Operation};
use crate::schema::model::Model;
use crate::schema::operator::CmpOp;
use crate::schema::value::Value;
use crate::sql::render;
use chrono::{DateTime, Utc};
use cstack_storage::Dialect;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};

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
    M::TRACKING.active() && !handle.in_transaction()
}

/// Runs `write` on a tracked model inside the caller's transaction: reads
/// the rows matching `before` first (locked where the server locks rows),
/// then records one audit row and one outbox
/// row per written row as the model asks, and queues them for delivery.
pub(crate) async fn tracked_write<M: Model>(
    handle: &Handle,
    kind: WriteKind,
    before: Option<&Node>,
    write: Write<'_>,
) -> Result<Vec<M>> {
    let model = M::DESCRIPTOR;
    let width = model.columns.len();
    let key = primary_key_index(model);
    let mut images: HashMap<String, Vec<Value>> = HashMap::new();
    if let Some(node) = before {
        let mut select = render::select(handle.dialect(), model, node, &[], None, None);
        if handle.dialect() != Dialect::Sqlite {
            select.push(" FOR UPDATE");
        }
        let rows = handle.fetch(&select, model.kinds()).await?;
        for row in rows.values.chunks(width.max(1)) {
            images.insert(row[key].key(), row.to_vec());
        }
    }
    let rows = rows_written(handle, model, write).await?;
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
    let Some(queue) = handle.after_commit::<Delivery>() else {
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
        handle
            .execute(&journal::insert_audit(dialect, &record))
            .await?;
        queue.push(Committed::Audit(record));
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
        let occurred_at = next_timestamp();
        let insert = journal::insert_event(
            dialect,
            event_id,
            model.name,
            operation,
            payload,
            occurred_at,
        );
        handle.execute(&insert).await?;
        if let Some(notify) = relay::notify(dialect, handle.origin(), event_id) {
            handle.execute(&notify).await?;
        }
        let notice = Notice::new(
            event_id,
            occurred_at,
            event,
            before.map(<[Value]>::to_vec),
            after.map(<[Value]>::to_vec),
        );
        queue.push(Committed::Event {
            event_id,
            deliver: Box::new(move |listeners: &Listeners| listeners.send::<M>(notice)),
        });
    }
    touched(handle, model.name);
    Ok(())
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

fn primary_key_index(model: &ModelDescriptor) -> usize {
    model
        .columns
        .iter()
        .position(|column| column.name == model.primary_key)
        .unwrap_or(0)
}
