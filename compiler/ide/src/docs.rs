//! What the editor says about the language's built-in vocabulary: every
//! attribute (where it goes, what it does, an argument snippet), the built-in
//! types, the declaration keywords and the policy functions.

use cstack_compiler::Scalar;
use cstack_syntax::ast::DeclKind;

/// Where an attribute can be written, as far as completion is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// After a field of a model or mixin.
    StoredField,
    /// After a field of a `type`.
    TypeField,
    /// After a field of the `auth` block.
    AuthField,
    /// After a field of a view.
    ViewField,
    /// `@@` in a model.
    ModelBlock,
    /// `@@` in a view.
    ViewBlock,
    /// A single-`@` line in a model body.
    ModelLine,
    /// A single-`@` line of a procedure.
    Procedure,
}

/// One attribute of the language.
pub struct AttributeDoc {
    pub name: &'static str,
    pub is_block: bool,
    pub places: &'static [Place],
    pub summary: &'static str,
    /// The arguments as an LSP snippet (without the name), empty when bare.
    pub snippet: &'static str,
}

impl AttributeDoc {
    pub fn display(&self) -> String {
        format!("{}{}", if self.is_block { "@@" } else { "@" }, self.name)
    }
}

use Place::*;

const fn field(
    name: &'static str,
    places: &'static [Place],
    summary: &'static str,
    snippet: &'static str,
) -> AttributeDoc {
    AttributeDoc {
        name,
        is_block: false,
        places,
        summary,
        snippet,
    }
}

const fn block(
    name: &'static str,
    places: &'static [Place],
    summary: &'static str,
    snippet: &'static str,
) -> AttributeDoc {
    AttributeDoc {
        name,
        is_block: true,
        places,
        summary,
        snippet,
    }
}

const STORED: &[Place] = &[StoredField];
const VALIDATED: &[Place] = &[StoredField, TypeField];
const MARKED: &[Place] = &[StoredField, TypeField, AuthField, ViewField];

