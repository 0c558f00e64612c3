//! The list grammar of upstream's REST binding, parsed against a model's
//! descriptor: predicates `field=v` / `field__op=v`, `where=<expr>`,
//! `or=a=1|b=2`, `sort`/`orderBy`, `fields`, `include`,
//! `includeFields[rel]`, `limit`/`offset` (at most [`MAX_LIST_LIMIT`]).
//! RPC `list` inputs become the same pairs and go through the same parser.
//!
//! A name the client may not use (unknown, or `@server_only`) is refused
//! exactly like an unknown one, so a hidden field's existence does not
//! leak. Hostile input is bounded: nesting depth, number of predicates and
//! `in` list lengths.

use crate::http::error::ApiError;
use crate::query::filter::Node;
use crate::schema::descriptor::{Column, ModelDescriptor};
use crate::schema::operator::CmpOp;
use crate::schema::value::{Kind, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The most rows one list answers (and the default `limit`).
pub const MAX_LIST_LIMIT: i64 = 1000;

const MAX_DEPTH: usize = 32;
const MAX_PREDICATES: usize = 256;
const MAX_IN_VALUES: usize = 1000;

/// What the parser needs to know of a model.
#[derive(Clone, Copy, Debug)]
pub struct ModelShape {
    pub descriptor: &'static ModelDescriptor,
    /// `@server_only` fields, by schema name.
    pub hidden: &'static [&'static str],
    pub relations: &'static [RelationShape],
    /// Every enum of the schema: its SQL type name and variants.
    pub enums: &'static [EnumShape],
}

/// A relation a client may include.
#[derive(Clone, Copy, Debug)]
pub struct RelationShape {
    pub name: &'static str,
    pub target: &'static ModelDescriptor,
    /// The target's `@server_only` fields.
    pub target_hidden: &'static [&'static str],
}

/// An enum's variants, for filter values.
#[derive(Clone, Copy, Debug)]
pub struct EnumShape {
    /// The SQL type name (`Kind::Enum`'s).
    pub type_name: &'static str,
    pub variants: &'static [&'static str],
}

impl ModelShape {
    /// A column the client may name, by schema field name.
    fn column(&self, field: &str) -> Option<&'static Column> {
        if self.hidden.contains(&field) {
            return None;
        }
        self.descriptor.columns.iter().find(|c| c.field == field)
    }

    fn relation(&self, name: &str) -> Option<&'static RelationShape> {
        self.relations.iter().find(|r| r.name == name)
    }
}

/// Which fields of the answer the client asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Projection {
    /// `fields`: the row's own fields to keep (`None`: all).
    pub fields: Option<Vec<String>>,
    /// `includeFields[rel]`: per included relation, its fields to keep.
    pub relation_fields: BTreeMap<String, Vec<String>>,
}

impl Projection {
    pub fn is_everything(&self) -> bool {
        self.fields.is_none() && self.relation_fields.is_empty()
    }
}

/// What to load and how to show it: the parts shared by `get` and `list`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub includes: Vec<&'static str>,
    pub projection: Projection,
}

/// A parsed list request.
#[derive(Clone, Debug)]
pub struct ListQuery {
    pub filter: Node,
    /// `(column, kind, descending)`.
    pub order: Vec<(&'static str, Kind, bool)>,
    pub limit: i64,
    pub offset: i64,
    pub selection: Selection,
}

/// A decoded `(key, value)` of a query: borrowed from the query string
/// when there was nothing to decode, as there usually is not.
pub type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Splits a raw query string into decoded `(key, value)` pairs.
pub fn pairs(raw: Option<&str>) -> Result<Vec<Pair<'_>>, ApiError> {
    let Some(raw) = raw.filter(|r| !r.is_empty()) else {
        return Ok(Vec::new());
    };
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            // A byte scan: parts are short, shorter than a searcher's set-up.
            let (key, value) = match part.bytes().position(|b| b == b'=') {
                Some(at) => (&part[..at], &part[at + 1..]),
                None => (part, ""),
            };
            Ok((decode(key)?, decode(value)?))
        })
        .collect()
}

