//! Transactions on the sqlx backends (PostgreSQL, MySQL), the same for
//! both: a transaction shared by the clones of a transaction handle, taken
//! out when it commits or rolls back so a closed one is refused.

use crate::schema::error::{Error, Result};
use sqlx_core::database::Database;
use sqlx_core::pool::Pool;
use sqlx_core::transaction::Transaction;
use std::sync::Arc;
use tokio::sync::Mutex;

/// A transaction shared by the clones of a transaction handle; `None` once
/// it has been committed or rolled back.
pub(crate) type SharedTx<DB> = Arc<Mutex<Option<Transaction<'static, DB>>>>;

/// Opens a transaction on `pool`, `failed` turning the driver's error into
/// the backend's.
pub(crate) async fn begin<DB: Database>(
    pool: &Pool<DB>,
    failed: fn(sqlx_core::Error) -> Error,
) -> Result<SharedTx<DB>> {
    let tx = pool.begin().await.map_err(failed)?;
    Ok(Arc::new(Mutex::new(Some(tx))))
}

/// Commits or rolls back; afterwards the transaction handle is closed.
pub(crate) async fn finish<DB: Database>(
    shared: &SharedTx<DB>,
    commit: bool,
    failed: fn(sqlx_core::Error) -> Error,
) -> Result<()> {
    let Some(tx) = shared.lock().await.take() else {
        return Err(Error::TransactionClosed);
    };
    if commit {
        tx.commit().await.map_err(failed)
    } else {
        tx.rollback().await.map_err(failed)
    }
}
