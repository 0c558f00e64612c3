//! The `Sample` model: its row struct, inputs, descriptor and filter helpers.
/// One column of every kind a model stores.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Sample {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "cuid")]
    pub cuid: String,
    #[serde(rename = "count")]
    pub count: i64,
    #[serde(rename = "ratio")]
    pub ratio: f64,
    #[serde(rename = "flag")]
    pub flag: bool,
    #[serde(rename = "at")]
    pub at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "doc")]
    pub doc: ::cstack_runtime::serde_json::Value,
    #[serde(rename = "blob", with = "::cstack_runtime::__codegen::wire::bytes")]
    pub blob: Vec<u8>,
    #[serde(rename = "uid")]
    pub uid: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "mood")]
    pub mood: crate::enums::Mood,
    #[serde(rename = "maybeText")]
    pub maybe_text: Option<String>,
    #[serde(rename = "maybeCuid")]
    pub maybe_cuid: Option<String>,
    #[serde(rename = "maybeCount")]
    pub maybe_count: Option<i64>,
    #[serde(rename = "maybeRatio")]
    pub maybe_ratio: Option<f64>,
    #[serde(rename = "maybeFlag")]
    pub maybe_flag: Option<bool>,
    #[serde(rename = "maybeAt")]
    pub maybe_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(rename = "maybeAmount")]
    pub maybe_amount: Option<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(rename = "maybeDoc")]
    pub maybe_doc: Option<::cstack_runtime::serde_json::Value>,
    #[serde(
        rename = "maybeBlob",
        default,
        with = "::cstack_runtime::__codegen::wire::bytes"
    )]
    pub maybe_blob: Option<Vec<u8>>,
    #[serde(rename = "maybeUid")]
    pub maybe_uid: Option<::cstack_runtime::uuid::Uuid>,
    #[serde(rename = "maybeMood")]
    pub maybe_mood: Option<crate::enums::Mood>,
}

/// What the runtime knows about `Sample`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Sample",
    table: "samples",
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
            field: "text",
            name: "text",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "cuid",
            name: "cuid",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "count",
            name: "count",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "ratio",
            name: "ratio",
            kind: ::cstack_runtime::Kind::Float,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "flag",
            name: "flag",
            kind: ::cstack_runtime::Kind::Bool,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "at",
            name: "at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "amount",
            name: "amount",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "doc",
            name: "doc",
            kind: ::cstack_runtime::Kind::Json,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "blob",
            name: "blob",
            kind: ::cstack_runtime::Kind::Bytes,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "uid",
            name: "uid",
            kind: ::cstack_runtime::Kind::Uuid,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "mood",
            name: "mood",
            kind: ::cstack_runtime::Kind::Enum("mood"),
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "maybeText",
            name: "maybe_text",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeCuid",
            name: "maybe_cuid",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeCount",
            name: "maybe_count",
            kind: ::cstack_runtime::Kind::Int,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeRatio",
            name: "maybe_ratio",
            kind: ::cstack_runtime::Kind::Float,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeFlag",
            name: "maybe_flag",
            kind: ::cstack_runtime::Kind::Bool,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeAt",
            name: "maybe_at",
            kind: ::cstack_runtime::Kind::DateTime,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeAmount",
            name: "maybe_amount",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeDoc",
            name: "maybe_doc",
            kind: ::cstack_runtime::Kind::Json,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeBlob",
            name: "maybe_blob",
            kind: ::cstack_runtime::Kind::Bytes,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeUid",
            name: "maybe_uid",
            kind: ::cstack_runtime::Kind::Uuid,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "maybeMood",
            name: "maybe_mood",
            kind: ::cstack_runtime::Kind::Enum("mood"),
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Float,
        ::cstack_runtime::Kind::Bool,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Json,
        ::cstack_runtime::Kind::Bytes,
        ::cstack_runtime::Kind::Uuid,
        ::cstack_runtime::Kind::Enum("mood"),
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Float,
        ::cstack_runtime::Kind::Bool,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Json,
        ::cstack_runtime::Kind::Bytes,
        ::cstack_runtime::Kind::Uuid,
        ::cstack_runtime::Kind::Enum("mood"),
    ],
};

