//! The traits generated code implements: [`Model`] for each model and view
//! struct (its descriptor, policies, what its writes record, and how a row
//! decodes into it), the input traits of creates, updates and upserts, and
//! the `@@emit` marker.

use crate::schema::descriptor::ModelDescriptor;
use crate::schema::error::Result;
use crate::schema::events::Tracking;
use crate::schema::policy::Policy;
use crate::schema::validate::ValidationErrors;
#[cfg(feature = "sqlite")]
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

    /// Builds the struct straight from an SQLite row (columns in descriptor
    /// order). Generated crates with the embedded target override this to
    /// skip the intermediate values; the default reads the row's values and
    /// goes through `from_row`.
    #[cfg(feature = "sqlite")]
    fn from_sqlite_row(row: &rusqlite::Row<'_>) -> Result<Self> {
        let mut values = row.values(Self::DESCRIPTOR.kinds)?.into_iter();
        Self::from_row(&mut values)
    }
}

/// A row read as values by kind: what the default
/// [`Model::from_sqlite_row`] needs of an SQLite row. The SQLite backend
/// implements it, so this layer names the row type without knowing how
/// SQLite stores a value.
#[cfg(feature = "sqlite")]
pub(crate) trait RowValues {
    fn values(&self, kinds: &[Kind]) -> Result<Vec<Value>>;
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
