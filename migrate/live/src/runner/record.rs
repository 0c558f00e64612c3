//! The runner's I/O: the statements on `cstack_migrations` (the table, its
//! rows, the progress of a run), the advisory lock, and running one step
//! together with its progress, per backend. What to run is decided in
//! [`super::state`]; the order in which these are called, in [`super`].

use super::state::{AppliedRow, Run};
use crate::db::{Connection, execute_script, pg_error};
use cstack_migrate::plan::Step;
use cstack_storage::tables::migrations::{LOCK_KEY, create_table};
use sqlx_core::connection::Connection as _;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_postgres::{PgConnection, Postgres};

/// Takes the advisory lock (PostgreSQL; SQLite's writer lock serialises
/// writers already).
pub(super) async fn lock(conn: &mut Connection) -> Result<(), String> {
    if let Connection::Postgres(c) = conn {
        let lock =
            sqlx_core::query::query::<Postgres>("SELECT pg_advisory_lock($1)").bind(LOCK_KEY);
        Executor::execute(&mut **c, lock).await.map_err(pg_error)?;
    }
    Ok(())
}

pub(super) async fn unlock(conn: &mut Connection) {
    if let Connection::Postgres(c) = conn {
        let unlock =
            sqlx_core::query::query::<Postgres>("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY);
        let _ = Executor::execute(&mut **c, unlock).await;
    }
}

pub(super) async fn ensure_table(conn: &mut Connection) -> Result<(), String> {
    let sql = create_table(conn.dialect());
    conn.batch(sql).await
}

/// The rows of `cstack_migrations`, or none when the table does not exist.
pub(super) async fn rows(conn: &mut Connection) -> Result<Vec<AppliedRow>, String> {
    match conn {
        Connection::Postgres(c) => postgres_rows(c).await,
        Connection::Sqlite(c) => sqlite_rows(c),
    }
}

/// Records that `run` starts (or resumes): its row with the current
/// checksum, and its number of steps.
pub(super) async fn start(conn: &mut Connection, run: &Run<'_>) -> Result<(), String> {
    let migration = run.migration;
    let checksum = migration.checksum();
    if run.recorded {
        exec(
            conn,
            "UPDATE cstack_migrations SET checksum = $2 WHERE id = $1",
            &[&migration.id, &checksum],
        )
        .await?;
    } else {
        exec(
            conn,
            "INSERT INTO cstack_migrations (id, checksum, steps_total, steps_done) \
             VALUES ($1, $2, 0, 0)",
            &[&migration.id, &checksum],
        )
        .await?;
    }
    exec(
        conn,
        &format!(
            "UPDATE cstack_migrations SET steps_total = {} WHERE id = $1",
            run.steps.len()
        ),
        &[&migration.id],
    )
    .await
}

/// Records that migration `id` finished.
pub(super) async fn finish(conn: &mut Connection, id: &str) -> Result<(), String> {
    let now = match conn {
        Connection::Postgres(_) => "now()",
        Connection::Sqlite(_) => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    };
    let sql = format!("UPDATE cstack_migrations SET finished_at = {now} WHERE id = $1");
    exec(conn, &sql, &[id]).await
}

/// Runs one step and records `done` steps of migration `id`: in one
/// transaction when the step is transactional, else statement by
/// statement, then the progress.
pub(super) async fn run_step(
    conn: &mut Connection,
    step: &Step,
    id: &str,
    done: usize,
) -> Result<(), String> {
    let progress = format!("UPDATE cstack_migrations SET steps_done = {done} WHERE id = $1");
    match conn {
        Connection::Postgres(c) => postgres_step(c, step, &progress, id).await,
        Connection::Sqlite(c) => sqlite_step(c, step, &progress, id),
    }
}

/// Runs one bookkeeping statement with text parameters `$1`, `$2`, ...
async fn exec(conn: &mut Connection, sql: &str, params: &[&str]) -> Result<(), String> {
    match conn {
        Connection::Postgres(c) => postgres_exec(c, sql, params).await,
        Connection::Sqlite(c) => c
            .execute(
                &sql.replace('$', "?"),
                rusqlite::params_from_iter(params.iter()),
            )
            .map(drop)
            .map_err(|e| e.to_string()),
    }
}

// PostgreSQL.

async fn postgres_exec(c: &mut PgConnection, sql: &str, params: &[&str]) -> Result<(), String> {
    let mut query = sqlx_core::query::query::<Postgres>(sql);
    for param in params {
        query = query.bind(*param);
    }
    Executor::execute(c, query)
        .await
        .map(drop)
        .map_err(pg_error)
}

async fn postgres_rows(c: &mut PgConnection) -> Result<Vec<AppliedRow>, String> {
    let exists = sqlx_core::query::query::<Postgres>(
        "SELECT to_regclass(current_schema() || '.cstack_migrations') IS NOT NULL",
    );
    let exists: bool = Executor::fetch_one(&mut *c, exists)
        .await
        .and_then(|row| row.try_get(0))
        .map_err(pg_error)?;
    if !exists {
        return Ok(Vec::new());
    }
    let rows = sqlx_core::query::query::<Postgres>(
        "SELECT id, checksum, steps_done::bigint, finished_at IS NOT NULL
           FROM cstack_migrations ORDER BY id",
    );
    let rows = Executor::fetch_all(c, rows).await.map_err(pg_error)?;
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

async fn postgres_step(
    c: &mut PgConnection,
    step: &Step,
    progress: &str,
    id: &str,
) -> Result<(), String> {
    if step.transactional {
        // Rolled back when dropped uncommitted (on an error).
        let mut tx = c.begin().await.map_err(pg_error)?;
        for statement in &step.statements {
            execute_script(&mut tx, statement).await?;
        }
        postgres_exec(&mut tx, progress, &[id]).await?;
        tx.commit().await.map_err(pg_error)
    } else {
        for statement in &step.statements {
            execute_script(c, statement).await?;
        }
        postgres_exec(c, progress, &[id]).await
    }
}

// SQLite: synchronous calls, never held across an await.

fn sqlite_rows(conn: &rusqlite::Connection) -> Result<Vec<AppliedRow>, String> {
    let exists: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'cstack_migrations'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare(
            "SELECT id, checksum, steps_done, finished_at IS NOT NULL
               FROM cstack_migrations ORDER BY id",
        )
        .map_err(|e| e.to_string())?;
    stmt.query_map([], |r| {
        Ok(AppliedRow {
            id: r.get(0)?,
            checksum: r.get(1)?,
            steps_done: r.get(2)?,
            finished: r.get(3)?,
        })
    })
    .map_err(|e| e.to_string())?
    .collect::<Result<_, _>>()
    .map_err(|e| e.to_string())
}

fn sqlite_step(
    c: &mut rusqlite::Connection,
    step: &Step,
    progress: &str,
    id: &str,
) -> Result<(), String> {
    let err = |e: rusqlite::Error| e.to_string();
    let progress = progress.replace('$', "?");
    if step.transactional {
        let tx = c
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        for statement in &step.statements {
            tx.execute_batch(statement).map_err(err)?;
        }
        // Step 9 of SQLite's rebuild: no row may break a foreign key.
        let violations: i64 = tx
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if violations > 0 {
            return Err(format!(
                "{violations} rows violate foreign keys (PRAGMA foreign_key_check); rolled back"
            ));
        }
        tx.execute(&progress, [id]).map_err(err)?;
        tx.commit().map_err(err)
    } else {
        for statement in &step.statements {
            c.execute_batch(statement).map_err(err)?;
        }
        c.execute(&progress, [id]).map(drop).map_err(err)
    }
}
