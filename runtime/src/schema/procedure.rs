//! The procedure types of the schema language, as data: `Page<T>` as a
//! return type, `PageInput` and `FindMany<T>` (as [`FindManyArgs`]) as
//! argument types, with their wire forms; and [`ProcedureInput`], through
//! which a procedure's policies read its typed arguments. Applying a
//! `FindManyArgs` to a query, and checking and dispatching a call, are
//! `ops::procedure`.

use crate::schema::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// One page of rows and the number of rows over all pages: what
/// `find_many().paginate()` returns and what a `Page<T>` procedure returns.
///
/// On the wire it has upstream CrateStack's shape, so its clients read it
/// unchanged: `{items, totalCount, pageInfo: {limit, offset, hasNextPage,
/// hasPreviousPage}}` ([`PageWire`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    into = "PageWire<T>",
    from = "PageWire<T>",
    bound(
        serialize = "T: Serialize + Clone",
        deserialize = "T: Deserialize<'de>"
    )
)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
}

/// A page as it travels: a window (`limit`, `offset`) over `totalCount`
/// rows. The HTTP service answers `@@paged` lists in it too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageWire<T> {
    pub items: Vec<T>,
    pub total_count: i64,
    pub page_info: PageInfo,
}

/// Where a page's window sits among all rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    pub limit: u64,
    pub offset: u64,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

impl PageInfo {
    /// The window `limit`/`offset` holding `len` rows of `total`.
    pub fn new(limit: u64, offset: u64, len: usize, total: i64) -> Self {
        let end = offset.saturating_add(len as u64);
        PageInfo {
            limit,
            offset,
            has_next_page: i64::try_from(end).is_ok_and(|end| end < total),
            has_previous_page: offset > 0,
        }
    }
}

impl<T> From<Page<T>> for PageWire<T> {
    fn from(page: Page<T>) -> Self {
        let offset = page.page.saturating_sub(1).saturating_mul(page.per_page);
        PageWire {
            page_info: PageInfo::new(page.per_page, offset, page.items.len(), page.total),
            items: page.items,
            total_count: page.total,
        }
    }
}

impl<T> From<PageWire<T>> for Page<T> {
    fn from(wire: PageWire<T>) -> Self {
        let per_page = wire.page_info.limit;
        Page {
            items: wire.items,
            total: wire.total_count,
            page: wire.page_info.offset.checked_div(per_page).unwrap_or(0) + 1,
            per_page,
        }
    }
}

/// A `PageInput` procedure argument: which page the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInput {
    /// 1-based; absent means the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
}

impl PageInput {
    /// `(page, per_page)` for `paginate`: the first page when none is
    /// given, `default_per_page` when no size is, and never more than
    /// `max_per_page` rows (nor fewer than one) whatever the caller asks.
    pub fn resolve(self, default_per_page: u64, max_per_page: u64) -> (u64, u64) {
        let max = max_per_page.max(1);
        let per_page = self.per_page.unwrap_or(default_per_page).clamp(1, max);
        (self.page.unwrap_or(1).max(1), per_page)
    }
}

/// One ordering key of a [`FindManyArgs`]: a field of the model by its
/// schema name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    pub field: String,
    #[serde(default)]
    pub descending: bool,
}

/// A `FindMany<T>` procedure argument: a query over model `M` a caller
/// sends. `filter` maps schema field names to the value each must equal
/// (`null` asks for a null field); `order_by` lists ordering keys. Names
/// and values are checked against the model when the query is applied
/// ([`FindManyArgs::apply`]), and the model's read policy still applies to
/// the rows it returns.
pub struct FindManyArgs<M> {
    pub filter: BTreeMap<String, serde_json::Value>,
    pub order_by: Vec<OrderInput>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    model: PhantomData<fn() -> M>,
}

