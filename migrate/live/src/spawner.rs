//! Scratch databases for `verify` and `drift`, through one trait with five
//! implementations: a throwaway database on a PostgreSQL server (created and
//! dropped), a throwaway schema in an existing database, a private
//! PostgreSQL cluster started with `initdb` + `pg_ctl` on a socket-only
//! temporary directory, a throwaway database on a MySQL or MariaDB server,
//! and SQLite in memory. No Docker. A scratch database
//! is removed when dropped.

use crate::db::{
    Access, Connection, connect_postgres, execute_blocking, execute_script, open_sqlite, pg_error,
    redact,
};
use cstack_migrate::Dialect;
use sqlx_core::connection::Connection as _;
use sqlx_postgres::PgConnection;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database that exists until dropped.
pub trait Scratch: Send {
    /// The URL to reach it.
    fn url(&self) -> &str;
}

/// What [`Spawner::spawn`] returns: a future of a new scratch database.
pub type Spawning<'a> = Pin<Box<dyn Future<Output = Result<Box<dyn Scratch>, String>> + Send + 'a>>;

pub trait Spawner: Send + Sync {
    fn dialect(&self) -> Dialect;
    /// What the scratch databases are, for messages.
    fn describe(&self) -> String;
    fn spawn(&self) -> Spawning<'_>;
}

/// Runs `sql`, which creates `what` (for the message), on an
/// administrative connection, and closes it.
async fn create(mut admin: PgConnection, sql: &str, what: &str) -> Result<(), String> {
    let result = execute_script(&mut admin, sql).await;
    let _ = admin.close().await;
    result.map_err(|e| format!("cannot create {what}: {e}"))
}

fn unique_suffix() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Throwaway databases on an existing server, named `cstack_scratch_...`.
pub struct ServerSpawner {
    pub admin_url: String,
}

struct ServerScratch {
    admin_url: String,
    name: String,
    url: String,
}

impl Scratch for ServerScratch {
    fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ServerScratch {
    fn drop(&mut self) {
        let _ = execute_blocking(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
    }
}

/// `url` with its database name replaced.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

impl Spawner for ServerSpawner {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn describe(&self) -> String {
        format!("a scratch database on {}", redact(&self.admin_url))
    }

    fn spawn(&self) -> Spawning<'_> {
        Box::pin(async move {
            let name = format!("cstack_scratch_{}", unique_suffix());
            create(
                connect_postgres(&self.admin_url).await?,
                &format!("CREATE DATABASE \"{name}\" TEMPLATE template0"),
                "a scratch database",
            )
            .await?;
            Ok(Box::new(ServerScratch {
                url: with_database(&self.admin_url, &name),
                admin_url: self.admin_url.clone(),
                name,
            }) as Box<dyn Scratch>)
        })
    }
}

/// Throwaway schemas in one existing database, for roles that may not
/// create databases and for many cheap scratch spaces: each scratch is a
/// schema `cstack_scratch_...` reached through `search_path`. (Extensions
/// are database-wide, so schemas needing one must find it installed.)
pub struct SchemaSpawner {
    pub url: String,
}

struct SchemaScratch {
    admin_url: String,
    name: String,
    url: String,
}

impl Scratch for SchemaScratch {
    fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for SchemaScratch {
    fn drop(&mut self) {
        let _ = execute_blocking(
            &self.admin_url,
            &format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name),
        );
    }
}

/// `url` with its sessions' `search_path` set to `schema`.
pub fn with_search_path(url: &str, schema: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-c%20search_path%3D{schema}")
}

impl Spawner for SchemaSpawner {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn describe(&self) -> String {
        format!("a scratch schema in {}", redact(&self.url))
    }

    fn spawn(&self) -> Spawning<'_> {
        Box::pin(async move {
            let name = format!("cstack_scratch_{}", unique_suffix());
            create(
                connect_postgres(&self.url).await?,
                &format!("CREATE SCHEMA \"{name}\""),
                "a scratch schema",
            )
            .await?;
            Ok(Box::new(SchemaScratch {
                url: with_search_path(&self.url, &name),
                admin_url: self.url.clone(),
                name,
            }) as Box<dyn Scratch>)
        })
    }
}

/// A private cluster from the local PostgreSQL binaries, listening only on
/// a Unix socket in its own temporary directory, started on first use and
/// shared by every scratch database this spawner hands out (each one a
/// database in it). The cluster is copied from a template made once with
/// `initdb` and cached in the temporary directory, which makes a start take
/// a few hundred milliseconds. As root, the cluster runs as the `postgres`
/// system user (PostgreSQL refuses to run as root).
pub struct LocalClusterSpawner {
    pub bindir: PathBuf,
    cluster: std::sync::Mutex<Option<std::sync::Arc<LocalCluster>>>,
}

