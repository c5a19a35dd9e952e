//! The cashier of an order: what it still owes, its deadline, the methods, and starting an
//! attempt at a gateway.

use chrono::NaiveDateTime;
use rc_domain::permissions;
use rc_domain::{Actor, Fen};
use rc_store::DbConn;
use rc_store::assets::{credit, finance};
use rc_store::orders::{lifecycle, read};
use rc_store::payments::credit_pay;
use rc_types::Money;
use rc_types::checkout::PaymentMethod;
use rc_types::orders::{OrderStatus, PaymentStatus};
use rc_types::payments::{
    Cashier, CashierDetail, CashierMethod, CashierOption, CashierState, Gateway, MethodBlock, PaymentTarget,
    StartedPayment,
};

use super::{AttemptFor, attempts_of, gateway_options, start_attempt};
use crate::error::ApiError;
use crate::payments::Gateways;
use crate::usecases::orders::as_buyer;

/// Where an order's payment stands, as its cashier shows it.
pub fn cashier_state(order: &lifecycle::OrderRow) -> Result<CashierState, ApiError> {
    Ok(match (order.status()?, order.payment_status()?) {
        (OrderStatus::Cancelled, _) => CashierState::Cancelled,
        (_, PaymentStatus::AwaitingConfirmation) => CashierState::AwaitingConfirmation,
        (OrderStatus::PendingPayment, PaymentStatus::Unpaid) if order.payable_fen > 0 => {
            CashierState::Payable
        }
        _ => CashierState::Paid,
    })
}

/// The cashier of order `order_id` for its buyer `actor` at `at`.
pub fn order_cashier(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    order_id: i64,
    at: NaiveDateTime,
) -> Result<Cashier, ApiError> {
    as_buyer(conn, actor, order_id)?;
    let order = lifecycle::get(conn, order_id)?;
    let state = cashier_state(&order)?;
    let online = order.payment_method()? == PaymentMethod::Online;
    let payable = state == CashierState::Payable && online;
    let mut methods = gateway_options(gateways, payable);
    let credit = credit_option(conn, actor, &order, payable)?;
    let credit_available = credit.1;
    methods.push(credit.0);
    let detail = read::detail(conn, order_id)?
        .ok_or_else(|| ApiError::NotFound(format!("order {order_id} not found")))?;
    let (pending, latest) = attempts_of(conn, PaymentTarget::Order(order_id))?;
    let deadline = order.pay_deadline.filter(|_| state == CashierState::Payable);
    Ok(Cashier {
        target: PaymentTarget::Order(order_id),
        number: order.order_no.clone(),
        amount: Fen(order.payable_fen).to_money(),
        state,
        deadline: deadline.map(|d| d.and_utc()),
        seconds_left: deadline.map(|d| (d - at).num_seconds().max(0)),
        details: detail
            .lines
            .iter()
            .map(|l| CashierDetail {
                label: format!("{} · {}", l.priced.solution_name, l.priced.plan_name),
                quantity: l.priced.quantity,
                total: l.priced.total,
            })
            .collect(),
        methods,
        pending,
        latest,
        credit_available,
        credit_password_set: credit_pay::password(conn, actor.user_id)?.is_some(),
        order_status: Some(order.status()?),
        payment_status: Some(order.payment_status()?),
    })
}

/// Starts paying order `order_id` at `gateway`: a new attempt for exactly what is left to pay,
/// expiring with the order's deadline, and the signed form the browser submits to the gateway.
pub fn start_order_payment(
    conn: &mut DbConn,
    actor: &Actor,
    gateways: &Gateways,
    order_id: i64,
    gateway: Gateway,
    at: NaiveDateTime,
) -> Result<StartedPayment, ApiError> {
    as_buyer(conn, actor, order_id)?;
    conn.atomic_write(|conn| {
        let order = lifecycle::lock(conn, order_id)?;
        if order.payment_method()? != PaymentMethod::Online {
            return Err(ApiError::Conflict(
                "this order is paid by bank transfer (线下支付)".to_owned(),
            ));
        }
        match cashier_state(&order)? {
            CashierState::Payable => {}
            CashierState::Cancelled => {
                return Err(ApiError::Conflict(format!(
                    "order {} was cancelled",
                    order.order_no
                )));
            }
            _ => {
                return Err(ApiError::Conflict(format!(
                    "order {} needs no payment",
                    order.order_no
                )));
            }
        }
        if order.pay_deadline.is_some_and(|d| d <= at) {
            return Err(ApiError::Conflict(format!(
                "order {} is past its payment deadline",
                order.order_no
            )));
        }
        start_attempt(
            conn,
            gateways,
            gateway,
            AttemptFor {
                target: PaymentTarget::Order(order_id),
                company_id: order.company_id,
                amount: Fen(order.payable_fen),
                subject: &format!("经销商中心订单 {}", order.order_no),
                number: &order.order_no,
                expires_at: order.pay_deadline,
            },
            actor.user_id,
            at,
        )
    })
}

/// 蓝云信用支付 at the cashier of `order`: usable when the order waits, spends no credit yet, and
/// the buyer may spend the company's assets from a line that is neither on hold nor short; with
/// the line's available amount for a buyer who may see it.
fn credit_option(
    conn: &mut DbConn,
    actor: &Actor,
    order: &lifecycle::OrderRow,
    payable: bool,
) -> Result<(CashierOption, Option<Money>), ApiError> {
    let option = |blocked: Option<MethodBlock>| CashierOption {
        method: CashierMethod::Credit,
        available: blocked.is_none(),
        blocked,
    };
    let members = finance::settings(conn)?.members_see_assets;
    if !permissions::may_view_assets(actor, members) {
        return Ok((option(Some(MethodBlock::NotAllowed)), None));
    }
    let account = credit::summary(conn, order.company_id)?;
    let available =
        Fen::from_yuan(account.available.amount).map_err(|e| ApiError::Internal(e.to_string()))?;
    let blocked = if !payable {
        Some(MethodBlock::NotPayable)
    } else if order.credit_fen > 0 {
        Some(MethodBlock::CreditUsed)
    } else if credit::line(conn, order.company_id)?.is_none() {
        Some(MethodBlock::NoCreditLine)
    } else if account.on_hold {
        Some(MethodBlock::CreditOnHold)
    } else if available.0 < order.payable_fen {
        Some(MethodBlock::CreditShort)
    } else {
        None
    };
    Ok((option(blocked), Some(account.available)))
}
