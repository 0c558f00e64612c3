//! The stdio transport around `tower-lsp-server`: every message leaves
//! through one ordered queue of whole frames, and the one answer that can be
//! megabytes large (`textDocument/documentSymbol`) is serialised straight to
//! JSON text instead of through the library's generic path.
//!
//! `tower-lsp-server` turns every result into a `serde_json::Value` tree
//! before writing it; for the outline of a 2000-model schema (~47,000
//! symbols, ~6 MB) building, printing and freeing that tree costs ten times
//! more than computing the outline. [`OutlineFastPath`] wraps the service:
//! it answers that method itself, in the order the server receives messages
//! (so it sees every earlier edit), writes the finished frame to the queue,
//! and tells the library there is nothing to send. Everything else passes
//! through unchanged.

use crate::server::Backend;
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::ls_types::{CancelParams, DocumentSymbolParams};

/// Whole frames (header and body) waiting to be written, in order.
pub type FrameQueue = mpsc::UnboundedSender<Vec<u8>>;

/// Writes the frames of `queue` to `output` in order until every sender is
/// gone.
pub async fn write_frames(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
) {
    while let Some(frame) = frames.recv().await {
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// A JSON-RPC frame: the header and the body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The writer `tower-lsp-server` prints to: it cuts what it receives into
/// whole frames and queues each, so frames from the fast path never land
/// inside one of the library's.
pub struct QueuedOutput {
    queue: FrameQueue,
    pending: Vec<u8>,
}

impl QueuedOutput {
    pub fn new(queue: FrameQueue) -> Self {
        Self {
            queue,
            pending: Vec::new(),
        }
    }

    /// Moves every complete frame at the front of `pending` to the queue.
    fn queue_complete_frames(&mut self) -> io::Result<()> {
        while let Some(length) = complete_frame_length(&self.pending) {
            let rest = self.pending.split_off(length);
            let frame = std::mem::replace(&mut self.pending, rest);
            self.queue
                .send(frame)
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the writer stopped"))?;
        }
        Ok(())
    }
}

/// The length of the frame at the start of `bytes`, header included, once
/// all of it is there.
fn complete_frame_length(bytes: &[u8]) -> Option<usize> {
    let header_end = bytes.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let header = std::str::from_utf8(&bytes[..header_end]).ok()?;
    let content_length: usize = header.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })?;
    let total = header_end + content_length;
    (bytes.len() >= total).then_some(total)
}

