//! Models, views, `type`s and the auth block, as the checker resolved them:
//! every attribute read once into a typed fact.

use super::policy::Policy;
use crate::{Scalar, Storage};
use cstack_syntax::ast::Arity;
use rust_decimal::Decimal;

/// The type of a field, parameter or procedure result, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Scalar(Scalar),
    /// `Vector(n)`.
    Vector(u32),
    Enum(String),
    Model(String),
    /// A `type` (or the auth block) by name.
    Record(String),
    /// `Page<T>` of a model or `type`: a procedure result.
    Page(Box<Type>),
    /// `FindMany<T>`: a procedure argument.
    FindMany(String),
}

/// A field of a model, view, `type` or auth block.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    /// The physical column (models and views).
    pub column: String,
    pub ty: Type,
    pub arity: Arity,
    pub docs: Option<String>,
    /// The mixin the field was copied from, when it is not the model's own.
    pub origin: Option<String>,
    pub default: Option<Default>,
    pub validators: Vec<Validator>,
    /// `@id`.
    pub is_id: bool,
    /// `@unique`.
    pub unique: bool,
    pub exposure: Exposure,
    /// `@version`.
    pub version: bool,
    /// `@db_enforce`: validators are CHECK constraints too.
    pub db_enforce: bool,
    /// `@rename(from = "...")`: the field's previous name.
    pub renamed_from: Option<String>,
    /// `@from(Model.field)` of a view field.
    pub source: Option<(String, String)>,
}

impl Field {
    /// How its values are stored and typed in Rust: the storage table's
    /// entry for its type and arity.
    pub fn storage(&self) -> Storage {
        Storage::of(&self.ty, self.arity)
    }

    pub fn is_optional(&self) -> bool {
        self.arity == Arity::Optional
    }

    pub fn is_list(&self) -> bool {
        self.arity == Arity::List
    }

    /// The column may hold `NULL`.
    pub fn is_nullable(&self) -> bool {
        self.arity == Arity::Optional
    }
}

/// Who may see and write a field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Exposure {
    /// `@readonly`: set on create only.
    pub readonly: bool,
    /// `@server_only`: never serialised.
    pub server_only: bool,
    /// `@pii`: personal data, redacted in audit records.
    pub pii: bool,
    /// `@sensitive`: secrets, redacted in audit records.
    pub sensitive: bool,
}

impl Exposure {
    /// Redacted in audit images and logs.
    pub fn is_redacted(self) -> bool {
        self.pii || self.sensitive
    }
}

/// Where a value comes from when a create gives none: `@default(...)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Default {
    /// `now()`.
    Now,
    /// `autoincrement()`: the database numbers the row.
    Autoincrement,
    /// `uuid()`.
    Uuid,
    /// `cuid()`, `cs_cuid()`.
    Cuid,
    /// `dbgenerated()`: the database fills the column (the storage of the
    /// field says with what; see [`Storage::database_default`]).
    DbGenerated,
    /// `auth().a.b`: the member path of the principal.
    Auth(Vec<String>),
    Literal(Literal),
    /// An enum variant.
    Variant(String),
    /// `null` on an optional field.
    Null,
}

/// A literal value, typed by what it is compared with or stored in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    /// A `Float`, as written (exact text, parseable as `f64`).
    Float(String),
    Decimal(Decimal),
    Text(String),
    /// The text of a JSON value, for `Json` fields.
    Json(String),
    /// A variant of an enum.
    Variant {
        enum_name: String,
        variant: String,
    },
}

/// A validator of a field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Validator {
    /// `@length`: characters of text, bytes of `Bytes`.
    Length {
        min: Option<u32>,
        max: Option<u32>,
    },
    /// `@range`, inclusive and exact.
    Range {
        min: Option<Decimal>,
        max: Option<Decimal>,
    },
    Regex(String),
    Email,
    Uri,
    Iso4217,
}

/// A model: a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Model {
    pub name: String,
    pub docs: Option<String>,
    /// The physical table.
    pub table: String,
    /// `@@rename(from = "...")`: the model's previous name.
    pub renamed_from: Option<String>,
    /// The stored fields (mixin fields first, in `@use` order), in order.
    pub fields: Vec<Field>,
    /// The relation fields, in order.
    pub relations: Vec<Relation>,
    /// The primary key's fields: the `@id` field or `@@id([...])`.
    pub primary_key: Vec<String>,
    /// Unique constraints: each `@unique` field, then each `@@unique`.
    pub uniques: Vec<Vec<String>>,
    pub indexes: Vec<Index>,
    /// `@@soft_delete`: deletes set [`crate::names::SOFT_DELETE_COLUMN`].
    pub soft_delete: bool,
    pub tracking: Tracking,
    /// `@@subscribe`.
    pub subscribe: bool,
    /// `@@paged`.
    pub paged: bool,
    /// `@@retain(days: N)`.
    pub retain_days: Option<u32>,
    /// `@@allow` / `@@deny`, in order.
    pub policies: Vec<Policy>,
}

