//! Model policies (`@@allow` / `@@deny`): the constant descriptors generated
//! code emits per model, the caller's [`Context`] they are judged against,
//! and their lowering into a filter tree. Reads, updates and deletes add
//! that tree to the statement's `WHERE` (values bound, never spliced);
//! creates evaluate it in Rust against the row about to be inserted.
//!
//! Semantics: a model without any policy is unrestricted. A model with at
//! least one policy denies every action that no matching `allow` admits,
//! and a matching `deny` beats any `allow`. A comparison with a missing
//! value (`NULL`, an absent principal or member) is false, as in SQL.

use crate::descriptor::ModelDescriptor;
use crate::filter::{CmpOp, Node, Quantifier, SharedNode};
use crate::value::{Kind, Value};
use std::any::Any;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

/// Action bits a policy applies to (`read` is `LIST | DETAIL`, `all` every bit).
pub mod action {
    pub const LIST: u8 = 1;
    pub const DETAIL: u8 = 2;
    pub const CREATE: u8 = 4;
    pub const UPDATE: u8 = 8;
    pub const DELETE: u8 = 16;
    pub const READ: u8 = LIST | DETAIL;
    pub const ALL: u8 = READ | CREATE | UPDATE | DELETE;
}

/// One `@@allow` or `@@deny` rule.
#[derive(Debug)]
pub struct Policy {
    pub allow: bool,
    /// A set of [`action`] bits.
    pub actions: u8,
    pub expr: PolicyExpr,
}

