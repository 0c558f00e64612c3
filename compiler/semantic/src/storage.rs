//! The storage table: for every type a field can have, the Rust type a
//! generated crate uses for one value, the runtime [`Kind`] it is bound and
//! decoded as, and its column type in each dialect. Code generation, the
//! migration lowering and (through the kinds) the runtime's decoders all
//! read it; a backend test binds and decodes every entry against the column
//! its migration creates.

use crate::Scalar;
use crate::model::Type;
use cstack_storage::{Dialect, Kind};
use cstack_syntax::ast::Arity;

/// How a field's values are stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Storage {
    /// What the runtime binds and decodes: `Json` for lists, `type` values
    /// and the procedure-only generics.
    pub kind: Kind<String>,
    /// The Rust type of one value (a list's element; no `Option`).
    pub rust: RustType,
    /// `Vector(n)`'s dimension.
    pub dimensions: Option<u32>,
}

/// The Rust type of one value in a generated crate.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RustType {
    /// A type of the standard library or the prelude: `String`, `i64`, ...
    Std(&'static str),
    /// A path under the runtime crate: `rust_decimal::Decimal`, ...
    Runtime(&'static str),
    /// A generated enum.
    Enum(String),
    /// A generated `type` struct (or the auth principal).
    Record(String),
    /// A generated model struct.
    Model(String),
    /// `Page<T>` of a model or `type`.
    Page(Box<RustType>),
    /// The find arguments of a model.
    FindManyArgs(String),
}

/// What the database puts in a column that `@default(dbgenerated())`
/// leaves to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generated {
    /// An identity (a sequence; SQLite's rowid).
    Identity,
    /// The time of the insert.
    Now,
    /// A random UUID.
    Uuid,
    /// A random UUID as text: a `String` or `Cuid` key.
    UuidText,
}

impl Storage {
    /// The storage of a value of type `ty` written with `arity`.
    pub fn of(ty: &Type, arity: Arity) -> Storage {
        let storage = Storage::of_value(ty);
        if arity == Arity::List {
            Storage {
                kind: Kind::Json,
                ..storage
            }
        } else {
            storage
        }
    }

    /// The storage of one value of type `ty`.
    fn of_value(ty: &Type) -> Storage {
        let (kind, rust) = match ty {
            Type::Scalar(scalar) => scalar_storage(*scalar),
            Type::Vector(n) => {
                return Storage {
                    kind: Kind::Vector,
                    rust: RustType::Std("Vec<f32>"),
                    dimensions: Some(*n),
                };
            }
            Type::Enum(name) => (
                Kind::Enum(crate::names::enum_type_name(name)),
                RustType::Enum(name.clone()),
            ),
            Type::Record(name) => (Kind::Json, RustType::Record(name.clone())),
            Type::Model(name) => (Kind::Json, RustType::Model(name.clone())),
            Type::Page(inner) => (
                Kind::Json,
                RustType::Page(Box::new(Storage::of_value(inner).rust)),
            ),
            Type::FindMany(model) => (Kind::Json, RustType::FindManyArgs(model.clone())),
        };
        Storage {
            kind,
            rust,
            dimensions: None,
        }
    }

    /// The column type in `dialect`, `None` where the dialect cannot store
    /// the value (a vector on SQLite).
    pub fn column_type(&self, dialect: Dialect) -> Option<String> {
        let base = self.kind.column_type(dialect)?;
        Some(match (&self.kind, self.dimensions) {
            (Kind::Vector, Some(n)) => format!("{base}({n})"),
            _ => base,
        })
    }

    /// What the database generates for `@default(dbgenerated())`, `None`
    /// when it has no generator for this storage.
    pub fn generated(&self) -> Option<Generated> {
        match (&self.kind, &self.rust) {
            (Kind::Int, _) => Some(Generated::Identity),
            (Kind::DateTime, _) => Some(Generated::Now),
            (Kind::Uuid, _) => Some(Generated::Uuid),
            (Kind::Text, RustType::Std("String")) => Some(Generated::UuidText),
            _ => None,
        }
    }
}

