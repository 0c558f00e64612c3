//! The cstack language server: the Language Server Protocol over stdio, on
//! the compiler's salsa database. The only crate that knows LSP types;
//! features come from `cstack-ide` in byte offsets and are converted here.
//!
//! `cstack-lsp` and `cstackc lsp` both call [`run_stdio`].

mod convert;
mod document;
mod features;
mod migrations;
mod server;
mod transport;
mod world;

pub use server::{Backend, capabilities};

use tower_lsp_server::{LspService, Server};

/// How many messages may be in progress at once.
const MAX_CONCURRENT_MESSAGES: usize = 64;

/// Serves one client on standard input and output until it exits.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::build(Backend::new)
            .custom_method("cstack/debugPanic", Backend::debug_panic)
            .custom_method("cstack/debugSlow", Backend::debug_slow)
            .finish();
        let (queue, frames) = tokio::sync::mpsc::unbounded_channel();
        let writer = tokio::spawn(transport::write_frames(frames, tokio::io::stdout()));
        let output = transport::QueuedOutput::new(queue.clone());
        // Requests wait on blocking threads, not on this loop; a high limit
        // keeps a few slow requests from holding back the next edit.
        Server::new(tokio::io::stdin(), output, socket)
            .concurrency_level(MAX_CONCURRENT_MESSAGES)
            .serve(transport::OutlineFastPath::new(service, queue))
            .await;
        // Every sender is gone once the server has stopped: the writer sends
        // what is left and ends.
        let _ = writer.await;
    });
    // A blocking read of stdin may still wait for input that never comes:
    // do not wait for it.
    runtime.shutdown_background();
    Ok(())
}
