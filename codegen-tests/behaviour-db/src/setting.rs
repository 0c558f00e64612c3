//! The `Setting` model: its row struct, inputs, descriptor and filter helpers.
/// A caller-chosen key, for upsert.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Setting {
    #[serde(rename = "key")]
    pub key: String,
    #[serde(rename = "value")]
    pub value: String,
    #[serde(rename = "note")]
    pub note: Option<String>,
}

/// What the runtime knows about `Setting`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Setting",
    table: "settings",
    primary_key: "key",
    soft_delete: None,
    version: None,
    columns: &[
        ::cstack_runtime::Column {
            field: "key",
            name: "key",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "value",
            name: "value",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "note",
            name: "note",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for Setting {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            key: ::cstack_runtime::__codegen::take(row)?,
            value: ::cstack_runtime::__codegen::take(row)?,
            note: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            key: row.column(0)?,
            value: row.column(1)?,
            note: row.column(2)?,
        })
    }
}

/// The values of a new `Setting`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSettingInput {
    #[serde(rename = "key")]
    pub key: String,
    #[serde(rename = "value")]
    pub value: String,
    #[serde(rename = "note", default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CreateSettingInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateSettingInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateSettingInputBuilder {
            key: ::cstack_runtime::__codegen::builder::Unset,
            value: ::cstack_runtime::__codegen::builder::Unset,
            note: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Setting> for CreateSettingInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateSettingInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(3);
        values.push((
            "key",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.key),
        ));
        values.push((
            "value",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.value),
        ));
        values.push((
            "note",
            match &self.note {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Setting> for CreateSettingInput {}

/// Builds a [`CreateSettingInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateSettingInputBuilder<S0, S1> {
    key: S0,
    value: S1,
    note: Option<String>,
}

impl<S1> CreateSettingInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1> {
    pub fn key(
        self,
        value: impl Into<String>,
    ) -> CreateSettingInputBuilder<::cstack_runtime::__codegen::builder::Set<String>, S1> {
        CreateSettingInputBuilder {
            key: ::cstack_runtime::__codegen::builder::Set(value.into()),
            value: self.value,
            note: self.note,
        }
    }
}

impl<S0> CreateSettingInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn value(
        self,
        value: impl Into<String>,
    ) -> CreateSettingInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>> {
        CreateSettingInputBuilder {
            key: self.key,
            value: ::cstack_runtime::__codegen::builder::Set(value.into()),
            note: self.note,
        }
    }
}

impl<S0, S1> CreateSettingInputBuilder<S0, S1> {
    pub fn note(mut self, value: impl Into<String>) -> Self {
        self.note = Some(value.into());
        self
    }
}

impl
    CreateSettingInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateSettingInput {
        CreateSettingInput {
            key: self.key.0,
            value: self.value.0,
            note: self.note,
        }
    }
}

/// A change to a `Setting`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingInput {
    #[serde(
        rename = "value",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub value: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "note",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub note: ::cstack_runtime::Patch<String>,
}

impl UpdateSettingInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_value(mut self, value: impl Into<String>) -> Self {
        self.value = ::cstack_runtime::Patch::Set(value.into());
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
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.value, ::cstack_runtime::Patch::Null) {
            errors.push("value", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Setting> for UpdateSettingInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateSettingInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.value.push_to("value", &mut values);
        self.note.push_to("note", &mut values);
        values
    }
}

/// The `key` column, for filters and ordering.
pub fn key() -> ::cstack_runtime::Field<Setting, String> {
    ::cstack_runtime::Field::new("key")
}

/// The `value` column, for filters and ordering.
pub fn value() -> ::cstack_runtime::Field<Setting, String> {
    ::cstack_runtime::Field::new("value")
}

/// The `note` column, for filters and ordering.
pub fn note() -> ::cstack_runtime::Field<Setting, String> {
    ::cstack_runtime::Field::new("note")
}

/// `Setting` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Setting {
    type Create = CreateSettingInput;
    type Update = UpdateSettingInput;
    const ROUTE: &'static str = "settings";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
