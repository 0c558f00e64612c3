//! Serves the generated `rpc-db` service on a database for the
//! cross-process subscription tests and the subscription load bench:
//! `rpc-serve <database-url|sqlite-path>` connects (without migrating:
//! the caller has), binds a loopback port, prints `listening
//! http://127.0.0.1:<port>` and serves until it is killed. `Authorization:
//! Bearer <n>` is user `n`; no header is anonymous.

use rpc_db::Db;
use rpc_db::http::{self, Idempotency, Options};
use std::io::Write;

#[tokio::main]
async fn main() {
    let Some(target) = std::env::args().nth(1) else {
        eprintln!("usage: rpc-serve <postgres://...|mysql://...|sqlite file>");
        std::process::exit(2);
    };
    let db = if target.starts_with("postgres://") {
        Db::connect_postgres(&target).await
    } else if target.starts_with("mysql://") {
        Db::connect_mysql(&target).await
    } else {
        Db::open_sqlite(&target).await
    };
    let db = match db {
        Ok(db) => db,
        Err(error) => {
            eprintln!("rpc-serve: cannot open {target}: {error}");
            std::process::exit(1);
        }
    };
    let options = Options::new(cstack_codegen_suite::rpc_app::rpc_auth).idempotency(
        Idempotency::new(http::idempotency::memory::MemoryIdempotencyStore::new()),
    );
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("rpc-serve: cannot bind a loopback port: {error}");
            std::process::exit(1);
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("listening http://{address}");
    let _ = std::io::stdout().flush();
    if let Err(error) = http::axum::serve(listener, http::router(db, options)).await {
        eprintln!("rpc-serve: {error}");
        std::process::exit(1);
    }
}
