//! Events across processes: on PostgreSQL every outbox row is announced
//! with `pg_notify` in the transaction that writes it, so the database
//! sends the announcement exactly when (and only if) the transaction
//! commits. A process that runs the relay ([`Handle::relay_events`])
//! listens on the channel, reads the rows other processes announced and
//! publishes them to its own subscribers. When its listening connection
//! drops it reconnects and reads again the rows written meanwhile, so an
//! event committed while it was deaf still arrives; an event is published
//! once here however it arrives.
//!
//! SQLite is one process; MySQL has no notifications, so there each
//! process hears only its own writes.

use crate::handle::Handle;
use crate::ops::events::Listeners;
use crate::schema::value::Value;
use crate::sql::statement::Sql;
use cstack_storage::Dialect;

/// The notification channel outbox rows are announced on.
pub(crate) const CHANNEL: &str = "cstack_outbox";

/// The statement announcing the outbox row `event_id` written through
/// handles of `origin`, on PostgreSQL; `None` elsewhere.
pub(crate) fn notify(dialect: Dialect, origin: uuid::Uuid, event_id: uuid::Uuid) -> Option<Sql> {
    if dialect != Dialect::Postgres {
        return None;
    }
    let mut sql = Sql::new(dialect);
    sql.push("SELECT pg_notify(");
    sql.param(Value::Text(CHANNEL.to_string()));
    sql.push(", ");
    sql.param(Value::Text(format!("{origin}:{event_id}")));
    sql.push(")");
    Some(sql)
}

/// The origin and event id of an announcement.
#[cfg(feature = "postgres")]
fn announced(payload: &str) -> Option<(uuid::Uuid, uuid::Uuid)> {
    let (origin, event) = payload.split_once(':')?;
    Some((origin.parse().ok()?, event.parse().ok()?))
}

#[cfg(feature = "postgres")]
mod listen {
    use super::{CHANNEL, announced};
    use crate::handle::Handle;
    use crate::ops::events::Listeners;
    use crate::ops::journal;
    use crate::ops::outbox::publish_rows;
    use crate::schema::error::{Error, Result};
    use chrono::{DateTime, Utc};
    use sqlx_postgres::PgListener;
    use std::time::Duration;

    /// How far back a reconnected relay reads again, before the last
    /// event it saw: a transaction commits after its rows were stamped,
    /// so a row stamped earlier may commit later.
    const OVERLAP: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

