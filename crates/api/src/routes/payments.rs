//! The cashier (蓝云支付平台) and the gateways' endpoints: notifications (the only thing that
//! marks a payment paid) and the payer's browser return (a hint that triggers a query).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rc_types::ErrorBody;
use rc_types::payments::{Cashier, PaymentTarget, StartPayment, StartedPayment};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Valid;
use crate::payments::parse_name;
use crate::state::AppState;
use crate::usecases::payments as cases;

/// 蓝云支付平台: what order `id` still owes, its deadline and the methods this payer may use.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The cashier", body = Cashier),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only (a distributor reading a reseller's order)", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
    )
)]
#[get("/orders/{id}/cashier")]
pub async fn get_order_cashier(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Cashier>, ApiError> {
    let (actor, id, at, gateways) = (
        user.actor,
        id.into_inner(),
        state.clock.now(),
        state.gateways.clone(),
    );
    let cashier = state
        .run(move |conn| cases::order_cashier(conn, &actor, &gateways, id, at))
        .await?;
    Ok(web::Json(cashier))
}

/// 立即支付: starts an attempt at a gateway for exactly what order `id` still owes and answers
/// the signed form the browser submits to the gateway's page. Each call is a new attempt (a new
/// `out_trade_no`); only the gateway's notification marks the order paid.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    request_body = StartPayment,
    responses(
        (status = 201, description = "The attempt and the gateway's form", body = StartedPayment),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Read-only", body = ErrorBody),
        (status = 404, description = "No such order within reach", body = ErrorBody),
        (status = 409, description = "Paid, cancelled, past its deadline or paid by transfer", body = ErrorBody),
        (status = 422, description = "The gateway is not available", body = ErrorBody),
    )
)]
#[post("/orders/{id}/payments")]
pub async fn create_order_payment(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<StartPayment>,
) -> Result<HttpResponse, ApiError> {
    let input = body.validate()?;
    let (actor, id, at, gateways) = (
        user.actor,
        id.into_inner(),
        state.clock.now(),
        state.gateways.clone(),
    );
    let started = state
        .run(move |conn| cases::start_order_payment(conn, &actor, &gateways, id, input.gateway, at))
        .await?;
    Ok(HttpResponse::Created().json(started))
}

/// 额度线上还款: the cashier of credit bill `id` — what it still owes and the gateways.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Bill id")),
    responses(
        (status = 200, description = "The cashier", body = Cashier),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "This user may not see the company's assets", body = ErrorBody),
        (status = 404, description = "No such bill of the company", body = ErrorBody),
    )
)]
#[get("/assets/credit/bills/{id}/cashier")]
pub async fn get_bill_cashier(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Cashier>, ApiError> {
    let (actor, id, gateways) = (user.actor, id.into_inner(), state.gateways.clone());
    let cashier = state
        .run(move |conn| cases::bill_cashier(conn, &actor, &gateways, id))
        .await?;
    Ok(web::Json(cashier))
}

/// Starts repaying credit bill `id` online: `amount` (default: all it still owes; partial
/// repayment allowed) through a gateway. The notification repays the bill and restores the
/// available amount; more than the bill owes by then is given back through the gateway.
#[utoipa::path(
    tag = "payments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Bill id")),
    request_body = StartPayment,
    responses(
        (status = 201, description = "The attempt and the gateway's form", body = StartedPayment),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "This user may not see the company's assets", body = ErrorBody),
        (status = 404, description = "No such bill of the company", body = ErrorBody),
        (status = 409, description = "The bill owes nothing", body = ErrorBody),
        (status = 422, description = "The gateway is not available, or the amount is invalid or more than owed", body = ErrorBody),
    )
)]
#[post("/assets/credit/bills/{id}/payments")]
pub async fn create_bill_payment(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Valid<StartPayment>,
) -> Result<HttpResponse, ApiError> {
    let input = body.validate()?;
    let (actor, id, at, gateways) = (
        user.actor,
        id.into_inner(),
        state.clock.now(),
        state.gateways.clone(),
    );
    let started = state
        .run(move |conn| {
            cases::start_bill_payment(
                conn,
                &actor,
                &gateways,
                id,
                input.gateway,
                input.amount.as_deref(),
                at,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(started))
}

/// A gateway's asynchronous notification (form-encoded, signed by the gateway). Answers what
/// the gateway's protocol asks (`success` for Alipay, HTTP 200 `ok` for UnionPay) once it is
/// recorded — applied, or a replay of one applied — and a failure for anything not believed,
/// which changes nothing and is logged.
#[utoipa::path(
    tag = "payments",
    params(("gateway" = String, Path, description = "`alipay` or `unionpay`")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "`success` / `ok`, or Alipay's `failure`", body = String),
        (status = 404, description = "No such gateway", body = ErrorBody),
        (status = 500, description = "UnionPay: not recorded, send again", body = String),
    )
)]
#[post("/payments/notify/{gateway}")]
pub async fn create_payment_notification(
    state: web::Data<AppState>,
    gateway: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let gateway = parse_name(&gateway).ok_or_else(|| ApiError::NotFound("no such gateway".to_owned()))?;
    let gateways = state.gateways.clone();
    let provider_gateways = gateways.clone();
    let handled = state
        .run(move |conn| cases::apply_notification(conn, &gateways, gateway, &body))
        .await
        .map(|verdict| verdict.handled());
    let handled = match handled {
        Ok(handled) => handled,
        Err(ApiError::NotFound(m)) => return Err(ApiError::NotFound(m)),
        Err(error) => {
            tracing::error!(%error, "a payment notification could not be recorded");
            false
        }
    };
    let provider = provider_gateways
        .get(gateway)
        .ok_or_else(|| ApiError::NotFound("no such gateway".to_owned()))?;
    let ack = provider.ack(handled);
    Ok(
        HttpResponse::build(actix_web::http::StatusCode::from_u16(ack.status).unwrap_or_default())
            .content_type("text/plain; charset=utf-8")
            .body(ack.body),
    )
}

