//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The postgres migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const POSTGRES_MIGRATIONS: &[::cstack_runtime::Migration] = &[
    ::cstack_runtime::Migration::new(
        "00000000000000_initial",
        "204e9a4fd6fd8c3a2698acfacd8a0945cfd7f802c5f3b7b31c06257616ac5f54",
        &[::cstack_runtime::MigrationStep::new(
            true,
            &[r#"CREATE EXTENSION IF NOT EXISTS "vector";

CREATE TABLE "passages" (
  "id" bigint NOT NULL,
  "text" text NOT NULL,
  "embedding" vector(3) NOT NULL,
  "draft" vector(3),
  CONSTRAINT "passages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "passages_embedding_ivfflat_idx" ON "passages" USING ivfflat ("embedding" vector_l2_ops);"#],
        )],
    ),
];

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
    /// The `Passage` delegate.
    pub fn passage(&self) -> ::cstack_runtime::Delegate<'_, crate::passage::Passage> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
}
