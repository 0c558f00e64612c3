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

/// The 32 bytes a 64-digit lowercase hex string spells, at compile time
/// (a generated crate's `CONTRACT_DIGEST`); other text fails to compile.
pub const fn digest(hex: &str) -> [u8; 32] {
    const fn nibble(digit: u8) -> u8 {
        match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            _ => panic!("not a lowercase hex digit"),
        }
    }
    let text = hex.as_bytes();
    assert!(text.len() == 64, "a digest is 64 hex digits");
    let mut out = [0u8; 32];
    let mut index = 0;
    while index < 32 {
        out[index] = nibble(text[2 * index]) << 4 | nibble(text[2 * index + 1]);
        index += 1;
    }
    out
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn a_digest_reads_its_hex() {
        const DIGEST: [u8; 32] =
            super::digest("00ff10ab000000000000000000000000000000000000000000000000000000ee");
        assert_eq!(&DIGEST[..4], &[0x00, 0xff, 0x10, 0xab]);
        assert_eq!(DIGEST[31], 0xee);
    }
}
