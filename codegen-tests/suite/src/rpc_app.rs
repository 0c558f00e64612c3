//! What the suites over the generated RPC service (`rpc-db`) serve: its
//! procedures ([`RpcApp`]) and the bearer authentication they use
//! ([`rpc_auth`]: `Bearer <n>` is user `n`, no header is anonymous).

use rpc_db::Db;
use rpc_db::http::axum::http::request::Parts;
use rpc_db::procedures::*;
use rpc_db::runtime::{Context, ItemStream, Result};
use rpc_db::types::User;

/// `Authorization: Bearer <n>` as user `n`; none as anonymous; anything
/// else refused.
pub fn rpc_auth(parts: &Parts) -> std::result::Result<Context, &'static str> {
    let header = parts.headers.get("authorization");
    match header.and_then(|v| v.to_str().ok()) {
        None => Ok(Context::anonymous()),
        Some(value) => match value.strip_prefix("Bearer ").and_then(|n| n.parse().ok()) {
            Some(id) => Ok(Context::authenticated(User {
                id,
                role: "user".into(),
            })),
            None => Err("bad token"),
        },
    }
}

/// The procedures of `rpc-db`, as the RPC suites serve them.
pub struct RpcApp;

impl Procedures for RpcApp {
    async fn add(&self, _db: &Db, args: AddArgs) -> Result<i64> {
        Ok(args.a + args.b)
    }

    async fn books_by_status(&self, db: &Db, args: BooksByStatusArgs) -> Result<Vec<rpc_db::Book>> {
        db.book()
            .find_many()
            .filter(rpc_db::book::status().eq(args.status))
            .order_by(rpc_db::book::id().asc())
            .exec()
            .await
    }

    async fn countdown(&self, _db: &Db, args: CountdownArgs) -> Result<ItemStream<i64>> {
        Ok(Box::pin(futures_util::stream::iter(
            (1..=args.from).rev().map(Ok),
        )))
    }

    async fn publish(&self, db: &Db, args: PublishArgs) -> Result<rpc_db::Book> {
        db.book()
            .update(
                args.id,
                rpc_db::UpdateBookInput::new().set_status(rpc_db::Status::Published),
            )
            .exec()
            .await
    }

    async fn legacy(&self, _db: &Db, args: LegacyArgs) -> Result<i64> {
        Ok(args.a)
    }

    async fn add_v2(&self, _db: &Db, args: AddV2Args) -> Result<i64> {
        Ok(args.a + args.b)
    }

    async fn ping(&self, _db: &Db, args: PingArgs) -> Result<i64> {
        Ok(args.n)
    }

    async fn touch(&self, _db: &Db, args: TouchArgs) -> Result<i64> {
        Ok(args.n)
    }
}
