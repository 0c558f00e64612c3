//! The `Post` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Post {
    #[serde(rename = "createdAt")]
    pub created_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "updatedAt")]
    pub updated_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "status")]
    pub status: crate::enums::PostStatus,
    #[serde(rename = "authorId")]
    pub author_id: i64,
    /// Filled by `include(post::author())`; `None` when not loaded.
    #[serde(rename = "author", default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Box<crate::author::Author>>,
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
            field: "createdAt",
            name: "created_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "updatedAt",
            name: "updated_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: false,
        },
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
            field: "price",
            name: "price",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "status",
            name: "status",
            kind: ::cstack_runtime::Kind::Enum("post_status"),
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "authorId",
            name: "author_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Enum("post_status"),
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for Post {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "status",
                        kind: ::cstack_runtime::Kind::Enum("post_status"),
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Enum {
                            type_name: "post_status",
                            variant: "Published",
                        },
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "author_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::CREATE
                | ::cstack_runtime::__codegen::action::UPDATE
                | ::cstack_runtime::__codegen::action::DELETE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "author_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::DELETE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::In {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "status",
                        kind: ::cstack_runtime::Kind::Enum("post_status"),
                        nullable: false,
                    },
                    values: &[
                        ::cstack_runtime::__codegen::Operand::Literal(
                            ::cstack_runtime::__codegen::Literal::Enum {
                                type_name: "post_status",
                                variant: "Published",
                            },
                        ),
                        ::cstack_runtime::__codegen::Operand::Literal(
                            ::cstack_runtime::__codegen::Literal::Enum {
                                type_name: "post_status",
                                variant: "Archived",
                            },
                        ),
                    ],
                    negated: false,
                },
                ::cstack_runtime::__codegen::PolicyExpr::Not(
                    &::cstack_runtime::__codegen::PolicyExpr::HasRole("admin"),
                ),
            ]),
        },
    ];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            created_at: ::cstack_runtime::__codegen::take(row)?,
            updated_at: ::cstack_runtime::__codegen::take(row)?,
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            price: ::cstack_runtime::__codegen::take(row)?,
            status: ::cstack_runtime::__codegen::take(row)?,
            author_id: ::cstack_runtime::__codegen::take(row)?,
            author: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            created_at: row.column(0)?,
            updated_at: row.column(1)?,
            id: row.column(2)?,
            title: row.column(3)?,
            price: row.column(4)?,
            status: row.enum_column(5)?,
            author_id: row.column(6)?,
            author: None,
        })
    }
}

/// The values of a new `Post`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatePostInput {
    #[serde(rename = "createdAt", default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "updatedAt", default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::enums::PostStatus>,
    #[serde(rename = "authorId")]
    pub author_id: i64,
}

impl CreatePostInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreatePostInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreatePostInputBuilder {
            created_at: None,
            updated_at: None,
            id: None,
            title: ::cstack_runtime::__codegen::builder::Unset,
            price: ::cstack_runtime::__codegen::builder::Unset,
            status: None,
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
                Some(200),
            );
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
                    99999999, 0, 0, false, 2,
                )),
            );
        }
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
        let mut values = Vec::with_capacity(7);
        values.push((
            "created_at",
            match &self.created_at {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(
                    &::cstack_runtime::defaults::now(),
                ),
            },
        ));
        values.push((
            "updated_at",
            match &self.updated_at {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(
                    &::cstack_runtime::defaults::now(),
                ),
            },
        ));
        if let Some(v) = &self.id {
            values.push(("id", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        values.push((
            "price",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.price),
        ));
        values.push((
            "status",
            match &self.status {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => {
                    ::cstack_runtime::__codegen::ToValue::to_value(&crate::enums::PostStatus::Draft)
                }
            },
        ));
        values.push((
            "author_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.author_id),
        ));
        Ok(values)
    }
}

/// Builds a [`CreatePostInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreatePostInputBuilder<S0, S1, S2> {
    created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    updated_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    id: Option<i64>,
    title: S0,
    price: S1,
    status: Option<crate::enums::PostStatus>,
    author_id: S2,
}

