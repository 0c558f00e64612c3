//! L5, the operations: what applications and generated `Db` types call.
//! The find builders and [`read::ReadSource`], the model and view
//! delegates, writes and the rows they give back on every backend, include
//! loading, the create-time policy check, tracked writes with their audit
//! and outbox rows and what a commit delivers
//! (sinks, subscribers, redelivery), materialized-view refreshes with both
//! schedulers, and procedure dispatch.
//!
//! Layer invariant: may import every layer below; nothing in the crate
//! imports it but the two facades (the crate root and `__codegen`).

pub(crate) mod commit;
pub(crate) mod create_check;
pub(crate) mod delegate;
pub(crate) mod events;
pub(crate) mod find;
pub(crate) mod image;
pub(crate) mod include;
pub(crate) mod journal;
pub(crate) mod outbox;
pub(crate) mod policy;
pub(crate) mod procedure;
pub(crate) mod read;
pub(crate) mod refresh;
pub(crate) mod relay;
pub(crate) mod tracked;
pub(crate) mod view;
pub(crate) mod write;
