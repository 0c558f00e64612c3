//! Values that cross the database boundary, and the conversions between them
//! and Rust types. Every value reaches SQL as a bound parameter.

use crate::schema::error::{Error, Result};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

pub use cstack_storage::Kind;

/// One value bound to, or read from, a statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL `NULL`, typed so PostgreSQL gets the right parameter type.
    Null(Kind),
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Decimal(Decimal),
    DateTime(DateTime<Utc>),
    Uuid(Uuid),
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    /// A pgvector embedding.
    Vector(Vec<f32>),
    /// An enum variant and the PostgreSQL enum type it belongs to.
    Enum {
        type_name: &'static str,
        variant: &'static str,
    },
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null(_))
    }

    /// A key that is equal for equal values, used to pair rows with the rows
    /// an include loaded for them.
    pub fn key(&self) -> String {
        match self {
            Value::Null(_) => "\0null".to_string(),
            Value::Bool(v) => v.to_string(),
            Value::Int(v) => v.to_string(),
            Value::Float(v) => v.to_string(),
            Value::Text(v) => v.clone(),
            Value::Decimal(v) => v.normalize().to_string(),
            Value::DateTime(v) => v.to_rfc3339(),
            Value::Uuid(v) => v.to_string(),
            Value::Json(v) => v.to_string(),
            Value::Bytes(v) => format!("{v:?}"),
            Value::Vector(v) => format!("{v:?}"),
            Value::Enum { variant, .. } => variant.to_string(),
        }
    }
}

/// A Rust type that can be bound as a parameter.
pub trait ToValue {
    /// The storage of the type (of the inner type for `Option<T>`).
    const KIND: Kind;
    fn to_value(&self) -> Value;
}

/// A Rust type that can be decoded from a column.
pub trait FromValue: Sized {
    fn from_value(value: Value) -> Result<Self>;
}

fn mismatch<T>(expected: &str, got: &Value) -> Result<T> {
    Err(Error::Decode {
        message: format!("expected {expected}, got {got:?}"),
    })
}

macro_rules! scalar {
    ($ty:ty, $kind:ident, $variant:ident, $expected:literal) => {
        impl ToValue for $ty {
            const KIND: Kind = Kind::$kind;
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
        }
        impl FromValue for $ty {
            fn from_value(value: Value) -> Result<Self> {
                match value {
                    Value::$variant(v) => Ok(v),
                    other => mismatch($expected, &other),
                }
            }
        }
    };
}

scalar!(bool, Bool, Bool, "a boolean");
scalar!(i64, Int, Int, "an integer");
scalar!(f64, Float, Float, "a float");
scalar!(String, Text, Text, "text");
scalar!(Decimal, Decimal, Decimal, "a decimal");
scalar!(DateTime<Utc>, DateTime, DateTime, "a timestamp");
scalar!(Uuid, Uuid, Uuid, "a uuid");
scalar!(serde_json::Value, Json, Json, "JSON");
scalar!(Vec<u8>, Bytes, Bytes, "bytes");
scalar!(Vec<f32>, Vector, Vector, "a vector");

impl<T: ToValue> ToValue for Option<T> {
    const KIND: Kind = T::KIND;
    fn to_value(&self) -> Value {
        match self {
            Some(value) => value.to_value(),
            None => Value::Null(T::KIND),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Null(_) => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl ToValue for str {
    const KIND: Kind = Kind::Text;
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

/// Binds a serialisable value as JSON (list fields and `type` fields).
pub fn json_value<T: serde::Serialize>(value: &T) -> Value {
    // Serialising plain data (derived impls over strings, numbers, maps)
    // cannot fail, and a `Null` would be rejected by the NOT NULL column.
    serde_json::to_value(value).map_or(Value::Null(Kind::Json), Value::Json)
}

/// Decodes a JSON column into a list or `type` value.
pub fn from_json_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T> {
    match value {
        Value::Json(json) => serde_json::from_value(json).map_err(|error| Error::Decode {
            message: error.to_string(),
        }),
        other => mismatch("JSON", &other),
    }
}

/// Decodes a text column into an enum through its `FromStr`.
pub fn from_enum_text<T: std::str::FromStr>(value: Value) -> Result<T> {
    match value {
        Value::Text(text) => text.parse().map_err(|_| Error::Decode {
            message: format!("unknown enum variant `{text}`"),
        }),
        Value::Enum { variant, .. } => variant.parse().map_err(|_| Error::Decode {
            message: format!("unknown enum variant `{variant}`"),
        }),
        other => mismatch("an enum variant", &other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_and_keep_their_kind() {
        assert_eq!(None::<i64>.to_value(), Value::Null(Kind::Int));
        assert_eq!(Some(3i64).to_value(), Value::Int(3));
        assert_eq!(
            Option::<i64>::from_value(Value::Null(Kind::Int)).unwrap(),
            None
        );
        assert!(i64::from_value(Value::Text("x".into())).is_err());
    }
}

/// Binds an optional list or `type` value: SQL `NULL` when absent.
pub fn json_value_opt<T: serde::Serialize>(value: &Option<T>) -> Value {
    value.as_ref().map_or(Value::Null(Kind::Json), json_value)
}

/// Decodes an optional JSON column.
pub fn from_json_value_opt<T: serde::de::DeserializeOwned>(value: Value) -> Result<Option<T>> {
    match value {
        Value::Null(_) => Ok(None),
        other => from_json_value(other).map(Some),
    }
}

/// Reads the next column of a row.
pub fn take<T: FromValue>(row: &mut std::vec::IntoIter<Value>) -> Result<T> {
    T::from_value(row.next().ok_or_else(missing_column)?)
}

/// Reads the next column of a row as JSON (a list or `type` value).
pub fn take_json<T: serde::de::DeserializeOwned>(row: &mut std::vec::IntoIter<Value>) -> Result<T> {
    from_json_value(row.next().ok_or_else(missing_column)?)
}

/// Reads the next column of a row as optional JSON.
pub fn take_json_opt<T: serde::de::DeserializeOwned>(
    row: &mut std::vec::IntoIter<Value>,
) -> Result<Option<T>> {
    from_json_value_opt(row.next().ok_or_else(missing_column)?)
}

fn missing_column() -> Error {
    Error::Decode {
        message: "the row has fewer columns than the model".to_string(),
    }
}

/// The error of a generated enum's `FromStr`: the text named no variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVariant {
    pub enum_name: &'static str,
    pub text: String,
}

impl std::fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a variant of {}", self.text, self.enum_name)
    }
}

impl std::error::Error for UnknownVariant {}
