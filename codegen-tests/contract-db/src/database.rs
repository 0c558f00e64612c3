//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The postgres migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const POSTGRES_MIGRATIONS: &[::cstack_runtime::Migration] = &[
    ::cstack_runtime::Migration::new(
        "00000000000000_initial",
        "d035f48f27f645cef62a8a26689146ad16bb82f3a739f8119322e5ca1f0db16e",
        &[::cstack_runtime::MigrationStep::new(
            true,
            &[r#"CREATE TYPE "mood" AS ENUM ('Calm', 'Stormy');

CREATE TABLE "samples" (
  "id" bigint NOT NULL,
  "text" text NOT NULL,
  "cuid" text NOT NULL,
  "count" bigint NOT NULL,
  "ratio" double precision NOT NULL,
  "flag" boolean NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "amount" numeric NOT NULL,
  "doc" jsonb NOT NULL,
  "blob" bytea NOT NULL,
  "uid" uuid NOT NULL,
  "mood" "mood" NOT NULL,
  "maybe_text" text,
  "maybe_cuid" text,
  "maybe_count" bigint,
  "maybe_ratio" double precision,
  "maybe_flag" boolean,
  "maybe_at" timestamp with time zone,
  "maybe_amount" numeric,
  "maybe_doc" jsonb,
  "maybe_blob" bytea,
  "maybe_uid" uuid,
  "maybe_mood" "mood",
  CONSTRAINT "samples_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "customer_account_reconciliation_statement_line_item_ad_2063d705" (
  "id" bigint NOT NULL,
  "reconciliation_statement_line_item_adjustment_history__d5443d42" text NOT NULL,
  "amount" numeric NOT NULL,
  CONSTRAINT "customer_account_reconciliation_statement_line_item_ad_40b2c99a" PRIMARY KEY ("id")
);

CREATE TABLE "tickets" (
  "code" text NOT NULL DEFAULT (gen_random_uuid())::text,
  "opened_at" timestamp with time zone NOT NULL DEFAULT now(),
  "ref" uuid NOT NULL DEFAULT gen_random_uuid(),
  "title" text NOT NULL,
  CONSTRAINT "tickets_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "posts" (
  "id" bigint NOT NULL,
  "title" text NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "post_events" (
  "id" bigint NOT NULL,
  "post_id" bigint NOT NULL,
  "note" text NOT NULL,
  CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
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

CREATE INDEX "cratestack_event_outbox_delivered_at_idx" ON "cratestack_event_outbox" ("delivered_at");"#],
        )],
    ),
];

/// The mysql migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const MYSQL_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "09f8c09e6c26b35711ceb30fcacfb22787eb13ff5738824e25878bf1abe94c00",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "samples" (
  "id" bigint NOT NULL,
  "text" longtext NOT NULL,
  "cuid" longtext NOT NULL,
  "count" bigint NOT NULL,
  "ratio" double NOT NULL,
  "flag" tinyint(1) NOT NULL,
  "at" datetime(6) NOT NULL,
  "amount" decimal(65,30) NOT NULL,
  "doc" json NOT NULL,
  "blob" longblob NOT NULL,
  "uid" char(36) NOT NULL,
  "mood" varchar(255) NOT NULL,
  "maybe_text" longtext,
  "maybe_cuid" longtext,
  "maybe_count" bigint,
  "maybe_ratio" double,
  "maybe_flag" tinyint(1),
  "maybe_at" datetime(6),
  "maybe_amount" decimal(65,30),
  "maybe_doc" json,
  "maybe_blob" longblob,
  "maybe_uid" char(36),
  "maybe_mood" varchar(255),
  CONSTRAINT "samples_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "samples_mood_enum_check" CHECK ("mood" IN ('Calm', 'Stormy')),
  CONSTRAINT "samples_maybe_mood_enum_check" CHECK ("maybe_mood" IN ('Calm', 'Stormy'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "customer_account_reconciliation_statement_line_item_ad_2063d705" (
  "id" bigint NOT NULL,
  "reconciliation_statement_line_item_adjustment_history__d5443d42" longtext NOT NULL,
  "amount" decimal(65,30) NOT NULL,
  CONSTRAINT "customer_account_reconciliation_statement_line_item_ad_40b2c99a" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "tickets" (
  "code" varchar(255) NOT NULL DEFAULT (uuid()),
  "opened_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  "ref" char(36) NOT NULL DEFAULT (uuid()),
  "title" longtext NOT NULL,
  CONSTRAINT "tickets_pkey" PRIMARY KEY ("code")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "posts" (
  "id" bigint NOT NULL,
  "title" longtext NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "post_events" (
  "id" bigint NOT NULL,
  "post_id" bigint NOT NULL,
  "note" longtext NOT NULL,
  CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
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
    "6d30afcbeb438d34f1a43a89e79dafe5d28056711abedd629454ca1367609fe0",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "samples" (
  "id" INTEGER NOT NULL,
  "text" TEXT NOT NULL,
  "cuid" TEXT NOT NULL,
  "count" INTEGER NOT NULL,
  "ratio" REAL NOT NULL,
  "flag" INTEGER NOT NULL,
  "at" TEXT NOT NULL,
  "amount" TEXT NOT NULL,
  "doc" TEXT NOT NULL,
  "blob" BLOB NOT NULL,
  "uid" TEXT NOT NULL,
  "mood" TEXT NOT NULL,
  "maybe_text" TEXT,
  "maybe_cuid" TEXT,
  "maybe_count" INTEGER,
  "maybe_ratio" REAL,
  "maybe_flag" INTEGER,
  "maybe_at" TEXT,
  "maybe_amount" TEXT,
  "maybe_doc" TEXT,
  "maybe_blob" BLOB,
  "maybe_uid" TEXT,
  "maybe_mood" TEXT,
  CONSTRAINT "samples_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "samples_flag_bool_check" CHECK ("flag" IN (0, 1)),
  CONSTRAINT "samples_doc_json_check" CHECK (json_valid("doc")),
  CONSTRAINT "samples_mood_enum_check" CHECK ("mood" IN ('Calm', 'Stormy')),
  CONSTRAINT "samples_maybe_flag_bool_check" CHECK ("maybe_flag" IN (0, 1)),
  CONSTRAINT "samples_maybe_doc_json_check" CHECK (json_valid("maybe_doc")),
  CONSTRAINT "samples_maybe_mood_enum_check" CHECK ("maybe_mood" IN ('Calm', 'Stormy'))
);

CREATE TABLE "customer_account_reconciliation_statement_line_item_ad_2063d705" (
  "id" INTEGER NOT NULL,
  "reconciliation_statement_line_item_adjustment_history__d5443d42" TEXT NOT NULL,
  "amount" TEXT NOT NULL,
  CONSTRAINT "customer_account_reconciliation_statement_line_item_ad_40b2c99a" PRIMARY KEY ("id")
);

CREATE TABLE "tickets" (
  "code" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
  "opened_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "ref" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
  "title" TEXT NOT NULL,
  CONSTRAINT "tickets_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "posts" (
  "id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "post_events" (
  "id" INTEGER NOT NULL,
  "post_id" INTEGER NOT NULL,
  "note" TEXT NOT NULL,
  CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
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
    /// Delivers the `@@emit` events committed but not yet delivered (after a crash, or before anyone subscribed) to the subscribers present now, oldest first; returns how many. Call it once subscribers are in place.
    pub async fn deliver_pending(&self) -> ::cstack_runtime::Result<u64> {
        self.handle.deliver_pending().await
    }
    /// The `Sample` delegate.
    pub fn sample(&self) -> ::cstack_runtime::Delegate<'_, crate::sample::Sample> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord` delegate.
    pub fn customer_account_reconciliation_statement_line_item_adjustment_history_entry_record(
        &self,
    ) -> ::cstack_runtime::Delegate<
        '_,
        crate::customer_account_reconciliation_statement_line_item_adjustment_history_entry_record::CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord,
    >{
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Ticket` delegate.
    pub fn ticket(&self) -> ::cstack_runtime::Delegate<'_, crate::ticket::Ticket> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Post` delegate.
    pub fn post(&self) -> ::cstack_runtime::Delegate<'_, crate::post::Post> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `PostEvent` delegate.
    pub fn post_event(&self) -> ::cstack_runtime::Delegate<'_, crate::post_event::PostEvent> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
}
