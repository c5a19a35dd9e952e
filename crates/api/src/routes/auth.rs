//! Login (§2.2) with the slider check, token refresh with rotation and reuse detection, logout,
//! emailed links (activation, invitation, password reset).

use actix_web::{HttpRequest, HttpResponse, post, web};
use rc_store::users;
use rc_types::ErrorBody;
use rc_types::auth::{
    CompleteLink, LinkInfo, LinkToken, LoginRequest, PasswordResetRequest, SliderChallenge, TokenResponse,
};

use crate::auth::jwt::ACCESS_TTL_SECS;
use crate::auth::{AuthUser, cookies, passwords};
use crate::error::ApiError;
use crate::extract::Valid;
use crate::state::AppState;
use crate::usecases::sessions::{self, Session};
use crate::usecases::{self, NewLink, links};

/// Issues a slider challenge (滑块) for the next login.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 201, description = "A single-use challenge", body = SliderChallenge),
        (status = 429, description = "Too many requests from this address", body = ErrorBody),
    )
)]
#[post("/auth/challenges")]
pub async fn create_challenge(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.limits.challenge(state.limits.client_ip(&req)).await?;
    let challenge = state.run(sessions::issue_challenge).await?;
    Ok(HttpResponse::Created().json(challenge))
}

/// Signs in with email, password and the slider; sets the refresh cookie.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the refresh token is in the HttpOnly cookie", body = TokenResponse),
        (status = 401, description = "Wrong email or password, or account not active (one generic message)", body = ErrorBody),
        (status = 422, description = "Invalid fields, or the slider check failed (field `slider`)", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address (for this account)", body = ErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn create_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Valid<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.validate()?;
    let ip = state.limits.client_ip(&req);
    state.limits.login(ip, &body.email).await?;
    let slider = body.slider.clone();
    state
        .run(move |conn| sessions::pass_slider(conn, &slider))
        .await?;
    // The password is checked with no database connection held: a login flood can't starve
    // the pool while argon2 runs.
    let email = body.email.clone();
    let user = state.db(move |conn| users::find_by_email(conn, &email)).await?;
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let password_ok = passwords::verify_off_thread(body.password.clone(), stored_hash).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        return Err(sessions::bad_credentials());
    };
    let user_id = user.id;
    let session = state.run(move |conn| sessions::open(conn, user_id)).await?;
    state.limits.login_succeeded(ip, &body.email).await;
    tracing::info!(user_id = session.actor.user_id, "signed in");
    Ok(token_response(&state, session))
}

/// The answer to a login or refresh: a new access token in the body, the refresh token in the cookie.
fn token_response(state: &AppState, session: Session) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(cookies::refresh(&session.refresh, state.secure_cookies()))
        .json(TokenResponse {
            access_token: state.jwt.issue(session.actor.user_id, &session.session_id),
            token_type: "Bearer".to_owned(),
            expires_in: ACCESS_TTL_SECS.unsigned_abs(),
            profile: session.profile,
        })
}

/// Exchanges the refresh cookie for a new access token and a new refresh cookie (rotation).
/// Two refreshes with one token within a few seconds (two tabs) both get the same new token;
/// presenting an already-used refresh token later ends the whole session.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "New access token; the refresh cookie is rotated", body = TokenResponse),
        (status = 401, description = "No, unknown, reused, expired or revoked refresh token", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_token(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let presented = req.cookie(cookies::REFRESH_COOKIE).map(|c| c.value().to_owned());
    let outcome = match presented {
        Some(presented) => {
            let sealer = state.sealer.clone();
            state
                .run(move |conn| sessions::refresh(conn, &sealer, &presented))
                .await
        }
        None => Err(ApiError::Unauthenticated("no session: sign in".to_owned())),
    };
    match outcome {
        Ok(session) => Ok(token_response(&state, session)),
        // A 401 also clears the cookie that no longer opens a session.
        Err(error @ ApiError::Unauthenticated(_)) => {
            let mut response = actix_web::ResponseError::error_response(&error);
            let _ = response.add_cookie(&cookies::cleared(state.secure_cookies()));
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

/// Signs out: ends the session at once and clears the refresh cookie.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
#[post("/auth/logout")]
pub async fn end_session(user: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sid = user.session_id.clone();
    state
        .db(move |conn| rc_store::sessions::revoke(conn, &sid, "logout"))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(cookies::cleared(state.secure_cookies()))
        .finish())
}

/// Tells what an emailed link is for, so the page can show the right form.
#[utoipa::path(
    tag = "auth",
    request_body = LinkToken,
    responses(
        (status = 200, description = "The link is valid", body = LinkInfo),
        (status = 422, description = "Invalid, used or expired link (field `token`)", body = ErrorBody),
    )
)]
#[post("/auth/links/inspect")]
pub async fn inspect_link(
    state: web::Data<AppState>,
    body: Valid<LinkToken>,
) -> Result<web::Json<LinkInfo>, ApiError> {
    let token = body.validate()?.token;
    Ok(web::Json(
        state.run(move |conn| links::inspect(conn, &token)).await?,
    ))
}

/// Completes an emailed link: sets the password (and, for invitations, name and phone); the
/// account becomes active. A reset also ends every existing session.
#[utoipa::path(
    tag = "auth",
    request_body = CompleteLink,
    responses(
        (status = 204, description = "Done; sign in with the new password"),
        (status = 422, description = "Invalid link, weak password, or missing name/phone for an invitation", body = ErrorBody),
    )
)]
#[post("/auth/links/complete")]
pub async fn complete_link(
    state: web::Data<AppState>,
    body: Valid<CompleteLink>,
) -> Result<HttpResponse, ApiError> {
    let input = std::sync::Arc::new(body.validate()?);
    let checking = input.clone();
    let checked = state.run(move |conn| links::check(conn, &checking)).await?;
    // Hashed with no database connection held.
    let hashed = passwords::hash_off_thread(input.password.clone()).await?;
    state
        .run(move |conn| links::complete(conn, &input, checked, &hashed))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Requests a password-reset link. The answer is the same whether or not the account exists.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the account exists, a reset link is on its way"),
        (status = 422, description = "Invalid email", body = ErrorBody),
        (status = 429, description = "Too many requests from this address", body = ErrorBody),
    )
)]
#[post("/auth/password-reset-requests")]
pub async fn request_password_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Valid<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.validate()?.email;
    let ip = state.limits.client_ip(&req);
    state.limits.form(ip).await?;
    let lookup = email.clone();
    let user = state
        .run(move |conn| usecases::passwords::reset_target(conn, &lookup))
        .await?;
    // Requests from many addresses can't flood one mailbox: past the account's hourly quota
    // (not counted from an address the user signed in from) the answer stays the same and no
    // mail goes out.
    if let Some(user) = user
        && state.limits.account_mail(ip, &email).await
    {
        let (sealer, link) = (state.sealer.clone(), NewLink::new(&state, "reset-password"));
        state
            .run(move |conn| usecases::passwords::send_reset(conn, &sealer, &user, &link))
            .await?;
        state.mail_wakeup.notify_one();
    }
    Ok(HttpResponse::Accepted().finish())
}
