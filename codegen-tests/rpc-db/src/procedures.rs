//! The schema's procedures: one `…Args` struct (with its `POLICIES`) and `…Output` type each; the `Procedures` trait an application implements and the `ProcedureDispatcher` that serves it.
/// The arguments of the query procedure `add`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddArgs {
    #[serde(rename = "a")]
    pub a: i64,
    #[serde(rename = "b")]
    pub b: i64,
}

impl AddArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for AddArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["a"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.a)),
            ["b"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.b)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `add` returns.
pub type AddOutput = i64;

/// The arguments of the query procedure `booksByStatus`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BooksByStatusArgs {
    #[serde(rename = "status")]
    pub status: crate::enums::Status,
}

impl BooksByStatusArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for BooksByStatusArgs {
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

/// What `booksByStatus` returns.
pub type BooksByStatusOutput = Vec<crate::book::Book>;

/// The arguments of the query procedure `countdown`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountdownArgs {
    #[serde(rename = "from")]
    pub from: i64,
}

impl CountdownArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for CountdownArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["from"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.from)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `countdown` returns.
pub type CountdownOutput = Vec<i64>;

/// The arguments of the mutation procedure `publish`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishArgs {
    #[serde(rename = "id")]
    pub id: i64,
}

impl PublishArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Authenticated(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for PublishArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["id"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.id)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `publish` returns.
pub type PublishOutput = crate::book::Book;

/// The arguments of the query procedure `legacy`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyArgs {
    #[serde(rename = "a")]
    pub a: i64,
}

impl LegacyArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for LegacyArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["a"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.a)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `legacy` returns.
pub type LegacyOutput = i64;

/// The arguments of the query procedure `addV2`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddV2Args {
    #[serde(rename = "a")]
    pub a: i64,
    #[serde(rename = "b")]
    pub b: i64,
}

impl AddV2Args {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for AddV2Args {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["a"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.a)),
            ["b"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.b)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `addV2` returns.
pub type AddV2Output = i64;

/// The arguments of the query procedure `ping`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PingArgs {
    #[serde(rename = "n")]
    pub n: i64,
}

impl PingArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for PingArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["n"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.n)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `ping` returns.
pub type PingOutput = i64;

/// The arguments of the mutation procedure `touch`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TouchArgs {
    #[serde(rename = "n")]
    pub n: i64,
}

impl TouchArgs {
    /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.
    pub const POLICIES: &'static [::cstack_runtime::__codegen::Policy] =
        &[::cstack_runtime::__codegen::Policy {
            allow: true,
            actions: ::cstack_runtime::__codegen::action::ALL,
            expr: ::cstack_runtime::__codegen::PolicyExpr::Bool(true),
        }];
}

impl ::cstack_runtime::__codegen::ProcedureInput for TouchArgs {
    fn input(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["n"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.n)),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
        .filter(|v| !v.is_null())
    }
}

/// What `touch` returns.
pub type TouchOutput = i64;

