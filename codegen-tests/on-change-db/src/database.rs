//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.
/// The postgres migrations, applied in order (each once, recorded in `cstack_migrations`).
pub const POSTGRES_MIGRATIONS: &[::cstack_runtime::Migration] =
    &[::cstack_runtime::Migration::new(
        "00000000000000_initial",
        "4a034230489bd741ca466f2a728523b8153ab56fd5b9963b5cf7df9d03eaf828",
        &[::cstack_runtime::MigrationStep::new(
            true,
            &[r#"CREATE TABLE "sales" (
  "id" bigint NOT NULL,
  "region" text NOT NULL,
  "amount_cents" bigint NOT NULL,
  CONSTRAINT "sales_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notes" (
  "id" bigint NOT NULL,
  "text" text NOT NULL,
  CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

CREATE MATERIALIZED VIEW "region_totals" AS
SELECT region, SUM(amount_cents)::bigint AS total_cents FROM sales GROUP BY region;

CREATE UNIQUE INDEX "region_totals_pkey" ON "region_totals" ("region");"#],
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
            handle: ::cstack_runtime::Handle::connect_postgres(url)
                .await?
                .refresh_on_change(crate::MATERIALIZED_VIEWS),
        })
    }
    /// Wraps an existing pool.
    #[cfg(feature = "postgres")]
    pub fn from_pool(pool: ::cstack_runtime::sqlx_postgres::PgPool) -> Self {
        Self {
            handle: ::cstack_runtime::Handle::postgres(pool)
                .refresh_on_change(crate::MATERIALIZED_VIEWS),
        }
    }
    /// Applies the PostgreSQL migrations not yet applied.
    #[cfg(feature = "postgres")]
    pub async fn migrate_postgres(&self) -> ::cstack_runtime::Result<()> {
        self.handle.apply_migrations(POSTGRES_MIGRATIONS).await
    }
    /// Wraps a runtime handle.
    pub fn from_handle(handle: ::cstack_runtime::Handle) -> Self {
        Self {
            handle: handle.refresh_on_change(crate::MATERIALIZED_VIEWS),
        }
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
    /// How long on-change refreshes gather writes before refreshing (250 ms unless set).
    pub fn set_refresh_debounce(&self, window: ::std::time::Duration) {
        self.handle.set_refresh_debounce(window)
    }
    /// How many on-change refreshes ran, and the last refresh error.
    pub fn on_change_refreshes(&self) -> (u64, Option<String>) {
        self.handle.on_change_refreshes()
    }
    /// The `Sale` delegate.
    pub fn sale(&self) -> ::cstack_runtime::Delegate<'_, crate::sale::Sale> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `Note` delegate.
    pub fn note(&self) -> ::cstack_runtime::Delegate<'_, crate::note::Note> {
        ::cstack_runtime::Delegate::new(&self.handle)
    }
    /// The `RegionTotal` delegate.
    pub fn region_total(
        &self,
    ) -> ::cstack_runtime::ViewDelegate<'_, crate::region_total::RegionTotal> {
        ::cstack_runtime::ViewDelegate::new(&self.handle)
    }
    /// Starts refreshing each `@@materialized(refresh = "…")` view at its interval; stop it with `RefreshScheduler::stop`.
    #[cfg(feature = "postgres")]
    pub fn start_refresh_scheduler(
        &self,
    ) -> ::cstack_runtime::Result<::cstack_runtime::RefreshScheduler> {
        self.start_refresh_scheduler_with(::cstack_runtime::SchedulerOptions::default())
    }
    /// Starts the refresh scheduler with chosen intervals and refresh reports.
    #[cfg(feature = "postgres")]
    pub fn start_refresh_scheduler_with(
        &self,
        options: ::cstack_runtime::SchedulerOptions,
    ) -> ::cstack_runtime::Result<::cstack_runtime::RefreshScheduler> {
        ::cstack_runtime::RefreshScheduler::start(
            self.handle.clone(),
            crate::MATERIALIZED_VIEWS,
            options,
        )
    }
}
