//! Applying a migrations folder and reading where a database stands, with
//! the runtime's runner: `cstackc migrate apply` hands the folder's
//! migrations to [`cstack_runtime::Handle::apply_migrations_up_to`], the
//! code every generated crate runs, so the two cannot record, lock or
//! resume differently. The states (applied, pending, partial, tampered,
//! missing) come from the runtime's state machine too; this module only
//! reads the rows, without writing, for `status` and `drift`.

use crate::db::{Connection, dialect_of, mysql_error, mysql_scheme, pg_error, redact, sqlite_path};
use cstack_migrate::Dialect;
use cstack_migrate::files::{Migration, migration_steps};
use cstack_migrate::plan::Step;
use cstack_runtime::{Handle, MigrationStep, migration_status};
use cstack_storage::tables::migrations::select_rows;
use serde::Serialize;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_mysql::MySql;
use sqlx_postgres::Postgres;

pub use cstack_runtime::{AppliedRow, MigrationState as State, MigrationStatus as Status};
// The bookkeeping contract generated crates follow too.
pub use cstack_storage::tables::migrations::{LOCK_KEY, TABLE as MIGRATIONS_TABLE};

/// Declares `$list`, the folder's migrations as the runtime takes them
/// (`cstack_runtime::Migration` borrows its text), with the checksums and
/// steps it borrows from as locals of the caller's scope. A macro because
/// the borrowed list cannot outlive what it borrows from, so no function
/// can return it.
macro_rules! runtime_migrations {
    ($migrations:expr => $list:ident) => {
        let owned: Vec<(String, Vec<Step>)> = $migrations
            .iter()
            .map(|m| (m.checksum(), migration_steps(m)))
            .collect();
        let statements: Vec<Vec<Vec<&str>>> = owned
            .iter()
            .map(|(_, steps)| {
                steps
                    .iter()
                    .map(|s| s.statements.iter().map(String::as_str).collect())
                    .collect()
            })
            .collect();
        let steps: Vec<Vec<MigrationStep<'_>>> = owned
            .iter()
            .zip(&statements)
            .map(|((_, steps), texts)| {
                steps
                    .iter()
                    .zip(texts)
                    .map(|(step, texts)| MigrationStep::new(step.transactional, texts))
                    .collect()
            })
            .collect();
        let $list: Vec<cstack_runtime::Migration<'_>> = $migrations
            .iter()
            .zip(&owned)
            .zip(&steps)
            .map(|((m, (checksum, _)), steps)| {
                cstack_runtime::Migration::new(&m.id, checksum, steps)
            })
            .collect();
    };
}

/// The state of every migration in the folder or in the database, by id.
pub fn status(rows: &[AppliedRow], migrations: &[Migration]) -> Vec<Status> {
    runtime_migrations!(migrations => list);
    migration_status(rows, &list)
}

/// The rows of `cstack_migrations`, or none when the table does not
/// exist. Reads only, so it works on a read-only connection.
pub async fn applied(conn: &mut Connection) -> Result<Vec<AppliedRow>, String> {
    let exists = match conn.dialect() {
        Dialect::Postgres => {
            "SELECT to_regclass(current_schema() || '.cstack_migrations') IS NOT NULL"
        }
        Dialect::Sqlite => {
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'cstack_migrations'"
        }
        Dialect::Mysql => {
            "SELECT count(*) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_name = 'cstack_migrations'"
        }
    };
    match conn {
        Connection::Postgres(c) => {
            let exists = sqlx_core::query::query::<Postgres>(exists);
            let exists: bool = Executor::fetch_one(&mut **c, exists)
                .await
                .and_then(|row| row.try_get(0))
                .map_err(pg_error)?;
            if !exists {
                return Ok(Vec::new());
            }
            let rows = sqlx_core::query::query::<Postgres>(select_rows(Dialect::Postgres));
            let rows = Executor::fetch_all(&mut **c, rows)
                .await
                .map_err(pg_error)?;
            rows.iter()
                .map(|r| {
                    Ok(AppliedRow {
                        id: r.try_get(0)?,
                        checksum: r.try_get(1)?,
                        steps_done: r.try_get(2)?,
                        finished: r.try_get(3)?,
                    })
                })
                .collect::<Result<_, sqlx_core::Error>>()
                .map_err(pg_error)
        }
        Connection::Sqlite(c) => {
            let err = |e: rusqlite::Error| e.to_string();
            if !c
                .query_row(exists, [], |r| r.get::<_, bool>(0))
                .map_err(err)?
            {
                return Ok(Vec::new());
            }
            let mut stmt = c.prepare(select_rows(Dialect::Sqlite)).map_err(err)?;
            stmt.query_map([], |r| {
                Ok(AppliedRow {
                    id: r.get(0)?,
                    checksum: r.get(1)?,
                    steps_done: r.get(2)?,
                    finished: r.get(3)?,
                })
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)
        }
        Connection::Mysql(c) => {
            // MySQL answers a comparison with an integer.
            let exists = sqlx_core::query::query::<MySql>(exists);
            let exists: i64 = Executor::fetch_one(&mut **c, exists)
                .await
                .and_then(|row| row.try_get(0))
                .map_err(mysql_error)?;
            if exists == 0 {
                return Ok(Vec::new());
            }
            let rows = sqlx_core::query::query::<MySql>(select_rows(Dialect::Mysql));
            let rows = Executor::fetch_all(&mut **c, rows)
                .await
                .map_err(mysql_error)?;
            rows.iter()
                .map(|r| {
                    // Binary-collated text reads as `varbinary` to sqlx's
                    // check: read without it.
                    Ok(AppliedRow {
                        id: r.try_get_unchecked(0)?,
                        checksum: r.try_get_unchecked(1)?,
                        steps_done: r.try_get(2)?,
                        finished: r.try_get::<i64, _>(3)? != 0,
                    })
                })
                .collect::<Result<_, sqlx_core::Error>>()
                .map_err(mysql_error)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    pub applied: Vec<String>,
}

/// Applies every pending (or partially applied) migration to the database
/// at `url`, in order; with `up_to`, stops after that id.
pub async fn apply(
    url: &str,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    let handle = open(url).await?;
    let report = apply_on(&handle, migrations, up_to).await;
    if let Some(pool) = handle.pg_pool() {
        pool.close().await;
    }
    if let Some(pool) = handle.mysql_pool() {
        pool.close().await;
    }
    report
}

/// [`apply`] on a handle already open.
pub async fn apply_on(
    handle: &Handle,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    runtime_migrations!(migrations => list);
    let applied = handle
        .apply_migrations_up_to(&list, up_to)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ApplyReport { applied })
}

/// A runtime handle on `url`, as a generated crate would open it.
pub async fn open(url: &str) -> Result<Handle, String> {
    let cannot = |e: cstack_runtime::Error| format!("cannot open {}: {e}", redact(url));
    match dialect_of(url)? {
        Dialect::Postgres => Handle::connect_postgres(url).await.map_err(cannot),
        Dialect::Mysql => Handle::connect_mysql(&mysql_scheme(url))
            .await
            .map_err(cannot),
        Dialect::Sqlite => match sqlite_path(url).unwrap_or_default() {
            "" | ":memory:" => Handle::open_sqlite_memory().map_err(cannot),
            path => Handle::open_sqlite(path).map_err(cannot),
        },
    }
}
