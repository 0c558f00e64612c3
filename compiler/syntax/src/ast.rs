//! The lowered syntax tree: owned, `Eq`, and position-independent.
//!
//! Every range in a [`Declaration`] is relative to the start of that
//! declaration, so moving a declaration (an edit above it) leaves it equal to
//! what it was. That equality is what lets the incremental compiler skip
//! re-validating declarations an edit did not touch.

use cstack_diagnostics::TextRange;

/// The kind of a top-level declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclKind {
    Datasource,
    Auth,
    Mixin,
    Model,
    Type,
    Enum,
    View,
    Procedure,
    Extension,
    Mcp,
    Transport,
}

impl DeclKind {
    /// The keyword that introduces the declaration.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Datasource => "datasource",
            DeclKind::Auth => "auth",
            DeclKind::Mixin => "mixin",
            DeclKind::Model => "model",
            DeclKind::Type => "type",
            DeclKind::Enum => "enum",
            DeclKind::View => "view",
            DeclKind::Procedure => "procedure",
            DeclKind::Extension => "extension",
            DeclKind::Mcp => "mcp",
            DeclKind::Transport => "transport",
        }
    }
}

/// A name and where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    pub text: String,
    pub range: TextRange,
}

/// A top-level declaration. Which members are filled depends on `kind`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Declaration {
    pub kind: DeclKind,
    /// The whole declaration, starting at 0.
    pub range: TextRange,
    pub keyword: TextRange,
    pub name: Option<Ident>,
    pub docs: Option<String>,
    /// Fields of models, types, mixins, auth blocks and views.
    pub fields: Vec<Field>,
    /// `@@...` lines in a body.
    pub block_attributes: Vec<Attribute>,
    /// Single-`@` attributes that are not attached to a field: `@use(...)`
    /// lines in a body, and the attribute lines of a procedure.
    pub attributes: Vec<Attribute>,
    pub variants: Vec<EnumVariant>,
    /// `key = value` entries of `datasource`, `extension` and `mcp` blocks.
    pub entries: Vec<ConfigEntry>,
    /// `view V from A, B`.
    pub sources: Vec<Ident>,
    /// `mutation procedure`.
    pub mutation: bool,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<TypeRef>,
    /// `transport rpc`.
    pub style: Option<Ident>,
    /// The `{ ... }` body, from its opening brace (missing for bodiless
    /// declarations and where the parser recovered none).
    pub body: Option<TextRange>,
}

impl Declaration {
    pub fn new(kind: DeclKind, range: TextRange, keyword: TextRange) -> Self {
        Self {
            kind,
            range,
            keyword,
            name: None,
            docs: None,
            fields: Vec::new(),
            block_attributes: Vec::new(),
            attributes: Vec::new(),
            variants: Vec::new(),
            entries: Vec::new(),
            sources: Vec::new(),
            mutation: false,
            parameters: Vec::new(),
            return_type: None,
            style: None,
            body: None,
        }
    }

    pub fn name_text(&self) -> &str {
        self.name.as_ref().map_or("", |name| name.text.as_str())
    }

    /// The range to report against the declaration as a whole: its name, or
    /// its keyword when it has none.
    pub fn name_range(&self) -> TextRange {
        self.name.as_ref().map_or(self.keyword, |name| name.range)
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name.text == name)
    }

    pub fn block_attributes_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Attribute> + 'a {
        self.block_attributes
            .iter()
            .filter(move |attribute| attribute.name.text == name)
    }

    pub fn attributes_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Attribute> + 'a {
        self.attributes
            .iter()
            .filter(move |attribute| attribute.name.text == name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: Ident,
    /// `None` when the type is missing (a syntax error was reported).
    pub ty: Option<TypeRef>,
    pub attributes: Vec<Attribute>,
    pub docs: Option<String>,
    pub range: TextRange,
}

