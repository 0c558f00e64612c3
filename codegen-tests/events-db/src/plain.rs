//! The `Plain` model: its row struct, inputs, descriptor and filter helpers.
/// Neither audited nor emitting: writes record nothing.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Plain {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "label")]
    pub label: String,
}

/// What the runtime knows about `Plain`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Plain",
    table: "plains",
    primary_key: "id",
    soft_delete: None,
    version: None,
    columns: &[
        ::cstack_runtime::Column {
            field: "id",
            name: "id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "label",
            name: "label",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Text],
};

impl ::cstack_runtime::Model for Plain {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            label: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            label: row.column(1)?,
        })
    }
}

/// The values of a new `Plain`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatePlainInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "label")]
    pub label: String,
}

impl CreatePlainInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreatePlainInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreatePlainInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            label: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Plain> for CreatePlainInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreatePlainInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(2);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "label",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.label),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Plain> for CreatePlainInput {}

/// Builds a [`CreatePlainInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreatePlainInputBuilder<S0, S1> {
    id: S0,
    label: S1,
}

impl<S1> CreatePlainInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn id(
        self,
        value: i64,
    ) -> CreatePlainInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1> {
        CreatePlainInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            label: self.label,
        }
    }
}

impl<S0> CreatePlainInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn label(
        self,
        value: impl Into<String>,
    ) -> CreatePlainInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreatePlainInputBuilder {
            id: self.id,
            label: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreatePlainInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreatePlainInput {
        CreatePlainInput {
            id: self.id.0,
            label: self.label.0,
        }
    }
}

/// A change to a `Plain`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePlainInput {
    #[serde(
        rename = "label",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub label: ::cstack_runtime::Patch<String>,
}

impl UpdatePlainInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_label(mut self, value: impl Into<String>) -> Self {
        self.label = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.label, ::cstack_runtime::Patch::Null) {
            errors.push("label", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Plain> for UpdatePlainInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdatePlainInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.label.push_to("label", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Plain, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `label` column, for filters and ordering.
pub fn label() -> ::cstack_runtime::Field<Plain, String> {
    ::cstack_runtime::Field::new("label")
}

/// `Plain` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Plain {
    type Create = CreatePlainInput;
    type Update = UpdatePlainInput;
    const ROUTE: &'static str = "plains";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
