//! Schema-wide name rules: duplicate declarations, names that collide once
//! normalised for generated code, tables or routes, and repeated singleton
//! declarations. Reads only declaration names, so it re-runs cheaply.

use super::attributes::LabelText;
use crate::names::{pluralize, to_pascal_case, to_snake_case};
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

    // Declarations named like a generated typestate builder.
    let mut generated: FxHashMap<String, &Named<'_>> = FxHashMap::default();
    for item in named.iter().filter(|n| !n.name.is_empty()) {
        let names: Vec<String> = match item.kind {
            DeclKind::Type | DeclKind::View => vec![item.name.clone()],
            DeclKind::Model => [
                "",
                "Create{}Input",
                "Update{}Input",
                "{}Where",
                "{}OrderByClause",
                "{}FindManyInput",
                "{}FindMany",
            ]
            .iter()
            .map(|pattern| {
                if pattern.is_empty() {
                    item.name.clone()
                } else {
                    pattern.replace("{}", &item.name)
                }
            })
            .collect(),
            DeclKind::Procedure => {
                let pascal = to_pascal_case(&item.name);
                vec![
                    format!("{pascal}Args"),
                    format!("{pascal}ProcedureArgs"),
                    format!("{pascal}ProcedureRequest"),
                ]
            }
            _ => continue,
        };
        for name in names {
            generated.entry(format!("{name}Builder")).or_insert(item);
        }
    }
    for item in named.iter().filter(|n| {
        matches!(
            n.kind,
            DeclKind::Type | DeclKind::Enum | DeclKind::Model | DeclKind::View
        )
    }) {
        if let Some(source) = generated.get(&item.name) {
            let mut diagnostic = Diagnostic::error(
                Code::NameCollision,
                format!(
                    "{} `{}` collides with the typestate builder generated for {} `{}`",
                    item.kind.keyword(),
                    item.name,
                    source.kind.keyword(),
                    source.name
                ),
                item.range,
            );
            diagnostic.with_label_text("collides with generated code");
            report(&mut out, item, diagnostic);
        }
    }
    out
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
