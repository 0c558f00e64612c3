//! Node kind and field ids of the grammar, looked up once so the lowering
//! compares integers instead of strings.

use std::sync::OnceLock;
use tree_sitter::Language;

macro_rules! ids {
    ($name:ident, $lookup:ident, $($field:ident = $text:literal),* $(,)?) => {
        pub struct $name {
            $(pub $field: u16,)*
        }

        impl $name {
            fn load(language: &Language) -> Self {
                Self {
                    $($field: $lookup(language, $text),)*
                }
            }
        }
    };
}

fn kind_id(language: &Language, name: &str) -> u16 {
    let id = language.id_for_node_kind(name, true);
    assert!(id != 0, "grammar has no node kind `{name}`");
    id
}

fn field_id(language: &Language, name: &str) -> u16 {
    language
        .field_id_for_name(name)
        .map(|id| id.get())
        .unwrap_or_else(|| panic!("grammar has no field `{name}`"))
}

ids! {
    Kinds, kind_id,
    datasource_declaration = "datasource_declaration",
    auth_declaration = "auth_declaration",
    mixin_declaration = "mixin_declaration",
    model_declaration = "model_declaration",
    type_declaration = "type_declaration",
    enum_declaration = "enum_declaration",
    view_declaration = "view_declaration",
    procedure_declaration = "procedure_declaration",
    extension_declaration = "extension_declaration",
    mcp_declaration = "mcp_declaration",
    transport_declaration = "transport_declaration",
    config_entry = "config_entry",
    field_declaration = "field_declaration",
    enum_variant = "enum_variant",
    parameter = "parameter",
    type_reference = "type_reference",
    optional_modifier = "optional_modifier",
    list_modifier = "list_modifier",
    attribute = "attribute",
    block_attribute = "block_attribute",
    named_argument = "named_argument",
    binary_expression = "binary_expression",
    in_expression = "in_expression",
    unary_expression = "unary_expression",
    member_expression = "member_expression",
    call_expression = "call_expression",
    parenthesized_expression = "parenthesized_expression",
    array = "array",
    identifier = "identifier",
    string = "string",
    number = "number",
    true_ = "true",
    false_ = "false",
    null = "null",
    comment = "comment",
    doc_comment = "doc_comment",
}

ids! {
    Fields, field_id,
    name = "name",
    body = "body",
    key = "key",
    value = "value",
    style = "style",
    sources = "sources",
    source = "source",
    type_ = "type",
    attribute = "attribute",
    mutation = "mutation",
    parameters = "parameters",
    return_type = "return_type",
    arguments = "arguments",
    modifier = "modifier",
    left = "left",
    right = "right",
    operator = "operator",
    negated = "negated",
    operand = "operand",
    object = "object",
    property = "property",
    function = "function",
}

pub struct Ids {
    pub kinds: Kinds,
    pub fields: Fields,
}

/// The grammar's ids, loaded on first use.
pub fn ids() -> &'static Ids {
    static IDS: OnceLock<Ids> = OnceLock::new();
    IDS.get_or_init(|| {
        let language: Language = tree_sitter_cstack::LANGUAGE.into();
        Ids {
            kinds: Kinds::load(&language),
            fields: Fields::load(&language),
        }
    })
}
