//! The closed attribute lists: which attributes exist in each position, which
//! take arguments, which may repeat. Unknown names get a "did you mean".

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

use Position::*;

impl Position {
    /// `@@` positions; every other position holds single-`@` attributes.
    fn is_block(self) -> bool {
        matches!(self, ModelBlock | ViewBlock | OtherBlock)
    }

    fn is_field(self) -> bool {
        matches!(
            self,
            ModelField | MixinField | TypeField | AuthField | ViewField
        )
    }

    fn describe(self) -> &'static str {
        match self {
            ModelField => "on a model field",
            MixinField => "on a mixin field",
            TypeField => "on a type field",
            AuthField => "on an auth field",
            ViewField => "on a view field",
            EnumVariant => "on an enum variant",
            ModelBlock => "in a model",
            ViewBlock => "in a view",
            OtherBlock => "in this block",
            ModelLine => "on its own line in a model",
            OtherLine => "on its own line here",
            Procedure => "on a procedure",
        }
    }
}

/// Whether an attribute takes arguments.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Bare,
    /// Arguments are required; the text is an example of them.
    Arguments(&'static str),
    /// Bare or with arguments.
    Either,
}

/// One attribute of the language.
struct Spec {
    name: &'static str,
    shape: Shape,
    repeatable: bool,
    positions: &'static [Position],
}

const fn spec(name: &'static str, shape: Shape, positions: &'static [Position]) -> Spec {
    Spec {
        name,
        shape,
        repeatable: false,
        positions,
    }
}

const fn repeatable(name: &'static str, shape: Shape, positions: &'static [Position]) -> Spec {
    Spec {
        name,
        shape,
        repeatable: true,
        positions,
    }
}

use Shape::{Arguments, Bare, Either};

/// Model fields, and the fields mixins give to models.
const STORED: &[Position] = &[ModelField, MixinField];
/// Fields that carry values with validators.
const VALIDATED: &[Position] = &[ModelField, MixinField, TypeField];
const POLICY: &str = "for example `@@allow(\"read\", auth() != null)`";

