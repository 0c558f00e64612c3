//! The `Comment` model: its row struct, inputs, descriptor and filter helpers.
/// Emits creates and deletes only; not audited.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Comment {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "body")]
    pub body: String,
}

/// What the runtime knows about `Comment`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Comment",
    table: "comments",
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
            field: "body",
            name: "body",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Text],
};

/// A committed change to a `Comment` (`@@emit`): what `subscribe()` yields.
pub type CommentEvent = ::cstack_runtime::Event<Comment>;

impl ::cstack_runtime::__codegen::Emits for Comment {}

impl ::cstack_runtime::Model for Comment {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const TRACKING: ::cstack_runtime::__codegen::Tracking = ::cstack_runtime::__codegen::Tracking {
        audit: false,
        emit: ::cstack_runtime::__codegen::Tracking::CREATED
            | ::cstack_runtime::__codegen::Tracking::DELETED,
        redacted: &[],
    };
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            body: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            body: row.column(1)?,
        })
    }
}

/// The values of a new `Comment`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCommentInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "body")]
    pub body: String,
}

impl CreateCommentInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateCommentInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateCommentInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            body: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Comment> for CreateCommentInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateCommentInput::validate(self)
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
            "body",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.body),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Comment> for CreateCommentInput {}

/// Builds a [`CreateCommentInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateCommentInputBuilder<S0, S1> {
    id: S0,
    body: S1,
}

impl<S1> CreateCommentInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateCommentInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1> {
        CreateCommentInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            body: self.body,
        }
    }
}

impl<S0> CreateCommentInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn body(
        self,
        value: impl Into<String>,
    ) -> CreateCommentInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateCommentInputBuilder {
            id: self.id,
            body: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreateCommentInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateCommentInput {
        CreateCommentInput {
            id: self.id.0,
            body: self.body.0,
        }
    }
}

/// A change to a `Comment`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommentInput {
    #[serde(
        rename = "body",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub body: ::cstack_runtime::Patch<String>,
}

impl UpdateCommentInput {
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

impl ::cstack_runtime::__codegen::UpdateInput<Comment> for UpdateCommentInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateCommentInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.body.push_to("body", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Comment, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `body` column, for filters and ordering.
pub fn body() -> ::cstack_runtime::Field<Comment, String> {
    ::cstack_runtime::Field::new("body")
}

/// `Comment` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Comment {
    type Create = CreateCommentInput;
    type Update = UpdateCommentInput;
    const ROUTE: &'static str = "comments";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
