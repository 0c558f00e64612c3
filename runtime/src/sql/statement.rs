//! A statement being written: its SQL text, the values its placeholders
//! stand for, and the dialect both follow. Values are pushed as bound
//! parameters and the text gets a placeholder (`$n` on PostgreSQL, `?n` on
//! SQLite, `?` in order on MySQL); identifiers are quoted. What the
//! backends execute.

use crate::schema::value::{Kind, Value};
use cstack_storage::Dialect;
use std::fmt::Write;

/// A statement and its parameters.
#[derive(Clone, Debug)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Value>,
    /// How many rows the statement can return at most (its `LIMIT`), so
    /// the reader can size its buffer once.
    pub row_limit: Option<usize>,
    pub(super) dialect: Dialect,
    /// Table aliases used so far (`t1`, `t2`, ... for subqueries).
    pub(super) aliases: usize,
}

impl Sql {
    pub fn new(dialect: Dialect) -> Self {
        Self {
            text: String::with_capacity(256),
            params: Vec::new(),
            row_limit: None,
            dialect,
            aliases: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn ident(&mut self, name: &str) -> &mut Self {
        self.text.push('"');
        if name.contains('"') {
            self.text.push_str(&name.replace('"', "\"\""));
        } else {
            self.text.push_str(name);
        }
        self.text.push('"');
        self
    }

    /// `alias."column"`.
    pub(super) fn column(&mut self, alias: &str, column: &str) -> &mut Self {
        self.text.push_str(alias);
        self.text.push('.');
        self.ident(column)
    }

    pub fn param(&mut self, value: Value) -> &mut Self {
        // PostgreSQL has no implicit cast from text to an enum type.
        let cast = match (&value, self.dialect) {
            (
                Value::Enum { type_name, .. } | Value::Null(Kind::Enum(type_name)),
                Dialect::Postgres,
            ) => Some(*type_name),
            _ => None,
        };
        self.params.push(value);
        match self.dialect {
            Dialect::Postgres => {
                let _ = write!(self.text, "${}", self.params.len());
            }
            Dialect::Sqlite => {
                let _ = write!(self.text, "?{}", self.params.len());
            }
            // MySQL numbers no placeholders: they bind in order.
            Dialect::Mysql => self.text.push('?'),
        }
        if let Some(type_name) = cast {
            self.push("::");
            self.ident(type_name);
        }
        self
    }

    pub(super) fn fresh_alias(&mut self) -> String {
        self.aliases += 1;
        format!("t{}", self.aliases)
    }
}
