//! Columns: a stored field's column in one dialect: its type from the
//! storage table, its nullability, and the default the database fills in
//! (see `docs/migrations.md` for the storage contract).

use crate::Dialect;
use crate::names::literal;
use crate::physical::Column;
use cstack_compiler::Generated;
use cstack_compiler::model::{Default, Field, Literal};
use cstack_compiler::names::SOFT_DELETE_COLUMN;
use cstack_compiler::storage_contract::Kind;

/// The column of a stored field, `None` when `dialect` cannot store it (a
/// vector on SQLite).
pub fn column(field: &Field, dialect: Dialect) -> Option<Column> {
    let mut column = Column {
        name: field.column.clone(),
        renamed_from: Vec::new(),
        sql_type: field.storage().column_type(dialect)?,
        not_null: !field.is_nullable(),
        default: None,
        identity: false,
    };
    match field
        .default
        .as_ref()
        .and_then(|d| database_default(d, field, dialect))
    {
        Some(DatabaseDefault::Expression(sql)) => column.default = Some(sql),
        // SQLite: an INTEGER primary key is the rowid alias and numbers
        // itself; nothing to declare.
        Some(DatabaseDefault::Identity) => column.identity = dialect != Dialect::Sqlite,
        None => {}
    }
    if field.version && column.default.is_none() {
        column.default = Some("0".into());
    }
    Some(column)
}

/// The tombstone column `@@soft_delete` adds.
pub fn soft_delete_column(dialect: Dialect) -> Column {
    Column {
        name: SOFT_DELETE_COLUMN.into(),
        renamed_from: Vec::new(),
        sql_type: Kind::<&str>::DateTime
            .column_type(dialect)
            .expect("every dialect stores timestamps"),
        not_null: false,
        default: None,
        identity: false,
    }
}

enum DatabaseDefault {
    Expression(String),
    Identity,
}

/// What the database fills in for `default`; `None` when the generated code
/// does (`uuid()`, `cuid()`, `auth().x`) or nothing is filled (`null`).
fn database_default(default: &Default, field: &Field, dialect: Dialect) -> Option<DatabaseDefault> {
    let expression = |sql: &str| Some(DatabaseDefault::Expression(sql.to_string()));
    match default {
        Default::Now => expression(dialect.now_expression()),
        Default::Autoincrement => Some(DatabaseDefault::Identity),
        Default::DbGenerated => match field.storage().generated()? {
            Generated::Identity => Some(DatabaseDefault::Identity),
            Generated::Now => expression(dialect.now_expression()),
            Generated::Uuid => expression(dialect.uuid_expression()),
            Generated::UuidText => expression(dialect.uuid_text_expression()),
        },
        Default::Uuid | Default::Cuid | Default::Auth(_) | Default::Null => None,
        Default::Variant(name) => expression(&literal(name)),
        Default::Literal(value) => expression(&match value {
            Literal::Bool(b) => match dialect {
                Dialect::Postgres => b.to_string(),
                Dialect::Sqlite | Dialect::Mysql => u8::from(*b).to_string(),
            },
            Literal::Int(n) => n.to_string(),
            Literal::Float(text) => text.clone(),
            Literal::Decimal(value) => match dialect {
                Dialect::Postgres | Dialect::Mysql => value.to_string(),
                // Decimals are TEXT on SQLite.
                Dialect::Sqlite => literal(&value.to_string()),
            },
            // MySQL takes a default on a `longtext` or `json` column only
            // as an expression, in parentheses.
            Literal::Text(text) | Literal::Json(text) if dialect == Dialect::Mysql => {
                format!("({})", literal(text))
            }
            Literal::Text(text) | Literal::Json(text) => literal(text),
            Literal::Variant { variant, .. } => literal(variant),
        }),
    }
}