impl Field {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name.text == name)
    }

    pub fn has_attribute(&self, name: &str) -> bool {
        self.attribute(name).is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arity {
    Required,
    Optional,
    List,
}

/// `Name`, `Name?`, `Name[]`, `Page<T>`, `Vector(3)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeRef {
    pub name: Ident,
    /// `<...>` arguments; `None` when there are no angle brackets.
    pub arguments: Option<Vec<TypeRef>>,
    /// `(...)` parameters; `None` when there are no parentheses.
    pub parameters: Option<Vec<TypeParameter>>,
    pub arity: Arity,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeParameter {
    pub text: String,
    pub is_number: bool,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    pub name: Ident,
    pub attributes: Vec<Attribute>,
    pub docs: Option<String>,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigEntry {
    pub key: Ident,
    pub value: Expr,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Parameter {
    pub name: Ident,
    pub ty: Option<TypeRef>,
    pub docs: Option<String>,
    pub range: TextRange,
}

/// `@name(args)` or `@@name(args)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Attribute {
    /// The name without its `@`/`@@` sigil.
    pub name: Ident,
    pub is_block: bool,
    /// `None` for a bare attribute, `Some` (possibly empty) with parentheses.
    pub arguments: Option<Arguments>,
    pub range: TextRange,
}

impl Attribute {
    /// The sigil and name, for example `@@index`: the range diagnostics about
    /// the attribute itself point at.
    pub fn head_range(&self) -> TextRange {
        let sigil = if self.is_block { 2 } else { 1 };
        TextRange::new(self.name.range.start - sigil, self.name.range.end)
    }

    pub fn display_name(&self) -> String {
        format!(
            "{}{}",
            if self.is_block { "@@" } else { "@" },
            self.name.text
        )
    }

    pub fn args(&self) -> &[Argument] {
        self.arguments
            .as_ref()
            .map_or(&[], |arguments| &arguments.items)
    }

    pub fn positional(&self) -> impl Iterator<Item = &Expr> {
        self.args()
            .iter()
            .filter(|argument| argument.name.is_none())
            .map(|argument| &argument.value)
    }

    pub fn named(&self, key: &str) -> Option<&Argument> {
        self.args()
            .iter()
            .find(|argument| argument.name.as_ref().is_some_and(|name| name.text == key))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arguments {
    pub items: Vec<Argument>,
    pub range: TextRange,
}

/// A positional value, or `name: value` / `name = value`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Argument {
    pub name: Option<Ident>,
    pub value: Expr,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
        }
    }

    pub fn is_ordering(self) -> bool {
        matches!(
            self,
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
        )
    }

    pub fn is_comparison(self) -> bool {
        !matches!(self, BinaryOp::Or | BinaryOp::And)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    Double,
    Single,
    Triple,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExprKind {
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    In {
        negated: bool,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Not(Box<Expr>),
    Member {
        object: Box<Expr>,
        property: Ident,
    },
    Call {
        callee: Box<Expr>,
        arguments: Arguments,
    },
    Paren(Box<Expr>),
    Array(Vec<Expr>),
    Ident(String),
    /// The unescaped value.
    String {
        value: String,
        quote: QuoteStyle,
    },
    /// The source text, kept so decimal values stay exact.
    Number(String),
    Bool(bool),
    Null,
    /// Text that did not parse; a syntax error was reported for it.
    Error,
}

impl Expr {
    /// `a`, `a.b.c` as segments with their ranges, when the expression is a
    /// plain name or dotted path.
    pub fn as_path(&self) -> Option<Vec<(&str, TextRange)>> {
        match &self.kind {
            ExprKind::Ident(name) => Some(vec![(name.as_str(), self.range)]),
            ExprKind::Member { object, property } => {
                let mut path = object.as_path()?;
                path.push((property.text.as_str(), property.range));
                Some(path)
            }
            _ => None,
        }
    }

    pub fn as_ident(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Ident(name) => Some(name),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Strips any parentheses.
    pub fn unparenthesized(&self) -> &Expr {
        match &self.kind {
            ExprKind::Paren(inner) => inner.unparenthesized(),
            _ => self,
        }
    }
}
