//! The schema's HTTP service: `router(db, options)` serves every model with a key and every procedure, wire-compatible with upstream CrateStack's clients (see the runtime's `http` module).
pub use ::cstack_runtime::http::*;

/// Every enum's SQL type and variants, for filter values.
pub(crate) const ENUM_SHAPES: &[::cstack_runtime::__codegen::http::EnumShape] =
    &[::cstack_runtime::__codegen::http::EnumShape {
        type_name: "role",
        variants: &["Reader", "Writer", "Admin"],
    }];

/// How each procedure is served.
pub const PROCEDURE_ROUTES: &[::cstack_runtime::__codegen::http::ProcedureRoute] = &[];

/// The service's description.
fn spec() -> ::cstack_runtime::__codegen::http::Spec {
    #[allow(unused_mut)]
    let mut spec = ::cstack_runtime::__codegen::http::Spec::new(Transport::Rest, PROCEDURE_ROUTES);
    spec.model::<crate::member::Member>();
    spec.model::<crate::article::Article>();
    spec.model::<crate::sample::Sample>();
    spec.model::<crate::setting::Setting>();
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
