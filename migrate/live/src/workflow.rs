//! The migration workflows behind `cstackc migrate verify` and `drift`, as
//! library functions built from the runner, the introspector and scratch
//! databases: verifying a history (replayed into one scratch database, the
//! snapshot built into another, both read back and compared) and checking a
//! live database for drift (read without writing, compared with a replay of
//! the migrations it applied).

use crate::db::{Access, Connection, dialect_of};
use crate::introspect::{Catalog, Difference, compare, introspect};
use crate::runner;
use crate::spawner::Spawner;
use cstack_migrate::files::{self, Migration};
use cstack_migrate::lower::Lowered;
use cstack_migrate::snapshot::{Snapshot, without_rename_hints};
use cstack_migrate::{Dialect, create_statements, script};
use serde::Serialize;
use std::path::Path;

#[derive(Clone, Debug, Default, Serialize)]
pub struct VerifyReport {
    pub migrations: usize,
    /// Edited, removed or reordered migrations.
    pub checksum_problems: Vec<String>,
    /// Objects where the replayed history and the snapshot differ.
    pub differences: Vec<Difference>,
    /// The schema has changes no migration holds yet.
    pub schema_ahead_of_snapshot: bool,
}

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.checksum_problems.is_empty()
            && self.differences.is_empty()
            && !self.schema_ahead_of_snapshot
    }
}

/// Replays the whole history into scratch database A, builds the snapshot
/// into scratch database B, and compares both through one introspector.
pub async fn verify(
    dir: &Path,
    dialect: Dialect,
    spawner: &dyn Spawner,
    current: Option<&Lowered>,
) -> Result<VerifyReport, String> {
    let backend = files::backend_dir(dir, dialect);
    let migrations = files::load(&backend)?;
    let snapshot = files::read_snapshot(&backend, dialect)?;
    let mut report = VerifyReport {
        migrations: migrations.len(),
        checksum_problems: files::check_sum(&backend, &migrations),
        ..VerifyReport::default()
    };
    if let Some(current) = current {
        report.schema_ahead_of_snapshot = without_rename_hints(&current.schema) != snapshot.schema;
    }
    if !report.checksum_problems.is_empty() {
        // An edited history is the finding; replaying it proves nothing.
        return Ok(report);
    }
    // The two scratch databases are independent: build them side by side.
    let (replayed, built) = tokio::join!(replay(spawner, &migrations), build(spawner, &snapshot));
    report.differences = compare(&built?, &replayed?);
    Ok(report)
}

/// The catalog of a scratch database after applying `migrations`.
pub async fn replay(spawner: &dyn Spawner, migrations: &[Migration]) -> Result<Catalog, String> {
    let scratch = spawner.spawn().await?;
    runner::apply(scratch.url(), migrations, None)
        .await
        .map_err(|e| format!("replaying the migrations failed: {e}"))?;
    let mut conn = Connection::open(scratch.url(), Access::ReadWrite).await?;
    let catalog = introspect(&mut conn).await;
    conn.close().await;
    catalog
}

/// The catalog of a scratch database built straight from a snapshot.
pub async fn build(spawner: &dyn Spawner, snapshot: &Snapshot) -> Result<Catalog, String> {
    let scratch = spawner.spawn().await?;
    let mut conn = Connection::open(scratch.url(), Access::ReadWrite).await?;
    let ddl = script(&create_statements(&snapshot.schema, snapshot.dialect));
    let catalog = match conn.batch(&ddl).await {
        Ok(()) => introspect(&mut conn).await,
        Err(e) => Err(format!("building the snapshot failed: {e}")),
    };
    conn.close().await;
    catalog
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct DriftReport {
    /// Migrations the database has applied.
    pub applied: Vec<String>,
    /// Migrations in the folder it has not applied (not drift).
    pub pending: Vec<String>,
    /// Applied migrations whose files changed, or that are missing.
    pub history_problems: Vec<String>,
    /// Objects where the live database differs from what its applied
    /// migrations produce.
    pub differences: Vec<Difference>,
}

impl DriftReport {
    pub fn is_clean(&self) -> bool {
        self.differences.is_empty() && self.history_problems.is_empty()
    }
}

/// Reads the live database without writing anything (a read-only,
/// repeatable-read transaction on PostgreSQL; a read-only handle with
/// `query_only` on SQLite) and compares it with a scratch database that
/// replays exactly the migrations it has applied.
pub async fn drift(url: &str, dir: &Path, spawner: &dyn Spawner) -> Result<DriftReport, String> {
    let dialect = dialect_of(url)?;
    let backend = files::backend_dir(dir, dialect);
    let migrations = files::load(&backend)?;
    let mut live = Connection::open(url, Access::ReadOnly).await?;
    if dialect == Dialect::Postgres {
        live.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?;
    }
    let rows = runner::applied(&mut live).await?;
    let catalog = introspect(&mut live).await?;
    if dialect == Dialect::Postgres {
        live.batch("ROLLBACK").await?;
    }
    live.close().await;
    let mut report = DriftReport::default();
    let mut replay_set = Vec::new();
    for status in runner::status(&rows, &migrations) {
        match status.state {
            runner::State::Applied => {
                report.applied.push(status.id.clone());
                replay_set.extend(migrations.iter().find(|m| m.id == status.id).cloned());
            }
            runner::State::Pending => report.pending.push(status.id),
            runner::State::Partial { .. } => report
                .history_problems
                .push(format!("migration {} is only partly applied", status.id)),
            runner::State::Tampered => report.history_problems.push(format!(
                "migration {} changed after it was applied",
                status.id
            )),
            runner::State::Missing => report.history_problems.push(format!(
                "migration {} is applied but missing from the folder",
                status.id
            )),
        }
    }
    let expected = replay(spawner, &replay_set).await?;
    report.differences = compare(&expected, &catalog);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spawner::SqliteMemorySpawner;

    /// The workflows can run on a multi-threaded runtime (`tokio::spawn`).
    #[test]
    fn the_workflow_futures_are_send() {
        fn send<T: Send>(_: &T) {}
        let dir = Path::new("migrations");
        send(&verify(dir, Dialect::Sqlite, &SqliteMemorySpawner, None));
        send(&drift("sqlite::memory:", dir, &SqliteMemorySpawner));
    }
}
