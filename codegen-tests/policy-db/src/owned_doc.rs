//! The `OwnedDoc` view: its row struct, descriptor and filter helpers.
/// Documents as their owners see them: a view whose read policy admits a
/// row to its owner and to admins.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct OwnedDoc {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "ownerId")]
    pub owner_id: i64,
    #[serde(rename = "score")]
    pub score: i64,
}

/// What the runtime knows about `OwnedDoc`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "OwnedDoc",
    table: "owned_docs",
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
            field: "title",
            name: "title",
            kind: ::cstack_runtime::Kind::Text,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "ownerId",
            name: "owner_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "score",
            name: "score",
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

impl ::cstack_runtime::Model for OwnedDoc {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "owner_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
                ::cstack_runtime::__codegen::PolicyExpr::HasRole("admin"),
            ]),
        }];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            owner_id: ::cstack_runtime::__codegen::take(row)?,
            score: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            title: row.column(1)?,
            owner_id: row.column(2)?,
            score: row.column(3)?,
        })
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<OwnedDoc, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<OwnedDoc, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `ownerId` column, for filters and ordering.
pub fn owner_id() -> ::cstack_runtime::Field<OwnedDoc, i64> {
    ::cstack_runtime::Field::new("owner_id")
}

/// The `score` column, for filters and ordering.
pub fn score() -> ::cstack_runtime::Field<OwnedDoc, i64> {
    ::cstack_runtime::Field::new("score")
}
