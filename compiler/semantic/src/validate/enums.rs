//! Enums: variant names.

use super::Ctx;
use super::attributes::{LabelText, Position, check_attributes};
use super::fields::check_decl_name;
use crate::model::Enum;
use crate::names::{enum_type_name, is_reserved};
use cstack_diagnostics::Code;
use rustc_hash::FxHashMap;

pub fn validate_enum(ctx: &mut Ctx<'_>) -> Option<Enum> {
    check_decl_name(ctx);
    let syntax = ctx.syntax;
    let anchor = ctx.anchor();
    let mut seen = FxHashMap::default();
    for variant in &syntax.variants {
        let name = variant.name.text.as_str();
        check_attributes(ctx, &variant.attributes, Position::EnumVariant, anchor);
        if let Some(first) = seen.insert(name, variant.name.range) {
            ctx.redeclared(
                Code::DuplicateVariant,
                format!("duplicate variant `{name}` on enum `{}`", ctx.name()),
                (anchor, variant.name.range),
                (anchor, first),
            );
        }
        if is_reserved(name) {
            ctx.error(
                Code::ReservedName,
                format!(
                    "variant `{name}` on enum `{}` cannot be represented as a Rust identifier",
                    ctx.name()
                ),
                variant.name.range,
            )
            .with_label_text("reserved name");
        }
    }
    check_attributes(ctx, &syntax.block_attributes, Position::OtherBlock, anchor);
    Some(Enum {
        name: ctx.name().to_string(),
        docs: syntax.docs.clone(),
        variants: syntax
            .variants
            .iter()
            .map(|variant| variant.name.text.clone())
            .collect(),
        type_name: enum_type_name(ctx.name()),
    })
}
