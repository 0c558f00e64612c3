//! Procedures: what generated procedure traits and dispatchers share with
//! the application. The procedure types of the schema language (`Page<T>` as
//! a return type, `PageInput` and `FindMany<T>` as argument types, the
//! latter as [`FindManyArgs`]), the check of a procedure's `@allow` /
//! `@deny` rules against its typed arguments and the caller's [`Context`],
//! and the argument and result coding a by-name dispatcher uses.
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

use crate::codec::Format;
use crate::error::{Error, Result};
use crate::policy::{Context, Operand, Policy, PolicyExpr, PolicyOp, compare_values};
use crate::value::Value;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// One page of rows and the number of rows over all pages: what
/// `find_many().paginate()` returns and what a `Page<T>` procedure returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
}

/// A `PageInput` procedure argument: which page the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInput {
    /// 1-based; absent means the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
}

impl PageInput {
    /// `(page, per_page)` for `paginate`: the first page when none is
    /// given, `default_per_page` when no size is, and never more than
    /// `max_per_page` rows (nor fewer than one) whatever the caller asks.
    pub fn resolve(self, default_per_page: u64, max_per_page: u64) -> (u64, u64) {
        let max = max_per_page.max(1);
        let per_page = self.per_page.unwrap_or(default_per_page).clamp(1, max);
        (self.page.unwrap_or(1).max(1), per_page)
    }
}

/// One ordering key of a [`FindManyArgs`]: a field of the model by its
/// schema name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    pub field: String,
    #[serde(default)]
    pub descending: bool,
}

/// A `FindMany<T>` procedure argument: a query over model `M` a caller
/// sends. `filter` maps schema field names to the value each must equal
/// (`null` asks for a null field); `order_by` lists ordering keys. Names
/// and values are checked against the model when the query is applied
/// ([`FindManyArgs::apply`]), and the model's read policy still applies to
/// the rows it returns.
pub struct FindManyArgs<M> {
    pub filter: BTreeMap<String, serde_json::Value>,
    pub order_by: Vec<OrderInput>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    model: PhantomData<fn() -> M>,
}

impl<M> FindManyArgs<M> {
    /// Every row, unordered, no window.
    pub fn new() -> Self {
        Self {
            filter: BTreeMap::new(),
            order_by: Vec::new(),
            limit: None,
            offset: None,
            model: PhantomData,
        }
    }

    /// Adds the condition `field == value` (`null`: the field is null).
    pub fn filter_eq(mut self, field: &str, value: impl Into<serde_json::Value>) -> Self {
        self.filter.insert(field.to_string(), value.into());
        self
    }

    /// Adds an ordering key after the ones already given.
    pub fn order_by(mut self, field: &str, descending: bool) -> Self {
        self.order_by.push(OrderInput {
            field: field.to_string(),
            descending,
        });
        self
    }

    pub fn limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn offset(mut self, offset: i64) -> Self {
        self.offset = Some(offset);
        self
    }

    fn wire(&self) -> FindManyWire {
        FindManyWire {
            filter: self.filter.clone(),
            order_by: self.order_by.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

impl<M> Default for FindManyArgs<M> {
    fn default() -> Self {
        Self::new()
    }
}

// Written out rather than derived: a derive would require `M` itself to be
// `Clone`/`Debug`/`PartialEq`, and `M` is only a marker here.
impl<M> Clone for FindManyArgs<M> {
    fn clone(&self) -> Self {
        let wire = self.wire();
        Self::from(wire)
    }
}

impl<M> std::fmt::Debug for FindManyArgs<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindManyArgs")
            .field("filter", &self.filter)
            .field("order_by", &self.order_by)
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .finish()
    }
}

impl<M> PartialEq for FindManyArgs<M> {
    fn eq(&self, other: &Self) -> bool {
        self.wire() == other.wire()
    }
}

/// The wire form of [`FindManyArgs`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindManyWire {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    filter: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    order_by: Vec<OrderInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offset: Option<i64>,
}

impl<M> From<FindManyWire> for FindManyArgs<M> {
    fn from(wire: FindManyWire) -> Self {
        Self {
            filter: wire.filter,
            order_by: wire.order_by,
            limit: wire.limit,
            offset: wire.offset,
            model: PhantomData,
        }
    }
}

impl<M> Serialize for FindManyArgs<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.wire().serialize(serializer)
    }
}

impl<'de, M> Deserialize<'de> for FindManyArgs<M> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FindManyWire::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(any(feature = "postgres", feature = "sqlite"))]
impl<M: crate::Model> FindManyArgs<M> {
    /// `query` narrowed by these arguments. A field the model does not
    /// have, a value of the wrong type, a field that cannot be filtered or
    /// ordered on, or a negative window is a `BadRequest` naming it.
    pub fn apply<'a>(&self, mut query: crate::FindMany<'a, M>) -> Result<crate::FindMany<'a, M>> {
        use crate::filter::{CmpOp, Filter, Node, Order};
        use crate::value::Kind;
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
#[cfg(any(feature = "postgres", feature = "sqlite"))]
fn value_from_json(kind: crate::value::Kind, json: &serde_json::Value) -> Option<Value> {
    use crate::value::Kind;
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

/// The typed arguments of a procedure, as its policies read them.
/// Generated `…Args` structs implement it.
pub trait ProcedureInput {
    /// The value at input path `path` (`["args", "publishNow"]`), `None`
    /// when absent or null.
    fn input(&self, path: &[&str]) -> Option<Value>;
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
                (Operand::Null, _, PolicyOp::Eq) => b.is_none(),
                (_, Operand::Null, PolicyOp::Eq) => a.is_none(),
                (Operand::Null, _, PolicyOp::Ne) => b.is_some(),
                (_, Operand::Null, PolicyOp::Ne) => a.is_some(),
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
                    compare_values(
                        Some(&found),
                        PolicyOp::Eq,
                        operand(v, context, input).as_ref(),
                    )
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
    use crate::policy::{Literal, Principal, action};
    use crate::value::Kind;

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
                op: PolicyOp::Eq,
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
                op: PolicyOp::Gt,
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
            op: PolicyOp::Eq,
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

    #[test]
    fn page_input_is_clamped() {
        assert_eq!(PageInput::default().resolve(20, 100), (1, 20));
        let big = PageInput {
            page: Some(0),
            per_page: Some(1000),
        };
        assert_eq!(big.resolve(20, 100), (1, 100));
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
