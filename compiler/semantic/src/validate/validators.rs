//! Field validators: `@length`, `@range`, `@regex`, `@email`, `@uri`,
//! `@iso4217` and `@db_enforce`.
//!
//! `@range` bounds are compared exactly: decimal bounds are parsed with
//! `rust_decimal` from their source text, never through `f64`, and kept so.

use super::Ctx;
use super::attributes::LabelText;
use crate::model::Validator;
use crate::{Resolved, Scalar};
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::{Attribute, ExprKind, Field};
use rust_decimal::Decimal;
use std::str::FromStr;

const VALIDATORS: &[&str] = &["length", "range", "regex", "email", "uri", "iso4217"];

/// Checks a field's validators and returns the valid ones, in order.
pub fn check_validators(
    ctx: &mut Ctx<'_>,
    field: &Field,
    attributes: &[&Attribute],
    resolved: Option<Resolved<'_>>,
    anchor: Anchor,
) -> Vec<Validator> {
    let mut out = Vec::new();
    let scalar = match resolved {
        Some(Resolved::Builtin(scalar)) => Some(scalar),
        _ => None,
    };
    for attribute in attributes {
        let name = attribute.name.text.as_str();
        if !VALIDATORS.contains(&name) || resolved.is_none() {
            continue;
        }
        let accepted: &[Scalar] = match name {
            "length" => &[Scalar::String, Scalar::Bytes],
            "range" => &[Scalar::Int, Scalar::Decimal, Scalar::Float],
            _ => &[Scalar::String],
        };
        if !scalar.is_some_and(|scalar| accepted.contains(&scalar)) {
            let types = accepted
                .iter()
                .map(|s| format!("`{}`", s.name()))
                .collect::<Vec<_>>()
                .join(" or ");
            ctx.error_at(
                Code::ValidatorTypeMismatch,
                format!(
                    "`@{name}` on `{}` is only valid on {types} fields",
                    field.name.text
                ),
                anchor,
                attribute.head_range(),
            )
            .with_label_text(&format!(
                "field is `{}`",
                field.ty.as_ref().map_or("?", |ty| ty.name.text.as_str())
            ));
            continue;
        }
        let validator = match name {
            "length" => check_bounds(ctx, attribute, Bound::Length, anchor).map(|(min, max)| {
                let whole = |bound: Option<Decimal>| bound.and_then(|b| u32::try_from(b).ok());
                Validator::Length {
                    min: whole(min),
                    max: whole(max),
                }
            }),
            "range" => {
                let bound = if scalar == Some(Scalar::Int) {
                    Bound::Integer
                } else {
                    Bound::Decimal
                };
                check_bounds(ctx, attribute, bound, anchor)
                    .map(|(min, max)| Validator::Range { min, max })
            }
            "regex" => check_regex(ctx, attribute, anchor).map(Validator::Regex),
            "email" => Some(Validator::Email),
            "uri" => Some(Validator::Uri),
            _ => Some(Validator::Iso4217),
        };
        out.extend(validator);
    }
    if let Some(enforce) = attributes.iter().find(|a| a.name.text == "db_enforce")
        && !attributes
            .iter()
            .any(|a| matches!(a.name.text.as_str(), "range" | "length" | "iso4217"))
    {
        ctx.error_at(
            Code::ConflictingAttributes,
            "`@db_enforce` needs a `@range`, `@length` or `@iso4217` validator on the same field",
            anchor,
            enforce.head_range(),
        )
        .with_label_text("nothing to enforce");
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// `@length`: non-negative integers.
    Length,
    /// `@range` on `Int`: integers.
    Integer,
    /// `@range` on `Decimal`/`Float`: exact decimals.
    Decimal,
}

/// Checks `min:`/`max:` bounds and returns them when they are valid.
fn check_bounds(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    bound: Bound,
    anchor: Anchor,
) -> Option<(Option<Decimal>, Option<Decimal>)> {
    let name = attribute.display_name();
    let arguments = attribute.arguments.as_ref()?;
    let mut valid = true;
    if arguments.items.is_empty() {
        ctx.error_at(
            Code::InvalidAttributeArguments,
            format!("`{name}()` needs at least one of `min` and `max`"),
            anchor,
            arguments.range,
        )
        .with_label_text("no bounds");
        return None;
    }
    let mut min: Option<(Decimal, &str)> = None;
    let mut max: Option<(Decimal, &str)> = None;
    let mut max_range = arguments.range;
    for argument in &arguments.items {
        let Some(key) = &argument.name else {
            ctx.error_at(
                Code::InvalidAttributeArguments,
                format!("`{name}` takes `min:` and `max:` arguments"),
                anchor,
                argument.range,
            )
            .with_label_text("expected `min: N` or `max: N`");
            valid = false;
            continue;
        };
        if key.text != "min" && key.text != "max" {
            ctx.error_at(
                Code::InvalidAttributeArguments,
                format!(
                    "`{name}` has no argument `{}`; expected `min` or `max`",
                    key.text
                ),
                anchor,
                key.range,
            )
            .with_label_text("unknown argument");
            valid = false;
            continue;
        }
        let ExprKind::Number(text) = &argument.value.kind else {
            ctx.error_at(
                Code::InvalidBounds,
                format!("`{name}` bound `{}` must be a number", key.text),
                anchor,
                argument.value.range,
            )
            .with_label_text("not a number");
            valid = false;
            continue;
        };
        let is_fractional = text.contains('.');
        let problem = match bound {
            Bound::Length if is_fractional || text.starts_with('-') => Some(format!(
                "`{name}` expects a non-negative integer, got `{text}`"
            )),
            Bound::Length if text.parse::<u32>().is_err() => {
                Some(format!("`{name}` bound `{text}` is too large"))
            }
            Bound::Integer if is_fractional => Some(format!(
                "`{name}` on an `Int` field expects integer bounds, got `{text}`"
            )),
            Bound::Integer if text.parse::<i64>().is_err() => {
                Some(format!("`{name}` bound `{text}` is out of range"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            let diagnostic = ctx
                .error_at(Code::InvalidBounds, problem, anchor, argument.value.range)
                .with_label_text("invalid bound");
            if bound == Bound::Integer && is_fractional {
                diagnostic.help = Some(
                    "fractional bounds are allowed on `Decimal` and `Float` fields".to_string(),
                );
            }
            valid = false;
            continue;
        }
        let Ok(value) = Decimal::from_str_exact(text).or_else(|_| Decimal::from_str(text)) else {
            ctx.error_at(
                Code::InvalidBounds,
                format!("`{name}` bound `{text}` cannot be represented exactly"),
                anchor,
                argument.value.range,
            )
            .with_label_text("invalid bound");
            valid = false;
            continue;
        };
        if key.text == "min" {
            min = Some((value, text));
        } else {
            max = Some((value, text));
            max_range = argument.range;
        }
    }
    if let (Some((min, min_text)), Some((max, max_text))) = (min, max)
        && min > max
    {
        ctx.error_at(
            Code::InvalidBounds,
            format!("`{name}`: min ({min_text}) must be <= max ({max_text})"),
            anchor,
            max_range,
        )
        .with_label_text("max is below min");
        valid = false;
    }
    valid.then(|| (min.map(|(value, _)| value), max.map(|(value, _)| value)))
}

/// Checks a `@regex` pattern and returns it when it compiles.
fn check_regex(ctx: &mut Ctx<'_>, attribute: &Attribute, anchor: Anchor) -> Option<String> {
    let args = attribute.args();
    let pattern = match args {
        [argument] if argument.name.is_none() => argument
            .value
            .as_string()
            .map(|p| (p, argument.value.range)),
        _ => None,
    };
    let Some((pattern, range)) = pattern else {
        if attribute.arguments.is_some() {
            ctx.error_at(
                Code::InvalidAttributeArguments,
                "`@regex` takes one quoted pattern, e.g. `@regex(\"^[a-z]+$\")`",
                anchor,
                attribute.range,
            )
            .with_label_text("expected one string");
        }
        return None;
    };
    if let Err(error) = regex::Regex::new(pattern) {
        let detail = error.to_string();
        let last = detail
            .lines()
            .last()
            .unwrap_or("invalid pattern")
            .trim()
            .to_string();
        ctx.error_at(
            Code::InvalidRegex,
            format!("`@regex` pattern is not a valid regular expression: {last}"),
            anchor,
            range,
        )
        .with_label_text("invalid pattern");
        return None;
    }
    Some(pattern.to_string())
}