/// Every attribute and where it may be written.
const SPECS: &[Spec] = &[
    // Field attributes.
    spec("id", Bare, &[ModelField, AuthField, ViewField]),
    spec(
        "default",
        Arguments("for example `@default(0)`"),
        &[ModelField, MixinField, TypeField, AuthField],
    ),
    spec("unique", Bare, &[ModelField, MixinField, ViewField]),
    spec(
        "relation",
        Arguments("for example `@relation(fields: [authorId], references: [id])`"),
        STORED,
    ),
    spec("readonly", Bare, STORED),
    spec("server_only", Bare, STORED),
    spec("version", Bare, STORED),
    spec("db_enforce", Bare, STORED),
    spec(
        "rename",
        Arguments("for example `@rename(from = \"oldName\")`"),
        STORED,
    ),
    spec(
        "pii",
        Bare,
        &[ModelField, MixinField, TypeField, AuthField, ViewField],
    ),
    spec(
        "sensitive",
        Bare,
        &[ModelField, MixinField, TypeField, AuthField, ViewField],
    ),
    spec(
        "length",
        Arguments("for example `@length(min: 1, max: 200)`"),
        VALIDATED,
    ),
    spec(
        "range",
        Arguments("for example `@range(min: 0, max: 100)`"),
        VALIDATED,
    ),
    spec(
        "regex",
        Arguments("for example `@regex(\"^[a-z]+$\")`"),
        VALIDATED,
    ),
    spec("email", Bare, VALIDATED),
    spec("uri", Bare, VALIDATED),
    spec("iso4217", Bare, VALIDATED),
    spec("custom", Bare, &[TypeField]),
    spec(
        "from",
        Arguments("for example `@from(Model.field)`"),
        &[ViewField],
    ),
    repeatable(
        "use",
        Arguments("for example `@use(Timestamps)`"),
        &[ModelLine],
    ),
    // Procedure attributes.
    repeatable(
        "allow",
        Arguments("for example `@allow(auth() != null)`"),
        &[Procedure],
    ),
    repeatable(
        "deny",
        Arguments("for example `@deny(hasRole('guest'))`"),
        &[Procedure],
    ),
    spec(
        "isolation",
        Arguments("for example `@isolation(\"serializable\")`"),
        &[Procedure],
    ),
    spec(
        "api_version",
        Arguments("for example `@api_version(\"v2\")`"),
        &[Procedure],
    ),
    spec("deprecated", Either, &[Procedure]),
    spec("stream", Bare, &[Procedure]),
    spec("no_rate_limit", Bare, &[Procedure]),
    spec(
        "status",
        Arguments("for example `@status(202)`"),
        &[Procedure],
    ),
    spec("no_idempotency", Bare, &[Procedure]),
    spec(
        "authorize",
        Arguments("for example `@authorize(Post, detail, args.postId)`"),
        &[Procedure],
    ),
    // Block attributes.
    repeatable("allow", Arguments(POLICY), &[ModelBlock, ViewBlock]),
    repeatable("deny", Arguments(POLICY), &[ModelBlock, ViewBlock]),
    spec(
        "emit",
        Arguments("for example `@@emit(created, updated, deleted)`"),
        &[ModelBlock],
    ),
    spec("paged", Bare, &[ModelBlock]),
    spec("audit", Bare, &[ModelBlock]),
    spec("soft_delete", Bare, &[ModelBlock]),
    spec("subscribe", Bare, &[ModelBlock]),
    spec(
        "retain",
        Arguments("for example `@@retain(days: 30)`"),
        &[ModelBlock],
    ),
    spec("id", Arguments("for example `@@id([a, b])`"), &[ModelBlock]),
    repeatable(
        "unique",
        Arguments("for example `@@unique([a, b])`"),
        &[ModelBlock],
    ),
    repeatable(
        "index",
        Arguments("for example `@@index([a, b])`"),
        &[ModelBlock],
    ),
    spec(
        "rename",
        Arguments("for example `@@rename(from = \"OldName\")`"),
        &[ModelBlock],
    ),
    spec(
        "server_sql",
        Arguments("for example `@@server_sql(\"SELECT ...\")`"),
        &[ViewBlock],
    ),
    spec(
        "embedded_sql",
        Arguments("for example `@@embedded_sql(\"SELECT ...\")`"),
        &[ViewBlock],
    ),
    spec(
        "sql",
        Arguments("for example `@@sql(\"SELECT ...\")`"),
        &[ViewBlock],
    ),
    spec("materialized", Either, &[ViewBlock]),
    spec("no_unique", Bare, &[ViewBlock]),
];

/// Field attributes removed from the language, with what to use instead.
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

fn spec_for(name: &str, position: Position) -> Option<&'static Spec> {
    SPECS
        .iter()
        .find(|spec| spec.name == name && spec.positions.contains(&position))
}

/// The attributes `position` accepts, in catalogue order.
fn allowed_in(position: Position) -> impl Iterator<Item = &'static str> {
    SPECS
        .iter()
        .filter(move |spec| spec.positions.contains(&position))
        .map(|spec| spec.name)
}

/// The attributes of `attributes` that are known in `position`, keeping only
/// the first of a non-repeatable one: what later checks look at.
pub fn known_attributes(attributes: &[Attribute], position: Position) -> Vec<&Attribute> {
    let mut known: Vec<&Attribute> = Vec::new();
    for attribute in attributes {
        let Some(spec) = spec_for(&attribute.name.text, position) else {
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
        let Some(spec) = spec_for(name, position) else {
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
            (Bare, Some(arguments)) => {
                ctx.error_at(
                    Code::InvalidAttributeArguments,
                    format!("`{}` does not take arguments", attribute.display_name()),
                    anchor,
                    arguments.range,
                )
                .with_label_text("remove these arguments");
            }
            (Arguments(example), None) => {
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
    let exists_elsewhere = SPECS.iter().any(|spec| {
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
    let allowed: Vec<&str> = allowed_in(position).collect();
    let help = match did_you_mean(name, allowed.iter().copied()) {
        Some(suggestion) => format!("did you mean `{sigil}{suggestion}`?"),
        None if allowed.is_empty() => "no attributes are allowed here".to_string(),
        None => format!(
            "attributes allowed {}: {}",
            position.describe(),
            allowed
                .iter()
                .map(|a| format!("{sigil}{a}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    ctx.error_at(
        Code::UnknownAttribute,
        format!("unknown attribute `{sigil}{name}` {}", position.describe()),
        anchor,
        attribute.head_range(),
    )
    .with_label_text("unknown attribute")
    .help = Some(help);
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
