//! `ReadSource`: the read operations every row source offers, models and
//! views alike. Generic code written against it works with either; a view
//! delegate implements nothing else, so writing to a view does not compile.

use crate::handle::Handle;
use crate::ops::find::{FindFirst, FindMany, FindUnique, key_filter};
use crate::query::filter::Filter;
use crate::schema::error::Result;
use crate::schema::model::Model;
use crate::schema::policy::action;
use std::future::Future;

/// Reads of one row type through one handle, under its read policies
/// (`list` for many rows, `detail` for one by key).
pub trait ReadSource<'a> {
    /// The model or view struct the rows decode into.
    type Row: Model;

    /// The handle the reads run on (and whose context the policies see).
    fn handle(&self) -> &'a Handle;

    /// The row with this primary key.
    fn find_unique(&self, key: <Self::Row as Model>::Key) -> FindUnique<'a, Self::Row> {
        let key = key_filter::<Self::Row>(&key);
        FindUnique {
            many: FindMany::admitted(self.handle(), action::DETAIL).filter(Filter::from_node(key)),
        }
    }

    /// The first matching row in the given order.
    fn find_first(&self) -> FindFirst<'a, Self::Row> {
        FindFirst {
            many: self.find_many().limit(1),
        }
    }

    /// Every row the `list` policy admits, narrowed by filters.
    fn find_many(&self) -> FindMany<'a, Self::Row> {
        FindMany::admitted(self.handle(), action::LIST)
    }

    /// How many admitted rows match `filter`.
    fn count(&self, filter: Filter<Self::Row>) -> impl Future<Output = Result<i64>> + Send + 'a {
        self.find_many().filter(filter).count()
    }

    /// Whether any admitted row matches `filter`.
    fn exists(&self, filter: Filter<Self::Row>) -> impl Future<Output = Result<bool>> + Send + 'a {
        self.find_many().filter(filter).exists()
    }
}
