//! Liveness and readiness probes.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/health`: the process is up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// Server version (crate version).
    pub version: String,
}

/// `GET /api/v1/ready`: the server can serve traffic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    /// `ready` or `not_ready`.
    pub status: String,
    /// Database backend in use: `sqlite` or `postgres`.
    pub database: String,
    /// The database answered a query.
    pub database_reachable: bool,
    /// Every embedded migration has been applied.
    pub migrations_applied: bool,
}
