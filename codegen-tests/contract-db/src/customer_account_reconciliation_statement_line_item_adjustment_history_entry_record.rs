//! The `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord` model: its row struct, inputs, descriptor and filter helpers.
/// A table and a column whose names exceed 63 bytes.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText")]
    pub reconciliation_statement_line_item_adjustment_history_entry_description_text: String,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
}

/// What the runtime knows about `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord",
    table: "customer_account_reconciliation_statement_line_item_ad_2063d705",
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
            field: "reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText",
            name: "reconciliation_statement_line_item_adjustment_history__d5443d42",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "amount",
            name: "amount",
            kind: ::cstack_runtime::Kind::Decimal,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Decimal,
    ],
};

impl ::cstack_runtime::Model
    for CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord
{
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            reconciliation_statement_line_item_adjustment_history_entry_description_text:
                ::cstack_runtime::__codegen::take(row)?,
            amount: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            reconciliation_statement_line_item_adjustment_history_entry_description_text: row
                .column(1)?,
            amount: row.column(2)?,
        })
    }
}

/// The values of a new `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText")]
    pub reconciliation_statement_line_item_adjustment_history_entry_description_text: String,
    #[serde(rename = "amount")]
    pub amount: ::cstack_runtime::rust_decimal::Decimal,
}

impl CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    >{
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            reconciliation_statement_line_item_adjustment_history_entry_description_text: ::cstack_runtime::__codegen::builder::Unset,
            amount: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl
    ::cstack_runtime::__codegen::CreateInput<
        CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    > for CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput
{
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput::validate(
            self,
        )
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
            "reconciliation_statement_line_item_adjustment_history__d5443d42",
            ::cstack_runtime::__codegen::ToValue::to_value(
                &self.reconciliation_statement_line_item_adjustment_history_entry_description_text,
            ),
        ));
        values.push((
            "amount",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.amount),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl
    ::cstack_runtime::__codegen::UpsertInput<
        CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    > for CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput
{
}

/// Builds a [`CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
    S0,
    S1,
    S2,
> {
    id: S0,
    reconciliation_statement_line_item_adjustment_history_entry_description_text: S1,
    amount: S2,
}

impl<S1, S2>
    CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        S1,
        S2,
    >
{
    pub fn id(
        self,
        value: i64,
    ) -> CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        S1,
        S2,
    >{
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            reconciliation_statement_line_item_adjustment_history_entry_description_text: self
                .reconciliation_statement_line_item_adjustment_history_entry_description_text,
            amount: self.amount,
        }
    }
}

impl<S0, S2>
    CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Unset,
        S2,
    >
{
    pub fn reconciliation_statement_line_item_adjustment_history_entry_description_text(
        self,
        value: impl Into<String>,
    ) -> CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<String>,
        S2,
    >{
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder {
            id: self.id,
            reconciliation_statement_line_item_adjustment_history_entry_description_text: ::cstack_runtime::__codegen::builder::Set(
                value.into(),
            ),
            amount: self.amount,
        }
    }
}

impl<S0, S1>
    CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        S0,
        S1,
        ::cstack_runtime::__codegen::builder::Unset,
    >
{
    pub fn amount(
        self,
        value: impl Into<::cstack_runtime::rust_decimal::Decimal>,
    ) -> CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        S0,
        S1,
        ::cstack_runtime::__codegen::builder::Set<
            ::cstack_runtime::rust_decimal::Decimal,
        >,
    >{
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder {
            id: self.id,
            reconciliation_statement_line_item_adjustment_history_entry_description_text: self
                .reconciliation_statement_line_item_adjustment_history_entry_description_text,
            amount: ::cstack_runtime::__codegen::builder::Set(value.into()),
        }
    }
}

impl
    CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<::cstack_runtime::rust_decimal::Decimal>,
    >
{
    pub fn build(
        self,
    ) -> CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
            id: self.id.0,
            reconciliation_statement_line_item_adjustment_history_entry_description_text: self
                .reconciliation_statement_line_item_adjustment_history_entry_description_text
                .0,
            amount: self.amount.0,
        }
    }
}

/// A change to a `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
    #[serde(
        rename = "reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub reconciliation_statement_line_item_adjustment_history_entry_description_text:
        ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "amount",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub amount: ::cstack_runtime::Patch<::cstack_runtime::rust_decimal::Decimal>,
}

impl UpdateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_reconciliation_statement_line_item_adjustment_history_entry_description_text(
        mut self,
        value: impl Into<String>,
    ) -> Self {
        self.reconciliation_statement_line_item_adjustment_history_entry_description_text =
            ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_amount(mut self, value: impl Into<::cstack_runtime::rust_decimal::Decimal>) -> Self {
        self.amount = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(
            self.reconciliation_statement_line_item_adjustment_history_entry_description_text,
            ::cstack_runtime::Patch::Null
        ) {
            errors.push(
                "reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText",
                "required",
                "cannot be null".to_string(),
            );
        }
        if matches!(self.amount, ::cstack_runtime::Patch::Null) {
            errors.push("amount", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl
    ::cstack_runtime::__codegen::UpdateInput<
        CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    > for UpdateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput
{
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput::validate(
            self,
        )
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.reconciliation_statement_line_item_adjustment_history_entry_description_text
            .push_to(
                "reconciliation_statement_line_item_adjustment_history__d5443d42",
                &mut values,
            );
        self.amount.push_to("amount", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<
    CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    i64,
> {
    ::cstack_runtime::Field::new("id")
}

/// The `reconciliationStatementLineItemAdjustmentHistoryEntryDescriptionText` column, for filters and ordering.
pub fn reconciliation_statement_line_item_adjustment_history_entry_description_text()
-> ::cstack_runtime::Field<
    CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    String,
> {
    ::cstack_runtime::Field::new("reconciliation_statement_line_item_adjustment_history__d5443d42")
}

/// The `amount` column, for filters and ordering.
pub fn amount() -> ::cstack_runtime::Field<
    CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    ::cstack_runtime::rust_decimal::Decimal,
> {
    ::cstack_runtime::Field::new("amount")
}

/// `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource
    for CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord
{
    type Create =
        CreateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput;
    type Update =
        UpdateCustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecordInput;
    const ROUTE: &'static str =
        "customer_account_reconciliation_statement_line_item_adjustment_history_entry_records";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
}
