//! A model served over HTTP: [`Resource`], what generated code implements
//! for each model with a key (its inputs, route segment and shape), and
//! the five operations on it, written once here against the descriptor
//! and erased behind [`ModelOps`] so REST and RPC call the same code.

use crate::handle::Handle;
use crate::http::encode::{Reply, Shape};
use crate::http::error::{ApiError, ErrorKind};
use crate::http::media::ResponseMedia;
use crate::http::query::{ListQuery, ModelShape, Pair, Selection};
use crate::http::render::{self, Buffered};
use crate::ops::delegate::Delegate;
use crate::ops::include::Include;
use crate::query::filter::{Filter, Node, Order};
use crate::schema::codec::{CodecError, Format};
use crate::schema::model::{CreateInput, Model, UpdateInput};
use crate::schema::procedure::{PageInfo, PageWire};
use crate::schema::value::{FromValue, ToValue};
use axum::http::StatusCode;
use bytes::Bytes;
use futures_util::future::BoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// A model the service exposes: generated for every model with a single
/// primary key.
pub trait Resource: Model + Serialize + DeserializeOwned + Clone
where
    Self::Key: DeserializeOwned + FromValue + 'static,
{
    type Create: CreateInput<Self> + DeserializeOwned + 'static;
    type Update: UpdateInput<Self> + DeserializeOwned + 'static;
    /// The REST segment: `pluralize(snake_case(Model))`.
    const ROUTE: &'static str;
    /// `@@paged`: lists answer a page.
    const PAGED: bool;
    const SHAPE: ModelShape;

    /// The relation a client names in `include`.
    fn include(relation: &str) -> Option<Include<Self>> {
        let _ = relation;
        None
    }

    /// The row's `@version`, for `ETag`.
    fn version(&self) -> Option<i64> {
        None
    }
}

/// Where the key of a `get`, `update` or `delete` comes from.
pub enum KeyInput {
    /// The REST path segment.
    Path(String),
    /// The RPC body: `{"id": key, ...}`.
    Body(Format, Bytes),
}

