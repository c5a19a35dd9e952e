//! Typed client of the Reseller Center REST API.
//!
//! One documented async function per operation; works natively (integration tests, integrators)
//! and on wasm32 (the SPA, through the browser's `fetch`). Signed-in calls carry the access token
//! set with [`Client::set_access_token`]; the refresh token is an HttpOnly cookie the browser keeps
//! (native callers pass it explicitly to [`Client::refresh_token_with_cookie`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), rc_client::ClientError> {
//! let client = rc_client::Client::new("http://127.0.0.1:8080");
//! let page = client.list_solutions(&Default::default()).await?;
//! println!("{} solutions", page.total);
//! # Ok(()) }
//! ```

mod accounts;
mod assets;
mod cart;
mod catalog;
mod customers;
mod orders;
mod payments;
mod storefront;

pub use accounts::Upload;

use std::sync::{Arc, RwLock};

use rc_types::ErrorBody;
use rc_types::health::{Health, Readiness};
use serde::de::DeserializeOwned;

/// What can go wrong calling the API.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error status and the standard error body.
    #[error("API error {status}: {}", body.message)]
    Api {
        /// HTTP status.
        status: u16,
        /// Parsed error body.
        body: ErrorBody,
        /// Seconds to wait before retrying, from `Retry-After` (rate-limited answers).
        retry_after: Option<u64>,
    },
    /// The request did not reach the server or the connection failed.
    #[error("transport error: {0}")]
    Transport(String),
    /// The response could not be decoded.
    #[error("could not decode response: {0}")]
    Decode(String),
}

impl ClientError {
    /// The HTTP status for API errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Seconds the server asks to wait before retrying (`Retry-After` of a 429 answer).
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            ClientError::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The error body for API errors.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            ClientError::Api { body, .. } => Some(body),
            _ => None,
        }
    }
}

/// A client bound to one server (scheme, host and port, no trailing slash).
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: Arc<RwLock<Option<String>>>,
    locale: Arc<RwLock<Option<String>>>,
}

impl Client {
    /// A client for the server at `base_url`, e.g. `http://127.0.0.1:8080`.
    pub fn new(base_url: impl Into<String>) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_owned();
        Self {
            http: reqwest::Client::new(),
            base_url,
            token: Arc::default(),
            locale: Arc::default(),
        }
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Uses `token` (or none) as the bearer access token of later calls; clones share it.
    pub fn set_access_token(&self, token: Option<String>) {
        *self.token.write().expect("token lock") = token;
    }

    /// The current access token.
    pub fn access_token(&self) -> Option<String> {
        self.token.read().expect("token lock").clone()
    }

    /// Sends `Accept-Language` (e.g. `en`) so mail the request causes is in that language.
    pub fn set_locale(&self, locale: Option<String>) {
        *self.locale.write().expect("locale lock") = locale;
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base_url)
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = self.access_token() {
            request = request.bearer_auth(token);
        }
        if let Some(locale) = self.locale.read().expect("locale lock").clone() {
            request = request.header("accept-language", locale);
        }
        request
    }

    async fn send<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, ClientError> {
        decode(
            request
                .send()
                .await
                .map_err(|e| ClientError::Transport(e.to_string()))?,
        )
        .await
    }

    async fn send_empty(request: reqwest::RequestBuilder) -> Result<(), ClientError> {
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        if response.status().is_success() {
            return Ok(());
        }
        Err(error_of(response).await)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &impl serde::Serialize,
    ) -> Result<T, ClientError> {
        Self::send(self.request(reqwest::Method::GET, path).query(query)).await
    }

    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<T, ClientError> {
        Self::send(self.request(reqwest::Method::POST, path).json(body)).await
    }

    /// `GET /api/v1/health` — liveness.
    pub async fn get_health(&self) -> Result<Health, ClientError> {
        self.get("/health", &()).await
    }

    /// `GET /api/v1/ready` — readiness (database reachable, migrations applied).
    pub async fn get_readiness(&self) -> Result<Readiness, ClientError> {
        self.get("/ready", &()).await
    }
}

async fn error_of(response: reqwest::Response) -> ClientError {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|seconds| seconds.trim().parse().ok());
    let bytes = match response.bytes().await {
        Ok(bytes) => bytes,
        Err(e) => return ClientError::Transport(e.to_string()),
    };
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => ClientError::Api {
            status: status.as_u16(),
            body,
            retry_after,
        },
        Err(e) => ClientError::Decode(format!("status {status} with a non-standard body: {e}")),
    }
}

async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ClientError> {
    if !response.status().is_success() {
        return Err(error_of(response).await);
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| ClientError::Transport(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| ClientError::Decode(e.to_string()))
}
