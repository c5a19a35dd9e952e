//! The operator's catalog console (manual §12): solutions with plans/SKUs, cases, resources,
//! support and agreement; drafts, publish and unpublish. Changes show on the storefront at once.

use actix_web::{HttpResponse, get, post, put, web};
use rc_domain::Permission;
use rc_store::catalog::write;
use rc_types::catalog::{AdminSolution, AdminSolutionQuery, AdminSolutionRow, PublishState, SolutionInput};
use rc_types::{ErrorBody, Page};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Valid, ValidQuery};
use crate::state::AppState;

/// Every solution, drafts included, most recently changed first.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(AdminSolutionQuery),
    responses(
        (status = 200, description = "One page of solutions", body = Page<AdminSolutionRow>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 422, description = "Out-of-range paging or over-long filter", body = ErrorBody),
    )
)]
#[get("/admin/solutions")]
pub async fn list_admin_solutions(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<AdminSolutionQuery>,
) -> Result<web::Json<Page<AdminSolutionRow>>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let query = query.validate()?;
    Ok(web::Json(state.db(move |conn| write::list(conn, &query)).await?))
}

/// Creates a solution as a draft (not public until published).
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    request_body = SolutionInput,
    responses(
        (status = 201, description = "The draft", body = AdminSolution),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 409, description = "Name or a SKU code already used (see fields)", body = ErrorBody),
        (status = 422, description = "Invalid fields (nested ones named like `plans[0].sku_code`)", body = ErrorBody),
    )
)]
#[post("/admin/solutions")]
pub async fn create_solution(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<SolutionInput>,
) -> Result<HttpResponse, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let input = body.validate()?;
    let logo = input.logo_media_id;
    let created = state
        .edit(move |conn| {
            rc_store::media::check(conn, logo, "logo_media_id")?;
            write::create(conn, &input)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// A solution as the operator edits it.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Solution id")),
    responses(
        (status = 200, description = "The solution", body = AdminSolution),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such solution", body = ErrorBody),
    )
)]
#[get("/admin/solutions/{id}")]
pub async fn get_admin_solution(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<AdminSolution>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let id = id.into_inner();
    Ok(web::Json(state.db(move |conn| write::get(conn, id)).await?))
}

/// Replaces a solution's editable fields; plans keep their ids, plans left out are removed.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Solution id")),
    request_body = SolutionInput,
    responses(
        (status = 200, description = "Updated", body = AdminSolution),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such solution", body = ErrorBody),
        (status = 409, description = "Name or a SKU code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields, unknown image or a plan id of another solution", body = ErrorBody),
    )
)]
#[put("/admin/solutions/{id}")]
pub async fn update_solution(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<SolutionInput>,
) -> Result<web::Json<AdminSolution>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    let (id, input) = (id.into_inner(), body.validate()?);
    let logo = input.logo_media_id;
    Ok(web::Json(
        state
            .edit(move |conn| {
                rc_store::media::check(conn, logo, "logo_media_id")?;
                write::update(conn, id, &input)
            })
            .await?,
    ))
}

async fn set_state(
    user: AuthUser,
    state: web::Data<AppState>,
    id: i64,
    target: PublishState,
) -> Result<web::Json<AdminSolution>, ApiError> {
    user.authorize(Permission::ManageCatalog, None)?;
    Ok(web::Json(
        state.edit(move |conn| write::set_state(conn, id, target)).await?,
    ))
}

/// Publishes a solution: it shows in lists, search and detail at once. Needs at least one plan.
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Solution id")),
    responses(
        (status = 200, description = "Published", body = AdminSolution),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such solution", body = ErrorBody),
        (status = 422, description = "No purchase plan yet", body = ErrorBody),
    )
)]
#[post("/admin/solutions/{id}/publish")]
pub async fn publish_solution(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<AdminSolution>, ApiError> {
    set_state(user, state, id.into_inner(), PublishState::Published).await
}

/// Unpublishes a solution: it disappears from the storefront at once (orders keep their data).
#[utoipa::path(
    tag = "operator",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Solution id")),
    responses(
        (status = 200, description = "Back to draft", body = AdminSolution),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not operator staff with catalog rights", body = ErrorBody),
        (status = 404, description = "No such solution", body = ErrorBody),
    )
)]
#[post("/admin/solutions/{id}/unpublish")]
pub async fn unpublish_solution(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<AdminSolution>, ApiError> {
    set_state(user, state, id.into_inner(), PublishState::Draft).await
}
