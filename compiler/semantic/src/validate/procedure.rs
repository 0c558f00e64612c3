//! Procedures: signature types, parameters and procedure attributes.

use super::attributes::{LabelText, Position, check_attributes};
use super::fields::check_decl_name;
use super::types::{TypePosition, check_type_ref, resolved_type};
use super::{Ctx, policy};
use crate::Transport;
use crate::lang::{AUTHORIZE_ACTIONS, ISOLATION_LEVELS};
use crate::model::{Authorize, Isolation, Parameter, Procedure, Returns};
use crate::names::{is_reserved, to_snake_case};
use cstack_diagnostics::Code;
use cstack_syntax::ast::{Arity, Attribute, ExprKind};
use rustc_hash::FxHashMap;

pub fn validate_procedure(ctx: &mut Ctx<'_>) -> Option<Procedure> {
    check_decl_name(ctx);
    let syntax = ctx.syntax;
    let anchor = ctx.anchor();
    let mut seen = FxHashMap::default();
    let mut parameters = Some(Vec::new());
    for parameter in &syntax.parameters {
        let name = parameter.name.text.as_str();
        if let Some(first) = seen.insert(name, parameter.name.range) {
            ctx.redeclared(
                Code::DuplicateParameter,
                format!(
                    "procedure `{}` declares parameter `{name}` more than once",
                    ctx.name()
                ),
                (anchor, parameter.name.range),
                (anchor, first),
            );
        }
        if is_reserved(name) {
            ctx.error(
                Code::ReservedName,
                format!("procedure argument `{name}` on procedure `{}` cannot be represented as a Rust identifier", ctx.name()),
                parameter.name.range,
            )
            .with_label_text("reserved name");
        }
        let resolved = parameter.ty.as_ref().and_then(|ty| {
            Some((
                ty,
                check_type_ref(ctx, ty, TypePosition::ProcedureArgument, anchor)?,
            ))
        });
        parameters = parameters
            .zip(resolved)
            .map(|(mut parameters, (ty, resolved))| {
                let resolved = resolved_type(ctx, ty, resolved);
                parameters.push(Parameter {
                    name: parameter.name.text.clone(),
                    ty: resolved,
                    arity: ty.arity,
                    docs: parameter.docs.clone(),
                });
                parameters
            });
    }
    check_setter_collisions(ctx);
    let returns = syntax.return_type.as_ref().and_then(|ty| {
        let resolved = check_type_ref(ctx, ty, TypePosition::ProcedureReturn, anchor)?;
        let resolved = resolved_type(ctx, ty, resolved);
        Some(Returns {
            ty: resolved,
            arity: ty.arity,
        })
    });
    let mut procedure = Procedure {
        name: ctx.name().to_string(),
        mutation: syntax.mutation,
        docs: syntax.docs.clone(),
        parameters: Vec::new(),
        returns: returns?,
        rules: Vec::new(),
        isolation: None,
        api_version: None,
        deprecated: None,
        stream: false,
        no_rate_limit: false,
        status: None,
        no_idempotency: false,
        authorize: None,
    };
    let attributes = check_attributes(ctx, &syntax.attributes, Position::Procedure, anchor);
    for attribute in attributes {
        check_attribute(ctx, attribute, &mut procedure);
    }
    procedure.parameters = parameters?;
    Some(procedure)
}

fn check_setter_collisions(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    let snakes: Vec<String> = syntax
        .parameters
        .iter()
        .map(|p| to_snake_case(&p.name.text))
        .collect();
    for (parameter, snake) in syntax.parameters.iter().zip(&snakes) {
        let clash = if snake == "set_build" && snakes.iter().any(|s| s == "build") {
            Some(
                "declares both `build` and `set_build`; the builder's setter would clash"
                    .to_string(),
            )
        } else {
            snake.strip_prefix("add_").and_then(|rest| {
                syntax
                    .parameters
                    .iter()
                    .find(|p| p.name.text == rest && p.ty.as_ref().is_some_and(|t| t.arity == Arity::List))
                    .map(|list| format!("declares list argument `{}` alongside `{}`; the builder's append method would clash", list.name.text, parameter.name.text))
            })
        };
        if let Some(clash) = clash {
            ctx.error(
                Code::FieldNameCollision,
                format!("procedure `{}` {clash}", ctx.name()),
                parameter.name.range,
            )
            .with_label_text("collides with generated code");
        }
    }
}

fn single_string(attribute: &Attribute) -> Option<&str> {
    match attribute.args() {
        [argument] if argument.name.is_none() => argument.value.as_string(),
        _ => None,
    }
}

