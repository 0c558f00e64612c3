//! Policies: `@@allow`/`@@deny` on models and views, `@allow`/`@deny` on
//! procedures. Parsed by the grammar; here every term is type-checked.
//!
//! The expression language: `&&`, `||`, `!`, parentheses, `==`, `!=`, `<`,
//! `<=`, `>`, `>=` on ordered scalars, `in [...]` / `not in [...]`, Boolean
//! literals, `null` against optional values, `auth()` and its members,
//! relation paths with `some`/`every`/`none`, and `hasRole`, `inTenant`,
//! `isSystem`.
//!
//! What the check establishes is kept: each valid rule becomes a [`Policy`]
//! (or procedure [`Rule`]) whose condition has typed operands, with
//! relation paths resolved to the relations they cross.

use super::Ctx;
use super::attributes::LabelText;
use super::context::FieldRef;
use super::relations;
use crate::lang::{self, CONDITION_FUNCTIONS, MODEL_ACTIONS, QUANTIFIERS, VIEW_ACTIONS};
use crate::model::{
    Actions, CmpOp, Condition, Literal, Operand as Value, Policy, Quantifier, Rule, Type,
};
use crate::names::did_you_mean;
use crate::{Resolved, Scalar, Storage};
use cstack_diagnostics::{Anchor, Code, Edit, Fix, TextRange};
use cstack_syntax::ast::{Arity, Attribute, BinaryOp, Expr, ExprKind, Field, Parameter};
use rust_decimal::Decimal;

/// The `auth()` member a path names.
pub struct AuthMember {
    pub type_name: String,
    pub arity: Arity,
}

/// For `auth().a.b`, the segments `a`, `b`.
pub fn auth_member_path(expr: &Expr) -> Option<Vec<(&str, TextRange)>> {
    match &expr.kind {
        ExprKind::Member { object, property } => {
            if is_auth_call(object) {
                return Some(vec![(property.text.as_str(), property.range)]);
            }
            let mut path = auth_member_path(object)?;
            path.push((property.text.as_str(), property.range));
            Some(path)
        }
        _ => None,
    }
}

fn is_auth_call(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call { callee, arguments } if callee.as_ident() == Some("auth") && arguments.items.is_empty())
}

/// Resolves `auth().a.b` through the auth block and `type` fields, reporting
/// what does not resolve.
pub fn resolve_auth_member(
    ctx: &mut Ctx<'_>,
    path: &[(&str, TextRange)],
    anchor: Anchor,
) -> Option<AuthMember> {
    let Some(auth) = ctx.auth_block() else {
        let (first, range) = path[0];
        ctx.error_at(
            Code::AuthWithoutAuthBlock,
            format!("`auth().{first}` is used, but the schema declares no `auth` block"),
            anchor,
            range,
        )
        .with_label_text("no auth block")
        .help = Some(
            "declare the principal's shape, for example `auth User {\n  id Int\n}`".to_string(),
        );
        return None;
    };
    let mut fields: &[Field] = &auth.fields;
    let mut owner = format!("auth `{}`", auth.name_text());
    let mut member = None;
    for (i, (segment, range)) in path.iter().enumerate() {
        let Some(field) = fields.iter().find(|f| f.name.text == *segment) else {
            let suggestion = did_you_mean(segment, fields.iter().map(|f| f.name.text.as_str()))
                .map(str::to_string);
            let diagnostic = ctx
                .error_at(
                    Code::UnknownPolicyName,
                    format!("unknown auth member `{segment}` on {owner}"),
                    anchor,
                    *range,
                )
                .with_label_text("unknown member");
            if let Some(suggestion) = suggestion {
                diagnostic.suggest(&suggestion);
            }
            return None;
        };
        let Some(ty) = &field.ty else { return None };
        if i + 1 < path.len() {
            let Some(type_decl) = ctx.type_named(&ty.name.text) else {
                ctx.error_at(
                    Code::UnknownPolicyName,
                    format!("`{segment}` is a `{}`, which has no members", ty.name.text),
                    anchor,
                    path[i + 1].1,
                )
                .with_label_text("no such member");
                return None;
            };
            fields = &type_decl.fields;
            owner = format!("type `{}`", type_decl.name_text());
        } else {
            member = Some(AuthMember {
                type_name: ty.name.text.clone(),
                arity: ty.arity,
            });
        }
    }
    member
}

/// What names in a policy refer to.
enum Dialect<'a> {
    /// Fields of a model (with relation paths) or of a view.
    Record {
        fields: &'a [FieldRef<'a>],
        owner: String,
    },
    /// Procedure parameters.
    Procedure {
        parameters: &'a [Parameter],
        owner: String,
    },
}

/// The type of an operand.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Scalar(Scalar),
    Enum(String),
    /// A model-typed (relation) field, or `auth()` itself.
    Record(String),
    /// A `type`-typed value.
    Object(String),
    Null,
    /// A bare name that may be an enum variant, decided by the other side.
    Word(String),
}

/// A relation a path crosses: `author` in `author.name`.
#[derive(Clone, Debug)]
struct Hop {
    relation: String,
    target: String,
    quantifier: Quantifier,
}

