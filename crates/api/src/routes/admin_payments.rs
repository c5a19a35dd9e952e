//! The operator's payments ledger: an order's online payments and the reconciliation (对账).

use actix_web::{get, web};
use rc_types::ErrorBody;
use rc_types::payments::{PaymentRecords, Reconciliation, ReconciliationQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::state::AppState;
use crate::usecases::payments as cases;

/// 支付流水 of order `id`: its attempts at the gateways, their ledger entries (raw messages
/// included) and refunds through the gateway.
#[utoipa::path(
    tag = "order desk",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order's payments", body = PaymentRecords),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Operator staff who may see orders only", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
    )
)]
#[get("/admin/orders/{id}/payments")]
pub async fn list_order_payments(
    user: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<PaymentRecords>, ApiError> {
    let (actor, id) = (user.actor, id.into_inner());
    let records = state
        .run(move |conn| cases::order_records(conn, &actor, id))
        .await?;
    Ok(web::Json(records))
}

/// 对账: per China day and gateway, attempts, paid, expected against notified amounts and
/// refunds, mismatches flagged; with the flagged ledger entries of the period (≤ 93 days).
#[utoipa::path(
    tag = "finance",
    security(("bearer" = [])),
    params(ReconciliationQuery),
    responses(
        (status = 200, description = "The reconciliation", body = Reconciliation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Finance staff and the operator admin only", body = ErrorBody),
        (status = 422, description = "The period is reversed or longer than 93 days", body = ErrorBody),
    )
)]
#[get("/admin/finance/reconciliation")]
pub async fn get_reconciliation(
    user: AuthUser,
    state: web::Data<AppState>,
    query: ValidQuery<ReconciliationQuery>,
) -> Result<web::Json<Reconciliation>, ApiError> {
    let (actor, query) = (user.actor, query.validate()?);
    let today = (state.clock.now() + chrono::Duration::hours(8)).date();
    let answer = state
        .run(move |conn| cases::reconciliation(conn, &actor, &query, today))
        .await?;
    Ok(web::Json(answer))
}
