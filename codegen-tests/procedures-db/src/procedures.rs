//! The schema's procedures: one `…Args` struct (with its `POLICIES`) and `…Output` type each; the `Procedures` trait an application implements and the `ProcedureDispatcher` that serves it.
/// Notes of the caller, filtered by the caller's query.
/// The arguments of the query procedure `myNotes`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyNotesArgs {
    #[serde(rename = "query")]
    pub query: ::cstack_runtime::FindManyArgs<crate::note::Note>,
}

impl MyNotesArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for MyNotesArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        ::cstack_runtime::__codegen::policy_json_member(
            &::cstack_runtime::serde_json::to_value(self).ok()?,
            path,
        )
        .filter(|v| !v.is_null())
    }
}

/// What `myNotes` returns.
pub type MyNotesOutput = Vec<crate::note::Note>;

/// The arguments of the query procedure `notePage`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotePageArgs {
    #[serde(rename = "page")]
    pub page: ::cstack_runtime::PageInput,
    #[serde(rename = "owner")]
    pub owner: String,
}

impl NotePageArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                right: ::cstack_runtime::__codegen::Operand::Column {
                    name: "owner",
                    kind: ::cstack_runtime::Kind::Text,
                    nullable: false,
                },
            },
        },
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::HasRole("admin"),
        },
    ];
}

impl ::cstack_runtime::__codegen::ProcedureInput for NotePageArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["owner"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.owner)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `notePage` returns.
pub type NotePageOutput = ::cstack_runtime::Page<crate::note::Note>;

/// The arguments of the query procedure `countNotes`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountNotesArgs {
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "limit")]
    pub limit: i64,
}

impl CountNotesArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
        },
        ::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Column {
                    name: "limit",
                    kind: ::cstack_runtime::Kind::Int,
                    nullable: false,
                },
                op: ::cstack_runtime::__codegen::CmpOp::Gt,
                right: ::cstack_runtime::__codegen::Operand::Literal(
                    ::cstack_runtime::__codegen::Literal::Int(100),
                ),
            },
        },
    ];
}

impl ::cstack_runtime::__codegen::ProcedureInput for CountNotesArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["owner"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.owner)),
            ["limit"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.limit)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `countNotes` returns.
pub type CountNotesOutput = i64;

/// The arguments of the mutation procedure `createNotes`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateNotesArgs {
    #[serde(rename = "owner")]
    pub owner: String,
    #[serde(rename = "titles", default)]
    pub titles: Vec<String>,
    #[serde(rename = "failAfter", default, skip_serializing_if = "Option::is_none")]
    pub fail_after: Option<i64>,
}

impl CreateNotesArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::And(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Auth { path: &["id"] },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Column {
                        name: "owner",
                        kind: ::cstack_runtime::Kind::Text,
                        nullable: false,
                    },
                },
                ::cstack_runtime::__codegen::PolicyExpr::InTenant("t1"),
            ]),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for CreateNotesArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["owner"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.owner)),
            ["failAfter"] => self
                .fail_after
                .as_ref()
                .map(::cstack_runtime::__codegen::ToValue::to_value),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `createNotes` returns.
pub type CreateNotesOutput = Vec<crate::note::Note>;

/// The arguments of the mutation procedure `publish`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishArgs {
    #[serde(rename = "args")]
    pub args: crate::types::Publish,
}

impl PublishArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] = &[
        ::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Column {
                    name: "args.publishNow",
                    kind: ::cstack_runtime::Kind::Bool,
                    nullable: false,
                },
                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                right: ::cstack_runtime::__codegen::Operand::Literal(
                    ::cstack_runtime::__codegen::Literal::Bool(true),
                ),
            },
        },
        ::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Authenticated(false),
        },
    ];
}

impl ::cstack_runtime::__codegen::ProcedureInput for PublishArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        ::cstack_runtime::__codegen::policy_json_member(
            &::cstack_runtime::serde_json::to_value(self).ok()?,
            path,
        )
        .filter(|v| !v.is_null())
    }
}

/// What `publish` returns.
pub type PublishOutput = bool;

/// The arguments of the query procedure `forbidden`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenArgs {
    #[serde(rename = "owner")]
    pub owner: String,
}

impl ForbiddenArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: false,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Compare {
                left: ::cstack_runtime::__codegen::Operand::Column {
                    name: "owner",
                    kind: ::cstack_runtime::Kind::Text,
                    nullable: false,
                },
                op: ::cstack_runtime::__codegen::CmpOp::Eq,
                right: ::cstack_runtime::__codegen::Operand::Literal(
                    ::cstack_runtime::__codegen::Literal::Text("x"),
                ),
            },
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for ForbiddenArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["owner"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.owner)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `forbidden` returns.
pub type ForbiddenOutput = i64;

