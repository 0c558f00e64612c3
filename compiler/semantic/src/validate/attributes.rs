//! The closed attribute lists, from the language catalogue ([`crate::lang`]):
//! which attributes exist in each position, which take arguments, which may
//! repeat. Unknown names get a "did you mean" with its fix.

use super::Ctx;
pub use crate::lang::Position;
use crate::lang::{ATTRIBUTES, REMOVED_FIELD_ATTRIBUTES, Shape, attribute_in, attributes_in};
use crate::names::did_you_mean;
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::Attribute;

/// The attributes of `attributes` that are known in `position`, keeping only
/// the first of a non-repeatable one: what later checks look at.
pub fn known_attributes(attributes: &[Attribute], position: Position) -> Vec<&Attribute> {
    let mut known: Vec<&Attribute> = Vec::new();
    for attribute in attributes {
        let Some(spec) = attribute_in(&attribute.name.text, position) else {
            continue;
        };
        if spec.repeatable || !known.iter().any(|k| k.name.text == attribute.name.text) {
            known.push(attribute);
        }
    }
    known
}

/// Reports unknown, misplaced, removed, mis-shaped and repeated attributes
/// among `attributes`, all written in the declaration `anchor`, and returns
/// [`known_attributes`] for the caller's argument checks.
pub fn check_attributes<'a>(
    ctx: &mut Ctx<'_>,
    attributes: &'a [Attribute],
    position: Position,
    anchor: Anchor,
) -> Vec<&'a Attribute> {
    let known = known_attributes(attributes, position);
    for attribute in attributes {
        let name = attribute.name.text.as_str();
        if name.is_empty() {
            continue; // a syntax error was reported
        }
        if position.is_field()
            && let Some((_, instead)) = REMOVED_FIELD_ATTRIBUTES
                .iter()
                .find(|(removed, _)| *removed == name)
        {
            ctx.error_at(
                Code::RemovedAttribute,
                format!("`@{name}` is not supported on fields"),
                anchor,
                attribute.head_range(),
            )
            .with_label_text("removed attribute")
            .help = Some((*instead).to_string());
            continue;
        }
        let Some(spec) = attribute_in(name, position) else {
            report_unknown(ctx, attribute, position, anchor);
            continue;
        };
        if !known.iter().any(|k| std::ptr::eq(*k, attribute)) {
            let first = known
                .iter()
                .find(|k| k.name.text == name)
                .map_or(attribute.head_range(), |first| first.head_range());
            ctx.redeclared(
                Code::DuplicateAttribute,
                format!("`{}` is declared more than once", attribute.display_name()),
                (anchor, attribute.head_range()),
                (anchor, first),
            );
            continue;
        }
        match (spec.shape, &attribute.arguments) {
            (Shape::Bare, Some(arguments)) => {
                ctx.error_at(
                    Code::InvalidAttributeArguments,
                    format!("`{}` does not take arguments", attribute.display_name()),
                    anchor,
                    arguments.range,
                )
                .with_label_text("remove these arguments");
            }
            (Shape::Arguments(example), None) => {
                ctx.error_at(
                    Code::InvalidAttributeArguments,
                    format!("`{}` requires arguments", attribute.display_name()),
                    anchor,
                    attribute.head_range(),
                )
                .with_label_text("arguments expected")
                .help = Some(example.to_string());
            }
            _ => {}
        }
    }
    known
}

fn report_unknown(ctx: &mut Ctx<'_>, attribute: &Attribute, position: Position, anchor: Anchor) {
    let name = attribute.name.text.as_str();
    let sigil = if attribute.is_block { "@@" } else { "@" };
    let exists_elsewhere = ATTRIBUTES.iter().any(|spec| {
        spec.name == name
            && spec
                .positions
                .iter()
                .any(|other| other.is_block() == position.is_block())
    });
    if exists_elsewhere {
        ctx.error_at(
            Code::AttributeNotAllowedHere,
            format!("`{sigil}{name}` is not allowed {}", position.describe()),
            anchor,
            attribute.head_range(),
        )
        .with_label_text("not allowed here");
        return;
    }
    let allowed: Vec<&str> = attributes_in(position).map(|spec| spec.name).collect();
    let diagnostic = ctx
        .error_at(
            Code::UnknownAttribute,
            format!("unknown attribute `{sigil}{name}` {}", position.describe()),
            anchor,
            attribute.head_range(),
        )
        .with_label_text("unknown attribute");
    match did_you_mean(name, allowed.iter().copied()) {
        // The label covers the sigil and the name.
        Some(suggestion) => {
            diagnostic.suggest(&format!("{sigil}{suggestion}"));
        }
        None if allowed.is_empty() => {
            diagnostic.help = Some("no attributes are allowed here".to_string());
        }
        None => {
            diagnostic.help = Some(format!(
                "attributes allowed {}: {}",
                position.describe(),
                allowed
                    .iter()
                    .map(|a| format!("{sigil}{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

/// Small conveniences for building diagnostics in place.
pub trait LabelText {
    fn with_label_text(&mut self, text: &str) -> &mut Self;
}

impl LabelText for cstack_diagnostics::Diagnostic {
    fn with_label_text(&mut self, text: &str) -> &mut Self {
        self.primary.message = text.to_string();
        self
    }
}
