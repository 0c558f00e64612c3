//! The statements of a model, in any dialect: select, count, exists,
//! insert, upsert, update and delete, each over the rows a filter admits
//! (and not soft-deleted), a write returning every column when asked (on
//! PostgreSQL and SQLite; MySQL's writes read their rows back, see
//! `ops::write`).

use crate::query::filter::{Node, NullsOrder};
use crate::schema::descriptor::ModelDescriptor;
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use cstack_storage::Dialect;

/// One ordering key, untyped.
pub(crate) struct OrderKey {
    pub column: &'static str,
    pub kind: Kind,
    pub descending: bool,
    pub nulls: NullsOrder,
}

impl Sql {
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

    /// ` WHERE filter [AND not deleted]`.
    fn where_clause(&mut self, alias: &str, model: &ModelDescriptor, node: &Node) {
        self.push(" WHERE ");
        self.filter(alias, node);
        if let Some(deleted) = model.soft_delete {
            self.push(" AND ").column(alias, deleted).push(" IS NULL");
        }
    }

    /// ` ORDER BY` the keys. Where NULLs go is said only for a column that
    /// may hold them: on a `NOT NULL` column the clause changes nothing but
    /// can keep the server from walking an index in that order.
    fn order_by(&mut self, alias: &str, model: &ModelDescriptor, orders: &[OrderKey]) {
        for (index, order) in orders.iter().enumerate() {
            self.push(if index == 0 { " ORDER BY " } else { ", " });
            let nullable = model.column(order.column).is_none_or(|c| c.nullable);
            if nullable && self.dialect == Dialect::Mysql {
                // MySQL has no `NULLS FIRST/LAST`: a leading key on
                // nullness puts them where asked (false sorts first).
                self.column(alias, order.column).push(" IS NULL");
                self.push(match order.nulls {
                    NullsOrder::First => " DESC, ",
                    NullsOrder::Last => " ASC, ",
                });
            }
            self.comparable(alias, order.column, order.kind, true);
            self.push(if order.descending { " DESC" } else { " ASC" });
            if nullable && self.dialect != Dialect::Mysql {
                self.push(match order.nulls {
                    NullsOrder::First => " NULLS FIRST",
                    NullsOrder::Last => " NULLS LAST",
                });
            }
        }
    }

    /// ` RETURNING` every column of the model.
    pub(crate) fn returning(&mut self, model: &ModelDescriptor) {
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
    sql.order_by("t0", model, orders);
    match (limit, offset, dialect) {
        (Some(limit), _, _) => {
            sql.push(" LIMIT ").param(Value::Int(limit));
            sql.row_limit = usize::try_from(limit).ok();
        }
        // SQLite and MySQL have no OFFSET without LIMIT: -1, or the
        // largest count MySQL takes, means no limit.
        (None, Some(_), Dialect::Sqlite) => {
            sql.push(" LIMIT -1");
        }
        (None, Some(_), Dialect::Mysql) => {
            sql.push(" LIMIT 18446744073709551615");
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
    returning: bool,
) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push("INSERT INTO ").ident(model.table);
    if columns.is_empty() && dialect == Dialect::Mysql {
        // MySQL has no `DEFAULT VALUES`: an empty column list, a row of
        // defaults per row.
        sql.push(" () VALUES ");
        for index in 0..rows.len().max(1) {
            sql.push(if index == 0 { "()" } else { ", ()" });
        }
    } else if columns.is_empty() {
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
    if returning {
        sql.returning(model);
    }
    sql
}

/// INSERT ... ON CONFLICT (primary key) DO UPDATE every other given column,
/// returning the row (PostgreSQL and SQLite).
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
        false,
    );
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

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::descriptor::Column;
    use crate::schema::operator::CmpOp;

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

    #[test]
    fn an_insert_of_defaults_only_is_spelled_per_dialect() {
        let sql = insert(Dialect::Postgres, &POST, &[], vec![Vec::new()], true);
        assert!(
            sql.text
                .starts_with("INSERT INTO \"posts\" DEFAULT VALUES RETURNING")
        );
        let sql = insert(Dialect::Mysql, &POST, &[], vec![Vec::new()], false);
        assert_eq!(sql.text, "INSERT INTO \"posts\" () VALUES ()");
    }
}
