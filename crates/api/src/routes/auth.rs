//! Login (§2.2) with the slider check, token refresh with rotation and reuse detection, logout,
//! emailed links (activation, invitation, password reset).

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Duration;
use rc_domain::password::check_new_password;
use rc_domain::slider::{CHALLENGE_TTL_SECS, verify_drag};
use rc_store::sessions::Rotation;
use rc_store::{sessions, tokens, users};
use rc_types::ErrorBody;
use rc_types::accounts::{Profile, UserStatus};
use rc_types::auth::{
    CompleteLink, LinkInfo, LinkToken, LoginRequest, PasswordResetRequest, SliderChallenge, TokenPurpose,
    TokenResponse,
};
use validator::Validate;

use crate::auth::extractor::load_actor;
use crate::auth::jwt::ACCESS_TTL_SECS;
use crate::auth::{AuthUser, cookies, passwords, tokens as token_util};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::routes::support::profile;
use crate::state::AppState;

/// How long emailed activation and invitation links stay valid.
pub const LINK_TTL_HOURS: i64 = 72;
/// How long a password-reset link stays valid.
pub const RESET_TTL_HOURS: i64 = 1;

fn bad_credentials() -> ApiError {
    ApiError::Unauthenticated("the email or password is incorrect, or the account is not active".to_owned())
}

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
    let id = uuid::Uuid::new_v4().to_string();
    let stored = id.clone();
    state
        .db(move |conn| {
            sessions::purge_challenges(conn)?;
            sessions::create_challenge(conn, &stored, Duration::seconds(i64::from(CHALLENGE_TTL_SECS)))
        })
        .await?;
    Ok(HttpResponse::Created().json(SliderChallenge {
        id,
        expires_in: CHALLENGE_TTL_SECS,
    }))
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
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    body.validate()?;
    let ip = state.limits.client_ip(&req);
    state.limits.login(ip, &body.email).await?;
    let challenge = body.slider.challenge_id.clone();
    let issued_ms_ago = state
        .db(move |conn| sessions::consume_challenge(conn, &challenge))
        .await?;
    let Some(issued_ms_ago) = issued_ms_ago else {
        return Err(ApiError::field(
            "slider",
            "expired",
            "the slider check expired; drag the slider again",
        ));
    };
    verify_drag(&body.slider.trace, issued_ms_ago)
        .map_err(|e| ApiError::field("slider", "slider", &e.to_string()))?;

    // The password is checked with no database connection held: a login flood can't starve
    // the pool while argon2 runs.
    let email = body.email.clone();
    let user = state.db(move |conn| users::find_by_email(conn, &email)).await?;
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = body.password.clone();
    let password_ok = passwords::verify_off_thread(password, stored_hash).await?;
    let Some(user) = user.filter(|_| password_ok) else {
        return Err(bad_credentials());
    };

    let session_id = uuid::Uuid::new_v4().to_string();
    let refresh = token_util::random_token();
    let (sid, refresh_hash, user_id) = (session_id.clone(), token_util::digest(&refresh), user.id);
    let signed_in = state
        .db(move |conn| {
            sessions::create(
                conn,
                &sid,
                user_id,
                &refresh_hash,
                Duration::days(cookies::SESSION_DAYS),
            )?;
            let Some(actor) = load_actor(conn, user_id, &sid)? else {
                sessions::revoke(conn, &sid, "account not active")?;
                return Ok(None);
            };
            users::record_login(conn, user_id)?;
            Ok(Some((actor, profile(conn, &actor)?)))
        })
        .await?;
    if signed_in.is_some() {
        state.limits.login_succeeded(ip, &body.email).await;
    }
    let Some((actor, profile)) = signed_in else {
        return Err(bad_credentials());
    };
    tracing::info!(user_id = actor.user_id, "signed in");
    Ok(token_response(
        &state,
        actor.user_id,
        &session_id,
        profile,
        &refresh,
    ))
}

/// The answer to a login or refresh: a new access token in the body, the refresh token in the cookie.
fn token_response(
    state: &AppState,
    user_id: i64,
    session_id: &str,
    profile: Profile,
    refresh: &str,
) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(cookies::refresh(refresh, state.secure_cookies()))
        .json(TokenResponse {
            access_token: state.jwt.issue(user_id, session_id),
            token_type: "Bearer".to_owned(),
            expires_in: ACCESS_TTL_SECS.unsigned_abs(),
            profile,
        })
}

