//! HTTP routes under `/api/v1`, one module per area; each handler is documented with `#[utoipa::path]`.

pub mod catalog;
pub mod health;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` route (through utoipa so the OpenAPI document cannot miss one).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_readiness)
        .service(catalog::list_solutions)
        .service(catalog::get_solution)
        .service(catalog::list_vendors);
}