/// A policy condition.
#[derive(Debug)]
pub enum PolicyExpr {
    Bool(bool),
    And(&'static [PolicyExpr]),
    Or(&'static [PolicyExpr]),
    Not(&'static PolicyExpr),
    /// `auth() != null` (`true`) or `auth() == null` (`false`).
    Authenticated(bool),
    /// `isSystem()`.
    IsSystem,
    /// `hasRole('r')`.
    HasRole(&'static str),
    /// `inTenant('t')`.
    InTenant(&'static str),
    Compare {
        left: Operand,
        op: PolicyOp,
        right: Operand,
    },
    /// `left in [values]` / `left not in [values]`.
    In {
        left: Operand,
        values: &'static [Operand],
        negated: bool,
    },
    /// A condition on related rows: rows of `target` whose `remote` column
    /// equals this row's `local` column. A to-one path uses `Some`.
    Related {
        target: &'static ModelDescriptor,
        local: &'static str,
        remote: &'static str,
        quantifier: PathQuantifier,
        inner: &'static PolicyExpr,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathQuantifier {
    Some,
    Every,
    None,
}

/// One side of a comparison.
#[derive(Debug)]
pub enum Operand {
    /// A column of the row being judged; `nullable` says whether it can
    /// hold `NULL` (a non-null column's negated test needs no `COALESCE`).
    Column {
        name: &'static str,
        kind: Kind,
        nullable: bool,
    },
    /// `auth().a.b`.
    Auth {
        path: &'static [&'static str],
    },
    Literal(Literal),
    Null,
}

/// A constant written in the schema, already typed by what it is compared with.
#[derive(Debug)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(&'static str),
    /// Exact decimal text.
    Decimal(&'static str),
    Enum {
        type_name: &'static str,
        variant: &'static str,
    },
}

impl Literal {
    pub fn value(&self) -> Value {
        match self {
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(i) => Value::Int(*i),
            Literal::Float(f) => Value::Float(*f),
            Literal::Text(t) => Value::Text((*t).to_string()),
            Literal::Decimal(d) => d
                .parse()
                .map(Value::Decimal)
                .unwrap_or(Value::Null(Kind::Decimal)),
            Literal::Enum { type_name, variant } => Value::Enum { type_name, variant },
        }
    }
}

/// The principal a policy reads through `auth()`. Generated crates implement
/// it for the schema's `auth` type.
pub trait Principal: Any + Send + Sync {
    /// The value at `auth().a.b` (`path` = `["a", "b"]`), `None` when the
    /// principal has no such member or it is null.
    fn member(&self, path: &[&str]) -> Option<Value>;

    fn as_any(&self) -> &(dyn Any + Send + Sync);

    /// `hasRole(r)`: member `role` (or `actor.role`) equals `r`, or member
    /// `roles` is a JSON list holding `r`.
    fn has_role(&self, role: &str) -> bool {
        [&["role"][..], &["actor", "role"]]
            .iter()
            .any(|path| self.member(path).is_some_and(|v| names(&v, role)))
            || matches!(self.member(&["roles"]), Some(Value::Json(serde_json::Value::Array(items)))
                if items.iter().any(|item| item.as_str() == Some(role)))
    }

    /// `inTenant(t)`: member `tenantId` (or `tenant.id`) equals `t`.
    fn in_tenant(&self, tenant: &str) -> bool {
        [&["tenantId"][..], &["tenant", "id"]]
            .iter()
            .any(|path| self.member(path).is_some_and(|v| names(&v, tenant)))
    }
}

/// Whether a text, enum or integer value spells `text`.
fn names(value: &Value, text: &str) -> bool {
    match value {
        Value::Text(t) => t == text,
        Value::Enum { variant, .. } => *variant == text,
        Value::Int(i) => i.to_string() == text,
        Value::Uuid(u) => u.to_string() == text,
        _ => false,
    }
}

/// A principal given as any value: `auth()` is present, its members unknown.
struct Opaque<A>(A);

impl<A: Any + Send + Sync> Principal for Opaque<A> {
    fn member(&self, _path: &[&str]) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &(dyn Any + Send + Sync) {
        &self.0
    }
}

/// Who a handle acts for: the principal `auth()` reads, and whether this is
/// a system context (`isSystem()`), which only code can mint.
#[derive(Clone, Default)]
pub struct Context {
    auth: Option<Arc<dyn Principal>>,
    system: bool,
    /// The policy filters already lowered for this context, shared by its
    /// clones: a context never changes, so neither does its lowering.
    lowered: Arc<Lowered>,
}

/// Lowered policy filters keyed by the policy table (its address and
/// length: each model's `POLICIES` is one static) and the action.
#[derive(Default)]
struct Lowered(Mutex<Vec<(LoweredKey, Option<Arc<SharedNode>>)>>);

/// `(address of the policy table, its length, action)`.
type LoweredKey = (usize, usize, u8);

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("authenticated", &self.auth.is_some())
            .field("system", &self.system)
            .finish()
    }
}

impl Context {
    /// Anonymous: `auth() == null`.
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Acting for `auth`.
    pub fn authenticated(auth: impl Principal) -> Self {
        Self {
            auth: Some(Arc::new(auth)),
            system: false,
            lowered: Arc::default(),
        }
    }

    /// Acting for a value whose members policies cannot read.
    pub fn opaque<A: Any + Send + Sync>(auth: A) -> Self {
        Self::authenticated(Opaque(auth))
    }

    /// A system context: `isSystem()` holds.
    pub fn system() -> Self {
        Self {
            auth: None,
            system: true,
            lowered: Arc::default(),
        }
    }

    /// The same context, marked as system (or not).
    pub fn with_system(mut self, system: bool) -> Self {
        self.system = system;
        // What was lowered for the old flag does not hold for the new one.
        self.lowered = Arc::default();
        self
    }

    pub fn auth(&self) -> Option<&dyn Principal> {
        self.auth.as_deref()
    }

    pub fn is_system(&self) -> bool {
        self.system
    }
}

const FALSE: Node = Node::Or(Vec::new());

/// The filter rows must pass for `action`, or `None` when the model has no
/// policy at all (unrestricted).
pub(crate) fn filter_for(policies: &[Policy], action: u8, context: &Context) -> Option<Node> {
    if policies.is_empty() {
        return None;
    }
    let pick = |allow: bool, lowering: &dyn Fn(&PolicyExpr, &Context) -> Node| -> Vec<Node> {
        policies
            .iter()
            .filter(|p| p.allow == allow && p.actions & action != 0)
            .map(|p| lowering(&p.expr, context))
            .collect()
    };
    let allows = or(pick(true, &lower));
    // `NOT (deny1 OR deny2)`, with the negation pushed down to the leaves.
    let admitted = and(pick(false, &lower_not));
    Some(and(vec![admitted, allows]))
}

/// [`filter_for`], lowered once per context, policy table and action and
/// shared from then on: the per-query cost is a lookup, not a partial
/// evaluation of every rule against the context.
pub(crate) fn cached_filter_for(
    policies: &[Policy],
    action: u8,
    context: &Context,
) -> Option<Node> {
    if policies.is_empty() {
        return None;
    }
    let key = (policies.as_ptr() as usize, policies.len(), action);
    let shared = |node: &Option<Arc<SharedNode>>| node.as_ref().map(|n| Node::Shared(n.clone()));
    // A poisoned memo only means another thread panicked mid-insert; the
    // entries it holds are complete, so it stays usable.
    let mut memo = context
        .lowered
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, node)) = memo.iter().find(|(k, _)| *k == key) {
        return shared(node);
    }
    let node = filter_for(policies, action, context).map(|n| Arc::new(SharedNode::new(n)));
    let result = shared(&node);
    memo.push((key, node));
    result
}

fn is_true(node: &Node) -> bool {
    matches!(node, Node::True) || matches!(node, Node::And(items) if items.is_empty())
}

fn is_false(node: &Node) -> bool {
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

fn and(nodes: Vec<Node>) -> Node {
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

fn or(nodes: Vec<Node>) -> Node {
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

fn not(node: Node) -> Node {
    if is_true(&node) {
        FALSE
    } else if is_false(&node) {
        Node::True
    } else {
        Node::Not(Box::new(node))
    }
}

fn constant(value: bool) -> Node {
    if value { Node::True } else { FALSE }
}

/// A side that does not depend on the row: its value, `None` for null.
enum Side {
    Column(&'static str, Kind),
    Constant(Option<Value>),
}

fn side(operand: &Operand, context: &Context) -> Side {
    match operand {
        Operand::Column { name, kind, .. } => Side::Column(name, *kind),
        Operand::Auth { path } => Side::Constant(
            context
                .auth()
                .and_then(|auth| auth.member(path))
                .filter(|v| !v.is_null()),
        ),
        Operand::Literal(literal) => Side::Constant(Some(literal.value()).filter(|v| !v.is_null())),
        Operand::Null => Side::Constant(None),
    }
}

fn cmp_op(op: PolicyOp) -> CmpOp {
    match op {
        PolicyOp::Eq => CmpOp::Eq,
        PolicyOp::Ne => CmpOp::Ne,
        PolicyOp::Lt => CmpOp::Lt,
        PolicyOp::Lte => CmpOp::Lte,
        PolicyOp::Gt => CmpOp::Gt,
        PolicyOp::Gte => CmpOp::Gte,
    }
}

fn flipped(op: PolicyOp) -> PolicyOp {
    match op {
        PolicyOp::Lt => PolicyOp::Gt,
        PolicyOp::Lte => PolicyOp::Gte,
        PolicyOp::Gt => PolicyOp::Lt,
        PolicyOp::Gte => PolicyOp::Lte,
        other => other,
    }
}

/// Partially evaluates `expr` for `context`: what depends only on the
/// context becomes a constant, the rest a filter over the row.
fn lower(expr: &PolicyExpr, context: &Context) -> Node {
    match expr {
        PolicyExpr::Bool(b) => constant(*b),
        PolicyExpr::And(items) => and(items.iter().map(|e| lower(e, context)).collect()),
        PolicyExpr::Or(items) => or(items.iter().map(|e| lower(e, context)).collect()),
        PolicyExpr::Not(inner) => lower_not(inner, context),
        PolicyExpr::Authenticated(want) => constant(context.auth().is_some() == *want),
        PolicyExpr::IsSystem => constant(context.is_system()),
        PolicyExpr::HasRole(role) => constant(context.auth().is_some_and(|a| a.has_role(role))),
        PolicyExpr::InTenant(tenant) => {
            constant(context.auth().is_some_and(|a| a.in_tenant(tenant)))
        }
        PolicyExpr::Compare { left, op, right } => {
            match (side(left, context), side(right, context)) {
                (Side::Constant(a), Side::Constant(b)) => {
                    constant(compare_values(a.as_ref(), *op, b.as_ref()))
                }
                (Side::Column(column, kind), Side::Constant(value)) => {
                    column_vs(column, kind, *op, value, right)
                }
                (Side::Constant(value), Side::Column(column, kind)) => {
                    column_vs(column, kind, flipped(*op), value, left)
                }
                // Generated code never emits a column against a column.
                (Side::Column(..), Side::Column(..)) => FALSE,
            }
        }
        PolicyExpr::In {
            left,
            values,
            negated,
        } => {
            let listed: Vec<Value> = values
                .iter()
                .filter_map(|v| match side(v, context) {
                    Side::Constant(value) => value,
                    Side::Column(..) => None,
                })
                .collect();
            match side(left, context) {
                Side::Column(column, _) => Node::In {
                    column,
                    values: listed,
                    negated: *negated,
                },
                Side::Constant(None) => FALSE,
                Side::Constant(Some(value)) => {
                    let found = listed
                        .iter()
                        .any(|v| compare_values(Some(&value), PolicyOp::Eq, Some(v)));
                    constant(found != *negated)
                }
            }
        }
        PolicyExpr::Related {
            target,
            local,
            remote,
            quantifier,
            inner,
        } => Node::Related {
            target,
            local,
            remote,
            quantifier: match quantifier {
                PathQuantifier::Some => Quantifier::Some,
                PathQuantifier::Every => Quantifier::Every,
                PathQuantifier::None => Quantifier::None,
            },
            inner: Box::new(lower(inner, context)),
            read_policy: &[],
        },
    }
}

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

fn inverse(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Gte,
        CmpOp::Lte => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Lte,
        CmpOp::Gte => CmpOp::Lt,
    }
}

/// `NOT COALESCE(expr, FALSE)`, with the negation pushed to the leaves
/// (De Morgan holds for the coalesced negation, and a comparison of a
/// non-null column with a value is never `NULL`), so the SQL has no
/// `COALESCE` where none is needed.
fn lower_not(expr: &PolicyExpr, context: &Context) -> Node {
    match expr {
        PolicyExpr::And(items) => or(items.iter().map(|e| lower_not(e, context)).collect()),
        PolicyExpr::Or(items) => and(items.iter().map(|e| lower_not(e, context)).collect()),
        PolicyExpr::Not(inner) => lower(inner, context),
        PolicyExpr::Related {
            quantifier: PathQuantifier::Every,
            target,
            local,
            remote,
            inner,
        } => Node::Related {
            target,
            local,
            remote,
            quantifier: Quantifier::Some,
            inner: Box::new(lower_not(inner, context)),
            read_policy: &[],
        },
        PolicyExpr::Related { .. } | PolicyExpr::Compare { .. } | PolicyExpr::In { .. } => {
            match lower(expr, context) {
                Node::Compare {
                    column,
                    kind,
                    op,
                    value,
                } if non_null(expr) => Node::Compare {
                    column,
                    kind,
                    op: inverse(op),
                    value,
                },
                Node::In {
                    column,
                    values,
                    negated,
                } if non_null(expr) => Node::In {
                    column,
                    values,
                    negated: !negated,
                },
                Node::Related {
                    target,
                    local,
                    remote,
                    quantifier,
                    inner,
                    read_policy,
                } => Node::Related {
                    target,
                    local,
                    remote,
                    quantifier: if quantifier == Quantifier::Some {
                        Quantifier::None
                    } else {
                        Quantifier::Some
                    },
                    inner,
                    read_policy,
                },
                other => not(other),
            }
        }
        other => not(lower(other, context)),
    }
}

/// Whether the column a comparison or list test reads is never `NULL`.
fn non_null(expr: &PolicyExpr) -> bool {
    let column = |operand: &Operand| {
        matches!(
            operand,
            Operand::Column {
                nullable: false,
                ..
            }
        )
    };
    match expr {
        PolicyExpr::Compare { left, right, .. } => column(left) || column(right),
        PolicyExpr::In { left, .. } => column(left),
        _ => false,
    }
}

fn column_vs(
    column: &'static str,
    kind: Kind,
    op: PolicyOp,
    value: Option<Value>,
    written: &Operand,
) -> Node {
    match value {
        // `field == null` tests for null; comparing with an absent principal
        // or member is false, as `column = NULL` is in SQL.
        None if matches!(written, Operand::Null) => match op {
            PolicyOp::Eq => Node::IsNull {
                column,
                negated: false,
            },
            PolicyOp::Ne => Node::IsNull {
                column,
                negated: true,
            },
            _ => FALSE,
        },
        None => FALSE,
        Some(value) => Node::Compare {
            column,
            kind,
            op: cmp_op(op),
            value,
        },
    }
}

/// Orders two values the way both backends' filters do (text bytewise,
/// enums by their name, decimals exactly); `None` when incomparable.
pub fn order_values(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Int(x), Value::Float(y)) => (*x as f64).partial_cmp(y),
        (Value::Float(x), Value::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Value::Text(x), Value::Text(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (Value::Decimal(x), Value::Decimal(y)) => Some(x.cmp(y)),
        (Value::DateTime(x), Value::DateTime(y)) => Some(x.cmp(y)),
        (Value::Uuid(x), Value::Uuid(y)) => Some(x.cmp(y)),
        (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
        (Value::Enum { variant: x, .. }, Value::Enum { variant: y, .. }) => {
            Some(x.as_bytes().cmp(y.as_bytes()))
        }
        (Value::Enum { variant, .. }, Value::Text(t)) => Some(variant.as_bytes().cmp(t.as_bytes())),
        (Value::Text(t), Value::Enum { variant, .. }) => Some(t.as_bytes().cmp(variant.as_bytes())),
        _ => None,
    }
}

/// `a op b` with SQL's rule that anything against null is false.
pub fn compare_values(a: Option<&Value>, op: PolicyOp, b: Option<&Value>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let Some(ordering) = order_values(a, b) else {
        return false;
    };
    match op {
        PolicyOp::Eq => ordering == Ordering::Equal,
        PolicyOp::Ne => ordering != Ordering::Equal,
        PolicyOp::Lt => ordering == Ordering::Less,
        PolicyOp::Lte => ordering != Ordering::Greater,
        PolicyOp::Gt => ordering == Ordering::Greater,
        PolicyOp::Gte => ordering != Ordering::Less,
    }
}

/// Creates: the create policy judged in Rust against the row to insert
/// (columns it does not set count as null); a relation condition is one
/// `EXISTS` probe.
#[cfg(any(feature = "postgres", feature = "sqlite"))]
pub(crate) mod create {
    use super::{PolicyOp, compare_values};
    use crate::error::{Error, Result};
    use crate::filter::{CmpOp, Node, Quantifier};
    use crate::handle::Handle;
    use crate::value::{Kind, Value};
    use std::future::Future;
    use std::pin::Pin;

    type Row = [(&'static str, Value)];

    /// `Ok` when `node` admits `row`, else `Forbidden` naming the model.
    pub(crate) async fn check(
        handle: &Handle,
        model: &'static str,
        node: &Node,
        row: &Row,
    ) -> Result<()> {
        if eval(handle, node, row).await? {
            Ok(())
        } else {
            Err(Error::Forbidden {
                reason: format!("the create policy of {model} denies this row"),
            })
        }
    }

    fn lookup<'r>(row: &'r Row, column: &str) -> Option<&'r Value> {
        row.iter()
            .find(|(name, _)| *name == column)
            .map(|(_, value)| value)
            .filter(|value| !value.is_null())
    }

    fn op(op: CmpOp) -> PolicyOp {
        match op {
            CmpOp::Eq => PolicyOp::Eq,
            CmpOp::Ne => PolicyOp::Ne,
            CmpOp::Lt => PolicyOp::Lt,
            CmpOp::Lte => PolicyOp::Lte,
            CmpOp::Gt => PolicyOp::Gt,
            CmpOp::Gte => PolicyOp::Gte,
        }
    }

    fn eval<'a>(
        handle: &'a Handle,
        node: &'a Node,
        row: &'a Row,
    ) -> Pin<Box<dyn Future<Output = Result<bool>> + Send + 'a>> {
        Box::pin(async move {
            Ok(match node {
                Node::True => true,
                Node::Compare {
                    column,
                    op: o,
                    value,
                    ..
                } => compare_values(lookup(row, column), op(*o), Some(value)),
                Node::In {
                    column,
                    values,
                    negated,
                } => match lookup(row, column) {
                    None => false,
                    Some(found) => {
                        values
                            .iter()
                            .any(|v| compare_values(Some(found), PolicyOp::Eq, Some(v)))
                            != *negated
                    }
                },
                Node::IsNull { column, negated } => lookup(row, column).is_none() != *negated,
                Node::Contains { column, value } => {
                    matches!(lookup(row, column), Some(Value::Text(t)) if t.contains(value.as_str()))
                }
                Node::StartsWith { column, value } => {
                    matches!(lookup(row, column), Some(Value::Text(t)) if t.starts_with(value.as_str()))
                }
                Node::And(items) => {
                    for item in items {
                        if !eval(handle, item, row).await? {
                            return Ok(false);
                        }
                    }
                    true
                }
                Node::Or(items) => {
                    for item in items {
                        if eval(handle, item, row).await? {
                            return Ok(true);
                        }
                    }
                    false
                }
                Node::Not(inner) => !eval(handle, inner, row).await?,
                Node::Shared(inner) => eval(handle, &inner.node, row).await?,
                Node::Related {
                    target,
                    local,
                    remote,
                    quantifier,
                    inner,
                    ..
                } => {
                    let Some(key) = lookup(row, local) else {
                        // No key, no related rows.
                        return Ok(*quantifier != Quantifier::Some);
                    };
                    let kind = target.column(remote).map_or(Kind::Int, |c| c.kind);
                    let condition = match quantifier {
                        Quantifier::Every => Node::Not(inner.clone()),
                        _ => (**inner).clone(),
                    };
                    let probe = Node::And(vec![
                        Node::Compare {
                            column: remote,
                            kind,
                            op: CmpOp::Eq,
                            value: key.clone(),
                        },
                        condition,
                    ]);
                    let statement = crate::sql::exists(handle.dialect(), target, &probe);
                    let found = !handle.fetch(&statement, &[Kind::Int]).await?.is_empty();
                    found == (*quantifier == Quantifier::Some)
                }
            })
        })
    }
}

/// The value at `path` inside a principal's JSON form (what generated
/// `Principal` impls use for members below the first level).
pub fn policy_json_member(json: &serde_json::Value, path: &[&str]) -> Option<Value> {
    let mut current = json;
    for segment in path {
        current = current.get(segment)?;
    }
    match current {
        serde_json::Value::Null => None,
        serde_json::Value::Bool(b) => Some(Value::Bool(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .or_else(|| n.as_f64().map(Value::Float)),
        serde_json::Value::String(s) => Some(Value::Text(s.clone())),
        other => Some(Value::Json(other.clone())),
    }
}

#[cfg(all(test, any(feature = "postgres", feature = "sqlite")))]
mod tests {
    use super::*;
    use crate::descriptor::Column;
    use crate::filter::{CmpOp, Quantifier};
    use crate::sql::{Dialect, select};

    static NOTES: ModelDescriptor = ModelDescriptor {
        name: "Note",
        table: "notes",
        columns: &[
            Column {
                field: "id",
                name: "id",
                kind: Kind::Int,
                nullable: false,
            },
            Column {
                field: "owner",
                name: "owner",
                kind: Kind::Text,
                nullable: false,
            },
        ],
        primary_key: "id",
        soft_delete: None,
        version: None,
        kinds: &[Kind::Int, Kind::Text],
    };

    const OWNER: Operand = Operand::Column {
        name: "owner",
        kind: Kind::Text,
        nullable: false,
    };

    static POLICIES: &[Policy] = &[
        Policy {
            allow: true,
            actions: action::READ,
            expr: PolicyExpr::Compare {
                left: OWNER,
                op: PolicyOp::Eq,
                right: Operand::Literal(Literal::Text("x'; DROP TABLE notes; --")),
            },
        },
        Policy {
            allow: true,
            actions: action::READ,
            expr: PolicyExpr::HasRole("admin"),
        },
        Policy {
            allow: false,
            actions: action::ALL,
            expr: PolicyExpr::IsSystem,
        },
    ];

    #[test]
    fn policy_values_are_bound_and_the_policy_is_parenthesised() {
        let node = filter_for(POLICIES, action::LIST, &Context::anonymous()).unwrap();
        let caller = Node::Or(vec![Node::True, Node::True]);
        let sql = select(
            Dialect::Postgres,
            &NOTES,
            &Node::And(vec![caller, node]),
            &[],
            None,
            None,
        );
        assert!(!sql.text.contains("DROP"), "{}", sql.text);
        assert_eq!(
            sql.text,
            "SELECT t0.\"id\", t0.\"owner\" FROM \"notes\" AS t0 WHERE ((((TRUE) OR (TRUE))) AND (t0.\"owner\" = $1))"
        );
        assert_eq!(
            sql.params,
            vec![Value::Text("x'; DROP TABLE notes; --".into())]
        );
    }

    #[test]
    fn context_only_terms_fold_and_deny_beats_allow() {
        // `isSystem()` denies: nothing, whatever the allows say.
        let system = filter_for(POLICIES, action::LIST, &Context::system()).unwrap();
        assert!(is_false(&system), "{system:?}");
        // No allow for create: deny by default.
        let create = filter_for(POLICIES, action::CREATE, &Context::anonymous()).unwrap();
        assert!(is_false(&create), "{create:?}");
        // Without policies there is no filter at all.
        assert!(filter_for(&[], action::LIST, &Context::anonymous()).is_none());
    }

    static SELF_PATH: PolicyExpr = PolicyExpr::Compare {
        left: OWNER,
        op: PolicyOp::Ne,
        right: Operand::Auth { path: &["id"] },
    };

    static WITH_PATH: &[Policy] = &[
        Policy {
            allow: true,
            actions: action::READ,
            expr: PolicyExpr::Related {
                target: &NOTES,
                local: "id",
                remote: "id",
                quantifier: PathQuantifier::None,
                inner: &SELF_PATH,
            },
        },
        Policy {
            allow: false,
            actions: action::READ,
            expr: PolicyExpr::Compare {
                left: OWNER,
                op: PolicyOp::Eq,
                right: Operand::Literal(Literal::Text("x")),
            },
        },
    ];

    #[test]
    fn a_shared_policy_renders_as_its_tree_wherever_it_stands() {
        let context = Context::opaque(());
        let caller = Node::Related {
            target: &NOTES,
            local: "id",
            remote: "id",
            quantifier: Quantifier::Some,
            inner: Box::new(Node::Compare {
                column: "id",
                kind: Kind::Int,
                op: CmpOp::Gt,
                value: Value::Int(3),
            }),
            read_policy: &[],
        };
        for policies in [POLICIES, WITH_PATH] {
            let plain = filter_for(policies, action::LIST, &context).unwrap();
            let shared = cached_filter_for(policies, action::LIST, &context).unwrap();
            for dialect in [Dialect::Postgres, Dialect::Sqlite] {
                // Twice: the first rendering fills the cache, the second reads it.
                for _ in 0..2 {
                    for policy_first in [true, false] {
                        let tree = |policy: &Node| {
                            Node::And(if policy_first {
                                vec![policy.clone(), caller.clone()]
                            } else {
                                vec![caller.clone(), policy.clone()]
                            })
                        };
                        let cached = select(dialect, &NOTES, &tree(&shared), &[], Some(5), None);
                        let fresh = select(dialect, &NOTES, &tree(&plain), &[], Some(5), None);
                        assert_eq!(cached.text, fresh.text);
                        assert_eq!(cached.params, fresh.params);
                    }
                }
            }
        }
    }

    fn shared(node: Option<Node>) -> Arc<SharedNode> {
        match node {
            Some(Node::Shared(node)) => node,
            other => panic!("not a shared lowering: {other:?}"),
        }
    }

    #[test]
    fn lowerings_are_memoised_per_context_and_dropped_by_with_system() {
        let context = Context::anonymous();
        let first = shared(cached_filter_for(POLICIES, action::LIST, &context));
        // Clones share the memo: the same tree, not a new lowering.
        let again = shared(cached_filter_for(POLICIES, action::LIST, &context.clone()));
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!is_false(&first.node), "{first:?}");
        // Another action is lowered on its own.
        let create = shared(cached_filter_for(POLICIES, action::CREATE, &context));
        assert!(is_false(&create.node), "{create:?}");
        // `isSystem()` denies; the memo of the non-system context must not answer.
        let system = shared(cached_filter_for(
            POLICIES,
            action::LIST,
            &context.with_system(true),
        ));
        assert!(is_false(&system.node), "{system:?}");
        assert!(cached_filter_for(&[], action::LIST, &Context::anonymous()).is_none());
    }
}