/// Checks one procedure attribute and records what it says in `procedure`.
fn check_attribute(ctx: &mut Ctx<'_>, attribute: &Attribute, procedure: &mut Procedure) {
    let syntax = ctx.syntax;
    let name = ctx.name();
    let args_range = attribute
        .arguments
        .as_ref()
        .map_or(attribute.range, |a| a.range);
    match attribute.name.text.as_str() {
        "allow" | "deny" => {
            procedure.rules.extend(policy::check_procedure_policy(
                ctx,
                attribute,
                &syntax.parameters,
            ));
        }
        "isolation" => match single_string(attribute) {
            Some(level) if isolation(level).is_some() => procedure.isolation = isolation(level),
            Some(level) => {
                ctx.error(
                    Code::InvalidProcedureAttribute,
                    format!(
                        "unknown transaction isolation level `{}`",
                        level.trim().to_lowercase()
                    ),
                    args_range,
                )
                .with_label_text("unknown level")
                .help = Some(
                    "expected one of: read_committed, repeatable_read, serializable".to_string(),
                );
            }
            None => {
                ctx.error(
                    Code::InvalidProcedureAttribute,
                    "`@isolation` requires a quoted level, like `@isolation(\"serializable\")`",
                    args_range,
                )
                .with_label_text("expected a quoted level");
            }
        },
        "api_version" => match single_string(attribute) {
            Some(version)
                if !version.is_empty()
                    && version
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) =>
            {
                procedure.api_version = Some(version.to_string());
            }
            Some(_) => {
                ctx.error(
                    Code::InvalidProcedureAttribute,
                    "`@api_version` must be non-empty and contain only alphanumeric, '.', '-' or '_' characters",
                    args_range,
                )
                .with_label_text("invalid version");
            }
            None => {
                ctx.error(
                    Code::InvalidProcedureAttribute,
                    "`@api_version` requires a quoted value, like `@api_version(\"v2\")`",
                    args_range,
                )
                .with_label_text("expected a quoted value");
            }
        },
        "deprecated" if attribute.arguments.is_some() && single_string(attribute).is_none() => {
            ctx.error(
                Code::InvalidProcedureAttribute,
                "`@deprecated` takes no argument or one quoted message",
                args_range,
            )
            .with_label_text("expected a quoted message");
        }
        "deprecated" => procedure.deprecated = Some(single_string(attribute).map(str::to_string)),
        "stream"
            if syntax
                .return_type
                .as_ref()
                .is_some_and(|t| t.arity != Arity::List) =>
        {
            ctx.error(
                Code::StreamWithoutList,
                format!(
                    "procedure `{name}` declares `@stream` but does not return a list type (`T[]`)"
                ),
                attribute.head_range(),
            )
            .with_label_text("needs a list return type");
        }
        "stream" => procedure.stream = true,
        "no_rate_limit" if !ctx.settings.rate_limit => {
            ctx.error(
                    Code::RateLimitWithoutExtension,
                    format!("procedure `{name}` uses `@no_rate_limit`, but the schema does not declare `extension rate_limit`"),
                    attribute.head_range(),
                )
                .with_label_text("needs the rate_limit extension");
        }
        "no_rate_limit" => procedure.no_rate_limit = true,
        "no_idempotency" => procedure.no_idempotency = true,
        "status" => procedure.status = check_status(ctx, attribute),
        "authorize" => procedure.authorize = check_authorize(ctx, attribute),
        _ => {}
    }
}

/// The isolation level `text` names: its canonical spelling, any case,
/// with a space for the underscore.
fn isolation(text: &str) -> Option<Isolation> {
    let level = text.trim().to_lowercase().replace(' ', "_");
    if !ISOLATION_LEVELS.contains(&level.as_str()) {
        return None;
    }
    Some(match level.as_str() {
        "read_committed" => Isolation::ReadCommitted,
        "repeatable_read" => Isolation::RepeatableRead,
        _ => Isolation::Serializable,
    })
}

