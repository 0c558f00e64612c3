//! Rules shared by every block of fields (models, types, mixins, auth blocks,
//! views): names, collisions in generated code, attributes and types; and
//! the validation of `type`, `mixin` and `auth` blocks themselves.

use super::attributes::{LabelText, Position, check_attributes};
use super::context::FieldRef;
use super::types::{TypePosition, check_type_ref, resolved_type};
use super::{Ctx, defaults, validators};
use crate::model::{self, Default, Exposure, Record, Type, Validator};
use crate::names::{column_name, is_reserved, to_snake_case};
use cstack_diagnostics::{Code, Label};
use cstack_syntax::ast::{Arity, Attribute, DeclKind, Field};
use rustc_hash::FxHashMap;

/// The resolved field `field` stands for, of type `ty`, with what its checks
/// established.
pub fn lower_field(
    field: &Field,
    ty: Type,
    origin: Option<&str>,
    default: Option<Default>,
    validators: Vec<Validator>,
) -> model::Field {
    let has = |name: &str| field.has_attribute(name);
    let arity = field.ty.as_ref().map_or(Arity::Required, |ty| ty.arity);
    model::Field {
        name: field.name.text.clone(),
        column: column_name(&field.name.text),
        ty,
        arity,
        docs: field.docs.clone(),
        origin: origin.map(str::to_string),
        default,
        validators,
        is_id: has("id"),
        unique: has("unique"),
        exposure: Exposure {
            readonly: has("readonly"),
            server_only: has("server_only"),
            pii: has("pii"),
            sensitive: has("sensitive"),
        },
        version: has("version"),
        db_enforce: has("db_enforce"),
        renamed_from: renamed_from(field.attribute("rename")),
        source: None,
    }
}

/// The `from = "..."` of `@rename` / `@@rename`.
pub fn renamed_from(attribute: Option<&Attribute>) -> Option<String> {
    attribute?
        .named("from")?
        .value
        .as_string()
        .filter(|from| !from.is_empty())
        .map(str::to_string)
}

/// Reports a reserved declaration name.
pub fn check_decl_name(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    if let Some(name) = &syntax.name
        && is_reserved(&name.text)
    {
        ctx.error(
            Code::ReservedName,
            format!(
                "{} `{}` cannot be represented as a Rust identifier",
                syntax.kind.keyword(),
                name.text
            ),
            name.range,
        )
        .with_label_text("reserved name")
        .help = Some(
            "`self`, `Self`, `super` and `crate` are reserved; choose another name".to_string(),
        );
    }
}

/// Duplicate, reserved and colliding field names. `setters` enables the rules
/// about generated builder methods (models and types).
pub fn check_field_names(ctx: &mut Ctx<'_>, fields: &[FieldRef<'_>], setters: bool) {
    let owner = format!("{} `{}`", ctx.syntax.kind.keyword(), ctx.name());
    let mut by_name: FxHashMap<&str, FieldRef<'_>> = FxHashMap::default();
    let mut by_snake: FxHashMap<String, FieldRef<'_>> = FxHashMap::default();
    for field in fields {
        let name = field.field.name.text.as_str();
        if let Some(first) = by_name.get(name) {
            ctx.redeclared(
                Code::DuplicateField,
                format!("duplicate field `{name}` on {owner}"),
                (field.anchor, field.field.name.range),
                (first.anchor, first.field.name.range),
            );
            continue;
        }
        by_name.insert(name, *field);
        if is_reserved(name) {
            ctx.error_at(
                Code::ReservedName,
                format!("field `{name}` on {owner} cannot be represented as a Rust identifier"),
                field.anchor,
                field.field.name.range,
            )
            .with_label_text("reserved name");
        }
        let snake = to_snake_case(name);
        if let Some(first) = by_snake.get(&snake) {
            ctx.error_at(
                Code::FieldNameCollision,
                format!(
                    "field `{name}` on {owner} collides with field `{}`: both become the column `{snake}`",
                    first.field.name.text
                ),
                field.anchor,
                field.field.name.range,
            )
            .with_label_text("collides")
            .secondary
            .push(Label::anchored(first.anchor, first.field.name.range, "the other field"));
        } else {
            by_snake.insert(snake, *field);
        }
    }
    if !setters {
        return;
    }
    for field in fields {
        let name = field.field.name.text.as_str();
        let snake = to_snake_case(name);
        let collision = if snake == "set_build" && by_snake.contains_key("build") {
            Some("declares both a `build` field and a `set_build` field; the builder's setter for `build` would clash".to_string())
        } else if let Some(list) = snake.strip_prefix("add_").and_then(|rest| {
            fields.iter().find(|other| {
                other.field.name.text == rest
                    && other
                        .field
                        .ty
                        .as_ref()
                        .is_some_and(|ty| ty.arity == Arity::List)
            })
        }) {
            Some(format!(
                "declares list field `{}` alongside `{name}`; the builder's `add_{}` append method would clash",
                list.field.name.text, list.field.name.text
            ))
        } else {
            name.strip_suffix("IsSet").and_then(|base| {
            fields.iter().find(|other| {
                other.field.name.text == base
                    && other.field.ty.as_ref().is_some_and(|ty| ty.arity == Arity::Optional)
                    && !other.field.has_attribute("id")
                    && other.field.ty.as_ref().is_some_and(|ty| ctx.model_named(&ty.name.text).is_none())
            })
        }).map(|base| format!(
                "declares nullable field `{}` alongside `{name}`; the generated touch flag would clash",
                base.field.name.text
            ))
        };
        if let Some(message) = collision {
            ctx.error_at(
                Code::FieldNameCollision,
                format!("{owner} {message}"),
                field.anchor,
                field.field.name.range,
            )
            .with_label_text("collides with generated code");
        }
    }
}

/// `type`, `mixin` and `auth` blocks. A `type` or auth block is a record;
/// a mixin has no item of its own (its fields are checked, and become
/// fields, in each model that uses it).
pub fn validate_field_block(ctx: &mut Ctx<'_>) -> Option<Record> {
    check_decl_name(ctx);
    let syntax = ctx.syntax;
    let anchor = ctx.anchor();
    let fields = ctx.own_fields();
    check_field_names(ctx, &fields, syntax.kind == DeclKind::Type);
    let position = match syntax.kind {
        DeclKind::Type => Position::TypeField,
        DeclKind::Mixin => Position::MixinField,
        _ => Position::AuthField,
    };
    let mut lowered = Vec::new();
    for field in &syntax.fields {
        let attributes = check_attributes(ctx, &field.attributes, position, anchor);
        let resolved = field
            .ty
            .as_ref()
            .and_then(|ty| check_type_ref(ctx, ty, TypePosition::OtherField, anchor));
        if syntax.kind == DeclKind::Mixin {
            // Mixin fields are checked in the context of each model using them.
            continue;
        }
        let validators = validators::check_validators(ctx, field, &attributes, resolved, anchor);
        let default = defaults::check_default(ctx, field, resolved, anchor);
        if let (Some(ty), Some(resolved)) = (&field.ty, resolved) {
            let ty = resolved_type(ctx, ty, resolved);
            lowered.push(lower_field(field, ty, None, default, validators));
        }
    }
    check_attributes(ctx, &syntax.block_attributes, Position::OtherBlock, anchor);
    check_attributes(ctx, &syntax.attributes, Position::OtherLine, anchor);
    (syntax.kind != DeclKind::Mixin).then(|| Record {
        name: ctx.name().to_string(),
        docs: syntax.docs.clone(),
        fields: lowered,
    })
}
