//! The `Comment` model: its row struct, inputs, descriptor and filter helpers.
/// Comments have no policy: unrestricted.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Comment {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "docId")]
    pub doc_id: i64,
    #[serde(rename = "flagged")]
    pub flagged: bool,
    /// Filled by `include(comment::doc())`; `None` when not loaded.
    #[serde(rename = "doc", default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<Box<crate::doc::Doc>>,
}

/// What the runtime knows about `Comment`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Comment",
    table: "comments",
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
            field: "docId",
            name: "doc_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "flagged",
            name: "flagged",
            kind: ::cstack_runtime::Kind::Bool,
            nullable: false,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Bool,
    ],
};

impl ::cstack_runtime::Model for Comment {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            doc_id: ::cstack_runtime::__codegen::take(row)?,
            flagged: ::cstack_runtime::__codegen::take(row)?,
            doc: None,
        })
    }
    #[cfg(any(feature = "sqlite", feature = "mysql"))]
    fn read_row<R: ::cstack_runtime::__codegen::ModelRow>(
        row: &R,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: row.column(0)?,
            doc_id: row.column(1)?,
            flagged: row.column(2)?,
            doc: None,
        })
    }
}

/// The values of a new `Comment`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCommentInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "docId")]
    pub doc_id: i64,
    #[serde(rename = "flagged")]
    pub flagged: bool,
}

impl CreateCommentInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateCommentInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateCommentInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            doc_id: ::cstack_runtime::__codegen::builder::Unset,
            flagged: ::cstack_runtime::__codegen::builder::Unset,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Comment> for CreateCommentInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateCommentInput::validate(self)
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
            "doc_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.doc_id),
        ));
        values.push((
            "flagged",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.flagged),
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Comment> for CreateCommentInput {}

/// Builds a [`CreateCommentInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateCommentInputBuilder<S0, S1, S2> {
    id: S0,
    doc_id: S1,
    flagged: S2,
}

impl<S1, S2> CreateCommentInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2> {
    pub fn id(
        self,
        value: i64,
    ) -> CreateCommentInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2> {
        CreateCommentInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            doc_id: self.doc_id,
            flagged: self.flagged,
        }
    }
}

impl<S0, S2> CreateCommentInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2> {
    pub fn doc_id(
        self,
        value: i64,
    ) -> CreateCommentInputBuilder<S0, ::cstack_runtime::__codegen::builder::Set<i64>, S2> {
        CreateCommentInputBuilder {
            id: self.id,
            doc_id: ::cstack_runtime::__codegen::builder::Set(value),
            flagged: self.flagged,
        }
    }
}

impl<S0, S1> CreateCommentInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset> {
    pub fn flagged(
        self,
        value: bool,
    ) -> CreateCommentInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<bool>> {
        CreateCommentInputBuilder {
            id: self.id,
            doc_id: self.doc_id,
            flagged: ::cstack_runtime::__codegen::builder::Set(value),
        }
    }
}

impl
    CreateCommentInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<bool>,
    >
{
    pub fn build(self) -> CreateCommentInput {
        CreateCommentInput {
            id: self.id.0,
            doc_id: self.doc_id.0,
            flagged: self.flagged.0,
        }
    }
}

/// A change to a `Comment`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommentInput {
    #[serde(
        rename = "docId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub doc_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "flagged",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub flagged: ::cstack_runtime::Patch<bool>,
}

impl UpdateCommentInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_doc_id(mut self, value: i64) -> Self {
        self.doc_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_flagged(mut self, value: bool) -> Self {
        self.flagged = ::cstack_runtime::Patch::Set(value);
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.doc_id, ::cstack_runtime::Patch::Null) {
            errors.push("docId", "required", "cannot be null".to_string());
        }
        if matches!(self.flagged, ::cstack_runtime::Patch::Null) {
            errors.push("flagged", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Comment> for UpdateCommentInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateCommentInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.doc_id.push_to("doc_id", &mut values);
        self.flagged.push_to("flagged", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Comment, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `docId` column, for filters and ordering.
pub fn doc_id() -> ::cstack_runtime::Field<Comment, i64> {
    ::cstack_runtime::Field::new("doc_id")
}

/// The `flagged` column, for filters and ordering.
pub fn flagged() -> ::cstack_runtime::Field<Comment, bool> {
    ::cstack_runtime::Field::new("flagged")
}

/// The `doc` relation: filter through it, or `include` it.
pub fn doc() -> ::cstack_runtime::Relation<Comment, crate::doc::Doc> {
    ::cstack_runtime::Relation {
        local: "doc_id",
        remote: "id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.doc_id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        attach: |row, related| row.doc = related.map(Box::new),
    }
}

/// `Comment` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Comment {
    type Create = CreateCommentInput;
    type Update = UpdateCommentInput;
    const ROUTE: &'static str = "comments";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[::cstack_runtime::__codegen::http::RelationShape {
                name: "doc",
                target: &crate::doc::DESCRIPTOR,
                target_hidden: &[],
            }],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "doc" => Some(doc().into()),
            _ => None,
        }
    }
}
