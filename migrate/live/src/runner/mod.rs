//! Applying migrations: a `cstack_migrations` table records each migration's
//! checksum and how many of its steps have run, so a failed apply resumes at
//! the step that failed. PostgreSQL runs hold an advisory lock so two
//! runners cannot apply at once. Each transactional step commits together
//! with its progress row; statements of a non-transactional step run one by
//! one (they are written to be safe to re-run). `up.pre.sql` runs first, in
//! its own transaction.
//!
//! Three parts: [`state`] decides, with no I/O, what each migration's state
//! is and what an apply does with it; [`record`] holds the statements on
//! `cstack_migrations` and runs a step with its progress, per backend; the
//! driver here ([`apply`]) takes the lock, reads the rows, and runs what the
//! state machine decides.

mod record;
mod state;

pub use state::{Action, AppliedRow, Run, State, Status, actions, status};

use crate::db::Connection;
use cstack_migrate::files::Migration;
use serde::Serialize;

// The bookkeeping contract generated crates follow too.
pub use cstack_storage::tables::migrations::{LOCK_KEY, TABLE as MIGRATIONS_TABLE};

/// The rows of `cstack_migrations`, or none when the table does not exist.
pub async fn applied(conn: &mut Connection) -> Result<Vec<AppliedRow>, String> {
    record::rows(conn).await
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    pub applied: Vec<String>,
}

/// Applies every pending (or partially applied) migration, in order; with
/// `up_to`, stops after that id.
pub async fn apply(
    conn: &mut Connection,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    // The lock comes first: two runners creating the table at once race.
    record::lock(conn).await?;
    let result = match record::ensure_table(conn).await {
        Ok(()) => apply_locked(conn, migrations, up_to).await,
        Err(e) => Err(e),
    };
    record::unlock(conn).await;
    result
}

/// The driver: reads the rows, lets [`state::actions`] decide, and runs
/// each migration's remaining steps, recording progress as it goes.
async fn apply_locked(
    conn: &mut Connection,
    migrations: &[Migration],
    up_to: Option<&str>,
) -> Result<ApplyReport, String> {
    let rows = record::rows(conn).await?;
    let mut report = ApplyReport::default();
    for action in actions(&rows, migrations, up_to)? {
        let run = match action {
            Action::Run(run) => run,
            Action::Refuse(reason) => return Err(reason),
        };
        let id = run.migration.id.as_str();
        record::start(conn, &run).await?;
        for (index, step) in run.steps.iter().enumerate().skip(run.resume_at) {
            record::run_step(conn, step, id, index + 1)
                .await
                .map_err(|e| format!("migration {id} step {}: {e}", index + 1))?;
        }
        record::finish(conn, id).await?;
        report.applied.push(id.to_string());
    }
    Ok(report)
}
