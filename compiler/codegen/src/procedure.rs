//! `src/procedures.rs` of a generated crate: per procedure an `…Args`
//! struct (with its `@allow`/`@deny` rules as `POLICIES` and the
//! `ProcedureInput` impl they read) and an `…Output` type; and, for a crate
//! with a database, the `Procedures` trait the application implements and
//! the `ProcedureDispatcher` that checks the rules before calling it, by
//! method or by name. Procedure rules compile to the model policy
//! descriptors (`cstack_runtime::PolicyExpr`), with `Operand::Column`
//! naming an input path; the runtime evaluates them in Rust.

use crate::Target;
use crate::emit_model::doc;
use crate::names::{lit, pascal, snake_ident, snake_plain};
use crate::plan::{self, Storage};
use crate::policy::{Scope, Writer};
use cstack_compiler::SchemaModel;
use cstack_compiler::model::Procedure;
use cstack_compiler::syntax::ast::Arity;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";
const BACKEND: &str = concat!("#[cfg(", any_backend!(), ")]\n");

/// The Rust type of a procedure argument or result written with `arity`.
fn full_type(storage: &cstack_compiler::Storage, arity: Arity) -> String {
    let inner = plan::rust_type(&storage.rust);
    match arity {
        Arity::List => format!("Vec<{inner}>"),
        Arity::Optional => format!("Option<{inner}>"),
        Arity::Required => inner,
    }
}

/// An `@stream` query: its implementation returns the items as a stream.
fn streams(procedure: &Procedure) -> bool {
    procedure.stream && !procedure.mutation
}

/// What the implementation of `procedure` returns (inside `Result`).
fn returned(procedure: &Procedure, base: &str) -> String {
    if streams(procedure) {
        format!(
            "{RT}::ItemStream<{}>",
            full_type(&procedure.returns.storage(), Arity::Required)
        )
    } else {
        format!("{base}Output")
    }
}

struct Names {
    /// `PublishPost`: the prefix of `…Args` / `…Output`.
    base: String,
    /// `publish_post`: the trait method.
    method: String,
    /// `call_publish_post`: the dispatcher method.
    call: String,
}

fn names_of(schema: &SchemaModel) -> (Vec<Names>, bool) {
    let pascals: Vec<String> = schema.procedures.iter().map(|p| pascal(&p.name)).collect();
    let snakes: Vec<String> = schema
        .procedures
        .iter()
        .map(|p| snake_plain(&p.name))
        .collect();
    let unique = |items: &[String]| {
        let mut seen = std::collections::HashSet::new();
        items.iter().all(|n| seen.insert(n.clone()))
    };
    // Names that would collide after case conversion keep their spelling.
    let distinct = unique(&pascals) && unique(&snakes);
    let names = schema
        .procedures
        .iter()
        .zip(pascals.iter().zip(&snakes))
        .map(|(p, (pascal, snake))| {
            if distinct {
                Names {
                    base: pascal.trim_start_matches("r#").to_string(),
                    method: snake_ident(&p.name),
                    call: format!("call_{snake}"),
                }
            } else {
                Names {
                    base: p.name.clone(),
                    method: format!("r#{}", p.name).replace("r#r#", "r#"),
                    call: format!("call_{}", p.name),
                }
            }
        })
        .collect();
    (names, distinct)
}

pub fn procedures_file(schema: &SchemaModel, target: Target) -> String {
    let mut out = String::from(
        "//! The schema's procedures: one `…Args` struct (with its `POLICIES`) and `…Output` type each; \
         the `Procedures` trait an application implements and the `ProcedureDispatcher` that serves it.\n\n",
    );
    let (names, distinct) = names_of(schema);
    let allow = if distinct {
        ""
    } else {
        "#[allow(non_camel_case_types, non_snake_case)]\n"
    };
    for (procedure, name) in schema.procedures.iter().zip(&names) {
        out += &args_item(procedure, name, schema, allow);
    }
    if target != Target::NoDatabase {
        out += &trait_item(schema, &names, allow);
        out += &dispatcher_item(schema, &names, allow);
        let calls: Vec<(String, String)> = names
            .iter()
            .map(|n| (n.call.clone(), n.base.clone()))
            .collect();
        out += &crate::http::procedure_service(schema, &calls);
    }
    out
}

