//! The `cstackc migrate` command line: subcommands and flags.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

pub const MIGRATE_EXIT_STATUS_HELP: &str = "\
Exit status:
  0  clean: nothing pending, no drift, migration written or applied
  1  findings: lossy changes without --allow-destructive, pending or tampered
     migrations, verify or drift differences, a failed migration
  2  usage error, schema errors, unreadable files, or a database that cannot be reached";

#[derive(Debug, Args)]
#[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub command: MigrateCommand,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Plan the next migration from the schema and write it
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Diff(DiffArgs),
    /// Apply pending migrations to a database
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Apply(DatabaseArgs),
    /// Show applied, pending, partial and tampered migrations
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Status(DatabaseArgs),
    /// Replay the history on a scratch database and compare it with the snapshot
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Verify(VerifyArgs),
    /// Compare a live database with its applied migrations, read-only
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Drift(DriftArgs),
    /// Rewrite cstack.sum after an intentional edit (such as filling in up.pre.sql)
    #[command(after_help = MIGRATE_EXIT_STATUS_HELP)]
    Hash(HashArgs),
}

#[derive(Debug, Args)]
pub struct HashArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// Which backends [default: every backend folder that exists]
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema [default: the only `*.cstack` file in the current directory]
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,

    /// The migrations folder [default: `migrations/` beside the schema]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Output for people or one JSON object for tools
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    Postgres,
    Sqlite,
    /// MySQL or MariaDB.
    Mysql,
    /// PostgreSQL and SQLite.
    Both,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// A name for the migration folder
    #[arg(long, value_name = "NAME", default_value = "migration")]
    pub name: String,

    /// Which backends to plan for [default: the datasource's, or both]
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,

    /// Write migrations that drop tables, columns or convert types
    #[arg(long)]
    pub allow_destructive: bool,

    /// Print the plan and its SQL, write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Write nothing; exit 1 if the schema has changes no migration holds
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// `postgres://...` or `sqlite://PATH` [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// Which backends to verify [default: the datasource's, or both]
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,

    /// A PostgreSQL server to create scratch databases on
    /// [env: CSTACK_SCRATCH_DATABASE_URL; else a local initdb cluster when
    /// installed; else --database-url / DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub scratch_url: Option<String>,

    /// Fallback server for scratch databases [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// The live database, only read [env: DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,

    /// A PostgreSQL server to create the scratch database on [env:
    /// CSTACK_SCRATCH_DATABASE_URL; else a local initdb cluster when
    /// installed; else the live database's server, never its database]
    #[arg(long, value_name = "URL")]
    pub scratch_url: Option<String>,
}
