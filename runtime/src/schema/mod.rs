//! L0, the schema layer: the data generated code and applications share.
//! Values and their conversions, the one error type, validators, `Patch`,
//! the descriptors a generated model embeds (its table and columns, its
//! policies, what its writes record, its materialized view), the procedure
//! types, and the wire formats.
//!
//! Layer invariant: imports nothing of the crate outside `schema/`. It
//! holds no filter, SQL, backend, connection or operation, so the codegen
//! contract can be read and tested without a database.

pub mod builder;
pub mod codec;
pub mod defaults;
pub(crate) mod descriptor;
pub(crate) mod error;
pub(crate) mod events;
pub(crate) mod model;
pub mod negotiate;
pub(crate) mod operator;
pub(crate) mod patch;
pub(crate) mod policy;
pub(crate) mod procedure;
pub mod validate;
pub(crate) mod value;
pub(crate) mod views;
pub mod wire;