/// `application/x-www-form-urlencoded` decoding of one component.
fn decode(text: &str) -> Result<Cow<'_, str>, ApiError> {
    // Most keys and values have nothing to decode.
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        ApiError::bad_request("malformed percent-encoding in the query")
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| ApiError::bad_request("the query is not UTF-8"))
}

/// Parses `fields`, `include` and `includeFields[rel]`; any other key is
/// refused (what `get` allows).
pub fn parse_selection(shape: &ModelShape, pairs: &[Pair<'_>]) -> Result<Selection, ApiError> {
    let mut selection = Selection::default();
    for (key, value) in pairs {
        if !selection_key(shape, &mut selection, key, value)? {
            return Err(ApiError::bad_request(format!(
                "unsupported query parameter '{key}'"
            )));
        }
    }
    check_relation_fields(&selection)?;
    Ok(selection)
}

/// Applies one selection key; `false` when `key` is not one.
fn selection_key(
    shape: &ModelShape,
    selection: &mut Selection,
    key: &str,
    value: &str,
) -> Result<bool, ApiError> {
    if key == "fields" {
        if selection.projection.fields.is_some() {
            return Err(ApiError::bad_request("'fields' given twice"));
        }
        let mut fields = Vec::new();
        for field in csv(value) {
            if shape.column(field).is_none() && shape.relation(field).is_none() {
                return Err(ApiError::bad_request(format!(
                    "unknown field '{field}' in 'fields' for {}",
                    shape.descriptor.name
                )));
            }
            fields.push(field.to_string());
        }
        selection.projection.fields = Some(fields);
        return Ok(true);
    }
    if key == "include" {
        for name in csv(value) {
            let relation = shape.relation(name).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "unknown relation '{name}' in 'include' for {}",
                    shape.descriptor.name
                ))
            })?;
            if !selection.includes.contains(&relation.name) {
                selection.includes.push(relation.name);
            }
        }
        return Ok(true);
    }
    if let Some(name) = key
        .strip_prefix("includeFields[")
        .and_then(|rest| rest.strip_suffix(']'))
    {
        let relation = shape.relation(name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown relation '{name}' in 'includeFields' for {}",
                shape.descriptor.name
            ))
        })?;
        let mut fields = Vec::new();
        for field in csv(value) {
            let known = !relation.target_hidden.contains(&field)
                && relation.target.columns.iter().any(|c| c.field == field);
            if !known {
                return Err(ApiError::bad_request(format!(
                    "unknown field '{field}' in 'includeFields[{name}]'"
                )));
            }
            fields.push(field.to_string());
        }
        if selection
            .projection
            .relation_fields
            .insert(relation.name.to_string(), fields)
            .is_some()
        {
            return Err(ApiError::bad_request(format!(
                "'includeFields[{name}]' given twice"
            )));
        }
        return Ok(true);
    }
    Ok(false)
}

fn check_relation_fields(selection: &Selection) -> Result<(), ApiError> {
    for name in selection.projection.relation_fields.keys() {
        if !selection.includes.iter().any(|i| i == name) {
            return Err(ApiError::bad_request(format!(
                "'includeFields[{name}]' needs '{name}' in 'include'"
            )));
        }
    }
    Ok(())
}

