//! Comparing values in Rust the way both backends' filters compare them
//! in SQL: what policy lowering folds constant comparisons with, and what
//! the create check and procedure policies evaluate with.

use crate::schema::operator::CmpOp;
use crate::schema::value::Value;
use std::cmp::Ordering;

/// Orders two values the way both backends' filters do (text bytewise,
/// enums by their name, decimals exactly); `None` when incomparable.
pub(crate) fn order_values(a: &Value, b: &Value) -> Option<Ordering> {
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
pub(crate) fn compare_values(a: Option<&Value>, op: CmpOp, b: Option<&Value>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let Some(ordering) = order_values(a, b) else {
        return false;
    };
    match op {
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::Ne => ordering != Ordering::Equal,
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::Lte => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::Gte => ordering != Ordering::Less,
    }
}