fn scalar_storage(scalar: Scalar) -> (Kind<String>, RustType) {
    match scalar {
        Scalar::String | Scalar::Cuid => (Kind::Text, RustType::Std("String")),
        Scalar::Int => (Kind::Int, RustType::Std("i64")),
        Scalar::Float => (Kind::Float, RustType::Std("f64")),
        Scalar::Boolean => (Kind::Bool, RustType::Std("bool")),
        Scalar::DateTime => (
            Kind::DateTime,
            RustType::Runtime("chrono::DateTime<::cstack_runtime::chrono::Utc>"),
        ),
        Scalar::Decimal => (Kind::Decimal, RustType::Runtime("rust_decimal::Decimal")),
        Scalar::Json => (Kind::Json, RustType::Runtime("serde_json::Value")),
        Scalar::Bytes => (Kind::Bytes, RustType::Std("Vec<u8>")),
        Scalar::Uuid => (Kind::Uuid, RustType::Runtime("uuid::Uuid")),
        Scalar::PageInput => (Kind::Json, RustType::Runtime("PageInput")),
        // `Page` and `FindMany` always carry their argument (`Type::Page`,
        // `Type::FindMany`); `Vector` its dimension.
        Scalar::Page | Scalar::FindMany | Scalar::Vector => {
            (Kind::Json, RustType::Runtime("serde_json::Value"))
        }
    }
}

/// Every storage a model field can have, one per kind of value: what the
/// storage contract test binds and decodes on each backend.
pub fn stored_examples() -> Vec<(String, Storage)> {
    let mut out: Vec<(String, Storage)> = Scalar::ALL
        .into_iter()
        .filter(|scalar| scalar.is_value())
        .map(|scalar| {
            (
                scalar.name().to_string(),
                Storage::of(&Type::Scalar(scalar), Arity::Required),
            )
        })
        .collect();
    out.push((
        "Vector(3)".into(),
        Storage::of(&Type::Vector(3), Arity::Required),
    ));
    out.push((
        "Status".into(),
        Storage::of(&Type::Enum("Status".into()), Arity::Required),
    ));
    out.push((
        "Address".into(),
        Storage::of(&Type::Record("Address".into()), Arity::Required),
    ));
    out.push((
        "String[]".into(),
        Storage::of(&Type::Scalar(Scalar::String), Arity::List),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_records_are_json_everywhere() {
        for (name, storage) in stored_examples() {
            if name.ends_with("[]") || name == "Address" {
                assert_eq!(storage.kind, Kind::Json, "{name}");
                assert_eq!(
                    storage.column_type(Dialect::Postgres).as_deref(),
                    Some("jsonb")
                );
            }
        }
    }

    #[test]
    fn vectors_keep_their_dimension_and_only_postgres_stores_them() {
        let vector = Storage::of(&Type::Vector(1536), Arity::Required);
        assert_eq!(
            vector.column_type(Dialect::Postgres).as_deref(),
            Some("vector(1536)")
        );
        assert_eq!(vector.column_type(Dialect::Sqlite), None);
    }

    #[test]
    fn the_database_generates_keys_times_and_uuids_only() {
        let of = |scalar| Storage::of(&Type::Scalar(scalar), Arity::Required).generated();
        assert_eq!(of(Scalar::Int), Some(Generated::Identity));
        assert_eq!(of(Scalar::Cuid), Some(Generated::UuidText));
        assert_eq!(of(Scalar::String), Some(Generated::UuidText));
        assert_eq!(of(Scalar::Uuid), Some(Generated::Uuid));
        assert_eq!(of(Scalar::DateTime), Some(Generated::Now));
        assert_eq!(of(Scalar::Boolean), None);
        assert_eq!(of(Scalar::Decimal), None);
    }
}
