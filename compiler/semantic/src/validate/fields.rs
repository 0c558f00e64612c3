//! Rules shared by every block of fields (models, types, mixins, auth blocks,
//! views): names, collisions in generated code, attributes and types; and
//! the validation of `type`, `mixin` and `auth` blocks themselves.

use super::attributes::{LabelText, Position, check_attributes};
use super::context::FieldRef;
use super::types::{TypePosition, check_type_ref};
use super::{Ctx, defaults, validators};
use crate::names::{is_reserved, to_snake_case};
use cstack_diagnostics::{Code, Label};
use cstack_syntax::ast::{Arity, DeclKind};
use rustc_hash::FxHashMap;

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

/// `type`, `mixin` and `auth` blocks.
pub fn validate_field_block(ctx: &mut Ctx<'_>) {
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
    for field in &syntax.fields {
        let attributes = check_attributes(ctx, &field.attributes, position, anchor);
        let resolved = field
            .ty
            .as_ref()
            .and_then(|ty| check_type_ref(ctx, ty, TypePosition::OtherField, anchor));
        if syntax.kind != DeclKind::Mixin {
            // Mixin fields are checked in the context of each model using them.
            validators::check_validators(ctx, field, &attributes, resolved, anchor);
            defaults::check_default(ctx, field, resolved, anchor);
        }
    }
    check_attributes(ctx, &syntax.block_attributes, Position::OtherBlock, anchor);
    check_attributes(ctx, &syntax.attributes, Position::OtherLine, anchor);
}
