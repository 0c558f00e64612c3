//! `Delegate<M>`: the operations on one model, generic over the generated
//! struct and driven by its descriptor. Writes validate their input first,
//! on every backend, check the create policy in Rust and narrow updates
//! and deletes to what the policy admits; reads and writes skip
//! soft-deleted rows. A write to an audited or emitting model records its
//! journal and outbox rows in the same transaction.

use crate::handle::Handle;
use crate::ops::commit::touched;
use crate::ops::create_check::check_create;
use crate::ops::events::{Subscription, subscribe};
use crate::ops::find::{FindFirst, FindMany, FindUnique, key_filter};
use crate::ops::policy::{guarded, nothing_matched, policy_node};
use crate::ops::read::ReadSource;
use crate::ops::tracked::{self, WriteKind};
use crate::ops::write::{Write, models_written};
use crate::query::filter::{Filter, Node};
use crate::schema::defaults;
use crate::schema::error::{Error, Result};
use crate::schema::model::{CreateInput, Emits, Model, UpdateInput, UpsertInput};
use crate::schema::operator::CmpOp;
use crate::schema::policy::action;
use crate::schema::validate::ValidationErrors;
use crate::schema::value::{Kind, Value};
use crate::sql::render;
use crate::sql::statement::Sql;
use std::borrow::Cow;
use std::marker::PhantomData;

/// Reruns the calling write in a transaction when `M` is audited or emits
/// events and the handle has none, so the journal and outbox rows commit
/// with the write; plain models fall through without one.
macro_rules! rerun_atomically {
    ($delegate:ident, $method:ident($($argument:expr),*)) => {
        if tracked::needs_transaction::<M>($delegate.handle) {
            return $delegate
                .handle
                .transaction(|tx| async move {
                    Box::pin(Delegate::<M>::new(&tx).$method($($argument),*)).await
                })
                .await;
        }
    };
}

/// The operations on model `M` through one handle.
pub struct Delegate<'a, M> {
    handle: &'a Handle,
    model: PhantomData<fn() -> M>,
}

/// Runs a write and gives its rows: recorded (audit, outbox) for a tracked
/// model, straight into the structs otherwise.
async fn written<M: Model>(
    handle: &Handle,
    kind: WriteKind,
    before: Option<&Node>,
    write: Write<'_>,
) -> Result<Vec<M>> {
    if M::TRACKING.active() {
        return tracked::tracked_write(handle, kind, before, write).await;
    }
    let rows = models_written::<M>(handle, write).await?;
    touched(handle, M::DESCRIPTOR.name);
    Ok(rows)
}

impl<'a, M: Model> Delegate<'a, M> {
    pub fn new(handle: &'a Handle) -> Self {
        Self {
            handle,
            model: PhantomData,
        }
    }

