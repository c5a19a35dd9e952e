//! Reseller Center REST API: actix-web application, configuration, OpenAPI document and the
//! pieces the `reseller-center` binary runs (serve, migrate, seed, openapi).

pub mod config;
pub mod error;
pub mod openapi;
pub mod request_id;
pub mod routes;
pub mod secrets;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;

pub use config::Settings;
pub use error::ApiError;
pub use startup::Application;
