//! The public solution catalog (manual §3, §4): list, detail, vendors.

use actix_web::{get, web};
use rc_store::catalog;
use rc_types::catalog::{ListSolutionsQuery, SolutionDetail, SolutionSummary, VendorSummary};
use rc_types::{ErrorBody, Page};
use validator::Validate;

use crate::error::ApiError;
use crate::state::AppState;

/// Published solutions, paged, filtered by category/vendor/keyword and sorted.
#[utoipa::path(
    tag = "catalog",
    params(ListSolutionsQuery),
    responses(
        (status = 200, description = "One page of solutions", body = Page<SolutionSummary>),
        (status = 400, description = "Malformed query (unknown category or sort, non-numeric page)", body = ErrorBody),
        (status = 422, description = "Out-of-range paging or over-long filters", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/solutions")]
pub async fn list_solutions(
    state: web::Data<AppState>,
    query: web::Query<ListSolutionsQuery>,
) -> Result<web::Json<Page<SolutionSummary>>, ApiError> {
    let query = query.into_inner();
    query.validate()?;
    let page = state
        .db(move |conn| catalog::list_solutions(conn, &query))
        .await?;
    Ok(web::Json(page))
}

/// One published solution with its purchase plans.
#[utoipa::path(
    tag = "catalog",
    params(("id" = i64, Path, description = "Solution id")),
    responses(
        (status = 200, description = "The solution", body = SolutionDetail),
        (status = 404, description = "No published solution with this id", body = ErrorBody),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/solutions/{id}")]
pub async fn get_solution(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<SolutionDetail>, ApiError> {
    let id = id.into_inner();
    let detail = state
        .db(move |conn| catalog::get_solution(conn, id))
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => ApiError::NotFound(format!("solution {id} not found")),
            other => other,
        })?;
    Ok(web::Json(detail))
}

/// Vendors (brands, 品牌专区) that have published solutions, by name.
#[utoipa::path(
    tag = "catalog",
    responses(
        (status = 200, description = "Vendors with their solution counts", body = Vec<VendorSummary>),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
#[get("/vendors")]
pub async fn list_vendors(state: web::Data<AppState>) -> Result<web::Json<Vec<VendorSummary>>, ApiError> {
    Ok(web::Json(state.db(catalog::list_vendors).await?))
}
