//! Policies: `@@allow`/`@@deny` on models and views, `@allow`/`@deny` on
//! procedures. Parsed by the grammar; here every term is type-checked.
//!
//! The expression language: `&&`, `||`, `!`, parentheses, `==`, `!=`, `<`,
//! `<=`, `>`, `>=` on ordered scalars, `in [...]` / `not in [...]`, Boolean
//! literals, `null` against optional values, `auth()` and its members,
//! relation paths with `some`/`every`/`none`, and `hasRole`, `inTenant`,
//! `isSystem`.

use super::Ctx;
use super::attributes::LabelText;
use super::context::FieldRef;
use crate::names::did_you_mean;
use crate::{Resolved, Scalar};
use cstack_diagnostics::{Anchor, Code, TextRange};
use cstack_syntax::ast::{Arity, Attribute, BinaryOp, Expr, ExprKind, Field, Parameter};

const MODEL_ACTIONS: &[&str] = &[
    "read", "list", "detail", "create", "update", "delete", "all",
];
const QUANTIFIERS: &[&str] = &["some", "every", "none"];

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
                diagnostic.help = Some(format!("did you mean `{suggestion}`?"));
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

#[derive(Clone, Debug)]
struct Operand {
    ty: Ty,
    arity: Arity,
    /// A field or input, as opposed to a literal or `auth()` member.
    is_field: bool,
    is_literal: bool,
}

impl Operand {
    fn literal(ty: Ty) -> Self {
        Self {
            ty,
            arity: Arity::Required,
            is_field: false,
            is_literal: true,
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
}

struct Checker<'c, 'db, 'a> {
    ctx: &'c mut Ctx<'db>,
    dialect: Dialect<'a>,
    anchor: Anchor,
}

/// `@@allow("action", expr)` / `@@deny(...)` on a model.
pub fn check_model_policy(ctx: &mut Ctx<'_>, attribute: &Attribute, fields: &[FieldRef<'_>]) {
    let owner = format!("model `{}`", ctx.name());
    check_record_policy(ctx, attribute, fields, MODEL_ACTIONS, owner);
}

/// `@@allow("read", expr)` / `@@deny("read", expr)` on a view.
pub fn check_view_policy(ctx: &mut Ctx<'_>, attribute: &Attribute, fields: &[FieldRef<'_>]) {
    let owner = format!("view `{}`", ctx.name());
    check_record_policy(ctx, attribute, fields, &["read"], owner);
}

fn check_record_policy(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    fields: &[FieldRef<'_>],
    actions: &[&str],
    owner: String,
) {
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
        return;
    }
    let action_value = args[0].value.as_string().unwrap_or("");
    for action in action_value.split(',').map(str::trim) {
        if !actions.contains(&action) {
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
            diagnostic.help = Some(match did_you_mean(action, actions.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("expected one of: {}", actions.join(", ")),
            });
        }
    }
    let mut checker = Checker {
        ctx,
        dialect: Dialect::Record { fields, owner },
        anchor,
    };
    checker.check_bool(&args[1].value);
}

/// `@allow(expr)` / `@deny(expr)` on a procedure.
pub fn check_procedure_policy(ctx: &mut Ctx<'_>, attribute: &Attribute, parameters: &[Parameter]) {
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
        return;
    }
    let owner = format!("procedure `{}`", ctx.name());
    let mut checker = Checker {
        ctx,
        dialect: Dialect::Procedure { parameters, owner },
        anchor,
    };
    checker.check_bool(&args[0].value);
}

