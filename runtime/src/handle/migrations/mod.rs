//! The migration runner, the one `cstackc migrate apply` and every
//! generated crate use: the `cstack_migrations` table records each
//! migration's checksum and how many of its steps have run, so a failed
//! apply resumes at the step that failed and either tool sees what the
//! other applied. PostgreSQL and MySQL runs hold a session lock so two
//! runners cannot apply at once. Each transactional step commits together with its
//! progress; the statements of a non-transactional step run one by one
//! (they are written to be safe to re-run).
//!
//! [`state`] decides, with no I/O, what each migration's state is and what
//! an apply does with it; this module reads the rows, runs what it decides
//! and records progress.

mod migration;
mod state;

pub use migration::{Migration, MigrationStep};
pub use state::{AppliedRow, MigrationState, MigrationStatus, migration_status};

#[cfg(feature = "postgres")]
use crate::backend::postgres::MigrationLock;
use crate::handle::Handle;
use crate::schema::error::{Error, Result};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use cstack_storage::Dialect;
use cstack_storage::tables::migrations as table;
use state::{Run, plan_runs};

impl Handle {
    /// Applies the migrations not yet finished, in order, and records them
    /// in `cstack_migrations`. A failed run resumes at the step that
    /// failed; an applied migration that changed or is missing is refused.
    pub async fn apply_migrations(&self, migrations: &[Migration<'_>]) -> Result<()> {
        self.apply_migrations_up_to(migrations, None)
            .await
            .map(drop)
    }

    /// [`Handle::apply_migrations`], stopping after migration `up_to` when
    /// given; returns the ids of the migrations it finished.
    pub async fn apply_migrations_up_to(
        &self,
        migrations: &[Migration<'_>],
        up_to: Option<&str>,
    ) -> Result<Vec<String>> {
        // The lock comes first: two runners creating the table at once
        // race. It is a session lock, held on a pooled connection of its
        // own until the end.
        #[cfg(feature = "postgres")]
        if let Some(pool) = self.pg_pool() {
            let lock = MigrationLock::acquire(pool).await?;
            let outcome = self.apply_locked(migrations, up_to).await;
            lock.release().await?;
            return outcome;
        }
        #[cfg(feature = "mysql")]
        if let Some(pool) = self.mysql_pool() {
            let lock = crate::backend::mysql::MigrationLock::acquire(pool).await?;
            let outcome = self.apply_locked(migrations, up_to).await;
            lock.release().await?;
            return outcome;
        }
        self.apply_locked(migrations, up_to).await
    }

    async fn apply_locked(
        &self,
        migrations: &[Migration<'_>],
        up_to: Option<&str>,
    ) -> Result<Vec<String>> {
        let dialect = self.dialect();
        self.execute_script(table::create_table(dialect)).await?;
        let rows = self.migration_rows().await?;
        let (runs, refusal) = plan_runs(&rows, migrations, up_to);
        let mut finished = Vec::new();
        for run in runs {
            self.start(&run).await?;
            let migration = run.migration;
            for (index, step) in migration.steps.iter().enumerate().skip(run.resume_at) {
                self.run_step(step, migration.id, index + 1)
                    .await
                    .map_err(|error| in_step(error, migration.id, index + 1))?;
            }
            self.finish(migration.id).await?;
            finished.push(migration.id.to_string());
        }
        match refusal {
            Some(message) => Err(Error::Database {
                sqlstate: None,
                message,
            }),
            None => Ok(finished),
        }
    }

    /// The rows of `cstack_migrations` (which must exist).
    async fn migration_rows(&self) -> Result<Vec<AppliedRow>> {
        let mut query = Sql::new(self.dialect());
        query.push(table::select_rows(self.dialect()));
        let rows = self
            .fetch(&query, &[Kind::Text, Kind::Text, Kind::Int, Kind::Bool])
            .await?;
        let mut out = Vec::new();
        let mut values = rows.values.into_iter();
        while let (
            Some(Value::Text(id)),
            Some(Value::Text(checksum)),
            Some(Value::Int(steps_done)),
            Some(Value::Bool(finished)),
        ) = (values.next(), values.next(), values.next(), values.next())
        {
            out.push(AppliedRow {
                id,
                checksum,
                steps_done,
                finished,
            });
        }
        Ok(out)
    }

    /// Records that `run` starts (or resumes): its row with the current
    /// checksum and its number of steps.
    async fn start(&self, run: &Run<'_, '_>) -> Result<()> {
        let migration = run.migration;
        let mut sql = Sql::new(self.dialect());
        if run.recorded {
            sql.push("UPDATE cstack_migrations SET checksum = ")
                .param(text(migration.checksum))
                .push(", steps_total = ")
                .param(count(migration.steps.len()))
                .push(" WHERE id = ")
                .param(text(migration.id));
        } else {
            sql.push(
                "INSERT INTO cstack_migrations (id, checksum, steps_total, steps_done) VALUES (",
            )
            .param(text(migration.id))
            .push(", ")
            .param(text(migration.checksum))
            .push(", ")
            .param(count(migration.steps.len()))
            .push(", 0)");
        }
        self.execute(&sql).await.map(drop)
    }

    /// Runs one step and records `done` steps of migration `id`.
    async fn run_step(&self, step: &MigrationStep<'_>, id: &str, done: usize) -> Result<()> {
        let mut progress = Sql::new(self.dialect());
        progress
            .push("UPDATE cstack_migrations SET steps_done = ")
            .param(count(done))
            .push(" WHERE id = ")
            .param(text(id));
        let dialect = self.dialect();
        if !step.transactional {
            for statement in step.statements {
                self.execute_script(statement).await?;
            }
            return self.execute(&progress).await.map(drop);
        }
        self.transaction(|tx| async move {
            for statement in step.statements {
                tx.execute_script(statement).await?;
            }
            if dialect == Dialect::Sqlite {
                // The last step of SQLite's table rebuild: no row may
                // break a foreign key once the step commits.
                let mut check = Sql::new(dialect);
                check.push("SELECT count(*) FROM pragma_foreign_key_check");
                let rows = tx.fetch(&check, &[Kind::Int]).await?;
                if let Some(Value::Int(violations @ 1..)) = rows.values.first() {
                    return Err(Error::Database {
                        sqlstate: None,
                        message: format!(
                            "{violations} rows violate foreign keys (PRAGMA foreign_key_check); rolled back"
                        ),
                    });
                }
            }
            tx.execute(&progress).await.map(drop)
        })
        .await
    }

    /// Records that migration `id` finished.
    async fn finish(&self, id: &str) -> Result<()> {
        let mut sql = Sql::new(self.dialect());
        sql.push("UPDATE cstack_migrations SET finished_at = ")
            .push(self.dialect().now_expression())
            .push(" WHERE id = ")
            .param(text(id));
        self.execute(&sql).await.map(drop)
    }
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

fn count(value: usize) -> Value {
    Value::Int(i64::try_from(value).unwrap_or(i64::MAX))
}

/// `error`, saying which migration step it came from.
fn in_step(error: Error, id: &str, step: usize) -> Error {
    match error {
        Error::Database { sqlstate, message } => Error::Database {
            sqlstate,
            message: format!("migration {id} step {step}: {message}"),
        },
        other => Error::Database {
            sqlstate: None,
            message: format!("migration {id} step {step}: {other}"),
        },
    }
}
