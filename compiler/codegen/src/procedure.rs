//! `src/procedures.rs` of a generated crate: per procedure an `…Args`
//! struct (with its `@allow`/`@deny` rules as `POLICIES` and the
//! `ProcedureInput` impl they read) and an `…Output` type; and, for a crate
//! with a database, the `Procedures` trait the application implements and
//! the `ProcedureDispatcher` that checks the rules before calling it, by
//! method or by name. Procedure rules compile to the model policy
//! descriptors (`cstack_runtime::__codegen::PolicyExpr`), with `Operand::Column`
//! naming an input path; the runtime evaluates them in Rust.

use crate::emit_model::doc;
use crate::names::{lit, model_path, pascal, snake_ident, snake_plain};
use crate::plan::{self, Storage};
use crate::policy::{auth_path, flatten, is_auth, kind_code, op_name, path_of};
use crate::{Target, names};
use cstack_compiler::syntax::ast::{Arity, BinaryOp};
use cstack_compiler::{
    ArgumentModel, FieldModel, Procedure, Scalar, SchemaModel, TypeModel, Value,
};
use std::fmt::Write;

const RT: &str = "::cstack_runtime";
const BACKEND: &str = "#[cfg(any(feature = \"postgres\", feature = \"sqlite\"))]\n";

/// The Rust type of a procedure argument or result value (one element).
pub fn value_type(ty: &TypeModel) -> String {
    match ty {
        TypeModel::Scalar(Scalar::PageInput) => format!("{RT}::PageInput"),
        TypeModel::Generic(Scalar::Page, inner) => format!("{RT}::Page<{}>", element(inner)),
        TypeModel::Generic(Scalar::FindMany, inner) => {
            format!("{RT}::FindManyArgs<{}>", model_path(inner))
        }
        other => plan::value_type(other).0,
    }
}

/// The path of the model or `type` named `name`.
fn element(name: &str) -> String {
    // `Page<T>` takes a model or a `type`; models live in their module.
    format!("crate::types::{}", names::type_name(name))
}

fn full_type(field: &FieldModel, schema: &SchemaModel) -> String {
    let mut inner = value_type(&field.ty);
    if let TypeModel::Generic(Scalar::Page, name) = &field.ty
        && schema.models.iter().any(|m| &m.name == name)
    {
        inner = format!("{RT}::Page<{}>", model_path(name));
    }
    match field.arity {
        Arity::List => format!("Vec<{inner}>"),
        Arity::Optional => format!("Option<{inner}>"),
        _ => inner,
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

pub fn procedures_file(schema: &SchemaModel, target: Target) -> Result<String, String> {
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
        out += &args_item(procedure, name, schema, allow)?;
    }
    if target != Target::NoDatabase {
        out += &trait_item(schema, &names, allow);
        out += &dispatcher_item(schema, &names, allow);
    }
    Ok(out)
}

fn args_item(
    procedure: &Procedure,
    name: &Names,
    schema: &SchemaModel,
    allow: &str,
) -> Result<String, String> {
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
         #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\npub struct {base}Args {{",
        procedure.name
    );
    let mut direct = String::new();
    for parameter in &procedure.parameters {
        let inner = value_type(&parameter.ty);
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
            full_type(parameter, schema)
        );
        let (_, storage) = plan::value_type(&parameter.ty);
        let is_direct = matches!(storage, Storage::Direct(_) | Storage::Enum(_))
            && !matches!(parameter.ty, TypeModel::Generic(..))
            && !matches!(parameter.ty, TypeModel::Scalar(Scalar::PageInput))
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
    let scope = Scope { procedure, schema };
    let mut rules = Vec::new();
    for attribute in &procedure.attributes {
        let allow_rule = match (attribute.is_block, attribute.name.as_str()) {
            (false, "allow") => true,
            (false, "deny") => false,
            _ => continue,
        };
        let Some(ArgumentModel { value, .. }) =
            attribute.arguments.as_deref().and_then(|a| a.first())
        else {
            return Err(format!(
                "a policy of procedure `{}` needs a condition",
                procedure.name
            ));
        };
        let expr = scope
            .expr(value)
            .map_err(|e| format!("policy of procedure `{}`: {e}", procedure.name))?;
        rules.push(format!(
            "{RT}::__codegen::Policy {{ allow: {allow_rule}, actions: {RT}::__codegen::action::ALL, expr: {expr} }}"
        ));
    }
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
        full_type(&procedure.returns, schema)
    );
    Ok(out)
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
        let _ = writeln!(
            out,
            "/// `{}`. {how}\nfn {}(&self, db: &crate::Db, args: {base}Args) -> impl ::std::future::Future<Output = {RT}::Result<{base}Output>> + Send;",
            procedure.name,
            name.method,
            base = name.base
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
             pub async fn {1}(&self, db: &crate::Db, args: {2}Args) -> {RT}::Result<{2}Output> {{\n\
             {RT}::__codegen::procedure::authorize({3}, {2}Args::POLICIES, db.context(), &args)?;\n{call}\n}}\n",
            procedure.name,
            name.call,
            name.base,
            lit(&procedure.name)
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
        let _ = writeln!(
            out,
            "{0} => {{\nlet args = {RT}::__codegen::procedure::decode_args::<{1}Args>(name, format, body)?;\n\
             let output = self.{2}(db, args).await?;\n{RT}::__codegen::procedure::encode_output(name, format, &output)\n}}",
            lit(&procedure.name),
            name.base,
            name.call
        );
    }
    out += &format!(
        "_ => Err({RT}::Error::UnknownProcedure {{ name: name.to_string() }}),\n}}\n}}\n}}\n"
    );
    out
}

