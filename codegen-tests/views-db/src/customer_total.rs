//! The `CustomerTotal` view: its row struct, descriptor and filter helpers.
/// Totals per customer, refreshed when the application asks.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CustomerTotal {
    #[serde(rename = "customer")]
    pub customer: String,
    #[serde(rename = "total")]
    pub total: i64,
    #[serde(rename = "sales")]
    pub sales: i64,
}

/// What the runtime knows about `CustomerTotal`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "CustomerTotal",
    table: "customer_totals",
    primary_key: "customer",
    soft_delete: None,
    version: None,
    columns: &[
        ::cstack_runtime::Column {
            field: "customer",
            name: "customer",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "total",
            name: "total",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "sales",
            name: "sales",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for CustomerTotal {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            customer: ::cstack_runtime::__codegen::take(row)?,
            total: ::cstack_runtime::__codegen::take(row)?,
            sales: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The `customer` column, for filters and ordering.
pub fn customer() -> ::cstack_runtime::Field<CustomerTotal, String> {
    ::cstack_runtime::Field::new("customer")
}

/// The `total` column, for filters and ordering.
pub fn total() -> ::cstack_runtime::Field<CustomerTotal, i64> {
    ::cstack_runtime::Field::new("total")
}

/// The `sales` column, for filters and ordering.
pub fn sales() -> ::cstack_runtime::Field<CustomerTotal, i64> {
    ::cstack_runtime::Field::new("sales")
}

/// How `CustomerTotal` is materialized and refreshed.
pub const MATERIALIZED: ::cstack_runtime::MaterializedView = ::cstack_runtime::MaterializedView {
    name: "CustomerTotal",
    relation: "customer_totals",
    refresh: ::cstack_runtime::Refresh::Manual,
    sources: &["Sale"],
};

impl ::cstack_runtime::__codegen::Materialized for CustomerTotal {
    const VIEW: &'static ::cstack_runtime::MaterializedView = &MATERIALIZED;
}
