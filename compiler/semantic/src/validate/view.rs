//! Views: `view Name from A, B { ... }` with SQL bodies, keys, `@from`,
//! read policies and materialization.

use super::attributes::{LabelText, Position, check_attributes};
use super::fields::{check_decl_name, check_field_names, lower_field};
use super::types::{TypePosition, check_type_ref, resolved_type};
use super::{Ctx, policy};
use crate::model::{Refresh, View};
use crate::names::{did_you_mean, table_name};
use crate::{Provider, Resolved};
use cstack_diagnostics::{Code, Label};
use cstack_syntax::ast::{Attribute, ExprKind, Field};

pub fn validate_view(ctx: &mut Ctx<'_>) -> Option<View> {
    check_decl_name(ctx);
    let syntax = ctx.syntax;
    let anchor = ctx.anchor();
    let fields = ctx.own_fields();
    check_field_names(ctx, &fields, true);
    check_sources(ctx);
    let mut lowered = Vec::new();
    for field in &syntax.fields {
        check_attributes(ctx, &field.attributes, Position::ViewField, anchor);
        let resolved = field
            .ty
            .as_ref()
            .and_then(|ty| check_type_ref(ctx, ty, TypePosition::ViewField, anchor));
        let source = field
            .attribute("from")
            .and_then(|from| check_from(ctx, field, from, resolved));
        if let (Some(ty), Some(resolved)) = (&field.ty, resolved) {
            let ty = resolved_type(ctx, ty, resolved);
            let mut lowered_field = lower_field(field, ty, None, None, Vec::new());
            lowered_field.source = source;
            lowered.push(lowered_field);
        }
    }
    check_attributes(ctx, &syntax.attributes, Position::OtherLine, anchor);
    let block = check_attributes(ctx, &syntax.block_attributes, Position::ViewBlock, anchor);
    let has = |name: &str| block.iter().any(|a| a.name.text == name);
    let has_body = |name: &str| {
        block.iter().any(|a| {
            a.name.text == name
                && a.positional()
                    .next()
                    .is_some_and(|v| v.as_string().is_some())
        })
    };
    for attribute in block
        .iter()
        .filter(|a| matches!(a.name.text.as_str(), "server_sql" | "embedded_sql" | "sql"))
    {
        let ok = attribute.args().len() == 1
            && attribute.args()[0].name.is_none()
            && attribute.args()[0].value.as_string().is_some();
        if !ok {
            ctx.error(
                Code::InvalidAttributeArguments,
                format!(
                    "`{}` takes one SQL string, `\"...\"` or `\"\"\"...\"\"\"`",
                    attribute.display_name()
                ),
                attribute
                    .arguments
                    .as_ref()
                    .map_or(attribute.range, |a| a.range),
            )
            .with_label_text("expected a SQL string");
        }
    }
    let server_body = has_body("server_sql") || has_body("sql");
    if !server_body && !has_body("embedded_sql") {
        ctx.error(
            Code::ViewWithoutSql,
            format!(
                "view `{}` must declare a SQL body via `@@server_sql`, `@@embedded_sql` or `@@sql`",
                ctx.name()
            ),
            syntax.name_range(),
        )
        .with_label_text("no SQL body");
    }
    let materialized = block
        .iter()
        .find(|a| a.name.text == "materialized")
        .and_then(|materialized| {
            check_materialized(ctx, materialized, server_body, has("no_unique"))
        });
    if !has("no_unique") {
        let ids: Vec<&Field> = syntax
            .fields
            .iter()
            .filter(|f| f.has_attribute("id"))
            .collect();
        if ids.is_empty() {
            ctx.error(
                Code::ViewPrimaryKey,
                format!(
                    "view `{}` must declare exactly one `@id` field or opt out with `@@no_unique`",
                    ctx.name()
                ),
                syntax.name_range(),
            )
            .with_label_text("no `@id` field");
        }
        for extra in ids.iter().skip(1) {
            ctx.error(
                Code::ViewPrimaryKey,
                format!(
                    "view `{}` declares multiple `@id` fields; views support a single key",
                    ctx.name()
                ),
                extra
                    .attribute("id")
                    .map_or(extra.name.range, Attribute::head_range),
            )
            .with_label_text("second `@id`")
            .secondary
            .push(Label::anchored(anchor, ids[0].name.range, "first `@id`"));
        }
    }
    let mut policies = Vec::new();
    for attribute in block
        .iter()
        .filter(|a| matches!(a.name.text.as_str(), "allow" | "deny"))
    {
        policies.extend(policy::check_view_policy(ctx, attribute, &fields));
    }
    let body = |name: &str| {
        block
            .iter()
            .filter(|a| a.name.text == name)
            .find_map(|a| a.positional().next()?.as_string())
            .map(str::to_string)
    };
    Some(View {
        name: ctx.name().to_string(),
        docs: syntax.docs.clone(),
        relation: table_name(ctx.name()),
        sources: syntax.sources.iter().map(|s| s.text.clone()).collect(),
        fields: lowered,
        server_sql: body("server_sql").or_else(|| body("sql")),
        embedded_sql: body("embedded_sql").or_else(|| body("sql")),
        materialized,
        no_unique: has("no_unique"),
        policies,
    })
}

