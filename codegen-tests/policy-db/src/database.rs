//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The postgres migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const POSTGRES_MIGRATIONS: &[::cstack_runtime::Migration] = &[
    ::cstack_runtime::Migration::new(
        "00000000000000_initial",
        "08fad6476236504048f8a61ff1dbeefec3f2c299d127733a2ae3fd15f1563920",
        &[::cstack_runtime::MigrationStep::new(
            true,
            &[
                r#"CREATE TYPE "visibility" AS ENUM ('Public', 'Internal', 'Secret');

CREATE TABLE "teams" (
  "id" bigint NOT NULL,
  "name" text NOT NULL,
  "tenant_id" text NOT NULL,
  CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "docs" (
  "id" bigint NOT NULL,
  "title" text NOT NULL,
  "owner_id" bigint NOT NULL,
  "team_id" bigint NOT NULL,
  "visibility" "visibility" NOT NULL,
  "score" bigint NOT NULL,
  "archived" boolean NOT NULL,
  "reviewer" bigint,
  CONSTRAINT "docs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "comments" (
  "id" bigint NOT NULL,
  "doc_id" bigint NOT NULL,
  "flagged" boolean NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "plain_docs" (
  "id" bigint NOT NULL,
  "title" text NOT NULL,
  "owner_id" bigint NOT NULL,
  "team_id" bigint NOT NULL,
  "visibility" "visibility" NOT NULL,
  "score" bigint NOT NULL,
  "archived" boolean NOT NULL,
  "reviewer" bigint,
  CONSTRAINT "plain_docs_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "docs" ADD CONSTRAINT "docs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id");

ALTER TABLE "comments" ADD CONSTRAINT "comments_doc_id_fkey" FOREIGN KEY ("doc_id") REFERENCES "docs" ("id") ON DELETE CASCADE;

CREATE INDEX "docs_team_id_idx" ON "docs" ("team_id");

CREATE INDEX "comments_doc_id_idx" ON "comments" ("doc_id");

CREATE VIEW "owned_docs" AS
SELECT id, title, owner_id, score
    FROM docs;"#,
            ],
        )],
    ),
];

/// The mysql migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const MYSQL_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "ee3096760d9d2b531b1d5ef6d40d047e476858ce08c3a4a70c15287e1b8b36e4",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "teams" (
  "id" bigint NOT NULL,
  "name" longtext NOT NULL,
  "tenant_id" longtext NOT NULL,
  CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "docs" (
  "id" bigint NOT NULL,
  "title" longtext NOT NULL,
  "owner_id" bigint NOT NULL,
  "team_id" bigint NOT NULL,
  "visibility" varchar(255) NOT NULL,
  "score" bigint NOT NULL,
  "archived" tinyint(1) NOT NULL,
  "reviewer" bigint,
  CONSTRAINT "docs_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "docs_visibility_enum_check" CHECK ("visibility" IN ('Public', 'Internal', 'Secret')),
  INDEX "docs_team_id_idx" ("team_id"),
  CONSTRAINT "docs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "comments" (
  "id" bigint NOT NULL,
  "doc_id" bigint NOT NULL,
  "flagged" tinyint(1) NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id"),
  INDEX "comments_doc_id_idx" ("doc_id"),
  CONSTRAINT "comments_doc_id_fkey" FOREIGN KEY ("doc_id") REFERENCES "docs" ("id") ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "plain_docs" (
  "id" bigint NOT NULL,
  "title" longtext NOT NULL,
  "owner_id" bigint NOT NULL,
  "team_id" bigint NOT NULL,
  "visibility" varchar(255) NOT NULL,
  "score" bigint NOT NULL,
  "archived" tinyint(1) NOT NULL,
  "reviewer" bigint,
  CONSTRAINT "plain_docs_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "plain_docs_visibility_enum_check" CHECK ("visibility" IN ('Public', 'Internal', 'Secret'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE VIEW "owned_docs" AS
SELECT id, title, owner_id, score
    FROM docs;"#],
    )],
)];

/// The sqlite migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const SQLITE_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "0553c7ee90e85aa4227470888b084f8e3f85eaec30616ae14b7ef8718f6fdf8b",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "teams" (
  "id" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "tenant_id" TEXT NOT NULL,
  CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "docs" (
  "id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "owner_id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  "visibility" TEXT NOT NULL,
  "score" INTEGER NOT NULL,
  "archived" INTEGER NOT NULL,
  "reviewer" INTEGER,
  CONSTRAINT "docs_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "docs_visibility_enum_check" CHECK ("visibility" IN ('Public', 'Internal', 'Secret')),
  CONSTRAINT "docs_archived_bool_check" CHECK ("archived" IN (0, 1)),
  CONSTRAINT "docs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id")
);

CREATE TABLE "comments" (
  "id" INTEGER NOT NULL,
  "doc_id" INTEGER NOT NULL,
  "flagged" INTEGER NOT NULL,
  CONSTRAINT "comments_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "comments_flagged_bool_check" CHECK ("flagged" IN (0, 1)),
  CONSTRAINT "comments_doc_id_fkey" FOREIGN KEY ("doc_id") REFERENCES "docs" ("id") ON DELETE CASCADE
);

CREATE TABLE "plain_docs" (
  "id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "owner_id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  "visibility" TEXT NOT NULL,
  "score" INTEGER NOT NULL,
  "archived" INTEGER NOT NULL,
  "reviewer" INTEGER,
  CONSTRAINT "plain_docs_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "plain_docs_visibility_enum_check" CHECK ("visibility" IN ('Public', 'Internal', 'Secret')),
  CONSTRAINT "plain_docs_archived_bool_check" CHECK ("archived" IN (0, 1))
);

CREATE INDEX "docs_team_id_idx" ON "docs" ("team_id");

CREATE INDEX "comments_doc_id_idx" ON "comments" ("doc_id");

CREATE VIEW "owned_docs" AS
SELECT id, title, owner_id, score
    FROM docs;"#],
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
    pub fn with_auth(&self, auth: crate::types::Viewer) -> Self {
        self.with_context(::cstack_runtime::Context::authenticated(auth))
    }
    /// The `Team` delegate.
    pub fn team(&self) -> ::cstack_runtime::Delegate<'_, crate::team::Team> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Doc` delegate.
    pub fn doc(&self) -> ::cstack_runtime::Delegate<'_, crate::doc::Doc> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Comment` delegate.
    pub fn comment(&self) -> ::cstack_runtime::Delegate<'_, crate::comment::Comment> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `PlainDoc` delegate.
    pub fn plain_doc(&self) -> ::cstack_runtime::Delegate<'_, crate::plain_doc::PlainDoc> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `OwnedDoc` delegate.
    pub fn owned_doc(&self) -> ::cstack_runtime::ViewDelegate<'_, crate::owned_doc::OwnedDoc> {
        ::cstack_runtime::ViewDelegate::new(&self.handle)
    }
}