impl ::cstack_runtime::Model for Sample {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            text: ::cstack_runtime::__codegen::take(row)?,
            cuid: ::cstack_runtime::__codegen::take(row)?,
            count: ::cstack_runtime::__codegen::take(row)?,
            ratio: ::cstack_runtime::__codegen::take(row)?,
            flag: ::cstack_runtime::__codegen::take(row)?,
            at: ::cstack_runtime::__codegen::take(row)?,
            amount: ::cstack_runtime::__codegen::take(row)?,
            doc: ::cstack_runtime::__codegen::take(row)?,
            blob: ::cstack_runtime::__codegen::take(row)?,
            uid: ::cstack_runtime::__codegen::take(row)?,
            mood: ::cstack_runtime::__codegen::take(row)?,
            maybe_text: ::cstack_runtime::__codegen::take(row)?,
            maybe_cuid: ::cstack_runtime::__codegen::take(row)?,
            maybe_count: ::cstack_runtime::__codegen::take(row)?,
            maybe_ratio: ::cstack_runtime::__codegen::take(row)?,
            maybe_flag: ::cstack_runtime::__codegen::take(row)?,
            maybe_at: ::cstack_runtime::__codegen::take(row)?,
            maybe_amount: ::cstack_runtime::__codegen::take(row)?,
            maybe_doc: ::cstack_runtime::__codegen::take(row)?,
            maybe_blob: ::cstack_runtime::__codegen::take(row)?,
            maybe_uid: ::cstack_runtime::__codegen::take(row)?,
            maybe_mood: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            text: row.column(1)?,
            cuid: row.column(2)?,
            count: row.column(3)?,
            ratio: row.column(4)?,
            flag: row.column(5)?,
            at: row.column(6)?,
            amount: row.column(7)?,
            doc: row.column(8)?,
            blob: row.column(9)?,
            uid: row.column(10)?,
            mood: row.enum_column(11)?,
            maybe_text: row.column(12)?,
            maybe_cuid: row.column(13)?,
            maybe_count: row.column(14)?,
            maybe_ratio: row.column(15)?,
            maybe_flag: row.column(16)?,
            maybe_at: row.column(17)?,
            maybe_amount: row.column(18)?,
            maybe_doc: row.column(19)?,
            maybe_blob: row.column(20)?,
            maybe_uid: row.column(21)?,
            maybe_mood: row.enum_column_opt(22)?,
        })
    }
}

/// The values of a new `Sample`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSampleInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "cuid")]
    pub cuid: String,
    #[serde(rename = "count")]
    pub count: i64,
    #[serde(rename = "ratio")]
    pub ratio: f64,
    #[serde(rename = "flag")]
    pub flag: bool,
    #[serde(rename = "at")]
    pub at: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "doc")]
    pub doc: ::cstack_runtime::serde_json::Value,
    #[serde(rename = "blob", with = "::cstack_runtime::__codegen::wire::bytes")]
    pub blob: Vec<u8>,
    #[serde(rename = "uid")]
    pub uid: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "mood")]
    pub mood: crate::enums::Mood,
    #[serde(rename = "maybeText", default, skip_serializing_if = "Option::is_none")]
    pub maybe_text: Option<String>,
    #[serde(rename = "maybeCuid", default, skip_serializing_if = "Option::is_none")]
    pub maybe_cuid: Option<String>,
    #[serde(
        rename = "maybeCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maybe_count: Option<i64>,
    #[serde(
        rename = "maybeRatio",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maybe_ratio: Option<f64>,
    #[serde(rename = "maybeFlag", default, skip_serializing_if = "Option::is_none")]
    pub maybe_flag: Option<bool>,
    #[serde(rename = "maybeAt", default, skip_serializing_if = "Option::is_none")]
    pub maybe_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "maybeAmount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub maybe_amount: Option<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(rename = "maybeDoc", default, skip_serializing_if = "Option::is_none")]
    pub maybe_doc: Option<::cstack_runtime::serde_json::Value>,
    #[serde(
        rename = "maybeBlob",
        default,
        skip_serializing_if = "Option::is_none",
        with = "::cstack_runtime::__codegen::wire::bytes"
    )]
    pub maybe_blob: Option<Vec<u8>>,
    #[serde(rename = "maybeUid", default, skip_serializing_if = "Option::is_none")]
    pub maybe_uid: Option<::cstack_runtime::uuid::Uuid>,
    #[serde(rename = "maybeMood", default, skip_serializing_if = "Option::is_none")]
    pub maybe_mood: Option<crate::enums::Mood>,
}

