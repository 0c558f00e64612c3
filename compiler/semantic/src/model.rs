//! The validated `SchemaModel`: what code generation and migration planning
//! consume. Built only from a schema without errors.

use crate::names::{table_name, to_snake_case};
use crate::{
    Db, Provider, Resolved, Scalar, SourceFile, Transport, check_file, item_tree, scope, settings,
};
use cstack_syntax::ast::{Arity, Attribute, BinaryOp, DeclKind, Declaration, Expr, ExprKind};
use std::sync::Arc;

/// A token proving that errors were reported: the schema has no model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorsReported;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaModel {
    pub provider: Option<Provider>,
    pub transport: Transport,
    pub pgvector: bool,
    pub rate_limit: bool,
    pub auth: Option<Record>,
    pub models: Vec<Record>,
    pub types: Vec<Record>,
    pub views: Vec<Record>,
    pub enums: Vec<Enum>,
    pub procedures: Vec<Procedure>,
}

/// A model, type, view or auth block with its fields resolved (mixins
/// expanded into models).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    /// The table (or SQL view) name: `pluralize(snake_case(name))`.
    pub table: String,
    pub docs: Option<String>,
    pub fields: Vec<FieldModel>,
    pub attributes: Vec<AttributeModel>,
    /// View sources.
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldModel {
    pub name: String,
    pub column: String,
    pub ty: TypeModel,
    pub arity: Arity,
    pub docs: Option<String>,
    pub attributes: Vec<AttributeModel>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeModel {
    Scalar(Scalar),
    /// `Vector(n)`.
    Vector(u32),
    Enum(String),
    Model(String),
    Type(String),
    /// `Page<T>` / `FindMany<T>`.
    Generic(Scalar, String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
    pub docs: Option<String>,
    pub variants: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub name: String,
    pub mutation: bool,
    pub docs: Option<String>,
    pub parameters: Vec<FieldModel>,
    pub returns: FieldModel,
    pub attributes: Vec<AttributeModel>,
}

/// An attribute without source positions: what it says, not where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeModel {
    pub name: String,
    /// `@@name` rather than `@name`.
    pub is_block: bool,
    /// `None` for a bare attribute.
    pub arguments: Option<Vec<ArgumentModel>>,
}

/// A positional argument, or `name: value` / `name = value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgumentModel {
    pub name: Option<String>,
    pub value: Value,
}

/// An attribute value or policy expression without source positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Binary(BinaryOp, Box<Value>, Box<Value>),
    In {
        negated: bool,
        left: Box<Value>,
        right: Box<Value>,
    },
    Not(Box<Value>),
    Member(Box<Value>, String),
    Call(Box<Value>, Vec<ArgumentModel>),
    Array(Vec<Value>),
    Ident(String),
    String(String),
    /// The source text, so decimals stay exact.
    Number(String),
    Bool(bool),
    Null,
}

impl From<&Attribute> for AttributeModel {
    fn from(attribute: &Attribute) -> Self {
        Self {
            name: attribute.name.text.clone(),
            is_block: attribute.is_block,
            arguments: attribute
                .arguments
                .as_ref()
                .map(|arguments| arguments.items.iter().map(argument_model).collect()),
        }
    }
}

fn argument_model(argument: &cstack_syntax::ast::Argument) -> ArgumentModel {
    ArgumentModel {
        name: argument.name.as_ref().map(|name| name.text.clone()),
        value: Value::from(&argument.value),
    }
}

impl From<&Expr> for Value {
    fn from(expr: &Expr) -> Self {
        let boxed = |expr: &Expr| Box::new(Value::from(expr));
        match &expr.kind {
            ExprKind::Binary { op, left, right } => Value::Binary(*op, boxed(left), boxed(right)),
            ExprKind::In {
                negated,
                left,
                right,
            } => Value::In {
                negated: *negated,
                left: boxed(left),
                right: boxed(right),
            },
            ExprKind::Not(inner) => Value::Not(boxed(inner)),
            // Parentheses only group; the tree already says how.
            ExprKind::Paren(inner) => Value::from(&**inner),
            ExprKind::Member { object, property } => {
                Value::Member(boxed(object), property.text.clone())
            }
            ExprKind::Call { callee, arguments } => Value::Call(
                boxed(callee),
                arguments.items.iter().map(argument_model).collect(),
            ),
            ExprKind::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            ExprKind::Ident(name) => Value::Ident(name.clone()),
            ExprKind::String { value, .. } => Value::String(value.clone()),
            ExprKind::Number(text) => Value::Number(text.clone()),
            ExprKind::Bool(value) => Value::Bool(*value),
            // Only a schema without errors has a model, so there is no error node.
            ExprKind::Null | ExprKind::Error => Value::Null,
        }
    }
}

