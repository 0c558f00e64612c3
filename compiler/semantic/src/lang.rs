//! The catalogue of the language's vocabulary: every attribute (where it
//! may be written, what arguments it takes, whether it repeats, what it
//! means), the default functions, the policy functions, actions and
//! quantifiers, referential actions, providers, extensions, transports,
//! event operations, isolation levels, declaration keywords and built-in
//! types.
//!
//! One table, read by the checker (which attributes exist where, with what
//! shape), by completion and hover (summaries and snippets) and by the
//! documentation test that keeps `docs/language.md` complete. Adding a word
//! to the language starts here.

use crate::Scalar;
use cstack_syntax::ast::DeclKind;

/// Where an attribute is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    pub fn is_block(self) -> bool {
        matches!(self, ModelBlock | ViewBlock | OtherBlock)
    }

    pub fn is_field(self) -> bool {
        matches!(
            self,
            ModelField | MixinField | TypeField | AuthField | ViewField
        )
    }

    /// Where the attributes of a member (a field, or an enum variant) of a
    /// `kind` declaration are written; `None` where members take none.
    pub fn of_member(kind: DeclKind) -> Option<Position> {
        match kind {
            DeclKind::Model => Some(ModelField),
            DeclKind::Mixin => Some(MixinField),
            DeclKind::Type => Some(TypeField),
            DeclKind::Auth => Some(AuthField),
            DeclKind::View => Some(ViewField),
            DeclKind::Enum => Some(EnumVariant),
            _ => None,
        }
    }

    /// Where the `@@` lines of a `kind` body are written.
    pub fn of_block(kind: DeclKind) -> Option<Position> {
        match kind {
            DeclKind::Model => Some(ModelBlock),
            DeclKind::View => Some(ViewBlock),
            DeclKind::Type | DeclKind::Mixin | DeclKind::Auth | DeclKind::Enum => Some(OtherBlock),
            _ => None,
        }
    }

    /// Where the single-`@` lines of a `kind` declaration that belong to
    /// no member are written.
    pub fn of_line(kind: DeclKind) -> Option<Position> {
        match kind {
            DeclKind::Model => Some(ModelLine),
            DeclKind::Procedure => Some(Procedure),
            DeclKind::Type | DeclKind::Mixin | DeclKind::Auth | DeclKind::View | DeclKind::Enum => {
                Some(OtherLine)
            }
            _ => None,
        }
    }

    /// "on a model field", "in a view", ...: for messages.
    pub fn describe(self) -> &'static str {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Bare,
    /// Arguments are required; the text is an example of them.
    Arguments(&'static str),
    /// Bare or with arguments.
    Either,
}

/// One attribute of the language. An attribute name may appear twice, once
/// as `@name` and once as `@@name` (`allow`, `deny`, `id`, `unique`,
/// `rename`); its positions say which.
#[derive(Debug)]
pub struct AttributeSpec {
    pub name: &'static str,
    pub shape: Shape,
    pub repeatable: bool,
    pub positions: &'static [Position],
    /// What it means, for hover and completion.
    pub summary: &'static str,
    /// Its arguments as an LSP snippet (without the name), empty when bare.
    pub snippet: &'static str,
}

impl AttributeSpec {
    pub fn is_block(&self) -> bool {
        self.positions.iter().any(|position| position.is_block())
    }

    /// `@name` or `@@name`.
    pub fn display(&self) -> String {
        format!("{}{}", if self.is_block() { "@@" } else { "@" }, self.name)
    }
}

const fn attribute(
    name: &'static str,
    shape: Shape,
    positions: &'static [Position],
    summary: &'static str,
    snippet: &'static str,
) -> AttributeSpec {
    AttributeSpec {
        name,
        shape,
        repeatable: false,
        positions,
        summary,
        snippet,
    }
}

const fn repeatable(
    name: &'static str,
    shape: Shape,
    positions: &'static [Position],
    summary: &'static str,
    snippet: &'static str,
) -> AttributeSpec {
    AttributeSpec {
        repeatable: true,
        ..attribute(name, shape, positions, summary, snippet)
    }
}

