//! The migration state machine, with no I/O: from the rows of
//! `cstack_migrations` and the migrations at hand, the state of each
//! migration (applied, pending, partial, tampered, missing) and what an
//! apply does with each one (run it from the step it stopped at, or
//! refuse). [`super`] reads the rows, runs what this decides and records
//! progress; `cstackc migrate` (status, drift) reads the same states.

use super::migration::Migration;
use serde::Serialize;

/// One row of `cstack_migrations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppliedRow {
    pub id: String,
    pub checksum: String,
    pub steps_done: i64,
    pub finished: bool,
}

/// Where one migration stands against a database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum MigrationState {
    Applied,
    Pending,
    /// Started, stopped after `steps_done` of `steps` steps.
    Partial {
        steps_done: i64,
        steps: usize,
    },
    /// Applied, but the migration changed since.
    Tampered,
    /// Recorded in the database, not among the migrations at hand.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MigrationStatus {
    pub id: String,
    #[serde(flatten)]
    pub state: MigrationState,
}

/// The state of every migration at hand or recorded in `rows`, by id.
pub fn migration_status(rows: &[AppliedRow], migrations: &[Migration<'_>]) -> Vec<MigrationStatus> {
    let mut out = Vec::new();
    for m in migrations {
        let state = match rows.iter().find(|r| r.id == m.id) {
            None => MigrationState::Pending,
            Some(row) if row.finished && row.checksum != m.checksum => MigrationState::Tampered,
            Some(row) if row.finished => MigrationState::Applied,
            Some(row) => MigrationState::Partial {
                steps_done: row.steps_done,
                steps: m.steps.len(),
            },
        };
        out.push(MigrationStatus {
            id: m.id.to_string(),
            state,
        });
    }
    for row in rows {
        if !migrations.iter().any(|m| m.id == row.id) {
            out.push(MigrationStatus {
                id: row.id.clone(),
                state: MigrationState::Missing,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// One migration an apply runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run<'m, 'a> {
    pub migration: &'m Migration<'a>,
    /// The index of the first step to run (0 when none ran).
    pub resume_at: usize,
    /// It has a row already (a partial run): its checksum is updated
    /// rather than a row inserted.
    pub recorded: bool,
}

/// The runs of an apply, in order: one per migration not yet finished, up
/// to and including `up_to` when given. A history with an applied
/// migration that changed or went missing is refused as a whole; a
/// partial migration that changed ends the list with a refusal, after the
/// runs before it.
pub(crate) fn plan_runs<'m, 'a>(
    rows: &[AppliedRow],
    migrations: &'m [Migration<'a>],
    up_to: Option<&str>,
) -> (Vec<Run<'m, 'a>>, Option<String>) {
    let problems: Vec<String> = migration_status(rows, migrations)
        .into_iter()
        .filter_map(|s| match s.state {
            MigrationState::Tampered => Some(format!(
                "migration {} was changed after it was applied",
                s.id
            )),
            MigrationState::Missing => Some(format!(
                "migration {} is applied but missing from the migrations at hand",
                s.id
            )),
            _ => None,
        })
        .collect();
    if !problems.is_empty() {
        return (Vec::new(), Some(problems.join("; ")));
    }
    let mut runs = Vec::new();
    for migration in migrations {
        let row = rows.iter().find(|r| r.id == migration.id);
        if row.is_some_and(|r| r.finished) {
            continue;
        }
        if let Some(row) = row
            && row.steps_done > 0
            && row.checksum != migration.checksum
        {
            let refusal = format!(
                "migration {} changed after {} of its steps ran; restore it or repair the database",
                migration.id, row.steps_done
            );
            return (runs, Some(refusal));
        }
        runs.push(Run {
            migration,
            resume_at: row.map_or(0, |r| usize::try_from(r.steps_done).unwrap_or(0)),
            recorded: row.is_some(),
        });
        if up_to == Some(migration.id) {
            break;
        }
    }
    (runs, None)
}

#[cfg(test)]
mod tests {
    use super::super::migration::MigrationStep;
    use super::*;

    const ONE: &[MigrationStep<'static>] = &[MigrationStep::new(true, &["SELECT 1"])];
    const TWO: &[MigrationStep<'static>] = &[
        MigrationStep::new(true, &["SELECT 1"]),
        MigrationStep::new(false, &["SELECT 2"]),
    ];

    fn row(m: &Migration<'_>, steps_done: i64, finished: bool) -> AppliedRow {
        AppliedRow {
            id: m.id.into(),
            checksum: m.checksum.into(),
            steps_done,
            finished,
        }
    }

    fn ids(runs: &[Run<'_, '_>]) -> Vec<String> {
        runs.iter()
            .map(|r| format!("{}@{}", r.migration.id, r.resume_at))
            .collect()
    }

    #[test]
    fn finished_migrations_are_skipped_and_partial_ones_resume() {
        let all = [
            Migration::new("1_a", "a", ONE),
            Migration::new("2_b", "b", TWO),
            Migration::new("3_c", "c", ONE),
        ];
        let rows = [row(&all[0], 1, true), row(&all[1], 1, false)];
        let (runs, refusal) = plan_runs(&rows, &all, None);
        assert_eq!(
            (ids(&runs), refusal),
            (vec!["2_b@1".into(), "3_c@0".into()], None)
        );
        assert!(runs[0].recorded && !runs[1].recorded);
        assert_eq!(
            migration_status(&rows, &all)[1].state,
            MigrationState::Partial {
                steps_done: 1,
                steps: 2
            }
        );
    }

    #[test]
    fn up_to_stops_after_the_named_migration() {
        let all = [
            Migration::new("1_a", "a", ONE),
            Migration::new("2_b", "b", ONE),
        ];
        assert_eq!(ids(&plan_runs(&[], &all, Some("1_a")).0), ["1_a@0"]);
    }

    #[test]
    fn a_changed_history_is_refused() {
        let all = [
            Migration::new("1_a", "a", ONE),
            Migration::new("2_b", "b", TWO),
        ];
        let mut tampered = row(&all[0], 1, true);
        tampered.checksum = "edited".into();
        let (runs, refusal) = plan_runs(&[tampered], &all, None);
        assert!(runs.is_empty());
        assert!(refusal.unwrap().contains("1_a was changed"));
        let gone = Migration::new("0_gone", "x", ONE);
        let (_, refusal) = plan_runs(&[row(&gone, 1, true)], &all, None);
        assert!(refusal.unwrap().contains("0_gone"));
        // A partial migration that changed stops the apply there, after the
        // migrations before it.
        let mut partial = row(&all[1], 1, false);
        partial.checksum = "edited".into();
        let (runs, refusal) = plan_runs(&[partial], &all, None);
        assert_eq!(ids(&runs), ["1_a@0"]);
        assert!(refusal.unwrap().contains("2_b changed after 1"));
        // A partial migration with no step done yet may change freely.
        let mut started = row(&all[1], 0, false);
        started.checksum = "edited".into();
        assert_eq!(
            ids(&plan_runs(&[started], &all, None).0),
            ["1_a@0", "2_b@0"]
        );
    }
}
