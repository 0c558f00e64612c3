//! The committed migration snapshots the server warns against: a schema
//! with a `migrations/` folder beside it (`migrations/<backend>/
//! snapshot.json`, as `cstackc migrate` writes) gets a warning on every
//! change that would lose data in the next migration (W8001, from
//! `cstack_migrate::lint`).
//!
//! The files are read here, by the server, once per folder; the compiler
//! crates do no I/O. The file watcher's report of a changed `snapshot.json`
//! makes the next look-up read the folder again.

use cstack_migrate::{Dialect, Snapshot, files};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder name beside a schema that holds its migrations.
const MIGRATIONS_FOLDER: &str = "migrations";

/// Snapshots per migrations folder, read on first use.
#[derive(Default)]
pub struct MigrationSnapshots {
    by_dir: HashMap<PathBuf, Arc<Vec<Snapshot>>>,
}

impl MigrationSnapshots {
    /// The snapshots under `dir`, reading them the first time; empty when
    /// there is no such folder.
    pub fn of(&mut self, dir: &Path) -> Arc<Vec<Snapshot>> {
        self.by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| Arc::new(read_snapshots(dir)))
            .clone()
    }

    pub fn forget(&mut self, dir: &Path) {
        self.by_dir.remove(dir);
    }
}

/// Every backend's snapshot under `dir`. A snapshot that cannot be read is
/// reported on stderr and left out: the rest of the server goes on.
fn read_snapshots(dir: &Path) -> Vec<Snapshot> {
    Dialect::ALL
        .into_iter()
        .filter_map(|dialect| {
            let backend = files::backend_dir(dir, dialect);
            if !backend.join(files::SNAPSHOT_FILE).is_file() {
                return None;
            }
            files::read_snapshot(&backend, dialect)
                .map_err(|error| eprintln!("cstack-lsp: {error}"))
                .ok()
        })
        .collect()
}

/// The migrations folder beside the schema at `schema`.
pub fn migrations_dir_beside(schema: &Path) -> Option<PathBuf> {
    Some(schema.parent()?.join(MIGRATIONS_FOLDER))
}

/// The migrations folder a `snapshot.json` belongs to
/// (`<dir>/<backend>/snapshot.json`), if `path` is one.
pub fn migrations_dir_of_snapshot(path: &Path) -> Option<PathBuf> {
    if path.file_name()? != files::SNAPSHOT_FILE {
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