/// The operations on one model, erased.
pub trait ModelOps: Send + Sync {
    fn shape(&self) -> &'static ModelShape;
    fn route(&self) -> &'static str;
    fn list(
        &self,
        handle: Handle,
        query: ListQuery,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>>;
    fn get(
        &self,
        handle: Handle,
        key: KeyInput,
        selection: Selection,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>>;
    fn create(
        &self,
        handle: Handle,
        format: Format,
        body: Bytes,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>>;
    /// With a `key` (REST) the body is the patch; without (RPC), `{id,
    /// patch}`.
    fn update(
        &self,
        handle: Handle,
        key: Option<String>,
        format: Format,
        body: Bytes,
        if_match: Option<i64>,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>>;
    fn delete(
        &self,
        handle: Handle,
        key: KeyInput,
        if_match: Option<i64>,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>>;
}

/// [`ModelOps`] for model `M`.
pub struct Ops<M>(PhantomData<fn() -> M>);

impl<M> Ops<M> {
    pub fn new() -> Self {
        Ops(PhantomData)
    }
}

impl<M> Default for Ops<M> {
    fn default() -> Self {
        Self::new()
    }
}

/// A body that does not decode. Serde's messages quote the offending
/// value for type errors and list the expected fields (which would name
/// `@server_only` ones) for unknown fields: only the field named by an
/// unknown or missing field error is passed on, whatever the codec.
pub fn payload_error(error: CodecError) -> ApiError {
    for kind in ["unknown field `", "missing field `"] {
        if let Some(start) = error.message.find(kind) {
            let rest = &error.message[start + kind.len()..];
            if let Some(end) = rest.find('`') {
                return ApiError::codec(format!(
                    "invalid request payload: {kind}{}`",
                    &rest[..end]
                ));
            }
        }
    }
    ApiError::codec("invalid request payload")
}

pub fn decode<T: DeserializeOwned>(format: Format, body: &[u8]) -> Result<T, ApiError> {
    format.decode(body).map_err(payload_error)
}

/// Refuses an input naming a `@server_only` field: clients never set one
/// (the application's own code may). The answer is the one an unknown
/// field gets, so the field's existence does not show. `within` names the
/// member holding the input (`patch` in an RPC update).
fn refuse_hidden(
    shape: &ModelShape,
    format: Format,
    body: &[u8],
    within: Option<&str>,
) -> Result<(), ApiError> {
    if shape.hidden.is_empty() {
        return Ok(());
    }
    let keys: Vec<String> = match format {
        Format::Json => {
            let value: serde_json::Value = decode(format, body)?;
            let value = match within {
                Some(member) => value.get(member).cloned().unwrap_or_default(),
                None => value,
            };
            value
                .as_object()
                .map(|map| map.keys().cloned().collect())
                .unwrap_or_default()
        }
        Format::Cbor => {
            let value: ciborium::Value = decode(format, body)?;
            let member = |value: ciborium::Value, name: &str| match value {
                ciborium::Value::Map(entries) => entries
                    .into_iter()
                    .find(|(key, _)| key.as_text() == Some(name))
                    .map(|(_, value)| value)
                    .unwrap_or(ciborium::Value::Null),
                _ => ciborium::Value::Null,
            };
            let value = match within {
                Some(name) => member(value, name),
                None => value,
            };
            match value {
                ciborium::Value::Map(entries) => entries
                    .iter()
                    .filter_map(|(key, _)| key.as_text().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            }
        }
    };
    match keys.iter().find(|key| shape.hidden.contains(&key.as_str())) {
        Some(key) => Err(ApiError::codec(format!(
            "invalid request payload: unknown field `{key}`"
        ))),
        None => Ok(()),
    }
}

/// `{"id": key}` (RPC `get`, `delete`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyBody<K> {
    id: K,
    #[serde(default)]
    fields: Option<Vec<String>>,
    #[serde(default)]
    include: Option<Vec<String>>,
    #[serde(default)]
    include_fields: std::collections::BTreeMap<String, Vec<String>>,
}

/// `{"id": key}` (RPC `delete`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IdBody<K> {
    id: K,
}

/// `{"id": key, "patch": input}` (RPC `update`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody<K, U> {
    id: K,
    patch: U,
}

fn path_key<M: Model>(text: &str) -> Result<M::Key, ApiError>
where
    M::Key: FromValue,
{
    let invalid = || ApiError::bad_request(format!("invalid {} id", M::DESCRIPTOR.name));
    let value =
        crate::http::query::key_value(<M::Key as ToValue>::KIND, text).ok_or_else(invalid)?;
    M::Key::from_value(value).map_err(|_| invalid())
}

/// The selection pairs of an RPC `get` body, as the REST query would give
/// them.
fn selection_pairs(
    fields: Option<Vec<String>>,
    include: Option<Vec<String>>,
    include_fields: std::collections::BTreeMap<String, Vec<String>>,
) -> Vec<Pair<'static>> {
    let mut pairs = Vec::new();
    if let Some(fields) = fields {
        pairs.push(("fields".into(), fields.join(",").into()));
    }
    if let Some(include) = include {
        pairs.push(("include".into(), include.join(",").into()));
    }
    for (relation, fields) in include_fields {
        pairs.push((
            format!("includeFields[{relation}]").into(),
            fields.join(",").into(),
        ));
    }
    pairs
}

fn row_reply<M: Resource>(row: M) -> Reply<M>
where
    M::Key: DeserializeOwned + FromValue + 'static,
{
    let version = row.version();
    let mut reply = Reply::new(row, Shape::Row);
    reply.version = version;
    reply
}

async fn load_includes<M: Resource>(
    handle: &Handle,
    rows: &mut [M],
    selection: &Selection,
) -> Result<(), ApiError>
where
    M::Key: DeserializeOwned + FromValue + 'static,
{
    if rows.is_empty() {
        return Ok(());
    }
    for name in &selection.includes {
        let include = M::include(name).ok_or_else(|| {
            ApiError::internal(format!("{} has no include `{name}`", M::DESCRIPTOR.name))
        })?;
        include.load(handle, rows).await?;
    }
    Ok(())
}

impl<M: Resource> ModelOps for Ops<M>
where
    M::Key: DeserializeOwned + FromValue + 'static,
{
    fn shape(&self) -> &'static ModelShape {
        &const { M::SHAPE }
    }

    fn route(&self) -> &'static str {
        M::ROUTE
    }

