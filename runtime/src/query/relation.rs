//! Relations between generated models: how a parent's rows link to a
//! child's (`Relation` to one, `ToManyRelation` to many), the relation
//! filters they offer (`is`, `some`, `every`, ...), and what an include
//! needs to load and attach the related rows.

use crate::query::filter::{Filter, Node};
use crate::schema::model::Model;
use crate::schema::operator::Quantifier;
use crate::schema::value::Value;

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
