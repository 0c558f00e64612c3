//! How a value is stored: the kind the runtime binds and decodes it as, and
//! the column type each kind has in each dialect.

use crate::Dialect;

/// How a column is stored. `N` names an enum's PostgreSQL type: a
/// `&'static str` in the runtime's constant descriptors, a `String` in the
/// compiler.
///
/// Lists and `type` values are [`Kind::Json`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind<N = &'static str> {
    /// An enum: text on SQLite, the named enum type on PostgreSQL.
    Enum(N),
    Bool,
    Int,
    Float,
    Text,
    Decimal,
    DateTime,
    Uuid,
    Json,
    Bytes,
    /// A pgvector embedding (PostgreSQL only).
    Vector,
}

impl<N> Kind<N> {
    /// The variant name, as generated code writes it (`Kind::Text`).
    pub fn variant_name(&self) -> &'static str {
        match self {
            Kind::Enum(_) => "Enum",
            Kind::Bool => "Bool",
            Kind::Int => "Int",
            Kind::Float => "Float",
            Kind::Text => "Text",
            Kind::Decimal => "Decimal",
            Kind::DateTime => "DateTime",
            Kind::Uuid => "Uuid",
            Kind::Json => "Json",
            Kind::Bytes => "Bytes",
            Kind::Vector => "Vector",
        }
    }

    /// Whether MySQL can index a column of this kind: not JSON, nor a
    /// `longblob` (InnoDB indexes neither without a prefix length).
    pub fn mysql_indexable(&self) -> bool {
        !matches!(self, Kind::Json | Kind::Bytes)
    }

    /// The same kind with its enum type name mapped.
    pub fn map_name<M>(self, f: impl FnOnce(N) -> M) -> Kind<M> {
        match self {
            Kind::Enum(name) => Kind::Enum(f(name)),
            Kind::Bool => Kind::Bool,
            Kind::Int => Kind::Int,
            Kind::Float => Kind::Float,
            Kind::Text => Kind::Text,
            Kind::Decimal => Kind::Decimal,
            Kind::DateTime => Kind::DateTime,
            Kind::Uuid => Kind::Uuid,
            Kind::Json => Kind::Json,
            Kind::Bytes => Kind::Bytes,
            Kind::Vector => Kind::Vector,
        }
    }
}

/// The type of a MySQL text column that is part of a primary key, a
/// unique key, an index or a foreign key: InnoDB indexes no `longtext`.
/// 255 characters of `utf8mb4` are 1,020 bytes, so three of them fit in
/// one index.
pub const MYSQL_KEYED_TEXT: &str = "varchar(255)";

impl<N: AsRef<str>> Kind<N> {
    /// The column type of this kind in `dialect`, `None` where the dialect
    /// cannot store it. A vector's dimension is the caller's to add.
    pub fn column_type(&self, dialect: Dialect) -> Option<String> {
        let text = match (dialect, self) {
            (Dialect::Postgres, Kind::Enum(name)) => return Some(name.as_ref().to_string()),
            (Dialect::Postgres, Kind::Bool) => "boolean",
            (Dialect::Postgres, Kind::Int) => "bigint",
            (Dialect::Postgres, Kind::Float) => "double precision",
            (Dialect::Postgres, Kind::Text) => "text",
            (Dialect::Postgres, Kind::Decimal) => "numeric",
            (Dialect::Postgres, Kind::DateTime) => "timestamp with time zone",
            (Dialect::Postgres, Kind::Uuid) => "uuid",
            (Dialect::Postgres, Kind::Json) => "jsonb",
            (Dialect::Postgres, Kind::Bytes) => "bytea",
            (Dialect::Postgres, Kind::Vector) => "vector",
            // SQLite: integers and booleans are INTEGER; decimals stay TEXT so
            // every digit is kept; timestamps, UUIDs, JSON and enums are text
            // in their canonical forms.
            (Dialect::Sqlite, Kind::Bool | Kind::Int) => "INTEGER",
            (Dialect::Sqlite, Kind::Float) => "REAL",
            (Dialect::Sqlite, Kind::Bytes) => "BLOB",
            (Dialect::Sqlite, Kind::Vector) => return None,
            (
                Dialect::Sqlite,
                Kind::Enum(_)
                | Kind::Text
                | Kind::Decimal
                | Kind::DateTime
                | Kind::Uuid
                | Kind::Json,
            ) => "TEXT",
            // MySQL, as its catalogue spells the types: a text column in a
            // key or index becomes `varchar(255)` (see
            // `MYSQL_KEYED_TEXT`), enums are text under a CHECK, decimals
            // keep 30 fractional digits, timestamps are UTC microseconds.
            (Dialect::Mysql, Kind::Bool) => "tinyint(1)",
            (Dialect::Mysql, Kind::Int) => "bigint",
            (Dialect::Mysql, Kind::Float) => "double",
            (Dialect::Mysql, Kind::Text) => "longtext",
            (Dialect::Mysql, Kind::Enum(_)) => MYSQL_KEYED_TEXT,
            (Dialect::Mysql, Kind::Decimal) => "decimal(65,30)",
            (Dialect::Mysql, Kind::DateTime) => "datetime(6)",
            (Dialect::Mysql, Kind::Uuid) => "char(36)",
            (Dialect::Mysql, Kind::Json) => "json",
            (Dialect::Mysql, Kind::Bytes) => "longblob",
            (Dialect::Mysql, Kind::Vector) => return None,
        };
        Some(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_but_vector_has_a_column_type_everywhere() {
        let kinds: [Kind; 11] = [
            Kind::Enum("status"),
            Kind::Bool,
            Kind::Int,
            Kind::Float,
            Kind::Text,
            Kind::Decimal,
            Kind::DateTime,
            Kind::Uuid,
            Kind::Json,
            Kind::Bytes,
            Kind::Vector,
        ];
        for kind in kinds {
            assert!(kind.column_type(Dialect::Postgres).is_some(), "{kind:?}");
            for dialect in [Dialect::Sqlite, Dialect::Mysql] {
                assert_eq!(
                    kind.column_type(dialect).is_some(),
                    kind != Kind::Vector,
                    "{dialect} {kind:?}"
                );
            }
        }
        assert_eq!(
            Kind::Enum("order_status").column_type(Dialect::Postgres),
            Some("order_status".to_string())
        );
    }
}
