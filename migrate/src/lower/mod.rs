//! Lowering: a validated `SchemaModel` to the physical schema of one dialect.
//! Plain functions; `crate::queries` memoises them on the compiler database.

mod attrs;
mod checks;
pub mod columns;
mod runtime_tables;
mod views;

pub use views::referenced_names;

use crate::Dialect;
use crate::names::fit_identifier;
use crate::physical::{
    Column, EnumType, ForeignKey, Index, LoweringNote, PhysicalSchema, PrimaryKey,
    ReferentialAction, Table, Unique,
};
use attrs::{
    block_attributes, field_attribute, has_block_attribute, name_list, named, positional,
    rename_from, value_name,
};
use cstack_compiler::syntax::ast::Arity;
use cstack_compiler::{Record, SchemaModel, TypeModel, Value, table_name, to_snake_case};
use std::collections::BTreeSet;

/// A physical schema and what could not be expressed in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lowered {
    pub schema: PhysicalSchema,
    pub notes: Vec<LoweringNote>,
}

/// The soft-delete tombstone column `@@soft_delete` adds.
pub const SOFT_DELETE_COLUMN: &str = "deleted_at";

pub fn lower(model: &SchemaModel, dialect: Dialect) -> Lowered {
    let mut notes = Vec::new();
    let mut note = |subject: String, message: String| {
        notes.push(LoweringNote {
            dialect,
            subject,
            message,
        })
    };
    let mut schema = PhysicalSchema::default();
    if dialect == Dialect::Postgres {
        if model.pgvector {
            schema.extensions.push("vector".into());
        }
        schema.enums = model
            .enums
            .iter()
            .map(|e| EnumType {
                name: columns::enum_type_name(&e.name),
                variants: e.variants.clone(),
            })
            .collect();
    }
    for record in &model.models {
        let (table, table_notes) = lower_table(model, record, dialect);
        for (subject, message) in table_notes {
            note(subject, message);
        }
        schema.tables.push(table);
    }
    // Foreign keys need the referenced tables' keys, so they come second.
    // Tables are in model order, so model `i` owns table `i`.
    let index = ModelIndex {
        models: model
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.as_str(), i))
            .collect(),
    };
    let all_fks: Vec<Vec<ForeignKey>> = model
        .models
        .iter()
        .map(|record| foreign_keys(record, model, &schema, &index, &mut note))
        .collect();
    for (table, fks) in schema.tables.iter_mut().zip(all_fks) {
        table.foreign_keys = fks;
        index_foreign_keys(table);
    }
    if model.models.iter().any(|m| has_block_attribute(m, "audit")) {
        schema
            .tables
            .push(runtime_tables::table(&runtime_tables::AUDIT, dialect));
    }
    if model.models.iter().any(|m| has_block_attribute(m, "emit")) {
        schema
            .tables
            .push(runtime_tables::table(&runtime_tables::OUTBOX, dialect));
    }
    let mut relations: BTreeSet<String> = schema.tables.iter().map(|t| t.name.clone()).collect();
    relations.extend(model.views.iter().map(|v| fit(dialect, &v.table)));
    for record in &model.views {
        match views::lower_view(record, dialect, &relations) {
            Ok(view) => schema.views.push(view),
            Err(message) => note(record.name.clone(), format!("{message}; not created")),
        }
    }
    Lowered { schema, notes }
}

fn fit(dialect: Dialect, name: &str) -> String {
    match dialect {
        Dialect::Postgres => fit_identifier(name),
        Dialect::Sqlite => name.to_string(),
    }
}

