//! The `Entry` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Entry {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "n")]
    pub n: i64,
}

/// What the runtime knows about `Entry`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Entry",
    table: "entries",
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
            field: "n",
            name: "n",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Int],
};

impl ::cstack_runtime::Model for Entry {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            n: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            n: row.column(1)?,
        })
    }
}

/// The values of a new `Entry`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateEntryInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "n")]
    pub n: i64,
}

impl CreateEntryInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateEntryInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
        CreateEntryInputBuilder {
            id: None,
            n: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Entry> for CreateEntryInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateEntryInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(2);
        if let Some(v) = &self.id {
            values.push(("id", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push(("n", ::cstack_runtime::__codegen::ToValue::to_value(&self.n)));
        Ok(values)
    }
}

/// Builds a [`CreateEntryInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateEntryInputBuilder<S0> {
    id: Option<i64>,
    n: S0,
}

impl CreateEntryInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
    pub fn n(
        self,
        value: i64,
    ) -> CreateEntryInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>> {
        CreateEntryInputBuilder {
            id: self.id,
            n: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl<S0> CreateEntryInputBuilder<S0> {
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
}

impl CreateEntryInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>> {
    pub fn build(self) -> CreateEntryInput {
        CreateEntryInput {
            id: self.id,
            n: self.n.0,
        }
    }
}

/// A change to a `Entry`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateEntryInput {
    #[serde(
        rename = "n",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub n: ::cstack_runtime::Patch<i64>,
}

impl UpdateEntryInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_n(mut self, value: i64) -> Self {
        self.n = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.n, ::cstack_runtime::Patch::Null) {
            errors.push("n", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Entry> for UpdateEntryInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateEntryInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.n.push_to("n", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Entry, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `n` column, for filters and ordering.
pub fn n() -> ::cstack_runtime::Field<Entry, i64> {
    ::cstack_runtime::Field::new("n")
}

/// `Entry` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Entry {
    type Create = CreateEntryInput;
    type Update = UpdateEntryInput;
    const ROUTE: &'static str = "entries";
    const PAGED: bool = true;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