impl Checker<'_, '_, '_> {
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

    /// Checks that `expr` is a Boolean condition.
    fn check_bool(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Binary {
                op: BinaryOp::And | BinaryOp::Or,
                left,
                right,
            } => {
                self.check_bool(left);
                self.check_bool(right);
            }
            ExprKind::Binary { op, left, right } => self.check_comparison(*op, left, right),
            ExprKind::In { left, right, .. } => self.check_in(left, right),
            ExprKind::Not(inner) | ExprKind::Paren(inner) => self.check_bool(inner),
            ExprKind::Bool(_) | ExprKind::Error => {}
            ExprKind::Call { callee, arguments } => self.check_call(expr, callee, &arguments.items),
            ExprKind::Ident(_) | ExprKind::Member { .. } => {
                if let Some(operand) = self.operand(expr)
                    && !(operand.ty == Ty::Scalar(Scalar::Boolean) && operand.arity != Arity::List)
                {
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
                }
            }
            _ => {
                self.error(
                    Code::NonBooleanPolicyTerm,
                    "policy term is not a Boolean condition".to_string(),
                    expr.range,
                    "not a Boolean",
                );
            }
        }
    }

    fn check_call(&mut self, expr: &Expr, callee: &Expr, args: &[cstack_syntax::ast::Argument]) {
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
                let ok = args.len() == 1
                    && args[0].name.is_none()
                    && args[0].value.as_string().is_some();
                if !ok {
                    self.error(
                        Code::InvalidPolicyFunction,
                        format!(
                            "`{name}` takes exactly one string literal, e.g. `{name}('admin')`"
                        ),
                        expr.range,
                        "expected one string",
                    );
                }
            }
            "isSystem" => {
                if !args.is_empty() {
                    self.error(
                        Code::InvalidPolicyFunction,
                        "`isSystem()` takes no arguments".to_string(),
                        expr.range,
                        "unexpected arguments",
                    );
                }
            }
            "auth" if args.is_empty() => {
                self.error(
                    Code::NonBooleanPolicyTerm,
                    "`auth()` is the current principal, not a Boolean".to_string(),
                    expr.range,
                    "not a Boolean",
                )
                .help = Some("use `auth() != null` to require a signed-in user".to_string());
            }
            _ => {
                let shown = callee.as_ident().unwrap_or("this call").to_string();
                let diagnostic = self.error(
                    Code::InvalidPolicyFunction,
                    format!("unsupported policy function `{shown}`"),
                    callee.range,
                    "unknown function",
                );
                diagnostic.help = Some(
                    match did_you_mean(&shown, ["hasRole", "inTenant", "isSystem"]) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => {
                            "policy functions are `hasRole('r')`, `inTenant('t')` and `isSystem()`"
                                .to_string()
                        }
                    },
                );
            }
        }
    }

    fn check_comparison(&mut self, op: BinaryOp, left: &Expr, right: &Expr) {
        let left_auth = is_auth_call(left.unparenthesized());
        let right_auth = is_auth_call(right.unparenthesized());
        if left_auth || right_auth {
            let other = if left_auth { right } else { left };
            if matches!(other.kind, ExprKind::Null) && matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                return;
            }
            if matches!(op, BinaryOp::Eq | BinaryOp::Ne)
                && let Some(operand) = self.operand(other)
            {
                if let Ty::Record(_) = operand.ty
                    && operand.arity != Arity::List
                {
                    return; // `auth() == author`: the relation points at the principal.
                }
                self.error(
                    Code::PolicyTypeMismatch,
                    format!("`auth()` can only be compared with `null` or a to-one relation field, not {}", operand.describe()),
                    other.range,
                    "cannot compare with `auth()`",
                );
            }
            return;
        }
        let Some(mut lhs) = self.operand(left) else {
            return;
        };
        let Some(mut rhs) = self.operand(right) else {
            return;
        };
        self.settle_words(&mut lhs, left, &mut rhs, right);
        self.settle_words(&mut rhs, right, &mut lhs, left);
        if matches!(lhs.ty, Ty::Word(_)) || matches!(rhs.ty, Ty::Word(_)) {
            return; // already reported
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
            }
            return;
        }
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
                return;
            }
            if let Ty::Record(name) | Ty::Object(name) = &operand.ty {
                self.error(
                    Code::PolicyTypeMismatch,
                    format!("`{name}` values cannot be compared; compare one of their fields"),
                    expr.range,
                    "not a scalar",
                );
                return;
            }
        }
        // A field that may be null compared with a literal.
        let optional_vs_literal = (lhs.is_field && lhs.arity == Arity::Optional && rhs.is_literal)
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
            return;
        }
        if !compatible(&lhs.ty, &rhs.ty) {
            self.error(
                Code::PolicyTypeMismatch,
                format!("cannot compare {} with {}", lhs.describe(), rhs.describe()),
                range,
                "types do not match",
            );
            return;
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
            }
        }
    }

    /// Resolves a bare word against the other operand's enum, or reports it.
    fn settle_words(
        &mut self,
        word: &mut Operand,
        word_expr: &Expr,
        other: &mut Operand,
        _other_expr: &Expr,
    ) {
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
                *word = Operand::literal(Ty::Enum(enum_name));
            } else {
                let suggestion =
                    did_you_mean(&name, variants.iter().map(String::as_str)).map(str::to_string);
                let diagnostic = self.error(
                    Code::PolicyTypeMismatch,
                    format!("unknown variant `{name}` for enum `{enum_name}`"),
                    word_expr.range,
                    "not a variant",
                );
                diagnostic.help = Some(match suggestion {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!("expected one of: {}", variants.join(", ")),
                });
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

    fn check_in(&mut self, left: &Expr, right: &Expr) {
        let Some(lhs) = self.operand(left) else {
            return;
        };
        if let Ty::Word(name) = &lhs.ty {
            let name = name.clone();
            return self.unknown_name(&name, left.range);
        }
        let ExprKind::Array(items) = &right.kind else {
            self.error(
                Code::PolicyTypeMismatch,
                "`in` takes a list of literals, e.g. `status in [Active, Pending]`".to_string(),
                right.range,
                "expected `[...]`",
            );
            return;
        };
        if items.is_empty() {
            self.error(
                Code::PolicyTypeMismatch,
                "`in []` never matches; the list is empty".to_string(),
                right.range,
                "empty list",
            );
            return;
        }
        if lhs.is_field && lhs.arity == Arity::Optional {
            self.error(
                Code::OptionalLiteralComparison,
                "an optional field compared with literals is unsupported: the comparison is unknown when the field is null".to_string(),
                left.range,
                "optional field",
            );
            return;
        }
        for item in items {
            let Some(mut value) = self.operand(item) else {
                continue;
            };
            let mut lhs = lhs.clone();
            self.settle_words(&mut value, item, &mut lhs, left);
            if matches!(value.ty, Ty::Word(_)) || !value.is_literal {
                if !value.is_literal && !matches!(value.ty, Ty::Word(_)) {
                    self.error(
                        Code::PolicyTypeMismatch,
                        "`in [...]` lists literals".to_string(),
                        item.range,
                        "not a literal",
                    );
                }
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
            }
        }
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
            diagnostic.help = Some(format!("did you mean `{suggestion}`?"));
        }
    }

    /// The type of an operand, or `None` after reporting why it has none.
    fn operand(&mut self, expr: &Expr) -> Option<Operand> {
        match &expr.kind {
            ExprKind::Paren(inner) => self.operand(inner),
            ExprKind::String { .. } => Some(Operand::literal(Ty::Scalar(Scalar::String))),
            ExprKind::Number(text) => Some(Operand::literal(Ty::Scalar(if text.contains('.') {
                Scalar::Decimal
            } else {
                Scalar::Int
            }))),
            ExprKind::Bool(_) => Some(Operand::literal(Ty::Scalar(Scalar::Boolean))),
            ExprKind::Null => Some(Operand::literal(Ty::Null)),
            ExprKind::Error => None,
            ExprKind::Call { .. } if is_auth_call(expr) => Some(Operand {
                ty: Ty::Record("auth()".to_string()),
                arity: Arity::Required,
                is_field: false,
                is_literal: false,
            }),
            ExprKind::Member { .. } if auth_member_path(expr).is_some() => {
                let path = auth_member_path(expr)?;
                let member = resolve_auth_member(self.ctx, &path, self.anchor)?;
                Some(Operand {
                    ty: self.ty_of_name(&member.type_name),
                    arity: member.arity,
                    is_field: false,
                    is_literal: false,
                })
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
                self.resolve_path(&path)
            }
            ExprKind::Binary { .. }
            | ExprKind::In { .. }
            | ExprKind::Not(_)
            | ExprKind::Call { .. } => {
                // A condition used as a value: check it, and type it as Boolean.
                self.check_bool(expr);
                Some(Operand {
                    ty: Ty::Scalar(Scalar::Boolean),
                    arity: Arity::Required,
                    is_field: false,
                    is_literal: false,
                })
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
    fn unresolved(&mut self, path: &[(&str, TextRange)]) -> Option<Operand> {
        let (first, range) = path[0];
        if path.len() == 1 {
            return Some(Operand {
                ty: Ty::Word(first.to_string()),
                arity: Arity::Required,
                is_field: false,
                is_literal: true,
            });
        }
        self.unknown_name(first, range);
        None
    }

    fn resolve_path(&mut self, path: &[(&str, TextRange)]) -> Option<Operand> {
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
                let parameters = *parameters;
                let (ty, rest) =
                    if let Some(parameter) = parameters.iter().find(|p| p.name.text == first) {
                        (parameter.ty.clone()?, &path[1..])
                    } else if let Some(args) = parameters.iter().find(|p| p.name.text == "args") {
                        (args.ty.clone()?, path)
                    } else {
                        return self.unresolved(path);
                    };
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
                            diagnostic.help = Some(format!("did you mean `{suggestion}`?"));
                        }
                        return None;
                    };
                    current = field.ty.clone()?;
                }
                Some(Operand {
                    ty: self.ty_of_name(&current.name.text),
                    arity: current.arity,
                    is_field: true,
                    is_literal: false,
                })
            }
        }
    }

    /// Walks `a.b.some.c` from the model field `a` through relations.
    fn walk_relation_path(&mut self, first: &Field, path: &[(&str, TextRange)]) -> Option<Operand> {
        let mut field = first.clone();
        let mut i = 1;
        loop {
            let ty = field.ty.clone()?;
            let target = self.ctx.model_named(&ty.name.text);
            if i == path.len() {
                return Some(Operand {
                    ty: self.ty_of_name(&ty.name.text),
                    arity: ty.arity,
                    is_field: true,
                    is_literal: false,
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
            if ty.arity == Arity::List {
                if !QUANTIFIERS.contains(&segment) {
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
                }
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
            } else if QUANTIFIERS.contains(&segment) {
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
            }
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
                    diagnostic.help = Some(format!("did you mean `{suggestion}`?"));
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
