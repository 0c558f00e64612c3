//! The server's state: the one salsa database, the files it holds (open
//! documents and workspace files from disk) and the negotiated encoding.
//!
//! Edits are applied by whoever holds the lock, in the order notifications
//! arrive; readers take a [`Snapshot`] (a clone of the database) under the
//! lock and release it before computing, so an edit never waits on a reader
//! for longer than salsa takes to cancel it.

use crate::convert::Encoding;
use crate::document::Document;
use crate::migrations::{MigrationBaselines, migrations_dir_of_snapshot};
use cstack_compiler::{RootDatabase, SourceFile};
use cstack_migrate::files::migrations_dir_beside;
use cstack_migrate::lint::MigrationBaseline;
use salsa::Setter;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Uri;

pub struct World {
    pub db: RootDatabase,
    pub files: HashMap<Uri, SourceFile>,
    pub documents: HashMap<Uri, Document>,
    pub encoding: Encoding,
    pub roots: Vec<PathBuf>,
    /// The client can watch files for the server (dynamic registration).
    pub watch_files: bool,
    /// The committed migration snapshots of each `migrations/` folder a
    /// schema sits beside, read from disk once and again when the watcher
    /// reports a change.
    pub migrations: MigrationBaselines,
    /// A number per file that changes whenever its text is set or it is
    /// forgotten: diagnostics computed at an older one are not published.
    revisions: HashMap<Uri, u64>,
    next_revision: u64,
}

/// What a change on disk did to the server's files.
#[derive(Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// The file is open: the editor's text wins.
    Ignored,
    /// The file was read (created or changed).
    Loaded,
    /// The file is gone (or unreadable) and was forgotten.
    Removed,
}

/// What a read request works on: a database clone at one revision.
pub struct Snapshot {
    pub db: RootDatabase,
    pub file: SourceFile,
    pub uri: Uri,
    pub version: Option<i32>,
    pub encoding: Encoding,
    /// The snapshots lossy changes are measured against; empty without a
    /// migrations folder.
    pub baseline: MigrationBaseline,
    /// The file's revision when the snapshot was taken.
    pub revision: u64,
}

impl Default for World {
    fn default() -> Self {
        Self {
            db: RootDatabase::default(),
            files: HashMap::new(),
            documents: HashMap::new(),
            encoding: Encoding::Utf16,
            roots: Vec::new(),
            watch_files: false,
            migrations: MigrationBaselines::default(),
            revisions: HashMap::new(),
            next_revision: 0,
        }
    }
}

impl World {
    /// Sets the text of the file at `uri`, creating it on first use. Salsa
    /// cancels the queries running on snapshots before the write lands.
    pub fn set_text(&mut self, uri: &Uri, text: String) -> SourceFile {
        self.bump_revision(uri);
        match self.files.get(uri) {
            Some(&file) => {
                if file.text(&self.db) != &text {
                    file.set_text(&mut self.db).to(text);
                }
                file
            }
            None => {
                let path = uri.to_file_path().map_or_else(
                    || uri.as_str().to_string(),
                    |path| path.display().to_string(),
                );
                let file = SourceFile::new(&self.db, path, text);
                self.files.insert(uri.clone(), file);
                file
            }
        }
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        self.documents
            .insert(uri.clone(), Document::new(&text, version));
        self.set_text(&uri, text);
    }

