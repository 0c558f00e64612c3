//! The contract between the runtime and the code `cstackc build`
//! generates: every item only generated code names. Applications use the
//! crate root; what is here changes with the generator.
//!
//! - descriptors: the input traits, `Auth`, what writes record
//!   ([`Tracking`]), the `@@emit` and materialized-view markers;
//! - policies as constants: [`Policy`], [`PolicyExpr`], [`Operand`],
//!   [`Literal`], [`CmpOp`], [`Quantifier`], the [`action`] bits, and
//!   [`policy_json_member`] for generated `Principal` impls;
//! - values: [`ToValue`] and [`FromValue`], and the helpers that read a row
//!   (`take…`) or bind JSON and enums;
//! - reading SQLite and MySQL rows straight into structs ([`ModelRow`],
//!   [`Column`]);
//! - modules: `builder` (typestate markers), `validate` (field
//!   validators), `wire` (serde of `Bytes` fields), `procedure` (procedure
//!   dispatch).

pub use crate::schema::events::Tracking;
pub use crate::schema::model::{Auth, CreateInput, Emits, UpdateInput, UpsertInput};
pub use crate::schema::operator::{CmpOp, Quantifier};
pub use crate::schema::policy::{Literal, Operand, Policy, PolicyExpr, action, policy_json_member};
pub use crate::schema::procedure::ProcedureInput;
pub use crate::schema::value::{
    FromValue, ToValue, from_enum_text, from_json_value, from_json_value_opt, json_value,
    json_value_opt, take, take_json, take_json_opt,
};
pub use crate::schema::views::Materialized;
pub use crate::schema::{builder, validate, wire};

/// What generated `http` modules implement and build from.
#[cfg(all(feature = "http", database))]
pub mod http {
    pub use crate::http::error::ApiError;
    pub use crate::http::procedures::{Output, ProcedureRoute, ProcedureService, unknown};
    pub use crate::http::query::{EnumShape, ModelShape, RelationShape};
    pub use crate::http::resource::Resource;
    pub use crate::http::resource::decode;
    pub use crate::http::service::Spec;
}

#[cfg(any(feature = "sqlite", feature = "mysql"))]
pub use crate::schema::model::{Column, ModelRow};

/// What generated procedure dispatchers call.
#[cfg(database)]
pub mod procedure {
    pub use crate::ops::procedure::{authorize, decode_args, encode_output};
    pub use crate::schema::procedure::collect_stream;
}
