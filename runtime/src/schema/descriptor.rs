//! What generated code tells the runtime about a model's table: its name,
//! columns and key, and the columns soft deletes and versions use (one
//! `const` descriptor per model).

use crate::schema::value::Kind;

/// One stored column.
#[derive(Debug)]
pub struct Column {
    /// The schema's field name.
    pub field: &'static str,
    /// The SQL column name.
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

/// The table behind a model and what the runtime must honour on it.
#[derive(Debug)]
pub struct ModelDescriptor {
    /// The schema's model name.
    pub name: &'static str,
    pub table: &'static str,
    /// Every stored column, in the order `Model::from_row` reads them.
    pub columns: &'static [Column],
    /// The primary-key column.
    pub primary_key: &'static str,
    /// `@@soft_delete`: the timestamp column set instead of deleting.
    pub soft_delete: Option<&'static str>,
    /// `@version`: the integer column bumped by every update.
    pub version: Option<&'static str>,
    /// The kinds of `columns`, in the same order.
    pub kinds: &'static [Kind],
}

impl ModelDescriptor {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// The column kinds, in order (what the backends decode by).
    pub fn kinds(&self) -> &'static [Kind] {
        self.kinds
    }
}
