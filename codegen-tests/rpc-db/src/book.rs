//! The `Book` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Book {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "status")]
    pub status: crate::enums::Status,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "ownerId")]
    pub owner_id: i64,
    #[serde(rename = "authorId")]
    pub author_id: i64,
    /// Filled by `include(book::author())`; `None` when not loaded.
    #[serde(rename = "author", default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Box<crate::author::Author>>,
}

/// What the runtime knows about `Book`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Book",
    table: "books",
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
            field: "status",
            name: "status",
            kind: ::cstack_runtime::Kind::Enum("status"),
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "price",
            name: "price",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "ownerId",
            name: "owner_id",
            kind: ::cstack_runtime::Kind::Int,
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
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Enum("status"),
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
    ],
};

/// A committed change to a `Book` (`@@emit`): what `subscribe()` yields.
pub type BookEvent = ::cstack_runtime::Event<Book>;

impl ::cstack_runtime::__codegen::Emits for Book {}

impl ::cstack_runtime::Model for Book {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "status",
                        kind: ::cstack_runtime::Kind::Enum("status"),
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Enum {
                            type_name: "status",
                            variant: "Published",
                        },
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "owner_id",
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
                        name: "owner_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
            ]),
        },
    ];
    const TRACKING: ::cstack_runtime::__codegen::Tracking = ::cstack_runtime::__codegen::Tracking {
        audit: false,
        emit: ::cstack_runtime::__codegen::Tracking::CREATED
            | ::cstack_runtime::__codegen::Tracking::UPDATED
            | ::cstack_runtime::__codegen::Tracking::DELETED,
        redacted: &[],
    };
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            status: ::cstack_runtime::__codegen::take(row)?,
            price: ::cstack_runtime::__codegen::take(row)?,
            owner_id: ::cstack_runtime::__codegen::take(row)?,
            author_id: ::cstack_runtime::__codegen::take(row)?,
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
            status: row.enum_column(2)?,
            price: row.column(3)?,
            owner_id: row.column(4)?,
            author_id: row.column(5)?,
            author: None,
        })
    }
}

/// The values of a new `Book`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBookInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::enums::Status>,
    #[serde(rename = "price")]
    pub price: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "ownerId")]
    pub owner_id: i64,
    #[serde(rename = "authorId")]
    pub author_id: i64,
}

impl CreateBookInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateBookInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateBookInputBuilder {
            id: None,
            title: ::cstack_runtime::__codegen::builder::Unset,
            status: None,
            price: ::cstack_runtime::__codegen::builder::Unset,
            owner_id: ::cstack_runtime::__codegen::builder::Unset,
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
                    0, 0, 0, false, 0,
                )),
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    1000, 0, 0, false, 0,
                )),
            );
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Book> for CreateBookInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateBookInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(6);
        if let Some(v) = &self.id {
            values.push(("id", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        values.push((
            "status",
            match &self.status {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => {
                    ::cstack_runtime::__codegen::ToValue::to_value(&crate::enums::Status::Draft)
                }
            },
        ));
        values.push((
            "price",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.price),
        ));
        values.push((
            "owner_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.owner_id),
        ));
        values.push((
            "author_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.author_id),
        ));
        Ok(values)
    }
}

/// Builds a [`CreateBookInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateBookInputBuilder<S0, S1, S2, S3> {
    id: Option<i64>,
    title: S0,
    status: Option<crate::enums::Status>,
    price: S1,
    owner_id: S2,
    author_id: S3,
}

impl<S1, S2, S3> CreateBookInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2, S3> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateBookInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1, S2, S3> {
        CreateBookInputBuilder {
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            status: self.status,
            price: self.price,
            owner_id: self.owner_id,
            author_id: self.author_id,
        }
    }
}

