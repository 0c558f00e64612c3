//! Lowering: a schema model to the physical schema of one dialect.
//! Plain functions; `crate::queries` memoises them on the compiler database.
//!
//! Every name and type comes from the schema model: tables and columns are
//! the model's physical names, column types the storage table's, constraint
//! names `cstack_compiler::names`'s. Nothing here reads the schema's text
//! or attributes.

mod checks;
pub mod columns;
mod runtime_tables;
mod views;

pub use views::referenced_names;

use crate::Dialect;
use crate::physical::{
    EnumType, ForeignKey, Index, LoweringNote, PhysicalSchema, PrimaryKey, ReferentialAction,
    Table, Unique,
};
use cstack_compiler::SchemaModel;
use cstack_compiler::model::{self, Model};
use cstack_compiler::names::{
    self, SOFT_DELETE_COLUMN, column_name, foreign_key_name, index_name, primary_key_name,
    table_name, unique_name,
};
use cstack_compiler::storage_contract::fit_identifier;
use cstack_storage::MYSQL_KEYED_TEXT;
use std::collections::{BTreeSet, HashMap};

/// A physical schema and what could not be expressed in it. Which model and
/// field a table and column come from is the model's to say: each record
/// and field knows its physical name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lowered {
    pub schema: PhysicalSchema,
    pub notes: Vec<LoweringNote>,
}

pub fn lower(model: &SchemaModel, dialect: Dialect) -> Lowered {
    let mut lowered = Lowered::default();
    let schema = &mut lowered.schema;
    if dialect == Dialect::Postgres {
        if model.pgvector {
            schema.extensions.push("vector".into());
        }
        schema.enums = model
            .enums
            .iter()
            .map(|e| EnumType {
                name: e.type_name.clone(),
                variants: e.variants.clone(),
            })
            .collect();
    }
    for record in &model.models {
        let (table, notes) = lower_table(model, record, dialect);
        lowered.notes.extend(notes);
        lowered.schema.tables.push(table);
    }
    // Foreign keys need the referenced tables' keys, so they come second.
    // Tables are in model order, so model `i` owns table `i`.
    let schema = &mut lowered.schema;
    // The first model of a name, as a search from the front would find.
    let mut positions: HashMap<&str, usize> = HashMap::with_capacity(model.models.len());
    for (position, record) in model.models.iter().enumerate() {
        positions.entry(record.name.as_str()).or_insert(position);
    }
    let all_fks: Vec<Vec<ForeignKey>> = model
        .models
        .iter()
        .map(|record| {
            foreign_keys(
                record,
                model,
                &positions,
                schema,
                dialect,
                &mut lowered.notes,
            )
        })
        .collect();
    for (table, fks) in schema.tables.iter_mut().zip(all_fks) {
        table.foreign_keys = fks;
        index_foreign_keys(table);
    }
    if model.models.iter().any(|m| m.tracking.audit) {
        schema
            .tables
            .push(runtime_tables::table(&runtime_tables::AUDIT, dialect));
    }
    if model.models.iter().any(|m| m.tracking.emits()) {
        schema
            .tables
            .push(runtime_tables::table(&runtime_tables::OUTBOX, dialect));
    }
    if dialect == Dialect::Mysql {
        for table in &mut schema.tables {
            index_text_as_varchar(table);
        }
    }
    let mut relations: BTreeSet<String> = schema.tables.iter().map(|t| t.name.clone()).collect();
    relations.extend(model.views.iter().map(|v| v.relation.clone()));
    for view in &model.views {
        match views::lower_view(view, dialect, &relations) {
            Ok(lowered_view) => schema.views.push(lowered_view),
            Err(message) => lowered.notes.push(LoweringNote {
                dialect,
                subject: view.name.clone(),
                message: format!("{message}; not created"),
            }),
        }
    }
    lowered
}

