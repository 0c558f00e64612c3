//! Database connections for every backend, from a URL: `postgres://...` /
//! `postgresql://...`, `mysql://...` / `mariadb://...`, or `sqlite://PATH`
//! (`sqlite::memory:` for a private in-memory database). PostgreSQL and
//! MySQL go through sqlx, the client the runtime links (MySQL sessions in
//! the storage contract's modes); SQLite through rusqlite, as in the
//! runtime. Also how a server error reads in messages ([`pg_error`],
//! [`mysql_error`]).

use cstack_migrate::Dialect;
use sqlx_core::connection::Connection as _;
use sqlx_core::executor::Executor;
use sqlx_mysql::{MySqlConnectOptions, MySqlConnection, MySqlDatabaseError};
use sqlx_postgres::{PgConnection, PgDatabaseError, PgSeverity};

pub enum Connection {
    Postgres(Box<PgConnection>),
    Sqlite(rusqlite::Connection),
    Mysql(Box<MySqlConnection>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Opened so that nothing can be written: `query_only` and a read-only
    /// file handle on SQLite; read-only transactions on PostgreSQL and
    /// MySQL.
    ReadOnly,
}

pub fn dialect_of(url: &str) -> Result<Dialect, String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Dialect::Postgres)
    } else if url.starts_with("sqlite:") {
        Ok(Dialect::Sqlite)
    } else if url.starts_with("mysql://") || url.starts_with("mariadb://") {
        Ok(Dialect::Mysql)
    } else {
        Err(format!(
            "unsupported database URL `{}`: expected postgres://..., mysql://... or sqlite://PATH",
            redact(url)
        ))
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub fn sqlite_path(url: &str) -> Option<&str> {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
}

impl Connection {
    pub async fn open(url: &str, access: Access) -> Result<Connection, String> {
        match dialect_of(url)? {
            Dialect::Postgres => Ok(Connection::Postgres(Box::new(connect_postgres(url).await?))),
            Dialect::Sqlite => open_sqlite(url, access).map(Connection::Sqlite),
            Dialect::Mysql => {
                let mut conn = connect_mysql(url).await?;
                if access == Access::ReadOnly {
                    execute_mysql(&mut conn, "SET SESSION TRANSACTION READ ONLY").await?;
                }
                Ok(Connection::Mysql(Box::new(conn)))
            }
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Connection::Postgres(_) => Dialect::Postgres,
            Connection::Sqlite(_) => Dialect::Sqlite,
            Connection::Mysql(_) => Dialect::Mysql,
        }
    }

    /// Runs a script of statements (simple protocol on PostgreSQL, so
    /// dollar-quoted bodies work).
    pub async fn batch(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Connection::Postgres(c) => execute_script(c, sql).await,
            Connection::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Connection::Mysql(c) => execute_mysql(c, sql).await,
        }
    }

    /// Closes the connection (on PostgreSQL, saying goodbye to the server
    /// rather than dropping the socket).
    pub async fn close(self) {
        match self {
            Connection::Postgres(c) => {
                let _ = c.close().await;
            }
            Connection::Mysql(c) => {
                let _ = c.close().await;
            }
            Connection::Sqlite(_) => {}
        }
    }
}

/// A PostgreSQL connection, with the URL (password redacted) in the error.
pub async fn connect_postgres(url: &str) -> Result<PgConnection, String> {
    PgConnection::connect(url)
        .await
        .map_err(|e| format!("cannot connect to {}: {}", redact(url), pg_error(e)))
}

/// Runs a script of statements with the simple query protocol.
pub async fn execute_script(conn: &mut PgConnection, sql: &str) -> Result<(), String> {
    // Through the `Executor` method, whose future is boxed and `Send`.
    Executor::execute(conn, sqlx_core::raw_sql::raw_sql(sql))
        .await
        .map(drop)
        .map_err(pg_error)
}

/// A MySQL or MariaDB connection in the session modes the storage contract
/// names, with the URL (password redacted) in the error.
pub async fn connect_mysql(url: &str) -> Result<MySqlConnection, String> {
    let cannot = |e: String| format!("cannot connect to {}: {e}", redact(url));
    let url = mysql_scheme(url);
    let options: MySqlConnectOptions = url.parse().map_err(|e| cannot(mysql_error(e)))?;
    let mut conn = MySqlConnection::connect_with(&options)
        .await
        .map_err(|e| cannot(mysql_error(e)))?;
    for statement in Dialect::Mysql.session_setup() {
        execute_mysql(&mut conn, statement).await.map_err(cannot)?;
    }
    Ok(conn)
}

