//! The order desk's refund of one line of a paid order, and finance's record of its cash paid
//! back by hand. The whole order is refunded by cancelling it (`POST /admin/orders/{id}/cancel`).

use actix_web::{post, web};
use rc_types::ErrorBody;
use rc_types::orders::{Order, ReasonInput, RefundPaidInput};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Valid;
use crate::idempotency::IdempotencyKey;
use crate::state::AppState;
use crate::usecases::{line_refunds, orders as order_cases};

/// Refunds one line of a paid order (退款): its share of the coupon is not given back in money,
/// its 零钱 and credit shares go back to the rebate balance and the credit line (credit already
/// repaid on a bill comes back as cash), and its cash share is refunded through the gateway
/// that took it — or, for a bank transfer, owed back for finance to pay. Shares are
/// proportional to the line's total; the last line takes exactly what is left, and refunding it
/// cancels the order and gives its coupon back unused. Once per line; with `Idempotency-Key`, a
/// repeat answers the first result.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("line_id" = i64, Path, description = "Order line id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Same key and body: the first answer again"),
    ),
    request_body = ReasonInput,
    responses(
        (status = 200, description = "The order with the line refunded", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only operator staff who manage orders and finance refund", body = ErrorBody),
        (status = 404, description = "No such order or line", body = ErrorBody),
        (status = 409, description = "The order is not paid and live, the line was refunded already, or a credit repayment waits for finance", body = ErrorBody),
        (status = 422, description = "No reason given, or the Idempotency-Key was used for another request", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/lines/{line_id}/refund")]
pub async fn create_line_refund(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    key: IdempotencyKey,
    body: Valid<ReasonInput>,
) -> Result<web::Json<Order>, ApiError> {
    let (ids, actor, input, sealer) = (
        path.into_inner(),
        user.actor,
        body.validate()?,
        state.sealer.clone(),
    );
    let order = state
        .run(move |conn| {
            line_refunds::refund_line(conn, &sealer, &actor, &key, ids, input.reason.trim())?;
            order_cases::view(conn, &actor, ids.0)
        })
        .await?;
    state.mail_wakeup.notify_one();
    Ok(web::Json(order))
}

/// Records that finance paid a refunded line's cash back by hand (退款已付) with the payout's bank
/// reference; once. Refused while the cash goes back through the payment gateway.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Order id"),
        ("line_id" = i64, Path, description = "Order line id"),
    ),
    request_body = RefundPaidInput,
    responses(
        (status = 200, description = "The order with the line's cash paid back", body = Order),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the operator admin and finance staff pay refunds", body = ErrorBody),
        (status = 404, description = "No such order, or the line was not refunded", body = ErrorBody),
        (status = 409, description = "No cash is due on the line, it was paid already, or it goes back through the gateway", body = ErrorBody),
        (status = 422, description = "No reference given", body = ErrorBody),
    )
)]
#[post("/admin/orders/{id}/lines/{line_id}/refund/confirm")]
pub async fn confirm_line_refund(
    user: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: Valid<RefundPaidInput>,
) -> Result<web::Json<Order>, ApiError> {
    let (ids, actor, input) = (path.into_inner(), user.actor, body.validate()?);
    let order = state
        .run(move |conn| {
            line_refunds::settle(conn, &actor, ids, input.reference.trim())?;
            order_cases::view(conn, &actor, ids.0)
        })
        .await?;
    Ok(web::Json(order))
}
