//! `cstackc lsp`: runs the language server on standard input/output, the
//! same server as the `cstack-lsp` binary.

use crate::check::Status;

pub fn run() -> Status {
    match cstack_lsp::run_stdio() {
        Ok(()) => Status::Clean,
        Err(error) => {
            eprintln!("error: the language server could not start: {error}");
            Status::Trouble
        }
    }
}
