//! What the generator decides about each field before writing any code:
//! its Rust type, how it is stored, whether it is in the create and update
//! inputs, its default and its validators.

use crate::names::{lit, model_path, snake_ident, snake_plain, type_name, variant_names};
use cstack_compiler::syntax::ast::Arity;
use cstack_compiler::{AttributeModel, FieldModel, Record, Scalar, SchemaModel, TypeModel, Value};
use cstack_migrate::lower::columns::enum_type_name;

/// How a stored field reaches its column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// A column of this `cstack_runtime::Kind`, converted by `ToValue`.
    Direct(&'static str),
    /// An enum column: text on SQLite, this enum type on PostgreSQL.
    Enum(String),
    /// A JSON column (lists, `type` values, vectors).
    Json,
}

/// Where a create input's value comes from when the caller gives none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultValue {
    /// No default: the caller must give it (unless optional or a list).
    None,
    /// The database fills it (`autoincrement()`, `dbgenerated()`, other
    /// database functions): the column is left out of the insert.
    Database,
    /// Taken from the principal: the member path under `auth()`.
    Auth(Vec<String>),
    /// A Rust expression evaluated when the caller gives none.
    Expr(String),
}

#[derive(Clone, Debug)]
pub enum Validator {
    Length(Option<String>, Option<String>),
    Range(Option<String>, Option<String>),
    Regex(String),
    Email,
    Uri,
    Iso4217,
}

#[derive(Clone, Debug)]
pub struct Field<'a> {
    pub model: &'a FieldModel,
    /// The Rust identifier (`created_at`, `r#type`).
    pub ident: String,
    /// The snake_case name without `r#`, for derived names.
    pub plain: String,
    pub column: String,
    /// The Rust type of one value (no `Option`/`Vec`).
    pub inner: String,
    pub optional: bool,
    pub list: bool,
    pub storage: Storage,
    pub default: DefaultValue,
    pub is_id: bool,
    pub readonly: bool,
    pub server_only: bool,
    pub version: bool,
    pub validators: Vec<Validator>,
}

impl Field<'_> {
    /// The struct field type.
    pub fn ty(&self) -> String {
        if self.list {
            format!("Vec<{}>", self.inner)
        } else if self.optional {
            format!("Option<{}>", self.inner)
        } else {
            self.inner.clone()
        }
    }

    /// The `cstack_runtime::Kind` of the column.
    pub fn kind(&self) -> String {
        match &self.storage {
            Storage::Direct(kind) => kind.to_string(),
            Storage::Enum(type_name) => format!("Enum({type_name:?})"),
            Storage::Json => "Json".to_string(),
        }
    }

    pub fn nullable(&self) -> bool {
        self.optional && !self.list
    }

    /// Filterable with typed comparisons.
    pub fn filterable(&self) -> bool {
        matches!(self.storage, Storage::Direct(_) | Storage::Enum(_))
    }

    /// Reads this field from the row iterator `row`.
    pub fn take(&self) -> &'static str {
        match (&self.storage, self.nullable()) {
            (Storage::Direct(_) | Storage::Enum(_), _) => "::cstack_runtime::__codegen::take(row)?",
            (Storage::Json, true) => "::cstack_runtime::__codegen::take_json_opt(row)?",
            (Storage::Json, false) => "::cstack_runtime::__codegen::take_json(row)?",
        }
    }
}

/// A relation field and how its rows are linked.
#[derive(Clone, Debug)]
pub struct Relation<'a> {
    pub model: &'a FieldModel,
    pub ident: String,
    pub target: &'a Record,
    pub to_many: bool,
    /// Local and remote fields (stored fields of each side).
    pub local: Field<'a>,
    pub remote: Field<'a>,
}

pub struct Model<'a> {
    pub record: &'a Record,
    pub fields: Vec<Field<'a>>,
    pub relations: Vec<Relation<'a>>,
    /// The `@id` field; `None` for a composite `@@id`.
    pub id: Option<usize>,
    pub soft_delete: bool,
    /// A view: read-only, no inputs.
    pub view: bool,
}