/// The validated model of a schema, or [`ErrorsReported`] when `check_file`
/// found errors.
#[salsa::tracked(returns(ref))]
pub fn schema_model(db: &dyn Db, file: SourceFile) -> Result<Arc<SchemaModel>, ErrorsReported> {
    if check_file(db, file).has_errors() {
        return Err(ErrorsReported);
    }
    let settings = settings(db, file);
    let scope = scope(db, file);
    let decls = &item_tree(db, file).decls;
    let syntax_of = |index: usize| decls[index].syntax(db).clone();
    let resolve = |ty: &cstack_syntax::ast::TypeRef| -> TypeModel {
        match scope.resolve_type(&ty.name.text) {
            Some(Resolved::Builtin(Scalar::Vector)) => TypeModel::Vector(
                ty.parameters
                    .as_ref()
                    .and_then(|p| p.first())
                    .and_then(|p| p.text.parse().ok())
                    .unwrap_or(0),
            ),
            Some(Resolved::Builtin(scalar @ (Scalar::Page | Scalar::FindMany))) => {
                TypeModel::Generic(
                    scalar,
                    ty.arguments
                        .as_ref()
                        .and_then(|a| a.first())
                        .map(|inner| inner.name.text.clone())
                        .unwrap_or_default(),
                )
            }
            Some(Resolved::Builtin(scalar)) => TypeModel::Scalar(scalar),
            Some(Resolved::Enum(_)) => TypeModel::Enum(ty.name.text.clone()),
            Some(Resolved::Model(_)) => TypeModel::Model(ty.name.text.clone()),
            _ => TypeModel::Type(ty.name.text.clone()),
        }
    };
    let field_model = |field: &cstack_syntax::ast::Field| -> Option<FieldModel> {
        let ty = field.ty.as_ref()?;
        Some(FieldModel {
            name: field.name.text.clone(),
            column: to_snake_case(&field.name.text),
            ty: resolve(ty),
            arity: ty.arity,
            docs: field.docs.clone(),
            attributes: field.attributes.iter().map(AttributeModel::from).collect(),
        })
    };
    let record = |decl: &Declaration, fields: Vec<FieldModel>| Record {
        name: decl.name_text().to_string(),
        table: table_name(decl.name_text()),
        docs: decl.docs.clone(),
        fields,
        attributes: decl
            .block_attributes
            .iter()
            .map(AttributeModel::from)
            .collect(),
        sources: decl.sources.iter().map(|s| s.text.clone()).collect(),
    };
    let mut model = SchemaModel {
        provider: settings.provider,
        transport: settings.transport,
        pgvector: settings.pgvector,
        rate_limit: settings.rate_limit,
        auth: scope.auth.map(|index| {
            let decl = syntax_of(index);
            record(&decl, decl.fields.iter().filter_map(field_model).collect())
        }),
        models: Vec::new(),
        types: Vec::new(),
        views: Vec::new(),
        enums: Vec::new(),
        procedures: Vec::new(),
    };
    for decl in decls {
        let syntax = decl.syntax(db);
        match syntax.kind {
            DeclKind::Model => {
                // Mixin fields first, in `@use` order; the model's own win.
                let mut fields: Vec<FieldModel> = Vec::new();
                for name in syntax
                    .attributes
                    .iter()
                    .filter(|a| a.name.text == "use")
                    .flat_map(|a| a.positional())
                    .filter_map(|v| v.as_ident())
                {
                    if let Some(Resolved::Mixin(index)) = scope.resolve_type(name) {
                        for field in &syntax_of(index).fields {
                            if syntax.field(&field.name.text).is_none()
                                && !fields.iter().any(|f| f.name == field.name.text)
                                && let Some(field) = field_model(field)
                            {
                                fields.push(field);
                            }
                        }
                    }
                }
                fields.extend(syntax.fields.iter().filter_map(field_model));
                model.models.push(record(syntax, fields));
            }
            DeclKind::Type => model.types.push(record(
                syntax,
                syntax.fields.iter().filter_map(field_model).collect(),
            )),
            DeclKind::View => model.views.push(record(
                syntax,
                syntax.fields.iter().filter_map(field_model).collect(),
            )),
            DeclKind::Enum => model.enums.push(Enum {
                name: syntax.name_text().to_string(),
                docs: syntax.docs.clone(),
                variants: syntax
                    .variants
                    .iter()
                    .map(|v| v.name.text.clone())
                    .collect(),
            }),
            DeclKind::Procedure => {
                let Some(returns) = syntax.return_type.as_ref() else {
                    continue;
                };
                model.procedures.push(Procedure {
                    name: syntax.name_text().to_string(),
                    mutation: syntax.mutation,
                    docs: syntax.docs.clone(),
                    parameters: syntax
                        .parameters
                        .iter()
                        .filter_map(|p| {
                            let ty = p.ty.as_ref()?;
                            Some(FieldModel {
                                name: p.name.text.clone(),
                                column: to_snake_case(&p.name.text),
                                ty: resolve(ty),
                                arity: ty.arity,
                                docs: p.docs.clone(),
                                attributes: Vec::new(),
                            })
                        })
                        .collect(),
                    returns: FieldModel {
                        name: String::new(),
                        column: String::new(),
                        ty: resolve(returns),
                        arity: returns.arity,
                        docs: None,
                        attributes: Vec::new(),
                    },
                    attributes: syntax.attributes.iter().map(AttributeModel::from).collect(),
                });
            }
            _ => {}
        }
    }
    Ok(Arc::new(model))
}
