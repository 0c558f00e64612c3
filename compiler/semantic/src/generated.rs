//! The Rust names a generated crate defines at its root: one function that
//! the code generator emits them with and the collision check reads them
//! from, so the check guards exactly the names the generator produces.
//!
//! Each model, view, enum, `type` and the auth block is exported at the
//! crate root under its own name; a model also exports its companions
//! (`Create{M}Input`, its builder, `Update{M}Input`, and `{M}Event` when it
//! emits events). A declared name always wins the root over a companion;
//! a companion whose name is taken stays reachable in its module.

use crate::names::to_snake_case;

/// The modules every generated crate declares at its root.
pub const CRATE_MODULES: &[&str] = &[
    "enums",
    "types",
    "procedures",
    "database",
    "runtime",
    "http",
];

/// The items every generated crate defines at its root.
pub const CRATE_ITEMS: &[&str] = &[
    "Db",
    "SCHEMA_HASH",
    "MODELS",
    "ENUMS",
    "TYPES",
    "PROCEDURES",
    "MATERIALIZED_VIEWS",
    "POSTGRES_MIGRATIONS",
    "SQLITE_MIGRATIONS",
];

/// The REST path segment of a model, as upstream CrateStack names it (its
/// clients build URLs with the same rule): `_` before every non-initial
/// upper-case letter, lower-cased, then pluralized (`s` → `ses`,
/// consonant and `y` → `ies`, else `+s`): `UserGroup` → `user_groups`,
/// `Category` → `categories`, `Bus` → `buses`.
pub fn rest_route(model: &str) -> String {
    let mut snake = String::with_capacity(model.len() + 4);
    for (i, c) in model.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            snake.push('_');
        }
        snake.extend(c.to_lowercase());
    }
    let before_y = snake.chars().rev().nth(1);
    if snake.ends_with('s') {
        snake.push_str("es");
    } else if snake.ends_with('y') && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        snake.pop();
        snake.push_str("ies");
    } else {
        snake.push('s');
    }
    snake
}

pub fn create_input(model: &str) -> String {
    format!("Create{model}Input")
}

pub fn create_input_builder(model: &str) -> String {
    format!("Create{model}InputBuilder")
}

pub fn update_input(model: &str) -> String {
    format!("Update{model}Input")
}

/// The alias of `Event<M>` an emitting model gets.
pub fn event(model: &str) -> String {
    format!("{model}Event")
}

/// The module of a model or view: its snake_case name.
pub fn module(name: &str) -> String {
    to_snake_case(name)
}

/// What kind of declaration a root name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Model,
    View,
    Enum,
    Type,
    Auth,
}

impl Owner {
    pub fn keyword(self) -> &'static str {
        match self {
            Owner::Model => "model",
            Owner::View => "view",
            Owner::Enum => "enum",
            Owner::Type => "type",
            Owner::Auth => "auth",
        }
    }

    /// The module its items live in.
    pub fn module_of(self, name: &str) -> String {
        match self {
            Owner::Model | Owner::View => module(name),
            Owner::Enum => "enums".to_string(),
            Owner::Type | Owner::Auth => "types".to_string(),
        }
    }
}

/// A declaration that exports names at the crate root.
#[derive(Clone, Copy, Debug)]
pub struct Declared<'a> {
    pub owner: Owner,
    pub name: &'a str,
    /// A model that emits events (and so gets `{M}Event`).
    pub emits: bool,
}

/// One name a declaration exports at the root, or would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub name: String,
    /// The module it is defined in.
    pub module: String,
    /// The declaration it belongs to.
    pub owner: String,
    /// The declaration's own name, rather than a companion.
    pub own: bool,
}

/// What holds a root name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taker {
    /// One of the crate's own items or modules ([`CRATE_ITEMS`], [`CRATE_MODULES`]).
    Crate,
    /// The module of this model or view.
    Module(String),
    /// This declaration's export.
    Declaration(String),
}

