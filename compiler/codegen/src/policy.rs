//! Policies, written as the constant `cstack_runtime::Policy` descriptors
//! the runtime evaluates: a model's or view's `@@allow` / `@@deny` (its
//! `Model` impl's `POLICIES`) and a procedure's `@allow` / `@deny` (its
//! arguments' `POLICIES`), from the conditions the checker typed; and the
//! `Principal` impl of the schema's auth type that `auth()` reads.

use crate::names::{lit, model_path, snake_ident, type_name};
use crate::plan::{self, Storage};
use cstack_compiler::SchemaModel;
use cstack_compiler::model::{
    Actions, CmpOp, Condition, Field, Literal, Operand, Policy, Quantifier,
};
use cstack_compiler::storage_contract::Kind;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";

/// `const POLICIES: ...;` for a model's or view's `Model` impl, or nothing
/// when it has no policy.
pub fn policies_const(model: &plan::Model<'_>, schema: &SchemaModel) -> String {
    let policies: &[Policy] = match (model.model, model.view) {
        (Some(record), _) => &record.policies,
        (None, Some(view)) => &view.policies,
        (None, None) => &[],
    };
    if policies.is_empty() {
        return String::new();
    }
    let writer = Writer {
        schema,
        scope: Scope::Record(model.name),
    };
    let rules: Vec<String> = policies
        .iter()
        .map(|policy| {
            format!(
                "{RT}::__codegen::Policy {{ allow: {}, actions: {}, expr: {} }}",
                policy.allow,
                actions(policy.actions),
                writer.condition(&policy.condition)
            )
        })
        .collect();
    format!(
        "const POLICIES: &'static [{RT}::__codegen::Policy] = &[\n{}\n];\n",
        rules.join(",\n")
    )
}

/// The `cstack_runtime::action` bits of a set of actions.
fn actions(actions: Actions) -> String {
    if actions == Actions::ALL {
        return format!("{RT}::__codegen::action::ALL");
    }
    let mut names = Vec::new();
    if actions.contains(Actions::READ) {
        names.push("READ");
    } else if actions.contains(Actions::LIST) {
        names.push("LIST");
    } else if actions.contains(Actions::DETAIL) {
        names.push("DETAIL");
    }
    for (bits, name) in [
        (Actions::CREATE, "CREATE"),
        (Actions::UPDATE, "UPDATE"),
        (Actions::DELETE, "DELETE"),
    ] {
        if actions.contains(bits) {
            names.push(name);
        }
    }
    names
        .iter()
        .map(|name| format!("{RT}::__codegen::action::{name}"))
        .collect::<Vec<_>>()
        .join(" | ")
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
        let direct = !matches!(Storage::of(&field.storage()), Storage::Json) && !field.is_list();
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

/// What a condition's field operands are fields of.
#[derive(Clone, Copy)]
pub enum Scope<'s> {
    /// The model or view of this name.
    Record(&'s str),
    /// A procedure's arguments (operands are `Argument`s).
    Procedure,
}

/// Writes conditions as `PolicyExpr` constants.
pub struct Writer<'s> {
    pub schema: &'s SchemaModel,
    pub scope: Scope<'s>,
}

