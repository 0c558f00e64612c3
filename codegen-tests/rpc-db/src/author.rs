//! The `Author` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Author {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "secret", skip_serializing, default)]
    pub secret: Option<String>,
    /// Filled by `include(author::books())`; `None` when not loaded.
    #[serde(rename = "books", default, skip_serializing_if = "Option::is_none")]
    pub books: Option<Vec<crate::book::Book>>,
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
            field: "id",
            name: "id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "name",
            name: "name",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "email",
            name: "email",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "secret",
            name: "secret",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
    ],
};

/// A committed change to a `Author` (`@@emit`): what `subscribe()` yields.
pub type AuthorEvent = ::cstack_runtime::Event<Author>;

impl ::cstack_runtime::__codegen::Emits for Author {}

impl ::cstack_runtime::Model for Author {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
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
            name: ::cstack_runtime::__codegen::take(row)?,
            email: ::cstack_runtime::__codegen::take(row)?,
            secret: ::cstack_runtime::__codegen::take(row)?,
            books: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            name: row.column(1)?,
            email: row.column(2)?,
            secret: row.column(3)?,
            books: None,
        })
    }
}

/// The values of a new `Author`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAuthorInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "secret", default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl CreateAuthorInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateAuthorInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateAuthorInputBuilder {
            id: None,
            name: ::cstack_runtime::__codegen::builder::Unset,
            email: ::cstack_runtime::__codegen::builder::Unset,
            secret: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        {
            let v = &self.name;
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "name",
                v,
                Some(1),
                Some(80),
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
        let mut values = Vec::with_capacity(4);
        if let Some(v) = &self.id {
            values.push(("id", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push((
            "name",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.name),
        ));
        values.push((
            "email",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.email),
        ));
        values.push((
            "secret",
            match &self.secret {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        Ok(values)
    }
}

/// Builds a [`CreateAuthorInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateAuthorInputBuilder<S0, S1> {
    id: Option<i64>,
    name: S0,
    email: S1,
    secret: Option<String>,
}

impl<S1> CreateAuthorInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn name(
        self,
        value: impl Into<String>,
    ) -> CreateAuthorInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1> {
        CreateAuthorInputBuilder {
            id: self.id,
            name: ::cstack_runtime::__codegen::builder::Set(value.into()),
            email: self.email,
            secret: self.secret,
        }
    }
}

impl<S0> CreateAuthorInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn email(
        self,
        value: impl Into<String>,
    ) -> CreateAuthorInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateAuthorInputBuilder {
            id: self.id,
            name: self.name,
            email: ::cstack_runtime::__codegen::builder::Set(value.into()),
            secret: self.secret,
        }
    }
}

impl<S0, S1> CreateAuthorInputBuilder<S0, S1> {
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
    pub fn secret(mut self, value: impl Into<String>) -> Self {
        self.secret = Some(value.into());
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
            id: self.id,
            name: self.name.0,
            email: self.email.0,
            secret: self.secret,
        }
    }
}

/// A change to a `Author`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAuthorInput {
    #[serde(
        rename = "name",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub name: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "email",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub email: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "secret",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub secret: ::cstack_runtime::Patch<String>,
}

impl UpdateAuthorInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_name(mut self, value: impl Into<String>) -> Self {
        self.name = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_email(mut self, value: impl Into<String>) -> Self {
        self.email = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_secret(mut self, value: impl Into<String>) -> Self {
        self.secret = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_secret(mut self) -> Self {
        self.secret = ::cstack_runtime::Patch::Null;
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.name, ::cstack_runtime::Patch::Null) {
            errors.push("name", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.name {
            ::cstack_runtime::__codegen::validate::length_text(
                &mut errors,
                "name",
                v,
                Some(1),
                Some(80),
            );
        }
        if matches!(self.email, ::cstack_runtime::Patch::Null) {
            errors.push("email", "required", "cannot be null".to_string());
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
        self.name.push_to("name", &mut values);
        self.email.push_to("email", &mut values);
        self.secret.push_to("secret", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Author, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `name` column, for filters and ordering.
pub fn name() -> ::cstack_runtime::Field<Author, String> {
    ::cstack_runtime::Field::new("name")
}

/// The `email` column, for filters and ordering.
pub fn email() -> ::cstack_runtime::Field<Author, String> {
    ::cstack_runtime::Field::new("email")
}

/// The `secret` column, for filters and ordering.
pub fn secret() -> ::cstack_runtime::Field<Author, String> {
    ::cstack_runtime::Field::new("secret")
}

/// The `books` relation: filter through it, or `include` it.
pub fn books() -> ::cstack_runtime::ToManyRelation<Author, crate::book::Book> {
    ::cstack_runtime::ToManyRelation {
        local: "id",
        remote: "author_id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        attach: |row, related| row.books = Some(related),
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
            hidden: &["secret"],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "books",
                target: &crate::book::DESCRIPTOR,
                target_hidden: &[],
            }],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "books" => Some(books().into()),
            _ => None,
        }
    }
}
