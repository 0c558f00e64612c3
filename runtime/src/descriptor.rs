//! What generated code tells the runtime about a model: its table, columns,
//! key and cross-cutting attributes (one `const` descriptor per model), and
//! the traits its struct and inputs implement.

use crate::error::Result;
use crate::validate::ValidationErrors;
use crate::value::{Kind, ToValue, Value};
use std::any::Any;

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

/// A generated model struct.
pub trait Model: Sized + Send + Sync + 'static {
    const DESCRIPTOR: &'static ModelDescriptor;
    /// The primary key's Rust type.
    type Key: ToValue + Send + Sync;
    /// The model's `@@allow` / `@@deny` rules; none means unrestricted.
    const POLICIES: &'static [crate::policy::Policy] = &[];
    /// What writes record: `@@audit`, `@@emit(...)`, redacted fields.
    const TRACKING: crate::events::Tracking = crate::events::Tracking::NONE;

    /// Builds the struct from the next row's values (in descriptor order).
    fn from_row(row: &mut std::vec::IntoIter<Value>) -> Result<Self>;

    /// Builds the struct straight from an SQLite row (columns in descriptor
    /// order). Generated crates with the embedded target override this to
    /// skip the intermediate values; the default goes through `from_row`.
    #[cfg(feature = "sqlite")]
    fn from_sqlite_row(row: &crate::SqliteRow<'_>) -> Result<Self> {
        let mut values = crate::sqlite::decode_row(row, Self::DESCRIPTOR.kinds)?.into_iter();
        Self::from_row(&mut values)
    }
}

/// The principal a handle acts for, as given to `with_auth`.
pub type Auth<'a> = Option<&'a (dyn Any + Send + Sync)>;

/// A generated `Create…Input`.
pub trait CreateInput<M: Model>: Send {
    fn validate(&self) -> std::result::Result<(), ValidationErrors>;
    /// The columns to insert, defaults filled in. Fails with `Forbidden`
    /// when an `@default(auth().x)` needs a principal and there is none.
    fn into_values(self, auth: Auth<'_>) -> Result<Vec<(&'static str, Value)>>;
}

/// A generated `Update…Input`.
pub trait UpdateInput<M: Model>: Send + Sync {
    fn validate(&self) -> std::result::Result<(), ValidationErrors>;
    /// The changed columns only.
    fn values(&self) -> Vec<(&'static str, Value)>;
}

/// Implemented by a create input whose model's primary key is supplied by
/// the caller, which is what makes `upsert` meaningful.
pub trait UpsertInput<M: Model>: CreateInput<M> {}
