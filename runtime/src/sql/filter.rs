//! Rendering a filter tree into a statement's `WHERE`: comparisons with
//! bound values (a boolean or an enum variant written as a literal, see
//! `literal`), relation conditions as `EXISTS` subqueries, and a shared
//! policy filter from its text rendered once per dialect.

use crate::query::filter::{Node, Rendered, SharedNode};
use crate::schema::operator::{CmpOp, Quantifier};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use cstack_storage::Dialect;

impl Sql {
    /// A comparable expression for a column: SQLite stores decimals as text,
    /// so they are compared as numbers; PostgreSQL compares text bytewise
    /// like SQLite does, and enums by their text rather than by declaration
    /// order, as SQLite does.
    pub(super) fn comparable(&mut self, alias: &str, column: &str, kind: Kind, ordered: bool) {
        match (self.dialect, kind) {
            (Dialect::Postgres, Kind::Enum(_)) if ordered => {
                self.column(alias, column).push("::text COLLATE \"C\"");
            }
            (Dialect::Sqlite, Kind::Decimal) if ordered => {
                self.push("CAST(").column(alias, column).push(" AS REAL)");
            }
            (Dialect::Postgres, Kind::Text) if ordered => {
                self.column(alias, column).push(" COLLATE \"C\"");
            }
            _ => {
                self.column(alias, column);
            }
        }
    }

    /// Writes a boolean or an enum variant as a literal, and says whether it
    /// did. Such a value cannot carry text of its own (a variant is only
    /// written when it is an identifier, as every generated one is), and a
    /// filter's statements take only as many shapes as the type has values.
    /// In return the planner sees the constant: PostgreSQL estimates the
    /// test from the column's statistics instead of a default, which lets
    /// it keep one generic plan for a policy-filtered read where a bound
    /// `archived <> $1` made it plan every execution afresh.
    fn literal(&mut self, value: &Value, as_text: bool) -> bool {
        match value {
            Value::Bool(b) => {
                self.push(if *b { "TRUE" } else { "FALSE" });
                true
            }
            Value::Enum { variant, type_name } if is_identifier(variant) => {
                self.text.push('\'');
                self.text.push_str(variant);
                self.text.push('\'');
                if self.dialect == Dialect::Postgres {
                    if as_text {
                        self.push("::text");
                    } else {
                        self.push("::");
                        self.ident(type_name);
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn comparable_param(&mut self, value: Value, kind: Kind, ordered: bool) {
        if self.literal(&value, ordered) {
            return;
        }
        if self.dialect == Dialect::Sqlite && kind == Kind::Decimal && ordered {
            self.push("CAST(").param(value).push(" AS REAL)");
        } else if self.dialect == Dialect::Postgres && matches!(kind, Kind::Enum(_)) && ordered {
            self.param(value).push("::text");
        } else {
            self.param(value);
        }
    }

    /// Renders a filter over rows of `alias`.
    pub(crate) fn filter(&mut self, alias: &str, node: &Node) {
        match node {
            Node::True => {
                self.push("TRUE");
            }
            Node::Compare {
                column,
                kind,
                op,
                value,
            } => {
                let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
                self.comparable(alias, column, *kind, ordered);
                self.push(match op {
                    CmpOp::Eq => " = ",
                    CmpOp::Ne => " <> ",
                    CmpOp::Lt => " < ",
                    CmpOp::Lte => " <= ",
                    CmpOp::Gt => " > ",
                    CmpOp::Gte => " >= ",
                });
                self.comparable_param(value.clone(), *kind, ordered);
            }
            Node::In {
                column,
                values,
                negated,
                ..
            } => {
                if values.is_empty() {
                    self.push(if *negated { "TRUE" } else { "FALSE" });
                    return;
                }
                self.column(alias, column);
                self.push(if *negated { " NOT IN (" } else { " IN (" });
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        self.push(", ");
                    }
                    if !self.literal(value, false) {
                        self.param(value.clone());
                    }
                }
                self.push(")");
            }
            Node::IsNull { column, negated } => {
                self.column(alias, column);
                self.push(if *negated { " IS NOT NULL" } else { " IS NULL" });
            }
            Node::Contains { column, value } | Node::StartsWith { column, value } => {
                // strpos/instr instead of LIKE: no wildcard escaping, and
                // case-sensitive on both backends.
                let function = match self.dialect {
                    Dialect::Postgres => "strpos(",
                    Dialect::Sqlite | Dialect::Mysql => "instr(",
                };
                self.push(function).column(alias, column).push(", ");
                self.param(Value::Text(value.clone()));
                self.push(if matches!(node, Node::Contains { .. }) {
                    ") > 0"
                } else {
                    ") = 1"
                });
            }
            Node::And(nodes) | Node::Or(nodes) => {
                let (joiner, empty) = if matches!(node, Node::And(_)) {
                    (" AND ", "TRUE")
                } else {
                    (" OR ", "FALSE")
                };
                if nodes.is_empty() {
                    self.push(empty);
                    return;
                }
                self.push("(");
                for (index, inner) in nodes.iter().enumerate() {
                    if index > 0 {
                        self.push(joiner);
                    }
                    self.push("(");
                    self.filter(alias, inner);
                    self.push(")");
                }
                self.push(")");
            }
            Node::Shared(shared) => self.shared(alias, shared),
            Node::Not(inner) => {
                // NULL comparisons count as false, so NOT of one is true.
                self.push("NOT COALESCE((");
                self.filter(alias, inner);
                self.push("), FALSE)");
            }
            Node::Related {
                target,
                local,
                remote,
                quantifier,
                inner,
                ..
            } => {
                let child = self.fresh_alias();
                self.push(match quantifier {
                    Quantifier::Some => "EXISTS (SELECT 1 FROM ",
                    Quantifier::Every | Quantifier::None => "NOT EXISTS (SELECT 1 FROM ",
                });
                self.ident(target.table)
                    .push(" AS ")
                    .push(&child)
                    .push(" WHERE ");
                self.column(&child, remote).push(" = ").column(alias, local);
                if let Some(deleted) = target.soft_delete {
                    self.push(" AND ").column(&child, deleted).push(" IS NULL");
                }
                self.push(" AND ");
                if *quantifier == Quantifier::Every {
                    self.push("NOT COALESCE((");
                    self.filter(&child, inner);
                    self.push("), FALSE)");
                } else {
                    self.push("(");
                    self.filter(&child, inner);
                    self.push(")");
                }
                self.push(")");
            }
        }
    }

    /// A shared tree: at the start of a read over `t0` its text is
    /// rendered once and reused, only its values are copied; anywhere else
    /// (after other placeholders, or over another alias) it is rendered.
    fn shared(&mut self, alias: &str, shared: &SharedNode) {
        if alias != "t0" || !self.params.is_empty() || self.aliases != 0 {
            self.filter(alias, &shared.node);
            return;
        }
        let slot = match self.dialect {
            Dialect::Postgres => 0,
            Dialect::Sqlite => 1,
            Dialect::Mysql => 2,
        };
        let rendered = shared.rendered[slot].get_or_init(|| {
            let mut fresh = Sql::new(self.dialect);
            fresh.filter(alias, &shared.node);
            Rendered {
                text: fresh.text,
                params: fresh.params,
                aliases: fresh.aliases,
            }
        });
        self.text.push_str(&rendered.text);
        self.params.extend(rendered.params.iter().cloned());
        self.aliases = rendered.aliases;
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`: safe between quotes as it stands.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
