//! The `Passage` model: its row struct, inputs, descriptor and filter helpers.
/// A document and its embedding.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Passage {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "embedding")]
    pub embedding: Vec<f32>,
    #[serde(rename = "draft")]
    pub draft: Option<Vec<f32>>,
}

/// What the runtime knows about `Passage`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Passage",
    table: "passages",
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
            field: "text",
            name: "text",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "embedding",
            name: "embedding",
            kind: ::cstack_runtime::Kind::Vector,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "draft",
            name: "draft",
            kind: ::cstack_runtime::Kind::Vector,
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Vector,
        ::cstack_runtime::Kind::Vector,
    ],
};

impl ::cstack_runtime::Model for Passage {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            text: ::cstack_runtime::__codegen::take(row)?,
            embedding: ::cstack_runtime::__codegen::take(row)?,
            draft: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The values of a new `Passage`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatePassageInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "embedding")]
    pub embedding: Vec<f32>,
    #[serde(rename = "draft", default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Vec<f32>>,
}

impl CreatePassageInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreatePassageInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreatePassageInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            text: ::cstack_runtime::__codegen::builder::Unset,
            embedding: ::cstack_runtime::__codegen::builder::Unset,
            draft: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Passage> for CreatePassageInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreatePassageInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(4);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "text",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.text),
        ));
        values.push((
            "embedding",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.embedding),
        ));
        values.push((
            "draft",
            match &self.draft {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Vector),
            },
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Passage> for CreatePassageInput {}

/// Builds a [`CreatePassageInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreatePassageInputBuilder<S0, S1, S2> {
    id: S0,
    text: S1,
    embedding: S2,
    draft: Option<Vec<f32>>,
}

impl<S1, S2> CreatePassageInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreatePassageInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreatePassageInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            text: self.text,
            embedding: self.embedding,
            draft: self.draft,
        }
    }
}

impl<S0, S2> CreatePassageInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn text(
        self,
        value: impl Into<String>,
    ) -> CreatePassageInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>, S2> {
        CreatePassageInputBuilder {
            id: self.id,
            text: ::cstack_runtime::__codegen::builder::Set(value.into()),
            embedding: self.embedding,
            draft: self.draft,
        }
    }
}

impl<S0, S1> CreatePassageInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn embedding(
        self,
        value: impl Into<Vec<f32>>,
    ) -> CreatePassageInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<Vec<f32>>>
    {
        CreatePassageInputBuilder {
            id: self.id,
            text: self.text,
            embedding: ::cstack_runtime::__codegen::builder::Set(value.into()),
            draft: self.draft,
        }
    }
}

impl<S0, S1, S2> CreatePassageInputBuilder<S0, S1, S2> {
    pub fn draft(mut self, value: impl Into<Vec<f32>>) -> Self {
        self.draft = Some(value.into());
        self
    }
}

impl
    CreatePassageInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<Vec<f32>>,
    >
{
    pub fn build(self) -> CreatePassageInput {
        CreatePassageInput {
            id: self.id.0,
            text: self.text.0,
            embedding: self.embedding.0,
            draft: self.draft,
        }
    }
}

/// A change to a `Passage`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePassageInput {
    #[serde(
        rename = "text",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub text: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "embedding",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub embedding: ::cstack_runtime::Patch<Vec<f32>>,
    #[serde(
        rename = "draft",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub draft: ::cstack_runtime::Patch<Vec<f32>>,
}

impl UpdatePassageInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_text(mut self, value: impl Into<String>) -> Self {
        self.text = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_embedding(mut self, value: impl Into<Vec<f32>>) -> Self {
        self.embedding = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_draft(mut self, value: impl Into<Vec<f32>>) -> Self {
        self.draft = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_draft(mut self) -> Self {
        self.draft = ::cstack_runtime::Patch::Null;
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.text, ::cstack_runtime::Patch::Null) {
            errors.push("text", "required", "cannot be null".to_string());
        }
        if matches!(self.embedding, ::cstack_runtime::Patch::Null) {
            errors.push("embedding", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Passage> for UpdatePassageInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdatePassageInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.text.push_to("text", &mut values);
        self.embedding.push_to("embedding", &mut values);
        self.draft.push_to("draft", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Passage, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `text` column, for filters and ordering.
pub fn text() -> ::cstack_runtime::Field<Passage, String> {
    ::cstack_runtime::Field::new("text")
}

/// `Passage` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Passage {
    type Create = CreatePassageInput;
    type Update = UpdatePassageInput;
    const ROUTE: &'static str = "passages";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
