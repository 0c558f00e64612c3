//! The generated crate's HTTP service (its `http` feature): per model with
//! a key a `Resource` impl (inputs, route segment, the shape the list
//! grammar checks names against, includes by name, the `@version`), the
//! `src/http.rs` module with the procedures' route table and `router()`,
//! and the `ProcedureService` impl of the dispatcher. Behaviour is the
//! runtime's `http` module; this is only the schema's description of it.

use crate::emit_model::has_delegate;
use crate::names::{lit, model_path, snake_ident, type_name};
use crate::plan;
use cstack_compiler::SchemaModel;
use cstack_compiler::Transport;
use cstack_compiler::generated::rest_route;
use cstack_compiler::syntax::ast::Arity;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";
const HTTP_CFG: &str = concat!("#[cfg(all(feature = \"http\", ", any_backend!(), "))]\n");

/// Whether `model` is served: a model (not a view) with a single key.
pub fn served(model: &plan::Model<'_>) -> bool {
    model.view.is_none() && has_delegate(model)
}

fn hidden(model: &plan::Model<'_>) -> String {
    let names: Vec<String> = model
        .fields
        .iter()
        .filter(|f| f.server_only)
        .map(|f| lit(&f.model.name))
        .collect();
    format!("&[{}]", names.join(", "))
}