pub fn attribute<'a>(attributes: &'a [AttributeModel], name: &str) -> Option<&'a AttributeModel> {
    attributes.iter().find(|a| a.name == name)
}

fn has(attributes: &[AttributeModel], name: &str) -> bool {
    attribute(attributes, name).is_some()
}

pub fn named<'a>(attribute: &'a AttributeModel, name: &str) -> Option<&'a Value> {
    attribute
        .arguments
        .as_ref()?
        .iter()
        .find(|a| a.name.as_deref() == Some(name))
        .map(|a| &a.value)
}

fn positional(attribute: &AttributeModel) -> Option<&Value> {
    attribute
        .arguments
        .as_ref()?
        .iter()
        .find(|a| a.name.is_none())
        .map(|a| &a.value)
}

fn number(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(text) => Some(text.clone()),
        _ => None,
    }
}

/// The Rust type and storage of a scalar.
pub fn scalar(scalar: Scalar) -> (&'static str, Storage) {
    match scalar {
        Scalar::String | Scalar::Cuid => ("String", Storage::Direct("Text")),
        Scalar::Int => ("i64", Storage::Direct("Int")),
        Scalar::Float => ("f64", Storage::Direct("Float")),
        Scalar::Boolean => ("bool", Storage::Direct("Bool")),
        Scalar::DateTime => (
            "::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>",
            Storage::Direct("DateTime"),
        ),
        Scalar::Decimal => (
            "::cstack_runtime::rust_decimal::Decimal",
            Storage::Direct("Decimal"),
        ),
        Scalar::Json => (
            "::cstack_runtime::serde_json::Value",
            Storage::Direct("Json"),
        ),
        Scalar::Bytes => ("Vec<u8>", Storage::Direct("Bytes")),
        Scalar::Uuid => ("::cstack_runtime::uuid::Uuid", Storage::Direct("Uuid")),
        // Procedure-only types never reach a stored field.
        Scalar::Page | Scalar::PageInput | Scalar::FindMany | Scalar::Vector => {
            ("::cstack_runtime::serde_json::Value", Storage::Json)
        }
    }
}

/// The Rust type of a `type`/auth field or procedure value.
pub fn value_type(ty: &TypeModel) -> (String, Storage) {
    match ty {
        TypeModel::Scalar(s) => {
            let (rust, storage) = scalar(*s);
            (rust.to_string(), storage)
        }
        TypeModel::Vector(_) => ("Vec<f32>".to_string(), Storage::Json),
        TypeModel::Enum(name) => (
            format!("crate::enums::{}", type_name(name)),
            Storage::Enum(enum_type_name(name)),
        ),
        TypeModel::Type(name) => (format!("crate::types::{}", type_name(name)), Storage::Json),
        TypeModel::Model(name) => (model_path(name), Storage::Json),
        TypeModel::Generic(..) => (
            "::cstack_runtime::serde_json::Value".to_string(),
            Storage::Json,
        ),
    }
}

/// A `Decimal` constant for a literal, exact.
pub fn decimal_expr(text: &str) -> Option<String> {
    let value: rust_decimal::Decimal = text.parse().ok()?;
    let [lo, mid, hi] = {
        let u = value.unpack();
        [u.lo, u.mid, u.hi]
    };
    Some(format!(
        "::cstack_runtime::rust_decimal::Decimal::from_parts({lo}, {mid}, {hi}, {}, {})",
        value.is_sign_negative(),
        value.scale()
    ))
}

