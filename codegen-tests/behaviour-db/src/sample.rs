//! The `Sample` model: its row struct, inputs, descriptor and filter helpers.
/// Every scalar type, for round trips.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Sample {
    #[serde(rename = "id")]
    pub id: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "count")]
    pub count: i64,
    #[serde(rename = "ratio")]
    pub ratio: f64,
    #[serde(rename = "flag")]
    pub flag: bool,
    #[serde(rename = "when")]
    pub when: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "data")]
    pub data: ::cstack_runtime::serde_json::Value,
    #[serde(rename = "blob", with = "::cstack_runtime::__codegen::wire::bytes")]
    pub blob: Vec<u8>,
    #[serde(rename = "ref")]
    pub r#ref: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "maybe")]
    pub maybe: Option<String>,
    #[serde(rename = "currency")]
    pub currency: String,
    #[serde(rename = "secret", skip_serializing, default)]
    pub secret: String,
    #[serde(rename = "origin")]
    pub origin: String,
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
            kind: ::cstack_runtime::Kind::Uuid,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "text",
            name: "text",
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
            field: "when",
            name: "when",
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
            field: "data",
            name: "data",
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
            field: "ref",
            name: "ref",
            kind: ::cstack_runtime::Kind::Uuid,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "maybe",
            name: "maybe",
            kind: ::cstack_runtime::Kind::Text,
            nullable: true,
        },
        ::cstack_runtime::Column {
            field: "currency",
            name: "currency",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "secret",
            name: "secret",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "origin",
            name: "origin",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Uuid,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Float,
        ::cstack_runtime::Kind::Bool,
        ::cstack_runtime::Kind::DateTime,
        ::cstack_runtime::Kind::Decimal,
        ::cstack_runtime::Kind::Json,
        ::cstack_runtime::Kind::Bytes,
        ::cstack_runtime::Kind::Uuid,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Text,
    ],
};

impl ::cstack_runtime::Model for Sample {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = ::cstack_runtime::uuid::Uuid;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            text: ::cstack_runtime::__codegen::take(row)?,
            count: ::cstack_runtime::__codegen::take(row)?,
            ratio: ::cstack_runtime::__codegen::take(row)?,
            flag: ::cstack_runtime::__codegen::take(row)?,
            when: ::cstack_runtime::__codegen::take(row)?,
            amount: ::cstack_runtime::__codegen::take(row)?,
            data: ::cstack_runtime::__codegen::take(row)?,
            blob: ::cstack_runtime::__codegen::take(row)?,
            r#ref: ::cstack_runtime::__codegen::take(row)?,
            maybe: ::cstack_runtime::__codegen::take(row)?,
            currency: ::cstack_runtime::__codegen::take(row)?,
            secret: ::cstack_runtime::__codegen::take(row)?,
            origin: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            text: row.column(1)?,
            count: row.column(2)?,
            ratio: row.column(3)?,
            flag: row.column(4)?,
            when: row.column(5)?,
            amount: row.column(6)?,
            data: row.column(7)?,
            blob: row.column(8)?,
            r#ref: row.column(9)?,
            maybe: row.column(10)?,
            currency: row.column(11)?,
            secret: row.column(12)?,
            origin: row.column(13)?,
        })
    }
}

/// The values of a new `Sample`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSampleInput {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<::cstack_runtime::uuid::Uuid>,
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "count")]
    pub count: i64,
    #[serde(rename = "ratio")]
    pub ratio: f64,
    #[serde(rename = "flag")]
    pub flag: bool,
    #[serde(rename = "when")]
    pub when: ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
    #[serde(rename = "data")]
    pub data: ::cstack_runtime::serde_json::Value,
    #[serde(rename = "blob", with = "::cstack_runtime::__codegen::wire::bytes")]
    pub blob: Vec<u8>,
    #[serde(rename = "ref")]
    pub r#ref: ::cstack_runtime::uuid::Uuid,
    #[serde(rename = "maybe", default, skip_serializing_if = "Option::is_none")]
    pub maybe: Option<String>,
    #[serde(rename = "currency")]
    pub currency: String,
    #[serde(rename = "secret")]
    pub secret: String,
    #[serde(rename = "origin")]
    pub origin: String,
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
            id: None,
            text: ::cstack_runtime::__codegen::builder::Unset,
            count: ::cstack_runtime::__codegen::builder::Unset,
            ratio: ::cstack_runtime::__codegen::builder::Unset,
            flag: ::cstack_runtime::__codegen::builder::Unset,
            when: ::cstack_runtime::__codegen::builder::Unset,
            amount: ::cstack_runtime::__codegen::builder::Unset,
            data: ::cstack_runtime::__codegen::builder::Unset,
            blob: ::cstack_runtime::__codegen::builder::Unset,
            r#ref: ::cstack_runtime::__codegen::builder::Unset,
            maybe: None,
            currency: ::cstack_runtime::__codegen::builder::Unset,
            secret: ::cstack_runtime::__codegen::builder::Unset,
            origin: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        {
            let v = &self.currency;
            ::cstack_runtime::__codegen::validate::iso4217(&mut errors, "currency", v);
        }
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
        let mut values = Vec::with_capacity(14);
        values.push((
            "id",
            match &self.id {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::__codegen::ToValue::to_value(
                    &::cstack_runtime::defaults::uuid(),
                ),
            },
        ));
        values.push((
            "text",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.text),
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
            "when",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.when),
        ));
        values.push((
            "amount",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.amount),
        ));
        values.push((
            "data",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.data),
        ));
        values.push((
            "blob",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.blob),
        ));
        values.push((
            "ref",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.r#ref),
        ));
        values.push((
            "maybe",
            match &self.maybe {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Text),
            },
        ));
        values.push((
            "currency",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.currency),
        ));
        values.push((
            "secret",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.secret),
        ));
        values.push((
            "origin",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.origin),
        ));
        Ok(values)
    }
}

