//! A write and the rows it leaves. On PostgreSQL and SQLite the statement
//! returns them (`RETURNING` every column). MySQL has no `RETURNING`, so
//! there the write runs as the statement plus the reads that give the same
//! rows: an insert reads back the keys it was given or the ids the server
//! generated; an update, delete or upsert locks the rows it will touch
//! (`FOR UPDATE`, in a transaction), changes them by key and reads them
//! back. Callers see one contract, whatever the backend.

use crate::handle::{Handle, Rows};
use crate::query::filter::Node;
use crate::schema::descriptor::ModelDescriptor;
use crate::schema::error::{Error, Result};
use crate::schema::model::Model;
use crate::schema::operator::CmpOp;
use crate::schema::value::{Kind, Value};
use crate::sql::render;
use crate::sql::statement::Sql;
use cstack_storage::Dialect;
use std::borrow::Cow;
use std::collections::HashMap;

/// One write to a model's table, before it is rendered for a dialect.
pub(crate) enum Write<'a> {
    /// Rows with the values of `columns`, in order.
    Insert {
        columns: Vec<&'static str>,
        rows: Vec<Vec<Value>>,
    },
    /// Sets `values` on the rows `node` admits (and bumps `@version`).
    Update {
        values: Vec<(&'static str, Value)>,
        node: Cow<'a, Node>,
    },
    /// Deletes, or soft-deletes at `now`, the rows `node` admits.
    Delete { node: Cow<'a, Node>, now: Value },
    /// Inserts the row, or updates the live row with its primary key when
    /// `guard` (the update policy) admits it; nothing for a row the guard
    /// refuses or that is soft-deleted.
    Upsert {
        values: Vec<(&'static str, Value)>,
        guard: Option<Cow<'a, Node>>,
    },
}

impl Write<'_> {
    /// The statement returning every column of each written row.
    fn returning(self, dialect: Dialect, model: &ModelDescriptor) -> Sql {
        match self {
            Write::Insert { columns, rows } => render::insert(dialect, model, &columns, rows, true),
            Write::Update { values, node } => render::update(dialect, model, values, &node, true),
            Write::Delete { node, now } => render::delete(dialect, model, &node, now, true),
            Write::Upsert { values, guard } => {
                render::upsert(dialect, model, values, guard.as_deref())
            }
        }
    }

    /// The same write, owning its filters (to move into a transaction).
    fn into_owned(self) -> Write<'static> {
        let own = |node: Cow<'_, Node>| Cow::Owned(node.into_owned());
        match self {
            Write::Insert { columns, rows } => Write::Insert { columns, rows },
            Write::Update { values, node } => Write::Update {
                values,
                node: own(node),
            },
            Write::Delete { node, now } => Write::Delete {
                node: own(node),
                now,
            },
            Write::Upsert { values, guard } => Write::Upsert {
                values,
                guard: guard.map(own),
            },
        }
    }
}

/// Runs `write` and gives the written rows as `M`s.
pub(crate) async fn models_written<M: Model>(handle: &Handle, write: Write<'_>) -> Result<Vec<M>> {
    if handle.dialect() == Dialect::Mysql {
        return read_back(handle, M::DESCRIPTOR, write).await?.into_models();
    }
    let statement = write.returning(handle.dialect(), M::DESCRIPTOR);
    handle.fetch_models::<M>(&statement).await
}

/// Runs `write` and gives the written rows' values, every column in
/// descriptor order.
pub(crate) async fn rows_written(
    handle: &Handle,
    model: &'static ModelDescriptor,
    write: Write<'_>,
) -> Result<Rows> {
    if handle.dialect() == Dialect::Mysql {
        return read_back(handle, model, write).await;
    }
    let statement = write.returning(handle.dialect(), model);
    handle.fetch(&statement, model.kinds()).await
}

/// A write without `RETURNING`: an insert as it is (it touches only its
/// own rows), anything else in a transaction, the caller's or one of its
/// own.
async fn read_back(
    handle: &Handle,
    model: &'static ModelDescriptor,
    write: Write<'_>,
) -> Result<Rows> {
    if let Write::Insert { columns, rows } = write {
        return insert(handle, model, columns, rows).await;
    }
    if handle.in_transaction() {
        return locked(handle, model, write).await;
    }
    let write = write.into_owned();
    handle
        .transaction(|tx| async move { locked(&tx, model, write).await })
        .await
}