impl LocalClusterSpawner {
    pub fn new(bindir: PathBuf) -> Self {
        LocalClusterSpawner {
            bindir,
            cluster: std::sync::Mutex::new(None),
        }
    }

    /// The spawner when `initdb` and `pg_ctl` are installed.
    pub fn find() -> Option<LocalClusterSpawner> {
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Ok(output) = Command::new("pg_config").arg("--bindir").output()
            && output.status.success()
        {
            candidates.push(PathBuf::from(
                String::from_utf8_lossy(&output.stdout).trim(),
            ));
        }
        if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
            let mut versions: Vec<PathBuf> =
                entries.flatten().map(|e| e.path().join("bin")).collect();
            versions.sort();
            candidates.extend(versions.into_iter().rev());
        }
        candidates
            .into_iter()
            .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
            .map(LocalClusterSpawner::new)
    }

    fn cluster(&self) -> Result<std::sync::Arc<LocalCluster>, String> {
        let mut slot = self
            .cluster
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(cluster) = slot.as_ref() {
            return Ok(cluster.clone());
        }
        let cluster = std::sync::Arc::new(LocalCluster::start(&self.bindir)?);
        *slot = Some(cluster.clone());
        Ok(cluster)
    }
}

struct LocalCluster {
    dir: tempfile::TempDir,
    bindir: PathBuf,
    as_postgres: bool,
    /// `postgres://postgres@<socket dir>/`, without a database.
    base_url: String,
}

