//! The command-line surface: every subcommand, flag and help text, as clap
//! derive types. Flag and value names are a public contract (CI scripts and
//! editor integrations depend on them), so renaming one is a breaking change.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  no errors (and no warnings with --deny-warnings)
  1  errors found (or warnings with --deny-warnings)
  2  usage error, or a path that is missing, unreadable or not UTF-8";

/// The cstack schema compiler.
#[derive(Debug, Parser)]
#[command(
    name = "cstackc",
    version,
    about = "The cstack schema compiler",
    long_about = "The cstack schema compiler.\n\n\
                  Each `.cstack` file is one schema. Run `cstackc check` to \
                  report every problem in a set of schemas.",
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check schemas and report their diagnostics
    #[command(
        long_about = "Check schemas and report their diagnostics.\n\n\
                      Each PATH is a `.cstack` file (checked whatever its \
                      extension) or a directory, searched recursively for \
                      `*.cstack` files in sorted order, skipping hidden \
                      directories, `target` and `node_modules`. Without a PATH \
                      the current directory is searched.",
        after_help = EXIT_STATUS_HELP
    )]
    Check(CheckArgs),
    /// Format schemas in place, or check that they are formatted
    #[command(
        long_about = "Format schemas in place, or check that they are formatted.\n\n\
                      Each PATH is a `.cstack` file or a directory searched \
                      recursively for `*.cstack` files; `-` formats standard \
                      input to standard output. A file with syntax errors is \
                      left untouched and its errors are reported.",
        after_help = FMT_EXIT_STATUS_HELP
    )]
    Fmt(FmtArgs),
    /// Run the language server on standard input/output
    #[command(long_about = "Run the language server on standard input/output.\n\n\
                      The same server as the `cstack-lsp` binary: editors \
                      start it and speak the Language Server Protocol over \
                      its stdin and stdout.")]
    Lsp,
    /// Generate the Rust data-layer crate of a schema
    #[command(
        long_about = "Generate the Rust data-layer crate of a schema.\n\n\
                      Writes a complete Cargo crate to --out: model structs, \
                      create/update inputs with builders and validators, typed \
                      filters and a `Db` handle over cstack-runtime. The folder \
                      is written atomically and files the build did not \
                      generate are left alone. A schema with errors gets its \
                      diagnostics and no output.",
        after_help = BUILD_EXIT_STATUS_HELP
    )]
    Build(BuildArgs),
    /// Plan, apply, verify and check database migrations
    Migrate(crate::migrate::MigrateArgs),
}

const BUILD_EXIT_STATUS_HELP: &str = "\
Exit status:
  0  the crate was written (with --check: it is up to date)
  1  the schema has errors; or with --check: the folder differs from what would be written
  2  usage error, or a path that is missing, unreadable or unwritable";

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The schema file
    #[arg(value_name = "SCHEMA")]
    pub schema: PathBuf,

    /// The crate folder to write
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The package name [default: the name of the --out folder]
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,

    /// Which backends to generate [default: from the datasource provider]
    #[arg(long, value_enum, value_name = "TARGET")]
    pub target: Option<BuildTarget>,

    /// Depend on the runtime crate at this path instead of the registry version
    #[arg(long, value_name = "DIR")]
    pub runtime_path: Option<PathBuf>,

    /// Write nothing; exit 1 if the folder is not what the build would write
    #[arg(long)]
    pub check: bool,

    /// When to colour the schema's diagnostics
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BuildTarget {
    /// PostgreSQL through sqlx
    Server,
    /// Embedded SQLite through rusqlite
    Embedded,
    /// PostgreSQL and SQLite
    Both,
    /// MySQL or MariaDB through sqlx
    Mysql,
    /// PostgreSQL, SQLite and MySQL
    All,
}

const FMT_EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every file is formatted (with --check: nothing would change)
  1  with --check: some file would change; or some file has syntax errors
  2  usage error, or a path that is missing, unreadable, unwritable or not UTF-8";

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Schema files or directories to format, or `-` for standard input [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Change nothing: list the files that would change and exit 1 if any would
    #[arg(long)]
    pub check: bool,

    /// When to colour the diagnostics of files that cannot be formatted
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Schema files or directories to check [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the diagnostics
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour human-readable output (`auto` honours NO_COLOR)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Fail (exit 1) when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated source snippets for people
    Human,
    /// One JSON object with every diagnostic
    Json,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// A SARIF 2.1.0 log for code-scanning tools
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty
    Auto,
    /// Always colour, even when piped or NO_COLOR is set
    Always,
    /// Never colour
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