use Shape::{Arguments, Bare, Either};

/// Model fields, and the fields mixins give to models.
const STORED: &[Position] = &[ModelField, MixinField];
/// Fields that carry values with validators.
const VALIDATED: &[Position] = &[ModelField, MixinField, TypeField];
/// Fields that may be marked as holding personal or secret data.
const MARKED: &[Position] = &[ModelField, MixinField, TypeField, AuthField, ViewField];
const POLICY: &str = "for example `@@allow(\"read\", auth() != null)`";

/// Every attribute, in the order completion offers them.
pub const ATTRIBUTES: &[AttributeSpec] = &[
    // Field attributes.
    attribute(
        "id",
        Bare,
        &[ModelField, AuthField, ViewField],
        "Marks the primary key field of a model.",
        "",
    ),
    attribute(
        "default",
        Arguments("for example `@default(0)`"),
        &[ModelField, MixinField, TypeField, AuthField],
        "The value a field takes when none is given: a literal, an enum variant, `auth().x`, or a default function such as `now()` or `autoincrement()`.",
        "(${1:value})",
    ),
    attribute(
        "unique",
        Bare,
        &[ModelField, MixinField, ViewField],
        "The field's values are unique: a unique index in the database.",
        "",
    ),
    attribute(
        "relation",
        Arguments("for example `@relation(fields: [authorId], references: [id])`"),
        STORED,
        "Declares a relation: `fields` are this model's foreign-key fields, `references` the referenced model's fields; `onDelete`/`onUpdate` set referential actions.",
        "(fields: [${1}], references: [${2:id}])",
    ),
    attribute(
        "readonly",
        Bare,
        STORED,
        "Clients can read the field but never write it after creating the row.",
        "",
    ),
    attribute(
        "server_only",
        Bare,
        STORED,
        "The field never leaves the server: it is not part of any client type.",
        "",
    ),
    attribute(
        "version",
        Bare,
        STORED,
        "An optimistic-concurrency version counter, checked and bumped on every update.",
        "",
    ),
    attribute(
        "db_enforce",
        Bare,
        STORED,
        "Enforces the field's validators in the database as well (CHECK constraints).",
        "",
    ),
    attribute(
        "rename",
        Arguments("for example `@rename(from = \"oldName\")`"),
        STORED,
        "The field was renamed: `from` is its old name, so a migration renames the column and keeps the data.",
        "(from = \"${1:oldName}\")",
    ),
    attribute(
        "pii",
        Bare,
        MARKED,
        "The field holds personal data: redacted in logs and audit records.",
        "",
    ),
    attribute(
        "sensitive",
        Bare,
        MARKED,
        "The field holds secrets: never logged, masked in audit records.",
        "",
    ),
    attribute(
        "length",
        Arguments("for example `@length(min: 1, max: 200)`"),
        VALIDATED,
        "Validates the length of a text value: `min` and/or `max` characters.",
        "(min: ${1:1}, max: ${2:200})",
    ),
    attribute(
        "range",
        Arguments("for example `@range(min: 0, max: 100)`"),
        VALIDATED,
        "Validates a number: `min` and/or `max`, inclusive; exact decimals on `Decimal` fields.",
        "(min: ${1:0}, max: ${2:100})",
    ),
    attribute(
        "regex",
        Arguments("for example `@regex(\"^[a-z]+$\")`"),
        VALIDATED,
        "Validates a text value against a regular expression.",
        "(\"${1:^.*$}\")",
    ),
    attribute(
        "email",
        Bare,
        VALIDATED,
        "Validates that a text value is an e-mail address.",
        "",
    ),
    attribute(
        "uri",
        Bare,
        VALIDATED,
        "Validates that a text value is a URI.",
        "",
    ),
    attribute(
        "iso4217",
        Bare,
        VALIDATED,
        "Validates that a text value is an ISO 4217 currency code.",
        "",
    ),
    attribute(
        "custom",
        Bare,
        &[TypeField],
        "The field is validated by custom code you provide.",
        "",
    ),
    attribute(
        "from",
        Arguments("for example `@from(Model.field)`"),
        &[ViewField],
        "The source column of a view field: `Model.field` of one of the view's sources.",
        "(${1:Model}.${2:field})",
    ),
    repeatable(
        "use",
        Arguments("for example `@use(Timestamps)`"),
        &[ModelLine],
        "Copies the fields of a mixin into the model.",
        "(${1:Mixin})",
    ),
    // Procedure attributes.
    repeatable(
        "allow",
        Arguments("for example `@allow(auth() != null)`"),
        &[Procedure],
        "Allows calling the procedure when the expression holds; `args.x` names an input.",
        "(${1:auth() != null})",
    ),
    repeatable(
        "deny",
        Arguments("for example `@deny(hasRole('guest'))`"),
        &[Procedure],
        "Denies calling the procedure when the expression holds; denial wins over allow.",
        "(${1:expression})",
    ),
    attribute(
        "isolation",
        Arguments("for example `@isolation(\"serializable\")`"),
        &[Procedure],
        "The transaction isolation level of a mutation procedure.",
        "(\"${1:serializable}\")",
    ),
    attribute(
        "api_version",
        Arguments("for example `@api_version(\"v2\")`"),
        &[Procedure],
        "The API version the procedure belongs to.",
        "(\"${1:v2}\")",
    ),
    attribute(
        "deprecated",
        Either,
        &[Procedure],
        "Marks the procedure deprecated, optionally with a message.",
        "",
    ),
    attribute(
        "stream",
        Bare,
        &[Procedure],
        "The procedure streams its results.",
        "",
    ),
    attribute(
        "no_rate_limit",
        Bare,
        &[Procedure],
        "Exempts the procedure from rate limiting.",
        "",
    ),
    attribute(
        "status",
        Arguments("for example `@status(202)`"),
        &[Procedure],
        "The HTTP status code of a successful call.",
        "(${1:202})",
    ),
    attribute(
        "no_idempotency",
        Bare,
        &[Procedure],
        "The procedure does not take idempotency keys.",
        "",
    ),
    attribute(
        "authorize",
        Arguments("for example `@authorize(Post, detail, args.postId)`"),
        &[Procedure],
        "Authorizes the call against a record: `@authorize(Model, action, args.id)`.",
        "(${1:Model}, ${2:detail}, ${3:args.id})",
    ),
    // Block attributes.
    repeatable(
        "allow",
        Arguments(POLICY),
        &[ModelBlock, ViewBlock],
        "Allows the listed operations (`read`, `list`, `detail`, `create`, `update`, `delete`, `all`) when the expression holds.",
        "(\"${1:read}\", ${2:auth() != null})",
    ),
    repeatable(
        "deny",
        Arguments(POLICY),
        &[ModelBlock, ViewBlock],
        "Denies the listed operations when the expression holds; denial wins over allow.",
        "(\"${1:delete}\", ${2:expression})",
    ),
    attribute(
        "emit",
        Arguments("for example `@@emit(created, updated, deleted)`"),
        &[ModelBlock],
        "Emits events for the listed operations: `created`, `updated`, `deleted`.",
        "(${1:created, updated, deleted})",
    ),
    attribute(
        "paged",
        Bare,
        &[ModelBlock],
        "List operations are paginated.",
        "",
    ),
    attribute(
        "audit",
        Bare,
        &[ModelBlock],
        "Every change is written to the audit log.",
        "",
    ),
    attribute(
        "soft_delete",
        Bare,
        &[ModelBlock],
        "Deleting marks rows deleted instead of removing them.",
        "",
    ),
    attribute(
        "subscribe",
        Bare,
        &[ModelBlock],
        "Serves `model.<M>.subscribe`: committed events over server-sent events and the WebSocket, each judged by the subscriber's read policy (needs `transport rpc` and `@@emit`).",
        "",
    ),
    attribute(
        "retain",
        Arguments("for example `@@retain(days: 30)`"),
        &[ModelBlock],
        "Keeps rows for a period, then removes them.",
        "(days: ${1:30})",
    ),
    attribute(
        "id",
        Arguments("for example `@@id([a, b])`"),
        &[ModelBlock],
        "A composite primary key over the listed fields.",
        "([${1}])",
    ),
    repeatable(
        "unique",
        Arguments("for example `@@unique([a, b])`"),
        &[ModelBlock],
        "A unique constraint over the listed fields.",
        "([${1}])",
    ),
    repeatable(
        "index",
        Arguments("for example `@@index([a, b])`"),
        &[ModelBlock],
        "An index over the listed fields; `using:` picks the access method, `opclass:` the operator class.",
        "([${1}])",
    ),
    attribute(
        "rename",
        Arguments("for example `@@rename(from = \"OldName\")`"),
        &[ModelBlock],
        "The model was renamed: `from` is its old name, so a migration renames the table and keeps the data.",
        "(from = \"${1:OldName}\")",
    ),
    attribute(
        "server_sql",
        Arguments("for example `@@server_sql(\"SELECT ...\")`"),
        &[ViewBlock],
        "The SQL body of the view on the server database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    attribute(
        "embedded_sql",
        Arguments("for example `@@embedded_sql(\"SELECT ...\")`"),
        &[ViewBlock],
        "The SQL body of the view on the embedded database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    attribute(
        "sql",
        Arguments("for example `@@sql(\"SELECT ...\")`"),
        &[ViewBlock],
        "The SQL body of the view, for every database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    attribute(
        "materialized",
        Either,
        &[ViewBlock],
        "The view is materialized (server only), optionally refreshed `refresh = \"5m\"` or `refresh = on_change`.",
        "",
    ),
    attribute(
        "no_unique",
        Bare,
        &[ViewBlock],
        "The view has no unique key.",
        "",
    ),
];

