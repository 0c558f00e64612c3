//! `Include<P>`: a relation to load alongside the rows of `P`, and its
//! loading: one query per included relation, whatever the number of
//! parent rows (the plan is `query::include`), each loaded row attached to
//! its parents.

use crate::handle::Handle;
use crate::query::include::{group_by_key, related_filter};
use crate::query::relation::{Relation, ToManyRelation};
use crate::schema::error::Result;
use crate::schema::model::Model;
use crate::schema::value::Value;
use crate::sql::render;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type LoadFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

trait Loader<P>: Send + Sync {
    fn load<'a>(&'a self, handle: &'a Handle, parents: &'a mut [P]) -> LoadFuture<'a>;
}

/// A relation to load alongside the rows of `P`.
pub struct Include<P> {
    loader: Arc<dyn Loader<P>>,
}

impl<P> Clone for Include<P> {
    fn clone(&self) -> Self {
        Self {
            loader: self.loader.clone(),
        }
    }
}

impl<P: Model> Include<P> {
    pub(crate) async fn load(&self, handle: &Handle, parents: &mut [P]) -> Result<()> {
        self.loader.load(handle, parents).await
    }
}

/// Loads every child whose `remote` column holds one of the parents' keys,
/// grouped by that key.
async fn children<P, C: Model>(
    handle: &Handle,
    parents: &[P],
    local_key: fn(&P) -> Value,
    remote: &'static str,
    remote_key: fn(&C) -> Value,
) -> Result<HashMap<String, Vec<C>>> {
    let Some(node) = related_filter(parents, local_key, remote, C::POLICIES, handle.context())
    else {
        return Ok(HashMap::new());
    };
    let statement = render::select(handle.dialect(), C::DESCRIPTOR, &node, &[], None, None);
    let children = handle.fetch_models::<C>(&statement).await?;
    Ok(group_by_key(children, remote_key))
}

impl<P: Model, C: Model + Clone> Loader<P> for Relation<P, C> {
    fn load<'a>(&'a self, handle: &'a Handle, parents: &'a mut [P]) -> LoadFuture<'a> {
        Box::pin(async move {
            let grouped = children(
                handle,
                parents,
                self.local_key,
                self.remote,
                self.remote_key,
            )
            .await?;
            for parent in parents.iter_mut() {
                // Several parents may share one related row.
                let child = grouped
                    .get(&(self.local_key)(parent).key())
                    .and_then(|children| children.first().cloned());
                (self.attach)(parent, child);
            }
            Ok(())
        })
    }
}

impl<P: Model, C: Model + Clone> Loader<P> for ToManyRelation<P, C> {
    fn load<'a>(&'a self, handle: &'a Handle, parents: &'a mut [P]) -> LoadFuture<'a> {
        Box::pin(async move {
            let grouped = children(
                handle,
                parents,
                self.local_key,
                self.remote,
                self.remote_key,
            )
            .await?;
            for parent in parents.iter_mut() {
                let children = grouped
                    .get(&(self.local_key)(parent).key())
                    .cloned()
                    .unwrap_or_default();
                (self.attach)(parent, children);
            }
            Ok(())
        })
    }
}

impl<P: Model, C: Model + Clone> From<Relation<P, C>> for Include<P> {
    fn from(relation: Relation<P, C>) -> Self {
        Include {
            loader: Arc::new(relation),
        }
    }
}

impl<P: Model, C: Model + Clone> From<ToManyRelation<P, C>> for Include<P> {
    fn from(relation: ToManyRelation<P, C>) -> Self {
        Include {
            loader: Arc::new(relation),
        }
    }
}
