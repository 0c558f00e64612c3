//! Applying the migrations a generated crate embeds, with the bookkeeping
//! `cstackc migrate` keeps (`cstack_migrations`: id, checksum, steps done),
//! so either tool sees what the other applied.

#[cfg(feature = "postgres")]
use crate::backend::postgres::MigrationLock;
use crate::handle::Handle;
use crate::schema::error::{Error, Result};
use crate::schema::value::{Kind, Value};
use crate::sql::statement::Sql;
use cstack_storage::Dialect;

/// One migration embedded in a generated crate, with the checksum
/// `cstack-migrate` computes for it and its steps in order.
#[derive(Debug)]
pub struct Migration {
    /// The folder name, `<timestamp>_<slug>`.
    pub id: &'static str,
    pub checksum: &'static str,
    pub steps: &'static [MigrationStep],
}

/// A run of statements applied together (in a transaction unless the
/// migration marks it `no-transaction`).
#[derive(Debug)]
pub struct MigrationStep {
    pub transactional: bool,
    pub sql: &'static str,
}

impl Handle {
    /// Applies the migrations not yet finished, in order, recording them
    /// in the `cstack_migrations` table exactly as `cstackc migrate apply`
    /// does (id, checksum, steps done), so either tool sees what the other
    /// applied. Each transactional step commits with its progress; a failed
    /// run resumes at the step that failed. A finished migration whose
    /// checksum changed is refused.
    pub async fn apply_migrations(&self, migrations: &[Migration]) -> Result<()> {
        // On a PostgreSQL pool, two processes starting at once must not
        // both apply: the session lock `cstackc migrate` takes, held on a
        // connection of its own until the end.
        #[cfg(feature = "postgres")]
        if let Some(pool) = self.pg_pool() {
            let lock = MigrationLock::acquire(pool).await?;
            let outcome = self.apply_migrations_unlocked(migrations).await;
            lock.release().await?;
            return outcome;
        }
        self.apply_migrations_unlocked(migrations).await
    }

    async fn apply_migrations_unlocked(&self, migrations: &[Migration]) -> Result<()> {
        let dialect = self.dialect();
        self.execute_script(cstack_storage::tables::migrations::create_table(dialect))
            .await?;
        let mut query = Sql::new(dialect);
        query.push(match dialect {
            Dialect::Postgres => {
                "SELECT id, checksum, steps_done::bigint, finished_at IS NOT NULL FROM cstack_migrations"
            }
            Dialect::Sqlite => {
                "SELECT id, checksum, steps_done, finished_at IS NOT NULL FROM cstack_migrations"
            }
        });
        let kinds = [Kind::Text, Kind::Text, Kind::Int, Kind::Bool];
        let rows = self.fetch(&query, &kinds).await?;
        let mut applied = Vec::new();
        let mut values = rows.values.into_iter();
        while let (
            Some(Value::Text(id)),
            Some(Value::Text(checksum)),
            Some(Value::Int(done)),
            Some(Value::Bool(finished)),
        ) = (values.next(), values.next(), values.next(), values.next())
        {
            applied.push((id, checksum, done, finished));
        }
        let now = match dialect {
            Dialect::Postgres => "now()",
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        };
        for migration in migrations {
            let row = applied.iter().find(|(id, ..)| id == migration.id);
            let done = match row {
                Some((_, checksum, _, true)) if checksum != migration.checksum => {
                    return Err(Error::Database {
                        sqlstate: None,
                        message: format!("migration {} changed after it was applied", migration.id),
                    });
                }
                Some((_, _, _, true)) => continue,
                Some((_, checksum, done, false)) if *done > 0 && checksum != migration.checksum => {
                    return Err(Error::Database {
                        sqlstate: None,
                        message: format!(
                            "migration {} changed after {done} of its steps ran",
                            migration.id
                        ),
                    });
                }
                Some((_, _, done, false)) => usize::try_from(*done).unwrap_or(0),
                None => {
                    let mut insert = Sql::new(dialect);
                    insert.push("INSERT INTO cstack_migrations (id, checksum, steps_total, steps_done) VALUES (");
                    insert
                        .param(Value::Text(migration.id.to_string()))
                        .push(", ");
                    insert
                        .param(Value::Text(migration.checksum.to_string()))
                        .push(", ");
                    insert
                        .param(Value::Int(migration.steps.len() as i64))
                        .push(", 0)");
                    self.execute(&insert).await?;
                    0
                }
            };
            for (index, step) in migration.steps.iter().enumerate().skip(done) {
                let mut progress = Sql::new(dialect);
                progress.push("UPDATE cstack_migrations SET steps_done = ");
                progress.param(Value::Int(index as i64 + 1));
                progress
                    .push(", steps_total = ")
                    .param(Value::Int(migration.steps.len() as i64));
                progress
                    .push(" WHERE id = ")
                    .param(Value::Text(migration.id.to_string()));
                if step.transactional {
                    self.transaction(|tx| async move {
                        tx.execute_script(step.sql).await?;
                        tx.execute(&progress).await.map(drop)
                    })
                    .await?;
                } else {
                    self.execute_script(step.sql).await?;
                    self.execute(&progress).await?;
                }
            }
            let mut finish = Sql::new(dialect);
            finish
                .push("UPDATE cstack_migrations SET finished_at = ")
                .push(now);
            finish
                .push(" WHERE id = ")
                .param(Value::Text(migration.id.to_string()));
            self.execute(&finish).await?;
        }
        Ok(())
    }
}