/// The root of a generated crate: what each declaration exports, in
/// declaration order, and what could not be exported because the name was
/// taken (and by what).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Root {
    pub exports: Vec<Export>,
    pub shadowed: Vec<(Export, Taker)>,
}

/// The root names of `declared` (models and views first, then enums, then
/// `type`s and the auth block, each in schema order).
pub fn root(declared: &[Declared<'_>]) -> Root {
    let candidates: Vec<Vec<Export>> = declared
        .iter()
        .map(|declaration| {
            let module = declaration.owner.module_of(declaration.name);
            let mut names = vec![(declaration.name.to_string(), true)];
            if declaration.owner == Owner::Model {
                names.push((create_input(declaration.name), false));
                names.push((create_input_builder(declaration.name), false));
                names.push((update_input(declaration.name), false));
                if declaration.emits {
                    names.push((event(declaration.name), false));
                }
            }
            names
                .into_iter()
                .map(|(name, own)| Export {
                    name,
                    module: module.clone(),
                    owner: declaration.name.to_string(),
                    own,
                })
                .collect()
        })
        .collect();
    // A module and a type share the root's namespace.
    let mut taken: std::collections::HashMap<String, Taker> = CRATE_ITEMS
        .iter()
        .chain(CRATE_MODULES)
        .map(|name| (name.to_string(), Taker::Crate))
        .collect();
    for declaration in declared {
        if matches!(declaration.owner, Owner::Model | Owner::View) {
            taken
                .entry(module(declaration.name))
                .or_insert_with(|| Taker::Module(declaration.name.to_string()));
        }
    }
    let mut kept = vec![false; candidates.iter().map(Vec::len).sum()];
    let mut root = Root::default();
    // Declared names first, then companions.
    for pass_own in [true, false] {
        let mut index = 0;
        for exports in &candidates {
            for export in exports {
                if export.own == pass_own {
                    match taken.get(&export.name) {
                        Some(by) => root.shadowed.push((export.clone(), by.clone())),
                        None => {
                            taken.insert(
                                export.name.clone(),
                                Taker::Declaration(export.owner.clone()),
                            );
                            kept[index] = true;
                        }
                    }
                }
                index += 1;
            }
        }
    }
    root.exports = candidates
        .into_iter()
        .flatten()
        .zip(kept)
        .filter_map(|(export, kept)| kept.then_some(export))
        .collect();
    root
}

#[cfg(test)]
mod tests {
    #[test]
    fn rest_routes_are_upstreams() {
        for (model, route) in [
            ("User", "users"),
            ("UserGroup", "user_groups"),
            ("Category", "categories"),
            ("Day", "days"),
            ("Bus", "buses"),
            ("HTTPLog", "h_t_t_p_logs"),
        ] {
            assert_eq!(super::rest_route(model), route);
        }
    }

    use super::*;

    fn model<'a>(name: &'a str, emits: bool) -> Declared<'a> {
        Declared {
            owner: Owner::Model,
            name,
            emits,
        }
    }

    #[test]
    fn a_declared_name_wins_over_a_companion() {
        let root = root(&[
            model("Post", true),
            model("PostEvent", false),
            Declared {
                owner: Owner::Type,
                name: "CreatePostInput",
                emits: false,
            },
        ]);
        let exported = |name: &str| root.exports.iter().find(|e| e.name == name).unwrap();
        assert_eq!(exported("PostEvent").owner, "PostEvent");
        assert_eq!(exported("CreatePostInput").module, "types");
        let shadowed: Vec<&str> = root.shadowed.iter().map(|(e, _)| e.name.as_str()).collect();
        assert_eq!(shadowed, ["CreatePostInput", "PostEvent"]);
    }

    #[test]
    fn lowercase_models_do_not_export_over_their_module() {
        let root = root(&[model("user", false)]);
        assert!(root.exports.iter().all(|e| e.name != "user"));
        assert_eq!(
            root.shadowed[0],
            (
                Export {
                    name: "user".into(),
                    module: "user".into(),
                    owner: "user".into(),
                    own: true
                },
                Taker::Module("user".into())
            )
        );
    }
}
