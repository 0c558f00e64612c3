//! The runner's state machine, with no I/O: from the rows of
//! `cstack_migrations` and the migrations folder, the state of each
//! migration (applied, pending, partial, tampered, missing) and what an
//! apply does with each one (skip it, run it from the step it stopped at,
//! or refuse). The driver in [`super`] reads the rows, runs what this
//! decides and records progress through [`super::record`]; those two touch
//! the database, this module never does.

use cstack_migrate::files::{Migration, migration_steps};
use cstack_migrate::plan::Step;
use serde::Serialize;

/// One row of `cstack_migrations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppliedRow {
    pub id: String,
    pub checksum: String,
    pub steps_done: i64,
    pub finished: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum State {
    Applied,
    Pending,
    /// Started, stopped after `steps_done` of `steps` steps.
    Partial {
        steps_done: i64,
        steps: usize,
    },
    /// Applied, but the file changed since.
    Tampered,
    /// Recorded in the database, missing from the folder.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub id: String,
    #[serde(flatten)]
    pub state: State,
}

/// The state of every migration in the folder or in the database, by id.
pub fn status(rows: &[AppliedRow], migrations: &[Migration]) -> Vec<Status> {
    let mut out = Vec::new();
    for m in migrations {
        let state = match rows.iter().find(|r| r.id == m.id) {
            None => State::Pending,
            Some(row) if row.finished && row.checksum != m.checksum() => State::Tampered,
            Some(row) if row.finished => State::Applied,
            Some(row) => State::Partial {
                steps_done: row.steps_done,
                steps: migration_steps(m).len(),
            },
        };
        out.push(Status {
            id: m.id.clone(),
            state,
        });
    }
    for row in rows {
        if !migrations.iter().any(|m| m.id == row.id) {
            out.push(Status {
                id: row.id.clone(),
                state: State::Missing,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// What an apply does with one migration that is not finished, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// Run the migration's steps from `resume_at` (0-based; 0 when none
    /// ran), recording it first.
    Run(Run<'a>),
    /// Stop here: the migration cannot be run as it is.
    Refuse(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run<'a> {
    pub migration: &'a Migration,
    pub steps: Vec<Step>,
    /// The index of the first step to run.
    pub resume_at: usize,
    /// It has a row already (a partial run): its checksum is updated
    /// rather than a row inserted.
    pub recorded: bool,
}

/// The actions of an apply, in order: one per migration not yet finished,
/// up to and including `up_to` when given. A history with an applied
/// migration that changed or went missing is refused as a whole.
pub fn actions<'a>(
    rows: &[AppliedRow],
    migrations: &'a [Migration],
    up_to: Option<&str>,
) -> Result<Vec<Action<'a>>, String> {
    let problems: Vec<String> = status(rows, migrations)
        .into_iter()
        .filter_map(|s| match s.state {
            State::Tampered => Some(format!(
                "migration {} was changed after it was applied",
                s.id
            )),
            State::Missing => Some(format!(
                "migration {} is applied but missing from the migrations folder",
                s.id
            )),
            _ => None,
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let mut out = Vec::new();
    for migration in migrations {
        let row = rows.iter().find(|r| r.id == migration.id);
        if row.is_some_and(|r| r.finished) {
            continue;
        }
        if let Some(row) = row
            && row.steps_done > 0
            && row.checksum != migration.checksum()
        {
            out.push(Action::Refuse(format!(
                "migration {} changed after {} of its steps ran; restore it or repair the database",
                migration.id, row.steps_done
            )));
            break;
        }
        out.push(Action::Run(Run {
            migration,
            steps: migration_steps(migration),
            resume_at: row.map_or(0, |r| r.steps_done as usize),
            recorded: row.is_some(),
        }));
        if up_to == Some(migration.id.as_str()) {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(id: &str, up: &str) -> Migration {
        Migration {
            id: id.into(),
            up: up.into(),
            down: None,
            pre: None,
        }
    }

    fn row(m: &Migration, steps_done: i64, finished: bool) -> AppliedRow {
        AppliedRow {
            id: m.id.clone(),
            checksum: m.checksum(),
            steps_done,
            finished,
        }
    }

    fn ids(actions: &[Action<'_>]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                Action::Run(run) => format!("{}@{}", run.migration.id, run.resume_at),
                Action::Refuse(_) => "refuse".into(),
            })
            .collect()
    }

    #[test]
    fn finished_migrations_are_skipped_and_partial_ones_resume() {
        let all = [
            migration("1_a", "SELECT 1;"),
            migration("2_b", "SELECT 1;\n-- cstack:step\nSELECT 2;"),
            migration("3_c", "SELECT 3;"),
        ];
        let rows = [row(&all[0], 1, true), row(&all[1], 1, false)];
        let actions = actions(&rows, &all, None).unwrap();
        assert_eq!(ids(&actions), ["2_b@1", "3_c@0"]);
        let Action::Run(resumed) = &actions[0] else {
            unreachable!()
        };
        assert!(resumed.recorded);
        assert_eq!(
            status(&rows, &all)[1].state,
            State::Partial {
                steps_done: 1,
                steps: resumed.steps.len()
            }
        );
    }

    #[test]
    fn up_to_stops_after_the_named_migration() {
        let all = [migration("1_a", "A"), migration("2_b", "B")];
        assert_eq!(ids(&actions(&[], &all, Some("1_a")).unwrap()), ["1_a@0"]);
    }

    #[test]
    fn a_changed_history_is_refused() {
        let all = [migration("1_a", "A"), migration("2_b", "B")];
        let mut tampered = row(&all[0], 1, true);
        tampered.checksum = "edited".into();
        assert!(
            actions(&[tampered], &all, None)
                .unwrap_err()
                .contains("1_a was changed")
        );
        let missing = row(&migration("0_gone", "X"), 1, true);
        assert!(
            actions(&[missing], &all, None)
                .unwrap_err()
                .contains("0_gone")
        );
        // A partial migration that changed stops the apply there, after the
        // migrations before it.
        let mut partial = row(&all[1], 1, false);
        partial.checksum = "edited".into();
        assert_eq!(
            ids(&actions(&[partial], &all, None).unwrap()),
            ["1_a@0", "refuse"]
        );
    }
}
