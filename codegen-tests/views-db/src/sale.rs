//! The `Sale` model: its row struct, inputs, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Sale {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "customer")]
    pub customer: String,
    #[serde(rename = "amount")]
    pub amount: i64,
}

/// What the runtime knows about `Sale`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Sale",
    table: "sales",
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
            field: "customer",
            name: "customer",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "amount",
            name: "amount",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for Sale {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            customer: ::cstack_runtime::__codegen::take(row)?,
            amount: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The values of a new `Sale`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSaleInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "customer")]
    pub customer: String,
    #[serde(rename = "amount")]
    pub amount: i64,
}

impl CreateSaleInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateSaleInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateSaleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            customer: ::cstack_runtime::__codegen::builder::Unset,
            amount: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Sale> for CreateSaleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateSaleInput::validate(self)
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
            "customer",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.customer),
        ));
        values.push((
            "amount",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.amount),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Sale> for CreateSaleInput {}

/// Builds a [`CreateSaleInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateSaleInputBuilder<S0, S1, S2> {
    id: S0,
    customer: S1,
    amount: S2,
}

impl<S1, S2> CreateSaleInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateSaleInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreateSaleInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            customer: self.customer,
            amount: self.amount,
        }
    }
}

impl<S0, S2> CreateSaleInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn customer(
        self,
        value: impl Into<String>,
    ) -> CreateSaleInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>, S2> {
        CreateSaleInputBuilder {
            id: self.id,
            customer: ::cstack_runtime::__codegen::builder::Set(value.into()),
            amount: self.amount,
        }
    }
}

impl<S0, S1> CreateSaleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn amount(
        self,
        value: i64,
    ) -> CreateSaleInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>> {
        CreateSaleInputBuilder {
            id: self.id,
            customer: self.customer,
            amount: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl
    CreateSaleInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
    >
{
    pub fn build(self) -> CreateSaleInput {
        CreateSaleInput {
            id: self.id.0,
            customer: self.customer.0,
            amount: self.amount.0,
        }
    }
}

/// A change to a `Sale`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateSaleInput {
    #[serde(
        rename = "customer",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub customer: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "amount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub amount: ::cstack_runtime::Patch<i64>,
}

impl UpdateSaleInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_customer(mut self, value: impl Into<String>) -> Self {
        self.customer = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_amount(mut self, value: i64) -> Self {
        self.amount = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.customer, ::cstack_runtime::Patch::Null) {
            errors.push("customer", "required", "cannot be null".to_string());
        }
        if matches!(self.amount, ::cstack_runtime::Patch::Null) {
            errors.push("amount", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Sale> for UpdateSaleInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateSaleInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.customer.push_to("customer", &mut values);
        self.amount.push_to("amount", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Sale, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `customer` column, for filters and ordering.
pub fn customer() -> ::cstack_runtime::Field<Sale, String> {
    ::cstack_runtime::Field::new("customer")
}

/// The `amount` column, for filters and ordering.
pub fn amount() -> ::cstack_runtime::Field<Sale, i64> {
    ::cstack_runtime::Field::new("amount")
}

/// `Sale` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Sale {
    type Create = CreateSaleInput;
    type Update = UpdateSaleInput;
    const ROUTE: &'static str = "sales";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
