//! The `RegionTotal` view: its row struct, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct RegionTotal {
    #[serde(rename = "region")]
    pub region: String,
    #[serde(rename = "totalCents")]
    pub total_cents: i64,
}

/// What the runtime knows about `RegionTotal`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "RegionTotal",
    table: "region_totals",
    primary_key: "region",
    soft_delete: None,
    version: None,
    columns: &[
        ::cstack_runtime::Column {
            field: "region",
            name: "region",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "totalCents",
            name: "total_cents",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[::cstack_runtime::Kind::Text, ::cstack_runtime::Kind::Int],
};

impl ::cstack_runtime::Model for RegionTotal {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = String;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            region: ::cstack_runtime::__codegen::take(row)?,
            total_cents: ::cstack_runtime::__codegen::take(row)?,
        })
    }
}

/// The `region` column, for filters and ordering.
pub fn region() -> ::cstack_runtime::Field<RegionTotal, String> {
    ::cstack_runtime::Field::new("region")
}

/// The `totalCents` column, for filters and ordering.
pub fn total_cents() -> ::cstack_runtime::Field<RegionTotal, i64> {
    ::cstack_runtime::Field::new("total_cents")
}

/// How `RegionTotal` is materialized and refreshed.
pub const MATERIALIZED: ::cstack_runtime::MaterializedView = ::cstack_runtime::MaterializedView {
    name: "RegionTotal",
    relation: "region_totals",
    refresh: ::cstack_runtime::Refresh::OnChange,
    sources: &["Sale"],
};

impl ::cstack_runtime::__codegen::Materialized for RegionTotal {
    const VIEW: &'static ::cstack_runtime::MaterializedView = &MATERIALIZED;
}
