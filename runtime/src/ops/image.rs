//! Rows as JSON: the before and after images of an audit record and the
//! payload of an outbox row (field names to values, redacted where the
//! model says), and a row read back from such an image.

use crate::schema::descriptor::{Column, ModelDescriptor};
use crate::schema::error::{Error, Result};
use crate::schema::events::REDACTED;
use crate::schema::value::{Kind, Value};
use chrono::{DateTime, SecondsFormat, Utc};

/// One value as JSON: what audit images and outbox payloads hold.
pub(crate) fn value_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Null(_) => J::Null,
        Value::Bool(v) => J::Bool(*v),
        Value::Int(v) => J::from(*v),
        Value::Float(v) => {
            serde_json::Number::from_f64(*v).map_or_else(|| J::String(v.to_string()), J::Number)
        }
        Value::Text(v) => J::String(v.clone()),
        Value::Decimal(v) => J::String(v.normalize().to_string()),
        Value::DateTime(v) => J::String(v.to_rfc3339_opts(SecondsFormat::Micros, true)),
        Value::Uuid(v) => J::String(v.hyphenated().to_string()),
        Value::Json(v) => v.clone(),
        Value::Bytes(v) => {
            use base64::Engine;
            J::String(base64::engine::general_purpose::STANDARD.encode(v))
        }
        Value::Vector(v) => J::Array(
            v.iter()
                .map(|x| serde_json::Number::from_f64(f64::from(*x)).map_or(J::Null, J::Number))
                .collect(),
        ),
        Value::Enum { variant, .. } => J::String((*variant).to_string()),
    }
}

/// The inverse of [`value_json`] for a column.
fn json_to_value(column: &Column, json: &serde_json::Value) -> Result<Value> {
    use serde_json::Value as J;
    let kind = column.kind;
    let bad = || Error::Decode {
        message: format!(
            "outbox payload: bad value {json} for column {}",
            column.name
        ),
    };
    if json.is_null() && (column.nullable || kind != Kind::Json) {
        return Ok(Value::Null(kind));
    }
    Ok(match (kind, json) {
        (Kind::Bool, J::Bool(v)) => Value::Bool(*v),
        (Kind::Int, J::Number(n)) => Value::Int(n.as_i64().ok_or_else(bad)?),
        (Kind::Float, J::Number(n)) => Value::Float(n.as_f64().ok_or_else(bad)?),
        (Kind::Float, J::String(s)) => Value::Float(s.parse().map_err(|_| bad())?),
        (Kind::Text | Kind::Enum(_), J::String(s)) => Value::Text(s.clone()),
        (Kind::Decimal, J::String(s)) => Value::Decimal(s.parse().map_err(|_| bad())?),
        (Kind::DateTime, J::String(s)) => Value::DateTime(
            DateTime::parse_from_rfc3339(s)
                .map_err(|_| bad())?
                .with_timezone(&Utc),
        ),
        (Kind::Uuid, J::String(s)) => Value::Uuid(s.parse().map_err(|_| bad())?),
        (Kind::Bytes, J::String(s)) => {
            use base64::Engine;
            Value::Bytes(
                base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|_| bad())?,
            )
        }
        (Kind::Json, other) => Value::Json(other.clone()),
        (Kind::Vector, J::Array(items)) => Value::Vector(
            items
                .iter()
                .map(|x| x.as_f64().map(|x| x as f32).ok_or_else(bad))
                .collect::<Result<_>>()?,
        ),
        _ => return Err(bad()),
    })
}

/// A row's values (descriptor order) from its JSON image.
pub(crate) fn values_from_json(
    model: &ModelDescriptor,
    object: &serde_json::Value,
) -> Result<Vec<Value>> {
    model
        .columns
        .iter()
        .map(|column| {
            json_to_value(
                column,
                object.get(column.field).unwrap_or(&serde_json::Value::Null),
            )
        })
        .collect()
}

/// A row as a JSON object of field names; `redacted` fields (non-null)
/// become [`REDACTED`].
pub(crate) fn image(
    model: &ModelDescriptor,
    row: &[Value],
    redacted: &[&str],
) -> serde_json::Value {
    let mut object = serde_json::Map::with_capacity(row.len());
    for (column, value) in model.columns.iter().zip(row) {
        let json = if redacted.contains(&column.field) && !value.is_null() {
            serde_json::Value::String(REDACTED.to_string())
        } else {
            value_json(value)
        };
        object.insert(column.field.to_string(), json);
    }
    serde_json::Value::Object(object)
}