impl LocalCluster {
    fn start(bindir: &Path) -> Result<LocalCluster, String> {
        let as_postgres = is_root();
        let template = template_cluster(bindir, as_postgres)?;
        let dir = tempfile::Builder::new()
            .prefix("cstack-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        if as_postgres {
            chown_to_postgres(dir.path())?;
        }
        let data = dir.path().join("data");
        run(
            as_postgres,
            Path::new("cp"),
            &["-a", &template.to_string_lossy(), &data.to_string_lossy()],
        )?;
        let socket = dir.path().to_string_lossy().to_string();
        let options = format!(
            "-c listen_addresses='' -k {socket} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        );
        run(
            as_postgres,
            &bindir.join("pg_ctl"),
            &[
                "-D",
                &data.to_string_lossy(),
                "-o",
                &options,
                "-l",
                &dir.path().join("log").to_string_lossy(),
                "-w",
                "start",
            ],
        )?;
        let encoded: String = socket
            .bytes()
            .map(|b| match b {
                b if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' => {
                    (b as char).to_string()
                }
                b => format!("%{b:02X}"),
            })
            .collect();
        Ok(LocalCluster {
            base_url: format!("postgres://postgres@{encoded}/"),
            dir,
            bindir: bindir.to_path_buf(),
            as_postgres,
        })
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = run(
            self.as_postgres,
            &self.bindir.join("pg_ctl"),
            &[
                "-D",
                &data.to_string_lossy(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

/// An initdb'd data directory for `bindir`, made once and reused.
fn template_cluster(bindir: &Path, as_postgres: bool) -> Result<PathBuf, String> {
    let key: String = bindir
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let template = std::env::temp_dir().join(format!("cstack-pg-template{key}"));
    if template.join("PG_VERSION").is_file() {
        return Ok(template);
    }
    let staging = std::env::temp_dir().join(format!("cstack-pg-template{key}.{}", unique_suffix()));
    std::fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    if as_postgres {
        chown_to_postgres(&staging)?;
    }
    run(
        as_postgres,
        &bindir.join("initdb"),
        &[
            "-D",
            &staging.to_string_lossy(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
    )?;
    // Another process may have won the race; either copy is as good.
    if std::fs::rename(&staging, &template).is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    Ok(template)
}

fn chown_to_postgres(path: &Path) -> Result<(), String> {
    let status = Command::new("chown")
        .args(["postgres:", &path.to_string_lossy()])
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("cannot hand the scratch directory to the postgres user".into())
    }
}

struct ClusterDatabase {
    cluster: std::sync::Arc<LocalCluster>,
    name: String,
    url: String,
}

impl Scratch for ClusterDatabase {
    fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ClusterDatabase {
    fn drop(&mut self) {
        let _ = execute_blocking(
            &format!("{}postgres", self.cluster.base_url),
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn run(as_postgres: bool, program: &Path, args: &[&str]) -> Result<(), String> {
    let mut command = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    let output = command
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

impl Spawner for LocalClusterSpawner {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn describe(&self) -> String {
        format!("a private cluster from {}", self.bindir.display())
    }

    fn spawn(&self) -> Spawning<'_> {
        Box::pin(async move {
            let cluster = self.cluster()?;
            let name = format!("cstack_scratch_{}", unique_suffix());
            let admin = PgConnection::connect(&format!("{}postgres", cluster.base_url))
                .await
                .map_err(|e| format!("cannot connect to the local cluster: {}", pg_error(e)))?;
            create(
                admin,
                &format!("CREATE DATABASE \"{name}\" TEMPLATE template0"),
                "a scratch database",
            )
            .await?;
            Ok(Box::new(ClusterDatabase {
                url: format!("{}{name}", cluster.base_url),
                cluster,
                name,
            }) as Box<dyn Scratch>)
        })
    }
}

/// SQLite databases in memory, kept alive by a held connection and shared
/// by name with every connection the caller opens.
pub struct SqliteMemorySpawner;

struct SqliteMemory {
    url: String,
    _keep: rusqlite::Connection,
}

impl Scratch for SqliteMemory {
    fn url(&self) -> &str {
        &self.url
    }
}

impl Spawner for SqliteMemorySpawner {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn describe(&self) -> String {
        "an in-memory SQLite database".into()
    }

    fn spawn(&self) -> Spawning<'_> {
        let url = format!(
            "sqlite:file:cstack_scratch_{}?mode=memory&cache=shared",
            unique_suffix()
        );
        let spawned = open_sqlite(&url, Access::ReadWrite)
            .map(|keep| Box::new(SqliteMemory { url, _keep: keep }) as Box<dyn Scratch>);
        Box::pin(std::future::ready(spawned))
    }
}

/// Throwaway databases on a MySQL or MariaDB server, named
/// `cstack_scratch_...`, dropped when the scratch is.
pub struct MysqlServerSpawner {
    pub admin_url: String,
}

struct MysqlScratch {
    admin_url: String,
    name: String,
    url: String,
}

impl Scratch for MysqlScratch {
    fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for MysqlScratch {
    fn drop(&mut self) {
        let _ = execute_blocking(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS \"{}\"", self.name),
        );
    }
}

impl Spawner for MysqlServerSpawner {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    fn describe(&self) -> String {
        format!("a scratch database on {}", redact(&self.admin_url))
    }

    fn spawn(&self) -> Spawning<'_> {
        Box::pin(async move {
            let name = format!("cstack_scratch_{}", unique_suffix());
            let mut admin = Connection::open(&self.admin_url, Access::ReadWrite).await?;
            let created = admin
                .batch(&format!(
                    "CREATE DATABASE \"{name}\" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                ))
                .await;
            admin.close().await;
            created.map_err(|e| format!("cannot create a scratch database: {e}"))?;
            Ok(Box::new(MysqlScratch {
                url: with_database(&self.admin_url, &name),
                admin_url: self.admin_url.clone(),
                name,
            }) as Box<dyn Scratch>)
        })
    }
}

/// The scratch spawner for `dialect`: SQLite in memory; for PostgreSQL the
/// server named by `scratch_url` when given, else a local cluster when the
/// binaries exist, else `fallback_url`'s server; for MySQL the server named
/// by `scratch_url`, else `fallback_url`'s.
pub fn default_spawner(
    dialect: Dialect,
    scratch_url: Option<&str>,
    fallback_url: Option<&str>,
) -> Result<Box<dyn Spawner>, String> {
    match dialect {
        Dialect::Sqlite => Ok(Box::new(SqliteMemorySpawner)),
        Dialect::Mysql => match scratch_url.or(fallback_url) {
            Some(url) => Ok(Box::new(MysqlServerSpawner {
                admin_url: url.to_string(),
            })),
            None => Err(
                "no scratch MySQL server: pass --scratch-url (or set CSTACK_SCRATCH_DATABASE_URL)"
                    .into(),
            ),
        },
        Dialect::Postgres => {
            if let Some(url) = scratch_url {
                return Ok(Box::new(ServerSpawner {
                    admin_url: url.to_string(),
                }));
            }
            if let Some(local) = LocalClusterSpawner::find() {
                return Ok(Box::new(local));
            }
            match fallback_url {
                Some(url) => Ok(Box::new(ServerSpawner {
                    admin_url: url.to_string(),
                })),
                None => Err(
                    "no scratch PostgreSQL: pass --scratch-url (or set CSTACK_SCRATCH_DATABASE_URL) \
                     or install the PostgreSQL server binaries (initdb, pg_ctl)"
                        .into(),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_replaced_in_urls() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
