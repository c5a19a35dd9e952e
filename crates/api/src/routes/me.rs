//! The signed-in user's own profile (个人资料, §6.1) and password.

use actix_web::{HttpResponse, get, patch, post, web};
use rc_domain::password::check_new_password;
use rc_store::users;
use rc_types::ErrorBody;
use rc_types::accounts::{Profile, UpdateProfile};
use rc_types::auth::ChangePassword;

use crate::auth::{AuthUser, passwords};
use crate::error::ApiError;
use crate::extract::Valid;
use crate::routes::support::profile;
use crate::state::AppState;
use crate::usecases;

/// Login info, company registration info and the permissions that decide the menus.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = Profile),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
#[get("/me")]
pub async fn get_profile(user: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Profile>, ApiError> {
    Ok(web::Json(state.db(move |conn| profile(conn, &user.actor)).await?))
}

/// Edits one's own name and phone.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = UpdateProfile,
    responses(
        (status = 200, description = "The updated profile", body = Profile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[patch("/me")]
pub async fn update_profile(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<UpdateProfile>,
) -> Result<web::Json<Profile>, ApiError> {
    let body = body.validate()?;
    let updated = state
        .db(move |conn| {
            users::update(conn, user.id(), &body.name, &body.phone, None)?;
            profile(conn, &user.actor)
        })
        .await?;
    Ok(web::Json(updated))
}

/// Changes one's password; every other session of the user ends.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses(
        (status = 204, description = "Password changed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "Wrong current password or weak new password", body = ErrorBody),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    let body = body.validate()?;
    let user_id = user.id();
    let row = state.db(move |conn| users::get_row(conn, user_id)).await?;
    // Verified and hashed with no database connection held.
    if !passwords::verify_off_thread(body.current_password.clone(), row.password_hash.clone()).await? {
        return Err(ApiError::field(
            "current_password",
            "incorrect",
            "the current password is incorrect",
        ));
    }
    if let Err(weak) = check_new_password(&body.new_password, &[row.email.as_str(), row.name.as_str()]) {
        return Err(ApiError::field("new_password", "weak", &weak.to_string()));
    }
    let hashed = passwords::hash_off_thread(body.new_password).await?;
    state
        .run(move |conn| usecases::passwords::change(conn, user_id, &user.session_id, &hashed))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