fn csv(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Parses a list request.
pub fn parse_list(shape: &ModelShape, pairs: &[Pair<'_>]) -> Result<ListQuery, ApiError> {
    let mut selection = Selection::default();
    let mut filters = Vec::new();
    let mut order = None;
    let mut limit = None;
    let mut offset = None;
    let mut budget = MAX_PREDICATES;
    for (key, value) in pairs {
        if selection_key(shape, &mut selection, key, value)? {
            continue;
        }
        match key.as_ref() {
            "limit" | "offset" => {
                let n: i64 = value
                    .parse()
                    .map_err(|_| ApiError::bad_request(format!("'{key}' must be an integer")))?;
                if n < 0 {
                    return Err(ApiError::bad_request(format!("'{key}' cannot be negative")));
                }
                let slot = if key == "limit" {
                    if n > MAX_LIST_LIMIT {
                        return Err(ApiError::bad_request(format!(
                            "'limit' cannot exceed {MAX_LIST_LIMIT}"
                        )));
                    }
                    &mut limit
                } else {
                    &mut offset
                };
                if slot.replace(n).is_some() {
                    return Err(ApiError::bad_request(format!("'{key}' given twice")));
                }
            }
            "sort" | "orderBy" => {
                if order.is_some() {
                    return Err(ApiError::bad_request(
                        "give one of 'sort' and 'orderBy', once",
                    ));
                }
                order = Some(parse_order(shape, value)?);
            }
            "where" => {
                let mut parser = Expr {
                    shape,
                    text: value.as_bytes(),
                    at: 0,
                    budget: &mut budget,
                };
                filters.push(parser.parse()?);
            }
            "or" => {
                let mut any = Vec::new();
                for leaf in value.split('|') {
                    let (key, value) = leaf.split_once('=').ok_or_else(|| {
                        ApiError::bad_request("'or' takes predicates `key=value` separated by '|'")
                    })?;
                    any.push(predicate(shape, key, value, &mut budget)?);
                }
                filters.push(Node::Or(any));
            }
            _ => filters.push(predicate(shape, key, value, &mut budget)?),
        }
    }
    check_relation_fields(&selection)?;
    Ok(ListQuery {
        filter: match filters.len() {
            0 => Node::True,
            1 => filters.pop().unwrap_or(Node::True),
            _ => Node::And(filters),
        },
        order: order.unwrap_or_default(),
        limit: limit.unwrap_or(MAX_LIST_LIMIT),
        offset: offset.unwrap_or(0),
        selection,
    })
}

fn parse_order(
    shape: &ModelShape,
    value: &str,
) -> Result<Vec<(&'static str, Kind, bool)>, ApiError> {
    csv(value)
        .map(|key| {
            let (field, descending) = match key.strip_prefix('-') {
                Some(field) => (field, true),
                None => (key.strip_prefix('+').unwrap_or(key), false),
            };
            match shape.column(field) {
                Some(column) if orderable(column.kind) => {
                    Ok((column.name, column.kind, descending))
                }
                _ => Err(ApiError::validation(format!(
                    "unsupported sort field '{field}' for {}",
                    shape.descriptor.name
                ))),
            }
        })
        .collect()
}

fn orderable(kind: Kind) -> bool {
    !matches!(kind, Kind::Json | Kind::Bytes | Kind::Vector)
}

/// One predicate `field[__op]=value`.
fn predicate(
    shape: &ModelShape,
    key: &str,
    value: &str,
    budget: &mut usize,
) -> Result<Node, ApiError> {
    *budget = budget
        .checked_sub(1)
        .ok_or_else(|| ApiError::bad_request("too many predicates in the query"))?;
    let unsupported = || {
        ApiError::bad_request(format!(
            "unsupported query filter '{key}' for {}",
            shape.descriptor.name
        ))
    };
    let (field, op) = key.split_once("__").unwrap_or((key, "eq"));
    let column = shape.column(field).ok_or_else(unsupported)?;
    if !orderable(column.kind) {
        return Err(unsupported());
    }
    let parse = |text: &str| {
        scalar(shape.enums, column.kind, text)
            .ok_or_else(|| ApiError::bad_request(format!("invalid value for query filter '{key}'")))
    };
    let compare = |op: CmpOp| -> Result<Node, ApiError> {
        Ok(Node::Compare {
            column: column.name,
            kind: column.kind,
            op,
            value: parse(value)?,
        })
    };
    let comparable = !matches!(column.kind, Kind::Bool | Kind::Enum(_) | Kind::Uuid);
    let text = matches!(column.kind, Kind::Text);
    Ok(match op {
        "eq" => compare(CmpOp::Eq)?,
        "ne" => compare(CmpOp::Ne)?,
        "lt" if comparable => compare(CmpOp::Lt)?,
        "lte" if comparable => compare(CmpOp::Lte)?,
        "gt" if comparable => compare(CmpOp::Gt)?,
        "gte" if comparable => compare(CmpOp::Gte)?,
        "in" => {
            let values = value
                .split(',')
                .map(|v| parse(v.trim()))
                .collect::<Result<Vec<_>, _>>()?;
            if values.len() > MAX_IN_VALUES {
                return Err(ApiError::bad_request(format!(
                    "'{key}' lists more than {MAX_IN_VALUES} values"
                )));
            }
            Node::In {
                column: column.name,
                values,
                negated: false,
            }
        }
        "contains" if text => Node::Contains {
            column: column.name,
            value: value.to_string(),
        },
        "startsWith" if text => Node::StartsWith {
            column: column.name,
            value: value.to_string(),
        },
        "isNull" if column.nullable => {
            let wanted = match value {
                "true" => true,
                "false" => false,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "'{key}' takes true or false"
                    )));
                }
            };
            Node::IsNull {
                column: column.name,
                negated: !wanted,
            }
        }
        _ => return Err(unsupported()),
    })
}

