//! Policies as the checker typed them: actions as a set, and conditions
//! whose operands are resolved fields, relation paths with their
//! quantifier, `auth()` members, procedure arguments or typed literals.

use super::records::Literal;
use cstack_storage::Kind;

/// One `@@allow` or `@@deny` of a model or view.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    pub allow: bool,
    pub actions: Actions,
    pub condition: Condition,
}

/// A set of policy actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Actions(u8);

impl Actions {
    pub const LIST: Actions = Actions(1);
    pub const DETAIL: Actions = Actions(2);
    pub const CREATE: Actions = Actions(4);
    pub const UPDATE: Actions = Actions(8);
    pub const DELETE: Actions = Actions(16);
    pub const READ: Actions = Actions(1 | 2);
    pub const ALL: Actions = Actions(1 | 2 | 4 | 8 | 16);

    /// The action a policy's action string names (`read`, `all`, ...).
    pub fn from_name(name: &str) -> Option<Actions> {
        Some(match name {
            "read" => Self::READ,
            "list" => Self::LIST,
            "detail" => Self::DETAIL,
            "create" => Self::CREATE,
            "update" => Self::UPDATE,
            "delete" => Self::DELETE,
            "all" => Self::ALL,
            _ => return None,
        })
    }

    pub fn union(self, other: Actions) -> Actions {
        Actions(self.0 | other.0)
    }

    pub fn contains(self, other: Actions) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn bits(self) -> u8 {
        self.0
    }
}

/// A Boolean condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    Literal(bool),
    /// Two or more conditions, every one holding (nested `&&` flattened).
    And(Vec<Condition>),
    /// Two or more conditions, one holding (nested `||` flattened).
    Or(Vec<Condition>),
    Not(Box<Condition>),
    /// `left op right`. In a model or view policy a field operand is on the
    /// left whenever there is one.
    Compare {
        left: Operand,
        op: CmpOp,
        right: Operand,
    },
    /// `operand in [...]` / `not in`; the values are literals.
    In {
        operand: Operand,
        values: Vec<Literal>,
        negated: bool,
    },
    /// `auth() != null` (`true`) or `auth() == null` (`false`).
    Authenticated(bool),
    HasRole(String),
    InTenant(String),
    IsSystem,
    /// The condition holds for the rows a relation field leads to: some,
    /// every or none of them (a to-one relation is `Some`).
    Related {
        relation: String,
        /// The model the relation leads to.
        target: String,
        quantifier: Quantifier,
        condition: Box<Condition>,
    },
}

/// A value in a condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// A field of the row in scope (the model or view, or the target of the
    /// relations crossed).
    Field(String),
    /// A procedure argument: its path from the argument, how it is stored,
    /// and whether it may be absent on the way.
    Argument {
        path: Vec<String>,
        kind: Kind<String>,
        nullable: bool,
    },
    /// A member of the principal: `auth().a.b`.
    Auth(Vec<String>),
    Literal(Literal),
    Null,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// The same comparison with its sides swapped (`a < b` is `b > a`).
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantifier {
    Some,
    Every,
    None,
}

impl Quantifier {
    pub fn from_name(name: &str) -> Option<Quantifier> {
        Some(match name {
            "some" => Quantifier::Some,
            "every" => Quantifier::Every,
            "none" => Quantifier::None,
            _ => return None,
        })
    }
}
