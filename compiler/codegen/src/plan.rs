//! What the generator writes for each field, read off the schema model: its
//! Rust type (from the storage table), how its column is bound and read,
//! whether it is in the create and update inputs, and where its default
//! comes from. The model has already decided everything; this only spells
//! it in Rust.

use crate::names::{lit, model_path, snake_ident, snake_plain, type_name, variant_names};
use cstack_compiler::model::{self, Default, Literal, Type, Validator};
use cstack_compiler::storage_contract::Kind;
use cstack_compiler::{RustType, SchemaModel, Storage as StorageTable};

/// How a stored field reaches its column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// A column of this `cstack_runtime::Kind` variant, converted by `ToValue`.
    Direct(&'static str),
    /// An enum column: text on SQLite, this enum type on PostgreSQL.
    Enum(String),
    /// A JSON column (lists, `type` values).
    Json,
}

impl Storage {
    pub fn of(storage: &StorageTable) -> Storage {
        match (&storage.kind, &storage.rust) {
            // A `Json` field holds a `serde_json::Value`, bound as it is;
            // lists and `type` values are serialised to JSON.
            (Kind::Json, RustType::Runtime("serde_json::Value")) => Storage::Direct("Json"),
            (Kind::Json, _) => Storage::Json,
            (Kind::Enum(name), _) => Storage::Enum(name.clone()),
            (other, _) => Storage::Direct(other.variant_name()),
        }
    }
}

/// Where a create input's value comes from when the caller gives none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultValue {
    /// No default: the caller must give it (unless optional or a list).
    None,
    /// The database fills it (an identity, `dbgenerated()`, a literal of a
    /// JSON column): the column is left out of the insert.
    Database,
    /// Taken from the principal: the member path under `auth()`.
    Auth(Vec<String>),
    /// A Rust expression evaluated when the caller gives none.
    Expr(String),
}

/// The Rust type of one value stored as `rust`.
pub fn rust_type(rust: &RustType) -> String {
    match rust {
        RustType::Std(name) => (*name).to_string(),
        RustType::Runtime(path) => format!("::cstack_runtime::{path}"),
        RustType::Enum(name) => format!("crate::enums::{}", type_name(name)),
        RustType::Record(name) => format!("crate::types::{}", type_name(name)),
        RustType::Model(name) => model_path(name),
        RustType::Page(inner) => format!("::cstack_runtime::Page<{}>", rust_type(inner)),
        RustType::FindManyArgs(model) => {
            format!("::cstack_runtime::FindManyArgs<{}>", model_path(model))
        }
    }
}

#[derive(Clone, Debug)]
pub struct Field<'a> {
    pub model: &'a model::Field,
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
    pub validators: &'a [Validator],
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

    /// Filterable with typed comparisons: a plain column, not serialised
    /// JSON or a vector.
    pub fn filterable(&self) -> bool {
        matches!(self.storage, Storage::Direct(_) | Storage::Enum(_))
            && self.model.storage().kind != Kind::Vector
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
    pub model: &'a model::Relation,
    pub ident: String,
    pub target: &'a str,
    pub to_many: bool,
    /// Local and remote fields (stored fields of each side).
    pub local: Field<'a>,
    pub remote: Field<'a>,
}

/// A model or a view, as the emitters see it.
pub struct Model<'a> {
    pub name: &'a str,
    pub docs: Option<&'a str>,
    /// The table or SQL view.
    pub table: &'a str,
    pub fields: Vec<Field<'a>>,
    pub relations: Vec<Relation<'a>>,
    /// The `@id` field.
    pub id: Option<usize>,
    pub soft_delete: bool,
    /// The model, for a model; `None` for a view (read-only, no inputs).
    pub model: Option<&'a model::Model>,
    /// The view, for a view.
    pub view: Option<&'a model::View>,
}

/// A `Decimal` constant for a value, exact.
pub fn decimal_expr(value: &rust_decimal::Decimal) -> String {
    let unpacked = value.unpack();
    format!(
        "::cstack_runtime::rust_decimal::Decimal::from_parts({}, {}, {}, {}, {})",
        unpacked.lo,
        unpacked.mid,
        unpacked.hi,
        value.is_sign_negative(),
        value.scale()
    )
}

/// An `f64` literal for a `Float` written as `text`.
pub fn float_expr(text: &str) -> String {
    text.parse::<f64>()
        .map_or_else(|_| "0.0_f64".to_string(), |n| format!("{n:?}_f64"))
}