/// The attribute `name` written in `position`.
pub fn attribute_in(name: &str, position: Position) -> Option<&'static AttributeSpec> {
    ATTRIBUTES
        .iter()
        .find(|spec| spec.name == name && spec.positions.contains(&position))
}

/// The attributes `position` accepts, in catalogue order.
pub fn attributes_in(position: Position) -> impl Iterator<Item = &'static AttributeSpec> {
    ATTRIBUTES
        .iter()
        .filter(move |spec| spec.positions.contains(&position))
}

/// The attribute `name` with the given sigil, preferring one valid in
/// `position`: what hover shows for an attribute wherever it is written.
pub fn attribute_named(
    name: &str,
    is_block: bool,
    position: Option<Position>,
) -> Option<&'static AttributeSpec> {
    let mut candidates = ATTRIBUTES
        .iter()
        .filter(|spec| spec.name == name && spec.is_block() == is_block);
    let first = candidates.next()?;
    match position {
        Some(position) if !first.positions.contains(&position) => candidates
            .find(|spec| spec.positions.contains(&position))
            .or(Some(first)),
        _ => Some(first),
    }
}

/// Field attributes removed from the language, with what to use instead.
pub const REMOVED_FIELD_ATTRIBUTES: &[(&str, &str)] = &[
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

/// A named argument of an attribute or a key of a configuration block.
#[derive(Debug)]
pub struct ArgumentSpec {
    /// The attribute name or the block keyword.
    pub owner: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

const fn argument(owner: &'static str, name: &'static str, summary: &'static str) -> ArgumentSpec {
    ArgumentSpec {
        owner,
        name,
        summary,
    }
}

pub const ARGUMENTS: &[ArgumentSpec] = &[
    argument(
        "relation",
        "fields",
        "This model's fields that hold the foreign key.",
    ),
    argument(
        "relation",
        "references",
        "The referenced model's fields the foreign key points at (usually its `@id`).",
    ),
    argument(
        "relation",
        "onDelete",
        "What happens to this row when the referenced row is deleted: `Cascade`, `Restrict`, `NoAction`, `SetNull`, `SetDefault`.",
    ),
    argument(
        "relation",
        "onUpdate",
        "What happens to this row when the referenced key changes: `Cascade`, `Restrict`, `NoAction`, `SetNull`, `SetDefault`.",
    ),
    argument(
        "length",
        "min",
        "The smallest allowed length, in characters.",
    ),
    argument(
        "length",
        "max",
        "The largest allowed length, in characters.",
    ),
    argument("range", "min", "The smallest allowed value, inclusive."),
    argument("range", "max", "The largest allowed value, inclusive."),
    argument(
        "rename",
        "from",
        "The previous name, so a migration renames instead of dropping and re-creating.",
    ),
    argument("retain", "days", "How many days rows are kept."),
    argument(
        "index",
        "using",
        "The index access method, such as `gin` or `ivfflat` (PostgreSQL).",
    ),
    argument(
        "index",
        "opclass",
        "The operator class of the indexed column, such as `\"vector_l2_ops\"`.",
    ),
    argument(
        "materialized",
        "refresh",
        "How the view is refreshed: a duration like `\"5m\"`, or `on_change`.",
    ),
    argument(
        "datasource",
        "provider",
        "The database: `\"postgresql\"` or `\"mysql\"` (server), `\"sqlite\"` (embedded) or `\"none\"`.",
    ),
    argument(
        "datasource",
        "url",
        "Where to connect, usually `env(\"DATABASE_URL\")`.",
    ),
];

/// The summary of argument `name` of `owner`.
pub fn argument_summary(owner: &str, name: &str) -> Option<&'static str> {
    ARGUMENTS
        .iter()
        .find(|spec| spec.owner == owner && spec.name == name)
        .map(|spec| spec.summary)
}

/// The named arguments `owner` takes, in catalogue order.
pub fn arguments_of(owner: &str) -> impl Iterator<Item = &'static str> {
    ARGUMENTS
        .iter()
        .filter(move |spec| spec.owner == owner)
        .map(|spec| spec.name)
}

