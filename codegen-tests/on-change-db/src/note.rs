//! The `Note` model: its row struct, inputs, descriptor and filter helpers.
/// Not a source of the view: writes to it refresh nothing.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Note {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
}

/// What the runtime knows about `Note`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Note",
    table: "notes",
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
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Text],
};

impl ::cstack_runtime::Model for Note {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            text: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The values of a new `Note`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateNoteInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
}

impl CreateNoteInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateNoteInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateNoteInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            text: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Note> for CreateNoteInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateNoteInput::validate(self)
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
            "text",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.text),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Note> for CreateNoteInput {}

/// Builds a [`CreateNoteInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateNoteInputBuilder<S0, S1> {
    id: S0,
    text: S1,
}

impl<S1> CreateNoteInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateNoteInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1> {
        CreateNoteInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            text: self.text,
        }
    }
}

impl<S0> CreateNoteInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn text(
        self,
        value: impl Into<String>,
    ) -> CreateNoteInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateNoteInputBuilder {
            id: self.id,
            text: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreateNoteInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateNoteInput {
        CreateNoteInput {
            id: self.id.0,
            text: self.text.0,
        }
    }
}

/// A change to a `Note`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateNoteInput {
    #[serde(
        rename = "text",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub text: ::cstack_runtime::Patch<String>,
}

impl UpdateNoteInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_text(mut self, value: impl Into<String>) -> Self {
        self.text = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.text, ::cstack_runtime::Patch::Null) {
            errors.push("text", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Note> for UpdateNoteInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateNoteInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.text.push_to("text", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Note, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `text` column, for filters and ordering.
pub fn text() -> ::cstack_runtime::Field<Note, String> {
    ::cstack_runtime::Field::new("text")
}

/// `Note` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Note {
    type Create = CreateNoteInput;
    type Update = UpdateNoteInput;
    const ROUTE: &'static str = "notes";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
