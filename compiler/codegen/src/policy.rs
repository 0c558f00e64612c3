//! Model policies: `@@allow` / `@@deny` compiled into the constant
//! `cstack_runtime::__codegen::Policy` descriptors a model's `Model` impl carries, and
//! the `Principal` impl of the schema's auth type that `auth()` reads.
//! Expressions were type-checked by the compiler; what this module cannot
//! express is reported as a build error naming the model.

use crate::names::{lit, model_path, snake_ident, type_name};
use crate::plan::{self, Model, Storage};
use cstack_compiler::syntax::ast::{Arity, BinaryOp};
use cstack_compiler::{ArgumentModel, SchemaModel, Value};
use std::fmt::Write;

const RT: &str = "::cstack_runtime";

/// `const POLICIES: ...;` for a model's `Model` impl, or nothing when the
/// model has no policy.
pub fn policies_const(model: &Model<'_>, schema: &SchemaModel) -> Result<String, String> {
    let mut rules = Vec::new();
    for attribute in &model.record.attributes {
        let allow = match (attribute.is_block, attribute.name.as_str()) {
            (true, "allow") => true,
            (true, "deny") => false,
            _ => continue,
        };
        let arguments = attribute.arguments.as_deref().unwrap_or_default();
        let (
            Some(ArgumentModel {
                value: Value::String(actions),
                ..
            }),
            Some(condition),
        ) = (arguments.first(), arguments.get(1))
        else {
            return Err(format!(
                "a policy of model `{}` needs an action and a condition",
                model.record.name
            ));
        };
        let mut bits = Vec::new();
        for action in actions.split(',').map(str::trim) {
            bits.push(match action {
                "read" => "READ",
                "list" => "LIST",
                "detail" => "DETAIL",
                "create" => "CREATE",
                "update" => "UPDATE",
                "delete" => "DELETE",
                "all" => "ALL",
                other => {
                    return Err(format!(
                        "unknown policy action `{other}` on model `{}`",
                        model.record.name
                    ));
                }
            });
        }
        let actions = bits
            .iter()
            .map(|b| format!("{RT}::__codegen::action::{b}"))
            .collect::<Vec<_>>()
            .join(" | ");
        let scope = Scope { model, schema };
        let expr = scope
            .expr(&condition.value)
            .map_err(|e| format!("policy of model `{}`: {e}", model.record.name))?;
        rules.push(format!(
            "{RT}::__codegen::Policy {{ allow: {allow}, actions: {actions}, expr: {expr} }}"
        ));
    }
    if rules.is_empty() {
        return Ok(String::new());
    }
    Ok(format!(
        "const POLICIES: &'static [{RT}::__codegen::Policy] = &[\n{}\n];\n",
        rules.join(",\n")
    ))
}

/// `impl Principal for` the auth type: direct members typed as the schema
/// declares them, deeper paths read from its JSON form.
pub fn principal_impl(schema: &SchemaModel) -> String {
    let Some(auth) = &schema.auth else {
        return String::new();
    };
    let name = type_name(&auth.name);
    let mut out = format!(
        "/// What policies read through `auth()`.\nimpl {RT}::Principal for {name} {{\n\
         fn member(&self, path: &[&str]) -> Option<{RT}::Value> {{\nmatch path {{\n"
    );
    for field in &auth.fields {
        let (_, storage) = plan::value_type(&field.ty);
        let direct =
            matches!(storage, Storage::Direct(_) | Storage::Enum(_)) && field.arity != Arity::List;
        if direct {
            let _ = writeln!(
                out,
                "[{}] => Some({RT}::__codegen::ToValue::to_value(&self.{})).filter(|v| !v.is_null()),",
                lit(&field.name),
                snake_ident(&field.name)
            );
        }
    }
    let _ = write!(
        out,
        "_ => {RT}::__codegen::policy_json_member(&{RT}::serde_json::to_value(self).ok()?, path),\n}}\n}}\n\
         fn as_any(&self) -> &(dyn ::std::any::Any + Send + Sync) {{ self }}\n}}\n"
    );
    out
}

struct Scope<'m, 's> {
    model: &'m Model<'s>,
    schema: &'s SchemaModel,
}

/// A compiled operand, with the column kind when it is a column.
struct Compiled {
    code: String,
    column: Option<(String, Storage)>,
}

pub(crate) fn is_auth(value: &Value) -> bool {
    matches!(value, Value::Call(callee, args) if args.is_empty() && matches!(&**callee, Value::Ident(n) if n == "auth"))
}

