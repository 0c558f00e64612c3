//! Who a handle acts for: the [`Context`] that policies are judged in (the
//! principal `auth()` reads, and whether this is a system context), and
//! the policy filters already lowered for it.

use crate::query::filter::{Node, SharedNode};
use crate::schema::policy::Principal;
use crate::schema::value::Value;
use std::any::Any;
use std::sync::{Arc, Mutex};

/// A principal given as any value: `auth()` is present, its members unknown.
struct Opaque<A>(A);

impl<A: Any + Send + Sync> Principal for Opaque<A> {
    fn member(&self, _path: &[&str]) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &(dyn Any + Send + Sync) {
        &self.0
    }
}

/// Who a handle acts for: the principal `auth()` reads, and whether this is
/// a system context (`isSystem()`), which only code can mint.
#[derive(Clone, Default)]
pub struct Context {
    auth: Option<Arc<dyn Principal>>,
    system: bool,
    /// The policy filters already lowered for this context, shared by its
    /// clones: a context never changes, so neither does its lowering.
    lowered: Arc<Lowered>,
}

/// Lowered policy filters keyed by the policy table (its address and
/// length: each model's `POLICIES` is one static) and the action.
#[derive(Default)]
struct Lowered(Mutex<Vec<(LoweredKey, Option<Arc<SharedNode>>)>>);

/// `(address of the policy table, its length, action)`.
pub(crate) type LoweredKey = (usize, usize, u8);

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("authenticated", &self.auth.is_some())
            .field("system", &self.system)
            .finish()
    }
}

impl Context {
    /// Anonymous: `auth() == null`.
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Acting for `auth`.
    pub fn authenticated(auth: impl Principal) -> Self {
        Self {
            auth: Some(Arc::new(auth)),
            system: false,
            lowered: Arc::default(),
        }
    }

    /// Acting for a value whose members policies cannot read.
    pub fn opaque<A: Any + Send + Sync>(auth: A) -> Self {
        Self::authenticated(Opaque(auth))
    }

    /// A system context: `isSystem()` holds.
    pub fn system() -> Self {
        Self {
            auth: None,
            system: true,
            lowered: Arc::default(),
        }
    }

    /// The same context, marked as system (or not).
    pub fn with_system(mut self, system: bool) -> Self {
        self.system = system;
        // What was lowered for the old flag does not hold for the new one.
        self.lowered = Arc::default();
        self
    }

    pub fn auth(&self) -> Option<&dyn Principal> {
        self.auth.as_deref()
    }

    pub fn is_system(&self) -> bool {
        self.system
    }

    /// The filter lowered for `key` in this context: remembered from the
    /// first call (by this context or a clone), computed by `lower` then
    /// and shared from then on.
    pub(crate) fn lowered(
        &self,
        key: LoweredKey,
        lower: impl FnOnce() -> Option<Node>,
    ) -> Option<Node> {
        let shared =
            |node: &Option<Arc<SharedNode>>| node.as_ref().map(|n| Node::Shared(n.clone()));
        // A poisoned memo only means another thread panicked mid-insert; the
        // entries it holds are complete, so it stays usable.
        let mut memo = self
            .lowered
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, node)) = memo.iter().find(|(k, _)| *k == key) {
            return shared(node);
        }
        let node = lower().map(|n| Arc::new(SharedNode::new(n)));
        let result = shared(&node);
        memo.push((key, node));
        result
    }
}
