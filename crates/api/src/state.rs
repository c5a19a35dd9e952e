//! Shared application state and the bridge that runs blocking diesel work off the async threads.

use actix_web::web;
use rc_store::{Backend, DbConn, Pool, StoreError};

use crate::error::ApiError;
use crate::secrets::Secret;

/// What every handler can reach (through `web::Data<AppState>`).
#[derive(Debug, Clone)]
pub struct AppState {
    /// Database connection pool.
    pub pool: Pool,
    /// Which database the pool talks to.
    pub backend: Backend,
    /// Token-signing secret.
    pub secret: Secret,
}

impl AppState {
    /// Runs `work` with a pooled connection on the blocking thread pool.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
        .map_err(ApiError::from)
    }
}