/// Builds a [`CreateSampleInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateSampleInputBuilder<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11> {
    id: Option<::cstack_runtime::uuid::Uuid>,
    text: S0,
    count: S1,
    ratio: S2,
    flag: S3,
    when: S4,
    amount: S5,
    data: S6,
    blob: S7,
    r#ref: S8,
    maybe: Option<String>,
    currency: S9,
    secret: S10,
    origin: S11,
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
    pub fn text(
        self,
        value: impl Into<String>,
    ) -> CreateSampleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<String>,
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
            id: self.id,
            text: ::cstack_runtime::__codegen::builder::Set(value.into()),
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn count(
        self,
        value: i64,
    ) -> CreateSampleInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<i64>,
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
            text: self.text,
            count: ::cstack_runtime::__codegen::builder::Set(value),
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn ratio(
        self,
        value: f64,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        ::cstack_runtime::__codegen::builder::Set<f64>,
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
            count: self.count,
            ratio: ::cstack_runtime::__codegen::builder::Set(value),
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn flag(
        self,
        value: bool,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        ::cstack_runtime::__codegen::builder::Set<bool>,
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
            count: self.count,
            ratio: self.ratio,
            flag: ::cstack_runtime::__codegen::builder::Set(value),
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn when(
        self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        ::cstack_runtime::__codegen::builder::Set<
            ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
        >,
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
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: ::cstack_runtime::__codegen::builder::Set(value.into()),
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn amount(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
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
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: ::cstack_runtime::__codegen::builder::Set(value.into()),
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn data(
        self,
        value: impl Into<::cstack_runtime::serde_json::Value>,
    ) -> CreateSampleInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::serde_json::Value>,
        S7,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: ::cstack_runtime::__codegen::builder::Set(value.into()),
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
        ::cstack_runtime::__codegen::builder::Set<Vec<u8>>,
        S8,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: ::cstack_runtime::__codegen::builder::Set(value.into()),
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn r#ref(
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
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::uuid::Uuid>,
        S9,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: ::cstack_runtime::__codegen::builder::Set(value.into()),
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: self.origin,
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
    pub fn currency(
        self,
        value: impl Into<String>,
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
        ::cstack_runtime::__codegen::builder::Set<String>,
        S10,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: ::cstack_runtime::__codegen::builder::Set(value.into()),
            secret: self.secret,
            origin: self.origin,
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
    pub fn secret(
        self,
        value: impl Into<String>,
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
        ::cstack_runtime::__codegen::builder::Set<String>,
        S11,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: ::cstack_runtime::__codegen::builder::Set(value.into()),
            origin: self.origin,
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
    pub fn origin(
        self,
        value: impl Into<String>,
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
        ::cstack_runtime::__codegen::builder::Set<String>,
    > {
        CreateSampleInputBuilder {
            id: self.id,
            text: self.text,
            count: self.count,
            ratio: self.ratio,
            flag: self.flag,
            when: self.when,
            amount: self.amount,
            data: self.data,
            blob: self.blob,
            r#ref: self.r#ref,
            maybe: self.maybe,
            currency: self.currency,
            secret: self.secret,
            origin: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
    CreateSampleInputBuilder<S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11>
{
    pub fn id(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.id = Some(value.into());
        self
    }
    pub fn maybe(mut self, value: impl Into<String>) -> Self {
        self.maybe = Some(value.into());
        self
    }
}

impl
    CreateSampleInputBuilder<
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
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<String>,
    >
{
    pub fn build(self) -> CreateSampleInput {
        CreateSampleInput {
            id: self.id,
            text: self.text.0,
            count: self.count.0,
            ratio: self.ratio.0,
            flag: self.flag.0,
            when: self.when.0,
            amount: self.amount.0,
            data: self.data.0,
            blob: self.blob.0,
            r#ref: self.r#ref.0,
            maybe: self.maybe,
            currency: self.currency.0,
            secret: self.secret.0,
            origin: self.origin.0,
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
        rename = "when",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub when:
        ::cstack_runtime::Patch<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    #[serde(
        rename = "amount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub amount: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
    #[serde(
        rename = "data",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub data: ::cstack_runtime::Patch<::cstack_runtime::serde_json::Value>,
    #[serde(
        rename = "blob",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged",
        with = "::cstack_runtime::__codegen::wire::bytes"
    )]
    pub blob: ::cstack_runtime::Patch<Vec<u8>>,
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub r#ref: ::cstack_runtime::Patch<::cstack_runtime::uuid::Uuid>,
    #[serde(
        rename = "maybe",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub maybe: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "currency",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub currency: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "secret",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub secret: ::cstack_runtime::Patch<String>,
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
    pub fn set_when(
        mut self,
        value: impl Into<::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>>,
    ) -> Self {
        self.when = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_amount(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.amount = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_data(mut self, value: impl Into<::cstack_runtime::serde_json::Value>) -> Self {
        self.data = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_blob(mut self, value: impl Into<Vec<u8>>) -> Self {
        self.blob = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_ref(mut self, value: impl Into<::cstack_runtime::uuid::Uuid>) -> Self {
        self.r#ref = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_maybe(mut self, value: impl Into<String>) -> Self {
        self.maybe = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn clear_maybe(mut self) -> Self {
        self.maybe = ::cstack_runtime::Patch::Null;
        self
    }
    pub fn set_currency(mut self, value: impl Into<String>) -> Self {
        self.currency = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_secret(mut self, value: impl Into<String>) -> Self {
        self.secret = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.text, ::cstack_runtime::Patch::Null) {
            errors.push("text", "required", "cannot be null".to_string());
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
        if matches!(self.when, ::cstack_runtime::Patch::Null) {
            errors.push("when", "required", "cannot be null".to_string());
        }
        if matches!(self.amount, ::cstack_runtime::Patch::Null) {
            errors.push("amount", "required", "cannot be null".to_string());
        }
        if matches!(self.data, ::cstack_runtime::Patch::Null) {
            errors.push("data", "required", "cannot be null".to_string());
        }
        if matches!(self.blob, ::cstack_runtime::Patch::Null) {
            errors.push("blob", "required", "cannot be null".to_string());
        }
        if matches!(self.r#ref, ::cstack_runtime::Patch::Null) {
            errors.push("ref", "required", "cannot be null".to_string());
        }
        if matches!(self.currency, ::cstack_runtime::Patch::Null) {
            errors.push("currency", "required", "cannot be null".to_string());
        }
        if let ::cstack_runtime::Patch::Set(v) = &self.currency {
            ::cstack_runtime::__codegen::validate::iso4217(&mut errors, "currency", v);
        }
        if matches!(self.secret, ::cstack_runtime::Patch::Null) {
            errors.push("secret", "required", "cannot be null".to_string());
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
        self.count.push_to("count", &mut values);
        self.ratio.push_to("ratio", &mut values);
        self.flag.push_to("flag", &mut values);
        self.when.push_to("when", &mut values);
        self.amount.push_to("amount", &mut values);
        self.data.push_to("data", &mut values);
        self.blob.push_to("blob", &mut values);
        self.r#ref.push_to("ref", &mut values);
        self.maybe.push_to("maybe", &mut values);
        self.currency.push_to("currency", &mut values);
        self.secret.push_to("secret", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::uuid::Uuid> {
    ::cstack_runtime::Field::new("id")
}

/// The `text` column, for filters and ordering.
pub fn text() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("text")
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

/// The `when` column, for filters and ordering.
pub fn when() -> ::cstack_runtime::Field<
    Sample,
    ::cstack_runtime::chrono::DateTime<::cstack_runtime::chrono::Utc>,
> {
    ::cstack_runtime::Field::new("when")
}

/// The `amount` column, for filters and ordering.
pub fn amount() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::rust_decimal::Decimal> {
    ::cstack_runtime::Field::new("amount")
}

/// The `data` column, for filters and ordering.
pub fn data() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::serde_json::Value> {
    ::cstack_runtime::Field::new("data")
}

/// The `blob` column, for filters and ordering.
pub fn blob() -> ::cstack_runtime::Field<Sample, Vec<u8>> {
    ::cstack_runtime::Field::new("blob")
}

/// The `ref` column, for filters and ordering.
pub fn r#ref() -> ::cstack_runtime::Field<Sample, ::cstack_runtime::uuid::Uuid> {
    ::cstack_runtime::Field::new("ref")
}

/// The `maybe` column, for filters and ordering.
pub fn maybe() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("maybe")
}

/// The `currency` column, for filters and ordering.
pub fn currency() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("currency")
}

/// The `secret` column, for filters and ordering.
pub fn secret() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("secret")
}

/// The `origin` column, for filters and ordering.
pub fn origin() -> ::cstack_runtime::Field<Sample, String> {
    ::cstack_runtime::Field::new("origin")
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
            hidden: &["secret"],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
