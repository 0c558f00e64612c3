//! Answers as values to encode once the format is known: [`Reply`] holds
//! a serializable value ([`Encode`]) and how to show it (a row, rows, a
//! page), and applies the client's [`Projection`] on the encoder's own
//! value tree, so CBOR keeps its byte strings.

use crate::http::query::Projection;
use crate::schema::codec::{CodecError, Format};
use serde::Serialize;

/// A value that can be encoded in any format.
pub trait Encode: Send + Sync {
    fn encode(&self, format: Format) -> Result<Vec<u8>, CodecError>;
    /// Appends the encoding to `out`.
    fn encode_into(&self, format: Format, out: &mut Vec<u8>) -> Result<(), CodecError>;
    /// The value as the format's tree, to project.
    fn tree(&self, format: Format) -> Result<Tree, CodecError>;
}

impl<T: Serialize + Send + Sync> Encode for T {
    fn encode(&self, format: Format) -> Result<Vec<u8>, CodecError> {
        format.encode(self)
    }

    fn encode_into(&self, format: Format, out: &mut Vec<u8>) -> Result<(), CodecError> {
        format.encode_into(self, out)
    }

    fn tree(&self, format: Format) -> Result<Tree, CodecError> {
        let error = |e: &dyn std::fmt::Display| CodecError {
            content_type: format.content_type(),
            message: e.to_string(),
        };
        match format {
            Format::Json => serde_json::to_value(self)
                .map(Tree::Json)
                .map_err(|e| error(&e)),
            #[cfg(feature = "cbor")]
            Format::Cbor => ciborium::Value::serialized(self)
                .map(Tree::Cbor)
                .map_err(|e| error(&e)),
            #[allow(unreachable_patterns)]
            _ => Err(error(&"this format is not built")),
        }
    }
}

/// A value as JSON or CBOR data.
pub enum Tree {
    Json(serde_json::Value),
    #[cfg(feature = "cbor")]
    Cbor(ciborium::Value),
}

impl Tree {
    fn encode(&self, format: Format) -> Result<Vec<u8>, CodecError> {
        match self {
            Tree::Json(value) => format.encode(value),
            #[cfg(feature = "cbor")]
            Tree::Cbor(value) => format.encode(value),
        }
    }
}

/// Where the rows are in an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Row,
    Rows,
    /// `{items, ...}`.
    Page,
    /// Anything else (a procedure's output): never projected.
    Other,
}

/// A successful answer before encoding.
pub struct Reply<T> {
    pub status: axum::http::StatusCode,
    pub value: T,
    pub shape: Shape,
    pub projection: Projection,
    /// The `@version` of the row, for `ETag`.
    pub version: Option<i64>,
    /// The buffer to encode into, in bytes: a guess from the number of
    /// rows, so a list's body is not grown by doubling from a few bytes.
    pub capacity: usize,
}

/// A guess at one encoded row, for [`Reply::capacity`]: too small costs
/// one more doubling of the buffer, too large some unused memory until
/// the answer is sent.
const ROW_BYTES: usize = 160;

impl<T: Encode> Reply<T> {
    pub fn new(value: T, shape: Shape) -> Self {
        Reply {
            status: axum::http::StatusCode::OK,
            value,
            shape,
            projection: Projection::default(),
            version: None,
            capacity: ROW_BYTES,
        }
    }

    /// Sizes the buffer for `rows` rows.
    pub fn with_rows(mut self, rows: usize) -> Self {
        self.capacity = ROW_BYTES.saturating_mul(rows.max(1)).saturating_add(64);
        self
    }

    pub fn with_status(mut self, status: axum::http::StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn with_projection(mut self, projection: Projection) -> Self {
        self.projection = projection;
        self
    }

    /// The body in `format`, projected.
    pub fn encode(&self, format: Format) -> Result<Vec<u8>, CodecError> {
        if self.projection.is_everything() || self.shape == Shape::Other {
            let mut out = Vec::with_capacity(self.capacity);
            self.value.encode_into(format, &mut out)?;
            return Ok(out);
        }
        let mut tree = self.value.tree(format)?;
        match &mut tree {
            Tree::Json(value) => project_json(value, self.shape, &self.projection),
            #[cfg(feature = "cbor")]
            Tree::Cbor(value) => project_cbor(value, self.shape, &self.projection),
        }
        tree.encode(format)
    }
}

fn keep(projection: &Projection, key: &str) -> bool {
    match &projection.fields {
        None => true,
        // Included relations stay whatever `fields` says.
        Some(fields) => {
            fields.iter().any(|f| f == key) || projection.relation_fields.contains_key(key)
        }
    }
}

fn project_json(value: &mut serde_json::Value, shape: Shape, projection: &Projection) {
    use serde_json::Value as J;
    let row = |row: &mut J| {
        if let J::Object(map) = row {
            map.retain(|key, _| keep(projection, key));
            for (relation, fields) in &projection.relation_fields {
                let only = |item: &mut J| {
                    if let J::Object(map) = item {
                        map.retain(|key, _| fields.iter().any(|f| f == key));
                    }
                };
                match map.get_mut(relation) {
                    Some(J::Array(items)) => items.iter_mut().for_each(only),
                    Some(item) => only(item),
                    None => {}
                }
            }
        }
    };
    match (shape, value) {
        (Shape::Row, value) => row(value),
        (Shape::Rows, J::Array(items)) => items.iter_mut().for_each(row),
        (Shape::Page, J::Object(page)) => {
            if let Some(J::Array(items)) = page.get_mut("items") {
                items.iter_mut().for_each(row);
            }
        }
        _ => {}
    }
}

#[cfg(feature = "cbor")]
fn project_cbor(value: &mut ciborium::Value, shape: Shape, projection: &Projection) {
    use ciborium::Value as C;
    fn key_is(key: &C, wanted: &str) -> bool {
        key.as_text() == Some(wanted)
    }
    let row = |row: &mut C| {
        if let C::Map(map) = row {
            map.retain(|(key, _)| key.as_text().is_some_and(|k| keep(projection, k)));
            for (relation, fields) in &projection.relation_fields {
                let only = |item: &mut C| {
                    if let C::Map(map) = item {
                        map.retain(|(key, _)| {
                            key.as_text().is_some_and(|k| fields.iter().any(|f| f == k))
                        });
                    }
                };
                if let Some((_, related)) = map.iter_mut().find(|(key, _)| key_is(key, relation)) {
                    match related {
                        C::Array(items) => items.iter_mut().for_each(only),
                        item => only(item),
                    }
                }
            }
        }
    };
    match (shape, value) {
        (Shape::Row, value) => row(value),
        (Shape::Rows, C::Array(items)) => items.iter_mut().for_each(row),
        (Shape::Page, C::Map(page)) => {
            if let Some((_, C::Array(items))) =
                page.iter_mut().find(|(key, _)| key_is(key, "items"))
            {
                items.iter_mut().for_each(row);
            }
        }
        _ => {}
    }
}
