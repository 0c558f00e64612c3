//! Clients of the service's streams for the suites and the load bench: a
//! WebSocket client of the RPC binding ([`Ws`], tokio-tungstenite) and a
//! server-sent-events reader ([`Sse`], HTTP/1.1 by hand, chunked
//! encoding included), both over real TCP and optionally with a small
//! receive buffer, so that a client that stops reading fills up after a
//! few kilobytes rather than megabytes; and the `rpc-serve` service in a
//! process of its own ([`Replica`]).

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

pub use tokio_tungstenite::tungstenite;

/// How long a test waits for a frame it expects.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A TCP connection to `base` (`http://host:port`), with a receive buffer
/// of `recv_buffer` bytes when given.
async fn dial(base: &str, recv_buffer: Option<u32>) -> TcpStream {
    let address: std::net::SocketAddr = base
        .trim_start_matches("http://")
        .parse()
        .expect("a loopback address");
    let socket = TcpSocket::new_v4().expect("a socket");
    if let Some(bytes) = recv_buffer {
        socket
            .set_recv_buffer_size(bytes)
            .expect("a receive buffer");
    }
    socket.connect(address).await.expect("connect")
}

/// A WebSocket connection to `/rpc/ws`.
pub struct Ws {
    socket: WebSocketStream<TcpStream>,
    /// The subprotocol the server chose.
    pub protocol: Option<String>,
}

impl Ws {
    /// Connects offering `protocols`, with `authorization` when given;
    /// the refusal (the HTTP answer) otherwise.
    pub async fn connect(
        base: &str,
        protocols: &[&str],
        authorization: Option<&str>,
        recv_buffer: Option<u32>,
    ) -> Result<Ws, Box<tungstenite::Error>> {
        let url = format!("{}/rpc/ws", base.replace("http://", "ws://"));
        let mut request = url.into_client_request().expect("a request");
        if !protocols.is_empty() {
            request.headers_mut().insert(
                "sec-websocket-protocol",
                protocols.join(", ").parse().expect("a header"),
            );
        }
        if let Some(authorization) = authorization {
            request
                .headers_mut()
                .insert("authorization", authorization.parse().expect("a header"));
        }
        let stream = dial(base, recv_buffer).await;
        let (socket, response) = tokio_tungstenite::client_async(request, stream)
            .await
            .map_err(Box::new)?;
        let protocol = response
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(Ws { socket, protocol })
    }

    pub async fn send(&mut self, message: Message) {
        use futures_util::SinkExt;
        self.socket.send(message).await.expect("send a frame");
    }

    pub async fn send_json(&mut self, frame: serde_json::Value) {
        self.send(Message::Text(frame.to_string().into())).await;
    }

    pub async fn send_cbor(&mut self, frame: &ciborium::Value) {
        let mut bytes = Vec::new();
        ciborium::into_writer(frame, &mut bytes).expect("encode CBOR");
        self.send(Message::Binary(bytes.into())).await;
    }

    /// The next data message, or `None` after `wait` or at the end.
    pub async fn next_message(&mut self, wait: Duration) -> Option<Message> {
        use futures_util::StreamExt;
        loop {
            match tokio::time::timeout(wait, self.socket.next()).await {
                Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
                Ok(Some(Ok(message))) => return Some(message),
                _ => return None,
            }
        }
    }

    /// The next frame, read as JSON.
    pub async fn next_json(&mut self) -> serde_json::Value {
        match self.next_message(PATIENCE).await {
            Some(Message::Text(text)) => serde_json::from_str(&text).expect("a JSON frame"),
            other => panic!("expected a text frame, got {other:?}"),
        }
    }

    /// The next frame, read as CBOR.
    pub async fn next_cbor(&mut self) -> ciborium::Value {
        match self.next_message(PATIENCE).await {
            Some(Message::Binary(bytes)) => {
                ciborium::from_reader(bytes.as_ref()).expect("a CBOR frame")
            }
            other => panic!("expected a binary frame, got {other:?}"),
        }
    }