    fn list(
        &self,
        handle: Handle,
        query: ListQuery,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>> {
        Box::pin(async move {
            let delegate = Delegate::<M>::new(&handle);
            let mut find = delegate.find_many();
            if !matches!(query.filter, Node::True) {
                find = find.filter(Filter::from_node(query.filter.clone()));
            }
            for (column, kind, descending) in &query.order {
                find = find.order_by(Order::new(column, *kind, *descending));
            }
            find = find.limit(query.limit);
            if query.offset > 0 {
                find = find.offset(query.offset);
            }
            let mut rows = find.exec().await?;
            load_includes(&handle, &mut rows, &query.selection).await?;
            let projection = query.selection.projection;
            let count = rows.len();
            if !M::PAGED {
                return render::reply(
                    &Reply::new(rows, Shape::Rows)
                        .with_rows(count)
                        .with_projection(projection),
                    media,
                );
            }
            let total = delegate.count(Filter::from_node(query.filter)).await?;
            let limit = u64::try_from(query.limit).unwrap_or(0);
            let offset = u64::try_from(query.offset).unwrap_or(0);
            let page = PageWire {
                page_info: PageInfo::new(limit, offset, rows.len(), total),
                items: rows,
                total_count: total,
            };
            render::reply(
                &Reply::new(page, Shape::Page)
                    .with_rows(count)
                    .with_projection(projection),
                media,
            )
        })
    }

    fn get(
        &self,
        handle: Handle,
        key: KeyInput,
        selection: Selection,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>> {
        Box::pin(async move {
            let (key, selection) = match key {
                KeyInput::Path(text) => (path_key::<M>(&text)?, selection),
                KeyInput::Body(format, body) => {
                    let body: KeyBody<M::Key> = decode(format, &body)?;
                    let pairs = selection_pairs(body.fields, body.include, body.include_fields);
                    let selection = crate::http::query::parse_selection(&M::SHAPE, &pairs)?;
                    (body.id, selection)
                }
            };
            let row = Delegate::<M>::new(&handle).find_unique(key).exec().await?;
            let mut row = row.ok_or_else(|| {
                ApiError::new(
                    ErrorKind::NotFound,
                    format!("{} not found", M::DESCRIPTOR.name),
                )
            })?;
            load_includes(&handle, std::slice::from_mut(&mut row), &selection).await?;
            render::reply(&row_reply(row).with_projection(selection.projection), media)
        })
    }

    fn create(
        &self,
        handle: Handle,
        format: Format,
        body: Bytes,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>> {
        Box::pin(async move {
            refuse_hidden(&M::SHAPE, format, &body, None)?;
            let input: M::Create = decode(format, &body)?;
            let row = Delegate::<M>::new(&handle).create(input).await?;
            render::reply(&row_reply(row).with_status(StatusCode::CREATED), media)
        })
    }

    fn update(
        &self,
        handle: Handle,
        key: Option<String>,
        format: Format,
        body: Bytes,
        if_match: Option<i64>,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>> {
        Box::pin(async move {
            let (key, input) = match key {
                Some(text) => {
                    refuse_hidden(&M::SHAPE, format, &body, None)?;
                    (path_key::<M>(&text)?, decode::<M::Update>(format, &body)?)
                }
                None => {
                    refuse_hidden(&M::SHAPE, format, &body, Some("patch"))?;
                    let body: UpdateBody<M::Key, M::Update> = decode(format, &body)?;
                    (body.id, body.patch)
                }
            };
            if input.values().is_empty() {
                return Err(ApiError::validation(
                    "update input must contain at least one changed column",
                ));
            }
            let delegate = Delegate::<M>::new(&handle);
            let mut update = delegate.update(key, input);
            if let Some(version) = if_match {
                update = update.if_version(version);
            }
            render::reply(&row_reply(update.exec().await?), media)
        })
    }

    fn delete(
        &self,
        handle: Handle,
        key: KeyInput,
        if_match: Option<i64>,
        media: ResponseMedia,
    ) -> BoxFuture<'static, Result<Buffered, ApiError>> {
        Box::pin(async move {
            let key = match key {
                KeyInput::Path(text) => path_key::<M>(&text)?,
                KeyInput::Body(format, body) => decode::<IdBody<M::Key>>(format, &body)?.id,
            };
            let delegate = Delegate::<M>::new(&handle);
            let row = match if_match {
                Some(version) => delegate.delete_if_version(key, version).await?,
                None => delegate.delete(key).await?,
            };
            render::reply(&Reply::new(row, Shape::Row), media)
        })
    }
}