/// Inserts the rows and reads them back by key: the keys given, or the ids
/// the server generated (one statement per row when there are several, so
/// each id is exact whatever the auto-increment settings).
async fn insert(
    handle: &Handle,
    model: &'static ModelDescriptor,
    mut columns: Vec<&'static str>,
    mut rows: Vec<Vec<Value>>,
) -> Result<Rows> {
    let dialect = handle.dialect();
    let key_kind = model.column(model.primary_key).map(|c| c.kind);
    if !columns.contains(&model.primary_key) && matches!(key_kind, Some(Kind::Uuid | Kind::Text)) {
        // A UUID or text key left to the database (`dbgenerated()`) is a
        // random UUID (the storage contract's only generator for them),
        // which MySQL could not report back: it is drawn here instead.
        columns.push(model.primary_key);
        for row in &mut rows {
            let key = crate::schema::defaults::uuid();
            row.push(match key_kind {
                Some(Kind::Uuid) => Value::Uuid(key),
                _ => Value::Text(key.to_string()),
            });
        }
    }
    if let Some(at) = columns.iter().position(|c| *c == model.primary_key) {
        let keys: Vec<Value> = rows.iter().map(|row| row[at].clone()).collect();
        handle
            .execute(&render::insert(dialect, model, &columns, rows, false))
            .await?;
        return read_keys(handle, model, keys).await;
    }
    if rows.len() > 1 && !handle.in_transaction() {
        return handle
            .transaction(|tx| async move { insert_generated(&tx, model, columns, rows).await })
            .await;
    }
    insert_generated(handle, model, columns, rows).await
}

/// Inserts the rows one by one, each reading the id the server generated.
async fn insert_generated(
    handle: &Handle,
    model: &'static ModelDescriptor,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
) -> Result<Rows> {
    let dialect = handle.dialect();
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        let statement = render::insert(dialect, model, &columns, vec![row], false);
        let id = handle.insert_id(&statement).await?;
        let id = i64::try_from(id)
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| Error::Database {
                sqlstate: None,
                message: format!(
                    "{} was inserted without its key: the server generated none",
                    model.name
                ),
            })?;
        keys.push(Value::Int(id));
    }
    read_keys(handle, model, keys).await
}

/// An update, delete or upsert inside a transaction.
async fn locked(
    handle: &Handle,
    model: &'static ModelDescriptor,
    write: Write<'_>,
) -> Result<Rows> {
    let dialect = handle.dialect();
    match write {
        Write::Insert { columns, rows } => insert(handle, model, columns, rows).await,
        Write::Update { values, node } => {
            let keys = keys_of(model, &lock(handle, model, &node).await?);
            if keys.is_empty() {
                return Ok(Rows::default());
            }
            let by_key = key_node(model, keys.clone());
            handle
                .execute(&render::update(dialect, model, values, &by_key, false))
                .await?;
            read_keys(handle, model, keys).await
        }
        Write::Delete { node, now } => {
            let mut rows = lock(handle, model, &node).await?;
            let keys = keys_of(model, &rows);
            if keys.is_empty() {
                return Ok(rows);
            }
            let by_key = key_node(model, keys);
            handle
                .execute(&render::delete(dialect, model, &by_key, now.clone(), false))
                .await?;
            // A hard delete gives the rows as they were; a soft delete
            // gives them as they are now, which differ by the one column
            // it set.
            if let Some(at) = model.soft_delete.and_then(|c| column_index(model, c)) {
                let width = model.columns.len();
                for row in rows.values.chunks_mut(width) {
                    row[at] = now.clone();
                }
            }
            Ok(rows)
        }
        Write::Upsert { values, guard } => upsert(handle, model, values, guard).await,
    }
}

