//! Policies judged in Rust against a row rather than by a `WHERE`: the
//! create policy against the row about to be inserted (columns it does
//! not set count as null), as an insert has no existing row to test, and
//! the read policy against the row a committed event carries, as the
//! subscriber it goes to did not run the write. A relation condition is
//! one `EXISTS` probe.

use crate::handle::Handle;
use crate::ops::policy::policy_node;
use crate::query::compare::compare_values;
use crate::query::filter::Node;
use crate::schema::error::{Error, Result};
use crate::schema::model::Model;
use crate::schema::operator::{CmpOp, Quantifier};
use crate::schema::policy::action;
use crate::schema::value::{Kind, Value};
use crate::sql::render;
use std::future::Future;
use std::pin::Pin;

/// Rejects a row the create policy of `M` does not admit in the handle's
/// context.
pub(crate) async fn check_create<M: Model>(handle: &Handle, row: &Row) -> Result<()> {
    match policy_node::<M>(handle, action::CREATE) {
        Some(node) => check(handle, M::DESCRIPTOR.name, &node, row).await,
        None => Ok(()),
    }
}

/// Whether the read policy of `M` admits the row `values` (in column
/// order) in the handle's context.
#[cfg(feature = "http")]
pub(crate) async fn readable<M: Model>(handle: &Handle, values: &[Value]) -> Result<bool> {
    let Some(node) = policy_node::<M>(handle, action::DETAIL) else {
        return Ok(true);
    };
    let row: Vec<(&'static str, Value)> = M::DESCRIPTOR
        .columns
        .iter()
        .zip(values)
        .map(|(column, value)| (column.name, value.clone()))
        .collect();
    eval(handle, &node, &row).await
}

type Row = [(&'static str, Value)];

/// `Ok` when `node` admits `row`, else `Forbidden` naming the model.
async fn check(handle: &Handle, model: &'static str, node: &Node, row: &Row) -> Result<()> {
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
            } => compare_values(lookup(row, column), *o, Some(value)),
            Node::In {
                column,
                values,
                negated,
            } => match lookup(row, column) {
                None => false,
                Some(found) => {
                    values
                        .iter()
                        .any(|v| compare_values(Some(found), CmpOp::Eq, Some(v)))
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
                let statement = render::exists(handle.dialect(), target, &probe);
                let found = !handle.fetch(&statement, &[Kind::Int]).await?.is_empty();
                found == (*quantifier == Quantifier::Some)
            }
        })
    })
}
