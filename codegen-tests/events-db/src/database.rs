//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The postgres migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const POSTGRES_MIGRATIONS: &[::cstack_runtime::Migration] = &[
    ::cstack_runtime::Migration::new(
        "00000000000000_initial",
        "cb84ab1829e19c455dd95ccb18c19138bb5aae36bb251c0360f6aeae43201da3",
        &[::cstack_runtime::MigrationStep::new(
            true,
            &[r#"CREATE TABLE "articles" (
  "id" bigint NOT NULL,
  "title" text NOT NULL,
  "author_email" text NOT NULL,
  "note" text,
  "views" bigint NOT NULL DEFAULT 0,
  CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "comments" (
  "id" bigint NOT NULL,
  "body" text NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ledgers" (
  "id" bigint NOT NULL,
  "owner" text NOT NULL,
  "balance" bigint NOT NULL,
  "revision" bigint NOT NULL DEFAULT 0,
  "deleted_at" timestamp with time zone,
  CONSTRAINT "ledgers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "plains" (
  "id" bigint NOT NULL,
  "label" text NOT NULL,
  CONSTRAINT "plains_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cratestack_audit" (
  "event_id" uuid NOT NULL,
  "schema_name" text NOT NULL,
  "model" text NOT NULL,
  "operation" text NOT NULL,
  "primary_key" jsonb NOT NULL,
  "actor" jsonb,
  "tenant" text,
  "before" jsonb,
  "after" jsonb,
  "request_id" text,
  "occurred_at" timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "cratestack_audit_pkey" PRIMARY KEY ("event_id")
);

CREATE TABLE "cratestack_event_outbox" (
  "event_id" uuid NOT NULL,
  "model" text NOT NULL,
  "operation" text NOT NULL,
  "payload" jsonb NOT NULL,
  "occurred_at" timestamp with time zone NOT NULL DEFAULT now(),
  "delivered_at" timestamp with time zone,
  "attempts" bigint NOT NULL DEFAULT 0,
  "last_error" text,
  CONSTRAINT "cratestack_event_outbox_pkey" PRIMARY KEY ("event_id")
);

CREATE INDEX "cratestack_audit_model_occurred_at_idx" ON "cratestack_audit" ("model", "occurred_at");

CREATE INDEX "cratestack_event_outbox_delivered_at_idx" ON "cratestack_event_outbox" ("delivered_at");"#],
        )],
    ),
];

/// The mysql migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const MYSQL_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "30583ca73ce80ac45d64e795687d194ee627245ad579560b4195201b7ba394ae",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "articles" (
  "id" bigint NOT NULL,
  "title" longtext NOT NULL,
  "author_email" longtext NOT NULL,
  "note" longtext,
  "views" bigint NOT NULL DEFAULT 0,
  CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "comments" (
  "id" bigint NOT NULL,
  "body" longtext NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "ledgers" (
  "id" bigint NOT NULL,
  "owner" longtext NOT NULL,
  "balance" bigint NOT NULL,
  "revision" bigint NOT NULL DEFAULT 0,
  "deleted_at" datetime(6),
  CONSTRAINT "ledgers_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "plains" (
  "id" bigint NOT NULL,
  "label" longtext NOT NULL,
  CONSTRAINT "plains_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "cratestack_audit" (
  "event_id" char(36) NOT NULL,
  "schema_name" longtext NOT NULL,
  "model" varchar(255) NOT NULL,
  "operation" longtext NOT NULL,
  "primary_key" json NOT NULL,
  "actor" json,
  "tenant" longtext,
  "before" json,
  "after" json,
  "request_id" longtext,
  "occurred_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT "cratestack_audit_pkey" PRIMARY KEY ("event_id"),
  INDEX "cratestack_audit_model_occurred_at_idx" ("model", "occurred_at")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "cratestack_event_outbox" (
  "event_id" char(36) NOT NULL,
  "model" longtext NOT NULL,
  "operation" longtext NOT NULL,
  "payload" json NOT NULL,
  "occurred_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  "delivered_at" datetime(6),
  "attempts" bigint NOT NULL DEFAULT 0,
  "last_error" longtext,
  CONSTRAINT "cratestack_event_outbox_pkey" PRIMARY KEY ("event_id"),
  INDEX "cratestack_event_outbox_delivered_at_idx" ("delivered_at")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;"#],
    )],
)];