/// What an operand is, once the check has typed it.
#[derive(Clone, Debug)]
enum Resolution {
    /// A resolved value.
    Value(Value),
    /// A literal (or a bare word), typed by the other side of its
    /// comparison.
    Literal,
    /// A relation field: compared with `auth()`, it means "the related row
    /// is the principal": its local key column against the principal's
    /// member named like the referenced column.
    Relation { local: String, referenced: String },
    /// `auth()` itself, or a condition used as a value (`(a == b) ==
    /// true`): type-checked, but not something a policy can compare.
    Condition,
}

#[derive(Clone, Debug)]
struct Operand<'e> {
    ty: Ty,
    arity: Arity,
    /// A field or input, as opposed to a literal or `auth()` member.
    is_field: bool,
    is_literal: bool,
    /// The relations crossed on the way (model policies).
    hops: Vec<Hop>,
    resolution: Resolution,
    /// The expression, for typing a literal.
    expr: Option<&'e Expr>,
}

impl<'e> Operand<'e> {
    fn literal(ty: Ty, expr: &'e Expr) -> Self {
        Self {
            ty,
            arity: Arity::Required,
            is_field: false,
            is_literal: true,
            hops: Vec::new(),
            resolution: Resolution::Literal,
            expr: Some(expr),
        }
    }

    /// What is typed but is no value a policy can compare: `auth()` itself,
    /// or a condition.
    fn opaque(ty: Ty) -> Self {
        Self {
            ty,
            arity: Arity::Required,
            is_field: false,
            is_literal: false,
            hops: Vec::new(),
            resolution: Resolution::Condition,
            expr: None,
        }
    }

    fn value(ty: Ty, arity: Arity, value: Value) -> Self {
        Self {
            ty,
            arity,
            is_field: false,
            is_literal: false,
            hops: Vec::new(),
            resolution: Resolution::Value(value),
            expr: None,
        }
    }

    fn describe(&self) -> String {
        let base = match &self.ty {
            Ty::Scalar(scalar) => format!("`{}`", scalar.name()),
            Ty::Enum(name) | Ty::Record(name) | Ty::Object(name) => format!("`{name}`"),
            Ty::Null => "`null`".to_string(),
            Ty::Word(word) => format!("`{word}`"),
        };
        match self.arity {
            Arity::Optional => format!("{base} (optional)"),
            Arity::List => format!("{base} (list)"),
            Arity::Required => base,
        }
    }

    /// The IR of this operand, typing a literal by `other`. A relation
    /// field stands for its local key column (what `author != null` tests);
    /// a condition is no value.
    fn to_value(&self, other: &Ty) -> Option<Value> {
        match &self.resolution {
            Resolution::Value(value) => Some(value.clone()),
            Resolution::Literal if self.ty == Ty::Null => Some(Value::Null),
            Resolution::Literal => literal(self.expr?, other).map(Value::Literal),
            Resolution::Relation { local, .. } => Some(Value::Field(local.clone())),
            Resolution::Condition => None,
        }
    }
}

/// The literal `expr` stands for, compared with a value of type `other`.
fn literal(expr: &Expr, other: &Ty) -> Option<Literal> {
    Some(match (&expr.unparenthesized().kind, other) {
        (ExprKind::Null, _) => return None,
        (ExprKind::Bool(b), _) => Literal::Bool(*b),
        (ExprKind::String { value, .. } | ExprKind::Ident(value), Ty::Enum(enum_name)) => {
            Literal::Variant {
                enum_name: enum_name.clone(),
                variant: value.clone(),
            }
        }
        (ExprKind::String { value, .. }, _) => Literal::Text(value.clone()),
        (ExprKind::Number(text), Ty::Scalar(Scalar::Decimal)) => {
            Literal::Decimal(Decimal::from_str_exact(text).ok()?)
        }
        (ExprKind::Number(text), Ty::Scalar(Scalar::Float)) => Literal::Float(text.clone()),
        (ExprKind::Number(text), Ty::Scalar(Scalar::Int)) => Literal::Int(text.parse().ok()?),
        (ExprKind::Number(text), _) if text.contains('.') => {
            Literal::Decimal(Decimal::from_str_exact(text).ok()?)
        }
        (ExprKind::Number(text), _) => Literal::Int(text.parse().ok()?),
        _ => return None,
    })
}

struct Checker<'c, 'db, 'a> {
    ctx: &'c mut Ctx<'db>,
    dialect: Dialect<'a>,
    anchor: Anchor,
}