fn check_sources(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    if syntax.sources.is_empty() {
        ctx.error(
            Code::ViewWithoutSource,
            format!(
                "view `{}` must declare at least one source model via `from <Model>`",
                ctx.name()
            ),
            syntax.name_range(),
        )
        .with_label_text("no source")
        .help = Some(format!("for example `view {} from Order {{`", ctx.name()));
    }
    for source in &syntax.sources {
        if ctx.model_named(&source.text).is_none() {
            let models: Vec<String> = ctx
                .scope()
                .names_where(|resolved| matches!(resolved, Resolved::Model(_)))
                .into_iter()
                .map(str::to_string)
                .collect();
            let suggestion =
                did_you_mean(&source.text, models.iter().map(String::as_str)).map(str::to_string);
            let diagnostic = ctx
                .error(
                    Code::UnknownViewSource,
                    format!(
                        "view `{}` references unknown source model `{}`",
                        ctx.name(),
                        source.text
                    ),
                    source.range,
                )
                .with_label_text("not a model");
            if let Some(suggestion) = suggestion {
                diagnostic.suggest(&suggestion);
            }
        }
    }
}

/// `@from(Model.field)`: a field of one of the view's sources. Returns the
/// model and field it names.
fn check_from(
    ctx: &mut Ctx<'_>,
    field: &Field,
    from: &Attribute,
    resolved: Option<Resolved<'_>>,
) -> Option<(String, String)> {
    let syntax = ctx.syntax;
    let path = match from.args() {
        [argument] if argument.name.is_none() => argument.value.as_path().filter(|p| p.len() == 2),
        _ => None,
    };
    let Some(path) = path else {
        ctx.error(
            Code::InvalidFromReference,
            "`@from` takes one `Model.field` reference",
            from.arguments.as_ref().map_or(from.range, |a| a.range),
        )
        .with_label_text("expected `Model.field`");
        return None;
    };
    let (model_name, model_range) = path[0];
    let (field_name, field_range) = path[1];
    if !syntax.sources.iter().any(|s| s.text == model_name) {
        ctx.error(
            Code::InvalidFromReference,
            format!("`@from({model_name}.{field_name})` names `{model_name}`, which is not a source of view `{}`", ctx.name()),
            model_range,
        )
        .with_label_text("not a source of this view")
        .help = Some(format!(
            "sources: {}",
            syntax.sources.iter().map(|s| format!("`{}`", s.text)).collect::<Vec<_>>().join(", ")
        ));
        return None;
    }
    let (model_decl, _) = ctx.model_named(model_name)?;
    let model_fields = ctx.expanded_fields(model_decl);
    let Some(source_field) = model_fields
        .iter()
        .find(|f| f.field.name.text == field_name)
    else {
        let suggestion = did_you_mean(
            field_name,
            model_fields.iter().map(|f| f.field.name.text.as_str()),
        )
        .map(str::to_string);
        let diagnostic = ctx
            .error(
                Code::InvalidFromReference,
                format!("model `{model_name}` has no field `{field_name}`"),
                field_range,
            )
            .with_label_text("unknown field");
        if let Some(suggestion) = suggestion {
            diagnostic.suggest(&suggestion);
        }
        return None;
    };
    let source = Some((model_name.to_string(), field_name.to_string()));
    let (Some(view_ty), Some(source_ty)) = (&field.ty, &source_field.field.ty) else {
        return source;
    };
    if resolved.is_some() && view_ty.name.text != source_ty.name.text {
        ctx.error(
            Code::FromTypeMismatch,
            format!(
                "view field `{}` is `{}` but `{model_name}.{field_name}` is `{}`",
                field.name.text, view_ty.name.text, source_ty.name.text
            ),
            view_ty.name.range,
        )
        .with_label_text("type differs from the source field");
    }
    source
}

