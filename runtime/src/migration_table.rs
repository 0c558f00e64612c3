//! The migration bookkeeping contract shared with `cstackc migrate`: the
//! `cstack_migrations` table and the PostgreSQL advisory lock key. Both the
//! generated crates (through `Handle`) and the migration runner use
//! these, so a database migrated by either is current for the other.

/// The table recording each applied migration, its checksum and progress.
pub const TABLE: &str = "cstack_migrations";

/// `pg_advisory_lock` key held while migrations run: "cstack" in ASCII.
pub const LOCK_KEY: i64 = 0x63_73_74_61_63_6b;

// Plain constants rather than a function of `Dialect`: the runner uses them
// from a runtime built without any backend feature, where `Dialect` is absent.

/// `CREATE TABLE IF NOT EXISTS` for [`TABLE`] on PostgreSQL.
pub const CREATE_TABLE_POSTGRES: &str = "CREATE TABLE IF NOT EXISTS cstack_migrations (
               id text PRIMARY KEY,
               checksum text NOT NULL,
               steps_total integer NOT NULL,
               steps_done integer NOT NULL,
               started_at timestamp with time zone NOT NULL DEFAULT now(),
               finished_at timestamp with time zone
             )";

/// `CREATE TABLE IF NOT EXISTS` for [`TABLE`] on SQLite.
pub const CREATE_TABLE_SQLITE: &str = "CREATE TABLE IF NOT EXISTS cstack_migrations (
               id TEXT PRIMARY KEY,
               checksum TEXT NOT NULL,
               steps_total INTEGER NOT NULL,
               steps_done INTEGER NOT NULL,
               started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
               finished_at TEXT
             )";