/// `a.b.c` as segments, `None` when not a plain path.
pub(crate) fn path_of(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Ident(name) => Some(vec![name.clone()]),
        Value::Member(object, property) => {
            let mut path = path_of(object)?;
            path.push(property.clone());
            Some(path)
        }
        _ => None,
    }
}

/// `auth().a.b` as `a`, `b`.
pub(crate) fn auth_path(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Member(object, property) if is_auth(object) => Some(vec![property.clone()]),
        Value::Member(object, property) => {
            let mut path = auth_path(object)?;
            path.push(property.clone());
            Some(path)
        }
        _ => None,
    }
}

pub(crate) fn op_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Eq => "Eq",
        BinaryOp::Ne => "Ne",
        BinaryOp::Lt => "Lt",
        BinaryOp::Le => "Lte",
        BinaryOp::Gt => "Gt",
        BinaryOp::Ge => "Gte",
        BinaryOp::And | BinaryOp::Or => "Eq",
    }
}

pub(crate) fn kind_code(storage: &Storage) -> String {
    match storage {
        Storage::Direct(kind) => format!("{RT}::Kind::{kind}"),
        Storage::Enum(type_name) => format!("{RT}::Kind::Enum({type_name:?})"),
        Storage::Json => format!("{RT}::Kind::Json"),
    }
}

