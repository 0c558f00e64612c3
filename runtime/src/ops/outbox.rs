//! The event outbox after the commit: marking rows delivered, and
//! delivering the rows still pending. Delivery is at least once: a row is
//! marked delivered only after a subscriber received its event; one still
//! pending (a crash between commit and delivery, or nobody subscribed yet)
//! is delivered by [`Handle::deliver_pending`], which applications call
//! once their subscribers are in place (typically at startup).

use crate::handle::Handle;
use crate::ops::events::{Listeners, Outboxed};
use crate::ops::journal;
use crate::schema::defaults;
use crate::schema::error::Result;
use crate::schema::value::Value;

/// Marks the outbox rows `ids` delivered; how many were.
pub(crate) async fn mark_delivered(handle: &Handle, ids: &[uuid::Uuid]) -> Result<u64> {
    match journal::mark_delivered(handle.dialect(), ids, defaults::now()) {
        Some(update) => handle.execute(&update).await,
        None => Ok(0),
    }
}

impl Handle {
    /// Delivers the outbox rows not yet delivered (committed before a crash,
    /// or while the model had no subscriber), oldest first, to the
    /// subscribers present now; marks those delivered. Returns how many
    /// were. Call it once subscribers are in place, e.g. at startup.
    ///
    /// Safe to run in several processes at once: it runs in a transaction
    /// that claims the rows it delivers (`FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL and MySQL, so another caller takes the rest or nothing; SQLite's
    /// write lock serialises callers), so each pending row is delivered by
    /// one of them. Delivery stays at least once: a row whose transaction
    /// fails to commit after its subscribers got it is delivered again.
    pub async fn deliver_pending(&self) -> Result<u64> {
        self.transaction(|tx| async move { tx.deliver_claimed().await })
            .await
    }

    async fn deliver_claimed(&self) -> Result<u64> {
        let (select, kinds) = journal::select_pending(self.dialect());
        let rows = self.fetch(&select, &kinds).await?;
        let delivered = publish_rows(self, &rows.values).await?;
        mark_delivered(self, &delivered).await
    }
}

/// Publishes outbox rows (read as [`journal::OUTBOX_READ`]) to the
/// subscribers here; the ids some subscriber received. A payload that no
/// longer decodes (the model changed) stays pending with the reason, for
/// an operator.
pub(crate) async fn publish_rows(handle: &Handle, values: &[Value]) -> Result<Vec<uuid::Uuid>> {
    let listeners = handle.shared::<Listeners>();
    let mut delivered = Vec::new();
    for row in values.chunks(journal::OUTBOX_READ.len()) {
        let [
            Value::Uuid(id),
            Value::Text(model),
            Value::Text(operation),
            Value::Json(payload),
            Value::DateTime(occurred_at),
        ] = row
        else {
            continue;
        };
        let outboxed = Outboxed {
            event_id: *id,
            model,
            operation,
            payload,
            occurred_at: *occurred_at,
        };
        match listeners.publish_json(&outboxed) {
            Ok(true) => delivered.push(*id),
            Ok(false) => {}
            Err(error) => {
                let failed = journal::record_failure(handle.dialect(), *id, error.to_string());
                handle.execute(&failed).await?;
            }
        }
    }
    Ok(delivered)
}
