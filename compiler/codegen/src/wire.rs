//! Serde attributes that fix how a field goes on the wire beyond its name
//! (documented in `docs/wire-format.md`).

use crate::plan::{Field, Storage};

/// `, with = "…"` for a field whose value type is `Bytes` (`inner` is the
/// Rust type of one value), so it is base64 text in JSON and a byte string
/// in CBOR; with `default` when the field may be absent (`optional`), which
/// serde no longer assumes once `with` is given.
pub fn bytes_attributes(inner: &str, optional: bool) -> &'static str {
    match (inner == "Vec<u8>", optional) {
        (false, _) => "",
        (true, false) => ", with = \"::cstack_runtime::__codegen::wire::bytes\"",
        (true, true) => ", default, with = \"::cstack_runtime::__codegen::wire::bytes\"",
    }
}

/// Whether a model struct's field takes its default when the key is
/// absent: a `@server_only` field is never written, so a model read back
/// from the wire gets the empty value of its type (every scalar has one;
/// an enum or `type` does not, and stays required); and an optional
/// `Bytes` field, which `with` would otherwise make required.
pub fn model_field_default(field: &Field<'_>) -> bool {
    let defaultable = field.optional || field.list || matches!(field.storage, Storage::Direct(_));
    (field.server_only && defaultable) || (field.inner == "Vec<u8>" && field.optional)
}
