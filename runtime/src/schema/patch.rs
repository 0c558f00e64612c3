//! `Patch<T>`: one field of an update input, in one of three explicit states.
//!
//! On the wire an absent key is [`Patch::Unchanged`], `null` is
//! [`Patch::Null`] and any other value is [`Patch::Set`]. Fields of update
//! inputs carry `#[serde(default, skip_serializing_if = "Patch::is_unchanged")]`
//! so an untouched field never goes on the wire.

use crate::schema::value::{Kind, ToValue, Value, json_value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Leave the column as it is.
    #[default]
    Unchanged,
    /// Write this value.
    Set(T),
    /// Write SQL `NULL` (only valid on optional fields; `validate()` says so).
    Null,
}

impl<T> Patch<T> {
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// `Some(Some(v))` for set, `Some(None)` for null, `None` for unchanged.
    pub fn as_change(&self) -> Option<Option<&T>> {
        match self {
            Patch::Unchanged => None,
            Patch::Set(value) => Some(Some(value)),
            Patch::Null => Some(None),
        }
    }
}

impl<T: ToValue> Patch<T> {
    /// Adds `column` to an update's values unless unchanged.
    pub fn push_to(&self, column: &'static str, values: &mut Vec<(&'static str, Value)>) {
        match self {
            Patch::Unchanged => {}
            Patch::Set(value) => values.push((column, value.to_value())),
            Patch::Null => values.push((column, Value::Null(T::KIND))),
        }
    }
}

impl<T: Serialize> Patch<T> {
    /// [`Patch::push_to`] for a value stored as JSON (a list or `type`).
    pub fn push_json_to(&self, column: &'static str, values: &mut Vec<(&'static str, Value)>) {
        match self {
            Patch::Unchanged => {}
            Patch::Set(value) => values.push((column, json_value(value))),
            Patch::Null => values.push((column, Value::Null(Kind::Json))),
        }
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some(v)` sets, `None` writes null.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Set(value),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            // Generated inputs skip unchanged fields (`skip_serializing_if`),
            // so `Unchanged` only reaches here from hand-written containers;
            // serde cannot omit a value from inside, so it writes `null`.
            Patch::Null | Patch::Unchanged => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the key is present (absent keys take the default).
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Input {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        name: Patch<String>,
    }

    #[test]
    fn absent_null_and_value_are_three_states() {
        let absent: Input = serde_json::from_str("{}").unwrap();
        let null: Input = serde_json::from_str(r#"{"name":null}"#).unwrap();
        let set: Input = serde_json::from_str(r#"{"name":"x"}"#).unwrap();
        assert_eq!(absent.name, Patch::Unchanged);
        assert_eq!(null.name, Patch::Null);
        assert_eq!(set.name, Patch::Set("x".to_string()));
        assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
        assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"name":null}"#);
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"name":"x"}"#);
    }
}
