//! The `PostEvent` model: its row struct, inputs, descriptor and filter helpers.
/// Named like `Post`'s event type: the declared model keeps the name.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PostEvent {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "postId")]
    pub post_id: i64,
    #[serde(rename = "note")]
    pub note: String,
}

/// What the runtime knows about `PostEvent`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "PostEvent",
    table: "post_events",
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
            field: "postId",
            name: "post_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "note",
            name: "note",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for PostEvent {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            post_id: ::cstack_runtime::__codegen::take(row)?,
            note: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            post_id: row.column(1)?,
            note: row.column(2)?,
        })
    }
}

/// The values of a new `PostEvent`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatePostEventInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "postId")]
    pub post_id: i64,
    #[serde(rename = "note")]
    pub note: String,
}

impl CreatePostEventInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreatePostEventInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreatePostEventInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            post_id: ::cstack_runtime::__codegen::builder::Unset,
            note: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<PostEvent> for CreatePostEventInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreatePostEventInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(3);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "post_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.post_id),
        ));
        values.push((
            "note",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.note),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<PostEvent> for CreatePostEventInput {}

/// Builds a [`CreatePostEventInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreatePostEventInputBuilder<S0, S1, S2> {
    id: S0,
    post_id: S1,
    note: S2,
}

impl<S1, S2> CreatePostEventInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreatePostEventInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreatePostEventInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            post_id: self.post_id,
            note: self.note,
        }
    }
}

impl<S0, S2> CreatePostEventInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn post_id(
        self,
        value: i64,
    ) -> CreatePostEventInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<i64>, S2> {
        CreatePostEventInputBuilder {
            id: self.id,
            post_id: ::cstack_runtime::__codegen::builder::Set(value),
            note: self.note,
        }
    }
}

impl<S0, S1> CreatePostEventInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn note(
        self,
        value: impl Into<String>,
    ) -> CreatePostEventInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<String>>
    {
        CreatePostEventInputBuilder {
            id: self.id,
            post_id: self.post_id,
            note: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreatePostEventInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreatePostEventInput {
        CreatePostEventInput {
            id: self.id.0,
            post_id: self.post_id.0,
            note: self.note.0,
        }
    }
}

/// A change to a `PostEvent`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePostEventInput {
    #[serde(
        rename = "postId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub post_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "note",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub note: ::cstack_runtime::Patch<String>,
}

impl UpdatePostEventInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_post_id(mut self, value: i64) -> Self {
        self.post_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_note(mut self, value: impl Into<String>) -> Self {
        self.note = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.post_id, ::cstack_runtime::Patch::Null) {
            errors.push("postId", "required", "cannot be null".to_string());
        }
        if matches!(self.note, ::cstack_runtime::Patch::Null) {
            errors.push("note", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<PostEvent> for UpdatePostEventInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdatePostEventInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.post_id.push_to("post_id", &mut values);
        self.note.push_to("note", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<PostEvent, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `postId` column, for filters and ordering.
pub fn post_id() -> ::cstack_runtime::Field<PostEvent, i64> {
    ::cstack_runtime::Field::new("post_id")
}

/// The `note` column, for filters and ordering.
pub fn note() -> ::cstack_runtime::Field<PostEvent, String> {
    ::cstack_runtime::Field::new("note")
}

/// `PostEvent` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for PostEvent {
    type Create = CreatePostEventInput;
    type Update = UpdatePostEventInput;
    const ROUTE: &'static str = "post_events";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
