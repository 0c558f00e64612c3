//! The closed attribute lists: which attributes exist in each position, which
//! are bare, which may appear once. Unknown names get a "did you mean".

use super::Ctx;
use crate::names::did_you_mean;
use cstack_diagnostics::{Anchor, Code};
use cstack_syntax::ast::Attribute;

/// Where an attribute is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    ModelField,
    MixinField,
    TypeField,
    AuthField,
    ViewField,
    EnumVariant,
    /// `@@...` in a model.
    ModelBlock,
    /// `@@...` in a view.
    ViewBlock,
    /// `@@...` in a type, mixin, auth block or enum.
    OtherBlock,
    /// A single-`@` line in a model body: `@use(...)`.
    ModelLine,
    /// A single-`@` line in a type, mixin, auth block, view or enum body.
    OtherLine,
    Procedure,
}

const MODEL_FIELD: &[&str] = &[
    "id",
    "default",
    "unique",
    "relation",
    "readonly",
    "server_only",
    "pii",
    "sensitive",
    "version",
    "length",
    "range",
    "regex",
    "email",
    "uri",
    "iso4217",
    "rename",
    "db_enforce",
];
const MIXIN_FIELD: &[&str] = &[
    "default",
    "unique",
    "relation",
    "readonly",
    "server_only",
    "pii",
    "sensitive",
    "version",
    "length",
    "range",
    "regex",
    "email",
    "uri",
    "iso4217",
    "rename",
    "db_enforce",
];
const TYPE_FIELD: &[&str] = &[
    "custom",
    "default",
    "pii",
    "sensitive",
    "length",
    "range",
    "regex",
    "email",
    "uri",
    "iso4217",
];
const AUTH_FIELD: &[&str] = &["id", "default", "pii", "sensitive"];
const VIEW_FIELD: &[&str] = &["id", "from", "unique", "pii", "sensitive"];
const MODEL_BLOCK: &[&str] = &[
    "allow",
    "deny",
    "emit",
    "paged",
    "audit",
    "soft_delete",
    "subscribe",
    "retain",
    "id",
    "unique",
    "index",
    "rename",
];
const VIEW_BLOCK: &[&str] = &[
    "server_sql",
    "embedded_sql",
    "sql",
    "materialized",
    "no_unique",
    "allow",
    "deny",
];
const MODEL_LINE: &[&str] = &["use"];
const PROCEDURE: &[&str] = &[
    "allow",
    "deny",
    "isolation",
    "api_version",
    "deprecated",
    "stream",
    "no_rate_limit",
    "status",
    "no_idempotency",
    "authorize",
];

/// Single-`@` attributes that take no arguments.
const BARE: &[&str] = &[
    "id",
    "unique",
    "readonly",
    "server_only",
    "pii",
    "sensitive",
    "version",
    "email",
    "uri",
    "iso4217",
    "db_enforce",
    "custom",
    "stream",
    "no_rate_limit",
    "no_idempotency",
];

/// Single-`@` attributes that must have arguments.
const NEEDS_ARGUMENTS: &[&str] = &[
    "default",
    "relation",
    "length",
    "range",
    "regex",
    "rename",
    "from",
    "allow",
    "deny",
    "use",
    "isolation",
    "api_version",
    "status",
    "authorize",
];

/// `@@` attributes that take no arguments.
const BLOCK_BARE: &[&str] = &["paged", "audit", "soft_delete", "subscribe", "no_unique"];

/// `@@` attributes that must have arguments.
const BLOCK_NEEDS_ARGUMENTS: &[&str] = &[
    "allow",
    "deny",
    "emit",
    "retain",
    "id",
    "unique",
    "index",
    "rename",
    "server_sql",
    "embedded_sql",
    "sql",
];

/// Attributes that may be repeated in one place.
const REPEATABLE: &[&str] = &["allow", "deny", "use"];

/// `@@` attributes that may be repeated in one block.
const BLOCK_REPEATABLE: &[&str] = &["allow", "deny", "unique", "index"];

/// Attributes removed from the language, with what to use instead.
const REMOVED_FIELD: &[(&str, &str)] = &[
    (
        "pb",
        "protobuf/gRPC support was removed; delete the attribute",
    ),
    (
        "allow",
        "field-level policies were removed; use a model-level `@@allow`/`@@deny`, `@readonly` or `@server_only`",
    ),
    (
        "deny",
        "field-level policies were removed; use a model-level `@@allow`/`@@deny`, `@readonly` or `@server_only`",
    ),
];

fn known(position: Position) -> &'static [&'static str] {
    match position {
        Position::ModelField => MODEL_FIELD,
        Position::MixinField => MIXIN_FIELD,
        Position::TypeField => TYPE_FIELD,
        Position::AuthField => AUTH_FIELD,
        Position::ViewField => VIEW_FIELD,
        Position::ModelBlock => MODEL_BLOCK,
        Position::ViewBlock => VIEW_BLOCK,
        Position::ModelLine => MODEL_LINE,
        Position::Procedure => PROCEDURE,
        Position::EnumVariant | Position::OtherBlock | Position::OtherLine => &[],
    }
}

fn describe(position: Position) -> &'static str {
    match position {
        Position::ModelField => "on a model field",
        Position::MixinField => "on a mixin field",
        Position::TypeField => "on a type field",
        Position::AuthField => "on an auth field",
        Position::ViewField => "on a view field",
        Position::EnumVariant => "on an enum variant",
        Position::ModelBlock => "in a model",
        Position::ViewBlock => "in a view",
        Position::OtherBlock => "in this block",
        Position::ModelLine => "on its own line in a model",
        Position::OtherLine => "on its own line here",
        Position::Procedure => "on a procedure",
    }
}

