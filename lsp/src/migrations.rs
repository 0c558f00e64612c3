//! The committed migration snapshots the server warns against: a schema
//! with a `migrations/` folder beside it (`migrations/<backend>/
//! snapshot.json`, as `cstackc migrate` writes) gets a warning on every
//! change that would lose data in the next migration (W8001, from
//! `cstack_migrate::lint`).
//!
//! The files are read here, by the server, once per folder, into a salsa
//! input (`MigrationBaseline`); the compiler crates do no I/O. The file
//! watcher's report of a changed `snapshot.json` reads the folder again and
//! sets the input, which re-runs the lint of the files beside it.

use cstack_compiler::RootDatabase;
use cstack_migrate::files::{MIGRATIONS_FOLDER, migrations_dir_beside};
use cstack_migrate::lint::{self, MigrationBaseline};
use salsa::Setter;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The baseline (a salsa input) of each migrations folder, read on first
/// use; and the empty one of schemas without a folder.
#[derive(Default)]
pub struct MigrationBaselines {
    by_dir: HashMap<PathBuf, MigrationBaseline>,
    empty: Option<MigrationBaseline>,
}

impl MigrationBaselines {
    /// The baseline of the schema at `schema`: its folder's, read the first
    /// time; the empty one when the schema has no path on disk.
    pub fn of(&mut self, db: &RootDatabase, schema: Option<&Path>) -> MigrationBaseline {
        match schema.and_then(migrations_dir_beside) {
            Some(dir) => *self
                .by_dir
                .entry(dir.clone())
                .or_insert_with(|| MigrationBaseline::new(db, read(&dir))),
            None => *self
                .empty
                .get_or_insert_with(|| MigrationBaseline::new(db, Vec::new())),
        }
    }

    /// Reads the folder `dir` again, when a baseline was made from it: the
    /// files beside it get their lossy-change warnings computed again.
    pub fn reload(&mut self, db: &mut RootDatabase, dir: &Path) {
        if let Some(baseline) = self.by_dir.get(dir) {
            let snapshots = read(dir);
            if baseline.snapshots(db) != &snapshots {
                baseline.set_snapshots(db).to(snapshots);
            }
        }
    }
}

/// Every backend's snapshot under `dir`. A snapshot that cannot be read is
/// reported on stderr and left out: the rest of the server goes on.
fn read(dir: &Path) -> Vec<cstack_migrate::Snapshot> {
    let (snapshots, problems) = lint::read_snapshots(dir);
    for problem in problems {
        eprintln!("cstack-lsp: {problem}");
    }
    snapshots
}

/// The migrations folder a `snapshot.json` belongs to
/// (`<dir>/<backend>/snapshot.json`), if `path` is one.
pub fn migrations_dir_of_snapshot(path: &Path) -> Option<PathBuf> {
    if path.file_name()? != cstack_migrate::files::SNAPSHOT_FILE {
        return None;
    }
    let dir = path.parent()?.parent()?;
    (dir.file_name()? == MIGRATIONS_FOLDER).then(|| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_path_names_its_migrations_folder() {
        assert_eq!(
            migrations_dir_of_snapshot(Path::new("/w/migrations/postgres/snapshot.json")),
            Some(PathBuf::from("/w/migrations"))
        );
        assert_eq!(
            migrations_dir_of_snapshot(Path::new("/w/other/postgres/snapshot.json")),
            None
        );
        assert_eq!(
            migrations_dir_of_snapshot(Path::new("/w/migrations/postgres/up.sql")),
            None
        );
        assert_eq!(
            migrations_dir_beside(Path::new("/w/schema.cstack")),
            Some(PathBuf::from("/w/migrations"))
        );
    }
}