fn args_item(procedure: &Procedure, name: &Names, schema: &SchemaModel, allow: &str) -> String {
    let base = &name.base;
    let kind = if procedure.mutation {
        "mutation"
    } else {
        "query"
    };
    let mut out = doc(procedure.docs.as_deref());
    let _ = writeln!(
        out,
        "/// The arguments of the {kind} procedure `{}`.\n{allow}\
         #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n#[serde(deny_unknown_fields)]\npub struct {base}Args {{",
        procedure.name
    );
    let mut direct = String::new();
    for parameter in &procedure.parameters {
        let inner = plan::rust_type(&parameter.storage().rust);
        let bytes = crate::wire::bytes_attributes(&inner, false);
        let extra = match parameter.arity {
            Arity::List => ", default",
            Arity::Optional => ", default, skip_serializing_if = \"Option::is_none\"",
            _ => "",
        };
        out += &doc(parameter.docs.as_deref());
        let field = snake_ident(&parameter.name);
        let _ = writeln!(
            out,
            "#[serde(rename = {}{extra}{bytes})]\npub {field}: {},",
            lit(&parameter.name),
            full_type(&parameter.storage(), parameter.arity)
        );
        let is_direct = !matches!(Storage::of(&parameter.storage()), Storage::Json)
            && parameter.arity != Arity::List;
        if is_direct {
            let read = if parameter.arity == Arity::Optional {
                format!("self.{field}.as_ref().map({RT}::__codegen::ToValue::to_value)")
            } else {
                format!("Some({RT}::__codegen::ToValue::to_value(&self.{field}))")
            };
            let _ = writeln!(direct, "[{}] => {read},", lit(&parameter.name));
        }
    }
    out += "}\n\n";
    let writer = Writer {
        schema,
        scope: Scope::Procedure,
    };
    let rules: Vec<String> = procedure
        .rules
        .iter()
        .map(|rule| {
            format!(
                "{RT}::__codegen::Policy {{ allow: {}, actions: {RT}::__codegen::action::ALL, expr: {} }}",
                rule.allow,
                writer.condition(&rule.condition)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "impl {base}Args {{\n\
         /// The procedure's `@allow` / `@deny` rules; without an allow rule every call is denied.\n\
         pub const POLICIES: &'static [{RT}::__codegen::Policy] = &[{}];\n}}\n",
        rules.join(",\n")
    );
    let fallback = format!(
        "{RT}::__codegen::policy_json_member(&{RT}::serde_json::to_value(self).ok()?, path)"
    );
    let body = if direct.is_empty() {
        fallback
    } else {
        format!("match path {{\n{direct}_ => {fallback},\n}}")
    };
    let _ = writeln!(
        out,
        "impl {RT}::__codegen::ProcedureInput for {base}Args {{\n\
         fn input(&self, path: &[&str]) -> Option<{RT}::Value> {{\n{body}.filter(|v| !v.is_null())\n}}\n}}\n"
    );
    let _ = writeln!(
        out,
        "/// What `{}` returns.\n{allow}pub type {base}Output = {};\n",
        procedure.name,
        full_type(&procedure.returns.storage(), procedure.returns.arity)
    );
    out
}

fn trait_item(schema: &SchemaModel, names: &[Names], allow: &str) -> String {
    let mut out = format!(
        "/// The schema's procedures, implemented by the application. Each method gets the database acting in the \
         caller's context (model policies apply to what it reads and writes) and the decoded arguments; the \
         [`ProcedureDispatcher`] has checked the procedure's `@allow` / `@deny` rules before it is called. A \
         mutation's `db` is a transaction: committed when the method returns `Ok`, rolled back on `Err`.\n\
         {BACKEND}{allow}pub trait Procedures: Send + Sync {{\n"
    );
    for (procedure, name) in schema.procedures.iter().zip(names) {
        let how = if procedure.mutation {
            "A mutation: `db` is a transaction."
        } else {
            "A query: `db` is not in a transaction."
        };
        let how = if streams(procedure) {
            "A query whose items are sent as they come (`@stream`)."
        } else {
            how
        };
        let _ = writeln!(
            out,
            "/// `{}`. {how}\nfn {}(&self, db: &crate::Db, args: {base}Args) -> impl ::std::future::Future<Output = {RT}::Result<{returned}>> + Send;",
            procedure.name,
            name.method,
            base = name.base,
            returned = returned(procedure, &name.base),
        );
    }
    out += "}\n\n";
    out
}

fn dispatcher_item(schema: &SchemaModel, names: &[Names], allow: &str) -> String {
    let mut out = format!(
        "/// Serves a [`Procedures`] implementation: every call checks the procedure's rules against its arguments \
         and `db`'s context first (a denied call is `Error::Forbidden` and the implementation is not called), \
         and runs mutations in a transaction.\n\
         {BACKEND}pub struct ProcedureDispatcher<P> {{\nprocedures: P,\n}}\n\n\
         {BACKEND}{allow}impl<P: Procedures> ProcedureDispatcher<P> {{\n\
         pub fn new(procedures: P) -> Self {{ Self {{ procedures }} }}\n\n\
         /// The implementation.\npub fn procedures(&self) -> &P {{ &self.procedures }}\n\n\
         pub fn into_inner(self) -> P {{ self.procedures }}\n\n"
    );
    for (procedure, name) in schema.procedures.iter().zip(names) {
        let call = if procedure.mutation {
            format!(
                "db.transaction(|tx| async move {{ self.procedures.{}(&tx, args).await }}).await",
                name.method
            )
        } else {
            format!("self.procedures.{}(db, args).await", name.method)
        };
        let _ = writeln!(
            out,
            "/// Calls `{0}` if its rules admit `args` in `db`'s context.\n\
             pub async fn {1}(&self, db: &crate::Db, args: {2}Args) -> {RT}::Result<{4}> {{\n\
             {RT}::__codegen::procedure::authorize({3}, {2}Args::POLICIES, db.context(), &args)?;\n{call}\n}}\n",
            procedure.name,
            name.call,
            name.base,
            lit(&procedure.name),
            returned(procedure, &name.base),
        );
    }
    out += &format!(
        "/// Calls the procedure named `name` (its schema spelling) with arguments decoded from `body` in \
         `format`, and returns its result encoded in `format`. Arguments that do not decode are \
         `Error::BadRequest`, an unknown name `Error::UnknownProcedure`.\n\
         pub async fn dispatch(&self, db: &crate::Db, name: &str, format: {RT}::Format, body: &[u8]) -> {RT}::Result<Vec<u8>> {{\n\
         match name {{\n"
    );
    for (procedure, name) in schema.procedures.iter().zip(names) {
        let output = if streams(procedure) {
            format!(
                "{RT}::__codegen::procedure::collect_stream(self.{}(db, args).await?).await?",
                name.call
            )
        } else {
            format!("self.{}(db, args).await?", name.call)
        };
        let _ = writeln!(
            out,
            "{0} => {{\nlet args = {RT}::__codegen::procedure::decode_args::<{1}Args>(name, format, body)?;\n\
             let output = {output};\n{RT}::__codegen::procedure::encode_output(name, format, &output)\n}}",
            lit(&procedure.name),
            name.base,
        );
    }
    out += &format!(
        "_ => Err({RT}::Error::UnknownProcedure {{ name: name.to_string() }}),\n}}\n}}\n}}\n"
    );
    out
}
