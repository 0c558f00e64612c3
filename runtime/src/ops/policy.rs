//! How operations apply a model's policies: the filter its rows must pass
//! for an action in the handle's context, a caller's filter narrowed to
//! what the policy admits, and what a write that matched nothing reports.

use crate::handle::Handle;
use crate::query::filter::Node;
use crate::query::lower::cached_filter_for;
use crate::query::scope::scope_relations;
use crate::schema::error::Error;
use crate::schema::model::Model;

/// The policy filter of `M` for `action` in the handle's context, or `None`
/// for a model without policies.
pub(crate) fn policy_node<M: Model>(handle: &Handle, action: u8) -> Option<Node> {
    cached_filter_for(M::POLICIES, action, handle.context())
}

/// `node` narrowed to what the policy admits, its relation filters to the
/// related rows the context may read.
pub(crate) fn guarded<M: Model>(handle: &Handle, action: u8, node: Node) -> Node {
    let node = scope_relations(node, handle.context());
    match policy_node::<M>(handle, action) {
        Some(policy) => Node::And(vec![node, policy]),
        None => node,
    }
}

/// What a single-row write that matched nothing reports: on a model with
/// policies a denied row and a missing one look the same.
pub(crate) fn nothing_matched<M: Model>() -> Error {
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
