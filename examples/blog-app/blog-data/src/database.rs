//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The sqlite migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const SQLITE_MIGRATIONS: &[::cstack_runtime::Migration] = &[::cstack_runtime::Migration::new(
    "00000000000000_initial",
    "a5c619ddcf6ba591a4f62a8fbe97235743ae76e8b7976ae4d04184b56b19eef2",
    &[::cstack_runtime::MigrationStep::new(
        true,
        &[r#"CREATE TABLE "authors" (
  "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "updated_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "id" INTEGER NOT NULL,
  "email" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "posts" (
  "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "updated_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "id" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "price" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'Draft',
  "author_id" INTEGER NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_status_enum_check" CHECK ("status" IN ('Draft', 'Published', 'Archived')),
  CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "authors_email_key" ON "authors" ("email");

CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");

CREATE VIEW "published_posts" AS
SELECT id, title
    FROM posts
    WHERE status = 'Published';"#],
    )],
)];

/// The database handle. Cheap to clone; clones share connections.
#[derive(Clone)]
pub struct Db {
    handle: ::cstack_runtime::Handle,
}

impl Db {
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
    pub fn with_auth(&self, auth: crate::types::Session) -> Self {
        self.with_context(::cstack_runtime::Context::authenticated(auth))
    }
    /// The `Author` delegate.
    pub fn author(&self) -> ::cstack_runtime::Delegate<'_, crate::author::Author> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Post` delegate.
    pub fn post(&self) -> ::cstack_runtime::Delegate<'_, crate::post::Post> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `PublishedPost` delegate.
    pub fn published_post(
        &self,
    ) -> ::cstack_runtime::ViewDelegate<'_, crate::published_post::PublishedPost> {
        ::cstack_runtime::ViewDelegate::new(&self.handle)
    }
}
