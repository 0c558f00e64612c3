//! The RPC binding's `list` input (`RpcListInput`), turned into the
//! REST list grammar's pairs so both bindings parse one grammar.

use crate::http::error::ApiError;
use crate::http::query::{ListQuery, ModelShape, Pair, parse_list};
use crate::http::resource::decode;
use crate::schema::codec::Format;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `RpcListInput`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ListInput {
    #[serde(default)]
    limit: Option<i64>,
    #[serde(default)]
    offset: Option<i64>,
    #[serde(default)]
    fields: Option<Vec<String>>,
    #[serde(default)]
    include: Option<Vec<String>>,
    #[serde(default)]
    include_fields: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default, rename = "where")]
    condition: Option<String>,
    #[serde(default)]
    or: Option<String>,
    #[serde(default)]
    filters: Vec<FilterInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilterInput {
    key: String,
    value: String,
}

/// An RPC `list` body as a parsed list query (an empty body lists all).
pub(crate) fn list_query(
    shape: &ModelShape,
    format: Format,
    body: &[u8],
) -> Result<ListQuery, ApiError> {
    let input: ListInput = if body.is_empty() {
        ListInput::default()
    } else {
        decode(format, body)?
    };
    let mut pairs: Vec<Pair<'static>> = Vec::new();
    for (key, value) in [("limit", input.limit), ("offset", input.offset)] {
        if let Some(value) = value {
            pairs.push((key.into(), value.to_string().into()));
        }
    }
    if let Some(fields) = input.fields {
        pairs.push(("fields".into(), fields.join(",").into()));
    }
    if let Some(include) = input.include {
        pairs.push(("include".into(), include.join(",").into()));
    }
    for (relation, fields) in input.include_fields {
        pairs.push((
            format!("includeFields[{relation}]").into(),
            fields.join(",").into(),
        ));
    }
    for (key, value) in [
        ("sort", input.sort),
        ("where", input.condition),
        ("or", input.or),
    ] {
        if let Some(value) = value {
            pairs.push((key.into(), value.into()));
        }
    }
    for filter in input.filters {
        // A filter key may not smuggle a reserved key in.
        if matches!(
            filter.key.as_str(),
            "limit" | "offset" | "fields" | "include" | "sort" | "orderBy" | "where" | "or"
        ) || filter.key.starts_with("includeFields[")
        {
            return Err(ApiError::bad_request(format!(
                "'{}' is not a filter key",
                filter.key
            )));
        }
        pairs.push((filter.key.into(), filter.value.into()));
    }
    parse_list(shape, &pairs)
}