/// `url` under the scheme sqlx reads, `mysql://` (MariaDB speaks the same
/// protocol).
pub fn mysql_scheme(url: &str) -> String {
    match url.strip_prefix("mariadb://") {
        Some(rest) => format!("mysql://{rest}"),
        None => url.to_string(),
    }
}

/// Runs a script of statements on MySQL (sent as one text query, which
/// the server splits).
pub async fn execute_mysql(conn: &mut MySqlConnection, sql: &str) -> Result<(), String> {
    // The server refuses an empty query; an empty script does nothing.
    if sql.trim().is_empty() {
        return Ok(());
    }
    Executor::execute(conn, sqlx_core::raw_sql::raw_sql(sql))
        .await
        .map(drop)
        .map_err(mysql_error)
}

/// A MySQL error with the server's error number and SQLSTATE.
pub fn mysql_error(error: sqlx_core::Error) -> String {
    if let sqlx_core::Error::Database(db) = &error
        && let Some(my) = db.try_downcast_ref::<MySqlDatabaseError>()
    {
        return match my.code() {
            Some(state) => format!("ERROR {} ({state}): {}", my.number(), my.message()),
            None => format!("ERROR {}: {}", my.number(), my.message()),
        };
    }
    error.to_string()
}

/// Runs `sql` on a new connection to `url` and waits for it, from code that
/// cannot await (a `Drop`). It runs on a thread of its own with its own
/// runtime, so it works inside an async runtime and outside one alike.
pub fn execute_blocking(url: &str, sql: &str) -> Result<(), String> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot start a runtime: {e}"))?;
                runtime.block_on(async {
                    let mut conn = Connection::open(url, Access::ReadWrite).await?;
                    let result = conn.batch(sql).await;
                    conn.close().await;
                    result
                })
            })
            .join()
            .unwrap_or_else(|_| Err(format!("running `{sql}` panicked")))
    })
}

/// A SQLite connection; with [`Access::ReadOnly`], a read-only handle with
/// `query_only` set, on a file that must exist.
pub(crate) fn open_sqlite(url: &str, access: Access) -> Result<rusqlite::Connection, String> {
    let path = sqlite_path(url).unwrap_or_default();
    let conn = if path == ":memory:" || path.is_empty() {
        rusqlite::Connection::open_in_memory()
    } else {
        let flags = match access {
            Access::ReadWrite => rusqlite::OpenFlags::default(),
            Access::ReadOnly => {
                let is_uri = path.starts_with("file:");
                if !is_uri && !std::path::Path::new(path).exists() {
                    return Err(format!("SQLite database {path} does not exist"));
                }
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_URI
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        rusqlite::Connection::open_with_flags(path, flags)
    }
    .map_err(|e| format!("cannot open SQLite database {path}: {e}"))?;
    if access == Access::ReadOnly {
        conn.pragma_update(None, "query_only", true)
            .map_err(|e| e.to_string())?;
    }
    Ok(conn)
}

/// A PostgreSQL error with its server severity, message, detail and hint.
pub fn pg_error(error: sqlx_core::Error) -> String {
    if let sqlx_core::Error::Database(db) = &error
        && let Some(pg) = db.try_downcast_ref::<PgDatabaseError>()
    {
        let mut text = format!("{}: {}", severity(pg.severity()), pg.message());
        if let Some(detail) = pg.detail() {
            text.push_str(&format!(" ({detail})"));
        }
        if let Some(hint) = pg.hint() {
            text.push_str(&format!(" hint: {hint}"));
        }
        return text;
    }
    error.to_string()
}

/// The severity as the server spells it.
fn severity(severity: PgSeverity) -> &'static str {
    match severity {
        PgSeverity::Panic => "PANIC",
        PgSeverity::Fatal => "FATAL",
        PgSeverity::Error => "ERROR",
        PgSeverity::Warning => "WARNING",
        PgSeverity::Notice => "NOTICE",
        PgSeverity::Debug => "DEBUG",
        PgSeverity::Info => "INFO",
        PgSeverity::Log => "LOG",
    }
}