impl<'m, 's> Scope<'m, 's> {
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
                self.membership(left, items, *negated)?
            }
            Value::Ident(_) | Value::Member(..) => {
                // A Boolean field (or relation path ending on one): `x == true`.
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

    /// Splits a relation path: `(relation, quantifier, rest)` when `path`
    /// starts with a relation of this model.
    fn relation_step<'p>(
        &self,
        path: &'p [String],
    ) -> Option<(&'m plan::Relation<'s>, &'static str, &'p [String])> {
        let relation = self
            .model
            .relations
            .iter()
            .find(|r| r.model.name == path[0])?;
        if relation.to_many {
            let quantifier = match path.get(1).map(String::as_str) {
                Some("some") => "Some",
                Some("every") => "Every",
                Some("none") => "None",
                _ => return None,
            };
            Some((relation, quantifier, &path[2..]))
        } else {
            Some((relation, "Some", &path[1..]))
        }
    }

    fn related(&self, relation: &plan::Relation<'s>, quantifier: &str, inner: String) -> String {
        format!(
            "{RT}::__codegen::PolicyExpr::Related {{ target: <{} as {RT}::Model>::DESCRIPTOR, local: {}, remote: {}, quantifier: {RT}::__codegen::Quantifier::{quantifier}, inner: &{inner} }}",
            model_path(&relation.target.name),
            lit(&relation.local.column),
            lit(&relation.remote.column),
        )
    }

    /// Runs `build` on the scope a relation path leads to, wrapping the
    /// result in `Related` for each relation crossed.
    fn through_path(
        &self,
        value: &Value,
        build: &dyn Fn(&Scope<'_, '_>, &Value) -> Result<String, String>,
    ) -> Result<String, String> {
        if let Some(path) = path_of(value)
            && path.len() > 1
            && let Some((relation, quantifier, rest)) = self.relation_step(&path)
        {
            let target = plan::model(relation.target, self.schema);
            let inner_scope = Scope {
                model: &target,
                schema: self.schema,
            };
            let rest_value = rest.iter().skip(1).fold(
                Value::Ident(rest.first().cloned().unwrap_or_default()),
                |acc, seg| Value::Member(Box::new(acc), seg.clone()),
            );
            if rest.is_empty() {
                return Err("a relation path must end on a field".to_string());
            }
            let inner = inner_scope.through_path(&rest_value, build)?;
            return Ok(self.related(relation, quantifier, inner));
        }
        build(self, value)
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
            // `auth() == relation`: the relation's key is the principal's.
            let path =
                path_of(other).ok_or("`auth()` compared with something else than a relation")?;
            let relation = self
                .model
                .relations
                .iter()
                .find(|r| r.model.name == path[0] && !r.to_many && path.len() == 1)
                .ok_or_else(|| {
                    format!(
                        "`auth()` can only be compared with a to-one relation, not `{}`",
                        path.join(".")
                    )
                })?;
            return Ok(format!(
                "{RT}::__codegen::PolicyExpr::Compare {{ left: {RT}::__codegen::Operand::Column {{ name: {}, kind: {}, nullable: {} }}, op: {RT}::__codegen::CmpOp::{}, right: {RT}::__codegen::Operand::Auth {{ path: &[{}] }} }}",
                lit(&relation.local.column),
                kind_code(&relation.local.storage),
                relation.local.nullable(),
                op_name(op),
                lit(&relation.remote.model.name),
            ));
        }
        let left_is_path = self.is_column_path(left);
        let (path_side, other, op) = if left_is_path || !self.is_column_path(right) {
            (left, right, op)
        } else {
            (right, left, flip(op))
        };
        self.through_path(path_side, &|scope, column| {
            let lhs = scope.operand(column, None)?;
            let rhs = scope.operand(other, lhs.column.as_ref().map(|(_, s)| s))?;
            if lhs.column.is_some() && rhs.column.is_some() {
                return Err(
                    "comparing two fields of a row is not supported in policies yet".to_string(),
                );
            }
            Ok(format!(
                "{RT}::__codegen::PolicyExpr::Compare {{ left: {}, op: {RT}::__codegen::CmpOp::{}, right: {} }}",
                lhs.code,
                op_name(op),
                rhs.code
            ))
        })
    }

    fn membership(&self, left: &Value, items: &[Value], negated: bool) -> Result<String, String> {
        self.through_path(left, &|scope, column| {
            let lhs = scope.operand(column, None)?;
            let kind = lhs.column.as_ref().map(|(_, s)| s);
            let values = items
                .iter()
                .map(|item| scope.operand(item, kind).map(|c| c.code))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(format!(
                "{RT}::__codegen::PolicyExpr::In {{ left: {}, values: &[{}], negated: {negated} }}",
                lhs.code,
                values.join(", ")
            ))
        })
    }

    fn is_column_path(&self, value: &Value) -> bool {
        path_of(value).is_some_and(|path| {
            self.model.fields.iter().any(|f| f.model.name == path[0])
                || self.model.relations.iter().any(|r| r.model.name == path[0])
        })
    }

    /// An operand; `column` is the storage of the column on the other side,
    /// which types a literal.
    fn operand(&self, value: &Value, column: Option<&Storage>) -> Result<Compiled, String> {
        let literal = |code: String| {
            Ok(Compiled {
                code: format!(
                    "{RT}::__codegen::Operand::Literal({RT}::__codegen::Literal::{code})"
                ),
                column: None,
            })
        };
        match value {
            Value::Null => Ok(Compiled {
                code: format!("{RT}::__codegen::Operand::Null"),
                column: None,
            }),
            Value::Bool(b) => literal(format!("Bool({b})")),
            Value::String(text) => match column {
                Some(Storage::Enum(type_name)) => literal(format!(
                    "Enum {{ type_name: {type_name:?}, variant: {} }}",
                    lit(text)
                )),
                _ => literal(format!("Text({})", lit(text))),
            },
            Value::Number(text) => match column {
                Some(Storage::Direct("Decimal")) => literal(format!("Decimal({})", lit(text))),
                Some(Storage::Direct("Float")) => literal(format!(
                    "Float({}f64)",
                    text.parse::<f64>().map_err(|e| e.to_string())?
                )),
                _ => literal(format!(
                    "Int({})",
                    text.parse::<i64>()
                        .map_err(|_| format!("`{text}` is not an integer"))?
                )),
            },
            _ if auth_path(value).is_some() => {
                let path = auth_path(value).unwrap_or_default();
                Ok(Compiled {
                    code: format!(
                        "{RT}::__codegen::Operand::Auth {{ path: &[{}] }}",
                        path.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
                    ),
                    column: None,
                })
            }
            Value::Ident(name) => {
                if let Some(field) = self.model.fields.iter().find(|f| &f.model.name == name) {
                    if !field.filterable() || field.list {
                        return Err(format!("field `{name}` cannot be compared in a policy"));
                    }
                    return Ok(Compiled {
                        code: format!(
                            "{RT}::__codegen::Operand::Column {{ name: {}, kind: {}, nullable: {} }}",
                            lit(&field.column),
                            kind_code(&field.storage),
                            field.nullable()
                        ),
                        column: Some((field.column.clone(), field.storage.clone())),
                    });
                }
                match column {
                    // A bare word against an enum column is one of its variants.
                    Some(Storage::Enum(type_name)) => literal(format!(
                        "Enum {{ type_name: {type_name:?}, variant: {} }}",
                        lit(name)
                    )),
                    _ => Err(format!("unknown name `{name}`")),
                }
            }
            other => Err(format!("`{other:?}` cannot be compared in a policy")),
        }
    }
}

fn flip(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Ge => BinaryOp::Le,
        other => other,
    }
}

pub(crate) fn flatten<'v>(value: &'v Value, op: BinaryOp, out: &mut Vec<&'v Value>) {
    match value {
        Value::Binary(inner, left, right) if *inner == op => {
            flatten(left, op, out);
            flatten(right, op, out);
        }
        other => out.push(other),
    }
}
