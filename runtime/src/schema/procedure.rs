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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
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
