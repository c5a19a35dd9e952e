//! Shared application state and the bridge that runs blocking diesel work off the async threads.

use std::sync::Arc;

use actix_web::web;
use rc_store::{Backend, DbConn, Pool, StoreError};
use tokio::sync::Notify;

use crate::auth::JwtKeys;
use crate::error::ApiError;
use crate::limits::Limits;
use crate::storage::FileStore;

/// What every handler can reach (through `web::Data<AppState>`).
#[derive(Debug, Clone)]
pub struct AppState {
    /// Database connection pool.
    pub pool: Pool,
    /// Which database the pool talks to.
    pub backend: Backend,
    /// Access-token keys.
    pub jwt: JwtKeys,
    /// Rate limiters.
    pub limits: Arc<Limits>,
    /// Uploaded files.
    pub files: FileStore,
    /// Public base URL for emailed links.
    pub public_url: String,
    /// Wakes the mail worker after mail was queued.
    pub mail_wakeup: Arc<Notify>,
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

    /// Whether cookies must be `Secure` (the site is public over HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// An emailed link to a SPA page carrying `token`.
    pub fn link(&self, page: &str, token: &str) -> String {
        format!("{}/{page}?token={token}", self.public_url)
    }
}