/// Seconds after a rotation in which the spent refresh token still answers with its successor.
pub const REFRESH_GRACE_SECS: i64 = 15;

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
    let secure = state.secure_cookies();
    let unauthenticated = |message: &str| {
        let body = ApiError::Unauthenticated(message.to_owned());
        let mut response = actix_web::ResponseError::error_response(&body);
        let _ = response.add_cookie(&cookies::cleared(secure));
        Ok(response)
    };
    let Some(presented) = req.cookie(cookies::REFRESH_COOKIE).map(|c| c.value().to_owned()) else {
        return unauthenticated("no session: sign in");
    };
    let next = token_util::random_token();
    let (old_hash, new_hash) = (token_util::digest(&presented), token_util::digest(&next));
    let new_sealed = state.sealer.seal(&next);
    let outcome = state
        .db(move |conn| {
            let presented = sessions::Presented {
                old_hash: &old_hash,
                new_hash: &new_hash,
                new_sealed: &new_sealed,
            };
            let (session_id, user_id, successor) =
                match sessions::rotate(conn, presented, Duration::seconds(REFRESH_GRACE_SECS))? {
                    Rotation::Rotated { session_id, user_id } => (session_id, user_id, None),
                    Rotation::Repeated {
                        session_id,
                        user_id,
                        successor_sealed,
                    } => (session_id, user_id, Some(successor_sealed)),
                    Rotation::Reused => {
                        tracing::warn!("refresh token reuse: session revoked");
                        return Ok(None);
                    }
                    Rotation::Invalid => return Ok(None),
                };
            Ok(match load_actor(conn, user_id, &session_id)? {
                Some(actor) => Some((session_id, profile(conn, &actor)?, actor, successor)),
                None => None,
            })
        })
        .await?;
    let Some((session_id, profile, actor, successor)) = outcome else {
        return unauthenticated("the session has ended: sign in again");
    };
    let refresh = match successor {
        Some(sealed) => state
            .sealer
            .open(&sealed)
            .ok_or_else(|| ApiError::Internal("a stored refresh token does not open".to_owned()))?,
        None => next,
    };
    Ok(token_response(
        &state,
        actor.user_id,
        &session_id,
        profile,
        &refresh,
    ))
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
        .db(move |conn| sessions::revoke(conn, &sid, "logout"))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(cookies::cleared(state.secure_cookies()))
        .finish())
}

fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "invalid",
        "this link is invalid, has already been used or has expired",
    )
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
    body: web::Json<LinkToken>,
) -> Result<web::Json<LinkInfo>, ApiError> {
    body.validate()?;
    let hash = token_util::digest(&body.token);
    let info = state
        .db(move |conn| {
            let Some((user_id, purpose)) = tokens::peek(conn, &hash)? else {
                return Ok(None);
            };
            let user = users::get_row(conn, user_id)?;
            let company_name = match user.company_id {
                Some(id) => Some(rc_store::companies::get_row(conn, id)?.name().to_owned()),
                None => None,
            };
            Ok(Some(LinkInfo {
                purpose,
                email: user.email.clone(),
                company_name,
                role: user.role()?,
            }))
        })
        .await?;
    info.map(web::Json).ok_or_else(invalid_link)
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
    body: web::Json<CompleteLink>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    body.validate()?;
    let hash = token_util::digest(&body.token);
    let peek_hash = hash.clone();
    let (user_id, purpose) = state
        .db(move |conn| tokens::peek(conn, &peek_hash))
        .await?
        .ok_or_else(invalid_link)?;
    if purpose == TokenPurpose::Invitation {
        if body.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(ApiError::field("name", "required", "enter your name"));
        }
        if body.phone.is_none() {
            return Err(ApiError::field("phone", "required", "enter your phone number"));
        }
    }
    let user = state.db(move |conn| users::get_row(conn, user_id)).await?;
    let inputs = [
        user.email.as_str(),
        body.name.as_deref().unwrap_or(user.name.as_str()),
    ];
    if let Err(weak) = check_new_password(&body.password, &inputs) {
        return Err(ApiError::field("password", "weak", &weak.to_string()));
    }
    // Hashed with no database connection held.
    let hashed = passwords::hash_off_thread(body.password.clone()).await?;
    let done = state
        .db(move |conn| {
            conn.atomic(|conn| {
                if tokens::consume(conn, &hash)?.is_none() {
                    return Ok(false);
                }
                // Any other link still out (an older reset, a resent invitation) dies with this one.
                tokens::retire_all(conn, user_id)?;
                users::activate(
                    conn,
                    user_id,
                    &hashed,
                    body.name.as_deref(),
                    body.phone.as_deref(),
                )?;
                if purpose == TokenPurpose::PasswordReset {
                    sessions::revoke_user(conn, user_id, "password reset")?;
                }
                Ok(true)
            })
        })
        .await?;
    if !done {
        return Err(invalid_link());
    }
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
    body: web::Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let ip = state.limits.client_ip(&req);
    state.limits.form(ip).await?;
    let email = body.into_inner().email;
    let lookup = email.clone();
    let user = state.db(move |conn| users::find_by_email(conn, &lookup)).await?;
    let Some(user) = user else {
        return Ok(HttpResponse::Accepted().finish());
    };
    // Requests from many addresses can't flood one mailbox: past the account's hourly quota
    // (not counted from an address the user signed in from) the answer stays the same and no
    // mail goes out.
    if user.status()? != UserStatus::Active || !state.limits.account_mail(ip, &email).await {
        return Ok(HttpResponse::Accepted().finish());
    }
    let token = token_util::random_token();
    let (hash, link) = (token_util::digest(&token), state.link("reset-password", &token));
    let sealer = state.sealer.clone();
    state
        .db(move |conn| {
            conn.atomic(|conn| {
                tokens::issue(
                    conn,
                    user.id,
                    TokenPurpose::PasswordReset,
                    &hash,
                    Duration::hours(RESET_TTL_HOURS),
                )?;
                mail::queue(
                    conn,
                    &sealer,
                    &user.email,
                    &Mail::PasswordReset { link: &link },
                    &user.locale,
                )?;
                Ok(())
            })
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Accepted().finish())
}
