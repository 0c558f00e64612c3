//! Reading attribute values from the position-free `SchemaModel`.

use cstack_compiler::{AttributeModel, FieldModel, Record, Value};

pub fn field_attribute<'a>(field: &'a FieldModel, name: &str) -> Option<&'a AttributeModel> {
    field
        .attributes
        .iter()
        .find(|a| !a.is_block && a.name == name)
}

pub fn has_field_attribute(field: &FieldModel, name: &str) -> bool {
    field_attribute(field, name).is_some()
}

pub fn block_attributes<'a>(
    record: &'a Record,
    name: &'a str,
) -> impl Iterator<Item = &'a AttributeModel> + 'a {
    record
        .attributes
        .iter()
        .filter(move |a| a.is_block && a.name == name)
}

pub fn has_block_attribute(record: &Record, name: &str) -> bool {
    block_attributes(record, name).next().is_some()
}

pub fn positional(attribute: &AttributeModel) -> impl Iterator<Item = &Value> {
    attribute
        .arguments
        .iter()
        .flatten()
        .filter(|a| a.name.is_none())
        .map(|a| &a.value)
}

pub fn named<'a>(attribute: &'a AttributeModel, key: &str) -> Option<&'a Value> {
    attribute
        .arguments
        .iter()
        .flatten()
        .find(|a| a.name.as_deref() == Some(key))
        .map(|a| &a.value)
}

/// `[a, b]` → `["a", "b"]`; a bare `a` → `["a"]`.
pub fn name_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(value_name).collect(),
        other => value_name(other).into_iter().collect(),
    }
}

/// An identifier or string as plain text.
pub fn value_name(value: &Value) -> Option<String> {
    match value {
        Value::Ident(name) | Value::String(name) => Some(name.clone()),
        _ => None,
    }
}

/// The `from = "..."` of `@rename` / `@@rename`.
pub fn rename_from(attribute: Option<&AttributeModel>) -> Option<String> {
    attribute
        .and_then(|a| named(a, "from"))
        .and_then(value_name)
        .filter(|s| !s.is_empty())
}
