//! Tables the generated runtime writes besides the models: the audit
//! journal behind `@@audit` and the event outbox behind `@@emit`.

use crate::Dialect;
use crate::physical::{Column, Index, PrimaryKey, Table};

pub const AUDIT_TABLE: &str = "cratestack_audit";
pub const OUTBOX_TABLE: &str = "cratestack_event_outbox";

fn column(name: &str, postgres: &str, sqlite: &str, not_null: bool, dialect: Dialect) -> Column {
    Column {
        name: name.into(),
        renamed_from: Vec::new(),
        sql_type: match dialect {
            Dialect::Postgres => postgres,
            Dialect::Sqlite => sqlite,
        }
        .into(),
        not_null,
        default: None,
        identity: false,
    }
}

fn now(dialect: Dialect) -> String {
    match dialect {
        Dialect::Postgres => "now()".into(),
        Dialect::Sqlite => super::columns::SQLITE_NOW.into(),
    }
}

/// One row per audited write: who did what to which row, with before and
/// after images.
pub fn audit_table(dialect: Dialect) -> Table {
    let ts = "timestamp with time zone";
    let mut occurred_at = column("occurred_at", ts, "TEXT", true, dialect);
    occurred_at.default = Some(now(dialect));
    Table {
        name: AUDIT_TABLE.into(),
        renamed_from: Vec::new(),
        columns: vec![
            column("event_id", "uuid", "TEXT", true, dialect),
            column("schema_name", "text", "TEXT", true, dialect),
            column("model", "text", "TEXT", true, dialect),
            column("operation", "text", "TEXT", true, dialect),
            column("primary_key", "jsonb", "TEXT", true, dialect),
            column("actor", "jsonb", "TEXT", false, dialect),
            column("tenant", "text", "TEXT", false, dialect),
            column("before", "jsonb", "TEXT", false, dialect),
            column("after", "jsonb", "TEXT", false, dialect),
            column("request_id", "text", "TEXT", false, dialect),
            occurred_at,
        ],
        primary_key: Some(PrimaryKey {
            name: format!("{AUDIT_TABLE}_pkey"),
            columns: vec!["event_id".into()],
        }),
        uniques: Vec::new(),
        indexes: vec![Index {
            name: format!("{AUDIT_TABLE}_model_occurred_at_idx"),
            columns: vec!["model".into(), "occurred_at".into()],
            unique: false,
            using: None,
            opclass: None,
        }],
        foreign_keys: Vec::new(),
        checks: Vec::new(),
    }
}

/// Events written in the same transaction as the change, delivered after
/// commit.
pub fn outbox_table(dialect: Dialect) -> Table {
    let ts = "timestamp with time zone";
    let mut occurred_at = column("occurred_at", ts, "TEXT", true, dialect);
    occurred_at.default = Some(now(dialect));
    let mut attempts = column("attempts", "bigint", "INTEGER", true, dialect);
    attempts.default = Some("0".into());
    Table {
        name: OUTBOX_TABLE.into(),
        renamed_from: Vec::new(),
        columns: vec![
            column("event_id", "uuid", "TEXT", true, dialect),
            column("model", "text", "TEXT", true, dialect),
            column("operation", "text", "TEXT", true, dialect),
            column("payload", "jsonb", "TEXT", true, dialect),
            occurred_at,
            column("delivered_at", ts, "TEXT", false, dialect),
            attempts,
            column("last_error", "text", "TEXT", false, dialect),
        ],
        primary_key: Some(PrimaryKey {
            name: format!("{OUTBOX_TABLE}_pkey"),
            columns: vec!["event_id".into()],
        }),
        uniques: Vec::new(),
        indexes: vec![Index {
            name: format!("{OUTBOX_TABLE}_delivered_at_idx"),
            columns: vec!["delivered_at".into()],
            unique: false,
            using: None,
            opclass: None,
        }],
        foreign_keys: Vec::new(),
        checks: Vec::new(),
    }
}
