//! Building filter trees that stay small: conjunctions, disjunctions and
//! negations that fold constants away, flatten nested terms and put the
//! cheap tests first. What policy lowering and relation scoping build with.

use crate::query::filter::Node;
use crate::schema::value::Kind;

/// The filter no row passes.
pub(crate) const FALSE: Node = Node::Or(Vec::new());

pub(crate) fn is_true(node: &Node) -> bool {
    matches!(node, Node::True) || matches!(node, Node::And(items) if items.is_empty())
}

pub(crate) fn is_false(node: &Node) -> bool {
    matches!(node, Node::Or(items) if items.is_empty())
}

/// A rough cost of testing a node against one row, to order the terms of
/// an `AND` or `OR` so the cheap tests come first and can decide the row
/// before the dear ones run. Both backends evaluate such terms left to
/// right and stop at the first that decides, and neither reorders the
/// terms of an `OR`, so the order written is the order paid. An integer or
/// boolean comparison is cheapest; a text or enum comparison compares
/// bytes; a list test makes one comparison per value; a relation path runs
/// a subquery, dearer than any column test.
fn cost(node: &Node) -> u32 {
    match node {
        Node::True => 0,
        Node::IsNull { .. } => 1,
        Node::Compare { kind, .. } => match kind {
            Kind::Bool | Kind::Int | Kind::Float => 1,
            _ => 2,
        },
        Node::In { values, .. } => 1 + 2 * values.len() as u32,
        Node::Contains { .. } | Node::StartsWith { .. } => 4,
        Node::And(items) | Node::Or(items) => items.iter().map(cost).sum(),
        Node::Not(inner) => cost(inner),
        Node::Shared(inner) => cost(&inner.node),
        Node::Related { inner, .. } => 100 + cost(inner),
    }
}

/// The terms of a conjunction or disjunction, with nested ones of the same
/// kind spliced in (`a OR (b OR c)` is `a OR b OR c`), so that ordering by
/// cost sees every term, cheapest first; ties keep the order written.
fn terms(nodes: Vec<Node>, nested: fn(Node) -> Result<Vec<Node>, Node>) -> Vec<Node> {
    let mut flat = Vec::with_capacity(nodes.len());
    for node in nodes {
        match nested(node) {
            Ok(items) => flat.extend(items),
            Err(node) => flat.push(node),
        }
    }
    flat.sort_by_cached_key(cost);
    flat
}

pub(crate) fn and(nodes: Vec<Node>) -> Node {
    if nodes.iter().any(is_false) {
        return FALSE;
    }
    let kept: Vec<Node> = nodes.into_iter().filter(|n| !is_true(n)).collect();
    let mut kept = terms(kept, |node| match node {
        Node::And(items) => Ok(items),
        other => Err(other),
    });
    match kept.len() {
        0 => Node::True,
        1 => kept.pop().unwrap_or(Node::True),
        _ => Node::And(kept),
    }
}

pub(crate) fn or(nodes: Vec<Node>) -> Node {
    if nodes.iter().any(is_true) {
        return Node::True;
    }
    let kept: Vec<Node> = nodes.into_iter().filter(|n| !is_false(n)).collect();
    let mut kept = terms(kept, |node| match node {
        Node::Or(items) => Ok(items),
        other => Err(other),
    });
    match kept.len() {
        1 => kept.pop().unwrap_or(FALSE),
        _ => Node::Or(kept),
    }
}

pub(crate) fn not(node: Node) -> Node {
    if is_true(&node) {
        FALSE
    } else if is_false(&node) {
        Node::True
    } else {
        Node::Not(Box::new(node))
    }
}

pub(crate) fn constant(value: bool) -> Node {
    if value { Node::True } else { FALSE }
}
