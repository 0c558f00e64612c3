//! The `ScheduledTotal` view: its row struct, descriptor and filter helpers.
/// The same totals, refreshed every minute while the scheduler runs.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ScheduledTotal {
    #[serde(rename = "customer")]
    pub customer: String,
    #[serde(rename = "total")]
    pub total: i64,
}

/// What the runtime knows about `ScheduledTotal`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "ScheduledTotal",
    table: "scheduled_totals",
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
    ],
    kinds: &[::cstack_runtime::Kind::Text, ::cstack_runtime::Kind::Int],
};

impl ::cstack_runtime::Model for ScheduledTotal {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            customer: ::cstack_runtime::__codegen::take(row)?,
            total: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The `customer` column, for filters and ordering.
pub fn customer() -> ::cstack_runtime::Field<ScheduledTotal, String> {
    ::cstack_runtime::Field::new("customer")
}

/// The `total` column, for filters and ordering.
pub fn total() -> ::cstack_runtime::Field<ScheduledTotal, i64> {
    ::cstack_runtime::Field::new("total")
}

/// How `ScheduledTotal` is materialized and refreshed.
pub const MATERIALIZED: ::cstack_runtime::MaterializedView = ::cstack_runtime::MaterializedView {
    name: "ScheduledTotal",
    relation: "scheduled_totals",
    refresh: ::cstack_runtime::Refresh::Every(::std::time::Duration::from_secs(60)),
    sources: &["Sale"],
};

impl ::cstack_runtime::__codegen::Materialized for ScheduledTotal {
    const VIEW: &'static ::cstack_runtime::MaterializedView = &MATERIALIZED;
}