impl CreateSampleInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateSampleInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateSampleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            text: ::cstack_runtime::__codegen::builder::Unset,
            cuid: ::cstack_runtime::__codegen::builder::Unset,
            count: ::cstack_runtime::__codegen::builder::Unset,
            ratio: ::cstack_runtime::__codegen::builder::Unset,
            flag: ::cstack_runtime::__codegen::builder::Unset,
            at: ::cstack_runtime::__codegen::builder::Unset,
            amount: ::cstack_runtime::__codegen::builder::Unset,
            doc: ::cstack_runtime::__codegen::builder::Unset,
            blob: ::cstack_runtime::__codegen::builder::Unset,
            uid: ::cstack_runtime::__codegen::builder::Unset,
            mood: ::cstack_runtime::__codegen::builder::Unset,
            maybe_text: None,
            maybe_cuid: None,
            maybe_count: None,
            maybe_ratio: None,
            maybe_flag: None,
            maybe_at: None,
            maybe_amount: None,
            maybe_doc: None,
            maybe_blob: None,
            maybe_uid: None,
            maybe_mood: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Sample> for CreateSampleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateSampleInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(23);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "text",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.text),
        ));
        values.push((
            "cuid",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.cuid),
        ));
        values.push((
            "count",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.count),
        ));
        values.push((
            "ratio",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.ratio),
        ));
        values.push((
            "flag",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.flag),
        ));
        values.push((
            "at",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.at),
        ));
        values.push((
            "amount",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.amount),
        ));
        values.push((
            "doc",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.doc),
        ));
        values.push((
            "blob",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.blob),
        ));
        values.push((
            "uid",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.uid),
        ));
        values.push((
            "mood",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.mood),
        ));
        values.push((
            "maybe_text",
            match &self.maybe_text {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "maybe_cuid",
            match &self.maybe_cuid {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "maybe_count",
            match &self.maybe_count {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Int),
            },
        ));
        values.push((
            "maybe_ratio",
            match &self.maybe_ratio {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Float),
            },
        ));
        values.push((
            "maybe_flag",
            match &self.maybe_flag {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Bool),
            },
        ));
        values.push((
            "maybe_at",
            match &self.maybe_at {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::DateTime),
            },
        ));
        values.push((
            "maybe_amount",
            match &self.maybe_amount {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Decimal),
            },
        ));
        values.push((
            "maybe_doc",
            match &self.maybe_doc {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Json),
            },
        ));
        values.push((
            "maybe_blob",
            match &self.maybe_blob {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Bytes),
            },
        ));
        values.push((
            "maybe_uid",
            match &self.maybe_uid {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Uuid),
            },
        ));
        values.push((
            "maybe_mood",
            match &self.maybe_mood {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Enum("mood")),
            },
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Sample> for CreateSampleInput {}

/// Builds a [`CreateSampleInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateSampleInputBuilder<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11> {
    id: S0,
    text: S1,
    cuid: S2,
    count: S3,
    ratio: S4,
    flag: S5,
    at: S6,
    amount: S7,
    doc: S8,
    blob: S9,
    uid: S10,
    mood: S11,
    maybe_text: Option<String>,
    maybe_cuid: Option<String>,
    maybe_count: Option<i64>,
    maybe_ratio: Option<f64>,
    maybe_flag: Option<bool>,
    maybe_at: Option<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    maybe_amount: Option<::cstack_runtime::rust_decimal::Decimal>,
    maybe_doc: Option<::cstack_runtime::serde_json::Value>,
    maybe_blob: Option<Vec<u8>>,
    maybe_uid: Option<::cstack_runtime::uuid::Uuid>,
    maybe_mood: Option<crate::enums::Mood>,
}

