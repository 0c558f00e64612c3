//! Subscription fan-out under load, on loopback only and bounded: starts
//! the `rpc-serve` service (built beside this binary) on a fresh SQLite
//! file, opens `--subscribers` WebSocket connections (default 1,000) each
//! subscribed to `model.Author.subscribe`, then writes `--writes` authors
//! (default 200) one after another over HTTP, and prints the fan-out
//! latency (from sending the write to each subscriber's receipt of its
//! event: an upper bound of commit to receipt), the writes' own latency,
//! and the service's resident memory per connection.
//!
//! `cargo build --release -p cstack-codegen-suite --bins &&
//! target/release/subscription-bench [--subscribers N] [--writes N]`

use cstack_codegen_suite::streams::{Replica, Ws};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn argument(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The resident memory of process `pid`, in kibibytes.
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let subscribers = argument("--subscribers", 1000);
    let writes = argument("--writes", 200);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("bench.sqlite");
    // Opening migrates; the service then opens the same file.
    drop(
        rpc_db::Db::open_sqlite(&path)
            .await
            .expect("create the database"),
    );
    let serve = std::env::current_exe()
        .expect("this binary's path")
        .with_file_name("rpc-serve");
    let replica = Replica::start(&serve, &path.to_string_lossy()).await;
    let pid = replica.child.id().expect("its pid");
    let base = replica.base.clone();
    let http = reqwest::Client::new();
    let call = |op: &str, input: Value| {
        http.post(format!("{base}/rpc/{op}"))
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("authorization", "Bearer 7")
            .body(input.to_string())
            .send()
    };
    call("model.Author.list", json!({}))
        .await
        .expect("the service answers");
    let idle = resident_kib(pid);

    // Every subscriber connected and registered (its later call answered).
    let opened = Instant::now();
    let mut sockets = Vec::with_capacity(subscribers);
    for batch in (0..subscribers).collect::<Vec<_>>().chunks(50) {
        let connecting = batch.iter().map(|_| async {
            let mut ws = Ws::connect(&base, &["cratestack.rpc.v1+json"], Some("Bearer 7"), None)
                .await
                .expect("connect");
            ws.send_json(json!({"id": 1, "op": "model.Author.subscribe"}))
                .await;
            ws.send_json(json!({"id": 2, "op": "procedure.ping", "in": {"n": 1}}))
                .await;
            ws.next_json().await;
            ws
        });
        sockets.extend(futures_util::future::join_all(connecting).await);
    }
    let open_time = opened.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let connected = resident_kib(pid);

    // Each subscriber records when each write's event reached it.
    let sent: Arc<Vec<std::sync::OnceLock<Instant>>> =
        Arc::new((0..writes).map(|_| std::sync::OnceLock::new()).collect());
    let lagged = Arc::new(AtomicUsize::new(0));
    let mut readers = Vec::with_capacity(subscribers);
    for mut ws in sockets {
        let sent = sent.clone();
        let lagged = lagged.clone();
        readers.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(writes);
            while latencies.len() < writes {
                let Some(message) = ws.next_message(Duration::from_secs(60)).await else {
                    break;
                };
                let received = Instant::now();
                let text = message.into_text().unwrap_or_default();
                let frame: Value = serde_json::from_str(&text).unwrap_or_default();
                if frame.get("err").is_some() {
                    lagged.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                let index = frame["next"]["data"]["name"]
                    .as_str()
                    .and_then(|n| n.strip_prefix('w'))
                    .and_then(|n| n.parse::<usize>().ok());
                if let Some(at) = index.and_then(|i| sent.get(i)).and_then(|s| s.get()) {
                    latencies.push(received.saturating_duration_since(*at));
                }
            }
            latencies
        }));
    }

    let mut write_latencies = Vec::with_capacity(writes);
    let burst = Instant::now();
    for n in 0..writes {
        let started = Instant::now();
        let _ = sent[n].set(started);
        let input = json!({"name": format!("w{n}"), "email": format!("w{n}@example.com")});
        let response = call("model.Author.create", input).await.expect("a write");
        assert!(response.status().is_success(), "{}", response.status());
        write_latencies.push(started.elapsed());
    }
    let burst_time = burst.elapsed();

    let mut latencies = Vec::with_capacity(subscribers * writes);
    for reader in readers {
        latencies.extend(reader.await.unwrap_or_default());
    }
    let delivered_by = burst.elapsed();
    latencies.sort();
    write_latencies.sort();
    let per_connection = connected.saturating_sub(idle) as f64 / subscribers as f64;
    println!("subscription fan-out (rpc-serve on SQLite, loopback)");
    println!(
        "  subscribers                 {subscribers} (connected in {})",
        ms(open_time)
    );
    println!(
        "  writes                      {writes} one after another, in {}",
        ms(burst_time)
    );
    println!(
        "  events received             {} of {} ({} subscriptions lagged)",
        latencies.len(),
        subscribers * writes,
        lagged.load(Ordering::Relaxed)
    );
    println!("  all delivered after         {}", ms(delivered_by));
    println!(
        "  fan-out latency             p50 {}  p99 {}  max {}",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(percentile(&latencies, 1.0))
    );
    println!(
        "  write latency (HTTP create) p50 {}  p99 {}",
        ms(percentile(&write_latencies, 0.50)),
        ms(percentile(&write_latencies, 0.99))
    );
    println!(
        "  service resident memory     {idle} KiB idle, {connected} KiB connected: {per_connection:.1} KiB per connection"
    );
}
