//! The `Doc` model: its row struct, inputs, descriptor and filter helpers.
/// A document: readable when public, by its owner, by its team's tenant
/// (unless secret), by admins, and when it has comments none of which
/// are flagged to a viewer of a high enough level; never when archived,
/// except to the system.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Doc {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "ownerId")]
    pub owner_id: i64,
    #[serde(rename = "teamId")]
    pub team_id: i64,
    #[serde(rename = "visibility")]
    pub visibility: crate::enums::Visibility,
    #[serde(rename = "score")]
    pub score: i64,
    #[serde(rename = "archived")]
    pub archived: bool,
    #[serde(rename = "reviewer")]
    pub reviewer: Option<i64>,
    /// Filled by `include(doc::team())`; `None` when not loaded.
    #[serde(rename = "team", default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Box<crate::team::Team>>,
    /// Filled by `include(doc::comments())`; `None` when not loaded.
    #[serde(rename = "comments", default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<crate::comment::Comment>>,
}

/// What the runtime knows about `Doc`.
pub static DESCRIPTOR: ::cstack_runtime::ModelDescriptor = ::cstack_runtime::ModelDescriptor {
    name: "Doc",
    table: "docs",
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
            field: "teamId",
            name: "team_id",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "visibility",
            name: "visibility",
            kind: ::cstack_runtime::Kind::Enum("visibility"),
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "score",
            name: "score",
            kind: ::cstack_runtime::Kind::Int,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "archived",
            name: "archived",
            kind: ::cstack_runtime::Kind::Bool,
            nullable: false,
        },
        ::cstack_runtime::Column {
            field: "reviewer",
            name: "reviewer",
            kind: ::cstack_runtime::Kind::Int,
            nullable: true,
        },
    ],
    kinds: &[
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Text,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Enum("visibility"),
        ::cstack_runtime::Kind::Int,
        ::cstack_runtime::Kind::Bool,
        ::cstack_runtime::Kind::Int,
    ],
};

