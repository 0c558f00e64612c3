//! The include plan: what loading one relation for a set of parent rows
//! asks of the database, and how the loaded rows pair with their parents.
//! One query per included relation, whatever the number of parents:
//! `WHERE remote IN (keys of every parent)`.

use crate::query::context::Context;
use crate::query::filter::Node;
use crate::query::lower::cached_filter_for;
use crate::schema::policy::{Policy, action};
use crate::schema::value::Value;
use std::collections::{HashMap, HashSet};

/// The filter on the related rows of `parents`: their `remote` column holds
/// one of the parents' keys, and the related model's `list` policy admits
/// them in `context` (included rows are read rows). `None` when no parent
/// has a key, so there is nothing to load.
pub(crate) fn related_filter<P>(
    parents: &[P],
    local_key: fn(&P) -> Value,
    remote: &'static str,
    policies: &'static [Policy],
    context: &Context,
) -> Option<Node> {
    let mut keys: Vec<Value> = Vec::new();
    let mut seen = HashSet::new();
    for parent in parents {
        let key = local_key(parent);
        if !key.is_null() && seen.insert(key.key()) {
            keys.push(key);
        }
    }
    if keys.is_empty() {
        return None;
    }
    let node = Node::In {
        column: remote,
        values: keys,
        negated: false,
    };
    Some(match cached_filter_for(policies, action::LIST, context) {
        Some(policy) => Node::And(vec![node, policy]),
        None => node,
    })
}

/// Related rows grouped by the key that links them to a parent.
pub(crate) fn group_by_key<C>(
    children: Vec<C>,
    remote_key: fn(&C) -> Value,
) -> HashMap<String, Vec<C>> {
    let mut grouped: HashMap<String, Vec<C>> = HashMap::new();
    for child in children {
        grouped
            .entry(remote_key(&child).key())
            .or_default()
            .push(child);
    }
    grouped
}