fn default_value(field: &FieldModel, inner: &str, schema: &SchemaModel) -> DefaultValue {
    let Some(value) = attribute(&field.attributes, "default").and_then(positional) else {
        return DefaultValue::None;
    };
    let scalar_of = match &field.ty {
        TypeModel::Scalar(s) => Some(*s),
        _ => None,
    };
    let expr = match value {
        Value::Call(callee, _) => match (&**callee, scalar_of) {
            (Value::Ident(name), _) if name == "now" => {
                Some("::cstack_runtime::defaults::now()".to_string())
            }
            (Value::Ident(name), Some(Scalar::Uuid)) if name == "uuid" => {
                Some("::cstack_runtime::defaults::uuid()".to_string())
            }
            (Value::Ident(name), Some(Scalar::String | Scalar::Cuid)) if name == "uuid" => {
                Some("::cstack_runtime::defaults::uuid().to_string()".to_string())
            }
            (Value::Ident(name), Some(Scalar::String | Scalar::Cuid))
                if name == "cuid" || name == "cs_cuid" =>
            {
                Some("::cstack_runtime::defaults::cuid()".to_string())
            }
            _ => None,
        },
        Value::Member(..) => {
            let mut path = Vec::new();
            let mut cursor = value;
            while let Value::Member(object, property) = cursor {
                path.push(property.clone());
                cursor = object;
            }
            if matches!(cursor, Value::Call(callee, _) if matches!(&**callee, Value::Ident(n) if n == "auth"))
            {
                path.reverse();
                return DefaultValue::Auth(path);
            }
            None
        }
        Value::Bool(b) => Some(b.to_string()),
        Value::String(s) => Some(format!("String::from({})", lit(s))),
        Value::Number(text) => match scalar_of {
            Some(Scalar::Int) => text.parse::<i64>().ok().map(|n| format!("{n}_i64")),
            Some(Scalar::Float) => text.parse::<f64>().ok().map(|n| format!("{n:?}_f64")),
            Some(Scalar::Decimal) => decimal_expr(text),
            _ => None,
        },
        Value::Ident(variant) => match &field.ty {
            TypeModel::Enum(name) => schema.enums.iter().find(|e| &e.name == name).and_then(|e| {
                let position = e.variants.iter().position(|v| v == variant)?;
                let (rust, _) = variant_names(&e.variants);
                Some(format!("{inner}::{}", rust[position]))
            }),
            _ => None,
        },
        _ => None,
    };
    match expr {
        Some(expr) => DefaultValue::Expr(expr),
        None => DefaultValue::Database,
    }
}

fn validators(field: &FieldModel) -> Vec<Validator> {
    let mut out = Vec::new();
    for attribute in &field.attributes {
        match attribute.name.as_str() {
            "length" => out.push(Validator::Length(
                number(named(attribute, "min")),
                number(named(attribute, "max")),
            )),
            "range" => out.push(Validator::Range(
                number(named(attribute, "min")),
                number(named(attribute, "max")),
            )),
            "regex" => {
                if let Some(Value::String(pattern)) = positional(attribute) {
                    out.push(Validator::Regex(pattern.clone()));
                }
            }
            "email" => out.push(Validator::Email),
            "uri" => out.push(Validator::Uri),
            "iso4217" => out.push(Validator::Iso4217),
            _ => {}
        }
    }
    out
}

/// Plans a stored field (not a relation).
pub fn field<'a>(field: &'a FieldModel, schema: &SchemaModel) -> Field<'a> {
    let (inner, storage) = value_type(&field.ty);
    let list = field.arity == Arity::List;
    let storage = if list { Storage::Json } else { storage };
    let default = default_value(field, &inner, schema);
    Field {
        model: field,
        ident: snake_ident(&field.name),
        plain: snake_plain(&field.name),
        column: field.column.clone(),
        inner,
        optional: field.arity == Arity::Optional,
        list,
        storage,
        default,
        is_id: has(&field.attributes, "id"),
        readonly: has(&field.attributes, "readonly"),
        server_only: has(&field.attributes, "server_only"),
        version: has(&field.attributes, "version"),
        validators: validators(field),
    }
}

fn first_name(attribute: &AttributeModel, key: &str) -> Option<String> {
    match named(attribute, key)? {
        Value::Array(items) => match items.first()? {
            Value::Ident(name) => Some(name.clone()),
            Value::String(name) => Some(name.clone()),
            _ => None,
        },
        Value::Ident(name) => Some(name.clone()),
        _ => None,
    }
}

