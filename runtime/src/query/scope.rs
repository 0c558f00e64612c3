//! Relation scoping, a pass over a caller's filter: every relation filter
//! it wrote is narrowed to the related rows the context may read.

use crate::query::context::Context;
use crate::query::filter::Node;
use crate::query::fold::and;
use crate::query::lower::cached_filter_for;
use crate::schema::operator::Quantifier;
use crate::schema::policy::action;

/// A caller's filter with every relation filter it wrote narrowed to the
/// related rows `context` may read (the related model's `list` policy), so
/// a filter cannot probe rows that policy hides: `some` and `none` ask
/// about readable related rows, `every` holds when no readable related
/// row fails. Nested relation filters are scoped the same way; policy
/// paths (no `read_policy`) are left as written.
pub(crate) fn scope_relations(node: Node, context: &Context) -> Node {
    match node {
        Node::And(items) => Node::And(
            items
                .into_iter()
                .map(|n| scope_relations(n, context))
                .collect(),
        ),
        Node::Or(items) => Node::Or(
            items
                .into_iter()
                .map(|n| scope_relations(n, context))
                .collect(),
        ),
        Node::Not(inner) => Node::Not(Box::new(scope_relations(*inner, context))),
        Node::Related {
            target,
            local,
            remote,
            quantifier,
            inner,
            read_policy,
        } => {
            let inner = scope_relations(*inner, context);
            let Some(visible) = cached_filter_for(read_policy, action::LIST, context) else {
                return Node::Related {
                    target,
                    local,
                    remote,
                    quantifier,
                    inner: Box::new(inner),
                    read_policy: &[],
                };
            };
            // `every` over readable rows: no readable row fails `inner`.
            let (quantifier, condition) = match quantifier {
                Quantifier::Every => (Quantifier::None, Node::Not(Box::new(inner))),
                other => (other, inner),
            };
            Node::Related {
                target,
                local,
                remote,
                quantifier,
                inner: Box::new(and(vec![visible, condition])),
                read_policy: &[],
            }
        }
        other => other,
    }
}
