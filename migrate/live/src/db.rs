//! Database connections for both backends, from a URL: `postgres://...` /
//! `postgresql://...`, or `sqlite://PATH` (`sqlite::memory:` for a private
//! in-memory database).

use cstack_migrate::Dialect;

pub enum Connection {
    Postgres(Box<postgres::Client>),
    Sqlite(rusqlite::Connection),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Opened so that nothing can be written: `query_only` and a read-only
    /// file handle on SQLite; read-only transactions on PostgreSQL.
    ReadOnly,
}

pub fn dialect_of(url: &str) -> Result<Dialect, String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Dialect::Postgres)
    } else if url.starts_with("sqlite:") {
        Ok(Dialect::Sqlite)
    } else {
        Err(format!(
            "unsupported database URL `{}`: expected postgres://... or sqlite://PATH",
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
    pub fn open(url: &str, access: Access) -> Result<Connection, String> {
        match dialect_of(url)? {
            Dialect::Postgres => postgres::Client::connect(url, postgres::NoTls)
                .map(|c| Connection::Postgres(Box::new(c)))
                .map_err(|e| format!("cannot connect to {}: {e}", redact(url))),
            Dialect::Sqlite => {
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
                Ok(Connection::Sqlite(conn))
            }
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Connection::Postgres(_) => Dialect::Postgres,
            Connection::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Runs a script of statements (simple protocol on PostgreSQL, so
    /// dollar-quoted bodies work).
    pub fn batch(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Connection::Postgres(c) => c.batch_execute(sql).map_err(pg_error),
            Connection::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
        }
    }
}

/// A PostgreSQL error with its server message, detail and hint.
pub fn pg_error(error: postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => {
            let mut text = format!("{}: {}", db.severity(), db.message());
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!(" hint: {hint}"));
            }
            text
        }
        None => error.to_string(),
    }
}
