//! Procedures: their signature and attributes, resolved.

use super::policy::Condition;
use super::records::Type;
use crate::Storage;
use cstack_syntax::ast::Arity;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Procedure {
    pub name: String,
    /// `mutation procedure`.
    pub mutation: bool,
    pub docs: Option<String>,
    pub parameters: Vec<Parameter>,
    pub returns: Returns,
    /// `@allow(...)` / `@deny(...)`, in order.
    pub rules: Vec<Rule>,
    pub isolation: Option<Isolation>,
    pub api_version: Option<String>,
    /// `@deprecated`, with its message when it has one.
    pub deprecated: Option<Option<String>>,
    /// `@stream`.
    pub stream: bool,
    /// `@no_rate_limit`.
    pub no_rate_limit: bool,
    /// `@status(code)`.
    pub status: Option<u16>,
    /// `@no_idempotency`.
    pub no_idempotency: bool,
    pub authorize: Option<Authorize>,
}

impl Procedure {
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|parameter| parameter.name == name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Parameter {
    pub name: String,
    pub ty: Type,
    pub arity: Arity,
    pub docs: Option<String>,
}

impl Parameter {
    /// The storage table's entry for its type and arity.
    pub fn storage(&self) -> Storage {
        Storage::of(&self.ty, self.arity)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Returns {
    pub ty: Type,
    pub arity: Arity,
}

impl Returns {
    /// The storage table's entry for its type and arity.
    pub fn storage(&self) -> Storage {
        Storage::of(&self.ty, self.arity)
    }
}

/// One `@allow(expr)` or `@deny(expr)` of a procedure.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub allow: bool,
    pub condition: Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Isolation {
    ReadCommitted,
    RepeatableRead,
    Serializable,
}

/// `@authorize(Model, action, args.path)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Authorize {
    pub model: String,
    pub action: String,
    /// The argument path holding the record's key.
    pub path: Vec<String>,
}
