//! The migrations folder of one backend:
//! `migrations/<backend>/<timestamp>_<slug>/{up.sql, down.sql, up.pre.sql?}`,
//! `snapshot.json`, and `cstack.sum`, a chained checksum file in which every
//! line covers all the migrations before it, so an edited, removed or
//! reordered migration (or two branches adding migrations independently)
//! is detected. Also what a folder means for planning and applying: the
//! next migration of a backend ([`plan_backend`]) and the steps of a
//! migration as a runner executes them ([`migration_steps`]).

use crate::Dialect;
use crate::lower::Lowered;
use crate::plan::{Plan, Step, parse_steps, plan, render_steps};
use crate::snapshot::Snapshot;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const SNAPSHOT_FILE: &str = "snapshot.json";
pub const SUM_FILE: &str = "cstack.sum";
const SUM_HEADER: &str = "cstack-sum 1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The folder name, `<timestamp>_<slug>`; sorts in apply order.
    pub id: String,
    pub up: String,
    pub down: Option<String>,
    pub pre: Option<String>,
}

impl Migration {
    /// SHA-256 over the id and every file, each length-prefixed.
    pub fn checksum(&self) -> String {
        let mut hasher = Sha256::new();
        for part in [
            Some(self.id.as_str()),
            self.pre.as_deref(),
            Some(self.up.as_str()),
            self.down.as_deref(),
        ] {
            match part {
                Some(text) => {
                    hasher.update((text.len() as u64).to_le_bytes());
                    hasher.update(text.as_bytes());
                }
                None => hasher.update(u64::MAX.to_le_bytes()),
            }
        }
        hex(&hasher.finalize())
    }
}

/// The steps of a migration as a runner executes them: `up.pre.sql` (when
/// there is one), then `up.sql`, split at their `-- cstack:step` markers.
pub fn migration_steps(migration: &Migration) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(pre) = &migration.pre {
        steps.extend(parse_steps(pre));
    }
    steps.extend(parse_steps(&migration.up));
    steps
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder beside a schema that holds its migrations, as `cstackc
/// migrate` writes it and `cstackc check` and the language server read it.
pub const MIGRATIONS_FOLDER: &str = "migrations";

/// The migrations folder beside the schema at `schema`.
pub fn migrations_dir_beside(schema: &Path) -> Option<PathBuf> {
    Some(schema.parent()?.join(MIGRATIONS_FOLDER))
}

pub fn backend_dir(dir: &Path, dialect: Dialect) -> PathBuf {
    dir.join(dialect.name())
}

/// The migrations of a backend folder, in id order. A missing folder has
/// none.
pub fn load(backend: &Path) -> Result<Vec<Migration>, String> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(backend) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(format!("cannot read {}: {e}", backend.display())),
    };
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.path().is_dir() {
            continue;
        }
        let id = entry.file_name().to_string_lossy().to_string();
        if id.starts_with('.') {
            continue;
        }
        let read = |name: &str| -> Result<Option<String>, String> {
            let path = entry.path().join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(format!("cannot read {}: {e}", path.display())),
            }
        };
        let up =
            read("up.sql")?.ok_or_else(|| format!("{} has no up.sql", entry.path().display()))?;
        out.push(Migration {
            id,
            up,
            down: read("down.sql")?,
            pre: read("up.pre.sql")?,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

pub fn read_snapshot(backend: &Path, dialect: Dialect) -> Result<Snapshot, String> {
    let path = backend.join(SNAPSHOT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let snapshot =
                Snapshot::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            if snapshot.dialect != dialect {
                return Err(format!(
                    "{} is a {} snapshot, expected {dialect}",
                    path.display(),
                    snapshot.dialect
                ));
            }
            Ok(snapshot)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Snapshot::empty(dialect)),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The next migration of one backend.
pub struct BackendPlan {
    pub dialect: Dialect,
    pub plan: Plan,
    pub next: Snapshot,
}

/// The next migration of the backend folder under `dir`: from its
/// committed snapshot (empty when there is none) to `lowered`.
pub fn plan_backend(
    lowered: &Lowered,
    dir: &Path,
    dialect: Dialect,
) -> Result<BackendPlan, String> {
    let backend = backend_dir(dir, dialect);
    let prev = read_snapshot(&backend, dialect)?;
    let plan = plan(&prev.schema, &lowered.schema, dialect);
    Ok(BackendPlan {
        dialect,
        plan,
        next: Snapshot::of(&lowered.schema, dialect),
    })
}

/// The text of `cstack.sum` for these migrations.
pub fn sum_text(migrations: &[Migration]) -> String {
    let mut out = format!("{SUM_HEADER}\n");
    let mut chain = String::new();
    for m in migrations {
        let mut hasher = Sha256::new();
        hasher.update(chain.as_bytes());
        hasher.update(m.id.as_bytes());
        hasher.update(m.checksum().as_bytes());
        chain = hex(&hasher.finalize());
        out.push_str(&format!("{} {chain}\n", m.id));
    }
    out
}

/// Problems with `cstack.sum`: each edited, removed, added-without-diff or
/// reordered migration.
pub fn check_sum(backend: &Path, migrations: &[Migration]) -> Vec<String> {
    let path = backend.join(SUM_FILE);
    let recorded = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) if migrations.is_empty() => return Vec::new(),
        Err(_) => return vec![format!("{} is missing", path.display())],
    };
    let expected = sum_text(migrations);
    if recorded == expected {
        return Vec::new();
    }
    let parse = |text: &str| -> Vec<(String, String)> {
        text.lines()
            .skip(1)
            .filter_map(|l| l.split_once(' '))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let (recorded, expected) = (parse(&recorded), parse(&expected));
    let mut problems = Vec::new();
    for (i, (id, hash)) in expected.iter().enumerate() {
        match recorded.iter().position(|(r, _)| r == id) {
            None => problems.push(format!("migration {id} is not recorded in {SUM_FILE}")),
            Some(j) if j != i => problems.push(format!("migration {id} was reordered")),
            Some(j) if &recorded[j].1 != hash => {
                problems.push(format!("migration {id} (or one before it) was edited"))
            }
            _ => {}
        }
    }
    for (id, _) in &recorded {
        if !expected.iter().any(|(e, _)| e == id) {
            problems.push(format!("migration {id} was removed"));
        }
    }
    if problems.is_empty() {
        problems.push(format!("{SUM_FILE} is malformed"));
    }
    problems
}

/// `name` as a folder slug: lowercase ASCII words joined by `_`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "migration".into()
    } else {
        out
    }
}