fn lower_table(
    schema: &SchemaModel,
    record: &Model,
    dialect: Dialect,
) -> (Table, Vec<LoweringNote>) {
    let mut notes = Vec::new();
    let name = record.table.clone();
    let mut table = Table {
        name: name.clone(),
        renamed_from: record
            .renamed_from
            .as_deref()
            .map(|from| dedup(vec![table_name(from), fit_identifier(from)]))
            .unwrap_or_default(),
        columns: Vec::new(),
        primary_key: None,
        uniques: Vec::new(),
        indexes: Vec::new(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
    };
    for field in &record.fields {
        let Some(mut column) = columns::column(field, dialect) else {
            notes.push(LoweringNote {
                dialect,
                subject: format!("{}.{}", record.name, field.name),
                message: format!("{dialect} cannot store this field; no column is created"),
            });
            continue;
        };
        column.renamed_from = field
            .renamed_from
            .as_deref()
            .map(|from| dedup(vec![column_name(from), fit_identifier(from)]))
            .unwrap_or_default();
        table
            .checks
            .extend(checks::field_checks(schema, &name, field, dialect));
        table.columns.push(column);
    }
    if record.soft_delete && table.column(SOFT_DELETE_COLUMN).is_none() {
        table.columns.push(columns::soft_delete_column(dialect));
    }
    let columns_of = |fields: &[String]| -> Vec<String> {
        fields
            .iter()
            .map(|field| {
                record
                    .field(field)
                    .map_or_else(|| column_name(field), |f| f.column.clone())
            })
            .collect()
    };
    let primary = columns_of(&record.primary_key);
    if !primary.is_empty() {
        table.primary_key = Some(PrimaryKey {
            name: primary_key_name(&name),
            columns: primary.clone(),
        });
    }
    for unique in &record.uniques {
        let columns = columns_of(unique);
        // A primary key is already unique.
        if columns != primary && !table.uniques.iter().any(|u| u.columns == columns) {
            table.uniques.push(Unique {
                name: unique_name(&name, &columns),
                columns,
            });
        }
    }
    for index in &record.indexes {
        let columns = columns_of(&index.fields);
        let name = index_name(&name, &columns, index.using.as_deref());
        let (using, opclass) = match dialect {
            Dialect::Postgres => (index.using.clone(), index.opclass.clone()),
            Dialect::Sqlite | Dialect::Mysql => (None, None),
        };
        push_index(
            &mut table,
            Index {
                name,
                columns,
                unique: false,
                using,
                opclass,
            },
        );
    }
    (table, notes)
}

fn dedup(mut names: Vec<String>) -> Vec<String> {
    names.dedup();
    names
}

/// Adds `index` unless the table already has one of that name.
fn push_index(table: &mut Table, index: Index) {
    if !table.indexes.iter().any(|i| i.name == index.name) {
        table.indexes.push(index);
    }
}

fn referential_action(action: Option<model::ReferentialAction>) -> ReferentialAction {
    match action {
        None | Some(model::ReferentialAction::NoAction) => ReferentialAction::NoAction,
        Some(model::ReferentialAction::Restrict) => ReferentialAction::Restrict,
        Some(model::ReferentialAction::Cascade) => ReferentialAction::Cascade,
        Some(model::ReferentialAction::SetNull) => ReferentialAction::SetNull,
        Some(model::ReferentialAction::SetDefault) => ReferentialAction::SetDefault,
    }
}

/// The foreign keys of `record`'s relations; `positions` gives each model's
/// index in `model.models`, which is its table's index in `schema`.
fn foreign_keys(
    record: &Model,
    model: &SchemaModel,
    positions: &HashMap<&str, usize>,
    schema: &PhysicalSchema,
    dialect: Dialect,
    notes: &mut Vec<LoweringNote>,
) -> Vec<ForeignKey> {
    let mut fks: Vec<ForeignKey> = Vec::new();
    for relation in record.relations.iter().filter(|r| !r.is_to_many()) {
        let Some(&position) = positions.get(relation.target.as_str()) else {
            continue;
        };
        let target = &model.models[position];
        let columns: Option<Vec<String>> = relation
            .fields
            .iter()
            .map(|name| record.field(name).map(|f| f.column.clone()))
            .collect();
        let referenced: Option<Vec<String>> = relation
            .references
            .iter()
            .map(|name| target.field(name).map(|f| f.column.clone()))
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
            notes.push(LoweringNote {
                dialect,
                subject: format!("{}.{}", record.name, relation.name),
                message: format!(
                    "no foreign key: `{}.{}` is neither the primary key nor unique",
                    target.name,
                    relation.references.join(", ")
                ),
            });
            continue;
        }
        let fk = ForeignKey {
            name: foreign_key_name(&record.table, &columns),
            columns,
            referenced_table: target_table.name.clone(),
            referenced_columns: referenced,
            on_delete: referential_action(relation.on_delete),
            on_update: referential_action(relation.on_update),
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
        let name = names::index_name(&table.name, &columns, None);
        push_index(
            table,
            Index {
                name,
                columns,
                unique: false,
                using: None,
                opclass: None,
            },
        );
    }
}

/// MySQL: a `longtext` column in a key or an index becomes
/// [`MYSQL_KEYED_TEXT`], since InnoDB indexes no `longtext`. Foreign keys
/// reference keys, so both of their sides change together.
fn index_text_as_varchar(table: &mut Table) {
    let mut keyed: BTreeSet<String> = BTreeSet::new();
    keyed.extend(table.primary_key.iter().flat_map(|pk| pk.columns.clone()));
    keyed.extend(table.uniques.iter().flat_map(|u| u.columns.clone()));
    keyed.extend(table.indexes.iter().flat_map(|i| i.columns.clone()));
    keyed.extend(table.foreign_keys.iter().flat_map(|fk| fk.columns.clone()));
    for column in &mut table.columns {
        if keyed.contains(&column.name) && column.sql_type == "longtext" {
            column.sql_type = MYSQL_KEYED_TEXT.to_string();
        }
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