impl<S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn id(
        self,
        value: i64,
    ) -> CreateSampleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Unset,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn text(
        self,
        value: impl Into<String>,
    ) -> CreateSampleInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<String>,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: ::cstack_runtime::__codegen::builder::Set(value.into()),
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S3, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        ::cstack_runtime::__codegen::builder::Unset,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn cuid(
        self,
        value: impl Into<String>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        ::cstack_runtime::__codegen::builder::Set<String>,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: ::cstack_runtime::__codegen::builder::Set(value.into()),
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        ::cstack_runtime::__codegen::builder::Unset,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn count(
        self,
        value: i64,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: ::cstack_runtime::__codegen::builder::Set(value),
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        ::cstack_runtime::__codegen::builder::Unset,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn ratio(
        self,
        value: f64,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        ::cstack_runtime::__codegen::builder::Set<f64>,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: ::cstack_runtime::__codegen::builder::Set(value),
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        ::cstack_runtime::__codegen::builder::Unset,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn flag(
        self,
        value: bool,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        ::cstack_runtime::__codegen::builder::Set<bool>,
        S6,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: ::cstack_runtime::__codegen::builder::Set(value),
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        ::cstack_runtime::__codegen::builder::Unset,
        S7,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn at(
        self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        ::cstack_runtime::__codegen::builder::Set<
            ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
        >,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: ::cstack_runtime::__codegen::builder::Set(value.into()),
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S8, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        ::cstack_runtime::__codegen::builder::Unset,
        S8,
        S9,
        S10,
        S11,
    >
{
    pub fn amount(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: ::cstack_runtime::__codegen::builder::Set(value.into()),
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S9, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        ::cstack_runtime::__codegen::builder::Unset,
        S9,
        S10,
        S11,
    >
{
    pub fn doc(
        self,
        value: impl Into<::cstack_runtime::serde_json::Value>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::serde_json::Value>,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: ::cstack_runtime::__codegen::builder::Set(value.into()),
            blob: self.blob,
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S8, S10, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        ::cstack_runtime::__codegen::builder::Unset,
        S10,
        S11,
    >
{
    pub fn blob(
        self,
        value: impl Into<Vec<u8>>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        ::cstack_runtime::__codegen::builder::Set<Vec<u8>>,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: ::cstack_runtime::__codegen::builder::Set(value.into()),
            uid: self.uid,
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S11>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        ::cstack_runtime::__codegen::builder::Unset,
        S11,
    >
{
    pub fn uid(
        self,
        value: impl Into<::cstack_runtime::uuid::Uuid>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::uuid::Uuid>,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: ::cstack_runtime::__codegen::builder::Set(value.into()),
            mood: self.mood,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10>
    CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        ::cstack_runtime::__codegen::builder::Unset,
    >
{
    pub fn mood(
        self,
        value: impl Into<crate::enums::Mood>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        S6,
        S7,
        S8,
        S9,
        S10,
        ::cstack_runtime::__codegen::builder::Set<crate::enums::Mood>,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            cuid: self.cuid,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            at: self.at,
            amount: self.amount,
            doc: self.doc,
            blob: self.blob,
            uid: self.uid,
            mood: ::cstack_runtime::__codegen::builder::Set(value.into()),
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
{
    pub fn maybe_text(mut self, value: impl Into<String>) -> Self {
        self.maybe_text = Some(value.into());
        self
    }
    pub fn maybe_cuid(mut self, value: impl Into<String>) -> Self {
        self.maybe_cuid = Some(value.into());
        self
    }
    pub fn maybe_count(mut self, value: i64) -> Self {
        self.maybe_count = Some(value);
        self
    }
    pub fn maybe_ratio(mut self, value: f64) -> Self {
        self.maybe_ratio = Some(value);
        self
    }
    pub fn maybe_flag(mut self, value: bool) -> Self {
        self.maybe_flag = Some(value);
        self
    }
    pub fn maybe_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.maybe_at = Some(value.into());
        self
    }
    pub fn maybe_amount(
        mut self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> Self {
        self.maybe_amount = Some(value.into());
        self
    }
    pub fn maybe_doc(mut self, value: impl Into<::cstack_runtime::serde_json::Value>) -> Self {
        self.maybe_doc = Some(value.into());
        self
    }
    pub fn maybe_blob(mut self, value: impl Into<Vec<u8>>) -> Self {
        self.maybe_blob = Some(value.into());
        self
    }
    pub fn maybe_uid(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.maybe_uid = Some(value.into());
        self
    }
    pub fn maybe_mood(mut self, value: impl Into<crate::enums::Mood>) -> Self {
        self.maybe_mood = Some(value.into());
        self
    }
}

impl
    CreateSampleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<f64>,
        ::cstack_runtime::__codegen::builder::Set<bool>,
        ::cstack_runtime::__codegen::builder::Set<
            ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
        >,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::serde_json::Value>,
        ::cstack_runtime::__codegen::builder::Set<Vec<u8>>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::uuid::Uuid>,
        ::cstack_runtime::__codegen::builder::Set<crate::enums::Mood>,
    >
{
    pub fn build(self) -> CreateSampleInput {
        CreateSampleInput {
            id: self.id.0,
            text: self.text.0,
            cuid: self.cuid.0,
            count: self.count.0,
            ratio: self.ratio.0,
            flag: self.flag.0,
            at: self.at.0,
            amount: self.amount.0,
            doc: self.doc.0,
            blob: self.blob.0,
            uid: self.uid.0,
            mood: self.mood.0,
            maybe_text: self.maybe_text,
            maybe_cuid: self.maybe_cuid,
            maybe_count: self.maybe_count,
            maybe_ratio: self.maybe_ratio,
            maybe_flag: self.maybe_flag,
            maybe_at: self.maybe_at,
            maybe_amount: self.maybe_amount,
            maybe_doc: self.maybe_doc,
            maybe_blob: self.maybe_blob,
            maybe_uid: self.maybe_uid,
            maybe_mood: self.maybe_mood,
        }
    }
}

/// A change to a `Sample`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateSampleInput {
    #[serde(
        rename = "text",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub text: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "cuid",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub cuid: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "count",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub count: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "ratio",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub ratio: ::cstack_runtime::Patch<f64>,
    #[serde(
        rename = "flag",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub flag: ::cstack_runtime::Patch<bool>,
    #[serde(
        rename = "at",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "amount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub amount: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "doc",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub doc: ::cstack_runtime::Patch<::cstack_runtime::serde_json::Value>,
    #[serde(
        rename = "blob",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged",
        with = "::cstack_runtime::__codegen::wire::bytes"
    )]
    pub blob: ::cstack_runtime::Patch<Vec<u8>>,
    #[serde(
        rename = "uid",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub uid: ::cstack_runtime::Patch<::cstack_runtime::uuid::Uuid>,
    #[serde(
        rename = "mood",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub mood: ::cstack_runtime::Patch<crate::enums::Mood>,
    #[serde(
        rename = "maybeText",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_text: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "maybeCuid",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_cuid: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "maybeCount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_count: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "maybeRatio",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_ratio: ::cstack_runtime::Patch<f64>,
    #[serde(
        rename = "maybeFlag",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_flag: ::cstack_runtime::Patch<bool>,
    #[serde(
        rename = "maybeAt",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_at:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "maybeAmount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_amount: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "maybeDoc",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_doc: ::cstack_runtime::Patch<::cstack_runtime::serde_json::Value>,
    #[serde(
        rename = "maybeBlob",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged",
        with = "::cstack_runtime::__codegen::wire::bytes"
    )]
    pub maybe_blob: ::cstack_runtime::Patch<Vec<u8>>,
    #[serde(
        rename = "maybeUid",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_uid: ::cstack_runtime::Patch<::cstack_runtime::uuid::Uuid>,
    #[serde(
        rename = "maybeMood",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe_mood: ::cstack_runtime::Patch<crate::enums::Mood>,
}

impl UpdateSampleInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_text(mut self, value: impl Into<String>) -> Self {
        self.text = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_cuid(mut self, value: impl Into<String>) -> Self {
        self.cuid = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_count(mut self, value: i64) -> Self {
        self.count = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_ratio(mut self, value: f64) -> Self {
        self.ratio = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_flag(mut self, value: bool) -> Self {
        self.flag = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_amount(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.amount = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_doc(mut self, value: impl Into<::cstack_runtime::serde_json::Value>) -> Self {
        self.doc = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_blob(mut self, value: impl Into<Vec<u8>>) -> Self {
        self.blob = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_uid(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.uid = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_mood(mut self, value: impl Into<crate::enums::Mood>) -> Self {
        self.mood = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_maybe_text(mut self, value: impl Into<String>) -> Self {
        self.maybe_text = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_text(mut self) -> Self {
        self.maybe_text = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_cuid(mut self, value: impl Into<String>) -> Self {
        self.maybe_cuid = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_cuid(mut self) -> Self {
        self.maybe_cuid = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_count(mut self, value: i64) -> Self {
        self.maybe_count = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn clear_maybe_count(mut self) -> Self {
        self.maybe_count = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_ratio(mut self, value: f64) -> Self {
        self.maybe_ratio = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn clear_maybe_ratio(mut self) -> Self {
        self.maybe_ratio = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_flag(mut self, value: bool) -> Self {
        self.maybe_flag = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn clear_maybe_flag(mut self) -> Self {
        self.maybe_flag = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_at(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.maybe_at = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_at(mut self) -> Self {
        self.maybe_at = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_amount(
        mut self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> Self {
        self.maybe_amount = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_amount(mut self) -> Self {
        self.maybe_amount = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_doc(mut self, value: impl Into<::cstack_runtime::serde_json::Value>) -> Self {
        self.maybe_doc = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_doc(mut self) -> Self {
        self.maybe_doc = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_blob(mut self, value: impl Into<Vec<u8>>) -> Self {
        self.maybe_blob = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_blob(mut self) -> Self {
        self.maybe_blob = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_uid(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.maybe_uid = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_uid(mut self) -> Self {
        self.maybe_uid = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_maybe_mood(mut self, value: impl Into<crate::enums::Mood>) -> Self {
        self.maybe_mood = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe_mood(mut self) -> Self {
        self.maybe_mood = ::cstack_runtime::Patch::Null;
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.text, ::cstack_runtime::Patch::Null) {
            errors.push("text", "required", "cannot be null".to_string());
        }
        if matches!(self.cuid, ::cstack_runtime::Patch::Null) {
            errors.push("cuid", "required", "cannot be null".to_string());
        }
        if matches!(self.count, ::cstack_runtime::Patch::Null) {
            errors.push("count", "required", "cannot be null".to_string());
        }
        if matches!(self.ratio, ::cstack_runtime::Patch::Null) {
            errors.push("ratio", "required", "cannot be null".to_string());
        }
        if matches!(self.flag, ::cstack_runtime::Patch::Null) {
            errors.push("flag", "required", "cannot be null".to_string());
        }
        if matches!(self.at, ::cstack_runtime::Patch::Null) {
            errors.push("at", "required", "cannot be null".to_string());
        }
        if matches!(self.amount, ::cstack_runtime::Patch::Null) {
            errors.push("amount", "required", "cannot be null".to_string());
        }
        if matches!(self.doc, ::cstack_runtime::Patch::Null) {
            errors.push("doc", "required", "cannot be null".to_string());
        }
        if matches!(self.blob, ::cstack_runtime::Patch::Null) {
            errors.push("blob", "required", "cannot be null".to_string());
        }
        if matches!(self.uid, ::cstack_runtime::Patch::Null) {
            errors.push("uid", "required", "cannot be null".to_string());
        }
        if matches!(self.mood, ::cstack_runtime::Patch::Null) {
            errors.push("mood", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Sample> for UpdateSampleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateSampleInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.text.push_to("text", &mut values);
        self.cuid.push_to("cuid", &mut values);
        self.count.push_to("count", &mut values);
        self.ratio.push_to("ratio", &mut values);
        self.flag.push_to("flag", &mut values);
        self.at.push_to("at", &mut values);
        self.amount.push_to("amount", &mut values);
        self.doc.push_to("doc", &mut values);
        self.blob.push_to("blob", &mut values);
        self.uid.push_to("uid", &mut values);
        self.mood.push_to("mood", &mut values);
        self.maybe_text.push_to("maybe_text", &mut values);
        self.maybe_cuid.push_to("maybe_cuid", &mut values);
        self.maybe_count.push_to("maybe_count", &mut values);
        self.maybe_ratio.push_to("maybe_ratio", &mut values);
        self.maybe_flag.push_to("maybe_flag", &mut values);
        self.maybe_at.push_to("maybe_at", &mut values);
        self.maybe_amount.push_to("maybe_amount", &mut values);
        self.maybe_doc.push_to("maybe_doc", &mut values);
        self.maybe_blob.push_to("maybe_blob", &mut values);
        self.maybe_uid.push_to("maybe_uid", &mut values);
        self.maybe_mood.push_to("maybe_mood", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Sample, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `text` column, for filters and ordering.
pub fn text() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("text")
}

/// The `cuid` column, for filters and ordering.
pub fn cuid() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("cuid")
}

/// The `count` column, for filters and ordering.
pub fn count() -> ::cstack_runtime::Field<Sample, i64> {
    ::cstack_runtime::Field::new("count")
}

/// The `ratio` column, for filters and ordering.
pub fn ratio() -> ::cstack_runtime::Field<Sample, f64> {
    ::cstack_runtime::Field::new("ratio")
}

/// The `flag` column, for filters and ordering.
pub fn flag() -> ::cstack_runtime::Field<Sample, bool> {
    ::cstack_runtime::Field::new("flag")
}

/// The `at` column, for filters and ordering.
pub fn at() -> ::cstack_runtime::Field<
    Sample,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("at")
}

/// The `amount` column, for filters and ordering.
pub fn amount() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("amount")
}

/// The `doc` column, for filters and ordering.
pub fn doc() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::serde_json::Value> {
    ::cstack_runtime::Field::new("doc")
}

/// The `blob` column, for filters and ordering.
pub fn blob() -> ::cstack_runtime::Field<Sample, Vec<u8>> {
    ::cstack_runtime::Field::new("blob")
}

/// The `uid` column, for filters and ordering.
pub fn uid() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::uuid::Uuid> {
    ::cstack_runtime::Field::new("uid")
}

/// The `mood` column, for filters and ordering.
pub fn mood() -> ::cstack_runtime::Field<Sample, crate::enums::Mood> {
    ::cstack_runtime::Field::new("mood")
}

/// The `maybeText` column, for filters and ordering.
pub fn maybe_text() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("maybe_text")
}

/// The `maybeCuid` column, for filters and ordering.
pub fn maybe_cuid() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("maybe_cuid")
}

/// The `maybeCount` column, for filters and ordering.
pub fn maybe_count() -> ::cstack_runtime::Field<Sample, i64> {
    ::cstack_runtime::Field::new("maybe_count")
}

/// The `maybeRatio` column, for filters and ordering.
pub fn maybe_ratio() -> ::cstack_runtime::Field<Sample, f64> {
    ::cstack_runtime::Field::new("maybe_ratio")
}

/// The `maybeFlag` column, for filters and ordering.
pub fn maybe_flag() -> ::cstack_runtime::Field<Sample, bool> {
    ::cstack_runtime::Field::new("maybe_flag")
}

/// The `maybeAt` column, for filters and ordering.
pub fn maybe_at() -> ::cstack_runtime::Field<
    Sample,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("maybe_at")
}

/// The `maybeAmount` column, for filters and ordering.
pub fn maybe_amount() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("maybe_amount")
}

/// The `maybeDoc` column, for filters and ordering.
pub fn maybe_doc() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::serde_json::Value> {
    ::cstack_runtime::Field::new("maybe_doc")
}

/// The `maybeBlob` column, for filters and ordering.
pub fn maybe_blob() -> ::cstack_runtime::Field<Sample, Vec<u8>> {
    ::cstack_runtime::Field::new("maybe_blob")
}

/// The `maybeUid` column, for filters and ordering.
pub fn maybe_uid() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::uuid::Uuid> {
    ::cstack_runtime::Field::new("maybe_uid")
}

/// The `maybeMood` column, for filters and ordering.
pub fn maybe_mood() -> ::cstack_runtime::Field<Sample, crate::enums::Mood> {
    ::cstack_runtime::Field::new("maybe_mood")
}

/// `Sample` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Sample {
    type Create = CreateSampleInput;
    type Update = UpdateSampleInput;
    const ROUTE: &'static str = "samples";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
