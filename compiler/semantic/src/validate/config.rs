//! `datasource`, `extension`, `mcp` and `transport` declarations.

use super::Ctx;
use super::attributes::LabelText;
use crate::Provider;
use crate::lang::{self, DATASOURCE_KEYS, EXTENSIONS, PROVIDERS, TRANSPORTS};
use crate::names::did_you_mean;
use cstack_diagnostics::Code;
use cstack_syntax::ast::{DeclKind, ExprKind};

pub fn validate_config(ctx: &mut Ctx<'_>) {
    match ctx.syntax.kind {
        DeclKind::Datasource => validate_datasource(ctx),
        DeclKind::Extension => validate_extension(ctx),
        DeclKind::Transport => validate_transport(ctx),
        _ => {}
    }
}

fn validate_datasource(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    for entry in &syntax.entries {
        match entry.key.text.as_str() {
            "provider" => match entry.value.as_string() {
                Some(provider) if Provider::from_name(provider).is_some() => {}
                other => {
                    let diagnostic = ctx
                        .error(
                            Code::UnknownProvider,
                            format!(
                                "unsupported datasource provider{}; expected {}",
                                other.map(|p| format!(" `{p}`")).unwrap_or_default(),
                                expected_providers()
                            ),
                            entry.value.range,
                        )
                        .with_label_text("unknown provider");
                    if let Some(suggestion) =
                        other.and_then(|p| did_you_mean(p, lang::names(PROVIDERS)))
                    {
                        diagnostic.suggest(&format!("\"{suggestion}\""));
                    } else if other.is_none() {
                        diagnostic.help = Some(
                            "write the provider as a string, e.g. `provider = \"postgresql\"`"
                                .to_string(),
                        );
                    }
                }
            },
            "url" => {
                let ok = match &entry.value.kind {
                    ExprKind::String { .. } => true,
                    ExprKind::Call { callee, arguments } => {
                        callee.as_ident() == Some("env")
                            && arguments.items.len() == 1
                            && arguments.items[0].value.as_string().is_some()
                    }
                    _ => false,
                };
                if !ok {
                    ctx.error(
                        Code::InvalidConfigEntry,
                        "`url` takes a string or `env(\"VARIABLE\")`",
                        entry.value.range,
                    )
                    .with_label_text("expected a string or `env(...)`");
                }
            }
            other => {
                let diagnostic = ctx
                    .error(
                        Code::InvalidConfigEntry,
                        format!("unknown datasource setting `{other}`"),
                        entry.key.range,
                    )
                    .with_label_text("unknown setting");
                match did_you_mean(other, DATASOURCE_KEYS.iter().copied()) {
                    Some(suggestion) => {
                        diagnostic.suggest(suggestion);
                    }
                    None => {
                        diagnostic.help =
                            Some("a datasource takes `provider` and `url`".to_string());
                    }
                }
            }
        }
    }
}

/// The providers, as the "expected" part of a message:
/// `` `postgresql`, `mysql`, `sqlite` or `none` ``.
fn expected_providers() -> String {
    let quoted: Vec<String> = lang::names(PROVIDERS)
        .map(|name| format!("`{name}`"))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn validate_extension(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    let Some(name) = &syntax.name else { return };
    if !lang::names(EXTENSIONS).any(|known| known == name.text) {
        let diagnostic = ctx
            .error(
                Code::UnknownExtension,
                format!(
                    "unknown extension `{}` (expected one of: pgvector, rate_limit)",
                    name.text
                ),
                name.range,
            )
            .with_label_text("unknown extension");
        if let Some(suggestion) = did_you_mean(&name.text, lang::names(EXTENSIONS)) {
            diagnostic.suggest(suggestion);
        }
    }
    if name.text == "pgvector" && ctx.settings.provider == Some(Provider::Sqlite) {
        ctx.error(
            Code::ServerOnlyExtension,
            "`extension pgvector` is server-only, but this schema's datasource is `sqlite`",
            name.range,
        )
        .with_label_text("not available on SQLite")
        .help = Some(
            "remove the extension and its `Vector(n)` fields, or use the `postgresql` provider"
                .to_string(),
        );
    }
    if name.text == "pgvector" && ctx.settings.provider == Some(Provider::Mysql) {
        ctx.error(
            Code::PgvectorOnMysql,
            "`extension pgvector` is PostgreSQL-only, but this schema's datasource is `mysql`",
            name.range,
        )
        .with_label_text("not available on MySQL")
        .help = Some(
            "remove the extension and its `Vector(n)` fields, or use the `postgresql` provider"
                .to_string(),
        );
    }
    if let Some(entry) = syntax.entries.first() {
        ctx.error(
            Code::InvalidConfigEntry,
            format!("extension `{}` takes no settings", name.text),
            entry.key.range,
        )
        .with_label_text("unexpected setting");
    }
}

fn validate_transport(ctx: &mut Ctx<'_>) {
    let syntax = ctx.syntax;
    match &syntax.style {
        None => {
            ctx.error(
                Code::InvalidTransport,
                "expected a transport style after `transport` (one of: rest, rpc)",
                syntax.keyword,
            )
            .with_label_text("style missing");
        }
        Some(style) if lang::names(TRANSPORTS).any(|known| known == style.text) => {}
        Some(style) if style.text == "grpc" => {
            ctx.error(
                Code::InvalidTransport,
                "`transport grpc` is no longer supported",
                style.range,
            )
            .with_label_text("removed")
            .help = Some("use `transport rpc`".to_string());
        }
        Some(style) => {
            let diagnostic = ctx
                .error(
                    Code::InvalidTransport,
                    format!(
                        "unknown transport style `{}` (expected one of: rest, rpc)",
                        style.text
                    ),
                    style.range,
                )
                .with_label_text("unknown style");
            if let Some(suggestion) = did_you_mean(&style.text, lang::names(TRANSPORTS)) {
                diagnostic.suggest(suggestion);
            }
        }
    }
}
