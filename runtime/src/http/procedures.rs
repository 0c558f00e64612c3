//! Procedures served over HTTP: each one's route attributes
//! ([`ProcedureRoute`], a table the generated crate exports), the
//! [`ProcedureService`] a generated `ProcedureDispatcher` implements, and
//! what a call answers ([`Output`]: a value, items, or a stream of items).

use crate::handle::Handle;
use crate::http::encode::Encode;
use crate::http::error::{ApiError, ErrorKind};
use crate::schema::codec::Format;
use crate::schema::error::Result;
use crate::schema::procedure::ItemStream;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use serde::Serialize;

/// How one procedure is served: from its attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcedureRoute {
    /// The schema's name.
    pub name: &'static str,
    pub mutation: bool,
    /// It returns `T[]`: `application/cbor-seq` is offered.
    pub returns_list: bool,
    /// `@stream`: items are sent as they are produced.
    pub stream: bool,
    /// `@status(code)`.
    pub status: Option<u16>,
    /// `@deprecated`, with its message when it has one.
    pub deprecated: Option<Option<&'static str>>,
    /// `@api_version("v")`: served under `/<v>/$procs/<name>`.
    pub api_version: Option<&'static str>,
    /// Not `@no_rate_limit`.
    pub rate_limited: bool,
    /// Not `@no_idempotency`.
    pub idempotent: bool,
}

/// What a procedure call answers.
pub enum Output {
    /// One value.
    Value(Box<dyn Encode>),
    /// A list, item by item (so it can be framed as a sequence).
    Items(Vec<Box<dyn Encode>>),
    /// A list produced while it is sent.
    Stream(BoxStream<'static, Result<Box<dyn Encode>>>),
}

impl Output {
    pub fn value<T: Serialize + Send + Sync + 'static>(value: T) -> Self {
        Output::Value(Box::new(value))
    }

    pub fn items<T: Serialize + Send + Sync + 'static>(items: Vec<T>) -> Self {
        Output::Items(
            items
                .into_iter()
                .map(|item| Box::new(item) as Box<dyn Encode>)
                .collect(),
        )
    }

    pub fn stream<T: Serialize + Send + Sync + 'static>(stream: ItemStream<T>) -> Self {
        Output::Stream(
            stream
                .map(|item| item.map(|item| Box::new(item) as Box<dyn Encode>))
                .boxed(),
        )
    }
}

/// Calls procedures by name: what a generated `ProcedureDispatcher`
/// implements under the crate's `http` feature.
pub trait ProcedureService: Send + Sync + 'static {
    /// Decodes `body` (in `format`) into the procedure's arguments and calls
    /// it on `handle` (whose context the procedure's rules are judged in).
    /// Arguments that do not decode are a codec error; an unknown name is a
    /// 404.
    fn call<'a>(
        &'a self,
        handle: Handle,
        name: &'a str,
        format: Format,
        body: &'a [u8],
    ) -> BoxFuture<'a, std::result::Result<Output, ApiError>>;
}

/// An unknown procedure name (for generated `call` arms).
pub fn unknown(name: &str) -> ApiError {
    ApiError::new(ErrorKind::NotFound, format!("unknown procedure `{name}`"))
}
