//! Procedures at run time: a `FindMany<T>` argument applied to a query,
//! the check of a procedure's `@allow` / `@deny` rules against its typed
//! arguments and the caller's [`Context`], and the argument and result
//! coding a by-name dispatcher uses.
//!
//! Procedure policies reuse the model policy descriptors ([`Policy`],
//! [`PolicyExpr`], [`Operand`]) but are evaluated here, in Rust, before the
//! implementation runs: nothing about them reaches SQL. In a procedure rule
//! an [`Operand::Column`] names an input path (`"args.publishNow"`, the
//! segments joined by `.`), read through [`ProcedureInput`]; the rule's
//! `actions` bits are unused.
//!
//! Semantics (upstream's): allow rules are OR'd, any matching deny forbids,
//! and a procedure without any allow rule is always denied.

use crate::ops::find::FindMany;
use crate::query::compare::compare_values;
use crate::query::context::Context;
use crate::query::filter::{Filter, Node, Order};
use crate::schema::codec::Format;
use crate::schema::error::{Error, Result};
use crate::schema::model::Model;
use crate::schema::operator::CmpOp;
use crate::schema::policy::{Operand, Policy, PolicyExpr};
use crate::schema::procedure::{FindManyArgs, ProcedureInput};
use crate::schema::value::{Kind, Value};
use serde::Serialize;
use serde::de::DeserializeOwned;