/// `@@materialized(refresh = ...)`: how the view is refreshed.
fn check_materialized(
    ctx: &mut Ctx<'_>,
    materialized: &Attribute,
    server_body: bool,
    no_unique: bool,
) -> Option<Refresh> {
    let mut refresh = Some(Refresh::Manual);
    let head = materialized.head_range();
    if ctx.settings.provider == Some(Provider::Sqlite) {
        ctx.error(
            Code::MaterializedOnEmbedded,
            format!(
                "view `{}` is `@@materialized`, but materialized views are server-only and this schema's datasource is `sqlite`",
                ctx.name()
            ),
            head,
        )
        .with_label_text("not available on SQLite")
        .help = Some("remove `@@materialized`, or use the `postgresql` provider".to_string());
    }
    if ctx.settings.provider == Some(Provider::Mysql) {
        ctx.error(
            Code::MaterializedOnMysql,
            format!(
                "view `{}` is `@@materialized`, but MySQL has no materialized views and this schema's datasource is `mysql`",
                ctx.name()
            ),
            head,
        )
        .with_label_text("not available on MySQL")
        .help = Some(
            "remove `@@materialized` (a plain view reads its sources on every query), or use the `postgresql` provider"
                .to_string(),
        );
    }
    if !server_body {
        ctx.error(
            Code::InvalidMaterializedView,
            format!(
                "materialized view `{}` needs a server SQL body (`@@server_sql` or `@@sql`)",
                ctx.name()
            ),
            head,
        )
        .with_label_text("no server body");
    }
    if no_unique {
        ctx.error(
            Code::InvalidMaterializedView,
            format!(
                "materialized view `{}` cannot use `@@no_unique`: concurrent refresh needs a unique key",
                ctx.name()
            ),
            head,
        )
        .with_label_text("needs a unique key");
    }
    for argument in materialized.args() {
        let is_refresh = argument.name.as_ref().is_some_and(|n| n.text == "refresh");
        if !is_refresh {
            ctx.error(
                Code::InvalidAttributeArguments,
                "`@@materialized` takes only `refresh = \"5m\"` or `refresh = on_change`",
                argument.range,
            )
            .with_label_text("unexpected argument");
            continue;
        }
        let parsed = match &argument.value.kind {
            ExprKind::Ident(word) if word == "on_change" => Some(Refresh::OnChange),
            ExprKind::String { value, .. } => duration_seconds(value).map(Refresh::Every),
            _ => None,
        };
        refresh = refresh.and(parsed);
        if parsed.is_none() {
            ctx.error(
                Code::InvalidRefresh,
                "`refresh` must be a duration like `\"30s\"`, `\"5m\"`, `\"1h\"`, `\"1d\"`, or `on_change`",
                argument.value.range,
            )
            .with_label_text("invalid refresh");
        }
    }
    refresh
}

/// `"30s"`, `"5m"`, `"1h"`, `"1d"` in seconds; `None` for anything else,
/// including zero and an interval too long to count.
fn duration_seconds(text: &str) -> Option<u64> {
    let unit = text.chars().last()?;
    let digits = &text[..text.len() - unit.len_utf8()];
    let scale = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)?
        .checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::duration_seconds;

    #[test]
    fn durations_scale_by_their_unit() {
        assert_eq!(duration_seconds("30s"), Some(30));
        assert_eq!(duration_seconds("5m"), Some(300));
        assert_eq!(duration_seconds("2h"), Some(7_200));
        assert_eq!(duration_seconds("1d"), Some(86_400));
        assert_eq!(duration_seconds("0s"), None);
        assert_eq!(duration_seconds("5w"), None);
        assert_eq!(duration_seconds("99999999999999999999d"), None);
        assert_eq!(duration_seconds("999999999999999999d"), None);
    }
}