impl Model {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    pub fn relation(&self, name: &str) -> Option<&Relation> {
        self.relations.iter().find(|relation| relation.name == name)
    }

    /// The `@id` field, when the key is a single field.
    pub fn id_field(&self) -> Option<&Field> {
        match self.primary_key.as_slice() {
            [key] => self.field(key),
            _ => None,
        }
    }

    pub fn version_field(&self) -> Option<&Field> {
        self.fields.iter().find(|field| field.version)
    }
}

/// A relation field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Relation {
    pub name: String,
    pub docs: Option<String>,
    pub target: String,
    /// `Required`/`Optional`: to-one; `List`: to-many.
    pub arity: Arity,
    /// This model's fields that hold the key (one today).
    pub fields: Vec<String>,
    /// The target's fields they reference.
    pub references: Vec<String>,
    pub on_delete: Option<ReferentialAction>,
    pub on_update: Option<ReferentialAction>,
    /// The mixin the field was copied from.
    pub origin: Option<String>,
}

impl Relation {
    pub fn is_to_many(&self) -> bool {
        self.arity == Arity::List
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    SetNull,
    SetDefault,
    NoAction,
}

impl ReferentialAction {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "Cascade" => Self::Cascade,
            "Restrict" => Self::Restrict,
            "SetNull" => Self::SetNull,
            "SetDefault" => Self::SetDefault,
            "NoAction" => Self::NoAction,
            _ => return None,
        })
    }
}

/// `@@index([...], using: m, opclass: "o")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Index {
    pub fields: Vec<String>,
    pub using: Option<String>,
    pub opclass: Option<String>,
}

/// What writes to a model record: `@@audit` and `@@emit(...)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tracking {
    pub audit: bool,
    /// The operations `@@emit` lists, in the order written.
    pub emit: Vec<EventOperation>,
}

impl Tracking {
    pub fn is_tracked(&self) -> bool {
        self.audit || !self.emit.is_empty()
    }

    pub fn emits(&self) -> bool {
        !self.emit.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventOperation {
    Created,
    Updated,
    Deleted,
}

impl EventOperation {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "created" => Self::Created,
            "updated" => Self::Updated,
            "deleted" => Self::Deleted,
            _ => return None,
        })
    }
}

/// A `type` or the auth block: fields without a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Record {
    pub name: String,
    pub docs: Option<String>,
    pub fields: Vec<Field>,
}

impl Record {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// A view over its source models.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct View {
    pub name: String,
    pub docs: Option<String>,
    /// The physical view.
    pub relation: String,
    pub sources: Vec<String>,
    pub fields: Vec<Field>,
    /// The SQL body on a server database (`@@server_sql`, else `@@sql`).
    pub server_sql: Option<String>,
    /// The SQL body on SQLite (`@@embedded_sql`, else `@@sql`).
    pub embedded_sql: Option<String>,
    /// `@@materialized`, with its refresh.
    pub materialized: Option<Refresh>,
    /// `@@no_unique`.
    pub no_unique: bool,
    pub policies: Vec<Policy>,
}

impl View {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The `@id` field.
    pub fn key(&self) -> Option<&Field> {
        self.fields.iter().find(|field| field.is_id)
    }

    /// The body for a dialect: the server body on the server databases.
    pub fn sql(&self, dialect: cstack_storage::Dialect) -> Option<&str> {
        match dialect {
            cstack_storage::Dialect::Postgres | cstack_storage::Dialect::Mysql => {
                self.server_sql.as_deref()
            }
            cstack_storage::Dialect::Sqlite => self.embedded_sql.as_deref(),
        }
    }
}

/// How a materialized view is refreshed besides an explicit refresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refresh {
    Manual,
    /// At this interval, in seconds.
    Every(u64),
    /// After commits that write one of its sources.
    OnChange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Enum {
    pub name: String,
    pub docs: Option<String>,
    pub variants: Vec<String>,
    /// The PostgreSQL enum type.
    pub type_name: String,
}