/// The arguments of the query procedure `byStatus`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByStatusArgs {
    #[serde(rename = "status")]
    pub status: crate::enums::Status,
}

impl ByStatusArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Or(&[
                ::cstack_runtime::__codegen::PolicyExpr::Compare {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "status",
                        kind: ::cstack_runtime::Kind::Enum("status"),
                        nullable: false,
                    },
                    op: ::cstack_runtime::__codegen::CmpOp::Eq,
                    right: ::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Enum {
                            type_name: "status",
                            variant: "Published",
                        },
                    ),
                },
                ::cstack_runtime::__codegen::PolicyExpr::In {
                    left: ::cstack_runtime::__codegen::Operand::Column {
                        name: "status",
                        kind: ::cstack_runtime::Kind::Enum("status"),
                        nullable: false,
                    },
                    values: &[::cstack_runtime::__codegen::Operand::Literal(
                        ::cstack_runtime::__codegen::Literal::Enum {
                            type_name: "status",
                            variant: "Draft",
                        },
                    )],
                    negated: false,
                },
            ]),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for ByStatusArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["status"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.status)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `byStatus` returns.
pub type ByStatusOutput = i64;

/// The schema's procedures, implemented by the application. Each method gets the database acting in the caller's context (model policies apply to what it reads and writes) and the decoded arguments; the [`ProcedureDispatcher`] has checked the procedure's `@allow` / `@deny` rules before it is called. A mutation's `db` is a transaction: committed when the method returns `Ok`, rolled back on `Err`.
#[cfg(any(feature = "postgres", feature = "sqlite", feature = "mysql"))]
pub trait Procedures: Send + Sync {
    /// `myNotes`. A query: `db` is not in a transaction.
    fn my_notes(
        &self,
        db: &crate::Db,
        args: MyNotesArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<MyNotesOutput>> + Send;
    /// `notePage`. A query: `db` is not in a transaction.
    fn note_page(
        &self,
        db: &crate::Db,
        args: NotePageArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<NotePageOutput>> + Send;
    /// `countNotes`. A query: `db` is not in a transaction.
    fn count_notes(
        &self,
        db: &crate::Db,
        args: CountNotesArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<CountNotesOutput>> + Send;
    /// `createNotes`. A mutation: `db` is a transaction.
    fn create_notes(
        &self,
        db: &crate::Db,
        args: CreateNotesArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<CreateNotesOutput>> + Send;
    /// `publish`. A mutation: `db` is a transaction.
    fn publish(
        &self,
        db: &crate::Db,
        args: PublishArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<PublishOutput>> + Send;
    /// `forbidden`. A query: `db` is not in a transaction.
    fn forbidden(
        &self,
        db: &crate::Db,
        args: ForbiddenArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<ForbiddenOutput>> + Send;
    /// `byStatus`. A query: `db` is not in a transaction.
    fn by_status(
        &self,
        db: &crate::Db,
        args: ByStatusArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<ByStatusOutput>> + Send;
}

/// Serves a [`Procedures`] implementation: every call checks the procedure's rules against its arguments and `db`'s context first (a denied call is `Error::Forbidden` and the implementation is not called), and runs mutations in a transaction.
#[cfg(any(feature = "postgres", feature = "sqlite", feature = "mysql"))]
pub struct ProcedureDispatcher<P> {
    procedures: P,
}

#[cfg(any(feature = "postgres", feature = "sqlite", feature = "mysql"))]
impl<P: Procedures> ProcedureDispatcher<P> {
    pub fn new(procedures: P) -> Self {
        Self { procedures }
    }
    /// The implementation.
    pub fn procedures(&self) -> &P {
        &self.procedures
    }
    pub fn into_inner(self) -> P {
        self.procedures
    }
    /// Calls `myNotes` if its rules admit `args` in `db`'s context.
    pub async fn call_my_notes(
        &self,
        db: &crate::Db,
        args: MyNotesArgs,
    ) -> ::cstack_runtime::Result<MyNotesOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "myNotes",
            MyNotesArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.my_notes(db, args).await
    }
    /// Calls `notePage` if its rules admit `args` in `db`'s context.
    pub async fn call_note_page(
        &self,
        db: &crate::Db,
        args: NotePageArgs,
    ) -> ::cstack_runtime::Result<NotePageOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "notePage",
            NotePageArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.note_page(db, args).await
    }
    /// Calls `countNotes` if its rules admit `args` in `db`'s context.
    pub async fn call_count_notes(
        &self,
        db: &crate::Db,
        args: CountNotesArgs,
    ) -> ::cstack_runtime::Result<CountNotesOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "countNotes",
            CountNotesArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.count_notes(db, args).await
    }
    /// Calls `createNotes` if its rules admit `args` in `db`'s context.
    pub async fn call_create_notes(
        &self,
        db: &crate::Db,
        args: CreateNotesArgs,
    ) -> ::cstack_runtime::Result<CreateNotesOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "createNotes",
            CreateNotesArgs::POLICIES,
            db.context(),
            &args,
        )?;
        db.transaction(|tx| async move { self.procedures.create_notes(&tx, args).await })
            .await
    }
    /// Calls `publish` if its rules admit `args` in `db`'s context.
    pub async fn call_publish(
        &self,
        db: &crate::Db,
        args: PublishArgs,
    ) -> ::cstack_runtime::Result<PublishOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "publish",
            PublishArgs::POLICIES,
            db.context(),
            &args,
        )?;
        db.transaction(|tx| async move { self.procedures.publish(&tx, args).await })
            .await
    }
    /// Calls `forbidden` if its rules admit `args` in `db`'s context.
    pub async fn call_forbidden(
        &self,
        db: &crate::Db,
        args: ForbiddenArgs,
    ) -> ::cstack_runtime::Result<ForbiddenOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "forbidden",
            ForbiddenArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.forbidden(db, args).await
    }
    /// Calls `byStatus` if its rules admit `args` in `db`'s context.
    pub async fn call_by_status(
        &self,
        db: &crate::Db,
        args: ByStatusArgs,
    ) -> ::cstack_runtime::Result<ByStatusOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "byStatus",
            ByStatusArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.by_status(db, args).await
    }
    /// Calls the procedure named `name` (its schema spelling) with arguments decoded from `body` in `format`, and returns its result encoded in `format`. Arguments that do not decode are `Error::BadRequest`, an unknown name `Error::UnknownProcedure`.
    pub async fn dispatch(
        &self,
        db: &crate::Db,
        name: &str,
        format: ::cstack_runtime::Format,
        body: &[u8],
    ) -> ::cstack_runtime::Result<Vec<u8>> {
        match name {
            "myNotes" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<MyNotesArgs>(
                    name, format, body,
                )?;
                let output = self.call_my_notes(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "notePage" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<NotePageArgs>(
                    name, format, body,
                )?;
                let output = self.call_note_page(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "countNotes" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<CountNotesArgs>(
                    name, format, body,
                )?;
                let output = self.call_count_notes(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "createNotes" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<CreateNotesArgs>(
                    name, format, body,
                )?;
                let output = self.call_create_notes(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "publish" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<PublishArgs>(
                    name, format, body,
                )?;
                let output = self.call_publish(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "forbidden" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<ForbiddenArgs>(
                    name, format, body,
                )?;
                let output = self.call_forbidden(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "byStatus" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<ByStatusArgs>(
                    name, format, body,
                )?;
                let output = self.call_by_status(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            _ => Err(::cstack_runtime::Error::UnknownProcedure {
                name: name.to_string(),
            }),
        }
    }
}

/// Serves the procedures over HTTP (`http::Options::procedures`).
#[cfg(all(
    feature = "http",
    any(feature = "postgres", feature = "sqlite", feature = "mysql")
))]
impl<P: Procedures + 'static> ::cstack_runtime::__codegen::http::ProcedureService
    for ProcedureDispatcher<P>
{
    fn call<'a>(
        &'a self,
        handle: ::cstack_runtime::Handle,
        name: &'a str,
        format: ::cstack_runtime::Format,
        body: &'a [u8],
    ) -> ::std::pin::Pin<
        Box<
            dyn ::std::future::Future<
                    Output = Result<
                        ::cstack_runtime::__codegen::http::Output,
                        ::cstack_runtime::__codegen::http::ApiError,
                    >,
                > + Send
                + 'a,
        >,
    > {
        Box::pin(async move {
            let db = crate::Db::from_handle(handle);
            match name {
                "myNotes" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<MyNotesArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::items(
                        self.call_my_notes(&db, args).await?,
                    ))
                }
                "notePage" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<NotePageArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_note_page(&db, args).await?,
                    ))
                }
                "countNotes" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<CountNotesArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_count_notes(&db, args).await?,
                    ))
                }
                "createNotes" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<CreateNotesArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::items(
                        self.call_create_notes(&db, args).await?,
                    ))
                }
                "publish" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<PublishArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_publish(&db, args).await?,
                    ))
                }
                "forbidden" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<ForbiddenArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_forbidden(&db, args).await?,
                    ))
                }
                "byStatus" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<ByStatusArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_by_status(&db, args).await?,
                    ))
                }
                _ => Err(::cstack_runtime::__codegen::http::unknown(name)),
            }
        })
    }
}