/// The `Resource` impl of `model`; empty for a model that is not served.
pub fn resource_impl(
    model: &plan::Model<'_>,
    models: &[plan::Model<'_>],
    linkable: &dyn Fn(&str) -> bool,
) -> String {
    if !served(model) {
        return String::new();
    }
    let name = type_name(model.name);
    let paged = model.model.is_some_and(|m| m.paged);
    let relations: Vec<_> = model
        .relations
        .iter()
        .filter(|r| linkable(r.target))
        .collect();
    let mut shapes = String::new();
    let mut arms = String::new();
    for relation in &relations {
        let target = models.iter().find(|m| m.name == relation.target);
        let target_hidden = target.map_or_else(|| "&[]".to_string(), hidden);
        let module = snake_ident(relation.target);
        let _ = write!(
            shapes,
            "{RT}::__codegen::http::RelationShape {{ name: {}, target: &crate::{module}::DESCRIPTOR, target_hidden: {target_hidden} }},",
            lit(&relation.model.name),
        );
        let _ = write!(
            arms,
            "{} => Some({}().into()),",
            lit(&relation.model.name),
            relation.ident
        );
    }
    let version = model
        .version_field()
        .map(|f| {
            format!(
                "fn version(&self) -> Option<i64> {{ Some(self.{}) }}\n",
                f.ident
            )
        })
        .unwrap_or_default();
    format!(
        "\n/// `{model_name}` over HTTP (`crate::http::router`).\n{HTTP_CFG}\
         impl {RT}::__codegen::http::Resource for {name} {{\n\
         type Create = {create};\ntype Update = {update};\n\
         const ROUTE: &'static str = {route};\nconst PAGED: bool = {paged};\n\
         const SHAPE: {RT}::__codegen::http::ModelShape = {RT}::__codegen::http::ModelShape {{\n\
         descriptor: &DESCRIPTOR, hidden: {hidden}, relations: &[{shapes}], enums: crate::http::ENUM_SHAPES,\n}};\n\
         {include}{version}}}\n",
        include = if arms.is_empty() {
            String::new()
        } else {
            format!(
                "fn include(relation: &str) -> Option<{RT}::Include<Self>> {{\n\
                 match relation {{ {arms} _ => None }}\n}}\n"
            )
        },
        model_name = model.name,
        create = cstack_compiler::generated::create_input(model.name),
        update = cstack_compiler::generated::update_input(model.name),
        route = lit(&rest_route(model.name)),
        hidden = hidden(model),
    )
}

/// `src/http.rs`.
pub fn http_file(schema: &SchemaModel, models: &[plan::Model<'_>]) -> String {
    let mut out = String::from(
        "//! The schema's HTTP service: `router(db, options)` serves every model with a key and every \
         procedure, wire-compatible with upstream CrateStack's clients (see the runtime's `http` module).\n\n\
         pub use ::cstack_runtime::http::*;\n\n",
    );
    out += "/// Every enum's SQL type and variants, for filter values.\n";
    out += &format!("pub(crate) const ENUM_SHAPES: &[{RT}::__codegen::http::EnumShape] = &[\n");
    for enumeration in &schema.enums {
        let variants: Vec<String> = enumeration.variants.iter().map(|v| lit(v)).collect();
        let _ = writeln!(
            out,
            "{RT}::__codegen::http::EnumShape {{ type_name: {}, variants: &[{}] }},",
            lit(&enumeration.type_name),
            variants.join(", ")
        );
    }
    out += "];\n\n/// How each procedure is served.\n";
    out += &format!("pub const PROCEDURE_ROUTES: &[{RT}::__codegen::http::ProcedureRoute] = &[\n");
    for procedure in &schema.procedures {
        let option =
            |value: Option<&str>| value.map_or("None".to_string(), |v| format!("Some({})", lit(v)));
        let deprecated = match &procedure.deprecated {
            None => "None".to_string(),
            Some(message) => format!("Some({})", option(message.as_deref())),
        };
        let _ = writeln!(
            out,
            "{RT}::__codegen::http::ProcedureRoute {{ name: {}, mutation: {}, returns_list: {}, stream: {}, \
             status: {}, deprecated: {deprecated}, api_version: {}, rate_limited: {}, idempotent: {} }},",
            lit(&procedure.name),
            procedure.mutation,
            procedure.returns.arity == Arity::List,
            procedure.stream,
            procedure
                .status
                .map_or("None".to_string(), |s| format!("Some({s})")),
            option(procedure.api_version.as_deref()),
            !procedure.no_rate_limit,
            !procedure.no_idempotency,
        );
    }
    let transport = match schema.transport {
        Transport::Rest => "Rest",
        Transport::Rpc => "Rpc",
    };
    let mut served_models = String::new();
    for model in models.iter().filter(|m| served(m)) {
        let _ = writeln!(served_models, "spec.model::<{}>();", model_path(model.name));
        // `@@subscribe`: the checker has made sure of `@@emit` and `transport rpc`.
        if model.model.is_some_and(|m| m.subscribe) {
            let _ = writeln!(
                served_models,
                "spec.subscribable::<{}>();",
                model_path(model.name)
            );
        }
    }
    let _ = write!(
        out,
        "];\n\n/// The service's description.\nfn spec() -> {RT}::__codegen::http::Spec {{\n\
         #[allow(unused_mut)]\nlet mut spec = {RT}::__codegen::http::Spec::new(Transport::{transport}, PROCEDURE_ROUTES);\n\
         {served_models}spec\n}}\n\n\
         /// The router serving the schema on `db`: `Options::new(auth)` says how requests are authenticated, \
         and sets the body limit, codecs, rate limiting, idempotency and the procedures' implementation.\n\
         pub fn router(db: crate::Db, options: Options) -> axum::Router {{\n\
         spec().router(db.handle().clone(), options)\n}}\n\n\
         /// What each route reads and writes, offering every codec of this build.\n\
         pub fn capabilities() -> Vec<RouteCapabilities> {{\n\
         spec().capabilities({RT}::Format::AVAILABLE)\n}}\n"
    );
    out
}

/// The `ProcedureService` impl of the dispatcher: `(method, item type)`
/// per procedure, in schema order.
pub fn procedure_service(schema: &SchemaModel, calls: &[(String, String)]) -> String {
    let mut arms = String::new();
    for (procedure, (call, base)) in schema.procedures.iter().zip(calls) {
        let wrap = if procedure.stream && !procedure.mutation {
            "stream"
        } else if procedure.returns.arity == Arity::List {
            "items"
        } else {
            "value"
        };
        let _ = writeln!(
            arms,
            "{} => {{ let args = {RT}::__codegen::http::decode::<{base}Args>(format, body)?;\n\
             Ok({RT}::__codegen::http::Output::{wrap}(self.{call}(&db, args).await?)) }}",
            lit(&procedure.name),
        );
    }
    format!(
        "\n/// Serves the procedures over HTTP (`http::Options::procedures`).\n{HTTP_CFG}\
         impl<P: Procedures + 'static> {RT}::__codegen::http::ProcedureService for ProcedureDispatcher<P> {{\n\
         fn call<'a>(&'a self, handle: {RT}::Handle, name: &'a str, format: {RT}::Format, body: &'a [u8]) \
         -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<{RT}::__codegen::http::Output, {RT}::__codegen::http::ApiError>> + Send + 'a>> {{\n\
         Box::pin(async move {{\nlet db = crate::Db::from_handle(handle);\nmatch name {{\n{arms}\
         _ => Err({RT}::__codegen::http::unknown(name)),\n}}\n}})\n}}\n}}\n"
    )
}
