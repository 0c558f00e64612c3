//! `Delegate<M>`: the operations on one model, generic over the generated
//! struct and driven by its descriptor. Writes validate their input first,
//! on every backend; reads and writes skip soft-deleted rows.

use crate::after_commit::{self as tracked, WriteKind};
use crate::descriptor::{CreateInput, Model, UpdateInput, UpsertInput};
use crate::error::{Error, Result};
use crate::filter::{CmpOp, Filter, Node, Order};
use crate::handle::Handle;
use crate::include::Include;
use crate::policy::{self, action};
use crate::read::ReadSource;
use crate::sql::{self, OrderKey};
use crate::value::{Kind, ToValue, Value};
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

pub use crate::procedure::Page;

pub(crate) fn key_filter<M: Model>(key: &M::Key) -> Node {
    let model = M::DESCRIPTOR;
    Node::Compare {
        column: model.primary_key,
        kind: <M::Key as ToValue>::KIND,
        op: CmpOp::Eq,
        value: key.to_value(),
    }
}

/// The policy filter of `M` for `action` in the handle's context, or `None`
/// for a model without policies.
fn policy_node<M: Model>(handle: &Handle, action: u8) -> Option<Node> {
    policy::cached_filter_for(M::POLICIES, action, handle.context())
}

/// `node` narrowed to what the policy admits, its relation filters to the
/// related rows the context may read.
fn guarded<M: Model>(handle: &Handle, action: u8, node: Node) -> Node {
    let node = policy::scope_relations(node, handle.context());
    match policy_node::<M>(handle, action) {
        Some(policy) => Node::And(vec![node, policy]),
        None => node,
    }
}