/// Every attribute, in the order completion offers them.
pub const ATTRIBUTES: &[AttributeDoc] = &[
    field(
        "id",
        &[StoredField, AuthField, ViewField],
        "Marks the primary key field of a model.",
        "",
    ),
    field(
        "default",
        &[StoredField, TypeField, AuthField],
        "The value a field takes when none is given: a literal, an enum variant, or `now()`, `autoincrement()`, `uuid()`, `cuid()`.",
        "(${1:value})",
    ),
    field(
        "unique",
        &[StoredField, ViewField],
        "The field's values are unique: a unique index in the database.",
        "",
    ),
    field(
        "relation",
        STORED,
        "Declares a relation: `fields` are this model's foreign-key fields, `references` the referenced model's fields; `onDelete`/`onUpdate` set referential actions.",
        "(fields: [${1}], references: [${2:id}])",
    ),
    field(
        "readonly",
        STORED,
        "Clients can read the field but never write it.",
        "",
    ),
    field(
        "server_only",
        STORED,
        "The field never leaves the server: it is not part of any client type.",
        "",
    ),
    field(
        "version",
        STORED,
        "An optimistic-concurrency version counter, checked and bumped on every update.",
        "",
    ),
    field(
        "db_enforce",
        STORED,
        "Enforces the field's validators in the database as well (CHECK constraints).",
        "",
    ),
    field(
        "rename",
        STORED,
        "The field was renamed: `from` is its old name, so a migration renames the column and keeps the data.",
        "(from = \"${1:oldName}\")",
    ),
    field(
        "pii",
        MARKED,
        "The field holds personal data: redacted in logs and audit records.",
        "",
    ),
    field(
        "sensitive",
        MARKED,
        "The field holds secrets: never logged, masked in audit records.",
        "",
    ),
    field(
        "length",
        VALIDATED,
        "Validates the length of a text value: `min` and/or `max` characters.",
        "(min: ${1:1}, max: ${2:200})",
    ),
    field(
        "range",
        VALIDATED,
        "Validates a number: `min` and/or `max`, inclusive.",
        "(min: ${1:0}, max: ${2:100})",
    ),
    field(
        "regex",
        VALIDATED,
        "Validates a text value against a regular expression.",
        "(\"${1:^.*$}\")",
    ),
    field(
        "email",
        VALIDATED,
        "Validates that a text value is an e-mail address.",
        "",
    ),
    field(
        "uri",
        VALIDATED,
        "Validates that a text value is a URI.",
        "",
    ),
    field(
        "iso4217",
        VALIDATED,
        "Validates that a text value is an ISO 4217 currency code.",
        "",
    ),
    field(
        "custom",
        &[TypeField],
        "The field is validated by custom code you provide.",
        "",
    ),
    field(
        "from",
        &[ViewField],
        "The source column of a view field: `Model.field` of one of the view's sources.",
        "(${1:Model}.${2:field})",
    ),
    field(
        "use",
        &[ModelLine],
        "Copies the fields of a mixin into the model.",
        "(${1:Mixin})",
    ),
    field(
        "allow",
        &[Procedure],
        "Allows calling the procedure when the expression holds; `args.x` names an input.",
        "(${1:auth() != null})",
    ),
    field(
        "deny",
        &[Procedure],
        "Denies calling the procedure when the expression holds; denial wins over allow.",
        "(${1:expression})",
    ),
    field(
        "isolation",
        &[Procedure],
        "The transaction isolation level of a mutation procedure.",
        "(\"${1:serializable}\")",
    ),
    field(
        "api_version",
        &[Procedure],
        "The API version the procedure belongs to.",
        "(\"${1:v2}\")",
    ),
    field(
        "deprecated",
        &[Procedure],
        "Marks the procedure deprecated, optionally with a message.",
        "",
    ),
    field(
        "stream",
        &[Procedure],
        "The procedure streams its results.",
        "",
    ),
    field(
        "no_rate_limit",
        &[Procedure],
        "Exempts the procedure from rate limiting.",
        "",
    ),
    field(
        "status",
        &[Procedure],
        "The HTTP status code of a successful call.",
        "(${1:202})",
    ),
    field(
        "no_idempotency",
        &[Procedure],
        "The procedure does not take idempotency keys.",
        "",
    ),
    field(
        "authorize",
        &[Procedure],
        "Authorizes the call against a record: `@authorize(Model, action, args.id)`.",
        "(${1:Model}, ${2:detail}, ${3:args.id})",
    ),
    block(
        "allow",
        &[ModelBlock, ViewBlock],
        "Allows the listed operations (`read`, `create`, `update`, `delete`, `all`) when the expression holds.",
        "(\"${1:read}\", ${2:auth() != null})",
    ),
    block(
        "deny",
        &[ModelBlock, ViewBlock],
        "Denies the listed operations when the expression holds; denial wins over allow.",
        "(\"${1:delete}\", ${2:expression})",
    ),
    block(
        "emit",
        &[ModelBlock],
        "Emits events for the listed operations: `created`, `updated`, `deleted`.",
        "(${1:created, updated, deleted})",
    ),
    block("paged", &[ModelBlock], "List operations are paginated.", ""),
    block(
        "audit",
        &[ModelBlock],
        "Every change is written to the audit log.",
        "",
    ),
    block(
        "soft_delete",
        &[ModelBlock],
        "Deleting marks rows deleted instead of removing them.",
        "",
    ),
    block(
        "subscribe",
        &[ModelBlock],
        "Clients can subscribe to changes (needs `transport rpc` and `@@emit`).",
        "",
    ),
    block(
        "retain",
        &[ModelBlock],
        "Keeps rows for a period, then removes them.",
        "(days: ${1:30})",
    ),
    block(
        "id",
        &[ModelBlock],
        "A composite primary key over the listed fields.",
        "([${1}])",
    ),
    block(
        "unique",
        &[ModelBlock],
        "A unique constraint over the listed fields.",
        "([${1}])",
    ),
    block(
        "index",
        &[ModelBlock],
        "An index over the listed fields.",
        "([${1}])",
    ),
    block(
        "rename",
        &[ModelBlock],
        "The model was renamed: `from` is its old name, so a migration renames the table and keeps the data.",
        "(from = \"${1:OldName}\")",
    ),
    block(
        "server_sql",
        &[ViewBlock],
        "The SQL body of the view on the server database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    block(
        "embedded_sql",
        &[ViewBlock],
        "The SQL body of the view on the embedded database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    block(
        "sql",
        &[ViewBlock],
        "The SQL body of the view, for every database.",
        "(\"\"\"\n  ${1:SELECT}\n\"\"\")",
    ),
    block(
        "materialized",
        &[ViewBlock],
        "The view is materialized, optionally with a refresh setting.",
        "",
    ),
    block("no_unique", &[ViewBlock], "The view has no unique key.", ""),
];

