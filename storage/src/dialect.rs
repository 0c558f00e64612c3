//! The SQL dialects, and the lexical rules every SQL text we write follows.

/// A database backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Dialect {
    Postgres,
    Sqlite,
    /// MySQL 8 and MariaDB 10.6 or later, one dialect: every session runs
    /// in [`Dialect::session_setup`]'s modes.
    Mysql,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::Mysql];

    /// The folder name under `migrations/`, the `--backend` value and the
    /// Cargo feature of a generated crate.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
            Dialect::Mysql => "mysql",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        match name {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "sqlite" => Some(Dialect::Sqlite),
            "mysql" | "mariadb" => Some(Dialect::Mysql),
            _ => None,
        }
    }

    /// `name` as a quoted identifier in this dialect.
    pub fn quote_ident(self, name: &str) -> String {
        quote_ident(name)
    }

    /// `text` as a string literal in this dialect.
    pub fn quote_literal(self, text: &str) -> String {
        quote_literal(text)
    }

    /// What every connection runs before anything else. On MySQL the
    /// session reads identifiers in double quotes and string literals
    /// without backslash escapes, as the other dialects do, so one SQL text
    /// serves all three; refuses to truncate or guess instead of warning;
    /// and keeps timestamps in UTC.
    pub fn session_setup(self) -> &'static [&'static str] {
        match self {
            Dialect::Postgres | Dialect::Sqlite => &[],
            Dialect::Mysql => &[
                "SET SESSION sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES,\
                 STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,\
                 NO_ENGINE_SUBSTITUTION'",
                "SET SESSION time_zone = '+00:00'",
            ],
        }
    }

    /// The current time as a column default. On SQLite it is ISO-8601 UTC
    /// with exactly six fractional digits, the form the runtime writes, so
    /// text order is time order.
    pub fn now_expression(self) -> &'static str {
        match self {
            Dialect::Postgres => "now()",
            Dialect::Sqlite => "(strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')",
            // In the session's time zone, which `session_setup` makes UTC.
            Dialect::Mysql => "CURRENT_TIMESTAMP(6)",
        }
    }

    /// A random version-4 UUID as a column default; on SQLite in canonical
    /// lowercase text, which is how the runtime stores UUIDs there.
    pub fn uuid_expression(self) -> &'static str {
        match self {
            Dialect::Postgres => "gen_random_uuid()",
            Dialect::Sqlite => {
                "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || \
                 substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || \
                 substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
            }
            // Both servers' `uuid()` is canonical lowercase text (of
            // version 1: neither has a version-4 generator).
            Dialect::Mysql => "(uuid())",
        }
    }

    /// A random version-4 UUID in text form, for text columns the database
    /// fills (`@default(dbgenerated())` on a `String` or `Cuid` key).
    pub fn uuid_text_expression(self) -> &'static str {
        match self {
            Dialect::Postgres => "(gen_random_uuid())::text",
            Dialect::Sqlite | Dialect::Mysql => self.uuid_expression(),
        }
    }
}

/// `name` as a double-quoted identifier, which every supported dialect
/// reads the same way (MySQL in the `ANSI_QUOTES` mode its sessions set),
/// so reserved words (`order`, `end`) are safe as names.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a single-quoted string literal, in every supported dialect
/// (MySQL in the `NO_BACKSLASH_ESCAPES` mode its sessions set).
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn quotes_are_doubled() {
        for dialect in Dialect::ALL {
            assert_eq!(dialect.quote_ident("a\"b"), "\"a\"\"b\"");
            assert_eq!(dialect.quote_literal("it's"), "'it''s'");
        }
    }

    #[test]
    fn names_round_trip() {
        for dialect in Dialect::ALL {
            assert_eq!(Dialect::from_name(dialect.name()), Some(dialect));
        }
        assert_eq!(Dialect::from_name("postgresql"), Some(Dialect::Postgres));
        assert_eq!(Dialect::from_name("mariadb"), Some(Dialect::Mysql));
        assert_eq!(Dialect::from_name("oracle"), None);
    }
}
