//! Liveness and readiness probes.

use actix_web::{HttpResponse, get, web};
use rc_types::health::{Health, Readiness};

use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(
    tag = "system",
    responses((status = 200, description = "The server is up", body = Health))
)]
#[get("/health")]
pub async fn get_health() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// Readiness: the database answers and every migration is applied.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "Database unreachable or migrations pending", body = Readiness),
    )
)]
#[get("/ready")]
pub async fn get_readiness(state: web::Data<AppState>) -> HttpResponse {
    let check = state
        .db(|conn| {
            conn.ping()?;
            conn.migrations_applied()
        })
        .await;
    let (reachable, migrated) = match check {
        Ok(migrated) => (true, migrated),
        Err(_) => (false, false),
    };
    let ready = reachable && migrated;
    let body = Readiness {
        status: if ready { "ready" } else { "not_ready" }.to_owned(),
        database: state.backend.name().to_owned(),
        database_reachable: reachable,
        migrations_applied: migrated,
    };
    if ready {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
