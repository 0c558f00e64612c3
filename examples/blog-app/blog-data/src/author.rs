//! The `Author` model: its row struct, inputs, descriptor and filter helpers.
/// A person who writes posts.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Author {
    #[serde(rename = "createdAt")]
    pub created_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "updatedAt")]
    pub updated_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "name")]
    pub name: String,
    /// Filled by `include(author::posts())`; `None` when not loaded.
    #[serde(rename = "posts", default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<crate::post::Post>>,
}

/// What the runtime knows about `Author`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Author",
    table: "authors",
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
            field: "email",
            name: "email",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "name",
            name: "name",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for Author {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::CREATE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::UPDATE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Column {
                    name: "id",
                    kind: ::cstack_runtime::Kind::Int,
                    nullable: false,
                },
                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
            },
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
            email: ::cstack_runtime::__codegen::take(row)?,
            name: ::cstack_runtime::__codegen::take(row)?,
            posts: None,
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
            email: row.column(3)?,
            name: row.column(4)?,
            posts: None,
        })
    }
}

/// The values of a new `Author`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAuthorInput {
    #[serde(rename = "createdAt", default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "updatedAt", default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "name")]
    pub name: String,
}

impl CreateAuthorInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateAuthorInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateAuthorInputBuilder {
            created_at: None,
            updated_at: None,
            id: None,
            email: ::cstack_runtime::__codegen::builder::Unset,
            name: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        {
            let v = &self.email;
            ::cstack_runtime::__codegen::validate::email(&mut errors, "email", v);
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "email",
                v,
                Some(3),
                Some(254),
            );
        }
        {
            let v = &self.name;
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "name",
                v,
                Some(1),
                Some(120),
            );
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Author> for CreateAuthorInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateAuthorInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(5);
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
            "email",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.email),
        ));
        values.push((
            "name",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.name),
        ));
        Ok(values)
    }
}

/// Builds a [`CreateAuthorInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateAuthorInputBuilder<S0, S1> {
    created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    updated_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    id: Option<i64>,
    email: S0,
    name: S1,
}

impl<S1> CreateAuthorInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn email(
        self,
        value: impl Into<String>,
    ) -> CreateAuthorInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1> {
        CreateAuthorInputBuilder {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            email: ::cstack_runtime::__codegen::builder::Set(value.into()),
            name: self.name,
        }
    }
}

impl<S0> CreateAuthorInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn name(
        self,
        value: impl Into<String>,
    ) -> CreateAuthorInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateAuthorInputBuilder {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            email: self.email,
            name: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl<S0, S1> CreateAuthorInputBuilder<S0, S1> {
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
}

impl
    CreateAuthorInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateAuthorInput {
        CreateAuthorInput {
            created_at: self.created_at,
            updated_at: self.updated_at,
            id: self.id,
            email: self.email.0,
            name: self.name.0,
        }
    }
}

/// A change to a `Author`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAuthorInput {
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
        rename = "email",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub email: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "name",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub name: ::cstack_runtime::Patch<String>,
}

impl UpdateAuthorInput {
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
    pub fn set_email(mut self, value: impl Into<String>) -> Self {
        self.email = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_name(mut self, value: impl Into<String>) -> Self {
        self.name = ::cstack_runtime::Patch::Set(value.into());
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
        if matches!(self.email, ::cstack_runtime::Patch::Null) {
            errors.push("email", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.email {
            ::cstack_runtime::__codegen::validate::email(&mut errors, "email", v);
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "email",
                v,
                Some(3),
                Some(254),
            );
        }
        if matches!(self.name, ::cstack_runtime::Patch::Null) {
            errors.push("name", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.name {
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "name",
                v,
                Some(1),
                Some(120),
            );
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Author> for UpdateAuthorInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateAuthorInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.created_at.push_to("created_at", &mut values);
        self.updated_at.push_to("updated_at", &mut values);
        self.email.push_to("email", &mut values);
        self.name.push_to("name", &mut values);
        values
    }
}

/// The `createdAt` column, for filters and ordering.
pub fn created_at() -> ::cstack_runtime::Field<
    Author,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("created_at")
}

/// The `updatedAt` column, for filters and ordering.
pub fn updated_at() -> ::cstack_runtime::Field<
    Author,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("updated_at")
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Author, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `email` column, for filters and ordering.
pub fn email() -> ::cstack_runtime::Field<Author, String> {
    ::cstack_runtime::Field::new("email")
}

/// The `name` column, for filters and ordering.
pub fn name() -> ::cstack_runtime::Field<Author, String> {
    ::cstack_runtime::Field::new("name")
}

/// The `posts` relation: filter through it, or `include` it.
pub fn posts() -> ::cstack_runtime::ToManyRelation<Author, crate::post::Post> {
    ::cstack_runtime::ToManyRelation {
        local: "id",
        remote: "author_id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        attach: |row, related| row.posts = Some(related),
    }
}

/// `Author` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Author {
    type Create = CreateAuthorInput;
    type Update = UpdateAuthorInput;
    const ROUTE: &'static str = "authors";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "posts",
                target: &crate::post::DESCRIPTOR,
                target_hidden: &[],
            }],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "posts" => Some(posts().into()),
            _ => None,
        }
    }
}
