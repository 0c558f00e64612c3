//! SQL text for both dialects. Values are pushed as bound parameters and
//! the text gets a numbered placeholder (`$n` on PostgreSQL, `?n` on
//! SQLite); identifiers come from descriptors and are quoted. The one
//! exception is a filter's comparison with a value of a closed type, a
//! boolean or an enum variant, which is written as a literal (see
//! [`Sql::literal`]).

use crate::descriptor::ModelDescriptor;
use crate::filter::{CmpOp, Node, NullsOrder, Quantifier, Rendered, SharedNode};
use crate::value::{Kind, Value};
use std::fmt::Write;

pub use cstack_storage::Dialect;

/// A statement and its parameters.
#[derive(Clone, Debug)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Value>,
    /// How many rows the statement can return at most (its `LIMIT`), so
    /// the reader can size its buffer once.
    pub row_limit: Option<usize>,
    dialect: Dialect,
    aliases: usize,
}

/// One ordering key, untyped.
pub(crate) struct OrderKey {
    pub column: &'static str,
    pub kind: Kind,
    pub descending: bool,
    pub nulls: NullsOrder,
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
    fn column(&mut self, alias: &str, column: &str) -> &mut Self {
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
        let sigil = match self.dialect {
            Dialect::Postgres => '$',
            Dialect::Sqlite => '?',
        };
        let _ = write!(self.text, "{sigil}{}", self.params.len());
        if let Some(type_name) = cast {
            self.push("::");
            self.ident(type_name);
        }
        self
    }

    fn fresh_alias(&mut self) -> String {
        self.aliases += 1;
        format!("t{}", self.aliases)
    }

    /// `alias."a", alias."b", ...` for every column of the model.
    fn column_list(&mut self, alias: Option<&str>, model: &ModelDescriptor) {
        for (index, column) in model.columns.iter().enumerate() {
            if index > 0 {
                self.push(", ");
            }
            if let Some(alias) = alias {
                self.column(alias, column.name);
            } else {
                self.ident(column.name);
            }
        }
    }

    /// A comparable expression for a column: SQLite stores decimals as text,
    /// so they are compared as numbers; PostgreSQL compares text bytewise
    /// like SQLite does, and enums by their text rather than by declaration
    /// order, as SQLite does.
    fn comparable(&mut self, alias: &str, column: &str, kind: Kind, ordered: bool) {
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
    pub fn filter(&mut self, alias: &str, node: &Node) {
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
                    Dialect::Sqlite => "instr(",
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

    /// ` WHERE filter [AND not deleted]`.
    fn where_clause(&mut self, alias: &str, model: &ModelDescriptor, node: &Node) {
        self.push(" WHERE ");
        self.filter(alias, node);
        if let Some(deleted) = model.soft_delete {
            self.push(" AND ").column(alias, deleted).push(" IS NULL");
        }
    }

    fn order_by(&mut self, alias: &str, orders: &[OrderKey]) {
        for (index, order) in orders.iter().enumerate() {
            self.push(if index == 0 { " ORDER BY " } else { ", " });
            self.comparable(alias, order.column, order.kind, true);
            self.push(if order.descending { " DESC" } else { " ASC" });
            self.push(match order.nulls {
                NullsOrder::First => " NULLS FIRST",
                NullsOrder::Last => " NULLS LAST",
            });
        }
    }

    fn returning(&mut self, model: &ModelDescriptor) {
        self.push(" RETURNING ");
        self.column_list(None, model);
    }
}

pub(crate) fn select(
    dialect: Dialect,
    model: &ModelDescriptor,
    node: &Node,
    orders: &[OrderKey],
    limit: Option<i64>,
    offset: Option<i64>,
) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("SELECT ");
    sql.column_list(Some("t0"), model);
    sql.push(" FROM ").ident(model.table).push(" AS t0");
    sql.where_clause("t0", model, node);
    sql.order_by("t0", orders);
    match (limit, offset, dialect) {
        (Some(limit), _, _) => {
            sql.push(" LIMIT ").param(Value::Int(limit));
            sql.row_limit = usize::try_from(limit).ok();
        }
        // SQLite has no OFFSET without LIMIT; -1 means no limit.
        (None, Some(_), Dialect::Sqlite) => {
            sql.push(" LIMIT -1");
        }
        _ => {}
    }
    if let Some(offset) = offset {
        sql.push(" OFFSET ").param(Value::Int(offset));
    }
    sql
}

pub(crate) fn count(dialect: Dialect, model: &ModelDescriptor, node: &Node) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("SELECT COUNT(*) FROM ")
        .ident(model.table)
        .push(" AS t0");
    sql.where_clause("t0", model, node);
    sql
}