/// A function `@default(...)` may call.
#[derive(Debug)]
pub struct DefaultFunction {
    pub name: &'static str,
    /// The field types it fits.
    pub fits: &'static [Scalar],
    pub summary: &'static str,
}

pub const DEFAULT_FUNCTIONS: &[DefaultFunction] = &[
    DefaultFunction {
        name: "now",
        fits: &[Scalar::DateTime],
        summary: "The current time.",
    },
    DefaultFunction {
        name: "autoincrement",
        fits: &[Scalar::Int],
        summary: "The next value of a sequence the database keeps.",
    },
    DefaultFunction {
        name: "uuid",
        fits: &[Scalar::Uuid, Scalar::String],
        summary: "A fresh random UUID.",
    },
    DefaultFunction {
        name: "cuid",
        fits: &[Scalar::Cuid, Scalar::String],
        summary: "A fresh collision-resistant id.",
    },
    DefaultFunction {
        name: "cs_cuid",
        fits: &[Scalar::Cuid, Scalar::String],
        summary: "A fresh collision-resistant id (the same as `cuid()`).",
    },
    DefaultFunction {
        name: "dbgenerated",
        fits: &[
            Scalar::Int,
            Scalar::DateTime,
            Scalar::Uuid,
            Scalar::String,
            Scalar::Cuid,
        ],
        summary: "The database fills the value: an identity for `Int`, the current time for `DateTime`, a random UUID for `Uuid`, `String` and `Cuid`.",
    },
];