impl Writer<'_> {
    pub fn condition(&self, condition: &Condition) -> String {
        match condition {
            Condition::Literal(value) => format!("{RT}::__codegen::PolicyExpr::Bool({value})"),
            Condition::And(items) | Condition::Or(items) => {
                let name = if matches!(condition, Condition::And(_)) {
                    "And"
                } else {
                    "Or"
                };
                let items: Vec<String> = items.iter().map(|item| self.condition(item)).collect();
                format!(
                    "{RT}::__codegen::PolicyExpr::{name}(&[{}])",
                    items.join(", ")
                )
            }
            Condition::Not(inner) => format!(
                "{RT}::__codegen::PolicyExpr::Not(&{})",
                self.condition(inner)
            ),
            Condition::Compare { left, op, right } => format!(
                "{RT}::__codegen::PolicyExpr::Compare {{ left: {}, op: {RT}::__codegen::CmpOp::{}, right: {} }}",
                self.operand(left),
                op_name(*op),
                self.operand(right)
            ),
            Condition::In {
                operand,
                values,
                negated,
            } => format!(
                "{RT}::__codegen::PolicyExpr::In {{ left: {}, values: &[{}], negated: {negated} }}",
                self.operand(operand),
                values
                    .iter()
                    .map(|value| self.literal(value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Condition::Authenticated(value) => {
                format!("{RT}::__codegen::PolicyExpr::Authenticated({value})")
            }
            Condition::HasRole(role) => {
                format!("{RT}::__codegen::PolicyExpr::HasRole({})", lit(role))
            }
            Condition::InTenant(tenant) => {
                format!("{RT}::__codegen::PolicyExpr::InTenant({})", lit(tenant))
            }
            Condition::IsSystem => format!("{RT}::__codegen::PolicyExpr::IsSystem"),
            Condition::Related {
                relation,
                target,
                quantifier,
                condition,
            } => self.related(relation, target, *quantifier, condition),
        }
    }

    /// A condition on the rows `relation` of the record in scope leads to,
    /// written in the scope of `target`.
    fn related(
        &self,
        relation: &str,
        target: &str,
        quantifier: Quantifier,
        condition: &Condition,
    ) -> String {
        let ends = match self.scope {
            Scope::Record(name) => self
                .schema
                .model(name)
                .and_then(|model| self.schema.relation_ends(model, model.relation(relation)?)),
            Scope::Procedure => None,
        };
        let (local, remote) = ends.map_or((String::new(), String::new()), |(l, r)| {
            (l.column.clone(), r.column.clone())
        });
        let inner = Writer {
            schema: self.schema,
            scope: Scope::Record(target),
        };
        format!(
            "{RT}::__codegen::PolicyExpr::Related {{ target: <{} as {RT}::Model>::DESCRIPTOR, local: {}, remote: {}, quantifier: {RT}::__codegen::Quantifier::{}, inner: &{} }}",
            model_path(target),
            lit(&local),
            lit(&remote),
            match quantifier {
                Quantifier::Some => "Some",
                Quantifier::Every => "Every",
                Quantifier::None => "None",
            },
            inner.condition(condition)
        )
    }

    fn field(&self, name: &str) -> Option<&Field> {
        let Scope::Record(record) = self.scope else {
            return None;
        };
        match self.schema.model(record) {
            Some(model) => model.field(name),
            None => self.schema.view(record)?.field(name),
        }
    }

    fn operand(&self, operand: &Operand) -> String {
        match operand {
            Operand::Field(name) => {
                let (column, kind, nullable) = self.field(name).map_or(
                    (name.clone(), format!("{RT}::Kind::Json"), true),
                    |field| {
                        (
                            field.column.clone(),
                            kind_code(&field.storage().kind),
                            field.is_nullable(),
                        )
                    },
                );
                format!(
                    "{RT}::__codegen::Operand::Column {{ name: {}, kind: {kind}, nullable: {nullable} }}",
                    lit(&column)
                )
            }
            Operand::Argument {
                path,
                kind,
                nullable,
            } => format!(
                "{RT}::__codegen::Operand::Column {{ name: {}, kind: {}, nullable: {nullable} }}",
                lit(&path.join(".")),
                kind_code(kind)
            ),
            Operand::Auth(path) => format!(
                "{RT}::__codegen::Operand::Auth {{ path: &[{}] }}",
                path.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
            ),
            Operand::Literal(literal) => self.literal(literal),
            Operand::Null => format!("{RT}::__codegen::Operand::Null"),
        }
    }

    fn literal(&self, literal: &Literal) -> String {
        let code = match literal {
            Literal::Bool(value) => format!("Bool({value})"),
            Literal::Int(value) => format!("Int({value})"),
            Literal::Float(text) => format!("Float({}f64)", text.parse::<f64>().unwrap_or(0.0)),
            Literal::Decimal(value) => format!("Decimal({})", lit(&value.to_string())),
            Literal::Text(text) | Literal::Json(text) => format!("Text({})", lit(text)),
            Literal::Variant { enum_name, variant } => format!(
                "Enum {{ type_name: {:?}, variant: {} }}",
                self.schema
                    .enumeration(enum_name)
                    .map_or(enum_name.as_str(), |e| e.type_name.as_str()),
                lit(variant)
            ),
        };
        format!("{RT}::__codegen::Operand::Literal({RT}::__codegen::Literal::{code})")
    }
}

fn op_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::Ne => "Ne",
        CmpOp::Lt => "Lt",
        CmpOp::Le => "Lte",
        CmpOp::Gt => "Gt",
        CmpOp::Ge => "Gte",
    }
}

/// `::cstack_runtime::Kind::X` for a storage kind.
pub fn kind_code(kind: &Kind<String>) -> String {
    match kind {
        Kind::Enum(type_name) => format!("{RT}::Kind::Enum({type_name:?})"),
        other => format!("{RT}::Kind::{}", other.variant_name()),
    }
}
