//! Policy lowering, a pass over the query: a model's policies for one
//! action, partially evaluated in a [`Context`], become the filter its rows
//! must pass. What depends only on the context (`auth()`, `isSystem()`,
//! roles, literals) folds to a constant; the rest becomes a filter over
//! the row, with values bound, never spliced.

use crate::query::compare::compare_values;
use crate::query::context::Context;
use crate::query::filter::Node;
use crate::query::fold::{FALSE, and, constant, not, or};
use crate::schema::operator::{CmpOp, Quantifier};
use crate::schema::policy::{Operand, Policy, PolicyExpr};
use crate::schema::value::{Kind, Value};

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
    context.lowered(key, || filter_for(policies, action, context))
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

/// The operator with its sides swapped: `a < b` is `b > a`.
fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Lte => CmpOp::Gte,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Gte => CmpOp::Lte,
        other => other,
    }
}

/// The operator that holds exactly when `op` does not, on two non-null
/// values: `a < b` is `NOT a >= b`.
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
                        .any(|v| compare_values(Some(&value), CmpOp::Eq, Some(v)));
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
            quantifier: *quantifier,
            inner: Box::new(lower(inner, context)),
            read_policy: &[],
        },
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
            quantifier: Quantifier::Every,
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
    op: CmpOp,
    value: Option<Value>,
    written: &Operand,
) -> Node {
    match value {
        // `field == null` tests for null; comparing with an absent principal
        // or member is false, as `column = NULL` is in SQL.
        None if matches!(written, Operand::Null) => match op {
            CmpOp::Eq => Node::IsNull {
                column,
                negated: false,
            },
            CmpOp::Ne => Node::IsNull {
                column,
                negated: true,
            },
            _ => FALSE,
        },
        None => FALSE,
        Some(value) => Node::Compare {
            column,
            kind,
            op,
            value,
        },
    }
}

#[cfg(all(test, database))]
mod tests {
    use super::*;
    use crate::query::filter::SharedNode;
    use crate::query::fold::is_false;
    use crate::schema::descriptor::{Column, ModelDescriptor};
    use crate::schema::policy::{Literal, action};
    use crate::sql::render::select;
    use cstack_storage::Dialect;
    use std::sync::Arc;

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
                op: CmpOp::Eq,
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
        op: CmpOp::Ne,
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
                quantifier: Quantifier::None,
                inner: &SELF_PATH,
            },
        },
        Policy {
            allow: false,
            actions: action::READ,
            expr: PolicyExpr::Compare {
                left: OWNER,
                op: CmpOp::Eq,
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