pub fn default_function(name: &str) -> Option<&'static DefaultFunction> {
    DEFAULT_FUNCTIONS
        .iter()
        .find(|function| function.name == name)
}

/// A word with its meaning: actions, quantifiers, providers, ...
pub type Word = (&'static str, &'static str);

/// Functions a policy expression can call, as (name, snippet, summary).
pub const POLICY_FUNCTIONS: &[(&str, &str, &str)] = &[
    (
        "auth",
        "auth()",
        "The signed-in principal, or `null`; its members are the fields of the `auth` block.",
    ),
    (
        "hasRole",
        "hasRole('${1:admin}')",
        "Whether the principal has the role.",
    ),
    (
        "inTenant",
        "inTenant('${1:tenant}')",
        "Whether the principal belongs to the tenant.",
    ),
    (
        "isSystem",
        "isSystem()",
        "Whether the call is made by the system rather than a user.",
    ),
];

/// The literals of policy expressions.
pub const LITERALS: &[Word] = &[
    ("true", "The Boolean true."),
    ("false", "The Boolean false."),
    (
        "null",
        "No value: an optional field that is unset, or `auth()` when no one is signed in.",
    ),
];

/// The policy functions that are conditions (every one but `auth`).
pub const CONDITION_FUNCTIONS: &[&str] = &["hasRole", "inTenant", "isSystem"];

