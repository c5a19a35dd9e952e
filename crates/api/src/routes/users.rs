//! Actions on one user: edit, enable, disable, delete, resend invitation, transfer admin (§7, §8).

use actix_web::{HttpResponse, delete, patch, post, web};
use rc_domain::Permission;
use rc_store::users;
use rc_types::ErrorBody;
use rc_types::accounts::{UpdateUser, UserSummary};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Valid;
use crate::routes::companies::{authorize_company, editor};
use crate::state::AppState;
use crate::usecases::{self, NewLink, invitations};

/// Loads a company user and checks `permission` on their company; staff users are never targets.
async fn target_user(
    state: &AppState,
    actor: &AuthUser,
    user_id: i64,
    permission: Permission,
) -> Result<users::UserRow, ApiError> {
    let not_found = || ApiError::NotFound(format!("user {user_id} not found"));
    let row = state
        .db(move |conn| users::get_row(conn, user_id))
        .await
        .map_err(|_| not_found())?;
    let company_id = row.company_id.ok_or_else(not_found)?;
    authorize_company(state, actor, company_id, permission)
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => not_found(),
            other => other,
        })?;
    Ok(row)
}

/// Edits a user's name and phone (编辑: 姓名, 手机) and optionally role (`co_admin` / `member`).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UpdateUser,
    responses(
        (status = 200, description = "The updated user", body = UserSummary),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "The admin's role changes only by transfer", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<UpdateUser>,
) -> Result<web::Json<UserSummary>, ApiError> {
    let target = target_user(&state, &actor, id.into_inner(), Permission::ManageCompanyUsers).await?;
    let (editor, input) = (editor(&actor), body.validate()?);
    Ok(web::Json(
        state
            .run(move |conn| usecases::users::update(conn, editor, &target, &input))
            .await?,
    ))
}

async fn set_enabled(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: i64,
    enabled: bool,
) -> Result<web::Json<UserSummary>, ApiError> {
    let target = target_user(&state, &actor, id, Permission::ManageCompanyUsers).await?;
    let editor = editor(&actor);
    Ok(web::Json(
        state
            .run(move |conn| usecases::users::set_enabled(conn, editor, &target, enabled))
            .await?,
    ))
}

/// Enables a user (启用).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = UserSummary),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "Yourself, the admin, or disabled by the operator (only the operator enables them)", body = ErrorBody),
    )
)]
#[post("/users/{id}/enable")]
pub async fn enable_user(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<UserSummary>, ApiError> {
    set_enabled(actor, state, id.into_inner(), true).await
}

/// Disables a user (禁用); their sessions end at once.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = UserSummary),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "Yourself or the admin", body = ErrorBody),
    )
)]
#[post("/users/{id}/disable")]
pub async fn disable_user(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<UserSummary>, ApiError> {
    set_enabled(actor, state, id.into_inner(), false).await
}

/// Deletes a user (删除), or revokes a pending invitation.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "Yourself, the admin, or disabled by the operator", body = ErrorBody),
    )
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let target = target_user(&state, &actor, id.into_inner(), Permission::ManageCompanyUsers).await?;
    let editor = editor(&actor);
    state
        .run(move |conn| usecases::users::delete(conn, editor, &target))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sends a fresh invitation mail; earlier links stop working.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 202, description = "A new invitation mail is queued"),
        (status = 403, description = "Role may not manage users", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "The user has already accepted", body = ErrorBody),
    )
)]
#[post("/users/{id}/invitation")]
pub async fn resend_invitation(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let target = target_user(&state, &actor, id.into_inner(), Permission::ManageCompanyUsers).await?;
    let (sealer, link) = (state.sealer.clone(), NewLink::new(&state, "accept-invitation"));
    state
        .run(move |conn| invitations::resend(conn, &sealer, &target, &link))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Accepted().finish())
}

/// Makes this user the company admin (转移管理员); the previous admin becomes a co-admin. A company
/// without an admin (a reseller its distributor created) gets its first one this way.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id of the new admin")),
    responses(
        (status = 200, description = "The new admin", body = UserSummary),
        (status = 403, description = "Only the admin transfers the role", body = ErrorBody),
        (status = 404, description = "No such user within reach", body = ErrorBody),
        (status = 409, description = "The user is already admin or not active", body = ErrorBody),
    )
)]
#[post("/users/{id}/transfer-admin")]
pub async fn transfer_admin(
    actor: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<UserSummary>, ApiError> {
    let target = target_user(&state, &actor, id.into_inner(), Permission::TransferAdmin).await?;
    let actor_id = actor.id();
    Ok(web::Json(
        state
            .run(move |conn| usecases::users::appoint_admin(conn, actor_id, &target))
            .await?,
    ))
}
