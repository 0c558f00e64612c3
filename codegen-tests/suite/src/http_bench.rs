//! The cost of the generated REST service: requests per second and p50/p99
//! latency of `GET /books/{id}` (one row) and `GET /books?limit=20&sort=id`
//! (20 rows) through `http_db::http::router`, against a hand-written axum
//! handler doing the same work: the same bearer authentication into the
//! same `Context`, the same `Db` delegate call under it (so the same read
//! policy in the SQL), and the same JSON encoding (`serde_json::to_vec`,
//! `Content-Type: application/json`). What is left in the difference is
//! what the generated pipeline does per request on top: negotiation, the
//! list grammar, the request span and id, the erased reply.
//!
//! Both servers run in this process on loopback ports, each on a Tokio
//! runtime and threads of its own (apart from the clients' runtime, so
//! where one side's connection tasks land cannot starve the other), and
//! serve the same database (an SQLite file, or a scratch PostgreSQL
//! database with `--backend postgres`), seeded with published books. A fixed number of
//! client tasks share one keep-alive `reqwest::Client` and send requests
//! back to back for a fixed time per trial; trials alternate between the
//! two servers so machine noise hits both. Before any timing, both servers'
//! answers are checked to be the same JSON rows.
//!
//! `cargo run --release -p cstack-codegen-suite --bin http-bench --
//! [--backend sqlite|postgres] [--concurrency N] [--seconds S] [--trials N]`

use cstack_codegen_suite::ScratchPostgres;
use http_db::http::axum;
use http_db::runtime::Context;
use http_db::runtime::rust_decimal::Decimal;
use http_db::{CreateAuthorInput, CreateBookInput, Db, Status, User, book};

use axum::extract::{Path, Request, State};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How many books are seeded; `GET /books/{id}` cycles through them all.
const BOOKS: i64 = 200;
/// The list scenario's page.
const PAGE: usize = 20;
/// The caller of every request: the owner of the seeded rows.
const BEARER: &str = "Bearer 7:user";
const LIST_PATH: &str = "/books?limit=20&sort=id";
/// Per side and scenario, before the trials: opens the keep-alive
/// connections and warms statement caches, so the first trial is not
/// charged for them.
const WARM_UP: Duration = Duration::from_millis(500);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

struct Settings {
    backend: Backend,
    concurrency: usize,
    seconds: f64,
    trials: usize,
}

impl Settings {
    /// The command that runs this configuration again.
    fn command(&self) -> String {
        format!(
            "cargo run --release -p cstack-codegen-suite --bin http-bench -- \
             --backend {} --concurrency {} --seconds {} --trials {}",
            self.backend.name(),
            self.concurrency,
            self.seconds,
            self.trials
        )
    }
}

const USAGE: &str = "usage: http-bench [--backend sqlite|postgres] [--concurrency N] \
                     [--seconds S] [--trials N]";

