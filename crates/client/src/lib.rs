//! Typed client of the Reseller Center REST API.
//!
//! One documented async function per operation; works natively (integration tests, integrators)
//! and on wasm32 (the SPA, through the browser's `fetch`).
//!
//! ```no_run
//! # async fn demo() -> Result<(), rc_client::ClientError> {
//! let client = rc_client::Client::new("http://127.0.0.1:8080");
//! let page = client.list_solutions(&Default::default()).await?;
//! println!("{} solutions", page.total);
//! # Ok(()) }
//! ```

use rc_types::catalog::{ListSolutionsQuery, SolutionDetail, SolutionSummary, VendorSummary};
use rc_types::health::{Health, Readiness};
use rc_types::{ErrorBody, Page};
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
}

/// A client bound to one server (scheme, host and port, no trailing slash).
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
}

impl Client {
    /// A client for the server at `base_url`, e.g. `http://127.0.0.1:8080`.
    pub fn new(base_url: impl Into<String>) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_owned();
        Self {
            http: reqwest::Client::new(),
            base_url,
        }
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base_url)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &impl serde::Serialize,
    ) -> Result<T, ClientError> {
        let request = self.http.get(self.url(path)).query(query);
        decode(
            request
                .send()
                .await
                .map_err(|e| ClientError::Transport(e.to_string()))?,
        )
        .await
    }

    /// `GET /api/v1/health` — liveness.
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.get("/health", &()).await
    }

    /// `GET /api/v1/ready` — readiness (database reachable, migrations applied).
    pub async fn ready(&self) -> Result<Readiness, ClientError> {
        self.get("/ready", &()).await
    }

    /// `GET /api/v1/solutions` — published solutions, paged, filtered and sorted.
    pub async fn list_solutions(
        &self,
        query: &ListSolutionsQuery,
    ) -> Result<Page<SolutionSummary>, ClientError> {
        self.get("/solutions", query).await
    }

    /// `GET /api/v1/solutions/{id}` — one published solution with its plans.
    pub async fn get_solution(&self, id: i64) -> Result<SolutionDetail, ClientError> {
        self.get(&format!("/solutions/{id}"), &()).await
    }

    /// `GET /api/v1/vendors` — vendors (brands) with published solutions.
    pub async fn list_vendors(&self) -> Result<Vec<VendorSummary>, ClientError> {
        self.get("/vendors", &()).await
    }
}

async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ClientError> {
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| ClientError::Transport(e.to_string()))?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| ClientError::Decode(e.to_string()));
    }
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => Err(ClientError::Api {
            status: status.as_u16(),
            body,
        }),
        Err(e) => Err(ClientError::Decode(format!(
            "status {status} with a non-standard body: {e}"
        ))),
    }
}
