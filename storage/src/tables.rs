//! The tables the runtime owns. Migrations create them from these
//! definitions and the runtime builds its statements from the same ones, so
//! the two cannot name a table or column differently.

use crate::{Dialect, Kind};

/// A table the runtime reads and writes.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    /// In the order the runtime's `INSERT`s bind them.
    pub columns: &'static [ColumnDef],
    pub primary_key: &'static [&'static str],
    pub indexes: &'static [IndexDef],
}

#[derive(Debug)]
pub struct ColumnDef {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    pub default: Option<ColumnDefault>,
}

/// A column default the database fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnDefault {
    /// The time of the insert ([`Dialect::now_expression`]).
    Now,
    Zero,
}

impl ColumnDefault {
    pub fn expression(self, dialect: Dialect) -> &'static str {
        match self {
            ColumnDefault::Now => dialect.now_expression(),
            ColumnDefault::Zero => "0",
        }
    }
}

#[derive(Debug)]
pub struct IndexDef {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

impl TableDef {
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// The name of the primary-key constraint.
    pub fn primary_key_name(&self) -> String {
        format!("{}_pkey", self.name)
    }
}

const fn column(name: &'static str, kind: Kind, nullable: bool) -> ColumnDef {
    ColumnDef {
        name,
        kind,
        nullable,
        default: None,
    }
}

/// One row per write to an `@@audit` model: who did what to which row,
/// with before and after images.
pub const AUDIT: TableDef = TableDef {
    name: "cratestack_audit",
    columns: &[
        column("event_id", Kind::Uuid, false),
        column("schema_name", Kind::Text, false),
        column("model", Kind::Text, false),
        column("operation", Kind::Text, false),
        column("primary_key", Kind::Json, false),
        column("actor", Kind::Json, true),
        column("tenant", Kind::Text, true),
        column("before", Kind::Json, true),
        column("after", Kind::Json, true),
        column("request_id", Kind::Text, true),
        ColumnDef {
            name: "occurred_at",
            kind: Kind::DateTime,
            nullable: false,
            default: Some(ColumnDefault::Now),
        },
    ],
    primary_key: &["event_id"],
    indexes: &[IndexDef {
        name: "cratestack_audit_model_occurred_at_idx",
        columns: &["model", "occurred_at"],
    }],
};

/// Events of `@@emit` models, written in the transaction of the change and
/// delivered after it commits.
pub const OUTBOX: TableDef = TableDef {
    name: "cratestack_event_outbox",
    columns: &[
        column("event_id", Kind::Uuid, false),
        column("model", Kind::Text, false),
        column("operation", Kind::Text, false),
        column("payload", Kind::Json, false),
        ColumnDef {
            name: "occurred_at",
            kind: Kind::DateTime,
            nullable: false,
            default: Some(ColumnDefault::Now),
        },
        column("delivered_at", Kind::DateTime, true),
        ColumnDef {
            name: "attempts",
            kind: Kind::Int,
            nullable: false,
            default: Some(ColumnDefault::Zero),
        },
        column("last_error", Kind::Text, true),
    ],
    primary_key: &["event_id"],
    indexes: &[IndexDef {
        name: "cratestack_event_outbox_delivered_at_idx",
        columns: &["delivered_at"],
    }],
};

/// The migration bookkeeping shared by `cstackc migrate` and the runner of
/// generated crates: a database migrated by either is current for the other.
pub mod migrations {
    use crate::Dialect;

    /// The table recording each applied migration, its checksum and progress.
    pub const TABLE: &str = "cstack_migrations";

    /// `pg_advisory_lock` key held while migrations run: "cstack" in ASCII.
    pub const LOCK_KEY: i64 = 0x63_73_74_61_63_6b;

    /// The rows of [`TABLE`] as every runner reads them, in id order: id,
    /// checksum, steps done (a 64-bit integer in every dialect) and whether
    /// the migration finished.
    pub fn select_rows(dialect: Dialect) -> &'static str {
        match dialect {
            Dialect::Postgres | Dialect::Sqlite => {
                "SELECT id, checksum, CAST(steps_done AS bigint), finished_at IS NOT NULL \
                 FROM cstack_migrations ORDER BY id"
            }
            // Its columns are `bigint` already; MySQL casts to `SIGNED`.
            Dialect::Mysql => {
                "SELECT id, checksum, steps_done, finished_at IS NOT NULL \
                 FROM cstack_migrations ORDER BY id"
            }
        }
    }

    /// `CREATE TABLE IF NOT EXISTS` for [`TABLE`].
    pub fn create_table(dialect: Dialect) -> &'static str {
        match dialect {
            Dialect::Postgres => {
                "CREATE TABLE IF NOT EXISTS cstack_migrations (
               id text PRIMARY KEY,
               checksum text NOT NULL,
               steps_total integer NOT NULL,
               steps_done integer NOT NULL,
               started_at timestamp with time zone NOT NULL DEFAULT now(),
               finished_at timestamp with time zone
             )"
            }
            Dialect::Sqlite => {
                "CREATE TABLE IF NOT EXISTS cstack_migrations (
               id TEXT PRIMARY KEY,
               checksum TEXT NOT NULL,
               steps_total INTEGER NOT NULL,
               steps_done INTEGER NOT NULL,
               started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
               finished_at TEXT
             )"
            }
            Dialect::Mysql => {
                "CREATE TABLE IF NOT EXISTS cstack_migrations (
               id varchar(255) PRIMARY KEY,
               checksum varchar(255) NOT NULL,
               steps_total bigint NOT NULL,
               steps_done bigint NOT NULL,
               started_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
               finished_at datetime(6)
             ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_tables_are_well_formed() {
        for table in [&AUDIT, &OUTBOX] {
            for key in table.primary_key {
                assert!(table.column(key).is_some_and(|c| !c.nullable), "{key}");
            }
            for index in table.indexes {
                assert!(index.name.starts_with(table.name));
                assert!(index.columns.iter().all(|c| table.column(c).is_some()));
            }
            for column in table.columns {
                for dialect in Dialect::ALL {
                    assert!(column.kind.column_type(dialect).is_some());
                }
            }
        }
    }
}