/// The sqlite migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const SQLITE_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "2c01d4685ffa8d13ee8437ee43ef32b9146a9678e9f4f232a3a32d41e1e3abd3",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "articles" (
  "id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "author_email" TEXT NOT NULL,
  "note" TEXT,
  "views" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "comments" (
  "id" INTEGER NOT NULL,
  "body" TEXT NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ledgers" (
  "id" INTEGER NOT NULL,
  "owner" TEXT NOT NULL,
  "balance" INTEGER NOT NULL,
  "revision" INTEGER NOT NULL DEFAULT 0,
  "deleted_at" TEXT,
  CONSTRAINT "ledgers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "plains" (
  "id" INTEGER NOT NULL,
  "label" TEXT NOT NULL,
  CONSTRAINT "plains_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cratestack_audit" (
  "event_id" TEXT NOT NULL,
  "schema_name" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  "primary_key" TEXT NOT NULL,
  "actor" TEXT,
  "tenant" TEXT,
  "before" TEXT,
  "after" TEXT,
  "request_id" TEXT,
  "occurred_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  CONSTRAINT "cratestack_audit_pkey" PRIMARY KEY ("event_id")
);

CREATE TABLE "cratestack_event_outbox" (
  "event_id" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  "payload" TEXT NOT NULL,
  "occurred_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "delivered_at" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT,
  CONSTRAINT "cratestack_event_outbox_pkey" PRIMARY KEY ("event_id")
);

CREATE INDEX "cratestack_audit_model_occurred_at_idx" ON "cratestack_audit" ("model", "occurred_at");

CREATE INDEX "cratestack_event_outbox_delivered_at_idx" ON "cratestack_event_outbox" ("delivered_at");"#],
    )],
)];

/// The database handle. Cheap to clone; clones share connections.
#[derive(Clone)]
pub struct Db {
    handle: ::cstack_runtime::Handle,
}