pub(crate) fn exists(dialect: Dialect, model: &ModelDescriptor, node: &Node) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("SELECT 1 FROM ").ident(model.table).push(" AS t0");
    sql.where_clause("t0", model, node);
    sql.push(" LIMIT 1");
    sql
}

/// One multi-row INSERT; every row has the values of `columns`, in order.
pub(crate) fn insert(
    dialect: Dialect,
    model: &ModelDescriptor,
    columns: &[&'static str],
    rows: Vec<Vec<Value>>,
) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("INSERT INTO ").ident(model.table);
    if columns.is_empty() {
        sql.push(" DEFAULT VALUES");
    } else {
        sql.push(" (");
        for (index, column) in columns.iter().enumerate() {
            if index > 0 {
                sql.push(", ");
            }
            sql.ident(column);
        }
        sql.push(") VALUES ");
        for (row_index, row) in rows.into_iter().enumerate() {
            sql.push(if row_index == 0 { "(" } else { ", (" });
            for (index, value) in row.into_iter().enumerate() {
                if index > 0 {
                    sql.push(", ");
                }
                sql.param(value);
            }
            sql.push(")");
        }
    }
    sql.returning(model);
    sql
}

/// INSERT ... ON CONFLICT (primary key) DO UPDATE every other given column.
pub(crate) fn upsert(
    dialect: Dialect,
    model: &ModelDescriptor,
    values: Vec<(&'static str, Value)>,
    update_guard: Option<&Node>,
) -> Sql {
    let columns: Vec<&'static str> = values.iter().map(|(column, _)| *column).collect();
    let mut sql = insert(
        dialect,
        model,
        &columns,
        vec![values.into_iter().map(|(_, value)| value).collect()],
    );
    // Re-render the tail: drop RETURNING, add the conflict clause.
    let returning = sql.text.rfind(" RETURNING ").unwrap_or(sql.text.len());
    sql.text.truncate(returning);
    sql.push(" ON CONFLICT (")
        .ident(model.primary_key)
        .push(") DO ");
    let updates: Vec<&str> = columns
        .iter()
        .copied()
        .filter(|column| *column != model.primary_key && Some(*column) != model.version)
        .collect();
    if updates.is_empty() && model.version.is_none() {
        // Nothing to change, but RETURNING needs the row: a no-op update.
        sql.push("UPDATE SET ")
            .ident(model.primary_key)
            .push(" = excluded.");
        sql.ident(model.primary_key);
    } else {
        sql.push("UPDATE SET ");
        for (index, column) in updates.iter().enumerate() {
            if index > 0 {
                sql.push(", ");
            }
            sql.ident(column).push(" = excluded.").ident(column);
        }
        if let Some(version) = model.version {
            if !updates.is_empty() {
                sql.push(", ");
            }
            sql.ident(version).push(" = ").ident(model.table).push(".");
            sql.ident(version).push(" + 1");
        }
    }
    if let Some(deleted) = model.soft_delete {
        // A soft-deleted row is gone: reviving it by upsert would be a
        // surprise, so it is left alone and reported as a conflict.
        sql.push(" WHERE ")
            .ident(model.table)
            .push(".")
            .ident(deleted);
        sql.push(" IS NULL");
    }
    // The update branch touches only a row the update policy admits.
    if let Some(guard) = update_guard {
        sql.push(if model.soft_delete.is_some() {
            " AND ("
        } else {
            " WHERE ("
        });
        sql.filter(&quoted(model.table), guard);
        sql.push(")");
    }
    sql.returning(model);
    sql
}

/// UPDATE rows matching `node` (and not soft-deleted); bumps `@version`.
pub(crate) fn update(
    dialect: Dialect,
    model: &ModelDescriptor,
    values: Vec<(&'static str, Value)>,
    node: &Node,
    returning: bool,
) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("UPDATE ").ident(model.table).push(" SET ");
    let mut first = true;
    for (column, value) in values {
        if !first {
            sql.push(", ");
        }
        first = false;
        sql.ident(column).push(" = ").param(value);
    }
    if let Some(version) = model.version {
        if !first {
            sql.push(", ");
        }
        sql.ident(version).push(" = ").ident(version).push(" + 1");
    }
    let alias = quoted(model.table);
    sql.where_clause(&alias, model, node);
    if returning {
        sql.returning(model);
    }
    sql
}

/// DELETE rows matching `node`, or soft-delete them.
pub(crate) fn delete(
    dialect: Dialect,
    model: &ModelDescriptor,
    node: &Node,
    now: Value,
    returning: bool,
) -> Sql {
    let mut sql = Sql::new(dialect);
    let alias = quoted(model.table);
    match model.soft_delete {
        Some(deleted) => {
            sql.push("UPDATE ").ident(model.table).push(" SET ");
            sql.ident(deleted).push(" = ").param(now);
        }
        None => {
            sql.push("DELETE FROM ").ident(model.table);
        }
    }
    sql.where_clause(&alias, model, node);
    if returning {
        sql.returning(model);
    }
    sql
}

/// `[A-Za-z_][A-Za-z0-9_]*`: safe between quotes as it stands.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::Column;

    static POST: ModelDescriptor = ModelDescriptor {
        name: "Post",
        table: "posts",
        columns: &[
            Column {
                field: "id",
                name: "id",
                kind: Kind::Int,
                nullable: false,
            },
            Column {
                field: "title",
                name: "title",
                kind: Kind::Text,
                nullable: false,
            },
        ],
        primary_key: "id",
        soft_delete: Some("deleted_at"),
        version: None,
        kinds: &[Kind::Int, Kind::Text],
    };

    #[test]
    fn values_are_bound_never_spliced() {
        let node = Node::Compare {
            column: "title",
            kind: Kind::Text,
            op: CmpOp::Eq,
            value: Value::Text("x'; DROP TABLE posts; --".into()),
        };
        let sql = select(Dialect::Postgres, &POST, &node, &[], Some(5), None);
        assert_eq!(
            sql.text,
            "SELECT t0.\"id\", t0.\"title\" FROM \"posts\" AS t0 WHERE t0.\"title\" = $1 \
             AND t0.\"deleted_at\" IS NULL LIMIT $2"
        );
        assert_eq!(sql.params.len(), 2);
        let sql = select(Dialect::Sqlite, &POST, &node, &[], None, Some(3));
        assert!(sql.text.ends_with("LIMIT -1 OFFSET ?2"), "{}", sql.text);
    }

    #[test]
    fn booleans_and_enum_variants_are_literals_in_filters() {
        let enumerated = |variant| Value::Enum {
            type_name: "Status",
            variant,
        };
        let node = Node::And(vec![
            Node::Compare {
                column: "title",
                kind: Kind::Bool,
                op: CmpOp::Ne,
                value: Value::Bool(true),
            },
            Node::In {
                column: "title",
                values: vec![enumerated("Draft"), enumerated("Live")],
                negated: false,
            },
            Node::Compare {
                column: "title",
                kind: Kind::Enum("Status"),
                op: CmpOp::Lt,
                value: enumerated("Live"),
            },
            // Not an identifier: bound, whatever made it.
            Node::Compare {
                column: "title",
                kind: Kind::Enum("Status"),
                op: CmpOp::Eq,
                value: enumerated("x'; --"),
            },
        ]);
        let sql = select(Dialect::Postgres, &POST, &node, &[], None, None);
        assert_eq!(
            sql.text,
            "SELECT t0.\"id\", t0.\"title\" FROM \"posts\" AS t0 WHERE ((t0.\"title\" <> TRUE) \
             AND (t0.\"title\" IN ('Draft'::\"Status\", 'Live'::\"Status\")) \
             AND (t0.\"title\"::text COLLATE \"C\" < 'Live'::text) \
             AND (t0.\"title\" = $1::\"Status\")) AND t0.\"deleted_at\" IS NULL"
        );
        assert_eq!(sql.params, vec![enumerated("x'; --")]);
        let sql = select(Dialect::Sqlite, &POST, &node, &[], None, None);
        assert!(
            sql.text
                .contains("(t0.\"title\" <> TRUE) AND (t0.\"title\" IN ('Draft', 'Live'))"),
            "{}",
            sql.text
        );
        assert_eq!(sql.params.len(), 1);
    }
}
