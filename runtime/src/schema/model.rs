//! The traits generated code implements: [`Model`] for each model and view
//! struct (its descriptor, policies, what its writes record, and how a row
//! decodes into it), the input traits of creates, updates and upserts, and
//! the `@@emit` marker.

use crate::schema::descriptor::ModelDescriptor;
use crate::schema::error::Result;
use crate::schema::events::Tracking;
use crate::schema::policy::Policy;
use crate::schema::validate::ValidationErrors;
#[cfg(any(feature = "sqlite", feature = "mysql"))]
use crate::schema::value::Kind;
use crate::schema::value::{ToValue, Value};
use std::any::Any;

/// A generated model struct.
pub trait Model: Sized + Send + Sync + 'static {
    const DESCRIPTOR: &'static ModelDescriptor;
    /// The primary key's Rust type.
    type Key: ToValue + Send + Sync;
    /// The model's `@@allow` / `@@deny` rules; none means unrestricted.
    const POLICIES: &'static [Policy] = &[];
    /// What writes record: `@@audit`, `@@emit(...)`, redacted fields.
    const TRACKING: Tracking = Tracking::NONE;

    /// Builds the struct from the next row's values (in descriptor order).
    fn from_row(row: &mut std::vec::IntoIter<Value>) -> Result<Self>;

    /// Builds the struct straight from a row (columns in descriptor
    /// order) of a backend that reads rows a column at a time (SQLite,
    /// MySQL). Generated crates for those backends override this to skip
    /// the intermediate values; the default reads the row's values and goes
    /// through `from_row`.
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ModelRow>(row: &R) -> Result<Self> {
        let mut values = row.values(Self::DESCRIPTOR.kinds)?.into_iter();
        Self::from_row(&mut values)
    }
}

/// A database row that a generated model reads straight into its fields,
/// one column at a time. The SQLite and MySQL backends implement it for
/// their rows, so this layer names the row without knowing how a backend
/// stores a value.
#[cfg(any(feature = "sqlite", feature = "mysql"))]
pub trait ModelRow {
    /// Column `index` as the field type `T`.
    fn column<T: Column>(&self, index: usize) -> Result<T>;
    /// An enum column, through the enum's `FromStr`.
    fn enum_column<T: std::str::FromStr>(&self, index: usize) -> Result<T>;
    /// An optional enum column.
    fn enum_column_opt<T: std::str::FromStr>(&self, index: usize) -> Result<Option<T>>;
    /// A JSON column holding a list or a `type` value.
    fn json_column<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<T>;
    /// An optional JSON column.
    fn json_column_opt<T: serde::de::DeserializeOwned>(&self, index: usize) -> Result<Option<T>>;
    /// The whole row as values of these kinds.
    fn values(&self, kinds: &[Kind]) -> Result<Vec<Value>>;
}

/// A field type a [`ModelRow`] reads from one column: one reader per
/// backend, each implemented beside that backend.
#[cfg(any(feature = "sqlite", feature = "mysql"))]
pub trait Column: Sized {
    #[cfg(feature = "sqlite")]
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self>;
    #[cfg(feature = "mysql")]
    fn from_mysql(row: &sqlx_mysql::MySqlRow, index: usize) -> Result<Self>;
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

/// Implemented by generated models with `@@emit(...)`: what makes
/// `subscribe()` available on their delegate.
pub trait Emits: Model {}