/// A new id that sorts after every existing one: the UTC time to the
/// second, bumped when that is not later than the last migration.
pub fn next_id(existing: &[Migration], name: &str, now: std::time::SystemTime) -> String {
    let secs = now
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut candidate = timestamp(secs);
    if let Some(last) = existing.last() {
        let last_stamp: String = last.id.chars().take_while(char::is_ascii_digit).collect();
        if last_stamp.len() == 14 && last_stamp >= candidate {
            // One second after the last migration.
            candidate = bump(&last_stamp);
        }
    }
    format!("{candidate}_{}", slug(name))
}

/// The decimal string plus one, keeping its width (`...59` → `...60` is
/// fine: ids need only sort, not be valid times).
fn bump(stamp: &str) -> String {
    let mut digits: Vec<u8> = stamp.bytes().collect();
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            break;
        }
    }
    String::from_utf8(digits).unwrap_or_default()
}

/// `YYYYMMDDHHMMSS` for seconds since the epoch (UTC).
fn timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Writes a planned migration, the new snapshot and the sum file. Files go
/// to a hidden folder first and are renamed into place, so a failure never
/// leaves a half-written migration.
pub fn write(
    backend: &Path,
    id: &str,
    plan: &Plan,
    snapshot: &Snapshot,
) -> Result<PathBuf, String> {
    let io = |what: &Path, e: std::io::Error| format!("cannot write {}: {e}", what.display());
    std::fs::create_dir_all(backend).map_err(|e| io(backend, e))?;
    let mut migrations = load(backend)?;
    let final_dir = backend.join(id);
    if final_dir.exists() {
        return Err(format!("{} already exists", final_dir.display()));
    }
    let staging = backend.join(format!(".{id}.tmp"));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        std::fs::create_dir(&staging).map_err(|e| io(&staging, e))?;
        let migration = Migration {
            id: id.to_string(),
            up: render_steps(&plan.up),
            down: Some(render_steps(&plan.down)),
            pre: plan.pre.clone(),
        };
        let put = |name: &str, text: &str| {
            let path = staging.join(name);
            std::fs::write(&path, text).map_err(|e| io(&path, e))
        };
        put("up.sql", &migration.up)?;
        put("down.sql", migration.down.as_deref().unwrap_or_default())?;
        if let Some(pre) = &migration.pre {
            put("up.pre.sql", pre)?;
        }
        migrations.push(migration);
        let snapshot_tmp = backend.join(format!(".{SNAPSHOT_FILE}.tmp"));
        let sum_tmp = backend.join(format!(".{SUM_FILE}.tmp"));
        std::fs::write(&snapshot_tmp, snapshot.to_json()).map_err(|e| io(&snapshot_tmp, e))?;
        std::fs::write(&sum_tmp, sum_text(&migrations)).map_err(|e| io(&sum_tmp, e))?;
        std::fs::rename(&staging, &final_dir).map_err(|e| io(&final_dir, e))?;
        std::fs::rename(&snapshot_tmp, backend.join(SNAPSHOT_FILE)).map_err(|e| io(backend, e))?;
        std::fs::rename(&sum_tmp, backend.join(SUM_FILE)).map_err(|e| io(backend, e))?;
        Ok(final_dir.clone())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_civil_time() {
        assert_eq!(timestamp(0), "19700101000000");
        assert_eq!(timestamp(1_798_737_023), "20261231171023");
    }

    #[test]
    fn ids_always_sort_after_the_last_migration() {
        let existing = vec![Migration {
            id: "29990101000000_future".into(),
            up: String::new(),
            down: None,
            pre: None,
        }];
        let id = next_id(&existing, "Add users!", std::time::SystemTime::now());
        assert_eq!(id, "29990101000001_add_users");
    }

    #[test]
    fn the_sum_detects_edits_removals_and_reordering() {
        let m = |id: &str, up: &str| Migration {
            id: id.into(),
            up: up.into(),
            down: None,
            pre: None,
        };
        let dir = tempfile::tempdir().unwrap();
        let all = vec![m("1_a", "A"), m("2_b", "B"), m("3_c", "C")];
        std::fs::write(dir.path().join(SUM_FILE), sum_text(&all)).unwrap();
        assert!(check_sum(dir.path(), &all).is_empty());
        let edited = vec![m("1_a", "A"), m("2_b", "B2"), m("3_c", "C")];
        assert!(check_sum(dir.path(), &edited)[0].contains("2_b"));
        let removed = vec![m("1_a", "A"), m("3_c", "C")];
        assert!(
            check_sum(dir.path(), &removed)
                .iter()
                .any(|p| p.contains("2_b was removed"))
        );
    }
}