/// Actions of model policies.
pub const MODEL_ACTIONS: &[Word] = &[
    ("read", "Reading rows: `list` and `detail`."),
    ("list", "Listing rows."),
    ("detail", "Reading one row by its key."),
    ("create", "Creating rows."),
    ("update", "Changing rows."),
    ("delete", "Deleting rows."),
    ("all", "Every action."),
];

/// Actions of view policies.
pub const VIEW_ACTIONS: &[Word] = &[("read", "Reading rows.")];

/// The actions `@authorize` checks a procedure's record against.
pub const AUTHORIZE_ACTIONS: &[&str] = &["detail", "read", "update", "delete"];

/// Quantifiers after a to-many relation in a policy path.
pub const QUANTIFIERS: &[Word] = &[
    ("some", "At least one related row matches."),
    ("every", "Every related row matches."),
    ("none", "No related row matches."),
];

/// `onDelete:` / `onUpdate:` actions.
pub const REFERENTIAL_ACTIONS: &[Word] = &[
    ("Cascade", "Delete or update the referencing rows too."),
    ("Restrict", "Refuse while referencing rows exist."),
    ("SetNull", "Set the foreign key to null."),
    ("SetDefault", "Set the foreign key to its default."),
    ("NoAction", "Refuse at the end of the statement."),
];

pub const PROVIDERS: &[Word] = &[
    ("postgresql", "PostgreSQL on the server."),
    ("mysql", "MySQL or MariaDB on the server."),
    ("sqlite", "SQLite, embedded."),
    ("none", "No database: types and procedures only."),
];

/// Keys of a `datasource` block.
pub const DATASOURCE_KEYS: &[&str] = &["provider", "url"];

pub const EXTENSIONS: &[Word] = &[
    (
        "pgvector",
        "`Vector(n)` fields and vector indexes (PostgreSQL only).",
    ),
    (
        "rate_limit",
        "Rate limiting of the API, with `@no_rate_limit` exemptions.",
    ),
];

/// Transport styles, in the order completion offers them.
pub const TRANSPORTS: &[Word] = &[
    ("rpc", "Operation routes, batches and subscriptions."),
    ("rest", "Resource routes (the default)."),
];

/// Operations `@@emit(...)` lists.
pub const EVENT_OPERATIONS: &[Word] = &[
    ("created", "A row was created."),
    ("updated", "A row was changed."),
    ("deleted", "A row was deleted."),
];

/// `@isolation(...)` levels, in their canonical spelling; a space may
/// stand for the underscore.
pub const ISOLATION_LEVELS: &[&str] = &["read_committed", "repeatable_read", "serializable"];

/// Top-level keywords with snippets of a whole declaration.
pub const KEYWORDS: &[(&str, &str)] = &[
    (
        "datasource",
        "datasource ${1:db} {\n  provider = \"${2:postgresql}\"\n}",
    ),
    ("auth", "auth ${1:Session} {\n  id ${2:Int}\n}"),
    ("mixin", "mixin ${1:Name} {\n  $0\n}"),
    (
        "model",
        "model ${1:Name} {\n  id Int @id @default(autoincrement())\n  $0\n}",
    ),
    ("type", "type ${1:Name} {\n  $0\n}"),
    ("enum", "enum ${1:Name} {\n  $0\n}"),
    ("view", "view ${1:Name} from ${2:Model} {\n  $0\n}"),
    ("procedure", "procedure ${1:name}(${2}): ${3:Type}"),
    ("mutation", "mutation procedure ${1:name}(${2}): ${3:Type}"),
    ("extension", "extension ${1:pgvector} {\n}"),
    ("mcp", "mcp {\n  $0\n}"),
    ("transport", "transport ${1:rpc}"),
];

