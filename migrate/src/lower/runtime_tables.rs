//! Tables the generated runtime writes besides the models: the audit
//! journal behind `@@audit` and the event outbox behind `@@emit`, built from
//! the storage contract's definitions that the runtime's statements use.

use crate::Dialect;
use crate::physical::{Column, Index, PrimaryKey, Table};
use cstack_storage::tables::TableDef;

pub use cstack_storage::tables::{AUDIT, OUTBOX};

/// The physical table of one of the runtime's tables.
pub fn table(def: &TableDef, dialect: Dialect) -> Table {
    Table {
        name: def.name.into(),
        renamed_from: Vec::new(),
        columns: def
            .columns
            .iter()
            .map(|column| Column {
                name: column.name.into(),
                renamed_from: Vec::new(),
                sql_type: column
                    .kind
                    .column_type(dialect)
                    .expect("the runtime's tables use kinds every dialect stores"),
                not_null: !column.nullable,
                default: column
                    .default
                    .map(|default| default.expression(dialect).to_string()),
                identity: false,
            })
            .collect(),
        primary_key: Some(PrimaryKey {
            name: def.primary_key_name(),
            columns: def.primary_key.iter().map(|c| c.to_string()).collect(),
        }),
        uniques: Vec::new(),
        indexes: def
            .indexes
            .iter()
            .map(|index| Index {
                name: index.name.into(),
                columns: index.columns.iter().map(|c| c.to_string()).collect(),
                unique: false,
                using: None,
                opclass: None,
            })
            .collect(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
    }
}
