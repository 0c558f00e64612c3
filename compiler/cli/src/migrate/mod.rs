//! `cstackc migrate`: diff, apply, status, verify and drift over the
//! `cstack-migrate` (planning) and `cstack-migrate-live` (databases)
//! libraries. This module only reads flags, prints and picks exit statuses;
//! the work is in the libraries.

mod args;
mod diff;
mod live;
mod schema;

pub use args::MigrateArgs;

use crate::check::Status;
use args::MigrateCommand;

pub fn run(args: &MigrateArgs) -> Status {
    match &args.command {
        MigrateCommand::Diff(args) => diff::run(args),
        MigrateCommand::Apply(args) => live::block_on(live::apply(args)),
        MigrateCommand::Status(args) => live::block_on(live::status(args)),
        MigrateCommand::Verify(args) => live::block_on(live::verify(args)),
        MigrateCommand::Drift(args) => live::block_on(live::drift(args)),
        MigrateCommand::Hash(args) => live::hash(args),
    }
}

/// Prints one JSON value on stdout. A closed pipe (`| head`) is not an
/// error worth a panic.
fn print_json(value: &serde_json::Value) {
    use std::io::Write;
    let text = serde_json::to_string_pretty(value).expect("JSON serialises");
    let _ = writeln!(std::io::stdout(), "{text}");
}
