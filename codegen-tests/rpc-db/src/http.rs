//! The schema's HTTP service: `router(db, options)` serves every model with a key and every procedure, wire-compatible with upstream CrateStack's clients (see the runtime's `http` module).
pub use ::cstack_runtime::http::*;

/// Every enum's SQL type and variants, for filter values.
pub(crate) const ENUM_SHAPES: &[::cstack_runtime::__codegen::http::EnumShape] =
    &[::cstack_runtime::__codegen::http::EnumShape {
        type_name: "status",
        variants: &["Draft", "Published"],
    }];

/// How each procedure is served.
pub const PROCEDURE_ROUTES: &[::cstack_runtime::__codegen::http::ProcedureRoute] = &[
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "add",
        mutation: false,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "booksByStatus",
        mutation: false,
        returns_list: true,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "countdown",
        mutation: false,
        returns_list: true,
        stream: true,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "publish",
        mutation: true,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "legacy",
        mutation: false,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: Some(Some("use add")),
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "addV2",
        mutation: false,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "ping",
        mutation: false,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: false,
        idempotent: true,
    },
    ::cstack_runtime::__codegen::http::ProcedureRoute {
        name: "touch",
        mutation: true,
        returns_list: false,
        stream: false,
        status: None,
        deprecated: None,
        api_version: None,
        rate_limited: true,
        idempotent: false,
    },
];

/// The service's description.
fn spec() -> ::cstack_runtime::__codegen::http::Spec {
    #[allow(unused_mut)]
    let mut spec = ::cstack_runtime::__codegen::http::Spec::new(Transport::Rpc, PROCEDURE_ROUTES);
    spec.model::<crate::author::Author>();
    spec.subscribable::<crate::author::Author>();
    spec.model::<crate::book::Book>();
    spec.subscribable::<crate::book::Book>();
    spec.model::<crate::doc::Doc>();
    spec.model::<crate::entry::Entry>();
    spec
}

/// The router serving the schema on `db`: `Options::new(auth)` says how requests are authenticated, and sets the body limit, codecs, rate limiting, idempotency and the procedures' implementation.
pub fn router(db: crate::Db, options: Options) -> axum::Router {
    spec().router(db.handle().clone(), options)
}

/// What each route reads and writes, offering every codec of this build.
pub fn capabilities() -> Vec<RouteCapabilities> {
    spec().capabilities(::cstack_runtime::Format::AVAILABLE)
}
