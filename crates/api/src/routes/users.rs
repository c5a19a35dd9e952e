//! Actions on one user: edit, enable, disable, delete, resend invitation, transfer admin (§7, §8).

use actix_web::{HttpResponse, delete, patch, post, web};
use chrono::Duration;
use rc_domain::Permission;
use rc_store::{audit, companies, sessions, tokens, users};
use rc_types::ErrorBody;
use rc_types::accounts::{Role, UpdateUser, UserStatus, UserSummary};
use rc_types::auth::TokenPurpose;
use validator::Validate;

use crate::auth::{AuthUser, tokens as token_util};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::routes::auth::LINK_TTL_HOURS;
use crate::routes::companies::authorize_company;
use crate::state::AppState;

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

fn guard_self_and_admin(actor: &AuthUser, target: &users::UserRow, action: &str) -> Result<(), ApiError> {
    if target.id == actor.id() {
        return Err(ApiError::Conflict(format!(
            "you cannot {action} your own account"
        )));
    }
    if target.role()? == Role::CompanyAdmin {
        return Err(ApiError::Conflict(format!(
            "the company admin cannot be {action}d; transfer the admin role first"
        )));
    }
    Ok(())
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
    body: web::Json<UpdateUser>,
) -> Result<web::Json<UserSummary>, ApiError> {
    body.validate()?;
    let id = id.into_inner();
    let target = target_user(&state, &actor, id, Permission::ManageCompanyUsers).await?;
    let body = body.into_inner();
    if let Some(role) = body.role {
        if !matches!(role, Role::CoAdmin | Role::Member) {
            return Err(ApiError::field(
                "role",
                "invalid",
                "the role can be co_admin or member",
            ));
        }
        if target.role()? == Role::CompanyAdmin {
            return Err(ApiError::Conflict(
                "the admin's role changes only by transferring the admin role".to_owned(),
            ));
        }
    }
    let actor_id = actor.id();
    Ok(web::Json(
        state
            .db(move |conn| {
                conn.atomic(|conn| {
                    users::update(conn, id, &body.name, &body.phone, body.role)?;
                    let detail = format!(
                        "name={} phone={} role={}",
                        body.name,
                        body.phone,
                        body.role.map_or("unchanged", Role::as_str)
                    );
                    audit::record(
                        conn,
                        audit::Change::of(actor_id, "user.update", (audit::TargetKind::User, id), &detail),
                    )?;
                    users::get_row(conn, id)?.summary()
                })
            })
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
    guard_self_and_admin(&actor, &target, if enabled { "enable" } else { "disable" })?;
    let (by_operator, actor_id) = (actor.actor.company.is_none(), actor.id());
    Ok(web::Json(
        state
            .db(move |conn| {
                conn.atomic(|conn| {
                    users::set_enabled(conn, id, enabled, by_operator)?;
                    if !enabled {
                        sessions::revoke_user(conn, id, "user disabled")?;
                    }
                    let action = if enabled { "user.enable" } else { "user.disable" };
                    let detail = if by_operator {
                        "by the operator"
                    } else {
                        "by the partner"
                    };
                    audit::record(
                        conn,
                        audit::Change::of(actor_id, action, (audit::TargetKind::User, id), detail),
                    )?;
                    users::get_row(conn, id)?.summary()
                })
            })
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
    let id = id.into_inner();
    let target = target_user(&state, &actor, id, Permission::ManageCompanyUsers).await?;
    guard_self_and_admin(&actor, &target, "delete")?;
    let (actor_id, email, by_operator) = (actor.id(), target.email.clone(), actor.actor.company.is_none());
    state
        .db(move |conn| {
            conn.atomic(|conn| {
                users::delete_unlocked(conn, id, by_operator)?;
                audit::record(
                    conn,
                    audit::Change::of(actor_id, "user.delete", (audit::TargetKind::User, id), &email),
                )
            })
        })
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
    let id = id.into_inner();
    let target = target_user(&state, &actor, id, Permission::ManageCompanyUsers).await?;
    if target.status()? != UserStatus::Invited || target.password_hash.is_some() {
        return Err(ApiError::Conflict(
            "this user has already accepted the invitation".to_owned(),
        ));
    }
    let token = token_util::random_token();
    let (hash, link) = (
        token_util::digest(&token),
        state.link("accept-invitation", &token),
    );
    let company_id = target.company_id.unwrap_or_default();
    let sealer = state.sealer.clone();
    state
        .db(move |conn| {
            conn.atomic(|conn| {
                let company = companies::get_row(conn, company_id)?;
                tokens::issue(
                    conn,
                    id,
                    TokenPurpose::Invitation,
                    &hash,
                    Duration::hours(LINK_TTL_HOURS),
                )?;
                let mail = Mail::Invitation {
                    company: company.name(),
                    link: &link,
                };
                mail::queue(conn, &sealer, &target.email, &mail, &target.locale)?;
                Ok(())
            })
        })
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
    let id = id.into_inner();
    let target = target_user(&state, &actor, id, Permission::TransferAdmin).await?;
    let (company_id, actor_id) = (target.company_id.unwrap_or_default(), actor.id());
    // One transaction, and a unique index of one admin per company: two transfers at once can't
    // leave two admins.
    Ok(web::Json(
        state
            .db(move |conn| {
                conn.atomic(|conn| {
                    users::appoint_admin(conn, company_id, id)?;
                    audit::record(
                        conn,
                        audit::Change::of(actor_id, "user.appoint_admin", (audit::TargetKind::User, id), ""),
                    )?;
                    users::get_row(conn, id)?.summary()
                })
            })
            .await?,
    ))
}
