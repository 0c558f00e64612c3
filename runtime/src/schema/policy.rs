//! Model policies (`@@allow` / `@@deny`) as generated code declares them:
//! one constant [`Policy`] table per model, its conditions as
//! [`PolicyExpr`] trees, and the [`Principal`] trait through which they read
//! `auth()`. Judging them is above this layer: the query layer lowers them
//! into a filter for reads, updates and deletes, and the create check and
//! procedure dispatch evaluate them in Rust.
//!
//! Semantics: a model without any policy is unrestricted. A model with at
//! least one policy denies every action that no matching `allow` admits,
//! and a matching `deny` beats any `allow`. A comparison with a missing
//! value (`NULL`, an absent principal or member) is false, as in SQL.

use crate::schema::descriptor::ModelDescriptor;
use crate::schema::operator::{CmpOp, Quantifier};
use crate::schema::value::{Kind, Value};
use std::any::Any;

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
        op: CmpOp,
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
        quantifier: Quantifier,
        inner: &'static PolicyExpr,
    },
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
