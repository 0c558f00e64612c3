//! Batched loading of relations: one query per included relation, whatever
//! the number of parent rows (`WHERE remote IN (keys of every parent)`).

use crate::descriptor::Model;
use crate::error::Result;
use crate::filter::{Node, Relation, ToManyRelation};
use crate::handle::Handle;
use crate::sql;
use crate::value::Value;
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
    let mut keys: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for parent in parents {
        let key = local_key(parent);
        if !key.is_null() && seen.insert(key.key()) {
            keys.push(key);
        }
    }
    let mut grouped: HashMap<String, Vec<C>> = HashMap::new();
    if keys.is_empty() {
        return Ok(grouped);
    }
    let model = C::DESCRIPTOR;
    let mut node = Node::In {
        column: remote,
        values: keys,
        negated: false,
    };
    // Included rows are read rows: the child model's list policy applies.
    if let Some(policy) =
        crate::policy::cached_filter_for(C::POLICIES, crate::policy::action::LIST, handle.context())
    {
        node = Node::And(vec![node, policy]);
    }
    let statement = sql::select(handle.dialect(), model, &node, &[], None, None);
    for child in handle.fetch_models::<C>(&statement).await? {
        grouped
            .entry(remote_key(&child).key())
            .or_default()
            .push(child);
    }
    Ok(grouped)
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
