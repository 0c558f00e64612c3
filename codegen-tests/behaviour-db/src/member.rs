//! The `Member` model: its row struct, inputs, descriptor and filter helpers.
/// A person; `email` is unique.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Member {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "nickname")]
    pub nickname: Option<String>,
    #[serde(rename = "role")]
    pub role: crate::enums::Role,
    #[serde(rename = "website")]
    pub website: Option<String>,
    #[serde(rename = "createdAt")]
    pub created_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    /// Filled by `include(member::posts())`; `None` when not loaded.
    #[serde(rename = "posts", default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<crate::article::Article>>,
}

/// What the runtime knows about `Member`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Member",
    table: "members",
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
        ::cstack_runtime::Column {
            field: "nickname",
            name: "nickname",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "role",
            name: "role",
            kind: ::cstack_runtime::Kind::Enum("role"),
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "website",
            name: "website",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "createdAt",
            name: "created_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Enum("role"),
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::DateTime,
    ],
};

impl ::cstack_runtime::Model for Member {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            email: ::cstack_runtime::__codegen::take(row)?,
            name: ::cstack_runtime::__codegen::take(row)?,
            nickname: ::cstack_runtime::__codegen::take(row)?,
            role: ::cstack_runtime::__codegen::take(row)?,
            website: ::cstack_runtime::__codegen::take(row)?,
            created_at: ::cstack_runtime::__codegen::take(row)?,
            posts: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            email: row.column(1)?,
            name: row.column(2)?,
            nickname: row.column(3)?,
            role: row.enum_column(4)?,
            website: row.column(5)?,
            created_at: row.column(6)?,
            posts: None,
        })
    }
}

/// The values of a new `Member`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateMemberInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "email")]
    pub email: String,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "nickname", default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(rename = "role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::enums::Role>,
    #[serde(rename = "website", default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(rename = "createdAt", default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
}

impl CreateMemberInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateMemberInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateMemberInputBuilder {
            id: None,
            email: ::cstack_runtime::__codegen::builder::Unset,
            name: ::cstack_runtime::__codegen::builder::Unset,
            nickname: None,
            role: None,
            website: None,
            created_at: None,
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
                Some(40),
            );
        }
        if let Some(v) = &self.website {
            ::cstack_runtime::__codegen::validate::uri(&mut errors, "website", v);
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Member> for CreateMemberInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateMemberInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(7);
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
        values.push((
            "nickname",
            match &self.nickname {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "role",
            match &self.role {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(&crate::enums::Role::Reader),
            },
        ));
        values.push((
            "website",
            match &self.website {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "created_at",
            match &self.created_at {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(
                    &::cstack_runtime::defaults::now(),
                ),
            },
        ));
        Ok(values)
    }
}

/// Builds a [`CreateMemberInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateMemberInputBuilder<S0, S1> {
    id: Option<i64>,
    email: S0,
    name: S1,
    nickname: Option<String>,
    role: Option<crate::enums::Role>,
    website: Option<String>,
    created_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
}

impl<S1> CreateMemberInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn email(
        self,
        value: impl Into<String>,
    ) -> CreateMemberInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1> {
        CreateMemberInputBuilder {
            id: self.id,
            email: ::cstack_runtime::__codegen::builder::Set(value.into()),
            name: self.name,
            nickname: self.nickname,
            role: self.role,
            website: self.website,
            created_at: self.created_at,
        }
    }
}

impl<S0> CreateMemberInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn name(
        self,
        value: impl Into<String>,
    ) -> CreateMemberInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateMemberInputBuilder {
            id: self.id,
            email: self.email,
            name: ::cstack_runtime::__codegen::builder::Set(value.into()),
            nickname: self.nickname,
            role: self.role,
            website: self.website,
            created_at: self.created_at,
        }
    }
}

impl<S0, S1> CreateMemberInputBuilder<S0, S1> {
    pub fn id(mut self, value: i64) -> Self {
        self.id = Some(value);
        self
    }
    pub fn nickname(mut self, value: impl Into<String>) -> Self {
        self.nickname = Some(value.into());
        self
    }
    pub fn role(mut self, value: impl Into<crate::enums::Role>) -> Self {
        self.role = Some(value.into());
        self
    }
    pub fn website(mut self, value: impl Into<String>) -> Self {
        self.website = Some(value.into());
        self
    }
    pub fn created_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.created_at = Some(value.into());
        self
    }
}

impl
    CreateMemberInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateMemberInput {
        CreateMemberInput {
            id: self.id,
            email: self.email.0,
            name: self.name.0,
            nickname: self.nickname,
            role: self.role,
            website: self.website,
            created_at: self.created_at,
        }
    }
}

/// A change to a `Member`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberInput {
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
    #[serde(
        rename = "nickname",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub nickname: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "role",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub role: ::cstack_runtime::Patch<crate::enums::Role>,
    #[serde(
        rename = "website",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub website: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "createdAt",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub created_at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
}

impl UpdateMemberInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_email(mut self, value: impl Into<String>) -> Self {
        self.email = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_name(mut self, value: impl Into<String>) -> Self {
        self.name = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_nickname(mut self, value: impl Into<String>) -> Self {
        self.nickname = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_nickname(mut self) -> Self {
        self.nickname = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_role(mut self, value: impl Into<crate::enums::Role>) -> Self {
        self.role = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_website(mut self, value: impl Into<String>) -> Self {
        self.website = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_website(mut self) -> Self {
        self.website = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_created_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.created_at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
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
                Some(40),
            );
        }
        if matches!(self.role, ::cstack_runtime::Patch::Null) {
            errors.push("role", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.website {
            ::cstack_runtime::__codegen::validate::uri(&mut errors, "website", v);
        }
        if matches!(self.created_at, ::cstack_runtime::Patch::Null) {
            errors.push("createdAt", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Member> for UpdateMemberInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateMemberInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.email.push_to("email", &mut values);
        self.name.push_to("name", &mut values);
        self.nickname.push_to("nickname", &mut values);
        self.role.push_to("role", &mut values);
        self.website.push_to("website", &mut values);
        self.created_at.push_to("created_at", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Member, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `email` column, for filters and ordering.
pub fn email() -> ::cstack_runtime::Field<Member, String> {
    ::cstack_runtime::Field::new("email")
}

/// The `name` column, for filters and ordering.
pub fn name() -> ::cstack_runtime::Field<Member, String> {
    ::cstack_runtime::Field::new("name")
}

/// The `nickname` column, for filters and ordering.
pub fn nickname() -> ::cstack_runtime::Field<Member, String> {
    ::cstack_runtime::Field::new("nickname")
}

/// The `role` column, for filters and ordering.
pub fn role() -> ::cstack_runtime::Field<Member, crate::enums::Role> {
    ::cstack_runtime::Field::new("role")
}

/// The `website` column, for filters and ordering.
pub fn website() -> ::cstack_runtime::Field<Member, String> {
    ::cstack_runtime::Field::new("website")
}

/// The `createdAt` column, for filters and ordering.
pub fn created_at() -> ::cstack_runtime::Field<
    Member,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("created_at")
}

/// The `posts` relation: filter through it, or `include` it.
pub fn posts() -> ::cstack_runtime::ToManyRelation<Member, crate::article::Article> {
    ::cstack_runtime::ToManyRelation {
        local: "id",
        remote: "author_id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.author_id),
        attach: |row, related| row.posts = Some(related),
    }
}

/// `Member` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Member {
    type Create = CreateMemberInput;
    type Update = UpdateMemberInput;
    const ROUTE: &'static str = "members";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "posts",
                target: &crate::article::DESCRIPTOR,
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