    /// Applies a `didChange`; false when the document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<tower_lsp_server::ls_types::TextDocumentContentChangeEvent>,
    ) -> bool {
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(uri) else {
            return false;
        };
        document.apply(changes, encoding);
        document.version = version;
        let text = document.text();
        self.set_text(uri, text);
        true
    }

    /// Closes a document: a workspace file falls back to its text on disk,
    /// any other file is forgotten.
    pub fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
        match disk_text(uri).filter(|_| self.in_workspace(uri)) {
            Some(text) => {
                self.set_text(uri, text);
            }
            None => self.forget(uri),
        }
    }

    /// Drops a file; an empty text stands in for it so nothing refers to a
    /// stale schema (salsa inputs are never deleted).
    pub fn forget(&mut self, uri: &Uri) {
        self.bump_revision(uri);
        if let Some(file) = self.files.remove(uri)
            && !file.text(&self.db).is_empty()
        {
            file.set_text(&mut self.db).to(String::new());
        }
    }

    fn in_workspace(&self, uri: &Uri) -> bool {
        uri.to_file_path()
            .is_some_and(|path| self.roots.iter().any(|root| path.starts_with(root)))
    }

    fn bump_revision(&mut self, uri: &Uri) {
        self.next_revision += 1;
        self.revisions.insert(uri.clone(), self.next_revision);
    }

    /// Whether diagnostics computed on a snapshot at `version` and
    /// `revision` still describe the file: an open document still at that
    /// version, or a closed file whose text has not changed since.
    pub fn is_current(&self, uri: &Uri, version: Option<i32>, revision: u64) -> bool {
        self.files.contains_key(uri)
            && self.revisions.get(uri) == Some(&revision)
            && self.documents.get(uri).map(|document| document.version) == version
    }

    /// Whether `uri` is a workspace file the server holds without the
    /// editor having it open.
    pub fn is_loaded_from_disk(&self, uri: &Uri) -> bool {
        self.files.contains_key(uri) && !self.documents.contains_key(uri)
    }

    /// A file on disk was created, changed or deleted; open documents win
    /// over the disk.
    pub fn disk_changed(&mut self, uri: &Uri) -> DiskChange {
        if self.documents.contains_key(uri) {
            return DiskChange::Ignored;
        }
        match disk_text(uri) {
            Some(text) => {
                self.set_text(uri, text);
                DiskChange::Loaded
            }
            None => {
                self.forget(uri);
                DiskChange::Removed
            }
        }
    }

    /// Loads every `*.cstack` under the workspace roots that is not open;
    /// returns the files it read.
    pub fn load_workspace(&mut self) -> Vec<Uri> {
        let mut found = Vec::new();
        for root in self.roots.clone() {
            collect_schemas(&root, &mut found);
        }
        let mut loaded = Vec::new();
        for path in found {
            let Some(uri) = Uri::from_file_path(&path) else {
                continue;
            };
            if self.documents.contains_key(&uri) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&path) {
                self.set_text(&uri, text);
                loaded.push(uri);
            }
        }
        loaded
    }

    pub fn snapshot(&mut self, uri: &Uri) -> Option<Snapshot> {
        let file = *self.files.get(uri)?;
        let path = uri.to_file_path();
        let baseline = self.migrations.of(&self.db, path.as_deref());
        Some(Snapshot {
            db: self.db.clone(),
            file,
            uri: uri.clone(),
            version: self.documents.get(uri).map(|document| document.version),
            encoding: self.encoding,
            baseline,
            revision: self.revisions.get(uri).copied().unwrap_or(0),
        })
    }

    /// A `snapshot.json` changed on disk: reads its migrations folder again
    /// and returns the files beside that folder (open or loaded from the
    /// workspace), whose warnings need checking again.
    pub fn snapshot_changed(&mut self, path: &Path) -> Vec<Uri> {
        let Some(dir) = migrations_dir_of_snapshot(path) else {
            return Vec::new();
        };
        self.migrations.reload(&mut self.db, &dir);
        self.files
            .keys()
            .filter(|uri| {
                uri.to_file_path()
                    .and_then(|p| migrations_dir_beside(&p))
                    .is_some_and(|beside| beside == dir)
            })
            .cloned()
            .collect()
    }

    /// Every file with its URI, sorted by URI.
    pub fn all_files(&self) -> Vec<(Uri, SourceFile)> {
        let mut files: Vec<(Uri, SourceFile)> = self
            .files
            .iter()
            .map(|(uri, file)| (uri.clone(), *file))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

fn disk_text(uri: &Uri) -> Option<String> {
    std::fs::read_to_string(uri.to_file_path()?).ok()
}

/// `*.cstack` files under `dir`, skipping hidden directories, `target` and
/// `node_modules` like the command line does.
fn collect_schemas(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                collect_schemas(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "cstack") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};

    fn schema(models: usize) -> String {
        (0..models)
            .map(|i| format!("model M{i} {{\n  id Int @id\n  name String @length(min: 1)\n}}\n\n"))
            .collect()
    }

    /// An edit while a snapshot is checking cancels the check; the reader
    /// sees `Cancelled`, and the write lands.
    #[test]
    fn an_edit_cancels_a_running_read() {
        let armed = Arc::new(AtomicBool::new(false));
        let (started, wait_started) = mpsc::sync_channel(1);
        let hook = armed.clone();
        let db = RootDatabase::with_event_log(move |event| {
            if matches!(event.kind, salsa::EventKind::WillExecute { .. })
                && hook.swap(false, Ordering::SeqCst)
            {
                let _ = started.try_send(());
            }
        });
        let mut world = World {
            db,
            ..World::default()
        };
        let uri: Uri = "file:///cancel.cstack".parse().expect("a URI");
        world.open(uri.clone(), schema(300), 1);
        let snapshot = world.snapshot(&uri).expect("open");
        armed.store(true, Ordering::SeqCst);
        let reader = std::thread::spawn(move || {
            let result = salsa::Cancelled::catch(|| {
                cstack_compiler::check_file(&snapshot.db, snapshot.file)
                    .diagnostics
                    .len()
            });
            drop(snapshot);
            result.is_err()
        });
        wait_started.recv().expect("the read started");
        world.set_text(&uri, schema(2));
        assert!(
            reader.join().expect("no other panic"),
            "the read was cancelled"
        );
        let file = world.files[&uri];
        assert!(
            cstack_compiler::check_file(&world.db, file)
                .diagnostics
                .is_empty()
        );
        assert_eq!(cstack_compiler::item_tree(&world.db, file).decls.len(), 2);
    }

    #[test]
    fn closing_a_file_outside_the_workspace_forgets_it() {
        let mut world = World::default();
        let uri: Uri = "file:///nowhere/x.cstack".parse().expect("a URI");
        world.open(uri.clone(), "model A {\n  id Int @id\n}\n".to_string(), 1);
        assert!(world.snapshot(&uri).is_some());
        world.close(&uri);
        assert!(world.snapshot(&uri).is_none());
        assert!(world.documents.is_empty());
    }
}
