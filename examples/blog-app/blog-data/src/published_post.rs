//! The `PublishedPost` view: its row struct, descriptor and filter helpers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PublishedPost {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
}

/// What the runtime knows about `PublishedPost`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "PublishedPost",
    table: "published_posts",
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
    ],
    kinds: &[::cstack_runtime::Kind::Int, ::cstack_runtime::Kind::Text],
};

impl ::cstack_runtime::Model for PublishedPost {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            title: row.column(1)?,
        })
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<PublishedPost, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<PublishedPost, String> {
    ::cstack_runtime::Field::new("title")
}
