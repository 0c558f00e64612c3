//! Finding and reading the schema files a command works on: expanding
//! directories into `*.cstack` files in a deterministic order, and reading
//! each one as UTF-8. The only disk access of the binary besides writing
//! its output.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The extension a directory search collects.
const EXTENSION: &str = "cstack";

/// Directory names never descended into: build output and vendored packages
/// hold copies of schemas that would otherwise be reported twice.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// One schema file, read.
#[derive(Debug)]
pub struct Input {
    /// The path as shown in every message.
    pub path: String,
    pub text: String,
}

/// Why an input could not be used. All of them make the command exit 2.
#[derive(Debug)]
pub enum InputError {
    Missing(PathBuf),
    Unreadable(PathBuf, io::Error),
    NotUtf8(PathBuf, usize),
    NoFiles(Vec<PathBuf>),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Missing(path) => {
                write!(f, "path `{}` does not exist", path.display())
            }
            // Found paths are shown as diagnostics show them; roots and
            // missing paths exactly as the user typed them.
            InputError::Unreadable(path, error) => {
                write!(f, "cannot read `{}`: {error}", display_path(path))
            }
            InputError::NotUtf8(path, valid_up_to) => write!(
                f,
                "`{}` is not valid UTF-8 (invalid byte at offset {valid_up_to})",
                display_path(path)
            ),
            InputError::NoFiles(roots) => {
                let roots: Vec<String> = roots
                    .iter()
                    .map(|root| format!("`{}`", root.display()))
                    .collect();
                write!(f, "no `.{EXTENSION}` files found in {}", roots.join(", "))
            }
        }
    }
}

/// [`load`], printing every problem to standard error; `None` when there
/// was any (the command then exits 2).
pub fn load_or_report(roots: &[PathBuf]) -> Option<Vec<Input>> {
    match load(roots) {
        Ok(inputs) => Some(inputs),
        Err(errors) => {
            for error in errors {
                eprintln!("error: {error}");
            }
            None
        }
    }
}

/// Reads every schema under `roots` (the current directory when empty).
///
/// Collects every problem rather than stopping at the first, so one run
/// tells the user about all the paths they got wrong.
pub fn load(roots: &[PathBuf]) -> Result<Vec<Input>, Vec<InputError>> {
    let default_root = [PathBuf::from(".")];
    let roots = if roots.is_empty() {
        &default_root[..]
    } else {
        roots
    };
    let mut errors = Vec::new();
    let paths = discover(roots, &mut errors);
    if paths.is_empty() && errors.is_empty() {
        errors.push(InputError::NoFiles(roots.to_vec()));
    }
    let inputs: Vec<Input> = paths
        .into_iter()
        .filter_map(|path| read(&path).map_err(|error| errors.push(error)).ok())
        .collect();
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

/// The files under `roots`, in argument order, each directory's entries
/// sorted by name, with files reachable through two arguments kept once
/// (otherwise `cstackc check a.cstack .` would report `a.cstack` twice).
fn discover(roots: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in roots {
        match fs::metadata(root) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                errors.push(InputError::Missing(root.clone()));
            }
            Err(error) => errors.push(InputError::Unreadable(root.clone(), error)),
            // An explicitly named file is checked whatever its extension:
            // the user asked for it by name.
            Ok(metadata) if !metadata.is_dir() => found.push(root.clone()),
            Ok(_) => walk(root, &mut found, errors),
        }
    }
    let mut seen = HashSet::new();
    found.retain(|path| seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    found
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries =
        match fs::read_dir(dir).and_then(|entries| entries.collect::<io::Result<Vec<_>>>()) {
            Ok(entries) => entries,
            Err(error) => {
                errors.push(InputError::Unreadable(dir.to_path_buf(), error));
                return;
            }
        };
    let mut entries: Vec<(PathBuf, fs::DirEntry)> = entries
        .into_iter()
        .map(|entry| (entry.path(), entry))
        .collect();
    // `read_dir` order is filesystem-dependent; sorting makes output (and
    // so CI logs and snapshot tests) identical on every machine.
    entries.sort_by(|(a, _), (b, _)| a.file_name().cmp(&b.file_name()));
    for (path, entry) in entries {
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(error) => {
                errors.push(InputError::Unreadable(path, error));
                continue;
            }
        };
        if file_type.is_dir() {
            if !is_skipped_dir(&path) {
                walk(&path, found, errors);
            }
        } else if has_extension(&path) && (file_type.is_file() || points_to_file(&path)) {
            // Symlinked directories are not followed (they can form cycles);
            // symlinked files are, since they cannot.
            found.push(path);
        }
    }
}

fn is_skipped_dir(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.') || SKIPPED_DIRS.contains(&name))
}

fn has_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == EXTENSION)
}

fn points_to_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
}

fn read(path: &Path) -> Result<Input, InputError> {
    let bytes = fs::read(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => InputError::Missing(path.to_path_buf()),
        _ => InputError::Unreadable(path.to_path_buf(), error),
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        InputError::NotUtf8(path.to_path_buf(), error.utf8_error().valid_up_to())
    })?;
    Ok(Input {
        path: display_path(path),
        text,
    })
}

/// The path as the user would write it: files found under the default (or an
/// explicit) `.` are shown without the `./` prefix `Path::join` puts there.
fn display_path(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_drops_only_a_leading_current_dir() {
        assert_eq!(display_path(Path::new("./a/b.cstack")), "a/b.cstack");
        assert_eq!(display_path(Path::new("../a.cstack")), "../a.cstack");
        assert_eq!(display_path(Path::new("a.cstack")), "a.cstack");
    }

    #[test]
    fn hidden_and_build_directories_are_skipped() {
        assert!(is_skipped_dir(Path::new("x/.git")));
        assert!(is_skipped_dir(Path::new("target")));
        assert!(is_skipped_dir(Path::new("a/node_modules")));
        assert!(!is_skipped_dir(Path::new("schemas")));
    }
}