impl ::cstack_runtime::Model for Doc {
    const DESCRIPTOR: &'static ::cstack_runtime::ModelDescriptor = &DESCRIPTOR;
    const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Column {
                    name: "visibility",
                    kind: ::cstack_runtime::Kind::Enum("visibility"),
                    nullable: false,
                },
                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                right: ::cstack_runtime::__codegen::Operand::Literal(
                    ::cstack_runtime::__codegen::Literal::Enum {
                        type_name: "visibility",
                        variant: "Public",
                    },
                ),
            },
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
                ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                    ::cstack_runtime::__codegen::PolicyExpr::Compare {
                        left: ::cstack_runtime::__codegen::Operand::Column {
                            name: "owner_id",
                            kind: ::cstack_runtime::Kind::Int,
                            nullable: false,
                        },
                        op: ::cstack_runtime::__codegen::CmpOp::Eq,
                        right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                    },
                    ::cstack_runtime::__codegen::PolicyExpr::And(&[
                        ::cstack_runtime::__codegen::PolicyExpr::Related {
                            target: <crate::team::Team as ::cstack_runtime::Model>::DESCRIPTOR,
                            local: "team_id",
                            remote: "id",
                            quantifier: ::cstack_runtime::__codegen::Quantifier::Some,
                            inner: &::cstack_runtime::__codegen::PolicyExpr::Compare {
                                left: ::cstack_runtime::__codegen::Operand::Column {
                                    name: "tenant_id",
                                    kind: ::cstack_runtime::Kind::Text,
                                    nullable: false,
                                },
                                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                                right: ::cstack_runtime::__codegen::Operand::Auth {
                                    path: &["tenantId"],
                                },
                            },
                        },
                        ::cstack_runtime::__codegen::PolicyExpr::In {
                            left: ::cstack_runtime::__codegen::Operand::Column {
                                name: "visibility",
                                kind: ::cstack_runtime::Kind::Enum("visibility"),
                                nullable: false,
                            },
                            values: &[
                                ::cstack_runtime::__codegen::Operand::Literal(
                                    ::cstack_runtime::__codegen::Literal::Enum {
                                        type_name: "visibility",
                                        variant: "Public",
                                    },
                                ),
                                ::cstack_runtime::__codegen::Operand::Literal(
                                    ::cstack_runtime::__codegen::Literal::Enum {
                                        type_name: "visibility",
                                        variant: "Internal",
                                    },
                                ),
                            ],
                            negated: false,
                        },
                    ]),
                ]),
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                ::cstack_runtime::__codegen::PolicyExpr::And(&[
                    ::cstack_runtime::__codegen::PolicyExpr::Related {
                        target: <crate::comment::Comment as ::cstack_runtime::Model>::DESCRIPTOR,
                        local: "id",
                        remote: "doc_id",
                        quantifier: ::cstack_runtime::__codegen::Quantifier::Some,
                        inner: &::cstack_runtime::__codegen::PolicyExpr::Compare {
                            left: ::cstack_runtime::__codegen::Operand::Column {
                                name: "flagged",
                                kind: ::cstack_runtime::Kind::Bool,
                                nullable: false,
                            },
                            op: ::cstack_runtime::__codegen::CmpOp::Eq,
                            right: ::cstack_runtime::__codegen::Operand::Literal(
                                ::cstack_runtime::__codegen::Literal::Bool(true),
                            ),
                        },
                    },
                    ::cstack_runtime::__codegen::PolicyExpr::Not(
                        &::cstack_runtime::__codegen::PolicyExpr::Related {
                            target:
                                <crate::comment::Comment as ::cstack_runtime::Model>::DESCRIPTOR,
                            local: "id",
                            remote: "doc_id",
                            quantifier: ::cstack_runtime::__codegen::Quantifier::Every,
                            inner: &::cstack_runtime::__codegen::PolicyExpr::Compare {
                                left: ::cstack_runtime::__codegen::Operand::Column {
                                    name: "flagged",
                                    kind: ::cstack_runtime::Kind::Bool,
                                    nullable: false,
                                },
                                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                                right: ::cstack_runtime::__codegen::Operand::Literal(
                                    ::cstack_runtime::__codegen::Literal::Bool(true),
                                ),
                            },
                        },
                    ),
                ]),
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "score",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Gt,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["level"] },
                },
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::HasRole("admin"),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::READ,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "archived",
                        kind: ::cstack_runtime::Kind::Bool,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Bool(true),
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::Not(
                    &::cstack_runtime::__codegen::PolicyExpr::IsSystem,
                ),
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::CREATE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "owner_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "score",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Gte,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Int(0),
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "visibility",
                        kind: ::cstack_runtime::Kind::Enum("visibility"),
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Ne,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Enum {
                            type_name: "visibility",
                            variant: "Secret",
                        },
                    ),
                },
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::UPDATE,
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
                ::cstack_runtime::__codegen::PolicyExpr::And(&[
                    ::cstack_runtime::__codegen::PolicyExpr::InTenant("acme"),
                    ::cstack_runtime::__codegen::PolicyExpr::Related {
                        target: <crate::comment::Comment as ::cstack_runtime::Model>::DESCRIPTOR,
                        local: "id",
                        remote: "doc_id",
                        quantifier: ::cstack_runtime::__codegen::Quantifier::None,
                        inner: &::cstack_runtime::__codegen::PolicyExpr::Compare {
                            left: ::cstack_runtime::__codegen::Operand::Column {
                                name: "flagged",
                                kind: ::cstack_runtime::Kind::Bool,
                                nullable: false,
                            },
                            op: ::cstack_runtime::__codegen::CmpOp::Eq,
                            right: ::cstack_runtime::__codegen::Operand::Literal(
                                ::cstack_runtime::__codegen::Literal::Bool(true),
                            ),
                        },
                    },
                ]),
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::DELETE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "owner_id",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                },
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "reviewer",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: true,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Null,
                },
            ]),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::UPDATE
                | ::cstack_runtime::__codegen::action::DELETE,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "score",
                        kind: ::cstack_runtime::Kind::Int,
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Lt,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Int(0),
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::Not(
                    &::cstack_runtime::__codegen::PolicyExpr::HasRole("admin"),
                ),
            ]),
        },
    ];
    type Key = i64;
    fn from_row(
        row: &mut ::std::vec::IntoIter<::cstack_runtime::Value>,
    ) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            id: ::cstack_runtime::__codegen::take(row)?,
            title: ::cstack_runtime::__codegen::take(row)?,
            owner_id: ::cstack_runtime::__codegen::take(row)?,
            team_id: ::cstack_runtime::__codegen::take(row)?,
            visibility: ::cstack_runtime::__codegen::take(row)?,
            score: ::cstack_runtime::__codegen::take(row)?,
            archived: ::cstack_runtime::__codegen::take(row)?,
            reviewer: ::cstack_runtime::__codegen::take(row)?,
            team: None,
            comments: None,
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
            team_id: row.column(3)?,
            visibility: row.enum_column(4)?,
            score: row.column(5)?,
            archived: row.column(6)?,
            reviewer: row.column(7)?,
            team: None,
            comments: None,
        })
    }
}