pub fn keyword_summary(kind: DeclKind) -> &'static str {
    match kind {
        DeclKind::Datasource => {
            "The database the schema is stored in: `provider = \"postgresql\" | \"mysql\" | \"sqlite\" | \"none\"`."
        }
        DeclKind::Auth => "The signed-in principal; policies read it as `auth()`.",
        DeclKind::Mixin => "Fields that models copy with `@use(...)`.",
        DeclKind::Model => "A record stored in a table.",
        DeclKind::Type => {
            "A structured value without a table: procedure inputs and outputs, JSON fields."
        }
        DeclKind::Enum => "A closed set of named values.",
        DeclKind::View => "A read-only record backed by SQL over its source models.",
        DeclKind::Procedure => "A server function the API exposes.",
        DeclKind::Extension => "Switches on an optional feature: `pgvector`, `rate_limit`.",
        DeclKind::Mcp => "Exposes the schema to MCP clients.",
        DeclKind::Transport => "The API transport: `transport rpc` or `transport rest`.",
    }
}

pub fn scalar_summary(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "Text of any length.",
        Scalar::Cuid => "A collision-resistant unique identifier, stored as text.",
        Scalar::Int => "A 64-bit signed integer.",
        Scalar::Float => "A 64-bit floating-point number.",
        Scalar::Boolean => "`true` or `false`.",
        Scalar::DateTime => "A point in time, with time zone (UTC).",
        Scalar::Decimal => "An exact decimal number, for money and quantities.",
        Scalar::Json => "Any JSON value.",
        Scalar::Bytes => "Binary data.",
        Scalar::Uuid => "A UUID.",
        Scalar::Page => "`Page<T>`: one page of results; procedure return types only.",
        Scalar::PageInput => "Page size and cursor; procedure arguments only.",
        Scalar::FindMany => {
            "`FindMany<T>`: filters, ordering and paging for a model; procedure arguments only."
        }
        Scalar::Vector => "`Vector(n)`: an n-dimensional embedding; needs `extension pgvector`.",
    }
}

/// The names of a list of words, for "expected one of" messages.
pub fn names(words: &[Word]) -> impl Iterator<Item = &'static str> + '_ {
    words.iter().map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribute_is_either_block_or_not_in_all_its_positions() {
        for spec in ATTRIBUTES {
            let blocks = spec.positions.iter().filter(|p| p.is_block()).count();
            assert!(
                blocks == 0 || blocks == spec.positions.len(),
                "{} mixes `@` and `@@` positions",
                spec.name
            );
            assert!(!spec.summary.is_empty(), "{} has no summary", spec.name);
            if spec.shape == Shape::Bare {
                assert!(spec.snippet.is_empty(), "bare {} has a snippet", spec.name);
            }
        }
    }

    #[test]
    fn a_name_and_sigil_appear_once_per_position() {
        for (i, a) in ATTRIBUTES.iter().enumerate() {
            for b in &ATTRIBUTES[i + 1..] {
                if a.name == b.name {
                    assert!(
                        a.positions.iter().all(|p| !b.positions.contains(p)),
                        "`{}` is listed twice for one position",
                        a.name
                    );
                }
            }
        }
    }

    /// Completion offers what the checker accepts, and nothing else.
    #[test]
    fn the_providers_are_the_ones_the_checker_reads() {
        use crate::Provider;
        for (name, _) in PROVIDERS {
            let provider = Provider::from_name(name)
                .unwrap_or_else(|| panic!("`{name}` is listed but not accepted"));
            assert_eq!(provider.name(), *name);
        }
        for provider in [
            Provider::Postgresql,
            Provider::Mysql,
            Provider::Sqlite,
            Provider::None,
        ] {
            assert!(
                names(PROVIDERS).any(|name| name == provider.name()),
                "`{}` is accepted but not listed",
                provider.name()
            );
        }
    }

    #[test]
    fn every_argument_belongs_to_a_known_owner() {
        for spec in ARGUMENTS {
            assert!(
                ATTRIBUTES.iter().any(|a| a.name == spec.owner) || spec.owner == "datasource",
                "argument `{}` of unknown `{}`",
                spec.name,
                spec.owner
            );
        }
    }
}