/// The attribute named `name` with the given sigil, preferring one valid in
/// `place`.
pub fn attribute(
    name: &str,
    is_block: bool,
    place: Option<Place>,
) -> Option<&'static AttributeDoc> {
    let mut candidates = ATTRIBUTES
        .iter()
        .filter(|doc| doc.name == name && doc.is_block == is_block);
    let first = candidates.next()?;
    if let Some(place) = place
        && !first.places.contains(&place)
    {
        return candidates
            .find(|doc| doc.places.contains(&place))
            .or(Some(first));
    }
    Some(first)
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

pub fn keyword_summary(kind: DeclKind) -> &'static str {
    match kind {
        DeclKind::Datasource => {
            "The database the schema is stored in: `provider = \"postgresql\" | \"sqlite\" | \"none\"`."
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
    ("extension", "extension ${1:pgvector}"),
    ("mcp", "mcp {\n  $0\n}"),
    ("transport", "transport ${1:rpc}"),
];

/// Functions a policy expression can call.
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

/// Functions `@default(...)` accepts.
pub const DEFAULT_FUNCTIONS: &[(&str, &str)] = &[
    ("now()", "The current time."),
    ("autoincrement()", "The next value of a sequence."),
    ("uuid()", "A fresh UUID."),
    ("cuid()", "A fresh CUID."),
];

pub const PROVIDERS: &[(&str, &str)] = &[
    ("postgresql", "PostgreSQL on the server."),
    ("sqlite", "SQLite, embedded."),
    ("none", "No database: types and procedures only."),
];

/// Named arguments of attributes and keys of configuration blocks:
/// (attribute or block keyword, name, what it means).
pub const ARGUMENTS: &[(&str, &str, &str)] = &[
    (
        "relation",
        "fields",
        "This model's fields that hold the foreign key.",
    ),
    (
        "relation",
        "references",
        "The referenced model's fields the foreign key points at (usually its `@id`).",
    ),
    (
        "relation",
        "onDelete",
        "What happens to this row when the referenced row is deleted: `Cascade`, `Restrict`, `NoAction`, `SetNull`, `SetDefault`.",
    ),
    (
        "relation",
        "onUpdate",
        "What happens to this row when the referenced key changes: `Cascade`, `Restrict`, `NoAction`, `SetNull`, `SetDefault`.",
    ),
    (
        "length",
        "min",
        "The smallest allowed length, in characters.",
    ),
    (
        "length",
        "max",
        "The largest allowed length, in characters.",
    ),
    ("range", "min", "The smallest allowed value, inclusive."),
    ("range", "max", "The largest allowed value, inclusive."),
    (
        "rename",
        "from",
        "The previous name, so a migration renames instead of dropping and re-creating.",
    ),
    ("retain", "days", "How many days rows are kept."),
    (
        "datasource",
        "provider",
        "The database: `\"postgresql\"` (server), `\"sqlite\"` (embedded) or `\"none\"`.",
    ),
    (
        "datasource",
        "url",
        "Where to connect, usually `env(\"DATABASE_URL\")`.",
    ),
];

pub fn argument(owner: &str, name: &str) -> Option<&'static str> {
    ARGUMENTS
        .iter()
        .find(|(o, n, _)| *o == owner && *n == name)
        .map(|(_, _, summary)| *summary)
}
