//! Schema-wide name rules: duplicate declarations, names that collide once
//! normalised for generated code, tables or routes, modules of the
//! generated crate, names a declaration hides at the generated crate's
//! root, and repeated singleton declarations. Reads declaration names (and
//! whether each model emits events), so it re-runs cheaply.

use super::attributes::LabelText;
use crate::generated::{self, CRATE_MODULES, Declared, Owner, Taker};
use crate::names::{pluralize, to_snake_case};
use crate::{Db, Decl, Scalar, SourceFile, item_tree};
use cstack_diagnostics::{Code, Diagnostic, Label, TextRange};
use cstack_syntax::ast::DeclKind;
use rustc_hash::FxHashMap;

struct Named<'db> {
    decl: Decl<'db>,
    kind: DeclKind,
    name: String,
    range: TextRange,
}

#[salsa::tracked(returns(ref))]
pub fn validate_names(db: &dyn Db, file: SourceFile) -> Vec<Diagnostic> {
    let decls = &item_tree(db, file).decls;
    let named: Vec<Named<'_>> = decls
        .iter()
        .map(|decl| Named {
            decl: *decl,
            kind: decl.kind(db),
            name: decl.name(db).clone(),
            range: decl.name_range(db),
        })
        .collect();
    let mut out = Vec::new();
    let report = |out: &mut Vec<Diagnostic>, item: &Named<'_>, mut diagnostic: Diagnostic| {
        diagnostic.anchor_to(item.decl.anchor());
        out.push(diagnostic);
    };

    // The type namespace, filled by kind (types, enums, models, mixins, auth),
    // seeded with the built-ins.
    let order = [
        DeclKind::Type,
        DeclKind::Enum,
        DeclKind::Model,
        DeclKind::Mixin,
        DeclKind::Auth,
    ];
    let mut types: FxHashMap<&str, &Named<'_>> = FxHashMap::default();
    for kind in order {
        for item in named
            .iter()
            .filter(|n| n.kind == kind && !n.name.is_empty())
        {
            if Scalar::from_name(&item.name).is_some() {
                let mut diagnostic = Diagnostic::error(
                    Code::DuplicateDeclaration,
                    format!(
                        "{} `{}` redeclares a built-in type",
                        kind.keyword(),
                        item.name
                    ),
                    item.range,
                );
                diagnostic.with_label_text("built-in type name");
                report(&mut out, item, diagnostic);
            } else if let Some(first) = types.get(item.name.as_str()) {
                let label = format!("first declared as a {} here", first.kind.keyword());
                report(&mut out, item, redeclared(item, first, label));
            } else {
                types.insert(&item.name, item);
            }
        }
    }

    // Views and procedures have their own namespaces.
    for kind in [DeclKind::View, DeclKind::Procedure] {
        let mut seen: FxHashMap<&str, &Named<'_>> = FxHashMap::default();
        for item in named
            .iter()
            .filter(|n| n.kind == kind && !n.name.is_empty())
        {
            if let Some(first) = seen.get(item.name.as_str()) {
                let label = "first declared here".to_string();
                report(&mut out, item, redeclared(item, first, label));
            } else {
                seen.insert(&item.name, item);
            }
        }
    }

    // Singletons.
    for kind in [DeclKind::Datasource, DeclKind::Auth, DeclKind::Transport] {
        let mut all = named.iter().filter(|n| n.kind == kind);
        let Some(first) = all.next() else { continue };
        for item in all {
            let first_range = first.range;
            let mut diagnostic = Diagnostic::error(
                Code::DuplicateSingleton,
                format!("a schema has at most one `{}` declaration", kind.keyword()),
                item.range,
            );
            diagnostic.with_label_text("second declaration");
            diagnostic.secondary.push(Label::anchored(
                first.decl.anchor(),
                first_range,
                "first declared here",
            ));
            report(&mut out, item, diagnostic);
        }
    }

    // Names that collide once snake-cased (generated Rust types), among types,
    // enums and models; and model tables/routes.
    let mut snake: FxHashMap<String, &Named<'_>> = FxHashMap::default();
    for kind in [DeclKind::Type, DeclKind::Enum, DeclKind::Model] {
        for item in named
            .iter()
            .filter(|n| n.kind == kind && !n.name.is_empty())
        {
            if types
                .get(item.name.as_str())
                .is_none_or(|winner| winner.decl != item.decl)
            {
                continue;
            }
            let key = to_snake_case(&item.name);
            match snake.get(&key) {
                Some(first) if first.name != item.name => {
                    let mut diagnostic = Diagnostic::error(
                        Code::NameCollision,
                        format!(
                            "{} `{}` collides with {} `{}`: both normalise to `{key}` in generated code",
                            kind.keyword(),
                            item.name,
                            first.kind.keyword(),
                            first.name
                        ),
                        item.range,
                    );
                    diagnostic.with_label_text("collides");
                    diagnostic.secondary.push(Label::anchored(
                        first.decl.anchor(),
                        first.range,
                        "the other declaration",
                    ));
                    report(&mut out, item, diagnostic);
                }
                Some(_) => {}
                None => {
                    snake.insert(key, item);
                }
            }
        }
    }
    let mut routes: FxHashMap<String, &Named<'_>> = FxHashMap::default();
    for item in named
        .iter()
        .filter(|n| n.kind == DeclKind::Model && !n.name.is_empty())
    {
        let route = pluralize(&to_snake_case(&item.name));
        if let Some(first) = routes.get(&route) {
            if to_snake_case(&first.name) != to_snake_case(&item.name) {
                let mut diagnostic = Diagnostic::error(
                    Code::NameCollision,
                    format!(
                        "model `{}` collides with model `{}`: both map to the table and route `/{route}`",
                        item.name, first.name
                    ),
                    item.range,
                );
                diagnostic.with_label_text("collides");
                diagnostic.secondary.push(Label::anchored(
                    first.decl.anchor(),
                    first.range,
                    "the other model",
                ));
                report(&mut out, item, diagnostic);
            }
        } else {
            routes.insert(route, item);
        }
    }

    // Modules of the generated crate: one per model and view.
    let mut modules: FxHashMap<String, &Named<'_>> = FxHashMap::default();
    for item in named
        .iter()
        .filter(|n| matches!(n.kind, DeclKind::Model | DeclKind::View) && !n.name.is_empty())
    {
        let module = generated::module(&item.name);
        let clash = if CRATE_MODULES.contains(&module.as_str()) {
            Some(format!(
                "{} `{}` would be generated as the module `{module}`, which every generated crate defines itself",
                item.kind.keyword(),
                item.name
            ))
        } else {
            match modules.get(&module) {
                // Two models with one snake_case name are reported above.
                Some(first) if !(first.kind == DeclKind::Model && item.kind == DeclKind::Model) => {
                    Some(format!(
                        "{} `{}` collides with {} `{}`: both would be generated as the module `{module}`",
                        item.kind.keyword(),
                        item.name,
                        first.kind.keyword(),
                        first.name
                    ))
                }
                _ => None,
            }
        };
        if let Some(message) = clash {
            let mut diagnostic = Diagnostic::error(Code::NameCollision, message, item.range);
            diagnostic.with_label_text("collides with generated code");
            report(&mut out, item, diagnostic);
        }
        modules.entry(module).or_insert(item);
    }

    // Names the generated crate's root cannot export.
    let owners: Vec<(&Named<'_>, Owner)> = [
        (DeclKind::Model, Owner::Model),
        (DeclKind::View, Owner::View),
        (DeclKind::Enum, Owner::Enum),
        (DeclKind::Type, Owner::Type),
        (DeclKind::Auth, Owner::Auth),
    ]
    .into_iter()
    .flat_map(|(kind, owner)| {
        named
            .iter()
            .filter(move |n| n.kind == kind && !n.name.is_empty())
            .map(move |n| (n, owner))
    })
    .collect();
    let declared: Vec<Declared<'_>> = owners
        .iter()
        .map(|(item, owner)| Declared {
            owner: *owner,
            name: &item.name,
            emits: *owner == Owner::Model && emits(db, item.decl),
        })
        .collect();
    for (export, taker) in generated::root(&declared).shadowed {
        let owner = owners.iter().find(|(item, _)| item.name == export.owner);
        let Some((owner_item, owner_kind)) = owner.copied() else {
            continue;
        };
        let (at, message) = match &taker {
            // A lowercase name is its own module's: nothing is lost.
            Taker::Module(module_owner) if *module_owner == export.owner => continue,
            // A second declaration of one name: reported as a duplicate.
            Taker::Declaration(taker_name) if *taker_name == export.owner => continue,
            Taker::Declaration(taker_name) => {
                let Some((taker_item, taker_kind)) = owners
                    .iter()
                    .find(|(item, _)| item.name == *taker_name)
                    .copied()
                else {
                    continue;
                };
                if export.own {
                    continue; // a duplicate declaration, reported above
                }
                (
                    taker_item,
                    format!(
                        "{} `{}` hides `{}`, generated for {} `{}`, at the crate root; it stays reachable as `{}::{}`",
                        taker_kind.keyword(),
                        taker_name,
                        export.name,
                        owner_kind.keyword(),
                        export.owner,
                        export.module,
                        export.name
                    ),
                )
            }
            Taker::Module(_) | Taker::Crate => {
                let holder = match &taker {
                    Taker::Module(module_owner) => format!("the module of `{module_owner}`"),
                    _ => "defined by the generated crate itself".to_string(),
                };
                (
                    owner_item,
                    format!(
                        "`{}` of {} `{}` is not exported at the crate root, where `{}` is {holder}; it stays reachable as `{}::{}`",
                        export.name,
                        owner_kind.keyword(),
                        export.owner,
                        export.name,
                        export.module,
                        export.name
                    ),
                )
            }
        };
        let mut diagnostic =
            Diagnostic::new(Code::HiddenGeneratedName, message, Label::new(at.range, ""));
        diagnostic.with_label_text("hides a generated name");
        report(&mut out, at, diagnostic);
    }
    out
}

/// Whether a model declares `@@emit(...)`: what its generated names
/// include. Its own query, so the schema-wide name rules depend on this
/// fact and not on the model's whole body.
#[salsa::tracked(returns(copy))]
pub fn emits<'db>(db: &'db dyn Db, decl: Decl<'db>) -> bool {
    decl.syntax(db)
        .block_attributes_named("emit")
        .next()
        .is_some()
}

/// `duplicate <kind> name`, at `item`, pointing back at `first`.
fn redeclared(item: &Named<'_>, first: &Named<'_>, first_label: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(
        Code::DuplicateDeclaration,
        format!("duplicate {} name `{}`", item.kind.keyword(), item.name),
        item.range,
    );
    diagnostic.with_label_text("declared again here");
    diagnostic.secondary.push(Label::anchored(
        first.decl.anchor(),
        first.range,
        first_label,
    ));
    diagnostic
}