/// The values of a new `Doc`. Optional fields and fields with a default may be left out.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateDocInput {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "ownerId")]
    pub owner_id: i64,
    #[serde(rename = "teamId")]
    pub team_id: i64,
    #[serde(rename = "visibility")]
    pub visibility: crate::enums::Visibility,
    #[serde(rename = "score")]
    pub score: i64,
    #[serde(rename = "archived")]
    pub archived: bool,
    #[serde(rename = "reviewer", default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<i64>,
}

impl CreateDocInput {
    /// A builder that only offers `build()` once every required field is given.
    pub fn builder() -> CreateDocInputBuilder<
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
        ::cstack_runtime::__codegen::builder::Unset,
    > {
        CreateDocInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Unset,
            title: ::cstack_runtime::__codegen::builder::Unset,
            owner_id: ::cstack_runtime::__codegen::builder::Unset,
            team_id: ::cstack_runtime::__codegen::builder::Unset,
            visibility: ::cstack_runtime::__codegen::builder::Unset,
            score: ::cstack_runtime::__codegen::builder::Unset,
            archived: ::cstack_runtime::__codegen::builder::Unset,
            reviewer: None,
        }
    }
    /// Checks every validator of the schema; every failing field is reported.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let errors = ::cstack_runtime::ValidationErrors::new();
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::CreateInput<Doc> for CreateDocInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        CreateDocInput::validate(self)
    }
    fn into_values(
        self,
        _auth: ::cstack_runtime::__codegen::Auth<'_>,
    ) -> ::cstack_runtime::Result<Vec<(&'static str, ::cstack_runtime::Value)>> {
        let mut values = Vec::with_capacity(8);
        values.push((
            "id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.id),
        ));
        values.push((
            "title",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.title),
        ));
        values.push((
            "owner_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.owner_id),
        ));
        values.push((
            "team_id",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.team_id),
        ));
        values.push((
            "visibility",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.visibility),
        ));
        values.push((
            "score",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.score),
        ));
        values.push((
            "archived",
            ::cstack_runtime::__codegen::ToValue::to_value(&self.archived),
        ));
        values.push((
            "reviewer",
            match &self.reviewer {
                Some(v) => ::cstack_runtime::__codegen::ToValue::to_value(v),
                None => ::cstack_runtime::Value::Null(::cstack_runtime::Kind::Int),
            },
        ));
        Ok(values)
    }
}

/// The caller supplies the primary key, so `upsert` can find the row.
impl ::cstack_runtime::__codegen::UpsertInput<Doc> for CreateDocInput {}

/// Builds a [`CreateDocInput`]; `build()` exists once every required field is set.
#[must_use]
pub struct CreateDocInputBuilder<S0, S1, S2, S3, S4, S5, S6> {
    id: S0,
    title: S1,
    owner_id: S2,
    team_id: S3,
    visibility: S4,
    score: S5,
    archived: S6,
    reviewer: Option<i64>,
}

