//! Applying migrations: a `cstack_migrations` table records each migration's
//! checksum and how many of its steps have run, so a failed apply resumes at
//! the step that failed. PostgreSQL runs hold an advisory lock so two
//! runners cannot apply at once. Each transactional step commits together
//! with its progress row; statements of a non-transactional step run one by
//! one (they are written to be safe to re-run). `up.pre.sql` runs first, in
//! its own transaction.

mod state;

pub use state::{Action, AppliedRow, Run, State, Status, actions, status};

use crate::db::{Connection, pg_error};
use cstack_migrate::files::Migration;
use cstack_migrate::plan::Step;
use serde::Serialize;

// The bookkeeping contract generated crates follow too.
pub use cstack_storage::tables::migrations::{LOCK_KEY, TABLE as MIGRATIONS_TABLE};

/// The rows of `cstack_migrations`, or none when the table does not exist.
pub fn applied(conn: &mut Connection) -> Result<Vec<AppliedRow>, String> {
    match conn {
        Connection::Postgres(client) => {
            let exists = client
                .query_one(
                    "SELECT to_regclass(current_schema() || '.cstack_migrations') IS NOT NULL",
                    &[],
                )
                .map_err(pg_error)?
                .get::<_, bool>(0);
            if !exists {
                return Ok(Vec::new());
            }
            let rows = client
                .query(
                    "SELECT id, checksum, steps_done::bigint, finished_at IS NOT NULL
                       FROM cstack_migrations ORDER BY id",
                    &[],
                )
                .map_err(pg_error)?;
            Ok(rows
                .iter()
                .map(|r| AppliedRow {
                    id: r.get(0),
                    checksum: r.get(1),
                    steps_done: r.get(2),
                    finished: r.get(3),
                })
                .collect())
        }
        Connection::Sqlite(conn) => {
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
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    pub applied: Vec<String>,
}

/// Applies every pending (or partially applied) migration, in order; with
/// `up_to`, stops after that id.
pub fn apply(
    conn: &mut Connection,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    // The lock comes first: two runners creating the table at once race.
    if let Connection::Postgres(client) = conn {
        client
            .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
            .map_err(pg_error)?;
    }
    let result = ensure_table(conn).and_then(|()| apply_locked(conn, migrations, up_to));
    if let Connection::Postgres(client) = conn {
        let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY]);
    }
    result
}

/// The driver: reads the rows, lets [`state::actions`] decide, and runs
/// each migration's remaining steps, recording progress as it goes.
fn apply_locked(
    conn: &mut Connection,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    let rows = applied(conn)?;
    let mut report = ApplyReport::default();
    for action in actions(&rows, migrations, up_to)? {
        let run = match action {
            Action::Run(run) => run,
            Action::Refuse(reason) => return Err(reason),
        };
        let id = run.migration.id.as_str();
        start(conn, &run)?;
        for (index, step) in run.steps.iter().enumerate().skip(run.resume_at) {
            run_step(conn, step, id, index + 1)
                .map_err(|e| format!("migration {id} step {}: {e}", index + 1))?;
        }
        let finish = format!(
            "UPDATE cstack_migrations SET finished_at = {} WHERE id = $1",
            now(conn)
        );
        exec(conn, &finish, &[id])?;
        report.applied.push(id.to_string());
    }
    Ok(report)
}

/// Records that `run` starts (or resumes): its row with the current
/// checksum, and its number of steps.
fn start(conn: &mut Connection, run: &Run<'_>) -> Result<(), String> {
    let migration = run.migration;
    if run.recorded {
        exec(
            conn,
            "UPDATE cstack_migrations SET checksum = $2 WHERE id = $1",
            &[&migration.id, &migration.checksum()],
        )?;
    } else {
        exec(
            conn,
            "INSERT INTO cstack_migrations (id, checksum, steps_total, steps_done) \
             VALUES ($1, $2, 0, 0)",
            &[&migration.id, &migration.checksum()],
        )?;
    }
    exec(
        conn,
        &format!(
            "UPDATE cstack_migrations SET steps_total = {} WHERE id = $1",
            run.steps.len()
        ),
        &[&migration.id],
    )
}

fn now(conn: &Connection) -> &'static str {
    match conn {
        Connection::Postgres(_) => "now()",
        Connection::Sqlite(_) => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    }
}

fn ensure_table(conn: &mut Connection) -> Result<(), String> {
    let sql = cstack_storage::tables::migrations::create_table(conn.dialect());
    conn.batch(sql)
}

/// Runs one bookkeeping statement with text parameters `$1`, `$2`, ...
fn exec(conn: &mut Connection, sql: &str, params: &[&str]) -> Result<(), String> {
    match conn {
        Connection::Postgres(client) => {
            let params: Vec<&(dyn postgres::types::ToSql + Sync)> = params
                .iter()
                .map(|p| p as &(dyn postgres::types::ToSql + Sync))
                .collect();
            client.execute(sql, &params).map(|_| ()).map_err(pg_error)
        }
        Connection::Sqlite(c) => c
            .execute(
                &sql.replace('$', "?"),
                rusqlite::params_from_iter(params.iter()),
            )
            .map(|_| ())
            .map_err(|e| e.to_string()),
    }
}

fn run_step(conn: &mut Connection, step: &Step, id: &str, done: usize) -> Result<(), String> {
    let progress = format!("UPDATE cstack_migrations SET steps_done = {done} WHERE id = $1");
    match conn {
        Connection::Postgres(client) => {
            if step.transactional {
                let mut tx = client.transaction().map_err(pg_error)?;
                for statement in &step.statements {
                    tx.batch_execute(statement).map_err(pg_error)?;
                }
                tx.execute(&progress, &[&id]).map_err(pg_error)?;
                tx.commit().map_err(pg_error)
            } else {
                for statement in &step.statements {
                    client.batch_execute(statement).map_err(pg_error)?;
                }
                client
                    .execute(&progress, &[&id])
                    .map(|_| ())
                    .map_err(pg_error)
            }
        }
        Connection::Sqlite(c) => {
            let err = |e: rusqlite::Error| e.to_string();
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
                tx.execute(&progress.replace('$', "?"), [id]).map_err(err)?;
                tx.commit().map_err(err)
            } else {
                for statement in &step.statements {
                    c.execute_batch(statement).map_err(err)?;
                }
                c.execute(&progress.replace('$', "?"), [id])
                    .map(|_| ())
                    .map_err(err)
            }
        }
    }
}
