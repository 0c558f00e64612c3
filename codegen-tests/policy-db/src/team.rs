//! The `Team` model: its row struct, inputs, descriptor and filter helpers.
/// Anyone may read a team; only the system may change teams.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Team {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "tenantId")]
    pub tenant_id: String,
    /// Filled by `include(team::docs())`; `None` when not loaded.
    #[serde(rename = "docs", default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<Vec<crate::doc::Doc>>,
}

/// What the runtime knows about `Team`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Team",
    table: "teams",
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
            field: "tenantId",
            name: "tenant_id",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for Team {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::CREATE
                | ::cstack_runtime::__codegen::action::UPDATE
                | ::cstack_runtime::__codegen::action::DELETE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::IsSystem,
        },
    ];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            name: ::cstack_runtime::__codegen::take(row)?,
            tenant_id: ::cstack_runtime::__codegen::take(row)?,
            docs: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            name: row.column(1)?,
            tenant_id: row.column(2)?,
            docs: None,
        })
    }
}

/// The values of a new `Team`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTeamInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "tenantId")]
    pub tenant_id: String,
}

impl CreateTeamInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateTeamInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateTeamInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            name: ::cstack_runtime::__codegen::builder::Unset,
            tenant_id: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Team> for CreateTeamInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateTeamInput::validate(self)
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
            "name",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.name),
        ));
        values.push((
            "tenant_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.tenant_id),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Team> for CreateTeamInput {}

/// Builds a [`CreateTeamInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateTeamInputBuilder<S0, S1, S2> {
    id: S0,
    name: S1,
    tenant_id: S2,
}

impl<S1, S2> CreateTeamInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateTeamInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreateTeamInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            name: self.name,
            tenant_id: self.tenant_id,
        }
    }
}

impl<S0, S2> CreateTeamInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn name(
        self,
        value: impl Into<String>,
    ) -> CreateTeamInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>, S2> {
        CreateTeamInputBuilder {
            id: self.id,
            name: ::cstack_runtime::__codegen::builder::Set(value.into()),
            tenant_id: self.tenant_id,
        }
    }
}

impl<S0, S1> CreateTeamInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn tenant_id(
        self,
        value: impl Into<String>,
    ) -> CreateTeamInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateTeamInputBuilder {
            id: self.id,
            name: self.name,
            tenant_id: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreateTeamInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateTeamInput {
        CreateTeamInput {
            id: self.id.0,
            name: self.name.0,
            tenant_id: self.tenant_id.0,
        }
    }
}

/// A change to a `Team`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTeamInput {
    #[serde(
        rename = "name",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub name: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "tenantId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub tenant_id: ::cstack_runtime::Patch<String>,
}

impl UpdateTeamInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_name(mut self, value: impl Into<String>) -> Self {
        self.name = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_tenant_id(mut self, value: impl Into<String>) -> Self {
        self.tenant_id = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.name, ::cstack_runtime::Patch::Null) {
            errors.push("name", "required", "cannot be null".to_string());
        }
        if matches!(self.tenant_id, ::cstack_runtime::Patch::Null) {
            errors.push("tenantId", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Team> for UpdateTeamInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateTeamInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.name.push_to("name", &mut values);
        self.tenant_id.push_to("tenant_id", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Team, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `name` column, for filters and ordering.
pub fn name() -> ::cstack_runtime::Field<Team, String> {
    ::cstack_runtime::Field::new("name")
}

/// The `tenantId` column, for filters and ordering.
pub fn tenant_id() -> ::cstack_runtime::Field<Team, String> {
    ::cstack_runtime::Field::new("tenant_id")
}

/// The `docs` relation: filter through it, or `include` it.
pub fn docs() -> ::cstack_runtime::ToManyRelation<Team, crate::doc::Doc> {
    ::cstack_runtime::ToManyRelation {
        local: "id",
        remote: "team_id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.team_id),
        attach: |row, related| row.docs = Some(related),
    }
}

/// `Team` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Team {
    type Create = CreateTeamInput;
    type Update = UpdateTeamInput;
    const ROUTE: &'static str = "teams";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "docs",
                target: &crate::doc::DESCRIPTOR,
                target_hidden: &[],
            }],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "docs" => Some(docs().into()),
            _ => None,
        }
    }
}