fn settings() -> Result<Settings, String> {
    let mut settings = Settings {
        backend: Backend::Sqlite,
        concurrency: 16,
        seconds: 2.0,
        trials: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        let count = |value: &str| match value.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "`{flag}` needs a positive whole number, not `{value}`"
            )),
        };
        match flag.as_str() {
            "--backend" => {
                settings.backend = match value.as_str() {
                    "sqlite" => Backend::Sqlite,
                    "postgres" => Backend::Postgres,
                    other => return Err(format!("unknown backend `{other}`")),
                }
            }
            "--concurrency" => settings.concurrency = count(&value)?,
            "--trials" => settings.trials = count(&value)?,
            "--seconds" => {
                settings.seconds = match value.parse::<f64>() {
                    Ok(s) if s > 0.0 && s.is_finite() => s,
                    _ => {
                        return Err(format!(
                            "`--seconds` needs a positive number, not `{value}`"
                        ));
                    }
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(settings)
}

/// `Authorization: Bearer <id>:<role>` to the context requests run in.
/// Both servers call this one function, so authentication costs the same
/// on both sides and only the machinery around it differs.
fn authenticate(headers: &HeaderMap) -> Result<Context, &'static str> {
    let value = headers.get(AUTHORIZATION).ok_or("missing bearer token")?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or("bad token")?;
    let (id, role) = token.split_once(':').ok_or("bad token")?;
    let id = id.parse().map_err(|_| "bad token")?;
    Ok(Context::authenticated(User {
        id,
        role: role.to_string(),
    }))
}

/// The generated service, with nothing optional switched on (no rate
/// limiting, no idempotency store): its per-request floor.
fn generated_router(db: Db) -> axum::Router {
    let options = http_db::http::Options::new(|parts: &axum::http::request::Parts| {
        authenticate(&parts.headers)
    });
    http_db::http::router(db, options)
}

/// What a developer would write by hand for the same two routes. The list
/// handler runs the fixed query rather than parsing the query string: the
/// generated router's list grammar is part of what is being priced.
fn hand_router(db: Db) -> axum::Router {
    axum::Router::new()
        .route("/books", axum::routing::get(hand_list))
        .route("/books/{id}", axum::routing::get(hand_get))
        .with_state(db)
}

// `Request` rather than a `HeaderMap` extractor: the latter clones every
// header, a cost the generated router does not pay.
async fn hand_get(State(db): State<Db>, Path(id): Path<i64>, request: Request) -> Response {
    let db = match authenticate(request.headers()) {
        Ok(context) => db.with_context(context),
        Err(message) => return (StatusCode::UNAUTHORIZED, message).into_response(),
    };
    match db.book().find_unique(id).exec().await {
        Ok(Some(row)) => json(&row),
        Ok(None) => (StatusCode::NOT_FOUND, "Book not found").into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

async fn hand_list(State(db): State<Db>, request: Request) -> Response {
    let db = match authenticate(request.headers()) {
        Ok(context) => db.with_context(context),
        Err(message) => return (StatusCode::UNAUTHORIZED, message).into_response(),
    };
    let rows = db
        .book()
        .find_many()
        .order_by(book::id().asc())
        .limit(PAGE as i64)
        .exec()
        .await;
    match rows {
        Ok(rows) => json(&rows),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

fn json<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            body,
        )
            .into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// An author and `BOOKS` published books owned by the bench's caller; the
/// books' ids, in order.
async fn seed(db: &Db) -> Vec<i64> {
    let owner = db.with_context(Context::authenticated(User {
        id: 7,
        role: "user".into(),
    }));
    let author = owner
        .author()
        .create(
            CreateAuthorInput::builder()
                .name("Bench Author")
                .email("author@bench.io")
                .build(),
        )
        .await
        .expect("create the author");
    let books = (1..=BOOKS)
        .map(|n| {
            CreateBookInput::builder()
                .title(format!("Book {n}"))
                .price(Decimal::new(1000 + n, 2))
                .owner_id(7)
                .author_id(author.id)
                .status(Status::Published)
                .build()
        })
        .collect();
    let rows = owner
        .book()
        .create_many(books)
        .await
        .expect("create the books");
    rows.iter().map(|row| row.id).collect()
}

#[derive(Clone, Copy)]
enum Scenario {
    Get,
    List,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::Get => "GET /books/{id} (one row)",
            Scenario::List => "GET /books?limit=20&sort=id (20 rows)",
        }
    }

    /// The URLs the clients cycle through on `served`: every book for
    /// `Get`, built beforehand so the client's own work is the same small
    /// constant on both sides.
    fn urls(self, served: &Served, ids: &[i64]) -> Arc<Vec<String>> {
        Arc::new(match self {
            Scenario::Get => ids
                .iter()
                .map(|id| served.url(&format!("/books/{id}")))
                .collect(),
            Scenario::List => vec![served.url(LIST_PATH)],
        })
    }
}

/// One response as JSON, after checking it is a 200 in JSON.
async fn fetch_json(client: &reqwest::Client, url: &str) -> Value {
    let response = client
        .get(url)
        .header(ACCEPT, "application/json")
        .header(AUTHORIZATION, BEARER)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response.bytes().await.expect("the body");
    assert_eq!(
        status,
        StatusCode::OK,
        "{url}: {}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(content_type, "application/json", "{url}");
    serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{url}: not JSON: {e}"))
}

/// Both servers answer the same rows, which are the ones the delegate
/// reads directly: a benchmark comparing different work measures nothing.
async fn verify(client: &reqwest::Client, generated: &Served, hand: &Served, db: &Db, ids: &[i64]) {
    let owner = db.with_context(authenticate(&bearer_headers()).expect("the bench's bearer"));
    for id in [ids[0], ids[ids.len() / 2], ids[ids.len() - 1]] {
        let path = format!("/books/{id}");
        let from_generated = fetch_json(client, &generated.url(&path)).await;
        let from_hand = fetch_json(client, &hand.url(&path)).await;
        assert_eq!(from_generated, from_hand, "GET {path}: the servers differ");
        let row = owner
            .book()
            .find_unique(id)
            .exec()
            .await
            .expect("read the book")
            .expect("the book exists");
        assert_eq!(
            from_generated,
            serde_json::to_value(&row).expect("a row as JSON"),
            "GET {path}: not the stored row"
        );
    }
    let from_generated = fetch_json(client, &generated.url(LIST_PATH)).await;
    let from_hand = fetch_json(client, &hand.url(LIST_PATH)).await;
    assert_eq!(
        from_generated, from_hand,
        "GET {LIST_PATH}: the servers differ"
    );
    let listed: Vec<i64> = from_generated
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|row| row["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(
        listed,
        ids[..PAGE],
        "GET {LIST_PATH}: not the first {PAGE} books"
    );
}

fn bearer_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, HeaderValue::from_static(BEARER));
    headers
}

/// A server on a loopback port, on a two-worker runtime and threads of its
/// own; stopped when dropped.
struct Served {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start(router: axum::Router) -> Served {
        let (ready, address) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a loopback port");
                ready
                    .send(listener.local_addr().expect("its address"))
                    .expect("the bench waits for the address");
                axum::serve(
                    listener,
                    router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
                )
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
            });
        });
        let address = address.recv().expect("the server's address");
        Served {
            base: format!("http://{address}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What one side did in one trial.
struct Trial {
    per_second: f64,
    latencies: Vec<Duration>,
}

/// `concurrency` tasks sending requests back to back for `duration`,
/// cycling through `urls` (each task from its own starting point).
async fn load(
    client: &reqwest::Client,
    urls: &Arc<Vec<String>>,
    concurrency: usize,
    duration: Duration,
) -> Trial {
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = (0..concurrency)
        .map(|task| {
            let client = client.clone();
            let urls = urls.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut next = task * urls.len() / concurrency;
                while Instant::now() < deadline {
                    let url = &urls[next % urls.len()];
                    next += 1;
                    let sent = Instant::now();
                    let response = client
                        .get(url)
                        .header(ACCEPT, "application/json")
                        .header(AUTHORIZATION, BEARER)
                        .send()
                        .await
                        .unwrap_or_else(|e| panic!("{url}: {e}"));
                    let status = response.status();
                    // Reading the whole body is part of the request, and
                    // lets the connection go back to the pool.
                    let body = response.bytes().await.expect("the body");
                    latencies.push(sent.elapsed());
                    assert_eq!(
                        status,
                        StatusCode::OK,
                        "{url}: {}",
                        String::from_utf8_lossy(&body)
                    );
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("a client task"));
    }
    // Until the last answer: requests sent before the deadline count, so
    // the time they took does too.
    let elapsed = start.elapsed();
    Trial {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        latencies,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// All trials of one side.
#[derive(Default)]
struct Side {
    per_second: Vec<f64>,
    latencies: Vec<Duration>,
}

impl Side {
    fn add(&mut self, trial: Trial) -> f64 {
        self.per_second.push(trial.per_second);
        self.latencies.extend(trial.latencies);
        trial.per_second
    }

    fn line(mut self, name: &str) -> String {
        self.latencies.sort();
        format!(
            "  {name:<13} {:>9.0} req/s (median)   p50 {:>7.3} ms   p99 {:>7.3} ms   ({} requests)",
            median(self.per_second),
            millis(percentile(&self.latencies, 0.50)),
            millis(percentile(&self.latencies, 0.99)),
            self.latencies.len()
        )
    }
}

async fn compare(
    settings: &Settings,
    client: &reqwest::Client,
    scenario: Scenario,
    generated: &Served,
    hand: &Served,
    ids: &[i64],
) {
    let (generated_urls, hand_urls) = (scenario.urls(generated, ids), scenario.urls(hand, ids));
    let duration = Duration::from_secs_f64(settings.seconds);
    let n = settings.concurrency;
    println!("\n{}", scenario.label());
    load(client, &generated_urls, n, WARM_UP).await;
    load(client, &hand_urls, n, WARM_UP).await;
    let (mut generated_side, mut hand_side) = (Side::default(), Side::default());
    let mut ratios = Vec::new();
    for trial in 0..settings.trials {
        // Whichever runs second may find the machine warmer (or busier):
        // swapping the order every trial keeps that off one side.
        let (g, h) = if trial % 2 == 0 {
            let g = load(client, &generated_urls, n, duration).await;
            (g, load(client, &hand_urls, n, duration).await)
        } else {
            let h = load(client, &hand_urls, n, duration).await;
            (load(client, &generated_urls, n, duration).await, h)
        };
        let (g, h) = (generated_side.add(g), hand_side.add(h));
        println!(
            "  trial {}: generated {g:>9.0} req/s   hand-written {h:>9.0} req/s   ratio {:.3}",
            trial + 1,
            g / h
        );
        ratios.push(g / h);
    }
    println!("{}", generated_side.line("generated"));
    println!("{}", hand_side.line("hand-written"));
    let spread = {
        let mut sorted = ratios.clone();
        sorted.sort_by(f64::total_cmp);
        (sorted[0], sorted[sorted.len() - 1])
    };
    let ratio = median(ratios);
    println!(
        "  throughput generated/hand-written: {ratio:.3} (median of {} trials; {:.3}–{:.3})   \
         target >= 0.9: {}",
        settings.trials,
        spread.0,
        spread.1,
        if ratio >= 0.9 { "met" } else { "NOT met" }
    );
}

/// Requests per round of the in-process comparison.
const IN_PROCESS_BATCH: usize = 2000;

/// The cost of one request inside each router alone: what the client and
/// the network, shared by both sides on this machine, blur in the
/// throughput figures.
async fn in_process(
    scenario: Scenario,
    generated: &axum::Router,
    hand: &axum::Router,
    ids: &[i64],
) {
    use tower::ServiceExt;
    let paths: Vec<String> = match scenario {
        Scenario::Get => ids.iter().map(|id| format!("/books/{id}")).collect(),
        Scenario::List => vec![LIST_PATH.to_string()],
    };
    let round = async |router: &axum::Router| {
        let started = Instant::now();
        for i in 0..IN_PROCESS_BATCH {
            let request = axum::http::Request::get(&paths[i % paths.len()])
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, BEARER)
                .body(axum::body::Body::empty())
                .expect("a request");
            let response = router.clone().oneshot(request).await.expect("an answer");
            assert_eq!(response.status(), StatusCode::OK);
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("a body");
            std::hint::black_box(body);
        }
        started.elapsed().as_secs_f64() * 1e6 / IN_PROCESS_BATCH as f64
    };
    // Warm both, then alternate.
    round(generated).await;
    round(hand).await;
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let a = round(generated).await;
        let b = round(hand).await;
        ours.push(a);
        theirs.push(b);
        ratios.push(b / a);
    }
    let spread = |values: &[f64]| {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        (sorted[0], sorted[sorted.len() - 1])
    };
    let (low, high) = spread(&ratios);
    println!(
        "{}: generated {:.1} µs/request, hand-written {:.1} µs/request; \
         throughput ratio {:.3} (median of 15 rounds; {low:.3}–{high:.3})",
        scenario.label(),
        median(ours),
        median(theirs),
        median(ratios.clone()),
    );
}

#[tokio::main]
async fn main() {
    let settings = settings().unwrap_or_else(|message| {
        eprintln!("http-bench: {message}\n{USAGE}");
        std::process::exit(2);
    });
    let began = Instant::now();
    // What keeps the database alive: the SQLite file's folder, or the
    // scratch PostgreSQL database (dropped at the end of `main`).
    let (db, _folder, _scratch) = match settings.backend {
        Backend::Sqlite => {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let db = Db::open_sqlite(folder.path().join("bench.sqlite"))
                .await
                .expect("open SQLite");
            (db, Some(folder), None)
        }
        Backend::Postgres => {
            let scratch = ScratchPostgres::create().await;
            let db = Db::connect_postgres(&scratch.url())
                .await
                .unwrap_or_else(|e| panic!("connect to {}: {e}", scratch.url()));
            db.migrate_postgres()
                .await
                .expect("apply the PostgreSQL migrations");
            (db, None, Some(scratch))
        }
    };
    let ids = seed(&db).await;
    let generated_service = generated_router(db.clone());
    let hand_service = hand_router(db.clone());
    let generated = Served::start(generated_service.clone());
    let hand = Served::start(hand_service.clone());
    let client = reqwest::Client::new();

    println!(
        "http-bench: the generated REST router (http-db) against a hand-written axum handler \
         running the same Db delegate call\n\
         (same bearer authentication into Context::authenticated(User), same read policy, \
         same serde_json::to_vec encoding)"
    );
    println!(
        "backend {} ({BOOKS} published books, both servers on the same database), \
         both servers in this process on 127.0.0.1",
        match settings.backend {
            Backend::Sqlite => "sqlite (a file in a temporary folder)",
            Backend::Postgres => "postgres (a scratch database)",
        }
    );
    println!(
        "load: {} concurrent client tasks, one keep-alive reqwest::Client, \
         Accept: application/json, Authorization: {BEARER}",
        settings.concurrency
    );
    println!(
        "trials: {} per scenario, {} s per side each, alternating which side goes first, \
         after {} ms of warm-up per side; the clients on a {}-worker tokio runtime, each \
         server on a 2-worker runtime of its own",
        settings.trials,
        settings.seconds,
        WARM_UP.as_millis(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "latency: p50/p99 over every request of every trial; ratio: median of the per-trial \
         throughput ratios"
    );
    println!("reproduce: {}", settings.command());

    verify(&client, &generated, &hand, &db, &ids).await;
    println!("checked: both servers answer the same JSON rows for both scenarios");

    for scenario in [Scenario::Get, Scenario::List] {
        compare(&settings, &client, scenario, &generated, &hand, &ids).await;
    }
    println!(
        "\nserver side only: each router called in process (no network, no client), \
         alternating rounds of {IN_PROCESS_BATCH} requests; median round"
    );
    for scenario in [Scenario::Get, Scenario::List] {
        in_process(scenario, &generated_service, &hand_service, &ids).await;
    }
    println!("\nran for {:.1} s", began.elapsed().as_secs_f64());
}
