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
}

impl Dialect {
    pub const ALL: [Dialect; 2] = [Dialect::Postgres, Dialect::Sqlite];

    /// The folder name under `migrations/`, the `--backend` value and the
    /// Cargo feature of a generated crate.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        match name {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "sqlite" => Some(Dialect::Sqlite),
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

    /// The current time as a column default. On SQLite it is ISO-8601 UTC
    /// with exactly six fractional digits, the form the runtime writes, so
    /// text order is time order.
    pub fn now_expression(self) -> &'static str {
        match self {
            Dialect::Postgres => "now()",
            Dialect::Sqlite => "(strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')",
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
        }
    }

    /// A random version-4 UUID in text form, for text columns the database
    /// fills (`@default(dbgenerated())` on a `String` or `Cuid` key).
    pub fn uuid_text_expression(self) -> &'static str {
        match self {
            Dialect::Postgres => "(gen_random_uuid())::text",
            Dialect::Sqlite => self.uuid_expression(),
        }
    }
}

/// `name` as a double-quoted identifier, which every supported dialect
/// reads the same way, so reserved words (`order`, `end`) are safe as names.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a single-quoted string literal, in every supported dialect.
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
        assert_eq!(Dialect::from_name("oracle"), None);
    }
}
