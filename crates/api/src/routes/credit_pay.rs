//! 蓝云信用支付 (§10.3.2 A): the credit-centre password (set and changed in 我的资产), the
//! mailed one-time code and paying an order from the credit line with both.

use actix_web::{HttpResponse, get, post, put, web};
use rc_domain::password::check_new_password;
use rc_types::ErrorBody;
use rc_types::orders::Order;
use rc_types::payments::{CreditCodeSent, CreditPassword, CreditPay, SetCreditPassword};

use crate::auth::AuthUser;
use crate::auth::passwords::{hash_off_thread, verify_off_thread};
use crate::error::ApiError;
use crate::extract::Valid;
use crate::idempotency::IdempotencyKey;
use crate::state::AppState;
use crate::usecases::credit_pay as cases;

/// Whether the signed-in user has set a credit-centre password (信用中心密码).
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Set or not, and when", body = CreditPassword),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
#[get("/assets/credit/password")]
pub async fn get_credit_password(
    user: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<CreditPassword>, ApiError> {
    let user_id = user.actor.user_id;
    let answer = state
        .run(move |conn| cases::password_state(conn, user_id))
        .await?;
    Ok(web::Json(answer))
}

/// Sets the credit-centre password (the first time: confirmed with the login password) or
/// changes it (confirmed with the current one). It must differ from the login password. Wrong
/// passwords are rate-limited like logins.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    request_body = SetCreditPassword,
    responses(
        (status = 200, description = "Set", body = CreditPassword),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "This user may not spend the company's assets", body = ErrorBody),
        (status = 409, description = "Changed meanwhile by another request", body = ErrorBody),
        (status = 422, description = "Wrong current password, or a weak or reused new one", body = ErrorBody),
        (status = 429, description = "Too many checks", body = ErrorBody),
    )
)]
#[put("/assets/credit/password")]
pub async fn update_credit_password(
    user: AuthUser,
    state: web::Data<AppState>,
    body: Valid<SetCreditPassword>,
) -> Result<web::Json<CreditPassword>, ApiError> {
    let input = body.validate()?;
    let user_id = user.actor.user_id;
    let actor = user.actor;
    state.limits.credit_password(user_id).await?;
    let (credit, login) = state
        .run(move |conn| cases::password_hashes(conn, &actor))
        .await?;
    let checked_against = credit.clone().or_else(|| login.clone());
    if !verify_off_thread(input.current_password.clone(), checked_against).await? {
        return Err(ApiError::field(
            "current_password",
            "wrong",
            if credit.is_some() {
                "the current credit-centre password is wrong"
            } else {
                "enter your login password to set the first credit-centre password"
            },
        ));
    }
    state.limits.credit_password_succeeded(user_id).await;
    if verify_off_thread(input.new_password.clone(), login).await? {
        return Err(ApiError::field(
            "new_password",
            "same_as_login",
            "choose a password different from the login password",
        ));
    }
    if let Err(weak) = check_new_password(&input.new_password, &[]) {
        return Err(ApiError::field("new_password", "weak", &weak.to_string()));
    }
    let hash = hash_off_thread(input.new_password).await?;
    let at = state.clock.now();
    let answer = state
        .run(move |conn| cases::set_password(conn, user_id, credit.as_deref(), &hash, at))
        .await?;
    tracing::info!(user_id, "credit-centre password set");
    Ok(web::Json(answer))
}

/// Mails the signed-in buyer a 6-digit code for paying order `id` from the credit line (valid
/// 5 minutes, single use, 5 wrong tries; a new one voids the last, at most one a minute).
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 201, description = "Sent", body = CreditCodeSent),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the buyer, or may not spend the company's assets", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "Not payable now, or already spends credit", body = ErrorBody),
        (status = 422, description = "No credit-centre password set yet", body = ErrorBody),
        (status = 429, description = "A code was sent less than a minute ago", body = ErrorBody),
    )
)]
#[post("/orders/{id}/credit-pay/code")]
pub async fn create_credit_pay_code(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    state.limits.credit_code(user.actor.user_id).await?;
    let (actor, id, at, sealer) = (
        user.actor,
        id.into_inner(),
        state.clock.now(),
        state.sealer.clone(),
    );
    let sent = state
        .run(move |conn| cases::send_code(conn, &actor, &sealer, id, at))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(HttpResponse::Created().json(sent))
}

/// 蓝云信用支付: pays order `id` in full from the company's credit line, with the credit-centre
/// password and the mailed code. Refused with a clear message when the line is short or on
/// hold (the code stays usable). With `Idempotency-Key`, a repeat answers the first result.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again"),
    ),
    request_body = CreditPay,
    responses(
        (status = 200, description = "Paid: the order", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the buyer, or may not spend the company's assets", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "Not payable now, or already spends credit", body = ErrorBody),
        (status = 422, description = "Wrong password or code, no password set, or the line short or on hold", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords", body = ErrorBody),
    )
)]
#[post("/orders/{id}/credit-pay")]
pub async fn create_credit_payment(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    key: IdempotencyKey,
    body: Valid<CreditPay>,
) -> Result<web::Json<Order>, ApiError> {
    let input = body.validate()?;
    let user_id = user.actor.user_id;
    let (actor, id) = (user.actor, id.into_inner());
    let at = state.clock.now();
    // Whose order it is comes before any password is looked at.
    let stored = state
        .run(move |conn| {
            cases::may_pay(conn, &actor, id)?;
            Ok(rc_store::payments::credit_pay::password(conn, user_id)?)
        })
        .await?
        .map(|(hash, _)| hash)
        .ok_or_else(cases::no_password)?;
    state.limits.credit_password(user_id).await?;
    if !verify_off_thread(input.password.clone(), Some(stored)).await? {
        return Err(ApiError::field(
            "password",
            "wrong",
            "the credit-centre password is wrong",
        ));
    }
    state.limits.credit_password_succeeded(user_id).await;
    let sealer = state.sealer.clone();
    let order = state
        .run(move |conn| cases::pay(conn, &actor, &sealer, &key, id, &input.code, at))
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}
