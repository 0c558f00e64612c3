//! What the routes of one router share ([`State`]) and the operations
//! they answer ([`Target`]), apart from the router so the pipeline and the
//! RPC binding can name them without importing the router.

use crate::handle::Handle;
use crate::http::error::Envelope;
use crate::http::feed::Subscribable;
use crate::http::options::Options;
use crate::http::procedures::ProcedureRoute;
use crate::http::resource::ModelOps;
use std::collections::HashMap;
use std::sync::Arc;

/// One operation the service answers.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    List(usize),
    Get(usize),
    Create(usize),
    Update(usize),
    Delete(usize),
    Procedure(&'static ProcedureRoute),
    /// `model.<M>.subscribe`: an index into [`State::subscriptions`].
    Subscribe(usize),
}

impl Target {
    /// Whether the request carries a body under `envelope` (every RPC op
    /// does).
    pub fn has_body(self, envelope: Envelope) -> bool {
        envelope == Envelope::Rpc
            || matches!(
                self,
                Target::Create(_) | Target::Update(_) | Target::Procedure(_)
            )
    }

    /// Whether it writes: what `Idempotency-Key` applies to.
    pub fn idempotent(self) -> bool {
        match self {
            Target::Create(_) | Target::Update(_) | Target::Delete(_) => true,
            Target::Procedure(route) => route.idempotent,
            Target::List(_) | Target::Get(_) | Target::Subscribe(_) => false,
        }
    }

    pub fn rate_limited(self) -> bool {
        match self {
            Target::Procedure(route) => route.rate_limited,
            _ => true,
        }
    }

    /// Whether `application/cbor-seq` is offered.
    pub fn sequence(self) -> bool {
        matches!(self, Target::Procedure(route) if route.returns_list)
    }
}

/// What every request of one router shares.
pub(crate) struct State {
    pub handle: Handle,
    pub options: Options,
    pub models: Vec<Arc<dyn ModelOps>>,
    /// The `@@subscribe` models.
    pub subscriptions: Vec<Arc<dyn Subscribable>>,
    /// RPC op ids.
    pub ops: HashMap<String, Target>,
}