    /// The close frame the server sends next.
    pub async fn close_frame(&mut self) -> Option<CloseFrame> {
        match self.next_message(PATIENCE).await {
            Some(Message::Close(frame)) => frame,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

/// A server-sent-events stream from `/rpc/subscribe/{op_id}`.
pub struct Sse {
    stream: TcpStream,
    /// Bytes read past the headers, not yet decoded.
    raw: Vec<u8>,
    /// The decoded body not yet split into events.
    body: Vec<u8>,
    chunked: bool,
    pub status: u16,
    /// The header block, lower-cased.
    pub headers: String,
}

impl Sse {
    /// `GET /rpc/subscribe/{op}` with the given `Accept` and
    /// `Authorization`; returns once the headers are in.
    pub async fn open(
        base: &str,
        op: &str,
        accept: Option<&str>,
        authorization: Option<&str>,
        recv_buffer: Option<u32>,
    ) -> Sse {
        let mut stream = dial(base, recv_buffer).await;
        let host = base.trim_start_matches("http://");
        let mut request = format!("GET /rpc/subscribe/{op} HTTP/1.1\r\nhost: {host}\r\n");
        if let Some(accept) = accept {
            request += &format!("accept: {accept}\r\n");
        }
        if let Some(authorization) = authorization {
            request += &format!("authorization: {authorization}\r\n");
        }
        request += "\r\n";
        stream
            .write_all(request.as_bytes())
            .await
            .expect("send the request");
        let mut raw = Vec::new();
        let end = loop {
            if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            let mut buffer = [0u8; 4096];
            let n = tokio::time::timeout(PATIENCE, stream.read(&mut buffer))
                .await
                .expect("headers in time")
                .expect("read the headers");
            assert!(n > 0, "the connection closed before the headers");
            raw.extend_from_slice(&buffer[..n]);
        };
        let headers = String::from_utf8_lossy(&raw[..end]).to_lowercase();
        let status = headers
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let chunked = headers.contains("transfer-encoding: chunked");
        let raw = raw[end + 4..].to_vec();
        Sse {
            stream,
            raw,
            body: Vec::new(),
            chunked,
            status,
            headers,
        }
    }

    /// Moves the complete chunks of `raw` into `body`.
    fn decode(&mut self) {
        if !self.chunked {
            self.body.append(&mut self.raw);
            return;
        }
        loop {
            let Some(line) = self.raw.windows(2).position(|w| w == b"\r\n") else {
                return;
            };
            let size_text = String::from_utf8_lossy(&self.raw[..line]).to_string();
            let size = usize::from_str_radix(size_text.trim(), 16).expect("a chunk size");
            if self.raw.len() < line + 2 + size + 2 {
                return;
            }
            let start = line + 2;
            self.body.extend_from_slice(&self.raw[start..start + size]);
            self.raw.drain(..start + size + 2);
        }
    }

    /// Reads more; whether anything came before `wait` ran out.
    async fn fill(&mut self, wait: Duration) -> bool {
        let mut buffer = [0u8; 16 * 1024];
        match tokio::time::timeout(wait, self.stream.read(&mut buffer)).await {
            Ok(Ok(n)) if n > 0 => {
                self.raw.extend_from_slice(&buffer[..n]);
                self.decode();
                true
            }
            _ => false,
        }
    }

    /// The next event as `(event, data)`, skipping comments (keep-alives);
    /// `None` after `wait` or at the end.
    pub async fn next_event(&mut self, wait: Duration) -> Option<(String, String)> {
        self.decode();
        loop {
            if let Some(end) = self.body.windows(2).position(|w| w == b"\n\n") {
                let block = String::from_utf8_lossy(&self.body[..end]).to_string();
                self.body.drain(..end + 2);
                let mut event = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(name) = line.strip_prefix("event:") {
                        event = name.trim().to_string();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_string());
                    }
                }
                if data.is_empty() {
                    continue;
                }
                return Some((event, data.join("\n")));
            }
            if !self.fill(wait).await {
                return None;
            }
        }
    }

    /// The body of an answer that is not a stream (an error).
    pub async fn text(&mut self) -> String {
        let length: usize = self
            .headers
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while self.body.len() + self.raw.len() < length {
            if !self.fill(PATIENCE).await {
                break;
            }
        }
        self.decode();
        String::from_utf8_lossy(&self.body).to_string()
    }
}

/// A `rpc-serve` process (the binary at `binary`) serving `target`,
/// killed when dropped.
pub struct Replica {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub child: tokio::process::Child,
}

impl Replica {
    /// Starts it and waits until it listens.
    pub async fn start(binary: &std::path::Path, target: &str) -> Replica {
        use tokio::io::AsyncBufReadExt;
        let mut child = tokio::process::Command::new(binary)
            .arg(target)
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
        let stdout = child.stdout.take().expect("its output");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let line = tokio::time::timeout(PATIENCE, lines.next_line())
            .await
            .expect("rpc-serve listens in time")
            .expect("read its output")
            .expect("a line");
        let base = line
            .strip_prefix("listening ")
            .expect("`listening <url>`")
            .to_string();
        Replica { base, child }
    }
}
