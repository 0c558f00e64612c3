//! What `@@audit` and `@@emit` tell the runtime, and what applications
//! receive from them: the per-model [`Tracking`] a generated model
//! declares, [`AuditRecord`]s and the [`AuditSink`] they are handed to after
//! commit, and typed [`Event`]s. Recording and delivering them is the
//! operations' (`ops::tracked`, `ops::commit`, `ops::outbox`).

use chrono::{DateTime, Utc};

/// The string every non-null `@pii` / `@sensitive` field becomes in the
/// before and after images of an audit record.
pub const REDACTED: &str = "[redacted]";

/// The kind of a recorded write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Delete,
}

impl Operation {
    /// What the audit journal stores: `create`, `update`, `delete`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
        }
    }

    /// The `@@emit` spelling, stored in the outbox: `created`, `updated`,
    /// `deleted`.
    pub const fn event_name(self) -> &'static str {
        match self {
            Operation::Create => "created",
            Operation::Update => "updated",
            Operation::Delete => "deleted",
        }
    }

    /// This operation's bit in [`Tracking::emit`].
    pub const fn bit(self) -> u8 {
        match self {
            Operation::Create => Tracking::CREATED,
            Operation::Update => Tracking::UPDATED,
            Operation::Delete => Tracking::DELETED,
        }
    }
}

/// What writes to a model record: generated as `Model::TRACKING` from
/// `@@audit`, `@@emit(...)` and the `@pii` / `@sensitive` fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tracking {
    /// `@@audit`: one journal row per written row.
    pub audit: bool,
    /// `@@emit(...)`: the operations that publish events (`CREATED`,
    /// `UPDATED`, `DELETED` bits).
    pub emit: u8,
    /// Field names redacted in audit images.
    pub redacted: &'static [&'static str],
}

impl Tracking {
    pub const CREATED: u8 = 1;
    pub const UPDATED: u8 = 2;
    pub const DELETED: u8 = 4;

    /// A model without `@@audit` or `@@emit`.
    pub const NONE: Tracking = Tracking {
        audit: false,
        emit: 0,
        redacted: &[],
    };

    /// Whether writes record anything (and so run in a transaction).
    pub const fn active(&self) -> bool {
        self.audit || self.emit != 0
    }

    pub const fn emits(&self, operation: Operation) -> bool {
        self.emit & operation.bit() != 0
    }
}

/// One audited write of one row, as committed.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AuditRecord {
    pub event_id: uuid::Uuid,
    pub model: &'static str,
    pub operation: Operation,
    /// The primary key, as JSON.
    pub key: serde_json::Value,
    /// `{"id": auth().id}` of the principal, `{"system": true}` in a system
    /// context, `None` when anonymous.
    pub actor: Option<serde_json::Value>,
    /// `auth().tenantId` (or `auth().tenant.id`), when the principal has one.
    pub tenant: Option<String>,
    /// The row before the write (field name to value), redacted; `None` for
    /// a create.
    pub before: Option<serde_json::Value>,
    /// The row after the write, redacted; `None` for a delete.
    pub after: Option<serde_json::Value>,
    pub occurred_at: DateTime<Utc>,
}

/// Receives the audit records of each committed transaction, in write
/// order, after the commit (never for a rolled-back one). Called on the
/// committing task: forward to a channel rather than block.
pub trait AuditSink: Send + Sync + 'static {
    fn committed(&self, records: &[AuditRecord]);
}

/// A committed change to a row of an `@@emit` model.
#[derive(Clone, Debug, PartialEq)]
pub enum Event<M> {
    Created(M),
    Updated {
        before: M,
        after: M,
    },
    /// The row as it was before the delete.
    Deleted(M),
}

impl<M> Event<M> {
    pub fn operation(&self) -> Operation {
        match self {
            Event::Created(_) => Operation::Create,
            Event::Updated { .. } => Operation::Update,
            Event::Deleted(_) => Operation::Delete,
        }
    }
}