/// The schema's procedures, implemented by the application. Each method gets the database acting in the caller's context (model policies apply to what it reads and writes) and the decoded arguments; the [`ProcedureDispatcher`] has checked the procedure's `@allow` / `@deny` rules before it is called. A mutation's `db` is a transaction: committed when the method returns `Ok`, rolled back on `Err`.
#[cfg(any(feature = "postgres", feature = "sqlite", feature = "mysql"))]
pub trait Procedures: Send + Sync {
    /// `add`. A query: `db` is not in a transaction.
    fn add(
        &self,
        db: &crate::Db,
        args: AddArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<AddOutput>> + Send;
    /// `booksByStatus`. A query: `db` is not in a transaction.
    fn books_by_status(
        &self,
        db: &crate::Db,
        args: BooksByStatusArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<BooksByStatusOutput>> + Send;
    /// `countdown`. A query whose items are sent as they come (`@stream`).
    fn countdown(
        &self,
        db: &crate::Db,
        args: CountdownArgs,
    ) -> impl ::std::future::Future<
        Output = ::cstack_runtime::Result<::cstack_runtime::ItemStream<i64>>,
    > + Send;
    /// `publish`. A mutation: `db` is a transaction.
    fn publish(
        &self,
        db: &crate::Db,
        args: PublishArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<PublishOutput>> + Send;
    /// `legacy`. A query: `db` is not in a transaction.
    fn legacy(
        &self,
        db: &crate::Db,
        args: LegacyArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<LegacyOutput>> + Send;
    /// `addV2`. A query: `db` is not in a transaction.
    fn add_v2(
        &self,
        db: &crate::Db,
        args: AddV2Args,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<AddV2Output>> + Send;
    /// `ping`. A query: `db` is not in a transaction.
    fn ping(
        &self,
        db: &crate::Db,
        args: PingArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<PingOutput>> + Send;
    /// `touch`. A mutation: `db` is a transaction.
    fn touch(
        &self,
        db: &crate::Db,
        args: TouchArgs,
    ) -> impl ::std::future::Future<Output = ::cstack_runtime::Result<TouchOutput>> + Send;
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
    /// Calls `add` if its rules admit `args` in `db`'s context.
    pub async fn call_add(
        &self,
        db: &crate::Db,
        args: AddArgs,
    ) -> ::cstack_runtime::Result<AddOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "add",
            AddArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.add(db, args).await
    }
    /// Calls `booksByStatus` if its rules admit `args` in `db`'s context.
    pub async fn call_books_by_status(
        &self,
        db: &crate::Db,
        args: BooksByStatusArgs,
    ) -> ::cstack_runtime::Result<BooksByStatusOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "booksByStatus",
            BooksByStatusArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.books_by_status(db, args).await
    }
    /// Calls `countdown` if its rules admit `args` in `db`'s context.
    pub async fn call_countdown(
        &self,
        db: &crate::Db,
        args: CountdownArgs,
    ) -> ::cstack_runtime::Result<::cstack_runtime::ItemStream<i64>> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "countdown",
            CountdownArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.countdown(db, args).await
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
    /// Calls `legacy` if its rules admit `args` in `db`'s context.
    pub async fn call_legacy(
        &self,
        db: &crate::Db,
        args: LegacyArgs,
    ) -> ::cstack_runtime::Result<LegacyOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "legacy",
            LegacyArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.legacy(db, args).await
    }
    /// Calls `addV2` if its rules admit `args` in `db`'s context.
    pub async fn call_add_v2(
        &self,
        db: &crate::Db,
        args: AddV2Args,
    ) -> ::cstack_runtime::Result<AddV2Output> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "addV2",
            AddV2Args::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.add_v2(db, args).await
    }
    /// Calls `ping` if its rules admit `args` in `db`'s context.
    pub async fn call_ping(
        &self,
        db: &crate::Db,
        args: PingArgs,
    ) -> ::cstack_runtime::Result<PingOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "ping",
            PingArgs::POLICIES,
            db.context(),
            &args,
        )?;
        self.procedures.ping(db, args).await
    }
    /// Calls `touch` if its rules admit `args` in `db`'s context.
    pub async fn call_touch(
        &self,
        db: &crate::Db,
        args: TouchArgs,
    ) -> ::cstack_runtime::Result<TouchOutput> {
        ::cstack_runtime::__codegen::procedure::authorize(
            "touch",
            TouchArgs::POLICIES,
            db.context(),
            &args,
        )?;
        db.transaction(|tx| async move { self.procedures.touch(&tx, args).await })
            .await
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
            "add" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<AddArgs>(
                    name, format, body,
                )?;
                let output = self.call_add(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "booksByStatus" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<BooksByStatusArgs>(
                    name, format, body,
                )?;
                let output = self.call_books_by_status(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "countdown" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<CountdownArgs>(
                    name, format, body,
                )?;
                let output = ::cstack_runtime::__codegen::procedure::collect_stream(
                    self.call_countdown(db, args).await?,
                )
                .await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "publish" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<PublishArgs>(
                    name, format, body,
                )?;
                let output = self.call_publish(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "legacy" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<LegacyArgs>(
                    name, format, body,
                )?;
                let output = self.call_legacy(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "addV2" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<AddV2Args>(
                    name, format, body,
                )?;
                let output = self.call_add_v2(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "ping" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<PingArgs>(
                    name, format, body,
                )?;
                let output = self.call_ping(db, args).await?;
                ::cstack_runtime::__codegen::procedure::encode_output(name, format, &output)
            }
            "touch" => {
                let args = ::cstack_runtime::__codegen::procedure::decode_args::<TouchArgs>(
                    name, format, body,
                )?;
                let output = self.call_touch(db, args).await?;
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
                "add" => {
                    let args = ::cstack_runtime::__codegen::http::decode::<AddArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_add(&db, args).await?,
                    ))
                }
                "booksByStatus" => {
                    let args = ::cstack_runtime::__codegen::http::decode::<BooksByStatusArgs>(
                        format, body,
                    )?;
                    Ok(::cstack_runtime::__codegen::http::Output::items(
                        self.call_books_by_status(&db, args).await?,
                    ))
                }
                "countdown" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<CountdownArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::stream(
                        self.call_countdown(&db, args).await?,
                    ))
                }
                "publish" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<PublishArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_publish(&db, args).await?,
                    ))
                }
                "legacy" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<LegacyArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_legacy(&db, args).await?,
                    ))
                }
                "addV2" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<AddV2Args>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_add_v2(&db, args).await?,
                    ))
                }
                "ping" => {
                    let args = ::cstack_runtime::__codegen::http::decode::<PingArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_ping(&db, args).await?,
                    ))
                }
                "touch" => {
                    let args =
                        ::cstack_runtime::__codegen::http::decode::<TouchArgs>(format, body)?;
                    Ok(::cstack_runtime::__codegen::http::Output::value(
                        self.call_touch(&db, args).await?,
                    ))
                }
                _ => Err(::cstack_runtime::__codegen::http::unknown(name)),
            }
        })
    }
}