/// `@@allow("action", expr)` / `@@deny(...)` on a model.
pub fn check_model_policy(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    fields: &[FieldRef<'_>],
) -> Option<Policy> {
    let owner = format!("model `{}`", ctx.name());
    check_record_policy(ctx, attribute, fields, MODEL_ACTIONS, owner)
}

/// `@@allow("read", expr)` / `@@deny("read", expr)` on a view.
pub fn check_view_policy(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    fields: &[FieldRef<'_>],
) -> Option<Policy> {
    let owner = format!("view `{}`", ctx.name());
    check_record_policy(ctx, attribute, fields, VIEW_ACTIONS, owner)
}

fn check_record_policy(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    fields: &[FieldRef<'_>],
    actions: &[lang::Word],
    owner: String,
) -> Option<Policy> {
    let anchor = ctx.anchor();
    let args = attribute.args();
    let shape_ok = args.len() == 2
        && args.iter().all(|a| a.name.is_none())
        && args[0].value.as_string().is_some();
    if !shape_ok {
        ctx.error(
            Code::InvalidPolicyShape,
            format!(
                "`{}` takes an action string and one expression, e.g. `{}(\"read\", auth() != null)`",
                attribute.display_name(),
                attribute.display_name()
            ),
            attribute.arguments.as_ref().map_or(attribute.range, |a| a.range),
        )
        .with_label_text("expected `(\"action\", expression)`");
        return None;
    }
    let action_value = args[0].value.as_string().unwrap_or("");
    let mut set = Some(Actions::default());
    let pieces: Vec<&str> = action_value.split(',').collect();
    for (index, piece) in pieces.iter().enumerate() {
        let action = piece.trim();
        if lang::names(actions).any(|known| known == action)
            && let Some(bits) = Actions::from_name(action)
        {
            set = set.map(|set| set.union(bits));
            continue;
        }
        set = None;
        let diagnostic = ctx
            .error(
                Code::InvalidPolicyAction,
                format!(
                    "{owner} `{}` does not support the action `{action}`",
                    attribute.display_name()
                ),
                args[0].value.range,
            )
            .with_label_text("unknown action");
        match did_you_mean(action, lang::names(actions)) {
            Some(suggestion) => {
                diagnostic.help = Some(format!("did you mean `{suggestion}`?"));
                // The fix rewrites the whole string with this action
                // corrected; a string with quotes or escapes in it is left
                // to the author.
                if !action_value.contains(['"', '\\']) {
                    let corrected: Vec<String> = pieces
                        .iter()
                        .enumerate()
                        .map(|(other, piece)| {
                            if other == index {
                                piece.replacen(action, suggestion, 1)
                            } else {
                                piece.to_string()
                            }
                        })
                        .collect();
                    let edit = Edit::anchored(
                        diagnostic.primary.anchor,
                        diagnostic.primary.range,
                        format!("\"{}\"", corrected.join(",")),
                    );
                    diagnostic.fix = Some(Fix::single(format!("Change to `{suggestion}`"), edit));
                }
            }
            None => {
                diagnostic.help = Some(format!(
                    "expected one of: {}",
                    lang::names(actions).collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
    let mut checker = Checker {
        ctx,
        dialect: Dialect::Record { fields, owner },
        anchor,
    };
    let condition = checker.check_bool(&args[1].value);
    Some(Policy {
        allow: attribute.name.text == "allow",
        actions: set?,
        condition: condition?,
    })
}

/// `@allow(expr)` / `@deny(expr)` on a procedure.
pub fn check_procedure_policy(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    parameters: &[Parameter],
) -> Option<Rule> {
    let anchor = ctx.anchor();
    let args = attribute.args();
    if args.len() != 1 || args[0].name.is_some() {
        ctx.error(
            Code::InvalidPolicyShape,
            format!(
                "`{}` takes one expression, e.g. `{}(auth() != null)`",
                attribute.display_name(),
                attribute.display_name()
            ),
            attribute
                .arguments
                .as_ref()
                .map_or(attribute.range, |a| a.range),
        )
        .with_label_text("expected one expression");
        return None;
    }
    let owner = format!("procedure `{}`", ctx.name());
    let mut checker = Checker {
        ctx,
        dialect: Dialect::Procedure { parameters, owner },
        anchor,
    };
    let condition = checker.check_bool(&args[0].value)?;
    Some(Rule {
        allow: attribute.name.text == "allow",
        condition,
    })
}

/// `left op right` as a condition, inside the relations `hops` crosses.
fn wrap(hops: &[Hop], condition: Condition) -> Condition {
    hops.iter()
        .rev()
        .fold(condition, |inner, hop| Condition::Related {
            relation: hop.relation.clone(),
            target: hop.target.clone(),
            quantifier: hop.quantifier,
            condition: Box::new(inner),
        })
}

fn cmp_op(op: BinaryOp) -> CmpOp {
    match op {
        BinaryOp::Eq => CmpOp::Eq,
        BinaryOp::Ne => CmpOp::Ne,
        BinaryOp::Lt => CmpOp::Lt,
        BinaryOp::Le => CmpOp::Le,
        BinaryOp::Gt => CmpOp::Gt,
        BinaryOp::Ge | BinaryOp::And | BinaryOp::Or => CmpOp::Ge,
    }
}

/// Nested `&&` (or `||`) terms as one list.
fn flatten(op: BinaryOp, condition: Condition, out: &mut Vec<Condition>) {
    match (op, condition) {
        (BinaryOp::And, Condition::And(items)) | (BinaryOp::Or, Condition::Or(items)) => {
            out.extend(items)
        }
        (_, other) => out.push(other),
    }
}

impl<'a> Checker<'_, '_, 'a> {
    fn error(
        &mut self,
        code: Code,
        message: String,
        range: TextRange,
        label: &str,
    ) -> &mut cstack_diagnostics::Diagnostic {
        self.ctx
            .error_at(code, message, self.anchor, range)
            .with_label_text(label)
    }

    fn in_procedure(&self) -> bool {
        matches!(self.dialect, Dialect::Procedure { .. })
    }

    /// Checks that `expr` is a Boolean condition, and returns it.
    fn check_bool(&mut self, expr: &Expr) -> Option<Condition> {
        match &expr.kind {
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let left = self.check_bool(left);
                let right = self.check_bool(right);
                let mut items = Vec::new();
                flatten(*op, left?, &mut items);
                flatten(*op, right?, &mut items);
                Some(if *op == BinaryOp::And {
                    Condition::And(items)
                } else {
                    Condition::Or(items)
                })
            }
            ExprKind::Binary { op, left, right } => self.check_comparison(*op, left, right),
            ExprKind::In {
                negated,
                left,
                right,
            } => self.check_in(left, right, *negated),
            ExprKind::Not(inner) => Some(Condition::Not(Box::new(self.check_bool(inner)?))),
            ExprKind::Paren(inner) => self.check_bool(inner),
            ExprKind::Bool(value) => Some(Condition::Literal(*value)),
            ExprKind::Error => None,
            ExprKind::Call { callee, arguments } => self.check_call(expr, callee, &arguments.items),
            ExprKind::Ident(_) | ExprKind::Member { .. } => {
                let operand = self.operand(expr)?;
                if operand.ty == Ty::Scalar(Scalar::Boolean) && operand.arity != Arity::List {
                    // A Boolean value on its own: `x == true`.
                    let value = operand.to_value(&Ty::Scalar(Scalar::Boolean))?;
                    return Some(wrap(
                        &operand.hops,
                        Condition::Compare {
                            left: value,
                            op: CmpOp::Eq,
                            right: Value::Literal(Literal::Bool(true)),
                        },
                    ));
                }
                let hint = match operand.ty {
                    Ty::Record(_) if is_auth_call(expr) => {
                        "use `auth() != null` to require a signed-in user"
                    }
                    _ => "compare it, for example `x == value`",
                };
                self.error(
                    Code::NonBooleanPolicyTerm,
                    format!("policy term is {}, not a Boolean", operand.describe()),
                    expr.range,
                    "not a Boolean",
                )
                .help = Some(hint.to_string());
                None
            }
            _ => {
                self.error(
                    Code::NonBooleanPolicyTerm,
                    "policy term is not a Boolean condition".to_string(),
                    expr.range,
                    "not a Boolean",
                );
                None
            }
        }
    }

    fn check_call(
        &mut self,
        expr: &Expr,
        callee: &Expr,
        args: &[cstack_syntax::ast::Argument],
    ) -> Option<Condition> {
        let name = match &callee.kind {
            ExprKind::Ident(name) => name.as_str(),
            ExprKind::Member { object, property }
                if is_auth_call(object) && property.text == "isSystem" =>
            {
                "isSystem"
            }
            _ => "",
        };
        match name {
            "hasRole" | "inTenant" => {
                let text = match args {
                    [argument] if argument.name.is_none() => argument.value.as_string(),
                    _ => None,
                };
                let Some(text) = text else {
                    self.error(
                        Code::InvalidPolicyFunction,
                        format!(
                            "`{name}` takes exactly one string literal, e.g. `{name}('admin')`"
                        ),
                        expr.range,
                        "expected one string",
                    );
                    return None;
                };
                Some(if name == "hasRole" {
                    Condition::HasRole(text.to_string())
                } else {
                    Condition::InTenant(text.to_string())
                })
            }
            "isSystem" => {
                if !args.is_empty() {
                    self.error(
                        Code::InvalidPolicyFunction,
                        "`isSystem()` takes no arguments".to_string(),
                        expr.range,
                        "unexpected arguments",
                    );
                    return None;
                }
                Some(Condition::IsSystem)
            }
            "auth" if args.is_empty() => {
                self.error(
                    Code::NonBooleanPolicyTerm,
                    "`auth()` is the current principal, not a Boolean".to_string(),
                    expr.range,
                    "not a Boolean",
                )
                .help = Some("use `auth() != null` to require a signed-in user".to_string());
                None
            }
            _ => {
                let shown = callee.as_ident().unwrap_or("this call").to_string();
                let diagnostic = self.error(
                    Code::InvalidPolicyFunction,
                    format!("unsupported policy function `{shown}`"),
                    callee.range,
                    "unknown function",
                );
                match did_you_mean(&shown, CONDITION_FUNCTIONS.iter().copied()) {
                    Some(suggestion) => {
                        diagnostic.suggest(suggestion);
                    }
                    None => {
                        diagnostic.help = Some(
                            "policy functions are `hasRole('r')`, `inTenant('t')` and `isSystem()`"
                                .to_string(),
                        );
                    }
                }
                None
            }
        }
    }

    fn check_comparison(&mut self, op: BinaryOp, left: &Expr, right: &Expr) -> Option<Condition> {
        let left_auth = is_auth_call(left.unparenthesized());
        let right_auth = is_auth_call(right.unparenthesized());
        if left_auth || right_auth {
            let other = if left_auth { right } else { left };
            let equality = matches!(op, BinaryOp::Eq | BinaryOp::Ne);
            if matches!(other.kind, ExprKind::Null) && equality {
                return Some(Condition::Authenticated(op == BinaryOp::Ne));
            }
            if !equality {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!(
                        "`auth()` can only be compared with `==` or `!=`, not `{}`",
                        op.as_str()
                    ),
                    left.range.cover(right.range),
                    "not an equality",
                );
                return None;
            }
            let operand = self.operand(other)?;
            if let (
                Ty::Record(_),
                Arity::Required | Arity::Optional,
                Resolution::Relation { local, referenced },
            ) = (&operand.ty, operand.arity, &operand.resolution)
            {
                // `auth() == author`: the relation points at the principal.
                return Some(wrap(
                    &operand.hops,
                    Condition::Compare {
                        left: Value::Field(local.clone()),
                        op: cmp_op(op),
                        right: Value::Auth(vec![referenced.clone()]),
                    },
                ));
            }
            self.error(
                Code::PolicyTypeMismatch,
                format!(
                    "`auth()` can only be compared with `null` or a to-one relation field, not {}",
                    operand.describe()
                ),
                other.range,
                "cannot compare with `auth()`",
            );
            return None;
        }
        let mut lhs = self.operand(left)?;
        let mut rhs = self.operand(right)?;
        self.settle_words(&mut lhs, left, &mut rhs);
        self.settle_words(&mut rhs, right, &mut lhs);
        if matches!(lhs.ty, Ty::Word(_)) || matches!(rhs.ty, Ty::Word(_)) {
            return None; // already reported
        }
        let range = left.range.cover(right.range);
        // `null` comparisons.
        if lhs.ty == Ty::Null || rhs.ty == Ty::Null {
            let (value, expr) = if lhs.ty == Ty::Null {
                (&rhs, right)
            } else {
                (&lhs, left)
            };
            if !matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                self.error(
                    Code::PolicyTypeMismatch,
                    "`null` can only be compared with `==` or `!=`".to_string(),
                    range,
                    "not ordered",
                );
                return None;
            } else if value.arity == Arity::List {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!(
                        "a list ({}) is never `null`; use `some`/`every`/`none` on relations",
                        value.describe()
                    ),
                    expr.range,
                    "list value",
                );
                return None;
            } else if value.ty != Ty::Null && value.arity == Arity::Required && value.is_field {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!(
                        "this is required ({}) and is never `null`",
                        value.describe()
                    ),
                    expr.range,
                    "never null",
                );
                return None;
            }
        } else {
            for (operand, expr) in [(&lhs, left), (&rhs, right)] {
                if operand.arity == Arity::List {
                    self.error(
                        Code::PolicyTypeMismatch,
                        format!(
                            "a list ({}) cannot be compared; use `some`/`every`/`none` on relations",
                            operand.describe()
                        ),
                        expr.range,
                        "list value",
                    );
                    return None;
                }
                if let Ty::Record(name) | Ty::Object(name) = &operand.ty {
                    self.error(
                        Code::PolicyTypeMismatch,
                        format!("`{name}` values cannot be compared; compare one of their fields"),
                        expr.range,
                        "not a scalar",
                    );
                    return None;
                }
            }
            // A field that may be null compared with a literal.
            let optional_vs_literal =
                (lhs.is_field && lhs.arity == Arity::Optional && rhs.is_literal)
                    || (rhs.is_field && rhs.arity == Arity::Optional && lhs.is_literal);
            if optional_vs_literal {
                let field_expr = if lhs.is_field { left } else { right };
                self.error(
                    Code::OptionalLiteralComparison,
                    "an optional field compared with a literal is unsupported: the comparison is unknown when the field is null".to_string(),
                    field_expr.range,
                    "optional field",
                )
                .help = Some("make the field required, or compare it with `null` only".to_string());
                return None;
            }
            if !compatible(&lhs.ty, &rhs.ty) {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!("cannot compare {} with {}", lhs.describe(), rhs.describe()),
                    range,
                    "types do not match",
                );
                return None;
            }
            if op.is_ordering() {
                let ordered = matches!(&lhs.ty, Ty::Scalar(s) if s.is_ordered());
                if !ordered {
                    self.error(
                        Code::PolicyTypeMismatch,
                        format!(
                            "`{}` needs ordered values; {} has no order",
                            op.as_str(),
                            lhs.describe()
                        ),
                        range,
                        "not ordered",
                    );
                    return None;
                }
            }
        }
        self.comparison(cmp_op(op), lhs, rhs, range)
    }

    /// The condition of a checked comparison. In a model or view policy a
    /// field (or a path to one) goes on the left; a row is compared with
    /// values from outside it, never with itself.
    fn comparison(
        &mut self,
        op: CmpOp,
        lhs: Operand<'_>,
        rhs: Operand<'_>,
        range: TextRange,
    ) -> Option<Condition> {
        let is_row = |operand: &Operand<'_>| {
            !operand.hops.is_empty()
                || matches!(operand.resolution, Resolution::Value(Value::Field(_)))
        };
        if is_row(&lhs) && is_row(&rhs) {
            self.error(
                Code::PolicyTypeMismatch,
                "a policy cannot compare two fields of its rows; compare a field with a literal, an `auth()` member or `null`".to_string(),
                range,
                "two fields",
            );
            return None;
        }
        let (row, other, op) = if is_row(&rhs) && !self.in_procedure() {
            (rhs, lhs, op.flipped())
        } else {
            (lhs, rhs, op)
        };
        if matches!(row.resolution, Resolution::Condition)
            || matches!(other.resolution, Resolution::Condition)
        {
            self.error(
                Code::PolicyTypeMismatch,
                "a condition cannot be compared; write it on its own".to_string(),
                range,
                "condition compared",
            );
            return None;
        }
        let left = row.to_value(&other.ty)?;
        let right = other.to_value(&row.ty)?;
        Some(wrap(&row.hops, Condition::Compare { left, op, right }))
    }

    /// Resolves a bare word against the other operand's enum, or reports it.
    fn settle_words(&mut self, word: &mut Operand<'_>, word_expr: &Expr, other: &mut Operand<'_>) {
        let Ty::Word(name) = &word.ty else { return };
        let name = name.clone();
        if let Ty::Enum(enum_name) = &other.ty {
            let enum_name = enum_name.clone();
            let variants: Vec<String> = self
                .ctx
                .enum_named(&enum_name)
                .map(|decl| decl.variants.iter().map(|v| v.name.text.clone()).collect())
                .unwrap_or_default();
            if variants.contains(&name) {
                word.ty = Ty::Enum(enum_name);
            } else {
                let suggestion =
                    did_you_mean(&name, variants.iter().map(String::as_str)).map(str::to_string);
                let diagnostic = self.error(
                    Code::PolicyTypeMismatch,
                    format!("unknown variant `{name}` for enum `{enum_name}`"),
                    word_expr.range,
                    "not a variant",
                );
                match suggestion {
                    Some(suggestion) => {
                        diagnostic.suggest(&suggestion);
                    }
                    None => {
                        diagnostic.help = Some(format!("expected one of: {}", variants.join(", ")));
                    }
                }
            }
        } else if !matches!(other.ty, Ty::Word(_)) {
            self.unknown_name(&name, word_expr.range);
        } else {
            // Both sides unresolved words: report the first only once.
            self.unknown_name(&name, word_expr.range);
            other.ty = Ty::Null;
            other.is_field = false;
        }
    }

    fn check_in(&mut self, left: &Expr, right: &Expr, negated: bool) -> Option<Condition> {
        let lhs = self.operand(left)?;
        if let Ty::Word(name) = &lhs.ty {
            let name = name.clone();
            self.unknown_name(&name, left.range);
            return None;
        }
        if matches!(lhs.resolution, Resolution::Condition) {
            self.error(
                Code::PolicyTypeMismatch,
                "a condition cannot be tested with `in`; write it on its own".to_string(),
                left.range,
                "condition",
            );
            return None;
        }
        let ExprKind::Array(items) = &right.kind else {
            self.error(
                Code::PolicyTypeMismatch,
                "`in` takes a list of literals, e.g. `status in [Active, Pending]`".to_string(),
                right.range,
                "expected `[...]`",
            );
            return None;
        };
        if items.is_empty() {
            self.error(
                Code::PolicyTypeMismatch,
                "`in []` never matches; the list is empty".to_string(),
                right.range,
                "empty list",
            );
            return None;
        }
        if lhs.is_field && lhs.arity == Arity::Optional {
            self.error(
                Code::OptionalLiteralComparison,
                "an optional field compared with literals is unsupported: the comparison is unknown when the field is null".to_string(),
                left.range,
                "optional field",
            );
            return None;
        }
        let mut values = Some(Vec::new());
        for item in items {
            let Some(mut value) = self.operand(item) else {
                values = None;
                continue;
            };
            let mut lhs = lhs.clone();
            self.settle_words(&mut value, item, &mut lhs);
            if matches!(value.ty, Ty::Word(_)) || !value.is_literal {
                if !value.is_literal && !matches!(value.ty, Ty::Word(_)) {
                    self.error(
                        Code::PolicyTypeMismatch,
                        "`in [...]` lists literals".to_string(),
                        item.range,
                        "not a literal",
                    );
                }
                values = None;
                continue;
            }
            if !compatible(&lhs.ty, &value.ty) {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!(
                        "cannot compare {} with {}",
                        lhs.describe(),
                        value.describe()
                    ),
                    item.range,
                    "types do not match",
                );
                values = None;
                continue;
            }
            let literal = literal(item, &lhs.ty);
            values = values.zip(literal).map(|(mut values, literal)| {
                values.push(literal);
                values
            });
        }
        let operand = lhs.to_value(&Ty::Null)?;
        Some(wrap(
            &lhs.hops,
            Condition::In {
                operand,
                values: values?,
                negated,
            },
        ))
    }

    fn unknown_name(&mut self, name: &str, range: TextRange) {
        let (candidates, owner): (Vec<String>, String) = match &self.dialect {
            Dialect::Record { fields, owner } => (
                fields.iter().map(|f| f.field.name.text.clone()).collect(),
                owner.clone(),
            ),
            Dialect::Procedure { parameters, owner } => (
                parameters.iter().map(|p| p.name.text.clone()).collect(),
                owner.clone(),
            ),
        };
        let suggestion =
            did_you_mean(name, candidates.iter().map(String::as_str)).map(str::to_string);
        let diagnostic = self.error(
            Code::UnknownPolicyName,
            format!("unknown name `{name}` in a policy of {owner}"),
            range,
            "unknown name",
        );
        if let Some(suggestion) = suggestion {
            diagnostic.suggest(&suggestion);
        }
    }

    /// The type of an operand, or `None` after reporting why it has none.
    fn operand<'e>(&mut self, expr: &'e Expr) -> Option<Operand<'e>> {
        match &expr.kind {
            ExprKind::Paren(inner) => self.operand(inner),
            ExprKind::String { .. } => Some(Operand::literal(Ty::Scalar(Scalar::String), expr)),
            ExprKind::Number(text) => Some(Operand::literal(
                Ty::Scalar(if text.contains('.') {
                    Scalar::Decimal
                } else {
                    Scalar::Int
                }),
                expr,
            )),
            ExprKind::Bool(_) => Some(Operand::literal(Ty::Scalar(Scalar::Boolean), expr)),
            ExprKind::Null => Some(Operand::literal(Ty::Null, expr)),
            ExprKind::Error => None,
            ExprKind::Call { .. } if is_auth_call(expr) => Some(Operand {
                resolution: Resolution::Condition,
                ..Operand::value(
                    Ty::Record("auth()".to_string()),
                    Arity::Required,
                    Value::Null,
                )
            }),
            ExprKind::Member { .. } if auth_member_path(expr).is_some() => {
                let path = auth_member_path(expr)?;
                let member = resolve_auth_member(self.ctx, &path, self.anchor)?;
                Some(Operand::value(
                    self.ty_of_name(&member.type_name),
                    member.arity,
                    Value::Auth(path.iter().map(|(s, _)| s.to_string()).collect()),
                ))
            }
            ExprKind::Ident(_) | ExprKind::Member { .. } => {
                let Some(path) = expr.as_path() else {
                    self.error(
                        Code::UnknownPolicyName,
                        "this is not a field, input or `auth()` member".to_string(),
                        expr.range,
                        "unsupported operand",
                    );
                    return None;
                };
                let mut operand = self.resolve_path(&path)?;
                if operand.is_literal {
                    operand.expr = Some(expr);
                }
                Some(operand)
            }
            ExprKind::Binary { .. }
            | ExprKind::In { .. }
            | ExprKind::Not(_)
            | ExprKind::Call { .. } => {
                // A condition used as a value: check it, and type it as Boolean.
                self.check_bool(expr);
                Some(Operand::opaque(Ty::Scalar(Scalar::Boolean)))
            }
            ExprKind::Array(_) => {
                self.error(
                    Code::PolicyTypeMismatch,
                    "a list is only allowed after `in`".to_string(),
                    expr.range,
                    "unexpected list",
                );
                None
            }
        }
    }

    fn ty_of_name(&self, name: &str) -> Ty {
        match self.ctx.resolve(name) {
            Some(Resolved::Builtin(scalar)) => Ty::Scalar(scalar),
            Some(Resolved::Enum(_)) => Ty::Enum(name.to_string()),
            Some(Resolved::Model(_)) => Ty::Record(name.to_string()),
            _ => Ty::Object(name.to_string()),
        }
    }

    /// A name that is no field or input: as a single word it may be an enum
    /// variant, which the comparison decides; a longer path is unknown.
    fn unresolved<'e>(&mut self, path: &[(&str, TextRange)]) -> Option<Operand<'e>> {
        let (first, range) = path[0];
        if path.len() == 1 {
            return Some(Operand {
                ty: Ty::Word(first.to_string()),
                arity: Arity::Required,
                is_field: false,
                is_literal: true,
                hops: Vec::new(),
                resolution: Resolution::Literal,
                expr: None,
            });
        }
        self.unknown_name(first, range);
        None
    }

    fn resolve_path<'e>(&mut self, path: &[(&str, TextRange)]) -> Option<Operand<'e>> {
        match &self.dialect {
            Dialect::Record { fields, .. } => {
                let first = path[0].0;
                let Some(field) = fields.iter().find(|f| f.field.name.text == first) else {
                    return self.unresolved(path);
                };
                let field = field.field.clone();
                self.walk_relation_path(&field, path)
            }
            Dialect::Procedure { parameters, .. } => {
                let first = path[0].0;
                let parameters: &'a [Parameter] = parameters;
                let (ty, rest, mut full) =
                    if let Some(parameter) = parameters.iter().find(|p| p.name.text == first) {
                        (parameter.ty.clone()?, &path[1..], vec![first.to_string()])
                    } else if let Some(args) = parameters.iter().find(|p| p.name.text == "args") {
                        (args.ty.clone()?, path, vec!["args".to_string()])
                    } else {
                        return self.unresolved(path);
                    };
                let mut nullable = ty.arity == Arity::Optional;
                let mut current = ty;
                for (segment, range) in rest {
                    let Some(type_decl) = self.ctx.type_named(&current.name.text) else {
                        self.error(
                            Code::UnknownPolicyName,
                            format!("`{}` has no input field `{segment}`", current.name.text),
                            *range,
                            "unknown input field",
                        );
                        return None;
                    };
                    let Some(field) = type_decl.field(segment) else {
                        let suggestion = did_you_mean(
                            segment,
                            type_decl.fields.iter().map(|f| f.name.text.as_str()),
                        )
                        .map(str::to_string);
                        let diagnostic = self.error(
                            Code::UnknownPolicyName,
                            format!(
                                "unknown input field `{segment}` on `{}`",
                                type_decl.name_text()
                            ),
                            *range,
                            "unknown input field",
                        );
                        if let Some(suggestion) = suggestion {
                            diagnostic.suggest(&suggestion);
                        }
                        return None;
                    };
                    current = field.ty.clone()?;
                    nullable |= current.arity == Arity::Optional;
                    full.push(segment.to_string());
                }
                let ty = self.ty_of_name(&current.name.text);
                let storage = Storage::of(&self.value_type(&current.name.text), current.arity);
                Some(Operand {
                    is_field: true,
                    ..Operand::value(
                        ty,
                        current.arity,
                        Value::Argument {
                            path: full,
                            kind: storage.kind,
                            nullable,
                        },
                    )
                })
            }
        }
    }

    /// The resolved type a type name stands for, as far as its storage goes.
    fn value_type(&self, name: &str) -> Type {
        match self.ctx.resolve(name) {
            Some(Resolved::Builtin(scalar)) => Type::Scalar(scalar),
            Some(Resolved::Enum(_)) => Type::Enum(name.to_string()),
            Some(Resolved::Model(_)) => Type::Model(name.to_string()),
            _ => Type::Record(name.to_string()),
        }
    }

    /// Walks `a.b.some.c` from the model field `a` through relations.
    fn walk_relation_path<'e>(
        &mut self,
        first: &Field,
        path: &[(&str, TextRange)],
    ) -> Option<Operand<'e>> {
        let mut field = first.clone();
        let mut hops = Vec::new();
        let mut i = 1;
        loop {
            let ty = field.ty.clone()?;
            let target = self.ctx.model_named(&ty.name.text);
            if i == path.len() {
                let resolution = match relations::key_pair(&field) {
                    Some((local, referenced)) if target.is_some() => {
                        Resolution::Relation { local, referenced }
                    }
                    _ => Resolution::Value(Value::Field(field.name.text.clone())),
                };
                return Some(Operand {
                    ty: self.ty_of_name(&ty.name.text),
                    arity: ty.arity,
                    is_field: true,
                    is_literal: false,
                    hops,
                    resolution,
                    expr: None,
                });
            }
            let Some((target_decl, _)) = target else {
                self.error(
                    Code::InvalidRelationPath,
                    format!("cannot traverse through scalar field `{}`", field.name.text),
                    path[i].1,
                    "not a relation",
                );
                return None;
            };
            let (segment, range) = path[i];
            let quantifier = if ty.arity == Arity::List {
                let Some(quantifier) = lang::names(QUANTIFIERS)
                    .any(|q| q == segment)
                    .then(|| Quantifier::from_name(segment))
                    .flatten()
                else {
                    self.error(
                        Code::InvalidRelationPath,
                        format!(
                            "must use `some`, `every` or `none` after to-many relation `{}`; found `{segment}`",
                            field.name.text
                        ),
                        range,
                        "quantifier expected",
                    );
                    return None;
                };
                i += 1;
                if i == path.len() {
                    self.error(
                        Code::InvalidRelationPath,
                        format!("must continue after `{}.{segment}`", field.name.text),
                        range,
                        "path ends here",
                    );
                    return None;
                }
                quantifier
            } else if lang::names(QUANTIFIERS).any(|q| q == segment) {
                self.error(
                    Code::InvalidRelationPath,
                    format!(
                        "cannot use a collection quantifier after to-one relation `{}`",
                        field.name.text
                    ),
                    range,
                    "to-one relation",
                );
                return None;
            } else {
                Quantifier::Some
            };
            hops.push(Hop {
                relation: field.name.text.clone(),
                target: ty.name.text.clone(),
                quantifier,
            });
            let (segment, range) = path[i];
            let target_fields = self.ctx.expanded_fields(target_decl);
            let Some(next) = target_fields.iter().find(|f| f.field.name.text == segment) else {
                let suggestion = did_you_mean(
                    segment,
                    target_fields.iter().map(|f| f.field.name.text.as_str()),
                )
                .map(str::to_string);
                let diagnostic = self.error(
                    Code::UnknownPolicyName,
                    format!("unknown field `{segment}` on model `{}`", ty.name.text),
                    range,
                    "unknown field",
                );
                if let Some(suggestion) = suggestion {
                    diagnostic.suggest(&suggestion);
                }
                return None;
            };
            field = next.field.clone();
            i += 1;
        }
    }
}

fn compatible(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Scalar(x), Ty::Scalar(y)) => {
            x == y
                || (x.is_numeric() && y.is_numeric())
                || (x.is_textual() && y.is_textual())
                || (*x == Scalar::DateTime && *y == Scalar::String)
                || (*x == Scalar::String && *y == Scalar::DateTime)
        }
        (Ty::Enum(x), Ty::Enum(y)) => x == y,
        _ => false,
    }
}