impl<S1, S2, S3, S4, S5, S6>
    CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Unset, S1, S2, S3, S4, S5, S6>
{
    pub fn id(
        self,
        value: i64,
    ) -> CreateDocInputBuilder<::cstack_runtime::__codegen::builder::Set<i64>, S1, S2, S3, S4, S5, S6>
    {
        CreateDocInputBuilder {
            id: ::cstack_runtime::__codegen::builder::Set(value),
            title: self.title,
            owner_id: self.owner_id,
            team_id: self.team_id,
            visibility: self.visibility,
            score: self.score,
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S2, S3, S4, S5, S6>
    CreateDocInputBuilder<S0, ::cstack_runtime::__codegen::builder::Unset, S2, S3, S4, S5, S6>
{
    pub fn title(
        self,
        value: impl Into<String>,
    ) -> CreateDocInputBuilder<
        S0,
        ::cstack_runtime::__codegen::builder::Set<String>,
        S2,
        S3,
        S4,
        S5,
        S6,
    > {
        CreateDocInputBuilder {
            id: self.id,
            title: ::cstack_runtime::__codegen::builder::Set(value.into()),
            owner_id: self.owner_id,
            team_id: self.team_id,
            visibility: self.visibility,
            score: self.score,
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S3, S4, S5, S6>
    CreateDocInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Unset, S3, S4, S5, S6>
{
    pub fn owner_id(
        self,
        value: i64,
    ) -> CreateDocInputBuilder<S0, S1, ::cstack_runtime::__codegen::builder::Set<i64>, S3, S4, S5, S6>
    {
        CreateDocInputBuilder {
            id: self.id,
            title: self.title,
            owner_id: ::cstack_runtime::__codegen::builder::Set(value),
            team_id: self.team_id,
            visibility: self.visibility,
            score: self.score,
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S2, S4, S5, S6>
    CreateDocInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Unset, S4, S5, S6>
{
    pub fn team_id(
        self,
        value: i64,
    ) -> CreateDocInputBuilder<S0, S1, S2, ::cstack_runtime::__codegen::builder::Set<i64>, S4, S5, S6>
    {
        CreateDocInputBuilder {
            id: self.id,
            title: self.title,
            owner_id: self.owner_id,
            team_id: ::cstack_runtime::__codegen::builder::Set(value),
            visibility: self.visibility,
            score: self.score,
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S2, S3, S5, S6>
    CreateDocInputBuilder<S0, S1, S2, S3, ::cstack_runtime::__codegen::builder::Unset, S5, S6>
{
    pub fn visibility(
        self,
        value: impl Into<crate::enums::Visibility>,
    ) -> CreateDocInputBuilder<
        S0,
        S1,
        S2,
        S3,
        ::cstack_runtime::__codegen::builder::Set<crate::enums::Visibility>,
        S5,
        S6,
    > {
        CreateDocInputBuilder {
            id: self.id,
            title: self.title,
            owner_id: self.owner_id,
            team_id: self.team_id,
            visibility: ::cstack_runtime::__codegen::builder::Set(value.into()),
            score: self.score,
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S2, S3, S4, S6>
    CreateDocInputBuilder<S0, S1, S2, S3, S4, ::cstack_runtime::__codegen::builder::Unset, S6>
{
    pub fn score(
        self,
        value: i64,
    ) -> CreateDocInputBuilder<S0, S1, S2, S3, S4, ::cstack_runtime::__codegen::builder::Set<i64>, S6>
    {
        CreateDocInputBuilder {
            id: self.id,
            title: self.title,
            owner_id: self.owner_id,
            team_id: self.team_id,
            visibility: self.visibility,
            score: ::cstack_runtime::__codegen::builder::Set(value),
            archived: self.archived,
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5>
    CreateDocInputBuilder<S0, S1, S2, S3, S4, S5, ::cstack_runtime::__codegen::builder::Unset>
{
    pub fn archived(
        self,
        value: bool,
    ) -> CreateDocInputBuilder<
        S0,
        S1,
        S2,
        S3,
        S4,
        S5,
        ::cstack_runtime::__codegen::builder::Set<bool>,
    > {
        CreateDocInputBuilder {
            id: self.id,
            title: self.title,
            owner_id: self.owner_id,
            team_id: self.team_id,
            visibility: self.visibility,
            score: self.score,
            archived: ::cstack_runtime::__codegen::builder::Set(value),
            reviewer: self.reviewer,
        }
    }
}

impl<S0, S1, S2, S3, S4, S5, S6> CreateDocInputBuilder<S0, S1, S2, S3, S4, S5, S6> {
    pub fn reviewer(mut self, value: i64) -> Self {
        self.reviewer = Some(value);
        self
    }
}

impl
    CreateDocInputBuilder<
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<String>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<crate::enums::Visibility>,
        ::cstack_runtime::__codegen::builder::Set<i64>,
        ::cstack_runtime::__codegen::builder::Set<bool>,
    >
{
    pub fn build(self) -> CreateDocInput {
        CreateDocInput {
            id: self.id.0,
            title: self.title.0,
            owner_id: self.owner_id.0,
            team_id: self.team_id.0,
            visibility: self.visibility.0,
            score: self.score.0,
            archived: self.archived.0,
            reviewer: self.reviewer,
        }
    }
}

/// A change to a `Doc`: each field is left unchanged, set, or (if optional) cleared.
#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateDocInput {
    #[serde(
        rename = "title",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub title: ::cstack_runtime::Patch<String>,
    #[serde(
        rename = "ownerId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub owner_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "teamId",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub team_id: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "visibility",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub visibility: ::cstack_runtime::Patch<crate::enums::Visibility>,
    #[serde(
        rename = "score",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub score: ::cstack_runtime::Patch<i64>,
    #[serde(
        rename = "archived",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub archived: ::cstack_runtime::Patch<bool>,
    #[serde(
        rename = "reviewer",
        default,
        skip_serializing_if = "::cstack_runtime::Patch::is_unchanged"
    )]
    pub reviewer: ::cstack_runtime::Patch<i64>,
}

impl UpdateDocInput {
    /// Changes nothing until a setter is called.
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set_title(mut self, value: impl Into<String>) -> Self {
        self.title = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_owner_id(mut self, value: i64) -> Self {
        self.owner_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_team_id(mut self, value: i64) -> Self {
        self.team_id = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_visibility(mut self, value: impl Into<crate::enums::Visibility>) -> Self {
        self.visibility = ::cstack_runtime::Patch::Set(value.into());
        self
    }
    pub fn set_score(mut self, value: i64) -> Self {
        self.score = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_archived(mut self, value: bool) -> Self {
        self.archived = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn set_reviewer(mut self, value: i64) -> Self {
        self.reviewer = ::cstack_runtime::Patch::Set(value);
        self
    }
    pub fn clear_reviewer(mut self) -> Self {
        self.reviewer = ::cstack_runtime::Patch::Null;
        self
    }
    /// Checks the validators of every field being set.
    pub fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        let mut errors = ::cstack_runtime::ValidationErrors::new();
        if matches!(self.title, ::cstack_runtime::Patch::Null) {
            errors.push("title", "required", "cannot be null".to_string());
        }
        if matches!(self.owner_id, ::cstack_runtime::Patch::Null) {
            errors.push("ownerId", "required", "cannot be null".to_string());
        }
        if matches!(self.team_id, ::cstack_runtime::Patch::Null) {
            errors.push("teamId", "required", "cannot be null".to_string());
        }
        if matches!(self.visibility, ::cstack_runtime::Patch::Null) {
            errors.push("visibility", "required", "cannot be null".to_string());
        }
        if matches!(self.score, ::cstack_runtime::Patch::Null) {
            errors.push("score", "required", "cannot be null".to_string());
        }
        if matches!(self.archived, ::cstack_runtime::Patch::Null) {
            errors.push("archived", "required", "cannot be null".to_string());
        }
        errors.into_result()
    }
}

impl ::cstack_runtime::__codegen::UpdateInput<Doc> for UpdateDocInput {
    fn validate(&self) -> Result<(), ::cstack_runtime::ValidationErrors> {
        UpdateDocInput::validate(self)
    }
    fn values(&self) -> Vec<(&'static str, ::cstack_runtime::Value)> {
        let mut values = Vec::new();
        self.title.push_to("title", &mut values);
        self.owner_id.push_to("owner_id", &mut values);
        self.team_id.push_to("team_id", &mut values);
        self.visibility.push_to("visibility", &mut values);
        self.score.push_to("score", &mut values);
        self.archived.push_to("archived", &mut values);
        self.reviewer.push_to("reviewer", &mut values);
        values
    }
}

/// The `id` column, for filters and ordering.
pub fn id() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("id")
}

/// The `title` column, for filters and ordering.
pub fn title() -> ::cstack_runtime::Field<Doc, String> {
    ::cstack_runtime::Field::new("title")
}

/// The `ownerId` column, for filters and ordering.
pub fn owner_id() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("owner_id")
}

/// The `teamId` column, for filters and ordering.
pub fn team_id() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("team_id")
}

/// The `visibility` column, for filters and ordering.
pub fn visibility() -> ::cstack_runtime::Field<Doc, crate::enums::Visibility> {
    ::cstack_runtime::Field::new("visibility")
}

/// The `score` column, for filters and ordering.
pub fn score() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("score")
}

/// The `archived` column, for filters and ordering.
pub fn archived() -> ::cstack_runtime::Field<Doc, bool> {
    ::cstack_runtime::Field::new("archived")
}

/// The `reviewer` column, for filters and ordering.
pub fn reviewer() -> ::cstack_runtime::Field<Doc, i64> {
    ::cstack_runtime::Field::new("reviewer")
}

/// The `team` relation: filter through it, or `include` it.
pub fn team() -> ::cstack_runtime::Relation<Doc, crate::team::Team> {
    ::cstack_runtime::Relation {
        local: "team_id",
        remote: "id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.team_id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        attach: |row, related| row.team = related.map(Box::new),
    }
}

/// The `comments` relation: filter through it, or `include` it.
pub fn comments() -> ::cstack_runtime::ToManyRelation<Doc, crate::comment::Comment> {
    ::cstack_runtime::ToManyRelation {
        local: "id",
        remote: "doc_id",
        local_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.id),
        remote_key: |row| ::cstack_runtime::__codegen::ToValue::to_value(&row.doc_id),
        attach: |row, related| row.comments = Some(related),
    }
}

/// `Doc` over HTTP (`crate::http::router`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl ::cstack_runtime::__codegen::http::Resource for Doc {
    type Create = CreateDocInput;
    type Update = UpdateDocInput;
    const ROUTE: &'static str = "docs";
    const PAGED: bool = false;
    const SHAPE: ::cstack_runtime::__codegen::http::ModelShape =
        ::cstack_runtime::__codegen::http::ModelShape {
            descriptor: &DESCRIPTOR,
            hidden: &[],
            relations: &[
                ::cstack_runtime::__codegen::http::RelationShape {
                    name: "team",
                    target: &crate::team::DESCRIPTOR,
                    target_hidden: &[],
                },
                ::cstack_runtime::__codegen::http::RelationShape {
                    name: "comments",
                    target: &crate::comment::DESCRIPTOR,
                    target_hidden: &[],
                },
            ],
            enums: crate::http::ENUM_SHAPES,
        };
    fn include(relation: &str) -> Option<::cstack_runtime::Include<Self>> {
        match relation {
            "team" => Some(team().into()),
            "comments" => Some(comments().into()),
            _ => None,
        }
    }
}
