//! The statements on the tables the runtime owns: the audit journal and
//! the event outbox. Their table and column names, the order of an
//! insert's columns and the kinds rows are read as all come from
//! `cstack_storage::tables`, which the migrations that create the tables
//! are built from too, so the two cannot drift apart.

use crate::schema::events::{AuditRecord, Operation};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use chrono::{DateTime, Utc};
use cstack_storage::Dialect;
use cstack_storage::tables::{AUDIT, OUTBOX, TableDef};

/// What one column of a row written to an owned table gets.
enum Cell {
    /// A bound value.
    Bind(Value),
    /// SQL the database evaluates.
    Expression(&'static str),
    /// Nothing: the column is left out and takes its default.
    Default,
}

/// An insert into `table`: its columns in the table's order, each with the
/// cell at the same position. Callers size `cells` by the table, so a
/// column added to the definition fails to compile until it is given.
fn insert<const N: usize>(dialect: Dialect, table: &TableDef, cells: [Cell; N]) -> Sql {
    assert_eq!(
        N,
        table.columns.len(),
        "a cell for each column of {}",
        table.name
    );
    let given: Vec<(&'static str, Cell)> = table
        .columns
        .iter()
        .zip(cells)
        .filter(|(_, cell)| !matches!(cell, Cell::Default))
        .map(|(column, cell)| (column.name, cell))
        .collect();
    let mut insert = Sql::new(dialect);
    insert.push("INSERT INTO ").ident(table.name).push(" (");
    for (index, (name, _)) in given.iter().enumerate() {
        if index > 0 {
            insert.push(", ");
        }
        insert.ident(name);
    }
    insert.push(") VALUES (");
    for (index, (_, cell)) in given.into_iter().enumerate() {
        if index > 0 {
            insert.push(", ");
        }
        match cell {
            Cell::Bind(value) => {
                insert.param(value);
            }
            Cell::Expression(sql) => {
                insert.push(sql);
            }
            // Left out of the list above.
            Cell::Default => {}
        }
    }
    insert.push(")");
    insert
}

/// The name of `table`'s column `name`. Every statement here looks its
/// columns up, so one the definition no longer has fails the tests of this
/// module rather than a query at run time.
fn column(table: &TableDef, name: &str) -> &'static str {
    match table.column(name) {
        Some(column) => column.name,
        None => panic!("the runtime table {} has no column {name}", table.name),
    }
}

fn json_or_null(value: Option<serde_json::Value>) -> Value {
    value.map_or(Value::Null(Kind::Json), Value::Json)
}

/// The journal row of one audited write.
pub(crate) fn insert_audit(dialect: Dialect, record: &AuditRecord) -> Sql {
    const WIDTH: usize = AUDIT.columns.len();
    let schema = match dialect {
        Dialect::Postgres => "current_schema()",
        Dialect::Sqlite => "'main'",
        Dialect::Mysql => "DATABASE()",
    };
    let cells: [Cell; WIDTH] = [
        Cell::Bind(Value::Uuid(record.event_id)),
        Cell::Expression(schema),
        Cell::Bind(Value::Text(record.model.to_string())),
        Cell::Bind(Value::Text(record.operation.as_str().to_string())),
        Cell::Bind(Value::Json(record.key.clone())),
        Cell::Bind(json_or_null(record.actor.clone())),
        Cell::Bind(
            record
                .tenant
                .clone()
                .map_or(Value::Null(Kind::Text), Value::Text),
        ),
        Cell::Bind(json_or_null(record.before.clone())),
        Cell::Bind(json_or_null(record.after.clone())),
        // request_id: no request reaches the runtime yet.
        Cell::Default,
        Cell::Bind(Value::DateTime(record.occurred_at)),
    ];
    insert(dialect, &AUDIT, cells)
}

/// The outbox row of one event, not yet delivered.
pub(crate) fn insert_event(
    dialect: Dialect,
    event_id: uuid::Uuid,
    model: &str,
    operation: Operation,
    payload: serde_json::Value,
    occurred_at: DateTime<Utc>,
) -> Sql {
    const WIDTH: usize = OUTBOX.columns.len();
    let cells: [Cell; WIDTH] = [
        Cell::Bind(Value::Uuid(event_id)),
        Cell::Bind(Value::Text(model.to_string())),
        Cell::Bind(Value::Text(operation.event_name().to_string())),
        Cell::Bind(Value::Json(payload)),
        Cell::Bind(Value::DateTime(occurred_at)),
        // delivered_at, attempts, last_error: pending, not tried, no error.
        Cell::Default,
        Cell::Default,
        Cell::Default,
    ];
    insert(dialect, &OUTBOX, cells)
}

/// Marks the outbox rows `ids` delivered at `now`, counting the attempt;
/// `None` when there are none.
pub(crate) fn mark_delivered(
    dialect: Dialect,
    ids: &[uuid::Uuid],
    now: DateTime<Utc>,
) -> Option<Sql> {
    if ids.is_empty() {
        return None;
    }
    let attempts = column(&OUTBOX, "attempts");
    let mut update = Sql::new(dialect);
    update.push("UPDATE ").ident(OUTBOX.name).push(" SET ");
    update.ident(column(&OUTBOX, "delivered_at")).push(" = ");
    update.param(Value::DateTime(now)).push(", ");
    update
        .ident(attempts)
        .push(" = ")
        .ident(attempts)
        .push(" + 1 WHERE ");
    event_ids_in(&mut update, ids);
    Some(update)
}

/// `"event_id" IN (<ids>)`.
fn event_ids_in(sql: &mut Sql, ids: &[uuid::Uuid]) {
    sql.ident(column(&OUTBOX, "event_id")).push(" IN (");
    for (index, id) in ids.iter().enumerate() {
        if index > 0 {
            sql.push(", ");
        }
        sql.param(Value::Uuid(*id));
    }
    sql.push(")");
}

/// The outbox rows not yet delivered, oldest first, claimed for this
/// transaction (on PostgreSQL and MySQL rows another transaction claimed are
/// skipped); and the kinds of the columns it reads ([`OUTBOX_READ`]).
pub(crate) fn select_pending(dialect: Dialect) -> (Sql, [Kind; 5]) {
    let mut select = select_outbox(dialect);
    select
        .ident(column(&OUTBOX, "delivered_at"))
        .push(" IS NULL ORDER BY ");
    select.ident(column(&OUTBOX, "occurred_at")).push(", ");
    select.ident(column(&OUTBOX, "event_id"));
    if dialect != Dialect::Sqlite {
        select.push(" FOR UPDATE SKIP LOCKED");
    }
    (select, outbox_kinds())
}

/// The outbox columns an event is read back from, in the order selected:
/// the event id, model, operation, payload and time.
pub(crate) const OUTBOX_READ: [&str; 5] =
    ["event_id", "model", "operation", "payload", "occurred_at"];

fn outbox_kinds() -> [Kind; 5] {
    OUTBOX_READ.map(|name| OUTBOX.column(name).map_or(Kind::Json, |c| c.kind))
}

/// `SELECT <OUTBOX_READ> FROM outbox WHERE `, for the caller to finish.
fn select_outbox(dialect: Dialect) -> Sql {
    let mut select = Sql::new(dialect);
    select.push("SELECT ");
    for (index, name) in OUTBOX_READ.iter().enumerate() {
        if index > 0 {
            select.push(", ");
        }
        select.ident(column(&OUTBOX, name));
    }
    select.push(" FROM ").ident(OUTBOX.name).push(" WHERE ");
    select
}

/// The outbox rows `ids`, oldest first, and the kinds read.
#[cfg(feature = "postgres")]
pub(crate) fn select_events(dialect: Dialect, ids: &[uuid::Uuid]) -> (Sql, [Kind; 5]) {
    let mut select = select_outbox(dialect);
    event_ids_in(&mut select, ids);
    select.push(" ORDER BY ");
    select.ident(column(&OUTBOX, "occurred_at"));
    (select, outbox_kinds())
}

/// The outbox rows written at `since` or later, oldest first, and the
/// kinds read: what a relay that lost its connection reads again.
#[cfg(feature = "postgres")]
pub(crate) fn select_since(dialect: Dialect, since: DateTime<Utc>) -> (Sql, [Kind; 5]) {
    let mut select = select_outbox(dialect);
    select.ident(column(&OUTBOX, "occurred_at")).push(" >= ");
    select.param(Value::DateTime(since));
    select.push(" ORDER BY ");
    select.ident(column(&OUTBOX, "occurred_at")).push(", ");
    select.ident(column(&OUTBOX, "event_id"));
    (select, outbox_kinds())
}

/// Records a failed delivery of the outbox row `id`: one more attempt,
/// and why.
pub(crate) fn record_failure(dialect: Dialect, id: uuid::Uuid, error: String) -> Sql {
    let attempts = column(&OUTBOX, "attempts");
    let mut update = Sql::new(dialect);
    update.push("UPDATE ").ident(OUTBOX.name).push(" SET ");
    update
        .ident(attempts)
        .push(" = ")
        .ident(attempts)
        .push(" + 1, ");
    update.ident(column(&OUTBOX, "last_error")).push(" = ");
    update.param(Value::Text(error));
    update
        .push(" WHERE ")
        .ident(column(&OUTBOX, "event_id"))
        .push(" = ");
    update.param(Value::Uuid(id));
    update
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> AuditRecord {
        AuditRecord {
            event_id: uuid::Uuid::nil(),
            model: "Note",
            operation: Operation::Update,
            key: serde_json::json!(1),
            actor: None,
            tenant: Some("t".into()),
            before: Some(serde_json::json!({})),
            after: None,
            occurred_at: DateTime::UNIX_EPOCH,
        }
    }

    /// The kind a bound value has, `None` for one that fits any column.
    fn kind_of(value: &Value) -> Option<Kind> {
        Some(match value {
            Value::Null(kind) => *kind,
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) => Kind::Int,
            Value::Float(_) => Kind::Float,
            Value::Text(_) => Kind::Text,
            Value::Decimal(_) => Kind::Decimal,
            Value::DateTime(_) => Kind::DateTime,
            Value::Uuid(_) => Kind::Uuid,
            Value::Json(_) => Kind::Json,
            Value::Bytes(_) => Kind::Bytes,
            Value::Vector(_) => Kind::Vector,
            Value::Enum { .. } => return None,
        })
    }