/// Plans a model: stored fields, relations whose ends are stored fields.
pub fn model<'a>(record: &'a Record, schema: &'a SchemaModel) -> Model<'a> {
    let fields: Vec<Field<'a>> = record
        .fields
        .iter()
        .filter(|f| !matches!(f.ty, TypeModel::Model(_)))
        .map(|f| field(f, schema))
        .collect();
    let mut relations = Vec::new();
    for relation in &record.fields {
        let TypeModel::Model(target_name) = &relation.ty else {
            continue;
        };
        let Some(target) = schema.models.iter().find(|m| &m.name == target_name) else {
            continue;
        };
        let Some(attribute) = attribute(&relation.attributes, "relation") else {
            continue;
        };
        let (Some(local), Some(remote)) = (
            first_name(attribute, "fields"),
            first_name(attribute, "references"),
        ) else {
            continue;
        };
        let stored = |record: &'a Record, name: &str| {
            record
                .fields
                .iter()
                .find(|f| f.name == name && !matches!(f.ty, TypeModel::Model(_)))
                .map(|f| field(f, schema))
        };
        let (Some(local), Some(remote)) = (stored(record, &local), stored(target, &remote)) else {
            continue;
        };
        // Both ends must be plain columns of the same Rust type.
        if local.inner != remote.inner
            || !local.filterable()
            || !remote.filterable()
            || local.list
            || remote.list
        {
            continue;
        }
        relations.push(Relation {
            model: relation,
            ident: snake_ident(&relation.name),
            target,
            to_many: relation.arity == Arity::List,
            local,
            remote,
        });
    }
    let id = fields.iter().position(|f| f.is_id);
    Model {
        record,
        fields,
        relations,
        id,
        soft_delete: has(&record.attributes, "soft_delete"),
        view: false,
    }
}

/// The `Tracking` constant of a model with `@@audit` or `@@emit(...)`
/// (redacting its `@pii` / `@sensitive` fields), or `None`.
pub fn tracking(record: &Record) -> Option<String> {
    let audit = has(&record.attributes, "audit");
    let mut emit = Vec::new();
    if let Some(attribute) = attribute(&record.attributes, "emit") {
        for argument in attribute.arguments.iter().flatten() {
            let bit = match &argument.value {
                Value::Ident(op) if op == "created" => "CREATED",
                Value::Ident(op) if op == "updated" => "UPDATED",
                Value::Ident(op) if op == "deleted" => "DELETED",
                _ => continue,
            };
            if !emit.contains(&bit) {
                emit.push(bit);
            }
        }
    }
    if !audit && emit.is_empty() {
        return None;
    }
    let emit = if emit.is_empty() {
        "0".to_string()
    } else {
        emit.iter()
            .map(|bit| format!("::cstack_runtime::__codegen::Tracking::{bit}"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let redacted: Vec<String> = record
        .fields
        .iter()
        .filter(|f| has(&f.attributes, "pii") || has(&f.attributes, "sensitive"))
        .filter(|f| !matches!(f.ty, TypeModel::Model(_)))
        .map(|f| lit(&f.name))
        .collect();
    Some(format!(
        "::cstack_runtime::__codegen::Tracking {{ audit: {audit}, emit: {emit}, redacted: &[{}] }}",
        redacted.join(", ")
    ))
}

/// Whether the model publishes events (`@@emit(...)`).
pub fn emits(record: &Record) -> bool {
    has(&record.attributes, "emit")
}

impl Model<'_> {
    /// In the create input: everything the caller may give.
    pub fn create_fields(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields.iter().filter(|f| {
            !(f.version
                || self.is_soft_delete_column(f)
                || matches!(f.default, DefaultValue::Auth(_)))
        })
    }

    /// Required in the create input (a builder slot).
    pub fn is_required(field: &Field<'_>) -> bool {
        !field.optional && !field.list && field.default == DefaultValue::None
    }

    /// In the update input.
    pub fn update_fields(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields
            .iter()
            .filter(|f| !(f.is_id || f.readonly || f.version || self.is_soft_delete_column(f)))
    }

    /// The `deleted_at` column `@@soft_delete` sets: never written by inputs.
    fn is_soft_delete_column(&self, field: &Field<'_>) -> bool {
        self.soft_delete && field.column == "deleted_at"
    }

    pub fn version_field(&self) -> Option<&Field<'_>> {
        self.fields.iter().find(|f| f.version)
    }

    pub fn id_field(&self) -> Option<&Field<'_>> {
        self.id.map(|index| &self.fields[index])
    }
}