/// Checks names, bareness and repetition of `attributes`, all written in the
/// declaration `anchor`. Returns the attributes that are known here, for the
/// caller's argument checks.
pub fn check_attributes<'a>(
    ctx: &mut Ctx<'_>,
    attributes: &'a [Attribute],
    position: Position,
    anchor: Anchor,
) -> Vec<&'a Attribute> {
    let allowed = known(position);
    let mut accepted: Vec<&'a Attribute> = Vec::new();
    for attribute in attributes {
        let name = attribute.name.text.as_str();
        if name.is_empty() {
            continue; // a syntax error was reported
        }
        let is_field = matches!(
            position,
            Position::ModelField
                | Position::MixinField
                | Position::TypeField
                | Position::AuthField
                | Position::ViewField
        );
        if is_field
            && let Some((_, instead)) = REMOVED_FIELD.iter().find(|(removed, _)| *removed == name)
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
        if !allowed.contains(&name) {
            report_unknown(ctx, attribute, position, anchor);
            continue;
        }
        let (bare, needs_arguments) = if attribute.is_block {
            (BLOCK_BARE, BLOCK_NEEDS_ARGUMENTS)
        } else {
            (BARE, NEEDS_ARGUMENTS)
        };
        if bare.contains(&name) && attribute.arguments.is_some() {
            ctx.error_at(
                Code::InvalidAttributeArguments,
                format!("`{}` does not take arguments", attribute.display_name()),
                anchor,
                attribute
                    .arguments
                    .as_ref()
                    .map_or(attribute.range, |args| args.range),
            )
            .with_label_text("remove these arguments");
        } else if needs_arguments.contains(&name) && attribute.arguments.is_none() {
            ctx.error_at(
                Code::InvalidAttributeArguments,
                format!("`{}` requires arguments", attribute.display_name()),
                anchor,
                attribute.head_range(),
            )
            .with_label_text("arguments expected")
            .help = Some(example(name).to_string());
        }
        let repeatable = if attribute.is_block {
            BLOCK_REPEATABLE
        } else {
            REPEATABLE
        };
        if !repeatable.contains(&name)
            && let Some(first) = accepted.iter().find(|earlier| earlier.name.text == name)
        {
            let first_range = first.head_range();
            let diagnostic = ctx
                .error_at(
                    Code::DuplicateAttribute,
                    format!("`{}` is declared more than once", attribute.display_name()),
                    anchor,
                    attribute.head_range(),
                )
                .with_label_text("declared again here");
            diagnostic
                .secondary
                .push(cstack_diagnostics::Label::anchored(
                    anchor,
                    first_range,
                    "first declared here",
                ));
            continue;
        }
        accepted.push(attribute);
    }
    accepted
}

fn report_unknown(ctx: &mut Ctx<'_>, attribute: &Attribute, position: Position, anchor: Anchor) {
    let name = attribute.name.text.as_str();
    let sigil = if attribute.is_block { "@@" } else { "@" };
    let allowed = known(position);
    let elsewhere = [
        MODEL_FIELD,
        TYPE_FIELD,
        AUTH_FIELD,
        VIEW_FIELD,
        MODEL_BLOCK,
        VIEW_BLOCK,
        MODEL_LINE,
        PROCEDURE,
    ]
    .iter()
    .any(|list| list.contains(&name));
    if elsewhere {
        ctx.error_at(
            Code::AttributeNotAllowedHere,
            format!("`{sigil}{name}` is not allowed {}", describe(position)),
            anchor,
            attribute.head_range(),
        )
        .with_label_text("not allowed here");
        return;
    }
    let suggestion = did_you_mean(name, allowed.iter().copied());
    let diagnostic = ctx
        .error_at(
            Code::UnknownAttribute,
            format!("unknown attribute `{sigil}{name}` {}", describe(position)),
            anchor,
            attribute.head_range(),
        )
        .with_label_text("unknown attribute");
    diagnostic.help = Some(match suggestion {
        Some(suggestion) => format!("did you mean `{sigil}{suggestion}`?"),
        None if allowed.is_empty() => "no attributes are allowed here".to_string(),
        None => format!(
            "attributes allowed {}: {}",
            describe(position),
            allowed
                .iter()
                .map(|a| format!("{sigil}{a}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    });
}

fn example(name: &str) -> &'static str {
    match name {
        "default" => "for example `@default(0)`",
        "relation" => "for example `@relation(fields: [authorId], references: [id])`",
        "length" => "for example `@length(min: 1, max: 200)`",
        "range" => "for example `@range(min: 0, max: 100)`",
        "regex" => "for example `@regex(\"^[a-z]+$\")`",
        "rename" => "for example `@rename(from = \"oldName\")`",
        "from" => "for example `@from(Model.field)`",
        "allow" | "deny" => "for example `@@allow(\"read\", auth() != null)`",
        "emit" => "for example `@@emit(created, updated, deleted)`",
        "retain" => "for example `@@retain(days: 30)`",
        "index" => "for example `@@index([a, b])`",
        "server_sql" | "embedded_sql" | "sql" => "for example `@@sql(\"SELECT ...\")`",
        "use" => "for example `@use(Timestamps)`",
        "isolation" => "for example `@isolation(\"serializable\")`",
        "api_version" => "for example `@api_version(\"v2\")`",
        "status" => "for example `@status(202)`",
        "authorize" => "for example `@authorize(Post, detail, args.postId)`",
        _ => "see the attribute's documentation",
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