impl<M> FindManyArgs<M> {
    /// Every row, unordered, no window.
    pub fn new() -> Self {
        Self {
            filter: BTreeMap::new(),
            order_by: Vec::new(),
            limit: None,
            offset: None,
            model: PhantomData,
        }
    }

    /// Adds the condition `field == value` (`null`: the field is null).
    pub fn filter_eq(mut self, field: &str, value: impl Into<serde_json::Value>) -> Self {
        self.filter.insert(field.to_string(), value.into());
        self
    }

    /// Adds an ordering key after the ones already given.
    pub fn order_by(mut self, field: &str, descending: bool) -> Self {
        self.order_by.push(OrderInput {
            field: field.to_string(),
            descending,
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

    fn wire(&self) -> FindManyWire {
        FindManyWire {
            filter: self.filter.clone(),
            order_by: self.order_by.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

impl<M> Default for FindManyArgs<M> {
    fn default() -> Self {
        Self::new()
    }
}

// Written out rather than derived: a derive would require `M` itself to be
// `Clone`/`Debug`/`PartialEq`, and `M` is only a marker here.
impl<M> Clone for FindManyArgs<M> {
    fn clone(&self) -> Self {
        let wire = self.wire();
        Self::from(wire)
    }
}

impl<M> std::fmt::Debug for FindManyArgs<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindManyArgs")
            .field("filter", &self.filter)
            .field("order_by", &self.order_by)
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .finish()
    }
}

impl<M> PartialEq for FindManyArgs<M> {
    fn eq(&self, other: &Self) -> bool {
        self.wire() == other.wire()
    }
}

/// The wire form of [`FindManyArgs`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindManyWire {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    filter: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    order_by: Vec<OrderInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offset: Option<i64>,
}

impl<M> From<FindManyWire> for FindManyArgs<M> {
    fn from(wire: FindManyWire) -> Self {
        Self {
            filter: wire.filter,
            order_by: wire.order_by,
            limit: wire.limit,
            offset: wire.offset,
            model: PhantomData,
        }
    }
}

impl<M> Serialize for FindManyArgs<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.wire().serialize(serializer)
    }
}

impl<'de, M> Deserialize<'de> for FindManyArgs<M> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FindManyWire::deserialize(deserializer).map(Self::from)
    }
}

/// What an `@stream` query procedure returns: its items as they are
/// produced (an `Err` ends the stream).
pub type ItemStream<T> =
    std::pin::Pin<Box<dyn futures_core::Stream<Item = crate::schema::error::Result<T>> + Send>>;

/// Every item of `stream`, in order; the first error ends it. What a
/// caller that does not stream (the by-name dispatcher) does with one.
#[cfg(database)]
pub async fn collect_stream<T>(mut stream: ItemStream<T>) -> crate::schema::error::Result<Vec<T>> {
    let mut items = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        items.push(item?);
    }
    Ok(items)
}

/// The typed arguments of a procedure, as its policies read them.
/// Generated `…Args` structs implement it.
pub trait ProcedureInput {
    /// The value at input path `path` (`["args", "publishNow"]`), `None`
    /// when absent or null.
    fn input(&self, path: &[&str]) -> Option<Value>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "json")]
    #[test]
    fn a_page_travels_in_upstream_shape() {
        let page = Page {
            items: vec![1, 2],
            total: 5,
            page: 2,
            per_page: 2,
        };
        let json = serde_json::to_value(&page).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"items": [1, 2], "totalCount": 5, "pageInfo":
                {"limit": 2, "offset": 2, "hasNextPage": true, "hasPreviousPage": true}})
        );
        assert_eq!(serde_json::from_value::<Page<i32>>(json).unwrap(), page);
    }

    #[test]
    fn page_input_is_clamped() {
        assert_eq!(PageInput::default().resolve(20, 100), (1, 20));
        let big = PageInput {
            page: Some(0),
            per_page: Some(1000),
        };
        assert_eq!(big.resolve(20, 100), (1, 100));
    }
}
