//! The `Article` model: its row struct, inputs, descriptor and filter helpers.
/// Audited and emitting every operation.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Article {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "authorEmail")]
    pub author_email: String,
    #[serde(rename = "note")]
    pub note: Option<String>,
    #[serde(rename = "views")]
    pub views: i64,
}

/// What the runtime knows about `Article`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Article",
    table: "articles",
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
        ::cstack_runtime::Column {
            field: "authorEmail",
            name: "author_email",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "note",
            name: "note",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "views",
            name: "views",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
    ],
};

/// A committed change to a `Article` (`@@emit`): what `subscribe()` yields.
pub type ArticleEvent = ::cstack_runtime::Event<Article>;

impl ::cstack_runtime::__codegen::Emits for Article {}

impl ::cstack_runtime::Model for Article {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const TRACKING: ::cstack_runtime::__codegen::Tracking = ::cstack_runtime::__codegen::Tracking {
        audit: true,
        emit: ::cstack_runtime::__codegen::Tracking::CREATED
            | ::cstack_runtime::__codegen::Tracking::UPDATED
            | ::cstack_runtime::__codegen::Tracking::DELETED,
        redacted: &["authorEmail", "note"],
    };
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            author_email: ::cstack_runtime::__codegen::take(row)?,
            note: ::cstack_runtime::__codegen::take(row)?,
            views: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            title: row.column(1)?,
            author_email: row.column(2)?,
            note: row.column(3)?,
            views: row.column(4)?,
        })
    }
}

/// The values of a new `Article`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateArticleInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "authorEmail")]
    pub author_email: String,
    #[serde(rename = "note", default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(rename = "views", default, skip_serializing_if = "Option::is_none")]
    pub views: Option<i64>,
}

impl CreateArticleInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateArticleInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateArticleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            title: ::cstack_runtime::__codegen::builder::Unset,
            author_email: ::cstack_runtime::__codegen::builder::Unset,
            note: None,
            views: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Article> for CreateArticleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateArticleInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(5);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        values.push((
            "author_email",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.author_email),
        ));
        values.push((
            "note",
            match &self.note {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "views",
            match &self.views {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(&0_i64),
            },
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Article> for CreateArticleInput {}

/// Builds a [`CreateArticleInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateArticleInputBuilder<S0, S1, S2> {
    id: S0,
    title: S1,
    author_email: S2,
    note: Option<String>,
    views: Option<i64>,
}

impl<S1, S2> CreateArticleInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateArticleInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreateArticleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            title: self.title,
            author_email: self.author_email,
            note: self.note,
            views: self.views,
        }
    }
}

impl<S0, S2> CreateArticleInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateArticleInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>, S2> {
        CreateArticleInputBuilder {
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            author_email: self.author_email,
            note: self.note,
            views: self.views,
        }
    }
}

impl<S0, S1> CreateArticleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn author_email(
        self,
        value: impl Into<String>,
    ) -> CreateArticleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateArticleInputBuilder {
            id: self.id,
            title: self.title,
            author_email: ::cstack_runtime::__codegen::builder::Set(value.into()),
            note: self.note,
            views: self.views,
        }
    }
}

impl<S0, S1, S2> CreateArticleInputBuilder<S0, S1, S2> {
    pub fn note(mut self, value: impl Into<String>) -> Self {
        self.note = Some(value.into());
        self
    }
    pub fn views(mut self, value: i64) -> Self {
        self.views = Some(value);
        self
    }
}

impl
    CreateArticleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateArticleInput {
        CreateArticleInput {
            id: self.id.0,
            title: self.title.0,
            author_email: self.author_email.0,
            note: self.note,
            views: self.views,
        }
    }
}

/// A change to a `Article`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateArticleInput {
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "authorEmail",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub author_email: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "note",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub note: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "views",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub views: ::cstack_runtime::Patch<i64>,
}

impl UpdateArticleInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_author_email(mut self, value: impl Into<String>) -> Self {
        self.author_email = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_note(mut self, value: impl Into<String>) -> Self {
        self.note = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_note(mut self) -> Self {
        self.note = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_views(mut self, value: i64) -> Self {
        self.views = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        if matches!(self.author_email, ::cstack_runtime::Patch::Null) {
            errors.push("authorEmail", "required", "cannot be null".to_string());
        }
        if matches!(self.views, ::cstack_runtime::Patch::Null) {
            errors.push("views", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Article> for UpdateArticleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateArticleInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.title.push_to("title", &mut values);
        self.author_email.push_to("author_email", &mut values);
        self.note.push_to("note", &mut values);
        self.views.push_to("views", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Article, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `authorEmail` column, for filters and ordering.
pub fn author_email() -> ::cstack_runtime::Field<Article, String> {
    ::cstack_runtime::Field::new("author_email")
}

/// The `note` column, for filters and ordering.
pub fn note() -> ::cstack_runtime::Field<Article, String> {
    ::cstack_runtime::Field::new("note")
}

/// The `views` column, for filters and ordering.
pub fn views() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("views")
}

/// `Article` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Article {
    type Create = CreateArticleInput;
    type Update = UpdateArticleInput;
    const ROUTE: &'static str = "articles";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
