//! Columns: the SQL type of each `.cstack` type per dialect, nullability and
//! defaults. The mapping is the storage contract the generated runtime binds
//! values in (see `docs/migrations.md`).

use super::attrs::{field_attribute, has_field_attribute, positional};
use crate::Dialect;
use crate::names::literal;
use crate::physical::Column;
use cstack_compiler::syntax::ast::Arity;
use cstack_compiler::{FieldModel, Scalar, TypeModel, Value, to_snake_case};

/// How a field is stored, before nullability and defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    Scalar(Scalar),
    Vector(u32),
    Enum,
    /// A `type` value or a scalar list: JSON.
    Json,
}

/// The storage of a field that is a column, `None` for relation fields and
/// types that are never stored.
pub fn storage(field: &FieldModel) -> Option<Storage> {
    let storage = match &field.ty {
        TypeModel::Scalar(scalar) if scalar.is_value() => Storage::Scalar(*scalar),
        TypeModel::Vector(n) => Storage::Vector(*n),
        TypeModel::Enum(_) => Storage::Enum,
        TypeModel::Type(_) => Storage::Json,
        _ => return None,
    };
    // A scalar list (only legal without a datasource) is a JSON array on
    // SQLite and a native array on PostgreSQL; see `sql_type`.
    Some(storage)
}

/// The PostgreSQL enum type of an enum: `OrderStatus` → `order_status`.
pub fn enum_type_name(name: &str) -> String {
    crate::names::fit_identifier(&to_snake_case(name))
}

pub fn sql_type(field: &FieldModel, storage: Storage, dialect: Dialect) -> String {
    let list = field.arity == Arity::List;
    match dialect {
        Dialect::Postgres => {
            let base = match storage {
                Storage::Scalar(scalar) => postgres_scalar(scalar).to_string(),
                Storage::Vector(n) => format!("vector({n})"),
                Storage::Enum => match &field.ty {
                    TypeModel::Enum(name) => enum_type_name(name),
                    _ => "text".into(),
                },
                Storage::Json => return "jsonb".into(),
            };
            if list { format!("{base}[]") } else { base }
        }
        Dialect::Sqlite => {
            if list {
                return "TEXT".into();
            }
            match storage {
                Storage::Scalar(scalar) => sqlite_scalar(scalar),
                Storage::Vector(_) => "BLOB",
                Storage::Enum | Storage::Json => "TEXT",
            }
            .into()
        }
    }
}

pub fn postgres_scalar(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String | Scalar::Cuid => "text",
        Scalar::Int => "bigint",
        Scalar::Float => "double precision",
        Scalar::Boolean => "boolean",
        Scalar::DateTime => "timestamp with time zone",
        Scalar::Decimal => "numeric",
        Scalar::Json => "jsonb",
        Scalar::Bytes => "bytea",
        Scalar::Uuid => "uuid",
        _ => "text",
    }
}

pub fn sqlite_scalar(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Int | Scalar::Boolean => "INTEGER",
        Scalar::Float => "REAL",
        Scalar::Bytes => "BLOB",
        // Decimal as TEXT keeps every digit; DateTime, Uuid, Json, String
        // and Cuid are text in their canonical forms.
        _ => "TEXT",
    }
}

/// The column for a stored field, and a note when its default cannot be a
/// database default.
pub fn column(field: &FieldModel, storage: Storage, dialect: Dialect) -> (Column, Option<String>) {
    let sql_type = sql_type(field, storage, dialect);
    let not_null = field.arity != Arity::Optional;
    let mut column = Column {
        name: field.column.clone(),
        renamed_from: Vec::new(),
        sql_type,
        not_null,
        default: None,
        identity: false,
    };
    let mut note = None;
    if let Some(default) = field_attribute(field, "default")
        && let Some(value) = positional(default).next()
    {
        match default_expression(value, storage, dialect) {
            DefaultKind::Expression(sql) => column.default = Some(sql),
            // SQLite: an INTEGER primary key is the rowid alias and numbers
            // itself; nothing to declare.
            DefaultKind::Identity => column.identity = dialect == Dialect::Postgres,
            DefaultKind::ApplicationSide => {}
            DefaultKind::Unsupported(message) => note = Some(message),
        }
    }
    if has_field_attribute(field, "version") && column.default.is_none() {
        column.default = Some("0".into());
    }
    (column, note)
}

enum DefaultKind {
    Expression(String),
    Identity,
    /// Filled in by the generated code (`cs_cuid()`, `auth().x`).
    ApplicationSide,
    Unsupported(String),
}

fn default_expression(value: &Value, storage: Storage, dialect: Dialect) -> DefaultKind {
    let scalar = match storage {
        Storage::Scalar(scalar) => Some(scalar),
        _ => None,
    };
    match value {
        Value::Call(callee, _) => {
            let name = match &**callee {
                Value::Ident(name) => name.as_str(),
                _ => return DefaultKind::ApplicationSide,
            };
            match (name, scalar, dialect) {
                ("autoincrement", Some(Scalar::Int), _) => DefaultKind::Identity,
                ("now", _, _) => DefaultKind::Expression(dialect.now_expression().into()),
                ("dbgenerated", Some(Scalar::DateTime), _) => {
                    DefaultKind::Expression(dialect.now_expression().into())
                }
                ("dbgenerated", Some(Scalar::Uuid), _) => {
                    DefaultKind::Expression(dialect.uuid_expression().into())
                }
                ("dbgenerated", Some(Scalar::Int), _) => DefaultKind::Identity,
                ("dbgenerated", _, _) => DefaultKind::Unsupported(
                    "`@default(dbgenerated())` has no database generator for this type; \
                     inserts must supply the value"
                        .into(),
                ),
                ("cs_cuid" | "uuid" | "cuid", _, _) => DefaultKind::ApplicationSide,
                _ => DefaultKind::ApplicationSide,
            }
        }
        // `auth().userId`: filled from the request by the generated code.
        Value::Member(..) => DefaultKind::ApplicationSide,
        Value::Number(text) => DefaultKind::Expression(match (scalar, dialect) {
            (Some(Scalar::Decimal), Dialect::Sqlite) => literal(text),
            _ => text.clone(),
        }),
        Value::String(text) => DefaultKind::Expression(literal(text)),
        Value::Bool(b) => DefaultKind::Expression(match dialect {
            Dialect::Postgres => b.to_string(),
            Dialect::Sqlite => u8::from(*b).to_string(),
        }),
        // A bare enum variant.
        Value::Ident(name) => DefaultKind::Expression(literal(name)),
        Value::Null => DefaultKind::ApplicationSide,
        _ => DefaultKind::Unsupported("this `@default` is not a database default".into()),
    }
}