impl Db {
    /// Connects to PostgreSQL. Apply migrations with `cstackc migrate` or [`Db::migrate_postgres`].
    #[cfg(feature = "postgres")]
    pub async fn connect_postgres(url: &str) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            handle: ::cstack_runtime::Handle::connect_postgres(url).await?,
        })
    }
    /// Wraps an existing pool.
    #[cfg(feature = "postgres")]
    pub fn from_pool(pool: ::cstack_runtime::sqlx_postgres::PgPool) -> Self {
        Self {
            handle: ::cstack_runtime::Handle::postgres(pool),
        }
    }
    /// Applies the PostgreSQL migrations not yet applied.
    #[cfg(feature = "postgres")]
    pub async fn migrate_postgres(&self) -> ::cstack_runtime::Result<()> {
        self.handle.apply_migrations(POSTGRES_MIGRATIONS).await
    }
    /// Connects to MySQL or MariaDB (`mysql://user@host/database`). Apply migrations with `cstackc migrate` or [`Db::migrate_mysql`].
    #[cfg(feature = "mysql")]
    pub async fn connect_mysql(url: &str) -> ::cstack_runtime::Result<Self> {
        Ok(Self {
            handle: ::cstack_runtime::Handle::connect_mysql(url).await?,
        })
    }
    /// Wraps an existing MySQL pool (its connections must run the session setup `Handle::connect_mysql` gives them).
    #[cfg(feature = "mysql")]
    pub fn from_mysql_pool(pool: ::cstack_runtime::sqlx_mysql::MySqlPool) -> Self {
        Self {
            handle: ::cstack_runtime::Handle::mysql(pool),
        }
    }
    /// Applies the MySQL migrations not yet applied, each DDL statement its own recorded step.
    #[cfg(feature = "mysql")]
    pub async fn migrate_mysql(&self) -> ::cstack_runtime::Result<()> {
        self.handle.apply_migrations(MYSQL_MIGRATIONS).await
    }
    /// Opens (creating if needed) an SQLite database file and applies the schema's migrations.
    #[cfg(feature = "sqlite")]
    pub async fn open_sqlite(
        path: impl AsRef<::std::path::Path>,
    ) -> ::cstack_runtime::Result<Self> {
        let handle = ::cstack_runtime::Handle::open_sqlite(path)?;
        handle.apply_migrations(SQLITE_MIGRATIONS).await?;
        Ok(Self { handle })
    }
    /// A private in-memory SQLite database with the schema applied.
    #[cfg(feature = "sqlite")]
    pub async fn open_sqlite_memory() -> ::cstack_runtime::Result<Self> {
        let handle = ::cstack_runtime::Handle::open_sqlite_memory()?;
        handle.apply_migrations(SQLITE_MIGRATIONS).await?;
        Ok(Self { handle })
    }
    /// Wraps a runtime handle.
    pub fn from_handle(handle: ::cstack_runtime::Handle) -> Self {
        Self { handle }
    }
    /// The runtime handle.
    pub fn handle(&self) -> &::cstack_runtime::Handle {
        &self.handle
    }
    /// How many statements this handle and its clones have sent.
    pub fn statement_count(&self) -> u64 {
        self.handle.statement_count()
    }
    /// Runs `body` in a transaction: committed on `Ok`, rolled back on `Err`. `body` gets a `Db` on the transaction.
    pub async fn transaction<T, F, Fut>(&self, body: F) -> ::cstack_runtime::Result<T>
    where
        F: FnOnce(Db) -> Fut,
        Fut: ::std::future::Future<Output = ::cstack_runtime::Result<T>>,
    {
        self.handle.transaction(|handle| body(Db { handle })).await
    }
    /// The same database acting in `context`: who `auth()` is and whether `isSystem()` holds, for policies and `@default(auth().x)`.
    pub fn with_context(&self, context: ::cstack_runtime::Context) -> Self {
        Self {
            handle: self.handle.with_context(context),
        }
    }
    /// The context this handle acts in.
    pub fn context(&self) -> &::cstack_runtime::Context {
        self.handle.context()
    }
    /// The same database acting for `auth` (what `@default(auth().x)` reads).
    pub fn with_auth(&self, auth: crate::types::Editor) -> Self {
        self.with_context(::cstack_runtime::Context::authenticated(auth))
    }
    /// Registers `sink`: after each commit it gets the transaction's `@@audit` records (never for a rollback).
    pub fn with_audit_sink(self, sink: impl ::cstack_runtime::AuditSink) -> Self {
        Self {
            handle: self.handle.with_audit_sink(sink),
        }
    }
    /// Delivers the `@@emit` events committed but not yet delivered (after a crash, or before anyone subscribed) to the subscribers present now, oldest first; returns how many. Call it once subscribers are in place.
    pub async fn deliver_pending(&self) -> ::cstack_runtime::Result<u64> {
        self.handle.deliver_pending().await
    }
    /// The `Article` delegate.
    pub fn article(&self) -> ::cstack_runtime::Delegate<'_, crate::article::Article> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Comment` delegate.
    pub fn comment(&self) -> ::cstack_runtime::Delegate<'_, crate::comment::Comment> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Ledger` delegate.
    pub fn ledger(&self) -> ::cstack_runtime::Delegate<'_, crate::ledger::Ledger> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Plain` delegate.
    pub fn plain(&self) -> ::cstack_runtime::Delegate<'_, crate::plain::Plain> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
}
