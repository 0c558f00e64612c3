//! The `cstackc` binary: parses the command line and hands off to the command
//! it names. Everything else lives in the modules below, so that this file
//! only decides which command runs and what the process exits with.

mod build;
mod check;
mod cli;
mod files;
mod fmt;
mod github;
mod human;
mod json;
mod lsp;
mod migrate;
mod report;
mod sarif;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

// Parsing a large schema makes millions of small allocations (tree nodes,
// names); mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc asks the
/// kernel for them (`madvise`), and the kernel then zeroes 2 MiB at each
/// first touch of an arena: for a one-shot command that is time spent
/// clearing memory it never uses, and peak memory nearly doubled (a
/// 500-model `check` peaked at 41 MiB with them, 23 MiB without). Pages
/// faulted from here on are ordinary ones; failure changes nothing else.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
}

fn main() -> ExitCode {
    without_huge_pages();
    // clap prints its own usage errors and exits with status 2, which is the
    // status the contract reserves for usage problems.
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Lsp => lsp::run(),
        Command::Build(args) => build::run(&args),
        Command::Migrate(args) => migrate::run(&args),
    };
    ExitCode::from(status.code())
}
