//! `@default(...)`: the value must fit the field's type; a valid one becomes
//! a typed [`Default`].

use super::Ctx;
use super::attributes::LabelText;
use super::policy;
use crate::lang::{DEFAULT_FUNCTIONS, default_function};
use crate::model::{Default, Literal, Type};
use crate::{Resolved, Scalar, Storage};
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::{Arity, Expr, ExprKind, Field};
use rust_decimal::Decimal;

/// Checks a field's `@default` and returns what it says.
pub fn check_default(
    ctx: &mut Ctx<'_>,
    field: &Field,
    resolved: Option<Resolved<'_>>,
    anchor: Anchor,
) -> Option<Default> {
    let attribute = field.attribute("default")?;
    let arguments = attribute.arguments.as_ref()?;
    let [argument] = arguments.items.as_slice() else {
        ctx.error_at(
            Code::InvalidAttributeArguments,
            "`@default` takes exactly one value",
            anchor,
            arguments.range,
        )
        .with_label_text("expected one value");
        return None;
    };
    if argument.name.is_some() {
        ctx.error_at(
            Code::InvalidAttributeArguments,
            "`@default` takes a value, not a named argument",
            anchor,
            argument.range,
        )
        .with_label_text("expected a value");
        return None;
    }
    let resolved = resolved?;
    let ty = field.ty.as_ref()?;
    let value = &argument.value;
    match resolve(ctx, value, resolved, ty.arity) {
        Ok(default) => default,
        Err((message, label)) => {
            ctx.error_at(Code::InvalidDefault, message, anchor, value.range)
                .with_label_text(&label);
            None
        }
    }
}

/// What `value` means as the default of a field of type `resolved`:
/// `Ok(None)` when it is right but checked elsewhere (`auth()` paths
/// without an auth block), `Err` with the message and label otherwise.
fn resolve(
    ctx: &Ctx<'_>,
    value: &Expr,
    resolved: Resolved<'_>,
    arity: Arity,
) -> Result<Option<Default>, (String, String)> {
    let type_name = match resolved {
        Resolved::Builtin(scalar) => scalar.name().to_string(),
        Resolved::Enum(decl) => decl.name(ctx.db).clone(),
        _ => String::new(),
    };
    let mismatch = |what: &str| {
        Err((
            format!("`@default` of a `{type_name}` field cannot be {what}"),
            format!("expected a `{type_name}` value"),
        ))
    };
    if let ExprKind::Call { callee, arguments } = &value.kind {
        let name = callee.as_ident().unwrap_or("");
        let Some(function) = default_function(name) else {
            return Err((
                format!("unknown default function `{name}()`"),
                format!(
                    "expected one of {}",
                    DEFAULT_FUNCTIONS
                        .iter()
                        .map(|f| format!("`{}()`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        if !arguments.items.is_empty() {
            return Err((
                format!("`{name}()` takes no arguments"),
                "remove the arguments".to_string(),
            ));
        }
        let scalar = match resolved {
            Resolved::Builtin(scalar) => Some(scalar),
            _ => None,
        };
        if name == "dbgenerated" {
            // The database must fill the column: the storage table says
            // with what, or there is nothing to fill it with.
            let generated = scalar
                .and_then(|scalar| Storage::of(&Type::Scalar(scalar), Arity::Required).generated());
            return match generated {
                Some(_) => Ok(Some(Default::DbGenerated)),
                None => Err((
                    format!(
                        "the database has no generator for a `{type_name}` column: `dbgenerated()` fills only `Int` (an identity), `DateTime` (the time of the insert), and `Uuid`, `String` and `Cuid` columns (a random UUID)"
                    ),
                    "no database generator".to_string(),
                )),
            };
        }
        if !scalar.is_some_and(|scalar| function.fits.contains(&scalar)) {
            return mismatch(&format!("`{name}()`"));
        }
        return Ok(Some(match name {
            "now" => Default::Now,
            "autoincrement" => Default::Autoincrement,
            "uuid" => Default::Uuid,
            _ => Default::Cuid,
        }));
    }
    if let ExprKind::Member { .. } = &value.kind {
        // `auth().x`, checked with the policies' auth rules (`check_auth_default`).
        return Ok(policy::auth_member_path(value)
            .map(|path| Default::Auth(path.iter().map(|(s, _)| s.to_string()).collect())));
    }
    let literal = |literal: Literal| Ok(Some(Default::Literal(literal)));
    match (&value.kind, resolved) {
        (ExprKind::Null, _) if arity == Arity::Optional => Ok(Some(Default::Null)),
        (ExprKind::Null, _) => mismatch("`null` on a required field"),
        // A list's default is checked as a list and stored as JSON.
        (ExprKind::Array(_), _) if arity == Arity::List => Ok(None),
        (_, Resolved::Enum(decl)) => {
            let enum_decl = decl.syntax(ctx.db);
            match value.as_ident() {
                Some(variant) if enum_decl.variants.iter().any(|v| v.name.text == variant) => {
                    Ok(Some(Default::Variant(variant.to_string())))
                }
                Some(variant) => Err((
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
        (ExprKind::String { value, .. }, Resolved::Builtin(Scalar::Json)) => {
            literal(Literal::Json(value.clone()))
        }
        (ExprKind::String { value, .. }, Resolved::Builtin(scalar))
            if scalar.is_textual() || matches!(scalar, Scalar::DateTime | Scalar::Decimal) =>
        {
            literal(Literal::Text(value.clone()))
        }
        (ExprKind::Number(text), Resolved::Builtin(Scalar::Int)) if !text.contains('.') => {
            match text.parse() {
                Ok(n) => literal(Literal::Int(n)),
                Err(_) => mismatch("a number out of range"),
            }
        }
        (ExprKind::Number(_), Resolved::Builtin(Scalar::Int)) => mismatch("a fractional number"),
        (ExprKind::Number(text), Resolved::Builtin(Scalar::Float)) => {
            literal(Literal::Float(text.clone()))
        }
        (ExprKind::Number(text), Resolved::Builtin(Scalar::Decimal)) => {
            match Decimal::from_str_exact(text) {
                Ok(value) => literal(Literal::Decimal(value)),
                Err(_) => mismatch("a number that is not an exact decimal"),
            }
        }
        (ExprKind::Number(text), Resolved::Builtin(Scalar::Json)) => {
            literal(Literal::Json(text.clone()))
        }
        (ExprKind::Bool(b), Resolved::Builtin(Scalar::Boolean)) => literal(Literal::Bool(*b)),
        (ExprKind::Bool(b), Resolved::Builtin(Scalar::Json)) => {
            literal(Literal::Json(b.to_string()))
        }
        (ExprKind::Error, _) => Ok(None),
        (ExprKind::String { .. }, _) => mismatch("a string"),
        (ExprKind::Number(_), _) => mismatch("a number"),
        (ExprKind::Bool(_), _) => mismatch("a Boolean"),
        (ExprKind::Ident(name), _) => mismatch(&format!("`{name}`")),
        _ => mismatch("this expression"),
    }
}