impl AsyncWrite for QueuedOutput {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.pending.extend_from_slice(buf);
        Poll::Ready(this.queue_complete_frames().map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// The service `Server` drives: the language server with the outline
/// answered on the fast path.
pub struct OutlineFastPath {
    inner: LspService<Backend>,
    queue: FrameQueue,
    /// After `shutdown` every request goes to the library, which refuses it.
    shut_down: bool,
    /// The fast-path requests in progress, by id: `$/cancelRequest` fires
    /// the sender (the library only knows its own requests).
    in_progress: Arc<Mutex<HashMap<Id, oneshot::Sender<()>>>>,
}

impl OutlineFastPath {
    pub fn new(inner: LspService<Backend>, queue: FrameQueue) -> Self {
        Self {
            inner,
            queue,
            shut_down: false,
            in_progress: Arc::default(),
        }
    }

    /// Cancels the fast-path request a `$/cancelRequest` names, if any.
    fn cancel(&self, request: &Request) {
        let Some(params) = request.params().cloned() else {
            return;
        };
        let Ok(params) = serde_json::from_value::<CancelParams>(params) else {
            return;
        };
        let id = Id::from(params.id);
        let cancel = lock(&self.in_progress).remove(&id);
        if let Some(cancel) = cancel {
            let _ = cancel.send(());
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `work` unless `cancelled` fires first; `None` when it did.
pub async fn unless_cancelled<T>(
    work: impl Future<Output = T>,
    cancelled: oneshot::Receiver<()>,
) -> Option<T> {
    tokio::select! {
        biased;
        Ok(()) = cancelled => None,
        done = work => Some(done),
    }
}

type ServiceFuture<E> = Pin<Box<dyn Future<Output = Result<Option<Response>, E>> + Send>>;

impl tower::Service<Request> for OutlineFastPath {
    type Response = Option<Response>;
    type Error = <LspService<Backend> as tower::Service<Request>>::Error;
    type Future = ServiceFuture<Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match request.method() {
            "shutdown" => self.shut_down = true,
            // Also passed on: the library cancels its own requests.
            "$/cancelRequest" => self.cancel(&request),
            _ => {}
        }
        let params = (!self.shut_down && request.method() == "textDocument/documentSymbol")
            .then(|| request.params().cloned())
            .flatten()
            .and_then(|params| serde_json::from_value::<DocumentSymbolParams>(params).ok());
        let (Some(params), Some(id)) = (params, request.id().cloned()) else {
            return Box::pin(self.inner.call(request));
        };
        let backend = self.inner.inner().clone();
        let queue = self.queue.clone();
        let (cancel, cancelled) = oneshot::channel();
        lock(&self.in_progress).insert(id.clone(), cancel);
        let in_progress = self.in_progress.clone();
        Box::pin(async move {
            let outcome = unless_cancelled(backend.document_symbols_json(params), cancelled).await;
            lock(&in_progress).remove(&id);
            match outcome {
                None => Ok(Some(Response::from_error(id, Error::request_cancelled()))),
                Some(Ok(result)) => {
                    let body = response_body(&id, result.as_deref().unwrap_or("null"));
                    // A closed queue means the output is gone: nothing to do.
                    let _ = queue.send(frame(body.as_bytes()));
                    Ok(None)
                }
                Some(Err(error)) => Ok(Some(Response::from_error(id, error))),
            }
        })
    }
}

/// A successful JSON-RPC response around an already serialised result.
fn response_body(id: &Id, result: &str) -> String {
    let id = serde_json::to_string(id).unwrap_or_else(|_| "null".to_string());
    let mut body = String::with_capacity(result.len() + id.len() + 32);
    body.push_str(r#"{"jsonrpc":"2.0","id":"#);
    body.push_str(&id);
    body.push_str(r#","result":"#);
    body.push_str(result);
    body.push('}');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_queued_only_when_complete() {
        let (queue, mut frames) = mpsc::unbounded_channel();
        let mut output = QueuedOutput::new(queue);
        let first = frame(br#"{"a":1}"#);
        let second = frame(br#"{"b":2}"#);
        let mut bytes = first.clone();
        bytes.extend_from_slice(&second);
        let (head, tail) = bytes.split_at(first.len() + 5);
        output.pending.extend_from_slice(head);
        output.queue_complete_frames().expect("queued");
        assert_eq!(frames.try_recv().expect("the first frame"), first);
        assert!(frames.try_recv().is_err(), "the second is not complete yet");
        output.pending.extend_from_slice(tail);
        output.queue_complete_frames().expect("queued");
        assert_eq!(frames.try_recv().expect("the second frame"), second);
        assert!(output.pending.is_empty());
    }

    #[test]
    fn a_cancelled_computation_gives_way() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let (cancel, cancelled) = oneshot::channel();
            cancel.send(()).expect("the receiver waits");
            let never = std::future::pending::<()>();
            assert_eq!(unless_cancelled(never, cancelled).await, None);
            let (_cancel, cancelled) = oneshot::channel();
            assert_eq!(unless_cancelled(async { 7 }, cancelled).await, Some(7));
            // A dropped sender is no cancellation.
            let (cancel, cancelled) = oneshot::channel::<()>();
            drop(cancel);
            assert_eq!(unless_cancelled(async { 8 }, cancelled).await, Some(8));
        });
    }

    #[test]
    fn a_response_body_wraps_the_serialised_result() {
        let body = response_body(&Id::Number(7), r#"[{"name":"A"}]"#);
        let value: serde_json::Value = serde_json::from_str(&body).expect("valid JSON");
        assert_eq!(value["id"], 7);
        assert_eq!(value["result"][0]["name"], "A");
        assert_eq!(value["jsonrpc"], "2.0");
    }
}
