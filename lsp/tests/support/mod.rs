//! A minimal LSP client for the end-to-end tests: spawns the `cstack-lsp`
//! binary, speaks JSON-RPC with `Content-Length` framing over its stdio, and
//! waits for responses and notifications with a timeout.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<(Instant, Value)>,
    /// Messages read while waiting for something else.
    backlog: Vec<(Instant, Value)>,
    /// When the message `wait_for` last returned arrived: what benchmarks
    /// time, so the client's own JSON parsing is not counted.
    pub last_arrival: Instant,
    next_id: i64,
    pub uri_base: String,
}

/// A message and when its last byte arrived (before parsing it).
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&body).ok()?))
}

impl Client {
    /// Starts the server and completes `initialize`/`initialized`.
    pub fn start(capabilities: Value, workspace: Option<&std::path::Path>) -> (Self, Value) {
        Self::start_with_env(capabilities, workspace, &[])
    }

    pub fn start_with_env(
        capabilities: Value,
        workspace: Option<&std::path::Path>,
        env: &[(&str, &str)],
    ) -> (Self, Value) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cstack-lsp"));
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            last_arrival: Instant::now(),
            next_id: 1,
            uri_base: "file:///virtual".to_string(),
        };
        let folders = workspace.map(|path| {
            let uri = format!("file://{}", path.display());
            json!([{ "uri": uri, "name": "workspace" }])
        });
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities, "workspaceFolders": folders }),
        );
        client.notify("initialized", json!({}));
        (client, result.expect("initialize succeeds"))
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn uri(&self, name: &str) -> String {
        format!("{}/{name}", self.uri_base)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("serialisable");
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .expect("the server reads its stdin");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The next message matching `pick`, answering server-to-client
    /// requests (registrations) on the way.
    pub fn wait_for(&mut self, what: &str, mut pick: impl FnMut(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(|(_, message)| pick(message)) {
            let (arrived, message) = self.backlog.remove(index);
            self.last_arrival = arrived;
            return message;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((arrived, message)) => {
                    if message.get("method").is_some() && message.get("id").is_some() {
                        // A request from the server, like client/registerCapability.
                        let id = message["id"].clone();
                        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
                        continue;
                    }
                    if pick(&message) {
                        self.last_arrival = arrived;
                        return message;
                    }
                    self.backlog.push((arrived, message));
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; unread: {:#?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while waiting for {what}")
                }
            }
        }
    }

    /// The full response to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// Sends a request and returns its result, or the error object.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        let response = self.response(id);
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    /// The next `publishDiagnostics` for `uri` satisfying `pick`.
    pub fn diagnostics_where(&mut self, uri: &str, mut pick: impl FnMut(&Value) -> bool) -> Value {
        let uri = uri.to_string();
        self.wait_for(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && pick(&m["params"])
        })["params"]
            .clone()
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics_at(&mut self, uri: &str, version: i64) -> Value {
        self.diagnostics_where(uri, |params| params["version"] == version)
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "cstack", "version": 1, "text": text } }),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
    }

    /// `shutdown` then `exit`; the process must end with status 0.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "the server exited with {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit after `exit`"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The line/character position of `needle`'s first occurrence in `text`
/// (plus `delta` bytes), counted in bytes: what UTF-8 clients use.
pub fn position_of(text: &str, needle: &str, delta: usize) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is in the text"))
        + delta;
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": offset - line_start })
}

pub fn utf8_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
    })
}