impl<S1, S2> CreatePostInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreatePostInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1, S2> {
        CreatePostInputBuilder {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            price: self.price,
            status: self.status,
            author_id: self.author_id,
        }
    }
}

impl<S0, S2> CreatePostInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn price(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreatePostInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        S2,
    > {
        CreatePostInputBuilder {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            title: self.title,
            price: ::cstack_runtime::__codegen::builder::Set(value.into()),
            status: self.status,
            author_id: self.author_id,
        }
    }
}

impl<S0, S1> CreatePostInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn author_id(
        self,
        value: i64,
    ) -> CreatePostInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>> {
        CreatePostInputBuilder {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            title: self.title,
            price: self.price,
            status: self.status,
            author_id: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl<S0, S1, S2> CreatePostInputBuilder<S0, S1, S2> {
    pub fn created_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.created_at = Some(value.into());
        self
    }
    pub fn updated_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.updated_at = Some(value.into());
        self
    }
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
    pub fn status(mut self, value: impl Into<crate::enums::PostStatus>) -> Self {
        self.status = Some(value.into());
        self
    }
}

impl
    CreatePostInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
    >
{
    pub fn build(self) -> CreatePostInput {
        CreatePostInput {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            title: self.title.0,
            price: self.price.0,
            status: self.status,
            author_id: self.author_id.0,
        }
    }
}

/// A change to a `Post`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePostInput {
    #[serde(
        rename = "createdAt",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub created_at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "updatedAt",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub updated_at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "price",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub price: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "status",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub status: ::cstack_runtime::Patch<crate::enums::PostStatus>,
    #[serde(
        rename = "authorId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub author_id: ::cstack_runtime::Patch<i64>,
}

impl UpdatePostInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_created_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.created_at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_updated_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.updated_at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_price(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.price = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_status(mut self, value: impl Into<crate::enums::PostStatus>) -> Self {
        self.status = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_author_id(mut self, value: i64) -> Self {
        self.author_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.created_at, ::cstack_runtime::Patch::Null) {
            errors.push("createdAt", "required", "cannot be null".to_string());
        }
        if matches!(self.updated_at, ::cstack_runtime::Patch::Null) {
            errors.push("updatedAt", "required", "cannot be null".to_string());
        }
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.title {
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "title",
                v,
                Some(1),
                Some(200),
            );
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
                    99999999, 0, 0, false, 2,
                )),
            );
        }
        if matches!(self.status, ::cstack_runtime::Patch::Null) {
            errors.push("status", "required", "cannot be null".to_string());
        }
        if matches!(self.author_id, ::cstack_runtime::Patch::Null) {
            errors.push("authorId", "required", "cannot be null".to_string());
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
        self.created_at.push_to("created_at", &mut values);
        self.updated_at.push_to("updated_at", &mut values);
        self.title.push_to("title", &mut values);
        self.price.push_to("price", &mut values);
        self.status.push_to("status", &mut values);
        self.author_id.push_to("author_id", &mut values);
        values
    }
}

/// The `createdAt` column, for filters and ordering.
pub fn created_at()
-> ::cstack_runtime::Field<Post, ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>
{
    ::cstack_runtime::Field::new("created_at")
}

/// The `updatedAt` column, for filters and ordering.
pub fn updated_at()
-> ::cstack_runtime::Field<Post, ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>
{
    ::cstack_runtime::Field::new("updated_at")
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Post, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Post, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `price` column, for filters and ordering.
pub fn price() -> ::cstack_runtime::Field<Post, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("price")
}

/// The `status` column, for filters and ordering.
pub fn status() -> ::cstack_runtime::Field<Post, crate::enums::PostStatus> {
    ::cstack_runtime::Field::new("status")
}

/// The `authorId` column, for filters and ordering.
pub fn author_id() -> ::cstack_runtime::Field<Post, i64> {
    ::cstack_runtime::Field::new("author_id")
}

/// The `author` relation: filter through it, or `include` it.
pub fn author() -> ::cstack_runtime::Relation<Post, crate::author::Author> {
    ::cstack_runtime::Relation {
        local: "author_id",
        remote: "id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        attach: |row, related| row.author = related.map(Box::new),
    }
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
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "author",
                target: &crate::author::DESCRIPTOR,
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
}