    #[test]
    fn inserts_list_the_tables_columns_in_order_and_bind_values_of_their_kinds() {
        for dialect in Dialect::ALL {
            let event = insert_event(
                dialect,
                uuid::Uuid::nil(),
                "Note",
                Operation::Create,
                serde_json::json!({}),
                DateTime::UNIX_EPOCH,
            );
            for (table, sql) in [(&AUDIT, insert_audit(dialect, &record())), (&OUTBOX, event)] {
                let listed =
                    &sql.text[sql.text.find('(').unwrap() + 1..sql.text.find(')').unwrap()];
                let names: Vec<&str> = listed.split(", ").map(|n| n.trim_matches('"')).collect();
                let in_order: Vec<&str> = table
                    .columns
                    .iter()
                    .map(|c| c.name)
                    .filter(|n| names.contains(n))
                    .collect();
                assert_eq!(names, in_order, "{}", sql.text);
                // Each bound value has its column's kind.
                let bound: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| *n != "schema_name")
                    .collect();
                assert_eq!(bound.len(), sql.params.len(), "{}", sql.text);
                for (name, value) in bound.iter().zip(&sql.params) {
                    let column = table.column(name).unwrap();
                    if let Some(kind) = kind_of(value) {
                        assert_eq!(kind, column.kind, "{name} in {}", sql.text);
                    }
                }
                // What is left out may be: nullable or with a default.
                for column in table.columns.iter().filter(|c| !names.contains(&c.name)) {
                    assert!(
                        column.nullable || column.default.is_some(),
                        "{}",
                        column.name
                    );
                }
            }
        }
    }

    #[test]
    fn outbox_statements_name_the_outbox_columns() {
        let (select, kinds) = select_pending(Dialect::Postgres);
        assert_eq!(
            select.text,
            "SELECT \"event_id\", \"model\", \"operation\", \"payload\", \"occurred_at\" FROM \
             \"cratestack_event_outbox\" WHERE \"delivered_at\" IS NULL ORDER BY \
             \"occurred_at\", \"event_id\" FOR UPDATE SKIP LOCKED"
        );
        assert_eq!(
            kinds,
            [
                Kind::Uuid,
                Kind::Text,
                Kind::Text,
                Kind::Json,
                Kind::DateTime
            ]
        );
        let marked =
            mark_delivered(Dialect::Sqlite, &[uuid::Uuid::nil()], DateTime::UNIX_EPOCH).unwrap();
        assert_eq!(
            marked.text,
            "UPDATE \"cratestack_event_outbox\" SET \"delivered_at\" = ?1, \"attempts\" = \
             \"attempts\" + 1 WHERE \"event_id\" IN (?2)"
        );
        assert!(mark_delivered(Dialect::Sqlite, &[], DateTime::UNIX_EPOCH).is_none());
        let failed = record_failure(Dialect::Postgres, uuid::Uuid::nil(), "bad".into());
        assert_eq!(
            failed.text,
            "UPDATE \"cratestack_event_outbox\" SET \"attempts\" = \"attempts\" + 1, \
             \"last_error\" = $1 WHERE \"event_id\" = $2"
        );
    }
}