/// A path segment as a primary key of `kind`.
pub fn key_value(kind: Kind, text: &str) -> Option<Value> {
    scalar(&[], kind, text)
}

/// A query-string value as a value of `kind`.
fn scalar(enums: &[EnumShape], kind: Kind, text: &str) -> Option<Value> {
    Some(match kind {
        Kind::Bool => Value::Bool(match text {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
        Kind::Int => Value::Int(text.parse().ok()?),
        Kind::Float => Value::Float(text.parse::<f64>().ok().filter(|f| f.is_finite())?),
        Kind::Decimal => Value::Decimal(text.parse().ok()?),
        // No database text holds a NUL.
        Kind::Text if text.contains('\0') => return None,
        Kind::Text => Value::Text(text.to_string()),
        Kind::DateTime => Value::DateTime(
            chrono::DateTime::parse_from_rfc3339(text)
                .ok()?
                .with_timezone(&chrono::Utc),
        ),
        Kind::Uuid => Value::Uuid(text.parse().ok()?),
        Kind::Enum(type_name) => {
            let shape = enums.iter().find(|e| e.type_name == type_name)?;
            let variant = shape.variants.iter().find(|v| **v == text)?;
            Value::Enum { type_name, variant }
        }
        _ => return None,
    })
}

/// `where`: `,` is AND, `|` is OR (AND binds tighter), `not(...)`,
/// parentheses, and predicates `key=value` whose value runs to the next
/// `,`, `|` or `)`. In an `in` predicate here, values are separated by
/// `;` since `,` already means AND.
struct Expr<'a, 'b> {
    shape: &'a ModelShape,
    text: &'a [u8],
    at: usize,
    budget: &'b mut usize,
}

impl Expr<'_, '_> {
    fn parse(&mut self) -> Result<Node, ApiError> {
        let node = self.or(0)?;
        if self.at != self.text.len() {
            return Err(self.error("unexpected character"));
        }
        Ok(node)
    }

    fn error(&self, what: &str) -> ApiError {
        ApiError::bad_request(format!("malformed 'where' at offset {}: {what}", self.at))
    }

    fn or(&mut self, depth: usize) -> Result<Node, ApiError> {
        let mut any = vec![self.and(depth)?];
        while self.eat(b'|') {
            any.push(self.and(depth)?);
        }
        Ok(if any.len() == 1 {
            any.pop().unwrap_or(Node::True)
        } else {
            Node::Or(any)
        })
    }

    fn and(&mut self, depth: usize) -> Result<Node, ApiError> {
        let mut all = vec![self.unary(depth)?];
        while self.eat(b',') {
            all.push(self.unary(depth)?);
        }
        Ok(if all.len() == 1 {
            all.pop().unwrap_or(Node::True)
        } else {
            Node::And(all)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Node, ApiError> {
        if depth >= MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        if self.text[self.at..].starts_with(b"not(") {
            self.at += 4;
            let inner = self.or(depth + 1)?;
            if !self.eat(b')') {
                return Err(self.error("expected ')'"));
            }
            return Ok(Node::Not(Box::new(inner)));
        }
        if self.eat(b'(') {
            let inner = self.or(depth + 1)?;
            if !self.eat(b')') {
                return Err(self.error("expected ')'"));
            }
            return Ok(inner);
        }
        let start = self.at;
        while self.at < self.text.len() && !b",|()".contains(&self.text[self.at]) {
            self.at += 1;
        }
        let leaf =
            std::str::from_utf8(&self.text[start..self.at]).map_err(|_| self.error("not UTF-8"))?;
        let (key, value) = leaf
            .split_once('=')
            .ok_or_else(|| self.error("expected a predicate `key=value`"))?;
        let value = if key.ends_with("__in") {
            value.replace(';', ",")
        } else {
            value.to_string()
        };
        predicate(self.shape, key, &value, self.budget)
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.text.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static COLUMNS: &[Column] = &[
        Column {
            field: "id",
            name: "id",
            kind: Kind::Int,
            nullable: false,
        },
        Column {
            field: "title",
            name: "title",
            kind: Kind::Text,
            nullable: false,
        },
        Column {
            field: "secret",
            name: "secret",
            kind: Kind::Text,
            nullable: true,
        },
        Column {
            field: "status",
            name: "status",
            kind: Kind::Enum("status"),
            nullable: false,
        },
    ];
    static MODEL: ModelDescriptor = ModelDescriptor {
        name: "Post",
        table: "posts",
        columns: COLUMNS,
        primary_key: "id",
        soft_delete: None,
        version: None,
        kinds: &[],
    };
    static SHAPE: ModelShape = ModelShape {
        descriptor: &MODEL,
        hidden: &["secret"],
        relations: &[],
        enums: &[EnumShape {
            type_name: "status",
            variants: &["Draft", "Published"],
        }],
    };

    fn list(query: &str) -> Result<ListQuery, ApiError> {
        parse_list(&SHAPE, &pairs(Some(query))?)
    }

    #[test]
    fn predicates_sorting_and_windows() {
        let query = list("title__contains=a%20b&id__gte=3&sort=-id,title&limit=5").unwrap();
        assert_eq!(query.limit, 5);
        assert_eq!(
            query.order,
            vec![("id", Kind::Int, true), ("title", Kind::Text, false)]
        );
        assert!(matches!(query.filter, Node::And(ref all) if all.len() == 2));
        assert_eq!(list("").unwrap().limit, MAX_LIST_LIMIT);
    }

    #[test]
    fn where_expressions_nest() {
        let query = list("where=not(id=1|id=2),status=Published").unwrap();
        assert!(matches!(query.filter, Node::And(ref all) if matches!(all[0], Node::Not(_))));
        assert!(list("where=(id=1").is_err());
        assert!(list(&format!("where={}id=1{}", "(".repeat(64), ")".repeat(64))).is_err());
        assert!(list("where=id__in=1;2;3").is_ok());
    }

    #[test]
    fn hidden_and_unknown_fields_look_the_same() {
        let hidden = list("secret=x").unwrap_err();
        let unknown = list("nothing=x").unwrap_err();
        assert_eq!(hidden.kind, unknown.kind);
        assert_eq!(
            hidden.message.replace("secret", "?"),
            unknown.message.replace("nothing", "?")
        );
        assert_eq!(
            list("sort=secret").unwrap_err().kind,
            crate::http::error::ErrorKind::Validation
        );
    }

    #[test]
    fn bad_values_and_windows_are_400() {
        for query in [
            "id=x",
            "status=Nope",
            "limit=-1",
            "limit=1001",
            "offset=z",
            "title__gt=a&title__isNull=true",
            "sort=id&orderBy=id",
            "%zz=1",
        ] {
            assert!(list(query).is_err(), "{query}");
        }
    }
}