    /// The relay's task: listen, publish, and after a lost connection
    /// catch up from the last event seen.
    pub(super) async fn run(handle: Handle, mut listener: PgListener) {
        let listeners = handle.shared::<Listeners>();
        let mut since: DateTime<Utc> = Utc::now();
        // Whether announcements may have been missed since `since`.
        let mut behind = false;
        loop {
            let received = listener.try_recv().await;
            if let Err(sqlx_core::Error::PoolClosed) = received {
                return;
            }
            // A lost connection is re-established (and listening again)
            // before `try_recv` reports it; a failure to re-establish it
            // is an error, and the next call tries again.
            let connected = received.is_ok();
            behind |= matches!(received, Ok(None) | Err(_));
            if behind && connected {
                behind = catch_up(&handle, &listeners, since - OVERLAP)
                    .await
                    .is_err();
            }
            match received {
                Ok(Some(first)) => {
                    let mut ids = Vec::new();
                    let mut note = |payload: &str| {
                        if let Some((origin, id)) = announced(payload)
                            && origin != listeners.origin
                            && !listeners.published(id)
                        {
                            ids.push(id);
                        }
                    };
                    note(first.payload());
                    // What already arrived is read in one statement.
                    while let Some(next) = listener.next_buffered() {
                        note(next.payload());
                    }
                    if ids.is_empty() {
                        continue;
                    }
                    match publish(&handle, &listeners, &ids).await {
                        Ok(latest) => since = since.max(latest.unwrap_or(since)),
                        // Read again with the next catch-up.
                        Err(_) => behind = true,
                    }
                }
                Ok(None) => {}
                Err(error) => {
                    tracing_warn(&error);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }

    fn tracing_warn(error: &sqlx_core::Error) {
        #[cfg(feature = "http")]
        tracing::warn!(%error, "event relay: listening failed, retrying");
        #[cfg(not(feature = "http"))]
        let _ = error;
    }

    /// Reads the outbox rows `ids` and publishes them; the newest time.
    async fn publish(
        handle: &Handle,
        listeners: &Listeners,
        ids: &[uuid::Uuid],
    ) -> Result<Option<DateTime<Utc>>> {
        let (select, kinds) = journal::select_events(handle.dialect(), ids);
        let rows = handle.fetch(&select, &kinds).await?;
        publish_new(handle, listeners, rows.values).await
    }

    /// Publishes the rows not yet published here; the newest time.
    async fn publish_new(
        handle: &Handle,
        listeners: &Listeners,
        values: Vec<crate::schema::value::Value>,
    ) -> Result<Option<DateTime<Utc>>> {
        use crate::schema::value::Value;
        let width = journal::OUTBOX_READ.len();
        let mut fresh = Vec::with_capacity(values.len());
        let mut latest = None;
        for row in values.chunks(width) {
            if let [Value::Uuid(id), .., Value::DateTime(at)] = row {
                latest = latest.max(Some(*at));
                if !listeners.published(*id) {
                    fresh.extend_from_slice(row);
                }
            }
        }
        publish_rows(handle, &fresh).await?;
        Ok(latest)
    }

    async fn catch_up(handle: &Handle, listeners: &Listeners, since: DateTime<Utc>) -> Result<()> {
        let (select, kinds) = journal::select_since(handle.dialect(), since);
        let rows = handle.fetch(&select, &kinds).await?;
        publish_new(handle, listeners, rows.values)
            .await
            .map(|_| ())
    }

    /// Connects the listener on `handle`'s pool.
    pub(super) async fn connect(handle: &Handle) -> Result<PgListener> {
        let Some(pool) = handle.pg_pool() else {
            return Err(Error::BadRequest {
                message: "the event relay runs on a PostgreSQL handle outside a transaction".into(),
            });
        };
        let mut listener = PgListener::connect_with(pool)
            .await
            .map_err(crate::backend::postgres::database_error)?;
        listener
            .listen(CHANNEL)
            .await
            .map_err(crate::backend::postgres::database_error)?;
        Ok(listener)
    }
}

/// Whether the relay of a database is listening, shared by its handles.
#[derive(Default)]
pub(crate) struct Relay(tokio::sync::OnceCell<()>);

impl Handle {
    /// Publishes to this process's subscribers the events other processes
    /// commit on the same PostgreSQL database, from now on (see the
    /// module docs of the runtime's `relay`). Starts one background task
    /// per database, however often it is called; returns once it listens
    /// (callers at the same time all wait for that). On SQLite and MySQL
    /// it does nothing: their subscribers hear the writes of their own
    /// process.
    pub async fn relay_events(&self) -> crate::schema::error::Result<()> {
        if self.dialect() != Dialect::Postgres {
            return Ok(());
        }
        let relay = self.shared::<Relay>();
        relay
            .0
            .get_or_try_init(|| async {
                #[cfg(feature = "postgres")]
                {
                    let listener = listen::connect(self).await?;
                    let handle = self.with_context(crate::query::context::Context::system());
                    tokio::spawn(listen::run(handle, listener));
                }
                Ok(())
            })
            .await
            .map(|_| ())
    }

    /// The origin this handle's writes are announced under.
    pub(crate) fn origin(&self) -> uuid::Uuid {
        self.shared::<Listeners>().origin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_name_their_origin_and_event_on_postgresql_only() {
        let (origin, event) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let sql = notify(Dialect::Postgres, origin, event).expect("a notification");
        assert_eq!(sql.text, "SELECT pg_notify($1, $2)");
        assert_eq!(
            sql.params,
            vec![
                Value::Text(CHANNEL.into()),
                Value::Text(format!("{origin}:{event}"))
            ]
        );
        #[cfg(feature = "postgres")]
        {
            assert_eq!(
                announced(&format!("{origin}:{event}")),
                Some((origin, event))
            );
            assert_eq!(announced("garbage"), None);
            assert_eq!(announced(&format!("{origin}:not-a-uuid")), None);
        }
        for dialect in [Dialect::Sqlite, Dialect::Mysql] {
            assert!(notify(dialect, origin, event).is_none());
        }
    }
}
