//! Reseller Center REST API: actix-web application, configuration, OpenAPI document and the
//! pieces the `reseller-center` binary runs (serve, migrate, seed, openapi).

pub mod auth;
pub mod bench;
pub mod bench_checkout;
pub mod bench_notify;
pub mod clock;
pub mod config;
pub mod error;
pub mod extract;
pub mod headers;
pub mod idempotency;
pub mod limits;
pub mod mail;
pub mod openapi;
pub mod payments;
pub mod request_id;
pub mod routes;
pub mod sandbox;
pub mod sealing;
pub mod secrets;
pub mod seed_orders;
pub mod spa;
pub mod startup;
pub mod state;
pub mod storage;
pub mod storefront;
pub mod telemetry;
pub mod uploads;
pub mod usecases;

pub use config::Settings;
pub use error::ApiError;
pub use startup::Application;
