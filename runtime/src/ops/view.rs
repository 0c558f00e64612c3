//! `ViewDelegate<M>`: the operations on a view, which are its reads and
//! nothing else.

use crate::handle::Handle;
use crate::ops::find::{FindFirst, FindMany, FindUnique};
use crate::ops::read::ReadSource;
use crate::query::filter::Filter;
use crate::schema::error::Result;
use crate::schema::model::Model;
use std::marker::PhantomData;

/// The read operations on a view: a [`ReadSource`] and nothing else, so a
/// write on a view does not compile.
///
/// ```compile_fail,E0599
/// use cstack_runtime::{Model, ModelDescriptor, Result, Value, ViewDelegate};
///
/// struct Row;
/// impl Model for Row {
///     const DESCRIPTOR: &'static ModelDescriptor = &ModelDescriptor {
///         name: "Row",
///         table: "rows",
///         columns: &[],
///         primary_key: "id",
///         soft_delete: None,
///         version: None,
///         kinds: &[],
///     };
///     type Key = i64;
///     fn from_row(_: &mut std::vec::IntoIter<Value>) -> Result<Self> {
///         Ok(Row)
///     }
/// }
///
/// fn write(view: ViewDelegate<'_, Row>) {
///     let _ = view.delete(1);
/// }
/// ```
pub struct ViewDelegate<'a, M> {
    handle: &'a Handle,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> ViewDelegate<'a, M> {
    pub fn new(handle: &'a Handle) -> Self {
        Self {
            handle,
            model: PhantomData,
        }
    }

    pub fn find_unique(&self, key: M::Key) -> FindUnique<'a, M> {
        ReadSource::find_unique(self, key)
    }

    pub fn find_first(&self) -> FindFirst<'a, M> {
        ReadSource::find_first(self)
    }

    pub fn find_many(&self) -> FindMany<'a, M> {
        ReadSource::find_many(self)
    }

    pub async fn count(&self, filter: Filter<M>) -> Result<i64> {
        ReadSource::count(self, filter).await
    }

    pub async fn exists(&self, filter: Filter<M>) -> Result<bool> {
        ReadSource::exists(self, filter).await
    }
}

impl<'a, M: Model> ReadSource<'a> for ViewDelegate<'a, M> {
    type Row = M;

    fn handle(&self) -> &'a Handle {
        self.handle
    }
}
