//! `@relation(fields: [...], references: [...], onDelete: ..., onUpdate: ...)`.

use super::Ctx;
use super::attributes::LabelText;
use super::context::FieldRef;
use crate::Resolved;
use crate::lang::{self, REFERENTIAL_ACTIONS};
use crate::model::{ReferentialAction, Relation};
use crate::names::did_you_mean;
use crate::schema_settings::Provider;
use cstack_diagnostics::{Anchor, Code, TextRange};
use cstack_syntax::ast::{Arity, Attribute, Expr, ExprKind, Field};

/// The local and referenced field of a relation field's `@relation`, read
/// without reporting anything (the field's own check reports its
/// problems): what a policy comparing the relation with `auth()` needs.
pub fn key_pair(field: &Field) -> Option<(String, String)> {
    let relation = field.attribute("relation")?;
    let first = |key: &str| match &relation.named(key)?.value.kind {
        ExprKind::Array(items) => items.first()?.as_ident().map(str::to_string),
        _ => None,
    };
    Some((first("fields")?, first("references")?))
}

/// Checks one model field's relation and returns it; `own_fields` are all
/// of the model's fields after mixin expansion. `None` for a scalar field
/// or a relation too malformed to read.
pub fn check_relation_field(
    ctx: &mut Ctx<'_>,
    field_ref: &FieldRef<'_>,
    resolved: Resolved<'_>,
    own_fields: &[FieldRef<'_>],
) -> Option<Relation> {
    let field = field_ref.field;
    let anchor = field_ref.anchor;
    let relation = field.attribute("relation");
    let Resolved::Model(target_decl) = resolved else {
        if let Some(relation) = relation {
            ctx.error_at(
                Code::RelationOnScalar,
                format!(
                    "scalar field `{}` on model `{}` cannot declare `@relation(...)`",
                    field.name.text,
                    ctx.name()
                ),
                anchor,
                relation.head_range(),
            )
            .with_label_text("not a relation field");
        }
        return None;
    };
    let ty = field.ty.as_ref()?;
    let Some(relation) = relation else {
        ctx.error_at(
            Code::MissingRelationAttribute,
            format!(
                "relation field `{}` on model `{}` must declare `@relation(fields: [...], references: [...])`",
                field.name.text,
                ctx.name()
            ),
            anchor,
            field.name.range,
        )
        .with_label_text("missing `@relation`")
        .help = Some(format!(
            "for example `@relation(fields: [{}Id], references: [id])`",
            field.name.text
        ));
        return None;
    };
    let parts = parse_relation(ctx, relation, anchor)?;
    let target = target_decl.syntax(ctx.db);
    let target_fields = ctx.expanded_fields(target_decl);

    // The local field.
    let (local_name, local_range) = parts.fields[0];
    let local = own_fields.iter().find(|f| f.field.name.text == local_name);
    let local = match local {
        None => {
            unknown_field(
                ctx,
                anchor,
                local_range,
                local_name,
                own_fields,
                format!(
                    "relation field `{}` on model `{}` references unknown local field `{local_name}`",
                    field.name.text,
                    ctx.name()
                ),
            );
            None
        }
        Some(local) if is_relation(ctx, local) => {
            ctx.error_at(
                Code::UnknownRelationField,
                format!(
                    "relation field `{}` must use a scalar local field, found relation field `{local_name}`",
                    field.name.text
                ),
                anchor,
                local_range,
            )
            .with_label_text("relation field");
            None
        }
        Some(local) => Some(*local),
    };

    // The referenced field.
    let (reference_name, reference_range) = parts.references[0];
    let reference = target_fields
        .iter()
        .find(|f| f.field.name.text == reference_name);
    let reference = match reference {
        None => {
            unknown_field(
                ctx,
                anchor,
                reference_range,
                reference_name,
                &target_fields,
                format!(
                    "relation field `{}` on model `{}` references unknown target field `{reference_name}` on `{}`",
                    field.name.text,
                    ctx.name(),
                    target.name_text()
                ),
            );
            None
        }
        Some(reference) if is_relation(ctx, reference) => {
            ctx.error_at(
                Code::UnknownRelationField,
                format!(
                    "relation field `{}` must reference a scalar target field",
                    field.name.text
                ),
                anchor,
                reference_range,
            )
            .with_label_text("relation field");
            None
        }
        Some(reference) => Some(*reference),
    };

    if let (Some(local), Some(reference)) = (local, reference) {
        let local_type = local.field.ty.as_ref().map_or("", |t| t.name.text.as_str());
        let reference_type = reference
            .field
            .ty
            .as_ref()
            .map_or("", |t| t.name.text.as_str());
        if local_type != reference_type {
            ctx.error_at(
                Code::RelationTypeMismatch,
                format!(
                    "relation field `{}` links incompatible types: local field `{local_name}` is `{local_type}` but referenced field `{reference_name}` is `{reference_type}`",
                    field.name.text
                ),
                anchor,
                reference_range,
            )
            .with_label_text(&format!("`{reference_type}`, expected `{local_type}`"));
        }
    }

    for (key, action, range) in &parts.actions {
        if ty.arity == Arity::List {
            ctx.error_at(
                Code::InvalidReferentialAction,
                format!(
                    "relation field `{}` cannot declare {key}: it is the has-many side; declare it on the side holding the foreign key",
                    field.name.text
                ),
                anchor,
                *range,
            )
            .with_label_text("has-many side");
            continue;
        }
        let Some(local) = local else { continue };
        let problem = match *action {
            "SetNull"
                if local
                    .field
                    .ty
                    .as_ref()
                    .is_some_and(|t| t.arity != Arity::Optional) =>
            {
                Some(format!(
                    "`{key}: SetNull`, but local field `{local_name}` is not optional"
                ))
            }
            "SetDefault" if !local.field.has_attribute("default") => Some(format!(
                "`{key}: SetDefault`, but local field `{local_name}` has no `@default(...)`"
            )),
            // InnoDB parses the action but refuses tables that use it.
            "SetDefault" if ctx.settings.provider == Some(Provider::Mysql) => Some(format!(
                "`{key}: SetDefault` is not available on MySQL (InnoDB refuses it); \
                 use `SetNull`, `Restrict` or `Cascade`"
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            ctx.error_at(Code::InvalidReferentialAction, problem, anchor, *range)
                .with_label_text("cannot apply");
        }
    }
    let action = |key: &str| {
        parts
            .actions
            .iter()
            .find(|(k, _, _)| *k == key)
            .and_then(|(_, action, _)| ReferentialAction::from_name(action))
    };
    Some(Relation {
        name: field.name.text.clone(),
        docs: field.docs.clone(),
        target: ty.name.text.clone(),
        arity: ty.arity,
        fields: parts
            .fields
            .iter()
            .map(|(name, _)| name.to_string())
            .collect(),
        references: parts
            .references
            .iter()
            .map(|(name, _)| name.to_string())
            .collect(),
        on_delete: action("onDelete"),
        on_update: action("onUpdate"),
        origin: field_ref.mixin.map(str::to_string),
    })
}

fn is_relation(ctx: &Ctx<'_>, field: &FieldRef<'_>) -> bool {
    field
        .field
        .ty
        .as_ref()
        .is_some_and(|ty| ctx.model_named(&ty.name.text).is_some())
}

fn unknown_field(
    ctx: &mut Ctx<'_>,
    anchor: Anchor,
    range: TextRange,
    name: &str,
    candidates: &[FieldRef<'_>],
    message: String,
) {
    // Only a scalar field can hold or be a key, so only those are suggested.
    let scalars = candidates.iter().filter(|f| !is_relation(ctx, f));
    let suggestion =
        did_you_mean(name, scalars.map(|f| f.field.name.text.as_str())).map(str::to_string);
    let diagnostic = ctx
        .error_at(Code::UnknownRelationField, message, anchor, range)
        .with_label_text("unknown field");
    if let Some(suggestion) = suggestion {
        diagnostic.suggest(&suggestion);
    }
}

struct RelationParts<'a> {
    fields: Vec<(&'a str, TextRange)>,
    references: Vec<(&'a str, TextRange)>,
    actions: Vec<(&'a str, &'a str, TextRange)>,
}

fn parse_relation<'a>(
    ctx: &mut Ctx<'_>,
    relation: &'a Attribute,
    anchor: Anchor,
) -> Option<RelationParts<'a>> {
    let mut parts = RelationParts {
        fields: Vec::new(),
        references: Vec::new(),
        actions: Vec::new(),
    };
    let mut ok = true;
    let mut seen_fields = false;
    let mut seen_references = false;
    for argument in relation.args() {
        let Some(key) = &argument.name else {
            ctx.error_at(
                Code::InvalidRelationArguments,
                "`@relation` arguments are `fields:`, `references:`, `onDelete:` and `onUpdate:`",
                anchor,
                argument.range,
            )
            .with_label_text("expected `key: value`");
            ok = false;
            continue;
        };
        match key.text.as_str() {
            "fields" | "references" => {
                let list = relation_list(ctx, &argument.value, anchor);
                match list {
                    Some(list) if key.text == "fields" => {
                        seen_fields = true;
                        parts.fields = list;
                    }
                    Some(list) => {
                        seen_references = true;
                        parts.references = list;
                    }
                    None => {
                        seen_fields |= key.text == "fields";
                        seen_references |= key.text == "references";
                        ok = false;
                    }
                }
            }
            "onDelete" | "onUpdate" => match argument.value.as_ident() {
                Some(action) if lang::names(REFERENTIAL_ACTIONS).any(|a| a == action) => {
                    parts
                        .actions
                        .push((key.text.as_str(), action, argument.value.range));
                }
                other => {
                    let found = other.unwrap_or("this value");
                    let diagnostic = ctx
                        .error_at(
                            Code::InvalidReferentialAction,
                            format!(
                                "invalid relation action `{found}`; expected one of {}",
                                lang::names(REFERENTIAL_ACTIONS)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            anchor,
                            argument.value.range,
                        )
                        .with_label_text("unknown action");
                    if let Some(suggestion) =
                        other.and_then(|o| did_you_mean(o, lang::names(REFERENTIAL_ACTIONS)))
                    {
                        diagnostic.suggest(suggestion);
                    }
                    ok = false;
                }
            },
            other => {
                let diagnostic = ctx
                    .error_at(
                        Code::InvalidRelationArguments,
                        format!("unsupported `@relation` key `{other}`"),
                        anchor,
                        key.range,
                    )
                    .with_label_text("unknown key");
                match did_you_mean(other, ["fields", "references", "onDelete", "onUpdate"]) {
                    Some(suggestion) => {
                        diagnostic.suggest(suggestion);
                    }
                    None => {
                        diagnostic.help = Some(
                            "expected `fields`, `references`, `onDelete` or `onUpdate`".to_string(),
                        );
                    }
                }
                ok = false;
            }
        }
    }
    for (seen, key) in [(seen_fields, "fields"), (seen_references, "references")] {
        if !seen {
            ctx.error_at(
                Code::InvalidRelationArguments,
                format!("`@relation(...)` is missing `{key}: [...]`"),
                anchor,
                relation.head_range(),
            )
            .with_label_text(&format!("missing `{key}`"));
            ok = false;
        }
    }
    if ok && (parts.fields.len() != 1 || parts.references.len() != 1) {
        ctx.error_at(
            Code::InvalidRelationArguments,
            "`@relation` must name exactly one local field and one referenced field",
            anchor,
            relation
                .arguments
                .as_ref()
                .map_or(relation.range, |a| a.range),
        )
        .with_label_text("composite relations are not supported");
        ok = false;
    }
    ok.then_some(parts)
}

fn relation_list<'a>(
    ctx: &mut Ctx<'_>,
    value: &'a Expr,
    anchor: Anchor,
) -> Option<Vec<(&'a str, TextRange)>> {
    let ExprKind::Array(items) = &value.kind else {
        ctx.error_at(
            Code::InvalidRelationArguments,
            "expected a relation list like `[field]`",
            anchor,
            value.range,
        )
        .with_label_text("expected `[...]`");
        return None;
    };
    if items.is_empty() {
        ctx.error_at(
            Code::InvalidRelationArguments,
            "relation lists must include at least one field",
            anchor,
            value.range,
        )
        .with_label_text("empty list");
        return None;
    }
    let mut out = Vec::new();
    for item in items {
        match item.as_ident() {
            Some(name) => out.push((name, item.range)),
            None => {
                ctx.error_at(
                    Code::InvalidRelationArguments,
                    "relation lists hold field names",
                    anchor,
                    item.range,
                )
                .with_label_text("expected a field name");
                return None;
            }
        }
    }
    Some(out)
}
