//! The filter tree (the query IR) and the typed API that builds it:
//! `Filter<M>` can only be applied to model `M`, `Field<M, T>` compares a
//! column with values of `T`, `Order<M>` orders by one. The tree inside is
//! untyped; `sql/` renders it and the policy passes build and rewrite it.

use crate::schema::descriptor::ModelDescriptor;
use crate::schema::operator::{CmpOp, Quantifier};
use crate::schema::policy::Policy;
use crate::schema::value::{Kind, ToValue, Value};
use std::marker::PhantomData;

/// A condition on rows, as a tree.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    True,
    Compare {
        column: &'static str,
        kind: Kind,
        op: CmpOp,
        value: Value,
    },
    In {
        column: &'static str,
        values: Vec<Value>,
        negated: bool,
    },
    IsNull {
        column: &'static str,
        negated: bool,
    },
    Contains {
        column: &'static str,
        value: String,
    },
    StartsWith {
        column: &'static str,
        value: String,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Related {
        target: &'static ModelDescriptor,
        local: &'static str,
        remote: &'static str,
        quantifier: Quantifier,
        inner: Box<Node>,
        /// The related model's policies when a caller wrote this relation
        /// filter: the query quantifies only over related rows the
        /// context may read (`query::scope` adds that test).
        /// Empty for policy paths, which judge raw rows, and once scoped.
        read_policy: &'static [Policy],
    },
    /// A subtree shared between queries (a policy filter lowered once per
    /// context); renders as the tree it holds.
    Shared(std::sync::Arc<SharedNode>),
}

/// A filter tree shared between queries, and its SQL once rendered per
/// dialect where it nearly always stands: first in the `WHERE` of a read
/// over `t0`, where its placeholders and aliases are numbered from one.
#[derive(Debug)]
pub(crate) struct SharedNode {
    pub node: Node,
    /// Indexed by dialect: PostgreSQL, SQLite, MySQL.
    pub rendered: [std::sync::OnceLock<Rendered>; 3],
}

impl SharedNode {
    pub fn new(node: Node) -> Self {
        Self {
            node,
            rendered: Default::default(),
        }
    }
}

/// SQL text of a filter rendered at the start of a statement: its text
/// (placeholders from 1), the values they stand for, and how many table
/// aliases it used.
#[derive(Debug)]
pub(crate) struct Rendered {
    pub text: String,
    pub params: Vec<Value>,
    pub aliases: usize,
}

/// A condition on rows of model `M`.
pub struct Filter<M> {
    pub(crate) node: Node,
    model: PhantomData<fn() -> M>,
}

impl<M> Clone for Filter<M> {
    fn clone(&self) -> Self {
        Self::from_node(self.node.clone())
    }
}

impl<M> std::fmt::Debug for Filter<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.node.fmt(f)
    }
}

impl<M> Filter<M> {
    pub(crate) fn from_node(node: Node) -> Self {
        Self {
            node,
            model: PhantomData,
        }
    }

    /// Every row.
    pub fn all() -> Self {
        Self::from_node(Node::True)
    }

    /// Both conditions.
    pub fn and(self, other: Filter<M>) -> Self {
        Self::all_of([self, other])
    }

    /// Either condition.
    pub fn or(self, other: Filter<M>) -> Self {
        Self::any_of([self, other])
    }

    /// Every condition (true when there are none).
    pub fn all_of(filters: impl IntoIterator<Item = Filter<M>>) -> Self {
        Self::from_node(Node::And(filters.into_iter().map(|f| f.node).collect()))
    }

    /// At least one condition (false when there are none).
    pub fn any_of(filters: impl IntoIterator<Item = Filter<M>>) -> Self {
        Self::from_node(Node::Or(filters.into_iter().map(|f| f.node).collect()))
    }
}

impl<M> std::ops::Not for Filter<M> {
    type Output = Filter<M>;
    fn not(self) -> Self::Output {
        Self::from_node(Node::Not(Box::new(self.node)))
    }
}

/// A column of model `M` holding values of type `T` (the inner type for an
/// optional field).
pub struct Field<M, T> {
    column: &'static str,
    marker: PhantomData<fn() -> (M, T)>,
}

impl<M, T> Clone for Field<M, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M, T> Copy for Field<M, T> {}

impl<M, T: ToValue> Field<M, T> {
    pub const fn new(column: &'static str) -> Self {
        Self {
            column,
            marker: PhantomData,
        }
    }

    fn compare(self, op: CmpOp, value: T) -> Filter<M> {
        Filter::from_node(Node::Compare {
            column: self.column,
            kind: T::KIND,
            op,
            value: value.to_value(),
        })
    }

    pub fn eq(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Eq, value.into())
    }
    pub fn ne(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Ne, value.into())
    }
    pub fn lt(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Lt, value.into())
    }
    pub fn lte(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Lte, value.into())
    }
    pub fn gt(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Gt, value.into())
    }
    pub fn gte(self, value: impl Into<T>) -> Filter<M> {
        self.compare(CmpOp::Gte, value.into())
    }

    /// One of `values` (false for an empty list).
    pub fn in_(self, values: impl IntoIterator<Item = T>) -> Filter<M> {
        self.membership(values, false)
    }

    /// None of `values` (true for an empty list).
    pub fn not_in(self, values: impl IntoIterator<Item = T>) -> Filter<M> {
        self.membership(values, true)
    }

    fn membership(self, values: impl IntoIterator<Item = T>, negated: bool) -> Filter<M> {
        Filter::from_node(Node::In {
            column: self.column,
            values: values.into_iter().map(|v| v.to_value()).collect(),
            negated,
        })
    }

    pub fn is_null(self) -> Filter<M> {
        Filter::from_node(Node::IsNull {
            column: self.column,
            negated: false,
        })
    }

    pub fn is_not_null(self) -> Filter<M> {
        Filter::from_node(Node::IsNull {
            column: self.column,
            negated: true,
        })
    }

    pub fn asc(self) -> Order<M> {
        Order::new(self.column, T::KIND, false)
    }

    pub fn desc(self) -> Order<M> {
        Order::new(self.column, T::KIND, true)
    }
}

impl<M> Field<M, String> {
    /// Contains `needle`, case-sensitively, on both backends.
    pub fn contains(self, needle: impl Into<String>) -> Filter<M> {
        Filter::from_node(Node::Contains {
            column: self.column,
            value: needle.into(),
        })
    }

    /// Starts with `prefix`, case-sensitively, on both backends.
    pub fn starts_with(self, prefix: impl Into<String>) -> Filter<M> {
        Filter::from_node(Node::StartsWith {
            column: self.column,
            value: prefix.into(),
        })
    }
}

/// Where `NULL`s go in an ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullsOrder {
    First,
    Last,
}

/// One ordering key of model `M`. `NULL`s sort last unless asked otherwise,
/// on both backends.
pub struct Order<M> {
    pub(crate) column: &'static str,
    pub(crate) kind: Kind,
    pub(crate) descending: bool,
    pub(crate) nulls: NullsOrder,
    model: PhantomData<fn() -> M>,
}

impl<M> Order<M> {
    pub(crate) fn new(column: &'static str, kind: Kind, descending: bool) -> Self {
        Self {
            column,
            kind,
            descending,
            nulls: NullsOrder::Last,
            model: PhantomData,
        }
    }

    pub fn nulls_first(mut self) -> Self {
        self.nulls = NullsOrder::First;
        self
    }

    pub fn nulls_last(mut self) -> Self {
        self.nulls = NullsOrder::Last;
        self
    }
}
