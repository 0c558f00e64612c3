//! The find builders: `find_many()`, `find_first()` and `find_unique(key)`
//! on a model or view. Each collects filters (all must hold), ordering, a
//! window and includes, and reads only the rows the read policy admits.

use crate::handle::Handle;
use crate::ops::include::Include;
use crate::ops::policy::policy_node;
use crate::query::filter::{Filter, Node, Order};
use crate::query::scope::scope_relations;
use crate::schema::error::{Error, Result};
use crate::schema::model::Model;
use crate::schema::operator::CmpOp;
use crate::schema::procedure::Page;
use crate::schema::value::{Kind, ToValue, Value};
use crate::sql::render::{self, OrderKey};

/// The filter on `M`'s primary key.
pub(crate) fn key_filter<M: Model>(key: &M::Key) -> Node {
    let model = M::DESCRIPTOR;
    Node::Compare {
        column: model.primary_key,
        kind: <M::Key as ToValue>::KIND,
        op: CmpOp::Eq,
        value: key.to_value(),
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
            .push(scope_relations(filter.node, self.handle.context()));
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
        let statement = render::select(
            self.handle.dialect(),
            M::DESCRIPTOR,
            &node,
            &self.orders,
            self.limit,
            self.offset,
        );
        let mut rows = self.handle.fetch_models::<M>(&statement).await?;
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
        let statement = render::count(self.handle.dialect(), M::DESCRIPTOR, &self.node());
        let rows = self.handle.fetch(&statement, &[Kind::Int]).await?;
        match rows.first_value() {
            Some(Value::Int(count)) => Ok(count),
            other => Err(Error::Decode {
                message: format!("COUNT(*) returned {other:?}"),
            }),
        }
    }

    pub async fn exists(self) -> Result<bool> {
        let statement = render::exists(self.handle.dialect(), M::DESCRIPTOR, &self.node());
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
