//! Rust names for schema names: snake_case fields and modules, PascalCase
//! variants, raw identifiers for keywords.

use cstack_compiler::names::to_pascal_case;
pub use cstack_compiler::to_snake_case;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A valid Rust identifier for `name` (already in the wanted case).
pub fn ident(name: &str) -> String {
    if UNRAWABLE.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// The snake_case Rust identifier of a field, function or module.
pub fn snake_ident(name: &str) -> String {
    ident(&to_snake_case(name))
}

/// `snake_ident` without the `r#` prefix: for names built from it.
pub fn snake_plain(name: &str) -> String {
    to_snake_case(name)
}

/// PascalCase as a Rust identifier: the language's normalisation
/// ([`to_pascal_case`]), with a `V` in front of a name that would start
/// with a digit.
pub fn pascal(name: &str) -> String {
    let mut out = to_pascal_case(name);
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    ident(&out)
}

/// A type's Rust name: the schema's name as written (schema names are
/// unique, and two of them may differ only in `_`, like `UserGroup` and
/// `User_Group`).
pub fn type_name(name: &str) -> String {
    ident(name)
}

/// `#[allow(non_camel_case_types)]` when the schema's name is not
/// UpperCamelCase.
pub fn allow_case(name: &str) -> String {
    if name.contains('_') || name.starts_with(|c: char| c.is_ascii_lowercase()) {
        "#[allow(non_camel_case_types)]\n".to_string()
    } else {
        String::new()
    }
}

/// The Rust names of an enum's variants: PascalCase, or as written (and
/// `true`) when PascalCase would make two of them equal.
pub fn variant_names(variants: &[String]) -> (Vec<String>, bool) {
    let pascal: Vec<String> = variants.iter().map(|v| pascal(v)).collect();
    let mut distinct = pascal.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() == pascal.len() {
        (pascal, false)
    } else {
        (variants.iter().map(|v| ident(v)).collect(), true)
    }
}

/// The path of a model's struct: `crate::<module>::<Name>`.
pub fn model_path(name: &str) -> String {
    format!("crate::{}::{}", snake_ident(name), type_name(name))
}

/// A Rust string literal.
pub fn lit(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_rust() {
        assert_eq!(snake_ident("createdAt"), "created_at");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(pascal("in_progress"), "InProgress");
        assert_eq!(pascal("ACTIVE"), "Active");
        assert_eq!(pascal("PostStatus"), "PostStatus");
        assert_eq!(pascal("Self"), "Self_");
    }
}