    /// The row with this primary key.
    pub fn find_unique(&self, key: M::Key) -> FindUnique<'a, M> {
        ReadSource::find_unique(self, key)
    }

    /// The first matching row in the given order.
    pub fn find_first(&self) -> FindFirst<'a, M> {
        ReadSource::find_first(self)
    }

    pub fn find_many(&self) -> FindMany<'a, M> {
        ReadSource::find_many(self)
    }

    pub async fn count(&self, filter: Filter<M>) -> Result<i64> {
        ReadSource::count(self, filter).await
    }

    pub async fn exists(&self, filter: Filter<M>) -> Result<bool> {
        ReadSource::exists(self, filter).await
    }

    /// Validates and inserts one row; returns it as stored.
    pub async fn create<I: CreateInput<M>>(&self, input: I) -> Result<M> {
        // An audited or emitting model's row and its journal/outbox rows
        // commit together.
        rerun_atomically!(self, create(input));
        input.validate()?;
        let values = input.into_values(self.handle.auth())?;
        check_create::<M>(self.handle, &values).await?;
        let (columns, row): (Vec<_>, Vec<_>) = values.into_iter().unzip();
        let insert = Write::Insert {
            columns,
            rows: vec![row],
        };
        let mut rows = written::<M>(self.handle, WriteKind::Create, None, insert).await?;
        rows.pop().ok_or(Error::NotFound {
            model: M::DESCRIPTOR.name,
        })
    }

    /// Validates every input (nothing is written if one fails), then inserts
    /// them all in one statement, or one per row in a transaction when
    /// their column sets differ.
    pub async fn create_many<I: CreateInput<M>>(&self, inputs: Vec<I>) -> Result<Vec<M>> {
        rerun_atomically!(self, create_many(inputs));
        let mut failures = ValidationErrors::new();
        for input in &inputs {
            if let Err(errors) = input.validate() {
                failures.errors.extend(errors.errors);
            }
        }
        failures.into_result()?;
        let auth = self.handle.auth();
        let rows = inputs
            .into_iter()
            .map(|input| input.into_values(auth))
            .collect::<Result<Vec<_>>>()?;
        for row in &rows {
            check_create::<M>(self.handle, row).await?;
        }
        let Some(first) = rows.first() else {
            return Ok(Vec::new());
        };
        let columns: Vec<&'static str> = first.iter().map(|(column, _)| *column).collect();
        let uniform = rows
            .iter()
            .all(|row| row.iter().map(|(c, _)| *c).eq(columns.iter().copied()));
        if uniform && !columns.is_empty() {
            let values = rows
                .into_iter()
                .map(|row| row.into_iter().map(|(_, value)| value).collect())
                .collect();
            let insert = Write::Insert {
                columns,
                rows: values,
            };
            return written::<M>(self.handle, WriteKind::Create, None, insert).await;
        }
        self.handle
            .transaction(|tx| async move {
                let mut created = Vec::with_capacity(rows.len());
                for row in rows {
                    let (columns, values): (Vec<_>, Vec<_>) = row.into_iter().unzip();
                    let insert = Write::Insert {
                        columns,
                        rows: vec![values],
                    };
                    created.extend(written::<M>(&tx, WriteKind::Create, None, insert).await?);
                }
                Ok(created)
            })
            .await
    }

    /// Updates the row with this key; `.if_version(v)` makes it conditional
    /// on `@version`.
    pub fn update<I: UpdateInput<M>>(&self, key: M::Key, input: I) -> UpdateOne<'a, M, I> {
        UpdateOne {
            handle: self.handle,
            key,
            input,
            expected_version: None,
        }
    }

    /// Updates every matching row; returns how many changed.
    pub async fn update_many<I: UpdateInput<M>>(&self, filter: Filter<M>, input: I) -> Result<u64> {
        rerun_atomically!(self, update_many(filter, input));
        input.validate()?;
        let values = input.values();
        if values.is_empty() {
            return Ok(0);
        }
        let node = guarded::<M>(self.handle, action::UPDATE, filter.node);
        if M::TRACKING.active() {
            let update = Write::Update {
                values,
                node: Cow::Borrowed(&node),
            };
            let rows: Vec<M> =
                tracked::tracked_write(self.handle, WriteKind::Update, Some(&node), update).await?;
            return Ok(rows.len() as u64);
        }
        let statement = render::update(self.handle.dialect(), M::DESCRIPTOR, values, &node, false);
        let count = self.handle.execute(&statement).await?;
        touched(self.handle, M::DESCRIPTOR.name);
        Ok(count)
    }

    /// Deletes (or soft-deletes) the row with this key; returns it.
    pub async fn delete(&self, key: M::Key) -> Result<M> {
        rerun_atomically!(self, delete(key));
        let node = guarded::<M>(self.handle, action::DELETE, key_filter::<M>(&key));
        let delete = Write::Delete {
            node: Cow::Borrowed(&node),
            now: Value::DateTime(defaults::now()),
        };
        let mut rows = written::<M>(self.handle, WriteKind::Delete, Some(&node), delete).await?;
        rows.pop().ok_or_else(nothing_matched::<M>)
    }

    /// Deletes (or soft-deletes) the row with this key if its `@version`
    /// is still `version`; otherwise fails with `Error::VersionMismatch`
    /// (a model without `@version` deletes unconditionally).
    pub async fn delete_if_version(&self, key: M::Key, version: i64) -> Result<M> {
        rerun_atomically!(self, delete_if_version(key, version));
        let key_node = guarded::<M>(self.handle, action::DELETE, key_filter::<M>(&key));
        let node = match M::DESCRIPTOR.version {
            Some(column) => Node::And(vec![
                key_node.clone(),
                Node::Compare {
                    column,
                    kind: Kind::Int,
                    op: CmpOp::Eq,
                    value: Value::Int(version),
                },
            ]),
            None => key_node.clone(),
        };
        let delete = Write::Delete {
            node: Cow::Borrowed(&node),
            now: Value::DateTime(defaults::now()),
        };
        let mut rows = written::<M>(self.handle, WriteKind::Delete, Some(&node), delete).await?;
        match rows.pop() {
            Some(row) => Ok(row),
            None => Err(missed::<M>(self.handle, &key_node, Some(version)).await),
        }
    }

    /// Deletes (or soft-deletes) every matching row; returns how many.
    pub async fn delete_many(&self, filter: Filter<M>) -> Result<u64> {
        rerun_atomically!(self, delete_many(filter));
        let node = guarded::<M>(self.handle, action::DELETE, filter.node);
        let now = Value::DateTime(defaults::now());
        if M::TRACKING.active() {
            let delete = Write::Delete {
                node: Cow::Borrowed(&node),
                now,
            };
            let rows: Vec<M> =
                tracked::tracked_write(self.handle, WriteKind::Delete, Some(&node), delete).await?;
            return Ok(rows.len() as u64);
        }
        let statement = render::delete(self.handle.dialect(), M::DESCRIPTOR, &node, now, false);
        let count = self.handle.execute(&statement).await?;
        touched(self.handle, M::DESCRIPTOR.name);
        Ok(count)
    }

    /// Inserts the row, or updates the existing row with the same primary
    /// key to these values.
    pub async fn upsert<I: UpsertInput<M>>(&self, input: I) -> Result<M> {
        rerun_atomically!(self, upsert(input));
        input.validate()?;
        let values = input.into_values(self.handle.auth())?;
        check_create::<M>(self.handle, &values).await?;
        let guard = policy_node::<M>(self.handle, action::UPDATE);
        let existing = tracked::key_node(M::DESCRIPTOR, &values);
        let upsert = Write::Upsert {
            values,
            guard: guard.as_ref().map(Cow::Borrowed),
        };
        let mut rows =
            written::<M>(self.handle, WriteKind::Upsert, existing.as_ref(), upsert).await?;
        rows.pop().ok_or_else(|| match guard {
            // The existing row is one the update policy does not admit.
            Some(_) => Error::Forbidden {
                reason: format!(
                    "the update policy of {} denies changing the existing row",
                    M::DESCRIPTOR.name
                ),
            },
            None => Error::Conflict {
                constraint: None,
                message: format!("{} with this key is deleted", M::DESCRIPTOR.name),
            },
        })
    }
}