impl<S0, S2, S3> CreateBookInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2, S3> {
    pub fn price(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreateBookInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        S2,
        S3,
    > {
        CreateBookInputBuilder {
            id: self.id,
            title: self.title,
            status: self.status,
            price: ::cstack_runtime::__codegen::builder::Set(value.into()),
            owner_id: self.owner_id,
            author_id: self.author_id,
        }
    }
}

impl<S0, S1, S3> CreateBookInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset, S3> {
    pub fn owner_id(
        self,
        value: i64,
    ) -> CreateBookInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>, S3> {
        CreateBookInputBuilder {
            id: self.id,
            title: self.title,
            status: self.status,
            price: self.price,
            owner_id: ::cstack_runtime::__codegen::builder::Set(value),
            author_id: self.author_id,
        }
    }
}

impl<S0, S1, S2> CreateBookInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn author_id(
        self,
        value: i64,
    ) -> CreateBookInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Set<i64>> {
        CreateBookInputBuilder {
            id: self.id,
            title: self.title,
            status: self.status,
            price: self.price,
            owner_id: self.owner_id,
            author_id: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl<S0, S1, S2, S3> CreateBookInputBuilder<S0, S1, S2, S3> {
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
    pub fn status(mut self, value: impl Into<crate::enums::Status>) -> Self {
        self.status = Some(value.into());
        self
    }
}

impl
    CreateBookInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
    >
{
    pub fn build(self) -> CreateBookInput {
        CreateBookInput {
            id: self.id,
            title: self.title.0,
            status: self.status,
            price: self.price.0,
            owner_id: self.owner_id.0,
            author_id: self.author_id.0,
        }
    }
}

/// A change to a `Book`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateBookInput {
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "status",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub status: ::cstack_runtime::Patch<crate::enums::Status>,
    #[serde(
        rename = "price",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub price: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "ownerId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub owner_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "authorId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub author_id: ::cstack_runtime::Patch<i64>,
}

impl UpdateBookInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_status(mut self, value: impl Into<crate::enums::Status>) -> Self {
        self.status = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_price(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.price = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_owner_id(mut self, value: i64) -> Self {
        self.owner_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_author_id(mut self, value: i64) -> Self {
        self.author_id = ::cstack_runtime::Patch::Set(value);
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
                Some(200),
            );
        }
        if matches!(self.status, ::cstack_runtime::Patch::Null) {
            errors.push("status", "required", "cannot be null".to_string());
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
                    0, 0, 0, false, 0,
                )),
                Some(::cstack_runtime::rust_decimal::Decimal::from_parts(
                    1000, 0, 0, false, 0,
                )),
            );
        }
        if matches!(self.owner_id, ::cstack_runtime::Patch::Null) {
            errors.push("ownerId", "required", "cannot be null".to_string());
        }
        if matches!(self.author_id, ::cstack_runtime::Patch::Null) {
            errors.push("authorId", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Book> for UpdateBookInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateBookInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.title.push_to("title", &mut values);
        self.status.push_to("status", &mut values);
        self.price.push_to("price", &mut values);
        self.owner_id.push_to("owner_id", &mut values);
        self.author_id.push_to("author_id", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Book, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Book, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `status` column, for filters and ordering.
pub fn status() -> ::cstack_runtime::Field<Book, crate::enums::Status> {
    ::cstack_runtime::Field::new("status")
}

/// The `price` column, for filters and ordering.
pub fn price() -> ::cstack_runtime::Field<Book, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("price")
}

/// The `ownerId` column, for filters and ordering.
pub fn owner_id() -> ::cstack_runtime::Field<Book, i64> {
    ::cstack_runtime::Field::new("owner_id")
}

/// The `authorId` column, for filters and ordering.
pub fn author_id() -> ::cstack_runtime::Field<Book, i64> {
    ::cstack_runtime::Field::new("author_id")
}

/// The `author` relation: filter through it, or `include` it.
pub fn author() -> ::cstack_runtime::Relation<Book, crate::author::Author> {
    ::cstack_runtime::Relation {
        local: "author_id",
        remote: "id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        attach: |row, related| row.author = related.map(Box::new),
    }
}

/// `Book` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Book {
    type Create = CreateBookInput;
    type Update = UpdateBookInput;
    const ROUTE: &'static str = "books";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "author",
                target: &crate::author::DESCRIPTOR,
                target_hidden: &["secret"],
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