fn default_value(field: &model::Field, inner: &str, schema: &SchemaModel) -> DefaultValue {
    let Some(default) = &field.default else {
        return DefaultValue::None;
    };
    let text = matches!(field.storage().rust, RustType::Std("String"));
    let expr = match default {
        Default::Now => "::cstack_runtime::defaults::now()".to_string(),
        Default::Uuid if text => "::cstack_runtime::defaults::uuid().to_string()".to_string(),
        Default::Uuid => "::cstack_runtime::defaults::uuid()".to_string(),
        Default::Cuid => "::cstack_runtime::defaults::cuid()".to_string(),
        Default::Autoincrement | Default::DbGenerated | Default::Null => {
            return DefaultValue::Database;
        }
        Default::Auth(path) => return DefaultValue::Auth(path.clone()),
        Default::Variant(variant) => {
            let Type::Enum(name) = &field.ty else {
                return DefaultValue::Database;
            };
            let Some(item) = schema.enumeration(name) else {
                return DefaultValue::Database;
            };
            let Some(position) = item.variants.iter().position(|v| v == variant) else {
                return DefaultValue::Database;
            };
            let (rust, _) = variant_names(&item.variants);
            format!("{inner}::{}", rust[position])
        }
        Default::Literal(literal) => match literal {
            Literal::Bool(b) => b.to_string(),
            Literal::Int(n) => format!("{n}_i64"),
            Literal::Float(text) => float_expr(text),
            Literal::Decimal(value) => decimal_expr(value),
            Literal::Text(text) => format!("String::from({})", lit(text)),
            // The migration gives a JSON column its default.
            Literal::Json(_) | Literal::Variant { .. } => return DefaultValue::Database,
        },
    };
    DefaultValue::Expr(expr)
}

/// Plans a stored field (not a relation).
pub fn field<'a>(field: &'a model::Field, schema: &SchemaModel) -> Field<'a> {
    let inner = rust_type(&field.storage().rust);
    let default = default_value(field, &inner, schema);
    Field {
        model: field,
        ident: snake_ident(&field.name),
        plain: snake_plain(&field.name),
        column: field.column.clone(),
        inner,
        optional: field.is_optional(),
        list: field.is_list(),
        storage: Storage::of(&field.storage()),
        default,
        is_id: field.is_id,
        readonly: field.exposure.readonly,
        server_only: field.exposure.server_only,
        version: field.version,
        validators: &field.validators,
    }
}

/// Plans a model: stored fields, relations whose ends are stored fields.
pub fn model<'a>(record: &'a model::Model, schema: &'a SchemaModel) -> Model<'a> {
    let fields: Vec<Field<'a>> = record.fields.iter().map(|f| field(f, schema)).collect();
    let mut relations = Vec::new();
    for relation in &record.relations {
        let Some((local, remote)) = schema.relation_ends(record, relation) else {
            continue;
        };
        let (local, remote) = (field(local, schema), field(remote, schema));
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
            target: &relation.target,
            to_many: relation.is_to_many(),
            local,
            remote,
        });
    }
    let id = fields.iter().position(|f| f.is_id);
    Model {
        name: &record.name,
        docs: record.docs.as_deref(),
        table: &record.table,
        fields,
        relations,
        id,
        soft_delete: record.soft_delete,
        model: Some(record),
        view: None,
    }
}

/// Plans a view: a read-only record.
pub fn view<'a>(view: &'a model::View, schema: &'a SchemaModel) -> Model<'a> {
    let fields: Vec<Field<'a>> = view.fields.iter().map(|f| field(f, schema)).collect();
    let id = fields.iter().position(|f| f.is_id);
    Model {
        name: &view.name,
        docs: view.docs.as_deref(),
        table: &view.relation,
        fields,
        relations: Vec::new(),
        id,
        soft_delete: false,
        model: None,
        view: Some(view),
    }
}

/// The `Tracking` constant of a model with `@@audit` or `@@emit(...)`
/// (redacting its `@pii` / `@sensitive` fields), or `None`.
pub fn tracking(model: &model::Model) -> Option<String> {
    let tracking = &model.tracking;
    if !tracking.is_tracked() {
        return None;
    }
    let emit = if tracking.emit.is_empty() {
        "0".to_string()
    } else {
        tracking
            .emit
            .iter()
            .map(|operation| {
                let bit = match operation {
                    model::EventOperation::Created => "CREATED",
                    model::EventOperation::Updated => "UPDATED",
                    model::EventOperation::Deleted => "DELETED",
                };
                format!("::cstack_runtime::__codegen::Tracking::{bit}")
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let redacted: Vec<String> = model
        .fields
        .iter()
        .filter(|f| f.exposure.is_redacted())
        .map(|f| lit(&f.name))
        .collect();
    Some(format!(
        "::cstack_runtime::__codegen::Tracking {{ audit: {}, emit: {emit}, redacted: &[{}] }}",
        tracking.audit,
        redacted.join(", ")
    ))
}

impl Model<'_> {
    /// A model (not a view) that publishes events (`@@emit(...)`).
    pub fn emits(&self) -> bool {
        self.model.is_some_and(|model| model.tracking.emits())
    }

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

    /// The column `@@soft_delete` sets: never written by inputs.
    fn is_soft_delete_column(&self, field: &Field<'_>) -> bool {
        self.soft_delete && field.column == cstack_compiler::names::SOFT_DELETE_COLUMN
    }

    pub fn version_field(&self) -> Option<&Field<'_>> {
        self.fields.iter().find(|f| f.version)
    }

    pub fn id_field(&self) -> Option<&Field<'_>> {
        self.id.map(|index| &self.fields[index])
    }
}