impl<M: Model> FindManyArgs<M> {
    /// `query` narrowed by these arguments. A field the model does not
    /// have, a value of the wrong type, a field that cannot be filtered or
    /// ordered on, or a negative window is a `BadRequest` naming it.
    pub fn apply<'a>(&self, mut query: FindMany<'a, M>) -> Result<FindMany<'a, M>> {
        let model = M::DESCRIPTOR;
        let column = |field: &str| {
            model
                .columns
                .iter()
                .find(|c| c.field == field)
                .ok_or_else(|| Error::BadRequest {
                    message: format!(
                        "`{field}` is not a field of {} (fields: {})",
                        model.name,
                        model
                            .columns
                            .iter()
                            .map(|c| c.field)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
        };
        let scalar = |field: &str, kind: Kind| match kind {
            Kind::Json | Kind::Bytes | Kind::Enum(_) => Err(Error::BadRequest {
                message: format!(
                    "field `{field}` of {} cannot be filtered or ordered on here",
                    model.name
                ),
            }),
            _ => Ok(()),
        };
        for (field, json) in &self.filter {
            let column = column(field)?;
            scalar(field, column.kind)?;
            let node = if json.is_null() {
                Node::IsNull {
                    column: column.name,
                    negated: false,
                }
            } else {
                let value =
                    value_from_json(column.kind, json).ok_or_else(|| Error::BadRequest {
                        message: format!(
                            "`{json}` is not a value of field `{field}` of {} ({:?})",
                            model.name, column.kind
                        ),
                    })?;
                Node::Compare {
                    column: column.name,
                    kind: column.kind,
                    op: CmpOp::Eq,
                    value,
                }
            };
            query = query.filter(Filter::from_node(node));
        }
        for order in &self.order_by {
            let column = column(&order.field)?;
            scalar(&order.field, column.kind)?;
            query = query.order_by(Order::new(column.name, column.kind, order.descending));
        }
        for (name, window) in [("limit", self.limit), ("offset", self.offset)] {
            if window.is_some_and(|n| n < 0) {
                return Err(Error::BadRequest {
                    message: format!("`{name}` cannot be negative"),
                });
            }
        }
        if let Some(limit) = self.limit {
            query = query.limit(limit);
        }
        if let Some(offset) = self.offset {
            query = query.offset(offset);
        }
        Ok(query)
    }
}

/// A JSON value as a value of a column of `kind`, `None` when it is not one.
fn value_from_json(kind: Kind, json: &serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    Some(match (kind, json) {
        (Kind::Bool, J::Bool(b)) => Value::Bool(*b),
        (Kind::Int, J::Number(n)) => Value::Int(n.as_i64()?),
        (Kind::Float, J::Number(n)) => Value::Float(n.as_f64()?),
        (Kind::Text, J::String(s)) => Value::Text(s.clone()),
        (Kind::Decimal, J::String(s)) => Value::Decimal(s.parse().ok()?),
        (Kind::Decimal, J::Number(n)) => Value::Decimal(n.to_string().parse().ok()?),
        (Kind::DateTime, J::String(s)) => Value::DateTime(
            chrono::DateTime::parse_from_rfc3339(s)
                .ok()?
                .with_timezone(&chrono::Utc),
        ),
        (Kind::Uuid, J::String(s)) => Value::Uuid(s.parse().ok()?),
        _ => return None,
    })
}

/// `Ok` when `policies` admit a call of `procedure` with `input` in
/// `context`, else `Forbidden`. Allow rules are OR'd, a matching deny
/// forbids, and without any allow rule the call is denied.
pub fn authorize(
    procedure: &str,
    policies: &[Policy],
    context: &Context,
    input: &dyn ProcedureInput,
) -> Result<()> {
    let holds = |allow: bool| {
        policies
            .iter()
            .filter(move |p| p.allow == allow)
            .map(|p| evaluate(&p.expr, context, input))
    };
    let denied = holds(false).any(|matched| matched);
    let allowed = holds(true).any(|matched| matched);
    if allowed && !denied {
        Ok(())
    } else {
        Err(Error::Forbidden {
            reason: format!("the policy of procedure `{procedure}` denies this call"),
        })
    }
}

/// Whether `expr` holds for `input` in `context`. A comparison with a
/// missing value (an absent principal, member or optional input) is false,
/// as in model policies; `x == null` / `x != null` test for it.
pub fn evaluate(expr: &PolicyExpr, context: &Context, input: &dyn ProcedureInput) -> bool {
    match expr {
        PolicyExpr::Bool(b) => *b,
        PolicyExpr::And(items) => items.iter().all(|e| evaluate(e, context, input)),
        PolicyExpr::Or(items) => items.iter().any(|e| evaluate(e, context, input)),
        PolicyExpr::Not(inner) => !evaluate(inner, context, input),
        PolicyExpr::Authenticated(want) => context.auth().is_some() == *want,
        PolicyExpr::IsSystem => context.is_system(),
        PolicyExpr::HasRole(role) => context.auth().is_some_and(|a| a.has_role(role)),
        PolicyExpr::InTenant(tenant) => context.auth().is_some_and(|a| a.in_tenant(tenant)),
        PolicyExpr::Compare { left, op, right } => {
            let (a, b) = (
                operand(left, context, input),
                operand(right, context, input),
            );
            match (left, right, op) {
                (Operand::Null, _, CmpOp::Eq) => b.is_none(),
                (_, Operand::Null, CmpOp::Eq) => a.is_none(),
                (Operand::Null, _, CmpOp::Ne) => b.is_some(),
                (_, Operand::Null, CmpOp::Ne) => a.is_some(),
                _ => compare_values(a.as_ref(), *op, b.as_ref()),
            }
        }
        PolicyExpr::In {
            left,
            values,
            negated,
        } => match operand(left, context, input) {
            None => false,
            Some(found) => {
                values.iter().any(|v| {
                    compare_values(Some(&found), CmpOp::Eq, operand(v, context, input).as_ref())
                }) != *negated
            }
        },
        // Procedures have no row, so no related rows: never generated for them.
        PolicyExpr::Related { .. } => false,
    }
}

fn operand(operand: &Operand, context: &Context, input: &dyn ProcedureInput) -> Option<Value> {
    match operand {
        Operand::Column { name, .. } => {
            let path: Vec<&str> = name.split('.').collect();
            input.input(&path)
        }
        Operand::Auth { path } => context.auth().and_then(|auth| auth.member(path)),
        Operand::Literal(literal) => Some(literal.value()),
        Operand::Null => None,
    }
    .filter(|v| !v.is_null())
}

/// Decodes the arguments of `procedure` from a request body; a body that
/// is not that procedure's arguments is a `BadRequest` saying why.
pub fn decode_args<T: DeserializeOwned>(procedure: &str, format: Format, body: &[u8]) -> Result<T> {
    format.decode(body).map_err(|e| Error::BadRequest {
        message: format!(
            "invalid arguments for procedure `{procedure}`: {}",
            e.message
        ),
    })
}

/// Encodes what `procedure` returned.
pub fn encode_output<T: Serialize + ?Sized>(
    procedure: &str,
    format: Format,
    output: &T,
) -> Result<Vec<u8>> {
    format.encode(output).map_err(|e| Error::Decode {
        message: format!("the result of procedure `{procedure}` did not encode: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::policy::{Literal, Principal, action};

    struct Args {
        count: i64,
        owner: Option<String>,
    }

    impl ProcedureInput for Args {
        fn input(&self, path: &[&str]) -> Option<Value> {
            match path {
                ["count"] => Some(Value::Int(self.count)),
                ["owner"] => self.owner.clone().map(Value::Text),
                _ => None,
            }
        }
    }

    struct User(&'static str);

    impl Principal for User {
        fn member(&self, path: &[&str]) -> Option<Value> {
            match path {
                ["id"] => Some(Value::Text(self.0.to_string())),
                ["role"] => Some(Value::Text("editor".into())),
                _ => None,
            }
        }
        fn as_any(&self) -> &(dyn std::any::Any + Send + Sync) {
            self
        }
    }

    const OWNER: Operand = Operand::Column {
        name: "owner",
        kind: Kind::Text,
        nullable: true,
    };

    static RULES: &[Policy] = &[
        Policy {
            allow: true,
            actions: action::ALL,
            expr: PolicyExpr::Compare {
                left: OWNER,
                op: CmpOp::Eq,
                right: Operand::Auth { path: &["id"] },
            },
        },
        Policy {
            allow: false,
            actions: action::ALL,
            expr: PolicyExpr::Compare {
                left: Operand::Column {
                    name: "count",
                    kind: Kind::Int,
                    nullable: false,
                },
                op: CmpOp::Gt,
                right: Operand::Literal(Literal::Int(10)),
            },
        },
    ];

    #[test]
    fn allow_needs_a_match_and_deny_wins() {
        let me = Context::authenticated(User("u1"));
        let mine = Args {
            count: 1,
            owner: Some("u1".into()),
        };
        assert!(authorize("p", RULES, &me, &mine).is_ok());
        let too_many = Args {
            count: 11,
            owner: Some("u1".into()),
        };
        assert_eq!(
            authorize("p", RULES, &me, &too_many).unwrap_err().code(),
            "forbidden"
        );
        let none = Args {
            count: 1,
            owner: None,
        };
        assert!(authorize("p", RULES, &me, &none).is_err());
        assert!(authorize("p", RULES, &Context::anonymous(), &mine).is_err());
        // Deny rules alone never admit.
        assert!(authorize("p", &RULES[1..], &me, &mine).is_err());
        assert!(authorize("p", &[], &Context::system(), &mine).is_err());
    }

    #[test]
    fn null_tests_read_absent_inputs() {
        let is_null = PolicyExpr::Compare {
            left: OWNER,
            op: CmpOp::Eq,
            right: Operand::Null,
        };
        let anonymous = Context::anonymous();
        let absent = Args {
            count: 0,
            owner: None,
        };
        assert!(evaluate(&is_null, &anonymous, &absent));
        let present = Args {
            count: 0,
            owner: Some("x".into()),
        };
        assert!(!evaluate(&is_null, &anonymous, &present));
    }

    #[cfg(feature = "json")]
    #[test]
    fn find_many_args_reject_unknown_keys() {
        let parsed: FindManyArgs<()> =
            serde_json::from_str(r#"{"filter":{"a":1},"order_by":[{"field":"a"}],"limit":2}"#)
                .unwrap();
        assert_eq!(
            parsed,
            FindManyArgs::new()
                .filter_eq("a", 1)
                .order_by("a", false)
                .limit(2)
        );
        let error =
            decode_args::<FindManyArgs<()>>("p", Format::Json, br#"{"where":{}}"#).unwrap_err();
        assert_eq!(error.code(), "bad_request");
        assert!(error.to_string().contains("where"), "{error}");
    }
}