async fn returned(
    state: web::Data<AppState>,
    gateway: &str,
    params: rc_payments::Params,
) -> Result<HttpResponse, ApiError> {
    let gateway = parse_name(gateway).ok_or_else(|| ApiError::NotFound("no such gateway".to_owned()))?;
    let gateways = state.gateways.clone();
    let provider = gateways
        .get(gateway)
        .ok_or_else(|| ApiError::NotFound("no such gateway".to_owned()))?;
    let Some(number) = provider.returned_trade(&params) else {
        return Ok(see_other("/account/orders"));
    };
    let attempt = state
        .db(move |conn| rc_store::payments::attempts::by_number(conn, &number))
        .await?;
    let Some(attempt) = attempt else {
        return Ok(see_other("/account/orders"));
    };
    let target = attempt.target()?;
    let back = see_other(&match target {
        PaymentTarget::Order(id) => format!("/account/orders/{id}/pay?returned=1"),
        PaymentTarget::Bill(id) => format!("/account/assets/credit/bills/{id}/pay?returned=1"),
    });
    if !state.limits.return_query(&attempt.out_trade_no).await {
        return Ok(back);
    }
    let call = provider.query_call(&attempt.out_trade_no, attempt.created_at.and_utc());
    let answer = match gateways.send(&call).await {
        Ok(body) => provider
            .parse_query(&body)
            .map(|outcome| (outcome, String::from_utf8_lossy(&body).into_owned()))
            .map_err(|e| e.to_string()),
        Err(why) => Err(why),
    };
    state
        .run(move |conn| cases::record_query(conn, &attempt, &answer))
        .await?;
    Ok(back)
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// The payer's browser back from the gateway (Alipay's `return_url`, a GET): triggers a query
/// of the attempt it names, records the answer and sends the browser to the cashier. Changes
/// nothing by itself.
#[utoipa::path(
    tag = "payments",
    params(("gateway" = String, Path, description = "`alipay` or `unionpay`")),
    responses(
        (status = 303, description = "To the cashier of what was paid", body = String),
        (status = 404, description = "No such gateway", body = ErrorBody),
    )
)]
#[get("/payments/return/{gateway}")]
pub async fn get_payment_return(
    state: web::Data<AppState>,
    gateway: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let params = rc_payments::params::parse_form(req.query_string().as_bytes());
    returned(state, &gateway, params).await
}

/// The payer's browser back from the gateway as a form post (UnionPay's `frontUrl`): as
/// [`get_payment_return`].
#[utoipa::path(
    tag = "payments",
    params(("gateway" = String, Path, description = "`alipay` or `unionpay`")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "To the cashier of what was paid", body = String),
        (status = 404, description = "No such gateway", body = ErrorBody),
    )
)]
#[post("/payments/return/{gateway}")]
pub async fn create_payment_return(
    state: web::Data<AppState>,
    gateway: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    returned(state, &gateway, rc_payments::params::parse_form(&body)).await
}
