//! The `Ledger` model: its row struct, inputs, descriptor and filter helpers.
/// Audited only, soft-deleted, versioned.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Ledger {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "balance")]
    pub balance: i64,
    #[serde(rename = "revision")]
    pub revision: i64,
}

/// What the runtime knows about `Ledger`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Ledger",
    table: "ledgers",
    primary_key: "id",
    soft_delete: Some("deleted_at"),
    version: Some("revision"),
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
            field: "balance",
            name: "balance",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "revision",
            name: "revision",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for Ledger {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const TRACKING: ::cstack_runtime::__codegen::Tracking = ::cstack_runtime::__codegen::Tracking {
        audit: true,
        emit: 0,
        redacted: &[],
    };
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            owner: ::cstack_runtime::__codegen::take(row)?,
            balance: ::cstack_runtime::__codegen::take(row)?,
            revision: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            owner: row.column(1)?,
            balance: row.column(2)?,
            revision: row.column(3)?,
        })
    }
}

/// The values of a new `Ledger`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateLedgerInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "balance")]
    pub balance: i64,
}

impl CreateLedgerInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateLedgerInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateLedgerInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            owner: ::cstack_runtime::__codegen::builder::Unset,
            balance: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Ledger> for CreateLedgerInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateLedgerInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(4);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "owner",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.owner),
        ));
        values.push((
            "balance",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.balance),
        ));
        values.push(("revision", ::cstack_runtime::Value::Int(0)));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Ledger> for CreateLedgerInput {}

/// Builds a [`CreateLedgerInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateLedgerInputBuilder<S0, S1, S2> {
    id: S0,
    owner: S1,
    balance: S2,
}

impl<S1, S2> CreateLedgerInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateLedgerInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreateLedgerInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            owner: self.owner,
            balance: self.balance,
        }
    }
}

impl<S0, S2> CreateLedgerInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn owner(
        self,
        value: impl Into<String>,
    ) -> CreateLedgerInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<String>, S2> {
        CreateLedgerInputBuilder {
            id: self.id,
            owner: ::cstack_runtime::__codegen::builder::Set(value.into()),
            balance: self.balance,
        }
    }
}

impl<S0, S1> CreateLedgerInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn balance(
        self,
        value: i64,
    ) -> CreateLedgerInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>> {
        CreateLedgerInputBuilder {
            id: self.id,
            owner: self.owner,
            balance: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl
    CreateLedgerInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
    >
{
    pub fn build(self) -> CreateLedgerInput {
        CreateLedgerInput {
            id: self.id.0,
            owner: self.owner.0,
            balance: self.balance.0,
        }
    }
}

/// A change to a `Ledger`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateLedgerInput {
    #[serde(
        rename = "owner",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub owner: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "balance",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub balance: ::cstack_runtime::Patch<i64>,
}

impl UpdateLedgerInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_owner(mut self, value: impl Into<String>) -> Self {
        self.owner = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_balance(mut self, value: i64) -> Self {
        self.balance = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.owner, ::cstack_runtime::Patch::Null) {
            errors.push("owner", "required", "cannot be null".to_string());
        }
        if matches!(self.balance, ::cstack_runtime::Patch::Null) {
            errors.push("balance", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Ledger> for UpdateLedgerInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateLedgerInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.owner.push_to("owner", &mut values);
        self.balance.push_to("balance", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Ledger, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `owner` column, for filters and ordering.
pub fn owner() -> ::cstack_runtime::Field<Ledger, String> {
    ::cstack_runtime::Field::new("owner")
}

/// The `balance` column, for filters and ordering.
pub fn balance() -> ::cstack_runtime::Field<Ledger, i64> {
    ::cstack_runtime::Field::new("balance")
}

/// The `revision` column, for filters and ordering.
pub fn revision() -> ::cstack_runtime::Field<Ledger, i64> {
    ::cstack_runtime::Field::new("revision")
}

/// `Ledger` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Ledger {
    type Create = CreateLedgerInput;
    type Update = UpdateLedgerInput;
    const ROUTE: &'static str = "ledgers";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[],
            enums: crate::http::ENUM_SHAPES,
        };
    fn version(&self) -> Option<i64> {
        Some(self.revision)
    }
}