/// `@status(code)`: a 2xx code under `transport rest`.
fn check_status(ctx: &mut Ctx<'_>, attribute: &Attribute) -> Option<u16> {
    let name = ctx.name();
    if ctx.settings.transport == Transport::Rpc {
        ctx.error(
            Code::StatusUnderRpc,
            format!("procedure `{name}` declares `@status`, a REST-only attribute, but the schema declares `transport rpc`"),
            attribute.head_range(),
        )
        .with_label_text("REST only")
        .help = Some("remove `@status`, or switch the schema to `transport rest`".to_string());
        return None;
    }
    let value = match attribute.args() {
        [argument] if argument.name.is_none() => Some(&argument.value),
        _ => None,
    };
    let args_range = attribute
        .arguments
        .as_ref()
        .map_or(attribute.range, |a| a.range);
    let Some(value) = value else {
        ctx.error(
            Code::InvalidProcedureAttribute,
            "`@status` takes one HTTP status code",
            args_range,
        )
        .with_label_text("expected a status code");
        return None;
    };
    let code = match &value.kind {
        ExprKind::Number(text) => text.parse::<u16>().ok(),
        _ => None,
    };
    match code {
        Some(code) if (200..=299).contains(&code) => return Some(code),
        Some(code) => {
            ctx.error(
                Code::InvalidProcedureAttribute,
                format!("procedure `{name}` `@status({code})` is outside the allowed 2xx range 200..=299"),
                value.range,
            )
            .with_label_text("not a 2xx status")
            .help = Some("error statuses come from error mapping, not `@status`".to_string());
        }
        None => {
            ctx.error(
                Code::InvalidProcedureAttribute,
                "`@status` must be an integer HTTP status code",
                value.range,
            )
            .with_label_text("expected an integer");
        }
    }
    None
}

/// `@authorize(Model, action, args.path)`.
fn check_authorize(ctx: &mut Ctx<'_>, attribute: &Attribute) -> Option<Authorize> {
    let args = attribute.args();
    let args_range = attribute
        .arguments
        .as_ref()
        .map_or(attribute.range, |a| a.range);
    if args.len() != 3 || args.iter().any(|a| a.name.is_some()) {
        ctx.error(
            Code::InvalidAuthorize,
            "`@authorize` takes three arguments: `(Model, action, args.path)`",
            args_range,
        )
        .with_label_text("expected `(Model, action, path)`");
        return None;
    }
    let model_name = args[0].value.as_ident().unwrap_or("");
    let Some((model_decl, _)) = ctx.model_named(model_name) else {
        ctx.error(
            Code::InvalidAuthorize,
            format!("`@authorize` names `{model_name}`, which is not a model"),
            args[0].value.range,
        )
        .with_label_text("not a model");
        return None;
    };
    let action = args[1]
        .value
        .as_ident()
        .or_else(|| args[1].value.as_string())
        .unwrap_or("");
    let known_action = AUTHORIZE_ACTIONS.contains(&action);
    if !known_action {
        ctx.error(
            Code::InvalidAuthorize,
            format!("`@authorize` action `{action}` is not one of detail, read, update, delete"),
            args[1].value.range,
        )
        .with_label_text("unknown action");
    }
    let Some(path) = args[2].value.as_path() else {
        ctx.error(
            Code::InvalidAuthorize,
            "`@authorize` takes a path into the arguments, like `args.postId`",
            args[2].value.range,
        )
        .with_label_text("expected a path");
        return None;
    };
    let syntax = ctx.syntax;
    let Some(parameter) = syntax.parameters.iter().find(|p| p.name.text == path[0].0) else {
        ctx.error(
            Code::InvalidAuthorize,
            format!("procedure has no argument `{}`", path[0].0),
            path[0].1,
        )
        .with_label_text("unknown argument");
        return None;
    };
    let mut current = parameter.ty.clone();
    for (segment, range) in &path[1..] {
        let next = current
            .as_ref()
            .and_then(|ty| ctx.type_named(&ty.name.text))
            .and_then(|decl| decl.field(segment))
            .and_then(|field| field.ty.clone());
        if next.is_none() {
            ctx.error(
                Code::InvalidAuthorize,
                format!("no input field `{segment}` on this path"),
                *range,
            )
            .with_label_text("unknown field");
            return None;
        }
        current = next;
    }
    let key = ctx
        .expanded_fields(model_decl)
        .iter()
        .find(|f| f.field.has_attribute("id"))
        .and_then(|f| f.field.ty.clone());
    if let (Some(current), Some(key)) = (current, key)
        && (current.name.text != key.name.text || current.arity != key.arity)
    {
        ctx.error(
            Code::InvalidAuthorize,
            format!(
                "`@authorize` path is `{}` but `{model_name}`'s key is `{}`",
                current.name.text, key.name.text
            ),
            args[2].value.range,
        )
        .with_label_text("type differs from the model key");
        return None;
    }
    known_action.then(|| Authorize {
        model: model_name.to_string(),
        action: action.to_string(),
        path: path
            .iter()
            .map(|(segment, _)| segment.to_string())
            .collect(),
    })
}
