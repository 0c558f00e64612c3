//! Type references: that names resolve, and where the built-in generics
//! (`Page<T>`, `FindMany<T>`, `PageInput`, `Vector(n)`) may appear.

use super::Ctx;
use super::attributes::LabelText;
use crate::model::Type;
use crate::names::did_you_mean;
use crate::{Provider, Resolved, Scalar};
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::{Arity, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypePosition {
    ModelField,
    OtherField,
    ViewField,
    ProcedureArgument,
    ProcedureReturn,
}

/// The resolved type `ty` stands for, its name resolving to `resolved`.
pub fn resolved_type(ctx: &Ctx<'_>, ty: &TypeRef, resolved: Resolved<'_>) -> Type {
    let name = ty.name.text.clone();
    let inner = || ty.arguments.as_ref().and_then(|a| a.first());
    match resolved {
        Resolved::Builtin(Scalar::Vector) => Type::Vector(
            ty.parameters
                .as_ref()
                .and_then(|p| p.first())
                .and_then(|p| p.text.parse().ok())
                .unwrap_or(0),
        ),
        Resolved::Builtin(Scalar::Page) => {
            let inner = inner()
                .map(|inner| inner.name.text.clone())
                .unwrap_or_default();
            Type::Page(Box::new(match ctx.resolve(&inner) {
                Some(Resolved::Model(_)) => Type::Model(inner),
                _ => Type::Record(inner),
            }))
        }
        Resolved::Builtin(Scalar::FindMany) => Type::FindMany(
            inner()
                .map(|inner| inner.name.text.clone())
                .unwrap_or_default(),
        ),
        Resolved::Builtin(scalar) => Type::Scalar(scalar),
        Resolved::Enum(_) => Type::Enum(name),
        Resolved::Model(_) => Type::Model(name),
        Resolved::Type(_) | Resolved::Mixin(_) | Resolved::Auth(_) => Type::Record(name),
    }
}

/// Checks `ty` and returns what its name resolves to, when it does.
pub fn check_type_ref<'db>(
    ctx: &mut Ctx<'db>,
    ty: &TypeRef,
    position: TypePosition,
    anchor: Anchor,
) -> Option<Resolved<'db>> {
    let name = ty.name.text.as_str();
    let Some(resolved) = ctx.resolve(name) else {
        let suggestion = did_you_mean(name, ctx.scope().type_names());
        let diagnostic = ctx
            .error_at(
                Code::UnknownType,
                format!("unknown type `{name}`"),
                anchor,
                ty.name.range,
            )
            .with_label_text("not a built-in or declared type");
        match suggestion {
            Some(suggestion) => {
                diagnostic.suggest(suggestion);
            }
            None => {
                diagnostic.help = Some("declare it as a `model`, `type` or `enum`, or use a built-in type such as `String` or `Int`"
                    .to_string());
            }
        }
        return None;
    };
    let scalar = match resolved {
        Resolved::Builtin(scalar) => Some(scalar),
        _ => None,
    };
    if ty.arguments.is_some() && !matches!(scalar, Some(Scalar::Page | Scalar::FindMany)) {
        ctx.error_at(
            Code::InvalidTypeArguments,
            format!("type `{name}` does not take type arguments"),
            anchor,
            ty.range,
        )
        .with_label_text("unexpected `<...>`");
    }
    if ty.parameters.is_some() && scalar != Some(Scalar::Vector) {
        ctx.error_at(
            Code::InvalidTypeArguments,
            format!("type `{name}` does not accept a parametric argument"),
            anchor,
            ty.range,
        )
        .with_label_text("unexpected `(...)`");
    }
    if position == TypePosition::ViewField
        && !matches!(resolved, Resolved::Builtin(_) | Resolved::Enum(_))
    {
        ctx.error_at(
            Code::InvalidTypeUsage,
            format!("view field types are scalars or enums; `{name}` is not"),
            anchor,
            ty.name.range,
        )
        .with_label_text("not a scalar or enum");
    }
    match scalar {
        Some(Scalar::FindMany) => check_find_many(ctx, ty, position, anchor),
        Some(Scalar::PageInput) => check_page_input(ctx, ty, position, anchor),
        Some(Scalar::Page) => check_page(ctx, ty, position, anchor),
        Some(Scalar::Vector) => check_vector(ctx, ty, position, anchor),
        _ => {}
    }
    Some(resolved)
}

fn usage(ctx: &mut Ctx<'_>, anchor: Anchor, ty: &TypeRef, message: String, label: &str) {
    ctx.error_at(Code::InvalidTypeUsage, message, anchor, ty.range)
        .with_label_text(label);
}

/// The single inner type of `Page<T>`/`FindMany<T>`, after reporting shape errors.
fn single_argument<'t>(ctx: &mut Ctx<'_>, ty: &'t TypeRef, anchor: Anchor) -> Option<&'t TypeRef> {
    match ty.arguments.as_deref() {
        Some([inner]) => Some(inner),
        _ => {
            usage(
                ctx,
                anchor,
                ty,
                format!("`{}<T>` requires exactly one inner type", ty.name.text),
                "one inner type expected",
            );
            None
        }
    }
}

