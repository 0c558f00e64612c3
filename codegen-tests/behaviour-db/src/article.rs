//! The `Article` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Article {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "body")]
    pub body: Option<String>,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "stars")]
    pub stars: i64,
    #[serde(rename = "published")]
    pub published: bool,
    #[serde(rename = "authorId")]
    pub author_id: i64,
    #[serde(rename = "version")]
    pub version: i64,
    #[serde(rename = "createdBy")]
    pub created_by: i64,
    #[serde(rename = "deletedAt")]
    pub deleted_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    /// Filled by `include(article::author())`; `None` when not loaded.
    #[serde(rename = "author", default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Box<crate::member::Member>>,
}

/// What the runtime knows about `Article`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Article",
    table: "articles",
    primary_key: "id",
    soft_delete: Some("deleted_at"),
    version: Some("version"),
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
            field: "body",
            name: "body",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "price",
            name: "price",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "stars",
            name: "stars",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "published",
            name: "published",
            kind: ::cstack_runtime::Kind::Bool,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "authorId",
            name: "author_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "version",
            name: "version",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "createdBy",
            name: "created_by",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "deletedAt",
            name: "deleted_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Bool,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::DateTime,
    ],
};

impl ::cstack_runtime::Model for Article {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            body: ::cstack_runtime::__codegen::take(row)?,
            price: ::cstack_runtime::__codegen::take(row)?,
            stars: ::cstack_runtime::__codegen::take(row)?,
            published: ::cstack_runtime::__codegen::take(row)?,
            author_id: ::cstack_runtime::__codegen::take(row)?,
            version: ::cstack_runtime::__codegen::take(row)?,
            created_by: ::cstack_runtime::__codegen::take(row)?,
            deleted_at: ::cstack_runtime::__codegen::take(row)?,
            author: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            title: row.column(1)?,
            body: row.column(2)?,
            price: row.column(3)?,
            stars: row.column(4)?,
            published: row.column(5)?,
            author_id: row.column(6)?,
            version: row.column(7)?,
            created_by: row.column(8)?,
            deleted_at: row.column(9)?,
            author: None,
        })
    }
}

/// The values of a new `Article`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateArticleInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "body", default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "stars")]
    pub stars: i64,
    #[serde(rename = "published", default, skip_serializing_if = "Option::is_none")]
    pub published: Option<bool>,
    #[serde(rename = "authorId")]
    pub author_id: i64,
}

impl CreateArticleInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateArticleInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateArticleInputBuilder {
            id: None,
            title: ::cstack_runtime::__codegen::builder::Unset,
            body: None,
            price: ::cstack_runtime::__codegen::builder::Unset,
            stars: ::cstack_runtime::__codegen::builder::Unset,
            published: None,
            author_id: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        {
            let v = &self.title;
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "title",
                v,
                Some(1),
                Some(100),
            );
            {
                static PATTERN: ::std::sync::LazyLock<Option<::cstack_runtime::regex::Regex>> =
                    ::std::sync::LazyLock::new(|| {
                        ::cstack_runtime::regex::Regex::new("^[A-Z]").ok()
                    });
                if let Some(pattern) = PATTERN.as_ref() {
                    ::cstack_runtime::__codegen::validate::regex(&mut errors, "title", v, pattern);
                }
            }
        }
        {
            let v = &self.price;
            ::cstack_runtime::__codegen::validate::range_decimal(
                &mut errors,
                "price",
                *v,
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    1, 0, 0, false, 2,
                )),
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    99999, 0, 0, false, 2,
                )),
            );
        }
        {
            let v = &self.stars;
            ::cstack_runtime::__codegen::validate::range_int(
                &mut errors,
                "stars",
                *v,
                Some(0_i64),
                Some(5_i64),
            );
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Article> for CreateArticleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateArticleInput::validate(self)
    }
    fn into_values(
        self,
        auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let auth = auth
            .and_then(|auth| auth.downcast_ref::<crate::types::Principal>())
            .ok_or_else(|| ::cstack_runtime::Error::Forbidden {
                reason: "creating a Article needs an authenticated principal (`Db::with_auth`)"
                    .to_string(),
            })?;
        let mut values = Vec::with_capacity(10);
        if let Some(v) = &self.id {
            values.push(("id", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        values.push((
            "body",
            match &self.body {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "price",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.price),
        ));
        values.push((
            "stars",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.stars),
        ));
        values.push((
            "published",
            match &self.published {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(&false),
            },
        ));
        values.push((
            "author_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.author_id),
        ));
        values.push(("version", ::cstack_runtime::Value::Int(0)));
        values.push((
            "created_by",
            ::cstack_runtime::__codegen::ToValue::to_value(&auth.id),
        ));
        Ok(values)
    }
}

/// Builds a [`CreateArticleInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateArticleInputBuilder<S0, S1, S2, S3> {
    id: Option<i64>,
    title: S0,
    body: Option<String>,
    price: S1,
    stars: S2,
    published: Option<bool>,
    author_id: S3,
}

impl<S1, S2, S3>
    CreateArticleInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2, S3>
{
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateArticleInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1, S2, S3>
    {
        CreateArticleInputBuilder {
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            body: self.body,
            price: self.price,
            stars: self.stars,
            published: self.published,
            author_id: self.author_id,
        }
    }
}

