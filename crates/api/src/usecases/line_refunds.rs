//! Refunding one line of a paid order from the order desk: who may, the gateway refund of its
//! cash share, the payout finance records by hand otherwise, and the desk's preview.

use rc_domain::{Actor, Fen, Permission};
use rc_store::DbConn;
use rc_store::orders::line_refunds::{self, LineRefundRow};
use rc_store::payments::attempts;
use rc_store::payments::refunds::{self, RefundFor};
use rc_types::orders::{LineRefundQuote, Order, OrderStatus};
use rc_types::payments::GatewayRefundStatus;

use super::orders::{Reach, change_error, notify_all, reach};
use crate::error::ApiError;
use crate::idempotency::IdempotencyKey;
use crate::mail::templates::OrderMail;
use crate::sealing::Sealer;

/// Whether `actor` may refund lines: operator staff who manage orders and finance (refunding
/// moves money, as cancelling a paid order does).
fn may_refund(actor: &Actor) -> bool {
    let may = |p| rc_domain::permissions::may(actor, p);
    actor.company.is_none() && may(Permission::ManageOrders) && may(Permission::ManageFinance)
}

/// Refunds line `line_id` of order `order_id` with `reason` (once per line; with an
/// `Idempotency-Key`, a repeat answers as the first did): each share back to its source, the
/// cash share through the gateway that took it when the order was paid online and all of the
/// line's cash is that payment's (else finance pays it by hand), the partner mailed.
pub fn refund_line(
    conn: &mut DbConn,
    sealer: &Sealer,
    actor: &Actor,
    key: &IdempotencyKey,
    (order_id, line_id): (i64, i64),
    reason: &str,
) -> Result<(), ApiError> {
    if reach(conn, actor, order_id)? != Reach::Staff || !may_refund(actor) {
        return Err(ApiError::Forbidden);
    }
    let scope = format!("line-refund:{}:{order_id}:{line_id}", actor.user_id);
    key.once(conn, &scope, &reason, |conn| {
        let done = line_refunds::refund_line(conn, order_id, line_id, reason, actor.user_id)
            .map_err(change_error)?;
        let row = &done.row;
        ask_gateway(conn, row, reason)?;
        let detail = row_detail(row);
        let mut mails = vec![(OrderMail::LineRefunded, detail.as_str())];
        match done.moved_to {
            Some(OrderStatus::Delivered) => mails.push((OrderMail::Delivered, "")),
            Some(OrderStatus::Cancelled) => mails.push((OrderMail::Cancelled, "全部商品已退款")),
            _ => {}
        }
        notify_all(conn, sealer, order_id, &mails)?;
        Ok(row.id)
    })?;
    Ok(())
}

/// What the partner's mail says about a refunded line.
fn row_detail(row: &LineRefundRow) -> String {
    let given_back = row.sources().given_back();
    if row.cash_due_fen > 0 {
        format!("退回 {given_back}，其中现金 {}", Fen(row.cash_due_fen))
    } else {
        format!("退回 {given_back}")
    }
}

/// Asks for the line's cash back through the gateway that took the order's money, when all of it
/// is that payment's and the payment still covers it.
fn ask_gateway(conn: &mut DbConn, row: &LineRefundRow, reason: &str) -> Result<(), ApiError> {
    if row.cash_fen == 0 || row.cash_due_fen != row.cash_fen {
        return Ok(());
    }
    let Some(attempt) = attempts::paying_order(conn, row.order_id)? else {
        return Ok(());
    };
    if refunds::refunded_of(conn, attempt.id)?.0 + row.cash_fen > attempt.amount_fen {
        return Ok(());
    }
    refunds::request(
        conn,
        &attempt,
        RefundFor::Line {
            order_id: row.order_id,
            line_refund_id: row.id,
        },
        Fen(row.cash_fen),
        &format!("订单部分退款：{reason}"),
    )?;
    Ok(())
}

/// Records that finance paid refunded line `line_id`'s cash back by hand (its bank `reference`);
/// refused while the cash goes back through the gateway.
pub fn settle(
    conn: &mut DbConn,
    actor: &Actor,
    (order_id, line_id): (i64, i64),
    reference: &str,
) -> Result<(), ApiError> {
    if reach(conn, actor, order_id)? != Reach::Staff
        || !rc_domain::permissions::may(actor, Permission::ManageFinance)
    {
        return Err(ApiError::Forbidden);
    }
    conn.atomic_write(|conn| {
        let row = line_refunds::of_order(conn, order_id)?
            .into_iter()
            .find(|r| r.line_id == line_id)
            .ok_or_else(|| ApiError::NotFound("no refund of this line".to_owned()))?;
        if through_gateway(conn, row.id)? {
            return Err(ApiError::Conflict(
                "this refund goes back through the payment gateway".to_owned(),
            ));
        }
        line_refunds::settle(conn, order_id, line_id, reference, actor.user_id).map_err(change_error)?;
        Ok(())
    })
}

/// Whether line refund `id`'s cash goes (or went) back through the gateway.
fn through_gateway(conn: &mut DbConn, id: i64) -> Result<bool, ApiError> {
    Ok(refunds::of_line_refunds(conn, &[id])?
        .get(&id)
        .is_some_and(|s| *s != GatewayRefundStatus::Refused))
}

/// The gateway paid refunded line `line_refund_id`'s cash back (its refund number `number`): the
/// payout is recorded in the name of the operator who refunded the line.
pub fn settle_through_gateway(conn: &mut DbConn, line_refund_id: i64, number: &str) -> Result<(), ApiError> {
    let row = line_refunds::get(conn, line_refund_id)?;
    match line_refunds::settle(conn, row.order_id, row.line_id, number, row.refunded_by) {
        Ok(_) | Err(rc_store::orders::lifecycle::OrderChangeError::State(_)) => Ok(()),
        Err(other) => Err(change_error(other)),
    }
}

/// Fills the order desk's side of `order` for `actor`: each line's refund preview (staff who
/// may refund, the order paid and live) and whether finance may record a line's cash paid back.
pub fn annotate(conn: &mut DbConn, actor: &Actor, order: &mut Order) -> Result<(), ApiError> {
    let refunding = may_refund(actor) && line_refunds::may_refund(order.status, order.payment_status);
    let finance = actor.company.is_none() && rc_domain::permissions::may(actor, Permission::ManageFinance);
    if !refunding && !finance {
        return Ok(());
    }
    let row = rc_store::orders::lifecycle::get(conn, order.id)?;
    let done = line_refunds::of_order(conn, order.id)?;
    let lines = if refunding {
        line_refunds::lines_of(conn, &row)?
    } else {
        Vec::new()
    };
    for line in &mut order.lines {
        match &mut line.refund {
            Some(refund) => {
                refund.settle = finance
                    && refund.cash_due.amount > rust_decimal::Decimal::ZERO
                    && refund.paid_at.is_none()
                    && refund.gateway.is_none_or(|s| s == GatewayRefundStatus::Refused);
            }
            None if refunding => {
                line.refund_quote =
                    line_refunds::quote(&row, &lines, &done, line.id).map(|s| LineRefundQuote {
                        given_back: s.given_back().to_money(),
                        coupon_forfeited: s.coupon.to_money(),
                        rebate: s.rebate.to_money(),
                        credit: s.credit.to_money(),
                        cash: s.cash.to_money(),
                    });
            }
            None => {}
        }
    }
    Ok(())
}