/// The upsert: the existing row with the key (soft-deleted or not) is
/// locked first, so the insert or update that follows is the one the
/// state of that row calls for.
async fn upsert(
    handle: &Handle,
    model: &'static ModelDescriptor,
    values: Vec<(&'static str, Value)>,
    guard: Option<Cow<'_, Node>>,
) -> Result<Rows> {
    let dialect = handle.dialect();
    let Some(key) = values
        .iter()
        .find(|(column, _)| *column == model.primary_key)
        .map(|(_, value)| value.clone())
    else {
        let (columns, row): (Vec<_>, Vec<_>) = values.into_iter().unzip();
        return insert(handle, model, columns, vec![row]).await;
    };
    let Some(deleted) = existing(handle, model, &key).await? else {
        let (columns, row): (Vec<_>, Vec<_>) = values.into_iter().unzip();
        return insert(handle, model, columns, vec![row]).await;
    };
    if deleted {
        return Ok(Rows::default());
    }
    let by_key = key_node(model, vec![key.clone()]);
    if let Some(guard) = guard {
        let admitted = Node::And(vec![by_key.clone(), guard.into_owned()]);
        let found = handle
            .fetch(&render::exists(dialect, model, &admitted), &[Kind::Int])
            .await?;
        if found.is_empty() {
            return Ok(Rows::default());
        }
    }
    let updates: Vec<(&'static str, Value)> = values
        .into_iter()
        .filter(|(column, _)| *column != model.primary_key && Some(*column) != model.version)
        .collect();
    if !updates.is_empty() || model.version.is_some() {
        handle
            .execute(&render::update(dialect, model, updates, &by_key, false))
            .await?;
    }
    read_keys(handle, model, vec![key]).await
}

/// Whether a row with `key` exists, locked, and whether it is
/// soft-deleted; `None` when there is none.
async fn existing(handle: &Handle, model: &ModelDescriptor, key: &Value) -> Result<Option<bool>> {
    // The soft-delete column when there is one, else the key itself.
    let read = model.soft_delete.unwrap_or(model.primary_key);
    let Some(kind) = model.column(read).map(|column| column.kind) else {
        return Ok(None);
    };
    let mut select = Sql::new(handle.dialect());
    select.push("SELECT ").ident(read);
    select.push(" FROM ").ident(model.table).push(" WHERE ");
    select
        .ident(model.primary_key)
        .push(" = ")
        .param(key.clone());
    select.push(" FOR UPDATE");
    let rows = handle.fetch(&select, &[kind]).await?;
    Ok(rows
        .first_value()
        .map(|value| model.soft_delete.is_some() && !matches!(value, Value::Null(_))))
}

/// The rows `node` admits, every column, locked for the transaction.
async fn lock(handle: &Handle, model: &ModelDescriptor, node: &Node) -> Result<Rows> {
    let mut select = render::select(handle.dialect(), model, node, &[], None, None);
    select.push(" FOR UPDATE");
    handle.fetch(&select, model.kinds()).await
}

/// The rows with these keys, in the order of the keys (locked when in a
/// transaction, which makes the read see the latest rows).
async fn read_keys(handle: &Handle, model: &ModelDescriptor, keys: Vec<Value>) -> Result<Rows> {
    // One key (the common single-row write) needs no reordering.
    let order: Vec<String> = match keys.len() {
        0 | 1 => Vec::new(),
        _ => keys.iter().map(Value::key).collect(),
    };
    let mut select = render::select(
        handle.dialect(),
        model,
        &key_node(model, keys),
        &[],
        None,
        None,
    );
    if handle.in_transaction() {
        select.push(" FOR UPDATE");
    }
    let rows = handle.fetch(&select, model.kinds()).await?;
    let width = model.columns.len().max(1);
    let Some(at) = column_index(model, model.primary_key).filter(|_| !order.is_empty()) else {
        return Ok(rows);
    };
    let mut found: HashMap<String, &[Value]> = rows
        .values
        .chunks(width)
        .map(|row| (row[at].key(), row))
        .collect();
    let mut values = Vec::with_capacity(rows.values.len());
    for key in &order {
        if let Some(row) = found.remove(key) {
            values.extend_from_slice(row);
        }
    }
    Ok(Rows { values })
}

/// The primary key of each row.
fn keys_of(model: &ModelDescriptor, rows: &Rows) -> Vec<Value> {
    let Some(at) = column_index(model, model.primary_key) else {
        return Vec::new();
    };
    rows.values
        .chunks(model.columns.len().max(1))
        .map(|row| row[at].clone())
        .collect()
}

/// `primary key IN (keys)`.
fn key_node(model: &ModelDescriptor, keys: Vec<Value>) -> Node {
    match <[Value; 1]>::try_from(keys) {
        Ok([key]) => Node::Compare {
            column: model.primary_key,
            kind: model
                .column(model.primary_key)
                .map_or(Kind::Int, |c| c.kind),
            op: CmpOp::Eq,
            value: key,
        },
        Err(keys) => Node::In {
            column: model.primary_key,
            values: keys,
            negated: false,
        },
    }
}

fn column_index(model: &ModelDescriptor, name: &str) -> Option<usize> {
    model.columns.iter().position(|column| column.name == name)
}
