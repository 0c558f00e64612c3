//! The `Doc` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Doc {
    #[serde(rename = "id")]
    pub id: String,
    #[serde(rename = "body")]
    pub body: String,
    #[serde(rename = "version")]
    pub version: i64,
}

/// What the runtime knows about `Doc`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Doc",
    table: "docs",
    primary_key: "id",
    soft_delete: None,
    version: Some("version"),
    columns: &[
        ::cstack_runtime::Column {
            field: "id",
            name: "id",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "body",
            name: "body",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "version",
            name: "version",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for Doc {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            body: ::cstack_runtime::__codegen::take(row)?,
            version: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            body: row.column(1)?,
            version: row.column(2)?,
        })
    }
}

/// The values of a new `Doc`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateDocInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "body")]
    pub body: String,
}

impl CreateDocInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
        CreateDocInputBuilder {
            id: None,
            body: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Doc> for CreateDocInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateDocInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(3);
        values.push((
            "id",
            match &self.id {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(
                    &::cstack_runtime::defaults::uuid().to_string(),
                ),
            },
        ));
        values.push((
            "body",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.body),
        ));
        values.push(("version", ::cstack_runtime::Value::Int(0)));
        Ok(values)
    }
}

/// Builds a [`CreateDocInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateDocInputBuilder<S0> {
    id: Option<String>,
    body: S0,
}

impl CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
    pub fn body(
        self,
        value: impl Into<String>,
    ) -> CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Set<String>> {
        CreateDocInputBuilder {
            id: self.id,
            body: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl<S0> CreateDocInputBuilder<S0> {
    pub fn id(mut self, value: impl Into<String>) -> Self {
        self.id = Some(value.into());
        self
    }
}

impl CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Set<String>> {
    pub fn build(self) -> CreateDocInput {
        CreateDocInput {
            id: self.id,
            body: self.body.0,
        }
    }
}

/// A change to a `Doc`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateDocInput {
    #[serde(
        rename = "body",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub body: ::cstack_runtime::Patch<String>,
}

impl UpdateDocInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_body(mut self, value: impl Into<String>) -> Self {
        self.body = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.body, ::cstack_runtime::Patch::Null) {
            errors.push("body", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Doc> for UpdateDocInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateDocInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.body.push_to("body", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Doc, String> {
    ::cstack_runtime::Field::new("id")
}

/// The `body` column, for filters and ordering.
pub fn body() -> ::cstack_runtime::Field<Doc, String> {
    ::cstack_runtime::Field::new("body")
}

/// The `version` column, for filters and ordering.
pub fn version() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("version")
}

/// `Doc` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Doc {
    type Create = CreateDocInput;
    type Update = UpdateDocInput;
    const ROUTE: &'static str = "docs";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
    fn version(&self) -> Option<i64> {
        Some(self.version)
    }
}