fn lower_table(
    model: &SchemaModel,
    record: &Record,
    dialect: Dialect,
) -> (Table, Vec<(String, String)>) {
    let mut notes = Vec::new();
    let name = fit(dialect, &record.table);
    let mut table = Table {
        name: name.clone(),
        renamed_from: rename_from(block_attributes(record, "rename").next())
            .map(|from| vec![fit(dialect, &table_name(&from)), fit(dialect, &from)])
            .map(dedup)
            .unwrap_or_default(),
        columns: Vec::new(),
        primary_key: None,
        uniques: Vec::new(),
        indexes: Vec::new(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
    };
    let mut primary: Vec<String> = Vec::new();
    for field in &record.fields {
        let Some(storage) = columns::storage(field) else {
            continue;
        };
        let (mut column, default_note) = columns::column(field, storage, dialect);
        column.name = fit(dialect, &column.name);
        if let Some(message) = default_note {
            notes.push((format!("{}.{}", record.name, field.name), message));
        }
        column.renamed_from = rename_from(field_attribute(field, "rename"))
            .map(|from| vec![fit(dialect, &to_snake_case(&from)), fit(dialect, &from)])
            .map(dedup)
            .unwrap_or_default();
        if field_attribute(field, "id").is_some() {
            primary.push(column.name.clone());
        }
        if field_attribute(field, "unique").is_some() {
            table.uniques.push(Unique {
                name: fit_identifier(&format!("{}_{}_key", record.table, field.column)),
                columns: vec![column.name.clone()],
            });
        }
        table.checks.extend(checks::field_checks(
            model,
            &record.table,
            field,
            storage,
            dialect,
        ));
        table.columns.push(column);
    }
    if has_block_attribute(record, "soft_delete") && table.column(SOFT_DELETE_COLUMN).is_none() {
        table.columns.push(Column {
            name: SOFT_DELETE_COLUMN.into(),
            renamed_from: Vec::new(),
            sql_type: match dialect {
                Dialect::Postgres => "timestamp with time zone",
                Dialect::Sqlite => "TEXT",
            }
            .into(),
            not_null: false,
            default: None,
            identity: false,
        });
    }
    let columns_of = |names: Vec<String>| -> Vec<String> {
        names
            .iter()
            .map(|n| {
                let column = record
                    .fields
                    .iter()
                    .find(|f| &f.name == n)
                    .map_or_else(|| to_snake_case(n), |f| f.column.clone());
                fit(dialect, &column)
            })
            .collect()
    };
    if let Some(id) = block_attributes(record, "id").next()
        && let Some(list) = positional(id).next()
    {
        primary = columns_of(name_list(list));
    }
    if !primary.is_empty() {
        table.primary_key = Some(PrimaryKey {
            name: fit_identifier(&format!("{}_pkey", record.table)),
            columns: primary.clone(),
        });
        // A primary key is already unique.
        table.uniques.retain(|u| u.columns != primary);
    }
    for unique in block_attributes(record, "unique") {
        if let Some(list) = positional(unique).next() {
            let columns = columns_of(name_list(list));
            let name = fit_identifier(&format!("{}_{}_key", record.table, columns.join("_")));
            if !table.uniques.iter().any(|u| u.columns == columns) && columns != primary {
                table.uniques.push(Unique { name, columns });
            }
        }
    }
    for index in block_attributes(record, "index") {
        let Some(list) = positional(index).next() else {
            continue;
        };
        let columns = columns_of(name_list(list));
        let using = named(index, "using").and_then(value_name);
        let opclass = named(index, "opclass").and_then(value_name);
        let mut name = format!("{}_{}", record.table, columns.join("_"));
        if let Some(using) = &using {
            name.push('_');
            name.push_str(using);
        }
        name.push_str("_idx");
        let (using, opclass) = match dialect {
            Dialect::Postgres => (using, opclass),
            Dialect::Sqlite => (None, None),
        };
        let name = fit_identifier(&name);
        if table.indexes.iter().any(|i| i.name == name) {
            continue;
        }
        table.indexes.push(Index {
            name,
            columns,
            unique: false,
            using,
            opclass,
        });
    }
    (table, notes)
}

fn dedup(mut names: Vec<String>) -> Vec<String> {
    names.dedup();
    names
}

/// Model name → position, which is also its table's position.
struct ModelIndex<'a> {
    models: std::collections::HashMap<&'a str, usize>,
}

