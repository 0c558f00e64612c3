//! Field ids of the grammar, looked up once: finding a child by field name
//! compares strings on every call, by id it does not.

use std::num::NonZeroU16;
use std::sync::OnceLock;

macro_rules! fields {
    ($($field:ident = $name:literal),* $(,)?) => {
        pub struct Fields {
            $(pub $field: NonZeroU16,)*
        }

        /// The grammar's field ids.
        pub fn fields() -> &'static Fields {
            static FIELDS: OnceLock<Fields> = OnceLock::new();
            FIELDS.get_or_init(|| {
                let language: tree_sitter::Language = tree_sitter_cstack::LANGUAGE.into();
                let id = |name: &str| {
                    language
                        .field_id_for_name(name)
                        .unwrap_or_else(|| panic!("the grammar has no field `{name}`"))
                };
                Fields {
                    $($field: id($name),)*
                }
            })
        }
    };
}

fields! {
    arguments = "arguments",
    attribute = "attribute",
    body = "body",
    function = "function",
    key = "key",
    left = "left",
    modifier = "modifier",
    mutation = "mutation",
    name = "name",
    negated = "negated",
    object = "object",
    operand = "operand",
    operator = "operator",
    parameters = "parameters",
    property = "property",
    return_type = "return_type",
    right = "right",
    separator = "separator",
    source = "source",
    type_ = "type",
    value = "value",
}