/// Rejects a row the create policy does not admit.
async fn check_create<M: Model>(handle: &Handle, row: &[(&'static str, Value)]) -> Result<()> {
    match policy_node::<M>(handle, action::CREATE) {
        Some(node) => policy::create::check(handle, M::DESCRIPTOR.name, &node, row).await,
        None => Ok(()),
    }
}

/// What a single-row write that matched nothing reports: on a model with
/// policies a denied row and a missing one look the same.
fn nothing_matched<M: Model>() -> Error {
    if M::POLICIES.is_empty() {
        Error::NotFound {
            model: M::DESCRIPTOR.name,
        }
    } else {
        Error::Forbidden {
            reason: format!(
                "no {} this context may change has that key",
                M::DESCRIPTOR.name
            ),
        }
    }
}

async fn fetch_models<M: Model>(handle: &Handle, statement: &sql::Sql) -> Result<Vec<M>> {
    handle.fetch_models(statement).await
}

/// Runs a write returning its rows: recorded (audit, outbox) for a tracked
/// model, straight into the structs otherwise.
async fn write<M: Model>(
    handle: &Handle,
    kind: WriteKind,
    before: Option<&Node>,
    statement: &sql::Sql,
) -> Result<Vec<M>> {
    if M::TRACKING.active() {
        return tracked::tracked_write(handle, kind, before, statement).await;
    }
    let rows = fetch_models::<M>(handle, statement).await?;
    tracked::touched(handle, M::DESCRIPTOR.name);
    Ok(rows)
}

impl<'a, M: Model> Delegate<'a, M> {
    pub fn new(handle: &'a Handle) -> Self {
        Self {
            handle,
            model: PhantomData,
        }
    }

    pub(crate) fn handle(&self) -> &'a Handle {
        self.handle
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
        let statement = sql::insert(self.handle.dialect(), M::DESCRIPTOR, &columns, vec![row]);
        let mut rows = write::<M>(self.handle, WriteKind::Create, None, &statement).await?;
        rows.pop().ok_or(Error::NotFound {
            model: M::DESCRIPTOR.name,
        })
    }

    /// Validates every input (nothing is written if one fails), then inserts
    /// them all in one statement, or one per row in a transaction when
    /// their column sets differ.
    pub async fn create_many<I: CreateInput<M>>(&self, inputs: Vec<I>) -> Result<Vec<M>> {
        rerun_atomically!(self, create_many(inputs));
        let mut failures = crate::validate::ValidationErrors::new();
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
            let statement = sql::insert(self.handle.dialect(), M::DESCRIPTOR, &columns, values);
            return write::<M>(self.handle, WriteKind::Create, None, &statement).await;
        }
        self.handle
            .transaction(|tx| async move {
                let mut created = Vec::with_capacity(rows.len());
                for row in rows {
                    let (columns, values): (Vec<_>, Vec<_>) = row.into_iter().unzip();
                    let statement =
                        sql::insert(tx.dialect(), M::DESCRIPTOR, &columns, vec![values]);
                    created.extend(write::<M>(&tx, WriteKind::Create, None, &statement).await?);
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
        let tracking = M::TRACKING.active();
        let statement = sql::update(
            self.handle.dialect(),
            M::DESCRIPTOR,
            values,
            &node,
            tracking,
        );
        if tracking {
            let rows: Vec<M> =
                tracked::tracked_write(self.handle, WriteKind::Update, Some(&node), &statement)
                    .await?;
            return Ok(rows.len() as u64);
        }
        let count = self.handle.execute(&statement).await?;
        tracked::touched(self.handle, M::DESCRIPTOR.name);
        Ok(count)
    }

    /// Deletes (or soft-deletes) the row with this key; returns it.
    pub async fn delete(&self, key: M::Key) -> Result<M> {
        rerun_atomically!(self, delete(key));
        let node = guarded::<M>(self.handle, action::DELETE, key_filter::<M>(&key));
        let statement = sql::delete(
            self.handle.dialect(),
            M::DESCRIPTOR,
            &node,
            Value::DateTime(crate::defaults::now()),
            true,
        );
        let mut rows = write::<M>(self.handle, WriteKind::Delete, Some(&node), &statement).await?;
        rows.pop().ok_or_else(nothing_matched::<M>)
    }

    /// Deletes (or soft-deletes) every matching row; returns how many.
    pub async fn delete_many(&self, filter: Filter<M>) -> Result<u64> {
        rerun_atomically!(self, delete_many(filter));
        let node = guarded::<M>(self.handle, action::DELETE, filter.node);
        let tracking = M::TRACKING.active();
        let statement = sql::delete(
            self.handle.dialect(),
            M::DESCRIPTOR,
            &node,
            Value::DateTime(crate::defaults::now()),
            tracking,
        );
        if tracking {
            let rows: Vec<M> =
                tracked::tracked_write(self.handle, WriteKind::Delete, Some(&node), &statement)
                    .await?;
            return Ok(rows.len() as u64);
        }
        let count = self.handle.execute(&statement).await?;
        tracked::touched(self.handle, M::DESCRIPTOR.name);
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
        let statement = sql::upsert(self.handle.dialect(), M::DESCRIPTOR, values, guard.as_ref());
        let mut rows = write::<M>(
            self.handle,
            WriteKind::Upsert,
            existing.as_ref(),
            &statement,
        )
        .await?;
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

/// `find_many()`: filters (all must hold), ordering, a window, includes.
pub struct FindMany<'a, M> {
    handle: &'a Handle,
    filters: Vec<Node>,
    orders: Vec<OrderKey>,
    limit: Option<i64>,
    offset: Option<i64>,
    includes: Vec<Include<M>>,
}

impl<'a, M: Model> FindMany<'a, M> {
    /// Every row of `M` that `action`'s policy admits in the handle's context.
    pub(crate) fn admitted(handle: &'a Handle, action: u8) -> Self {
        FindMany {
            handle,
            filters: policy_node::<M>(handle, action).into_iter().collect(),
            orders: Vec::new(),
            limit: None,
            offset: None,
            includes: Vec::new(),
        }
    }

    /// Adds a condition; every condition must hold.
    pub fn filter(mut self, filter: Filter<M>) -> Self {
        self.filters
            .push(policy::scope_relations(filter.node, self.handle.context()));
        self
    }

    /// Adds an ordering key after the ones already given.
    pub fn order_by(mut self, order: Order<M>) -> Self {
        self.orders.push(OrderKey {
            column: order.column,
            kind: order.kind,
            descending: order.descending,
            nulls: order.nulls,
        });
        self
    }

    pub fn limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn offset(mut self, offset: i64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Loads a relation into every row: one more query however many rows.
    pub fn include(mut self, include: impl Into<Include<M>>) -> Self {
        self.includes.push(include.into());
        self
    }

    fn node(&self) -> Node {
        match self.filters.as_slice() {
            [] => Node::True,
            [only] => only.clone(),
            many => Node::And(many.to_vec()),
        }
    }

    pub async fn exec(self) -> Result<Vec<M>> {
        let node = self.node();
        let statement = sql::select(
            self.handle.dialect(),
            M::DESCRIPTOR,
            &node,
            &self.orders,
            self.limit,
            self.offset,
        );
        let mut rows = fetch_models::<M>(self.handle, &statement).await?;
        if !rows.is_empty() {
            for include in &self.includes {
                include.load(self.handle, &mut rows).await?;
            }
        }
        Ok(rows)
    }

    /// Rows of page `page` (1-based) of `per_page` rows, and the total.
    pub async fn paginate(self, page: u64, per_page: u64) -> Result<Page<M>> {
        let page = page.max(1);
        let total = FindMany::<M> {
            handle: self.handle,
            filters: self.filters.clone(),
            orders: Vec::new(),
            limit: None,
            offset: None,
            includes: Vec::new(),
        }
        .count()
        .await?;
        let offset = i64::try_from((page - 1).saturating_mul(per_page)).unwrap_or(i64::MAX);
        let items = self
            .limit(i64::try_from(per_page).unwrap_or(i64::MAX))
            .offset(offset)
            .exec()
            .await?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// How many rows match (ignores ordering and the window).
    pub async fn count(self) -> Result<i64> {
        let statement = sql::count(self.handle.dialect(), M::DESCRIPTOR, &self.node());
        let rows = self.handle.fetch(&statement, &[Kind::Int]).await?;
        match rows.first_value() {
            Some(Value::Int(count)) => Ok(count),
            other => Err(Error::Decode {
                message: format!("COUNT(*) returned {other:?}"),
            }),
        }
    }

    pub async fn exists(self) -> Result<bool> {
        let statement = sql::exists(self.handle.dialect(), M::DESCRIPTOR, &self.node());
        Ok(!self
            .handle
            .fetch(&statement, &[Kind::Int])
            .await?
            .is_empty())
    }
}

/// `find_first()`.
pub struct FindFirst<'a, M> {
    pub(crate) many: FindMany<'a, M>,
}

impl<'a, M: Model> FindFirst<'a, M> {
    pub fn filter(self, filter: Filter<M>) -> Self {
        Self {
            many: self.many.filter(filter),
        }
    }

    pub fn order_by(self, order: Order<M>) -> Self {
        Self {
            many: self.many.order_by(order),
        }
    }

    pub fn include(self, include: impl Into<Include<M>>) -> Self {
        Self {
            many: self.many.include(include),
        }
    }

    pub async fn exec(self) -> Result<Option<M>> {
        Ok(self.many.exec().await?.into_iter().next())
    }
}

/// `find_unique(key)`.
pub struct FindUnique<'a, M> {
    pub(crate) many: FindMany<'a, M>,
}

impl<'a, M: Model> FindUnique<'a, M> {
    pub fn include(self, include: impl Into<Include<M>>) -> Self {
        Self {
            many: self.many.include(include),
        }
    }

    pub async fn exec(self) -> Result<Option<M>> {
        Ok(self.many.exec().await?.into_iter().next())
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
            let statement = sql::select(self.handle.dialect(), model, &node, &[], None, None);
            fetch_models::<M>(self.handle, &statement).await?
        } else {
            let statement = sql::update(self.handle.dialect(), model, values, &node, true);
            write::<M>(self.handle, WriteKind::Update, Some(&node), &statement).await?
        };
        if let Some(row) = rows.into_iter().next() {
            return Ok(row);
        }
        // Nothing changed: tell a missing row from a stale version.
        if let (Some(expected), Some(version)) = (self.expected_version, model.version) {
            let mut statement = sql::Sql::new(self.handle.dialect());
            statement
                .push("SELECT ")
                .ident(version)
                .push(" FROM ")
                .ident(model.table);
            statement.push(" AS t0");
            let lookup = sql::select(self.handle.dialect(), model, &key_node, &[], None, None);
            statement
                .push(&lookup.text[lookup.text.find(" WHERE ").unwrap_or(lookup.text.len())..]);
            statement.params = lookup.params;
            let found = self.handle.fetch(&statement, &[Kind::Int]).await?;
            if let Some(Value::Int(actual)) = found.first_value() {
                return Err(Error::VersionMismatch {
                    model: model.name,
                    expected,
                    actual,
                });
            }
        }
        Err(nothing_matched::<M>())
    }
}

impl<'a, M: Model> ReadSource<'a> for Delegate<'a, M> {
    type Row = M;

    fn handle(&self) -> &'a Handle {
        self.handle
    }
}

/// The read operations on a view: a [`ReadSource`] and nothing else, so a
/// write on a view does not compile.
///
/// ```compile_fail,E0599
/// use cstack_runtime::{Model, ModelDescriptor, Result, Value, ViewDelegate};
///
/// struct Row;
/// impl Model for Row {
///     const DESCRIPTOR: &'static ModelDescriptor = &ModelDescriptor {
///         name: "Row",
///         table: "rows",
///         columns: &[],
///         primary_key: "id",
///         soft_delete: None,
///         version: None,
///         kinds: &[],
///     };
///     type Key = i64;
///     fn from_row(_: &mut std::vec::IntoIter<Value>) -> Result<Self> {
///         Ok(Row)
///     }
/// }
///
/// fn write(view: ViewDelegate<'_, Row>) {
///     let _ = view.delete(1);
/// }
/// ```
pub struct ViewDelegate<'a, M> {
    handle: &'a Handle,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> ViewDelegate<'a, M> {
    pub fn new(handle: &'a Handle) -> Self {
        Self {
            handle,
            model: PhantomData,
        }
    }

    pub fn find_unique(&self, key: M::Key) -> FindUnique<'a, M> {
        ReadSource::find_unique(self, key)
    }

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
}

impl<'a, M: Model> ReadSource<'a> for ViewDelegate<'a, M> {
    type Row = M;

    fn handle(&self) -> &'a Handle {
        self.handle
    }
}