fn check_find_many(ctx: &mut Ctx<'_>, ty: &TypeRef, position: TypePosition, anchor: Anchor) {
    if position != TypePosition::ProcedureArgument {
        return usage(
            ctx,
            anchor,
            ty,
            "`FindMany<T>` is only supported as a procedure argument type".into(),
            "not allowed here",
        );
    }
    if ty.arity == Arity::List {
        return usage(
            ctx,
            anchor,
            ty,
            "`FindMany<T>` cannot be list-valued".into(),
            "remove `[]`",
        );
    }
    let Some(inner) = single_argument(ctx, ty, anchor) else {
        return;
    };
    check_inner(ctx, ty, inner, anchor, false);
}

fn check_page(ctx: &mut Ctx<'_>, ty: &TypeRef, position: TypePosition, anchor: Anchor) {
    if position != TypePosition::ProcedureReturn {
        return usage(
            ctx,
            anchor,
            ty,
            "`Page<T>` is only supported as a procedure return type".into(),
            "not allowed here",
        );
    }
    if ty.arity != Arity::Required {
        return usage(
            ctx,
            anchor,
            ty,
            "`Page<T>` cannot be optional or list-valued".into(),
            "remove the modifier",
        );
    }
    let Some(inner) = single_argument(ctx, ty, anchor) else {
        return;
    };
    check_inner(ctx, ty, inner, anchor, true);
}

/// `T` of `Page<T>` (models or types) and `FindMany<T>` (models only).
fn check_inner(
    ctx: &mut Ctx<'_>,
    outer: &TypeRef,
    inner: &TypeRef,
    anchor: Anchor,
    allow_type: bool,
) {
    let outer_name = &outer.name.text;
    if inner.arity != Arity::Required || inner.arguments.is_some() {
        return usage(
            ctx,
            anchor,
            inner,
            format!("`{outer_name}<T>` requires a direct, required item type"),
            "expected a plain model name",
        );
    }
    match ctx.resolve(&inner.name.text) {
        Some(Resolved::Model(_)) => {}
        Some(Resolved::Type(_)) if allow_type => {}
        Some(_) => {
            let expected = if allow_type {
                "declared models or types"
            } else {
                "declared models"
            };
            usage(
                ctx,
                anchor,
                inner,
                format!(
                    "`{outer_name}<T>` only supports {expected}; `{}` is not one",
                    inner.name.text
                ),
                "not allowed as the item type",
            );
        }
        None => {
            check_type_ref(ctx, inner, TypePosition::ProcedureArgument, anchor);
        }
    }
}

fn check_page_input(ctx: &mut Ctx<'_>, ty: &TypeRef, position: TypePosition, anchor: Anchor) {
    if position != TypePosition::ProcedureArgument {
        return usage(
            ctx,
            anchor,
            ty,
            "`PageInput` is only supported as a procedure argument type".into(),
            "not allowed here",
        );
    }
    if ty.arity == Arity::List {
        usage(
            ctx,
            anchor,
            ty,
            "`PageInput` cannot be list-valued".into(),
            "remove `[]`",
        );
    }
}

fn check_vector(ctx: &mut Ctx<'_>, ty: &TypeRef, position: TypePosition, anchor: Anchor) {
    if !matches!(
        position,
        TypePosition::ModelField | TypePosition::OtherField
    ) {
        return usage(
            ctx,
            anchor,
            ty,
            "`Vector(n)` is only supported on model, mixin, type and auth fields".into(),
            "not allowed here",
        );
    }
    if !ctx.settings.pgvector {
        // On a datasource that cannot store vectors, declaring the
        // extension would only trade this error for E8006 or E8007.
        let help = match ctx.settings.provider {
            Some(provider @ (Provider::Sqlite | Provider::Mysql)) => format!(
                "pgvector is PostgreSQL-only and this schema's datasource is `{}`: remove the field, or use the `postgresql` provider and declare `extension pgvector {{\n}}`",
                provider.name()
            ),
            _ => "declare `extension pgvector {\n}` in the schema".to_string(),
        };
        ctx.error_at(
            Code::VectorWithoutExtension,
            "field type `Vector(n)` requires `extension pgvector { }`",
            anchor,
            ty.name.range,
        )
        .with_label_text("needs the pgvector extension")
        .help = Some(help);
    }
    if ty.arity == Arity::List {
        usage(
            ctx,
            anchor,
            ty,
            "`Vector(n)` cannot be list-valued".into(),
            "remove `[]`",
        );
    }
    match ty.parameters.as_deref() {
        Some([dimension]) if dimension.is_number => match dimension.text.parse::<u32>() {
            Ok(0) => {
                ctx.error_at(
                    Code::InvalidTypeArguments,
                    "`Vector(n)` dimension must be greater than zero",
                    anchor,
                    dimension.range,
                )
                .with_label_text("zero dimensions");
            }
            Ok(_) => {}
            Err(_) => {
                ctx.error_at(
                    Code::InvalidTypeArguments,
                    format!(
                        "`Vector(n)` dimension must be a positive integer, got `{}`",
                        dimension.text
                    ),
                    anchor,
                    dimension.range,
                )
                .with_label_text("not a positive integer");
            }
        },
        _ => {
            ctx.error_at(
                Code::InvalidTypeArguments,
                "`Vector` requires exactly one integer dimension, e.g. `Vector(1536)`",
                anchor,
                ty.range,
            )
            .with_label_text("dimension expected");
        }
    }
}