fn foreign_keys(
    record: &Record,
    model: &SchemaModel,
    schema: &PhysicalSchema,
    index: &ModelIndex<'_>,
    note: &mut impl FnMut(String, String),
) -> Vec<ForeignKey> {
    let mut fks: Vec<ForeignKey> = Vec::new();
    for field in &record.fields {
        let TypeModel::Model(target) = &field.ty else {
            continue;
        };
        if field.arity == Arity::List {
            continue;
        }
        let Some(relation) = field_attribute(field, "relation") else {
            continue;
        };
        let local = named(relation, "fields").map(name_list).unwrap_or_default();
        let references = named(relation, "references")
            .map(name_list)
            .unwrap_or_default();
        let Some(&position) = index.models.get(target.as_str()) else {
            continue;
        };
        let target_record = &model.models[position];
        let column_of = |record: &Record, name: &String| {
            record
                .fields
                .iter()
                .find(|f| &f.name == name)
                .map(|f| f.column.clone())
        };
        let columns: Option<Vec<String>> = local.iter().map(|n| column_of(record, n)).collect();
        let referenced: Option<Vec<String>> = references
            .iter()
            .map(|n| column_of(target_record, n))
            .collect();
        let (Some(columns), Some(referenced)) = (columns, referenced) else {
            continue;
        };
        let Some(target_table) = schema.tables.get(position) else {
            continue;
        };
        let referenced_is_key = target_table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns == referenced)
            || target_table.uniques.iter().any(|u| u.columns == referenced);
        if !referenced_is_key {
            note(
                format!("{}.{}", record.name, field.name),
                format!(
                    "no foreign key: `{}.{}` is neither the primary key nor unique",
                    target,
                    references.join(", ")
                ),
            );
            continue;
        }
        let action = |key: &str| {
            named(relation, key)
                .and_then(|v| match v {
                    Value::Ident(name) => ReferentialAction::from_name(name),
                    _ => None,
                })
                .unwrap_or_default()
        };
        let fk = ForeignKey {
            name: fit_identifier(&format!("{}_{}_fkey", record.table, columns.join("_"))),
            columns,
            referenced_table: target_table.name.clone(),
            referenced_columns: referenced,
            on_delete: action("onDelete"),
            on_update: action("onUpdate"),
        };
        if !fks.iter().any(|f| f.name == fk.name) {
            fks.push(fk);
        }
    }
    fks
}

/// Gives every foreign key an index on its columns unless the primary key,
/// a unique constraint or an ordered index already starts with them.
/// Neither backend indexes the referencing side by itself, and without one
/// every join, relation filter or policy path through the relation, and
/// every cascade or check on deleting a referenced row, reads the whole
/// table. Named like `@@index` (`<table>_<columns>_idx`), so declaring the
/// same index by hand changes nothing.
fn index_foreign_keys(table: &mut Table) {
    let mut wanted: Vec<Vec<String>> = Vec::new();
    for fk in &table.foreign_keys {
        let starts = |columns: &[String]| columns.starts_with(&fk.columns);
        let covered = table
            .primary_key
            .as_ref()
            .is_some_and(|pk| starts(&pk.columns))
            || table.uniques.iter().any(|u| starts(&u.columns))
            || table
                .indexes
                .iter()
                .any(|i| matches!(i.using.as_deref(), None | Some("btree")) && starts(&i.columns))
            || wanted.iter().any(|w| starts(w));
        if !covered {
            wanted.push(fk.columns.clone());
        }
    }
    for columns in wanted {
        let name = fit_identifier(&format!("{}_{}_idx", table.name, columns.join("_")));
        if table.indexes.iter().any(|i| i.name == name) {
            continue;
        }
        table.indexes.push(Index {
            name,
            columns,
            unique: false,
            using: None,
            opclass: None,
        });
    }
}

/// Used by tests and the planner: the index a unique constraint stands for.
pub fn unique_as_index(unique: &Unique) -> Index {
    Index {
        name: unique.name.clone(),
        columns: unique.columns.clone(),
        unique: true,
        using: None,
        opclass: None,
    }
}