struct Scope<'s> {
    procedure: &'s Procedure,
    schema: &'s SchemaModel,
}

/// A resolved input path: the joined schema path, its storage, whether it
/// may be absent.
struct Input {
    path: String,
    storage: Storage,
    nullable: bool,
}

impl Scope<'_> {
    fn expr(&self, value: &Value) -> Result<String, String> {
        Ok(match value {
            Value::Bool(b) => format!("{RT}::__codegen::PolicyExpr::Bool({b})"),
            Value::Binary(op @ (BinaryOp::And | BinaryOp::Or), _, _) => {
                let mut items = Vec::new();
                flatten(value, *op, &mut items);
                let items = items
                    .into_iter()
                    .map(|v| self.expr(v))
                    .collect::<Result<Vec<_>, _>>()?;
                let name = if *op == BinaryOp::And { "And" } else { "Or" };
                format!(
                    "{RT}::__codegen::PolicyExpr::{name}(&[{}])",
                    items.join(", ")
                )
            }
            Value::Not(inner) => {
                format!("{RT}::__codegen::PolicyExpr::Not(&{})", self.expr(inner)?)
            }
            Value::Call(callee, args) => self.call(callee, args)?,
            Value::Binary(op, left, right) => self.comparison(*op, left, right)?,
            Value::In {
                negated,
                left,
                right,
            } => {
                let Value::Array(items) = &**right else {
                    return Err("`in` needs a list".to_string());
                };
                let lhs = self.operand(left, None)?;
                let values = items
                    .iter()
                    .map(|item| self.operand(item, lhs.1.as_ref()).map(|c| c.0))
                    .collect::<Result<Vec<_>, _>>()?;
                format!(
                    "{RT}::__codegen::PolicyExpr::In {{ left: {}, values: &[{}], negated: {negated} }}",
                    lhs.0,
                    values.join(", ")
                )
            }
            // A Boolean input: `x == true`.
            Value::Ident(_) | Value::Member(..) => {
                self.comparison(BinaryOp::Eq, value, &Value::Bool(true))?
            }
            other => return Err(format!("`{other:?}` is not a condition")),
        })
    }

    fn call(&self, callee: &Value, args: &[ArgumentModel]) -> Result<String, String> {
        let name = match callee {
            Value::Ident(name) => name.as_str(),
            Value::Member(object, property) if is_auth(object) => property.as_str(),
            _ => "",
        };
        let text = match args.first().map(|a| &a.value) {
            Some(Value::String(text)) => Some(text.as_str()),
            _ => None,
        };
        match (name, text) {
            ("hasRole", Some(role)) => Ok(format!(
                "{RT}::__codegen::PolicyExpr::HasRole({})",
                lit(role)
            )),
            ("inTenant", Some(tenant)) => Ok(format!(
                "{RT}::__codegen::PolicyExpr::InTenant({})",
                lit(tenant)
            )),
            ("isSystem", None) => Ok(format!("{RT}::__codegen::PolicyExpr::IsSystem")),
            _ => Err(format!("unsupported policy function `{name}`")),
        }
    }

    fn comparison(&self, op: BinaryOp, left: &Value, right: &Value) -> Result<String, String> {
        if is_auth(left) || is_auth(right) {
            let other = if is_auth(left) { right } else { left };
            if matches!(other, Value::Null) {
                return Ok(format!(
                    "{RT}::__codegen::PolicyExpr::Authenticated({})",
                    op == BinaryOp::Ne
                ));
            }
            return Err("`auth()` can only be compared with `null` in a procedure".to_string());
        }
        // Type literals by the side that is not one.
        let left_storage = self.storage_of(left);
        let right_storage = self.storage_of(right);
        let lhs = self.operand(left, right_storage.as_ref())?;
        let rhs = self.operand(right, left_storage.as_ref().or(lhs.1.as_ref()))?;
        Ok(format!(
            "{RT}::__codegen::PolicyExpr::Compare {{ left: {}, op: {RT}::__codegen::CmpOp::{}, right: {} }}",
            lhs.0,
            op_name(op),
            rhs.0
        ))
    }

    /// The storage of an input or `auth()` member, `None` for a literal.
    fn storage_of(&self, value: &Value) -> Option<Storage> {
        if let Some(path) = auth_path(value) {
            let auth = self.schema.auth.as_ref()?;
            let field = auth.fields.iter().find(|f| f.name == path[0])?;
            return (path.len() == 1).then(|| plan::value_type(&field.ty).1);
        }
        self.input(&path_of(value)?).map(|input| input.storage)
    }

    /// `a.b` as an input path: argument `a`, then fields of its `type`; a
    /// name that is no argument is looked up in the argument `args`.
    fn input(&self, path: &[String]) -> Option<Input> {
        let parameters = &self.procedure.parameters;
        let (parameter, full) = match parameters.iter().find(|p| p.name == path[0]) {
            Some(parameter) => (parameter, path.to_vec()),
            None => {
                let args = parameters.iter().find(|p| p.name == "args")?;
                let mut full = vec!["args".to_string()];
                full.extend(path.iter().cloned());
                (args, full)
            }
        };
        let mut field: &FieldModel = parameter;
        let mut nullable = parameter.arity == Arity::Optional;
        for segment in &full[1..] {
            let TypeModel::Type(name) = &field.ty else {
                return None;
            };
            let record = self.schema.types.iter().find(|t| &t.name == name)?;
            field = record.fields.iter().find(|f| &f.name == segment)?;
            nullable |= field.arity == Arity::Optional;
        }
        Some(Input {
            path: full.join("."),
            storage: plan::value_type(&field.ty).1,
            nullable,
        })
    }

    /// An operand and its storage; `other` types a literal.
    fn operand(
        &self,
        value: &Value,
        other: Option<&Storage>,
    ) -> Result<(String, Option<Storage>), String> {
        let literal = |code: String| {
            Ok((
                format!("{RT}::__codegen::Operand::Literal({RT}::__codegen::Literal::{code})"),
                None,
            ))
        };
        match value {
            Value::Null => Ok((format!("{RT}::__codegen::Operand::Null"), None)),
            Value::Bool(b) => literal(format!("Bool({b})")),
            Value::String(text) => match other {
                Some(Storage::Enum(type_name)) => literal(format!(
                    "Enum {{ type_name: {type_name:?}, variant: {} }}",
                    lit(text)
                )),
                _ => literal(format!("Text({})", lit(text))),
            },
            Value::Number(text) => match other {
                Some(Storage::Direct("Decimal")) => literal(format!("Decimal({})", lit(text))),
                Some(Storage::Direct("Float")) => literal(format!(
                    "Float({}f64)",
                    text.parse::<f64>().map_err(|e| e.to_string())?
                )),
                None if text.contains('.') => literal(format!("Decimal({})", lit(text))),
                _ => literal(format!(
                    "Int({})",
                    text.parse::<i64>()
                        .map_err(|_| format!("`{text}` is not an integer"))?
                )),
            },
            _ if auth_path(value).is_some() => {
                let path = auth_path(value).unwrap_or_default();
                Ok((
                    format!(
                        "{RT}::__codegen::Operand::Auth {{ path: &[{}] }}",
                        path.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
                    ),
                    self.storage_of(value),
                ))
            }
            Value::Ident(_) | Value::Member(..) => {
                let path = path_of(value).ok_or("unsupported operand")?;
                if let Some(input) = self.input(&path) {
                    return Ok((
                        format!(
                            "{RT}::__codegen::Operand::Column {{ name: {}, kind: {}, nullable: {} }}",
                            lit(&input.path),
                            kind_code(&input.storage),
                            input.nullable
                        ),
                        Some(input.storage),
                    ));
                }
                match (other, path.as_slice()) {
                    // A bare word against an enum input is one of its variants.
                    (Some(Storage::Enum(type_name)), [word]) => literal(format!(
                        "Enum {{ type_name: {type_name:?}, variant: {} }}",
                        lit(word)
                    )),
                    _ => Err(format!("unknown input `{}`", path.join("."))),
                }
            }
            other => Err(format!("`{other:?}` cannot be compared in a policy")),
        }
    }
}
