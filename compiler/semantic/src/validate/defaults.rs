//! `@default(...)`: the value must fit the field's type.

use super::Ctx;
use super::attributes::LabelText;
use crate::{Resolved, Scalar};
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::{Arity, Expr, ExprKind, Field};

/// Functions a default may call, and the field types each fits.
const FUNCTIONS: &[(&str, &[Scalar])] = &[
    ("now", &[Scalar::DateTime]),
    ("autoincrement", &[Scalar::Int]),
    ("uuid", &[Scalar::Uuid, Scalar::String]),
    ("cuid", &[Scalar::Cuid, Scalar::String]),
    ("cs_cuid", &[Scalar::Cuid, Scalar::String]),
    ("dbgenerated", &[]),
];

pub fn check_default(ctx: &mut Ctx<'_>, field: &Field, resolved: Option<Resolved>, anchor: Anchor) {
    let Some(attribute) = field.attribute("default") else {
        return;
    };
    let Some(arguments) = &attribute.arguments else {
        return;
    };
    let [argument] = arguments.items.as_slice() else {
        ctx.error_at(
            Code::InvalidAttributeArguments,
            "`@default` takes exactly one value",
            anchor,
            arguments.range,
        )
        .with_label_text("expected one value");
        return;
    };
    if argument.name.is_some() {
        ctx.error_at(
            Code::InvalidAttributeArguments,
            "`@default` takes a value, not a named argument",
            anchor,
            argument.range,
        )
        .with_label_text("expected a value");
        return;
    }
    let Some(resolved) = resolved else { return };
    let Some(ty) = &field.ty else { return };
    let value = &argument.value;
    let problem = default_problem(ctx, value, resolved, ty.arity);
    if let Some((message, label)) = problem {
        ctx.error_at(Code::InvalidDefault, message, anchor, value.range)
            .with_label_text(&label);
    }
}

fn default_problem(
    ctx: &Ctx<'_>,
    value: &Expr,
    resolved: Resolved,
    arity: Arity,
) -> Option<(String, String)> {
    let type_name = match resolved {
        Resolved::Builtin(scalar) => scalar.name().to_string(),
        Resolved::Enum(index) => ctx.decl_at(index).1.name_text().to_string(),
        _ => String::new(),
    };
    let mismatch = |what: &str| {
        Some((
            format!("`@default` of a `{type_name}` field cannot be {what}"),
            format!("expected a `{type_name}` value"),
        ))
    };
    if let ExprKind::Call { callee, arguments } = &value.kind {
        if let Some(path) = callee.as_path()
            && path.len() >= 2
        {
            return None; // `auth().x` is checked with the policies' auth rules below.
        }
        let name = callee.as_ident().unwrap_or("");
        if name == "auth" {
            return None;
        }
        let Some((_, fits)) = FUNCTIONS.iter().find(|(function, _)| *function == name) else {
            return Some((
                format!("unknown default function `{name}()`"),
                format!(
                    "expected one of {}",
                    FUNCTIONS
                        .iter()
                        .map(|(f, _)| format!("`{f}()`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        if !arguments.items.is_empty() {
            return Some((
                format!("`{name}()` takes no arguments"),
                "remove the arguments".to_string(),
            ));
        }
        let fits_type = fits.is_empty()
            || matches!(resolved, Resolved::Builtin(scalar) if fits.contains(&scalar));
        if !fits_type {
            return mismatch(&format!("`{name}()`"));
        }
        return None;
    }
    if let ExprKind::Member { .. } = &value.kind {
        return None;
    }
    match (&value.kind, resolved) {
        (ExprKind::Null, _) if arity == Arity::Optional => None,
        (ExprKind::Null, _) => mismatch("`null` on a required field"),
        (ExprKind::Array(_), _) if arity == Arity::List => None,
        (_, Resolved::Enum(index)) => {
            let enum_decl = ctx.decl_at(index).1;
            match value.as_ident() {
                Some(variant) if enum_decl.variants.iter().any(|v| v.name.text == variant) => None,
                Some(variant) => Some((
                    format!("`{variant}` is not a variant of enum `{type_name}`"),
                    format!(
                        "expected one of {}",
                        enum_decl
                            .variants
                            .iter()
                            .map(|v| format!("`{}`", v.name.text))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
                None => mismatch("this value; use a variant name"),
            }
        }
        (ExprKind::String { .. }, Resolved::Builtin(scalar))
            if scalar.is_textual()
                || matches!(scalar, Scalar::DateTime | Scalar::Json | Scalar::Decimal) =>
        {
            None
        }
        (ExprKind::Number(text), Resolved::Builtin(Scalar::Int)) if !text.contains('.') => None,
        (ExprKind::Number(_), Resolved::Builtin(Scalar::Int)) => mismatch("a fractional number"),
        (
            ExprKind::Number(_),
            Resolved::Builtin(Scalar::Float | Scalar::Decimal | Scalar::Json),
        ) => None,
        (ExprKind::Bool(_), Resolved::Builtin(Scalar::Boolean | Scalar::Json)) => None,
        (ExprKind::Error, _) => None,
        (ExprKind::String { .. }, _) => mismatch("a string"),
        (ExprKind::Number(_), _) => mismatch("a number"),
        (ExprKind::Bool(_), _) => mismatch("a Boolean"),
        (ExprKind::Ident(name), _) => mismatch(&format!("`{name}`")),
        _ => mismatch("this expression"),
    }
}
