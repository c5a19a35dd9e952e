//! Shared application state and the bridge that runs blocking diesel work off the async threads.

use std::sync::Arc;

use actix_web::web;
use rc_store::{Backend, DbConn, Pool, StoreError};
use tokio::sync::Notify;

use crate::auth::JwtKeys;
use crate::error::ApiError;
use crate::limits::Limits;
use crate::sealing::Sealer;
use crate::storage::FileStore;
use crate::storefront::Storefront;

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
    /// Seals emailed links and rotated refresh tokens in the database.
    pub sealer: Sealer,
    /// Whether the operator admin may read one-time links in the mailbox: only in development
    /// without SMTP, where the mailbox is everybody's inbox.
    pub mailbox_reveals_links: bool,
    /// Wakes the mail worker after mail was queued.
    pub mail_wakeup: Arc<Notify>,
    /// Search index and response cache of the storefront.
    pub storefront: Arc<Storefront>,
    /// Renders electronic contracts (fonts loaded once).
    pub contracts: Arc<rc_documents::ContractRenderer>,
    /// The time order deadlines are judged by.
    pub clock: crate::clock::Clock,
    /// The payment gateways.
    pub gateways: Arc<crate::payments::Gateways>,
    /// The sandbox gateway, when this server serves it (development).
    pub sandbox: Option<Arc<crate::sandbox::Sandbox>>,
    /// Wakes the sandbox's notification sender.
    pub sandbox_wakeup: Arc<Notify>,
    /// Whether the test clock may be moved (`APP_ENV=development` only).
    pub test_clock: bool,
}

impl AppState {
    /// Runs `work` (a use case, see `crate::usecases`) with a pooled connection on the blocking
    /// thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            work(&mut conn)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
    }

    /// Runs the store query `work` with a pooled connection on the blocking thread pool.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    {
        self.run(move |conn| work(conn).map_err(ApiError::from)).await
    }

    /// Runs `work` (an operator edit), then brings this server's index and cache up to date.
    pub async fn edit<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    {
        let result = self.db(work).await?;
        let storefront = self.storefront.clone();
        self.db(move |conn| storefront.sync(conn)).await?;
        Ok(result)
    }

    /// Serves the JSON of `compute` from the storefront cache, keyed by the request URI.
    pub async fn cached<T>(
        &self,
        uri: &str,
        compute: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<actix_web::HttpResponse, ApiError>
    where
        T: serde::Serialize,
    {
        let key = self.storefront.key(uri);
        let body = self
            .storefront
            .get_or_compute(&key, async {
                let value = compute.await?;
                serde_json::to_vec(&value)
                    .map(web::Bytes::from)
                    .map_err(|e| ApiError::Internal(format!("encoding: {e}")))
            })
            .await?;
        Ok(actix_web::HttpResponse::Ok()
            .content_type("application/json")
            .body(body))
    }

    /// Serves the JSON of the database work `compute` from the storefront cache (see [`Self::cached`]).
    pub async fn cached_json<T, F>(&self, uri: &str, compute: F) -> Result<actix_web::HttpResponse, ApiError>
    where
        T: serde::Serialize + Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    {
        self.cached(uri, self.db(compute)).await
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
