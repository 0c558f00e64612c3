//! The `Note` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Note {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "status")]
    pub status: crate::enums::Status,
}

/// What the runtime knows about `Note`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Note",
    table: "notes",
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
            field: "owner",
            name: "owner",
            kind: ::cstack_runtime::Kind::Text,
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
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Enum("status"),
    ],
};

impl ::cstack_runtime::Model for Note {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            owner: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            status: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            owner: row.column(1)?,
            title: row.column(2)?,
            status: row.enum_column(3)?,
        })
    }
}

/// The values of a new `Note`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateNoteInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::enums::Status>,
}

impl CreateNoteInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateNoteInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateNoteInputBuilder {
            id: None,
            owner: ::cstack_runtime::__codegen::builder::Unset,
            title: ::cstack_runtime::__codegen::builder::Unset,
            status: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Note> for CreateNoteInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateNoteInput::validate(self)
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
            "owner",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.owner),
        ));
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
        Ok(values)
    }
}

/// Builds a [`CreateNoteInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateNoteInputBuilder<S0, S1> {
    id: Option<i64>,
    owner: S0,
    title: S1,
    status: Option<crate::enums::Status>,
}

impl<S1> CreateNoteInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn owner(
        self,
        value: impl Into<String>,
    ) -> CreateNoteInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1> {
        CreateNoteInputBuilder {
            id: self.id,
            owner: ::cstack_runtime::__codegen::builder::Set(value.into()),
            title: self.title,
            status: self.status,
        }
    }
}

impl<S0> CreateNoteInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateNoteInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateNoteInputBuilder {
            id: self.id,
            owner: self.owner,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            status: self.status,
        }
    }
}

impl<S0, S1> CreateNoteInputBuilder<S0, S1> {
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
    CreateNoteInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateNoteInput {
        CreateNoteInput {
            id: self.id,
            owner: self.owner.0,
            title: self.title.0,
            status: self.status,
        }
    }
}

/// A change to a `Note`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateNoteInput {
    #[serde(
        rename = "owner",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub owner: ::cstack_runtime::Patch<String>,
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
}

impl UpdateNoteInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_owner(mut self, value: impl Into<String>) -> Self {
        self.owner = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_status(mut self, value: impl Into<crate::enums::Status>) -> Self {
        self.status = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.owner, ::cstack_runtime::Patch::Null) {
            errors.push("owner", "required", "cannot be null".to_string());
        }
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        if matches!(self.status, ::cstack_runtime::Patch::Null) {
            errors.push("status", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Note> for UpdateNoteInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateNoteInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.owner.push_to("owner", &mut values);
        self.title.push_to("title", &mut values);
        self.status.push_to("status", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Note, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `owner` column, for filters and ordering.
pub fn owner() -> ::cstack_runtime::Field<Note, String> {
    ::cstack_runtime::Field::new("owner")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Note, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `status` column, for filters and ordering.
pub fn status() -> ::cstack_runtime::Field<Note, crate::enums::Status> {
    ::cstack_runtime::Field::new("status")
}

/// `Note` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Note {
    type Create = CreateNoteInput;
    type Update = UpdateNoteInput;
    const ROUTE: &'static str = "notes";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
