//! The `cstack-lsp` binary: the language server on standard input/output.

// Parsing makes many small allocations; mimalloc serves them faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    if std::env::args()
        .nth(1)
        .is_some_and(|arg| arg == "--version")
    {
        println!("cstack-lsp {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    match cstack_lsp::run_stdio() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cstack-lsp: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
