//! The `Post` model: its row struct, inputs, descriptor and filter helpers.
/// Emits events: its event type would be `PostEvent`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Post {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
}

/// What the runtime knows about `Post`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Post",
    table: "posts",
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
            field: "title",
            name: "title",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Text],
};

/// A committed change to a `Post` (`@@emit`): what `subscribe()` yields.
pub type PostEvent = ::cstack_runtime::Event<Post>;

impl ::cstack_runtime::__codegen::Emits for Post {}

impl ::cstack_runtime::Model for Post {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const TRACKING: ::cstack_runtime::__codegen::Tracking = ::cstack_runtime::__codegen::Tracking {
        audit: false,
        emit: ::cstack_runtime::__codegen::Tracking::CREATED,
        redacted: &[],
    };
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            title: row.column(1)?,
        })
    }
}

/// The values of a new `Post`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatePostInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
}

impl CreatePostInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreatePostInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreatePostInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            title: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Post> for CreatePostInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreatePostInput::validate(self)
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
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Post> for CreatePostInput {}

/// Builds a [`CreatePostInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreatePostInputBuilder<S0, S1> {
    id: S0,
    title: S1,
}

impl<S1> CreatePostInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn id(
        self,
        value: i64,
    ) -> CreatePostInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1> {
        CreatePostInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            title: self.title,
        }
    }
}

impl<S0> CreatePostInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreatePostInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreatePostInputBuilder {
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreatePostInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreatePostInput {
        CreatePostInput {
            id: self.id.0,
            title: self.title.0,
        }
    }
}

/// A change to a `Post`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePostInput {
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
}

impl UpdatePostInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Post> for UpdatePostInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdatePostInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.title.push_to("title", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Post, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Post, String> {
    ::cstack_runtime::Field::new("title")
}

/// `Post` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Post {
    type Create = CreatePostInput;
    type Update = UpdatePostInput;
    const ROUTE: &'static str = "posts";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