impl<'a, M: Emits> Delegate<'a, M> {
    /// The events of this model committed from now on (through this handle
    /// or any clone of it), in commit order: only the operations its
    /// `@@emit` lists, never for a rolled-back transaction.
    pub fn subscribe(&self) -> Subscription<M> {
        subscribe::<M>(self.handle)
    }
}

/// `update(key, input)`.
pub struct UpdateOne<'a, M: Model, I> {
    handle: &'a Handle,
    key: M::Key,
    input: I,
    expected_version: Option<i64>,
}

impl<'a, M: Model, I: UpdateInput<M>> UpdateOne<'a, M, I> {
    /// Only update if the row's `@version` is still `version`; otherwise
    /// fail with `Error::VersionMismatch`.
    pub fn if_version(mut self, version: i64) -> Self {
        self.expected_version = Some(version);
        self
    }

    pub async fn exec(self) -> Result<M> {
        if tracked::needs_transaction::<M>(self.handle) {
            let Self {
                handle,
                key,
                input,
                expected_version,
            } = self;
            return handle
                .transaction(|tx| async move {
                    Box::pin(
                        UpdateOne::<M, I> {
                            handle: &tx,
                            key,
                            input,
                            expected_version,
                        }
                        .exec(),
                    )
                    .await
                })
                .await;
        }
        let model = M::DESCRIPTOR;
        self.input.validate()?;
        let values = self.input.values();
        let key_node = guarded::<M>(self.handle, action::UPDATE, key_filter::<M>(&self.key));
        let mut node = key_node.clone();
        if let (Some(expected), Some(version)) = (self.expected_version, model.version) {
            node = Node::And(vec![
                node,
                Node::Compare {
                    column: version,
                    kind: Kind::Int,
                    op: CmpOp::Eq,
                    value: Value::Int(expected),
                },
            ]);
        }
        let rows = if values.is_empty() && model.version.is_none() {
            let statement = render::select(self.handle.dialect(), model, &node, &[], None, None);
            self.handle.fetch_models::<M>(&statement).await?
        } else {
            let update = Write::Update {
                values,
                node: Cow::Borrowed(&node),
            };
            written::<M>(self.handle, WriteKind::Update, Some(&node), update).await?
        };
        if let Some(row) = rows.into_iter().next() {
            return Ok(row);
        }
        Err(missed::<M>(self.handle, &key_node, self.expected_version).await)
    }
}

/// What a single-row write under an `@version` condition that matched
/// nothing reports: `VersionMismatch` when the row is there (and the
/// context may change it) with another version, else what
/// [`nothing_matched`] says.
async fn missed<M: Model>(handle: &Handle, key_node: &Node, expected: Option<i64>) -> Error {
    let model = M::DESCRIPTOR;
    let (Some(expected), Some(version)) = (expected, model.version) else {
        return nothing_matched::<M>();
    };
    let mut statement = Sql::new(handle.dialect());
    statement
        .push("SELECT ")
        .ident(version)
        .push(" FROM ")
        .ident(model.table);
    statement.push(" AS t0");
    let lookup = render::select(handle.dialect(), model, key_node, &[], None, None);
    statement.push(&lookup.text[lookup.text.find(" WHERE ").unwrap_or(lookup.text.len())..]);
    statement.params = lookup.params;
    match handle.fetch(&statement, &[Kind::Int]).await {
        Ok(found) => match found.first_value() {
            Some(Value::Int(actual)) => Error::VersionMismatch {
                model: model.name,
                expected,
                actual,
            },
            _ => nothing_matched::<M>(),
        },
        Err(error) => error,
    }
}

impl<'a, M: Model> ReadSource<'a> for Delegate<'a, M> {
    type Row = M;

    fn handle(&self) -> &'a Handle {
        self.handle
    }
}
