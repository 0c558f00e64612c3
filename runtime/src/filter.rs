//! Typed filters, ordering and relations. `Filter<M>` can only be applied to
//! model `M`; the tree inside is untyped and rendered by `sql`.

use crate::descriptor::{Model, ModelDescriptor};
use crate::value::{Kind, ToValue, Value};
use std::marker::PhantomData;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quantifier {
    Some,
    Every,
    None,
}

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
        /// context may read (`policy::scope_relations` adds that test).
        /// Empty for policy paths, which judge raw rows, and once scoped.
        read_policy: &'static [crate::policy::Policy],
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
    /// Indexed by dialect: PostgreSQL, SQLite.
    pub rendered: [std::sync::OnceLock<Rendered>; 2],
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

/// A to-one relation from `P` to `C`: rows are linked where `P.local`
/// equals `C.remote`.
pub struct Relation<P, C> {
    pub local: &'static str,
    pub remote: &'static str,
    /// Reads the local key of a parent.
    pub local_key: fn(&P) -> Value,
    /// Reads the remote key of a loaded child.
    pub remote_key: fn(&C) -> Value,
    /// Stores the loaded child into the parent.
    pub attach: fn(&mut P, Option<C>),
}

impl<P, C> Clone for Relation<P, C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, C> Copy for Relation<P, C> {}

impl<P, C: Model> Relation<P, C> {
    fn related(&self, quantifier: Quantifier, filter: Filter<C>) -> Filter<P> {
        Filter::from_node(Node::Related {
            target: C::DESCRIPTOR,
            local: self.local,
            remote: self.remote,
            quantifier,
            inner: Box::new(filter.node),
            read_policy: C::POLICIES,
        })
    }

    /// The related row exists and matches `filter`.
    pub fn is(self, filter: Filter<C>) -> Filter<P> {
        self.related(Quantifier::Some, filter)
    }

    /// There is no related row matching `filter`.
    pub fn is_not(self, filter: Filter<C>) -> Filter<P> {
        self.related(Quantifier::None, filter)
    }
}

/// A to-many relation from `P` to `C`.
pub struct ToManyRelation<P, C> {
    pub local: &'static str,
    pub remote: &'static str,
    pub local_key: fn(&P) -> Value,
    pub remote_key: fn(&C) -> Value,
    pub attach: fn(&mut P, Vec<C>),
}

impl<P, C> Clone for ToManyRelation<P, C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, C> Copy for ToManyRelation<P, C> {}

impl<P, C: Model> ToManyRelation<P, C> {
    fn related(&self, quantifier: Quantifier, filter: Filter<C>) -> Filter<P> {
        Filter::from_node(Node::Related {
            target: C::DESCRIPTOR,
            local: self.local,
            remote: self.remote,
            quantifier,
            inner: Box::new(filter.node),
            read_policy: C::POLICIES,
        })
    }

    /// At least one related row matches.
    pub fn some(self, filter: Filter<C>) -> Filter<P> {
        self.related(Quantifier::Some, filter)
    }

    /// Every related row matches (true when there are none).
    pub fn every(self, filter: Filter<C>) -> Filter<P> {
        self.related(Quantifier::Every, filter)
    }

    /// No related row matches.
    pub fn none(self, filter: Filter<C>) -> Filter<P> {
        self.related(Quantifier::None, filter)
    }
}