impl<S0, S2, S3>
    CreateArticleInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2, S3>
{
    pub fn price(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreateArticleInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        S2,
        S3,
    > {
        CreateArticleInputBuilder {
            id: self.id,
            title: self.title,
            body: self.body,
            price: ::cstack_runtime::__codegen::builder::Set(value.into()),
            stars: self.stars,
            published: self.published,
            author_id: self.author_id,
        }
    }
}

impl<S0, S1, S3>
    CreateArticleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset, S3>
{
    pub fn stars(
        self,
        value: i64,
    ) -> CreateArticleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>, S3> {
        CreateArticleInputBuilder {
            id: self.id,
            title: self.title,
            body: self.body,
            price: self.price,
            stars: ::cstack_runtime::__codegen::builder::Set(value),
            published: self.published,
            author_id: self.author_id,
        }
    }
}

impl<S0, S1, S2>
    CreateArticleInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Unset>
{
    pub fn author_id(
        self,
        value: i64,
    ) -> CreateArticleInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Set<i64>> {
        CreateArticleInputBuilder {
            id: self.id,
            title: self.title,
            body: self.body,
            price: self.price,
            stars: self.stars,
            published: self.published,
            author_id: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl<S0, S1, S2, S3> CreateArticleInputBuilder<S0, S1, S2, S3> {
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
    pub fn body(mut self, value: impl Into<String>) -> Self {
        self.body = Some(value.into());
        self
    }
    pub fn published(mut self, value: bool) -> Self {
        self.published = Some(value);
        self
    }
}

impl
    CreateArticleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
    >
{
    pub fn build(self) -> CreateArticleInput {
        CreateArticleInput {
            id: self.id,
            title: self.title.0,
            body: self.body,
            price: self.price.0,
            stars: self.stars.0,
            published: self.published,
            author_id: self.author_id.0,
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
        rename = "body",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub body: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "price",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub price: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "stars",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub stars: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "published",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub published: ::cstack_runtime::Patch<bool>,
    #[serde(
        rename = "authorId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub author_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "createdBy",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub created_by: ::cstack_runtime::Patch<i64>,
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
    pub fn set_body(mut self, value: impl Into<String>) -> Self {
        self.body = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_body(mut self) -> Self {
        self.body = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_price(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.price = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_stars(mut self, value: i64) -> Self {
        self.stars = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_published(mut self, value: bool) -> Self {
        self.published = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_author_id(mut self, value: i64) -> Self {
        self.author_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_created_by(mut self, value: i64) -> Self {
        self.created_by = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.title {
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "title",
                v,
                Some(1),
                Some(100),
            );
            {
                static PATTERN: ::std::sync::LazyLock<Option<::cstack_runtime::regex::Regex>> =
                    ::std::sync::LazyLock::new(|| {
                        ::cstack_runtime::regex::Regex::new("^[A-Z]").ok()
                    });
                if let Some(pattern) = PATTERN.as_ref() {
                    ::cstack_runtime::__codegen::validate::regex(&mut errors, "title", v, pattern);
                }
            }
        }
        if matches!(self.price, ::cstack_runtime::Patch::Null) {
            errors.push("price", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.price {
            ::cstack_runtime::__codegen::validate::range_decimal(
                &mut errors,
                "price",
                *v,
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    1, 0, 0, false, 2,
                )),
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    99999, 0, 0, false, 2,
                )),
            );
        }
        if matches!(self.stars, ::cstack_runtime::Patch::Null) {
            errors.push("stars", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.stars {
            ::cstack_runtime::__codegen::validate::range_int(
                &mut errors,
                "stars",
                *v,
                Some(0_i64),
                Some(5_i64),
            );
        }
        if matches!(self.published, ::cstack_runtime::Patch::Null) {
            errors.push("published", "required", "cannot be null".to_string());
        }
        if matches!(self.author_id, ::cstack_runtime::Patch::Null) {
            errors.push("authorId", "required", "cannot be null".to_string());
        }
        if matches!(self.created_by, ::cstack_runtime::Patch::Null) {
            errors.push("createdBy", "required", "cannot be null".to_string());
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
        self.body.push_to("body", &mut values);
        self.price.push_to("price", &mut values);
        self.stars.push_to("stars", &mut values);
        self.published.push_to("published", &mut values);
        self.author_id.push_to("author_id", &mut values);
        self.created_by.push_to("created_by", &mut values);
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

/// The `body` column, for filters and ordering.
pub fn body() -> ::cstack_runtime::Field<Article, String> {
    ::cstack_runtime::Field::new("body")
}

/// The `price` column, for filters and ordering.
pub fn price() -> ::cstack_runtime::Field<Article, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("price")
}

/// The `stars` column, for filters and ordering.
pub fn stars() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("stars")
}

/// The `published` column, for filters and ordering.
pub fn published() -> ::cstack_runtime::Field<Article, bool> {
    ::cstack_runtime::Field::new("published")
}

/// The `authorId` column, for filters and ordering.
pub fn author_id() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("author_id")
}

/// The `version` column, for filters and ordering.
pub fn version() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("version")
}

/// The `createdBy` column, for filters and ordering.
pub fn created_by() -> ::cstack_runtime::Field<Article, i64> {
    ::cstack_runtime::Field::new("created_by")
}

/// The `deletedAt` column, for filters and ordering.
pub fn deleted_at() -> ::cstack_runtime::Field<
    Article,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("deleted_at")
}

/// The `author` relation: filter through it, or `include` it.
pub fn author() -> ::cstack_runtime::Relation<Article, crate::member::Member> {
    ::cstack_runtime::Relation {
        local: "author_id",
        remote: "id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        attach: |row, related| row.author = related.map(Box::new),
    }
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
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "author",
                target: &crate::member::DESCRIPTOR,
                target_hidden: &[],
            }],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "author" => Some(author().into()),
            _ => None,
        }
    }
    fn version(&self) -> Option<i64> {
        Some(self.version)
    }
}
