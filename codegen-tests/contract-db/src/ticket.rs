//! The `Ticket` model: its row struct, inputs, descriptor and filter helpers.
/// Columns the database fills: `dbgenerated()` on a text key, a timestamp
/// and a UUID.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Ticket {
    #[serde(rename = "code")]
    pub code: String,
    #[serde(rename = "openedAt")]
    pub opened_at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "ref")]
    pub r#ref: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "title")]
    pub title: String,
}

/// What the runtime knows about `Ticket`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Ticket",
    table: "tickets",
    primary_key: "code",
    soft_delete: None,
    version: None,
    columns: &[
        ::cstack_runtime::Column {
            field: "code",
            name: "code",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "openedAt",
            name: "opened_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "ref",
            name: "ref",
            kind: ::cstack_runtime::Kind::Uuid,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "title",
            name: "title",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Uuid,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for Ticket {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            code: ::cstack_runtime::__codegen::take(row)?,
            opened_at: ::cstack_runtime::__codegen::take(row)?,
            r#ref: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            code: row.column(0)?,
            opened_at: row.column(1)?,
            r#ref: row.column(2)?,
            title: row.column(3)?,
        })
    }
}

/// The values of a new `Ticket`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketInput {
    #[serde(rename = "code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "openedAt", default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<::cstack_runtime::uuid::Uuid>,
    #[serde(rename = "title")]
    pub title: String,
}

impl CreateTicketInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateTicketInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
        CreateTicketInputBuilder {
            code: None,
            opened_at: None,
            r#ref: None,
            title: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Ticket> for CreateTicketInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateTicketInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(4);
        if let Some(v) = &self.code {
            values.push(("code", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        if let Some(v) = &self.opened_at {
            values.push((
                "opened_at",
                ::cstack_runtime::__codegen::ToValue::to_value(v),
            ));
        }
        if let Some(v) = &self.r#ref {
            values.push(("ref", ::cstack_runtime::__codegen::ToValue::to_value(v)));
        }
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        Ok(values)
    }
}

/// Builds a [`CreateTicketInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateTicketInputBuilder<S0> {
    code: Option<String>,
    opened_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    r#ref: Option<::cstack_runtime::uuid::Uuid>,
    title: S0,
}

impl CreateTicketInputBuilder<::cstack_runtime::__codegen::builder::Unset> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateTicketInputBuilder<::cstack_runtime::__codegen::builder::Set<String>> {
        CreateTicketInputBuilder {
            code: self.code,
            opened_at: self.opened_at,
            r#ref: self.r#ref,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl<S0> CreateTicketInputBuilder<S0> {
    pub fn code(mut self, value: impl Into<String>) -> Self {
        self.code = Some(value.into());
        self
    }
    pub fn opened_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.opened_at = Some(value.into());
        self
    }
    pub fn r#ref(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.r#ref = Some(value.into());
        self
    }
}

impl CreateTicketInputBuilder<::cstack_runtime::__codegen::builder::Set<String>> {
    pub fn build(self) -> CreateTicketInput {
        CreateTicketInput {
            code: self.code,
            opened_at: self.opened_at,
            r#ref: self.r#ref,
            title: self.title.0,
        }
    }
}

/// A change to a `Ticket`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTicketInput {
    #[serde(
        rename = "openedAt",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub opened_at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub r#ref: ::cstack_runtime::Patch<::cstack_runtime::uuid::Uuid>,
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
}

impl UpdateTicketInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_opened_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.opened_at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_ref(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.r#ref = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.opened_at, ::cstack_runtime::Patch::Null) {
            errors.push("openedAt", "required", "cannot be null".to_string());
        }
        if matches!(self.r#ref, ::cstack_runtime::Patch::Null) {
            errors.push("ref", "required", "cannot be null".to_string());
        }
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Ticket> for UpdateTicketInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateTicketInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.opened_at.push_to("opened_at", &mut values);
        self.r#ref.push_to("ref", &mut values);
        self.title.push_to("title", &mut values);
        values
    }
}

/// The `code` column, for filters and ordering.
pub fn code() -> ::cstack_runtime::Field<Ticket, String> {
    ::cstack_runtime::Field::new("code")
}

/// The `openedAt` column, for filters and ordering.
pub fn opened_at() -> ::cstack_runtime::Field<
    Ticket,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("opened_at")
}

/// The `ref` column, for filters and ordering.
pub fn r#ref() -> ::cstack_runtime::Field<Ticket, ::cstack_runtime::uuid::Uuid> {
    ::cstack_runtime::Field::new("ref")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Ticket, String> {
    ::cstack_runtime::Field::new("title")
}

/// `Ticket` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Ticket {
    type Create = CreateTicketInput;
    type Update = UpdateTicketInput;
    const ROUTE: &'static str = "tickets";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
